/**
 * Preloaded (`node -r`) into a command a bench row runs as a user would: prints the process's peak RSS
 * (KiB) and its CPU time (user + system, ms, every thread) as the last lines of standard error when it exits,
 * so the row reads them without /usr/bin/time.
 */
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nbench-maxrss-kib:${u.maxRSS}\nbench-cpu-ms:${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
});
