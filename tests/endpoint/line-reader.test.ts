/**
 * readLines on UTF-8 files decodes the whole lines of a chunk at once when they are valid UTF-8 (issue 18.8,
 * speed): it must give exactly the lines that decoding each line on its own gives (a CR before the LF and one
 * BOM at a line's start dropped, an invalid line flagged, a too-long line reported), wherever chunks end.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readLines, type StreamedLine } from '../../src/endpoint/line-reader';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-line-reader-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What reading `bytes` line by line gives: the reference the chunked reader must match. */
function reference(bytes: Buffer, maxLineBytes: number): StreamedLine[] {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const lenient = new TextDecoder('utf-8');
  const out: StreamedLine[] = [];
  let start = 0;
  let line = 1;
  for (;;) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl;
    if (nl < 0 && end === start) break;
    let b = bytes.subarray(start, end);
    if (b.length > maxLineBytes) out.push({ line, tooLong: true, length: b.length });
    else {
      if (b.length && b[b.length - 1] === 0x0d) b = b.subarray(0, -1);
      if (line === 1 && b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
      try {
        out.push({ line, text: strict.decode(b) });
      } catch {
        out.push({ line, text: lenient.decode(b), invalidEncoding: true });
      }
    }
    if (nl < 0) break;
    line++;
    start = nl + 1;
  }
  return out;
}

async function read(bytes: Buffer, maxLineBytes: number): Promise<StreamedLine[]> {
  const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.jsonl`);
  fs.writeFileSync(file, bytes);
  const out: StreamedLine[] = [];
  for await (const l of readLines(file, maxLineBytes)) out.push(l);
  fs.rmSync(file);
  return out;
}

describe('readLines: whole chunks decoded at once give the lines decoded one by one', () => {
  it('over chunk ends, with CRLF, BOMs at line starts, Japanese, invalid bytes and empty lines', async () => {
    const parts: Buffer[] = [Buffer.from('\uFEFF{"name":"first"}\r\n')];
    for (let i = 0; i < 6000; i++) {
      const kind = i % 11;
      if (kind === 0) parts.push(Buffer.from(`{"name":"PC-${i}","note":"端末 ${i}"}\r\n`));
      else if (kind === 1) parts.push(Buffer.from(`\uFEFF{"name":"PC-${i}"}\n`));
      else if (kind === 2) parts.push(Buffer.from('\n'));
      else if (kind === 3 && i % 7 === 0) parts.push(Buffer.concat([Buffer.from(`{"name":"bad-${i}`), Buffer.from([0xff, 0xc3]), Buffer.from('"}\n')]));
      else if (kind === 4) parts.push(Buffer.from('\uFEFF\uFEFF\r\n'));
      else parts.push(Buffer.from(`{"name":"PC-${i}","hotfixes":["KB${5000000 + i}"]}\n`));
    }
    parts.push(Buffer.from('{"name":"last, no LF"}'));
    const bytes = Buffer.concat(parts);
    expect(bytes.length).toBeGreaterThan(3 * 65536);
    expect(await read(bytes, 1 << 20)).toEqual(reference(bytes, 1 << 20));
  });

  it('with a line limit smaller than a chunk: too-long lines reported, the others read', async () => {
    const parts: Buffer[] = [];
    for (let i = 0; i < 3000; i++) parts.push(Buffer.from(i % 97 === 0 ? `{"long":"${'x'.repeat(300 + i)}"}\n` : `{"name":"PC-${i}"}\r\n`));
    const bytes = Buffer.concat(parts);
    expect(await read(bytes, 256)).toEqual(reference(bytes, 256));
  });
});
