/**
 * StreamWriter gathers texts into UTF-8 chunks (stdout-writer.ts): whatever the texts (ASCII, Japanese, pairs
 * of surrogates, texts longer than a chunk, empty ones) and the chunk size, the stream gets the very bytes of
 * the texts in their order, and a flush leaves nothing behind.
 */
import fc from 'fast-check';
import { PassThrough } from 'node:stream';
import { StreamWriter } from '../../src/cli/stdout-writer';

async function through(texts: (string | Buffer)[], chunk: number, highWaterMark: number): Promise<Buffer> {
  const s = new PassThrough({ highWaterMark });
  const got: Buffer[] = [];
  s.on('data', (c: Buffer) => got.push(c));
  const w = new StreamWriter(s, chunk);
  for (const t of texts) {
    const p = typeof t === 'string' ? w.write(t) : w.writeBytes(t);
    if (p) await p;
  }
  await w.flush();
  s.end();
  await new Promise((r) => s.on('end', r));
  return Buffer.concat(got);
}

describe('StreamWriter bytes', () => {
  it('writes the UTF-8 of every text in order, for any texts and chunk sizes', async () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom('', '\n', '端末はオフライン環境です\n', '😀', 'x'.repeat(300), 'ルート'.repeat(200)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 2048 }), fc.integer({ min: 1, max: 4096 }), async (texts, chunk, hwm) => {
        expect((await through(texts, chunk, hwm)).equals(Buffer.from(texts.join(''), 'utf8'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('writeBytes: bytes between texts come out in order, for any pieces and chunk sizes', async () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }).map((t) => Buffer.from(t)),
      fc.constantFrom<string | Buffer>('', Buffer.alloc(0), '端末\n', Buffer.from('ルート'.repeat(300)), Buffer.from('x'.repeat(5000))),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 2048 }), fc.integer({ min: 1, max: 4096 }), async (pieces, chunk, hwm) => {
        const want = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
        expect((await through(pieces, chunk, hwm)).equals(want)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('sends a chunk once it holds the chunk size (64 KiB by default), not per text', async () => {
    const s = new PassThrough({ highWaterMark: 1 << 30 });
    const sizes: number[] = [];
    s.on('data', (c: Buffer) => sizes.push(c.length));
    const w = new StreamWriter(s);
    const line = '{"name":"PC-000001","ready":true}\n';
    for (let i = 0; i < 10_000; i++) void w.write(line);
    await w.flush();
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(line.length * 10_000);
    expect(sizes.length).toBeLessThanOrEqual(Math.ceil((line.length * 10_000) / (64 * 1024)) + 1);
    expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThanOrEqual(64 * 1024);
  });
});

describe('StreamWriter chunk buffers', () => {
  it('a stream with a file descriptor (a file, as stdout may be) gets the exact bytes while the writer reuses its chunk buffers', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-writer-'));
    try {
      const file = path.join(dir, 'out.txt');
      const s = fs.createWriteStream(file);
      await new Promise((r) => s.on('open', r));
      const texts = Array.from({ length: 20_000 }, (_, i) => `${i} 端末 ${'x'.repeat(i % 97)}\n`);
      const w = new StreamWriter(s, 4096);
      for (const t of texts) {
        const p = w.write(t);
        if (p) await p;
      }
      await w.flush();
      await new Promise((r) => s.end(r));
      expect(fs.readFileSync(file).equals(Buffer.from(texts.join(''), 'utf8'))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a stream without one (a PassThrough hands the buffer itself to its reader) never gets a buffer twice', async () => {
    const s = new PassThrough({ highWaterMark: 1 << 30 });
    const got: Buffer[] = [];
    s.on('data', (c: Buffer) => got.push(c));
    const w = new StreamWriter(s, 1024);
    for (let i = 0; i < 5000; i++) {
      const p = w.write(`line ${i}\n`);
      if (p) await p;
    }
    await w.flush();
    // no two chunks share memory (small buffers may share one pool's ArrayBuffer, at different offsets)
    const places = new Map<ArrayBufferLike, Set<number>>();
    for (const b of got) places.set(b.buffer, (places.get(b.buffer) ?? new Set()).add(b.byteOffset));
    expect([...places.values()].reduce((n, o) => n + o.size, 0)).toBe(got.length);
    // and every chunk still holds what it held when it was sent
    expect(Buffer.concat(got).toString('utf8')).toBe(Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join(''));
  });
});
