/** FileSink (src/report/sink.ts): what is written is the UTF-8 of the texts, in order, whatever their sizes. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { FileSink } from '../../src/report/sink';

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
});
