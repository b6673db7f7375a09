/**
 * Deep verification of hostile containers: a 10 000-file cabinet (read up to the file bound, with a note), a
 * decompression bomb (stopped at the byte bound), cabinets nested deeper than the depth bound, a damaged
 * CFDATA checksum (the member is named with why), each in bounded time, leaving no temporary files.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { verifyFile } from '../../../src/authenticode/verify-file';
import { buildCab } from '../../helpers/cab-writer';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'acs-deep-bounds-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, b: Buffer): string => {
  const p = path.join(dir, name);
  writeFileSync(p, b);
  return p;
};

describe('deep verification bounds', () => {
  it('reads a 10 000-file cabinet up to the file bound and says so', async () => {
    const files = Array.from({ length: 10_000 }, (_, i) => ({ name: `f\\${i}.txt`, data: Buffer.from(`${i}`) }));
    const cab = write('many.cab', buildCab(files));
    // a temporary root of this test's own (not counted in the shared /tmp, where another run may be unpacking)
    const temp = path.join(dir, 'unpack');
    mkdirSync(temp);
    const started = Date.now();
    const r = await verifyFile(cab, { deep: { maxFiles: 1000, tempDir: temp } });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.contents).toHaveLength(1000);
    expect(r.deepSummary!.truncated).toBe(true);
    expect(r.deepSummary!.notes.join('\n')).toMatch(/bound of 1000 files read in all was reached/);
    expect(readdirSync(temp)).toEqual([]);
  }, 120_000);

  it('stops a decompression bomb at the byte bound', async () => {
    const cab = write('bomb.cab', buildCab([{ name: 'zeros.bin', data: Buffer.alloc(4 * 1024 * 1024) }], { mszip: true }));
    const r = await verifyFile(cab, { deep: { maxTotalBytes: 256 * 1024 } });
    expect(r.contents).toEqual([]);
    expect(r.deepSummary!.truncated).toBe(true);
    expect(r.deepSummary!.notes.join('\n')).toMatch(/bound on total expansion|bytes extracted in all/);
  }, 60_000);

  it('opens nested cabinets down to the depth bound only', async () => {
    let inner = buildCab([{ name: 'payload.txt', data: Buffer.from('deepest') }]);
    for (let i = 0; i < 6; i++) inner = buildCab([{ name: `level${i}.cab`, data: inner }], { mszip: i % 2 === 0 });
    const r = await verifyFile(write('nested.cab', inner), { deep: { maxDepth: 3 } });
    let e = r.contents![0]!;
    let depth = 1;
    while (e.contents && e.contents.length) {
      e = e.contents[0]!;
      depth++;
    }
    expect(depth).toBe(3);
    expect(e.notes!.join('\n')).toMatch(/nested 3 deep is the bound/);
    expect(r.deepSummary!.truncated).toBe(true);
  }, 60_000);

  it('names a member whose data block fails its checksum', async () => {
    const b = buildCab([{ name: 'a.txt', data: Buffer.from('hello world') }]);
    b[b.length - 1] ^= 1;
    const r = await verifyFile(write('bad.cab', b), { deep: true });
    expect(r.contents).toEqual([]);
    expect(r.deepSummary!.notes.join('\n')).toMatch(/a\.txt: CFDATA block 0 of folder 0 fails its checksum/);
  }, 60_000);
});

describe('deep verification of an LZX cabinet', () => {
  it('extracts and verifies the members of an LZX folder (2 MiB window), over several frames', async () => {
    const { buildPe } = await import('../../helpers/pe-writer');
    const pe = buildPe({ machine: 'arm64', overlay: Buffer.alloc(100_000, 0x5a) });
    const text = Buffer.from('LZX '.repeat(30_000));
    const r = await verifyFile(write('lzx.cab', buildCab([{ name: 'bin\\tool.exe', data: pe }, { name: 'notes.txt', data: text }], { lzxWindowBits: 21 })), { deep: true });
    const m = new Map(r.contents!.map((e) => [e.path, e]));
    expect(m.get('bin\\tool.exe')).toMatchObject({ format: 'pe', verdict: 'unsigned', machine: 'arm64', forceIntegrity: false, size: pe.length });
    expect(m.get('notes.txt')).toMatchObject({ verdict: 'unsigned', size: text.length, sha256: require('node:crypto').createHash('sha256').update(text).digest('hex') });
    expect(r.deepSummary!.notes).toEqual([]);
  }, 60_000);
});
