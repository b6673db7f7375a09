/**
 * Clean-up on SIGINT / SIGTERM / SIGHUP: while a report is being written, these signals first run the
 * registered clean-ups (remove the run's own temporary files, release its lock), then the signal takes its
 * default action again and is raised once more, so the process ends as the signal would have ended it (a shell
 * shows exit status 130 / 143 / 129). When the program has listeners of its own for the signal, the clean-ups
 * still run but the process is left to them (the interrupted report then refuses to commit).
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Sig = (typeof SIGNALS)[number];

const cleanups = new Set<(signal: Sig) => void>();
const handlers = new Map<Sig, () => void>();

function install(): void {
  if (handlers.size) return;
  for (const sig of SIGNALS) {
    const h = (): void => onSignal(sig);
    handlers.set(sig, h);
    process.on(sig, h);
  }
}

function uninstall(): void {
  for (const [sig, h] of handlers) process.removeListener(sig, h);
  handlers.clear();
}

function onSignal(sig: Sig): void {
  const todo = [...cleanups];
  cleanups.clear();
  uninstall();
  for (const c of todo) {
    try {
      c(sig);
    } catch {
      /* best effort: the others still run */
    }
  }
  // no other listener: the default action (terminate) is back in place; raise the signal again
  if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
}

/** Runs `cleanup` (synchronously) if one of the signals arrives before the returned function is called. */
export function cleanupOnSignal(cleanup: (signal: Sig) => void): () => void {
  cleanups.add(cleanup);
  install();
  return () => {
    cleanups.delete(cleanup);
    if (!cleanups.size) uninstall();
  };
}
