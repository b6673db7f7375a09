/** A progress line on stderr (only when stderr is a terminal): machines done and the rate, redrawn at most 10 times a second. */
import { text } from '../../messages/texts';

export interface Progress {
  tick(done: number): void;
  end(): void;
}

export function progressLine(write: (s: string) => void, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled) return { tick: () => undefined, end: () => undefined };
  const start = now();
  let last = 0;
  let shown = false;
  const frames = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
  const draw = (done: number) => {
    const secs = Math.max(0.001, (now() - start) / 1000);
    const bar = Array.from({ length: 20 }, (_, i) => (i === Math.floor(done / 50) % 20 ? frames[done % 8] : '░')).join('');
    write('\r' + text('terminal.progress', 'en', { bar, done: done.toLocaleString('en-US'), rate: Math.round(done / secs).toLocaleString('en-US') }));
    shown = true;
  };
  return {
    tick(done) {
      const t = now();
      if (t - last < 100) return;
      last = t;
      draw(done);
    },
    end() {
      if (shown) write('\r\x1b[K');
    },
  };
}
