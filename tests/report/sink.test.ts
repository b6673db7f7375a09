/** FileSink (src/report/sink.ts): what is written is the UTF-8 of the texts, in order, whatever their sizes. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { FileSink, OutputSet } from '../../src/report/sink';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-sink-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const piece = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom('日本語のテキスト', '😀', '\ud800', '\udc00x', '\r\n', ''),
  fc.nat(90_000).map((n) => 'あ'.repeat(n)),
  fc.nat(200_000).map((n) => 'a'.repeat(n)),
);

describe('FileSink', () => {
  it('writes exactly the UTF-8 of every text in order (small and large, multi-byte, surrogates)', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (texts) => {
        const file = path.join(dir, `out${n++}.txt`);
        const sink = new FileSink(file);
        for (const t of texts) sink.write(t);
        sink.close();
        expect(fs.readFileSync(file).equals(Buffer.from(texts.join(''), 'utf8'))).toBe(true);
      }),
      { numRuns: 60, seed: 20261130 },
    );
  });

  it('leaves the target untouched until close, and refuses writes after it', () => {
    const file = path.join(dir, 'report.csv');
    fs.writeFileSync(file, 'old');
    const sink = new FileSink(file);
    sink.write('x'.repeat(100_000));
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    sink.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('x'.repeat(100_000));
    expect(() => sink.write('late')).toThrow(/written after close/);
  });

  it('in the background (thread-pool writes at their offsets, some synchronous past the in-flight bound) writes the same bytes', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), fc.boolean(), async (texts, yieldBetween) => {
        const file = path.join(dir, `bg${n++}.txt`);
        const sink = new FileSink(file, false, { background: true });
        for (const t of texts) {
          sink.write(t);
          // the event loop turns (writes complete, chunks are reused) or not (the in-flight bound is reached)
          if (yieldBetween) await new Promise((r) => setImmediate(r));
        }
        sink.close();
        expect(() => sink.commit()).toThrow(/finish\(\) before commit/);
        await sink.finish();
        sink.commit();
        expect(fs.readFileSync(file).equals(Buffer.from(texts.join(''), 'utf8'))).toBe(true);
      }),
      { numRuns: 40, seed: 20261208 },
    );
  });

  it("an OutputSet in the background commits only after finishWrites(); discard with writes in flight leaves nothing", async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'set-'));
    const set = new OutputSet();
    set.writeInBackground();
    const a = set.open(path.join(sub, 'a.txt'));
    const b = set.open(path.join(sub, 'b.txt'));
    for (let i = 0; i < 2000; i++) {
      a.write(`行 ${i} ${'x'.repeat(100)}\n`);
      b.write(`${i},${'y'.repeat(50)}\r\n`);
    }
    set.writeFile(path.join(sub, 'c.bin'), Buffer.from([1, 2, 3]));
    expect(() => set.commit()).toThrow(/finishWrites\(\) before commit/);

    const set2 = new OutputSet();
    set2.writeInBackground();
    const c = set2.open(path.join(sub, 'd.txt'));
    for (let i = 0; i < 100; i++) c.write('z'.repeat(60_000));
    set2.discard();
    await new Promise((r) => setTimeout(r, 200));
    expect(fs.readdirSync(sub).filter((f) => f.includes('d.txt'))).toEqual([]);

    const set3 = new OutputSet();
    set3.writeInBackground();
    const e = set3.open(path.join(sub, 'a.txt'));
    for (let i = 0; i < 2000; i++) e.write(`行 ${i} ${'x'.repeat(100)}\n`);
    await set3.finishWrites();
    set3.commit();
    const want = Array.from({ length: 2000 }, (_, i) => `行 ${i} ${'x'.repeat(100)}\n`).join('');
    expect(fs.readFileSync(path.join(sub, 'a.txt'), 'utf8')).toBe(want);
    expect(fs.readdirSync(sub).filter((f) => f.startsWith('.a.txt'))).toEqual([]);
  });

  it('writeEncoded (bytes encoded once) and write interleave in order, in both modes', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(piece, fc.boolean()), { maxLength: 30 }), fc.boolean(), async (parts, background) => {
        const file = path.join(dir, `enc${n++}.txt`);
        const sink = new FileSink(file, false, { background });
        for (const [t, encoded] of parts) {
          if (encoded) sink.writeEncoded(Buffer.from(t, 'utf8'));
          else sink.write(t);
        }
        sink.close();
        await sink.finish();
        sink.commit();
        // each text is encoded on its own (a surrogate split over two texts is two replacement characters)
        expect(fs.readFileSync(file).equals(Buffer.concat(parts.map(([t]) => Buffer.from(t, 'utf8'))))).toBe(true);
      }),
      { numRuns: 40, seed: 20261208 },
    );
  });
});
