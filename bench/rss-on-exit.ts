/**
 * Preloaded (`node -r`) into a command a bench row runs as a user would: prints the process's peak RSS
 * (KiB) as the last line of standard error when it exits, so the row reads it without /usr/bin/time.
 */
process.on('exit', () => {
  process.stderr.write(`\nbench-maxrss-kib:${process.resourceUsage().maxRSS}\n`);
});
