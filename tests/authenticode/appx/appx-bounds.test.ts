/**
 * Issue 22 item 9: APPX packages that cost far more than their size. 200 000 empty entries took 20 s to
 * answer "unsigned" (400 000 small reads of local headers, now served from a read-ahead window); a 10 MB file
 * declaring one 4 GiB entry took 22 s (its blocks were inflated and hashed although the package is unsigned:
 * an unsigned package's block hashes are no longer computed; declared sizes are checked against the file and
 * DEFLATE's largest expansion before anything is inflated). Inputs built here.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { readAppxContainer } from '../../../src/authenticode/formats/appx-reader';
import { crc32Update, MAX_DEFLATE_RATIO, MAX_ZIP_ENTRIES } from '../../../src/authenticode/formats/zip';
import { verifyFile } from '../../../src/authenticode/verify-file';
import { writeTemp } from '../catalog/formats-kit';
import { buildAppx, DEFAULT_CONTENT_TYPES } from './appx-writer';
import { bestOfThree } from '../../helpers/timing';

/** generous under load on two shared cores */
const BOUND_MS = 8000;
const ROOT = path.join(__dirname, '..', '..', '..');

/**
 * verifyFile in a child process (node + ts-node, transpile only), timed there: jest's module sandbox makes
 * a loop over 200 000 entries several times slower than Node runs it for a user, whatever the code.
 */
function verifyInChild(file: string): { verdict: string; codes: string[]; ms: number } {
  const script = `const { performance } = require('node:perf_hooks');
    const { verifyFile } = require(${JSON.stringify(path.join(ROOT, 'src', 'authenticode', 'verify-file.ts'))});
    const t0 = performance.now();
    verifyFile(process.argv[1]).then((r) => process.stdout.write(JSON.stringify({ verdict: r.verdict, codes: r.failures.map((f) => f.code), ms: performance.now() - t0 })));`;
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script, file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as { verdict: string; codes: string[]; ms: number };
}

/** f's value and its best time of up to three runs (tests/helpers/timing.ts), against this file's bound. */
const timed = <T>(f: () => Promise<T> | T, bound = BOUND_MS): Promise<{ value: T; ms: number }> => bestOfThree(f, bound);

interface RawEntry {
  name: string;
  method: 0 | 8;
  /** the bytes stored in the archive */
  data: Buffer;
  /** the uncompressed size written in the headers */
  declared: number;
}

/** A plain (non-ZIP64) archive of `entries` laid end to end; CRC-32 of stored entries (0 for deflated ones: never reached here). */
function rawZip(entries: RawEntry[]): Buffer {
  const records: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = e.method === 0 ? crc32Update(0, e.data) : 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(e.method, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(e.data.length, 18);
    lh.writeUInt32LE(e.declared, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(e.method, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(e.data.length, 20);
    ch.writeUInt32LE(e.declared, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    records.push(lh, name, e.data);
    central.push(ch, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...records, cd, eocd]);
}

const stored = (name: string, text: string): RawEntry => ({ name, method: 0, data: Buffer.from(text), declared: Buffer.byteLength(text) });

/**
 * An unsigned package whose one file, zeros.png, declares `blocks` 64 KiB blocks of zeros: its data is one
 * independently deflated 64 KiB block of zeros repeated (as MakeAppx compresses), its block map lists every
 * block with the right hash — a ~10 MB file describing ~4 GiB.
 */
function zeroBombPackage(blocks: number): Buffer {
  const piece = deflateRawSync(Buffer.alloc(65536), { finishFlush: constants.Z_FULL_FLUSH });
  const data = Buffer.concat([Buffer.alloc(piece.length * blocks).fill(piece), deflateRawSync(Buffer.alloc(0))]);
  const hash = createHash('sha256').update(Buffer.alloc(65536)).digest('base64');
  const block = `<Block Hash="${hash}" Size="${piece.length}"/>`;
  const blockMap =
    '<?xml version="1.0" encoding="UTF-8"?><BlockMap xmlns="http://schemas.microsoft.com/appx/2010/blockmap" HashMethod="http://www.w3.org/2001/04/xmlenc#sha256">' +
    `<File Name="zeros.png" Size="${blocks * 65536}" LfhSize="${30 + 'zeros.png'.length}">${block.repeat(blocks)}</File></BlockMap>`;
  return rawZip([{ name: 'zeros.png', method: 8, data, declared: blocks * 65536 }, stored('AppxBlockMap.xml', blockMap), stored('[Content_Types].xml', DEFAULT_CONTENT_TYPES)]);
}

/** A package of `n` empty files (ZIP64: more than 65 535 entries), written to a temp file (nothing kept in memory). */
function manyEmptyEntries(n: number): string {
  const files = Array.from({ length: n }, (_, i) => ({ name: `e/${i}.png`, data: Buffer.alloc(0) }));
  return writeTemp('many.appx', buildAppx(files, { zip64: true }));
}

describe('APPX bounds', () => {
  it('200 000 entries (199 998 empty files, the block map, the content types): "unsigned" within the bound', async () => {
    const r = verifyInChild(manyEmptyEntries(200_000 - 2));
    expect(r).toMatchObject({ verdict: 'unsigned', codes: ['NOT_SIGNED'] });
    expect(r.ms).toBeLessThan(BOUND_MS);
  }, 120_000);

  it(`more than ${MAX_ZIP_ENTRIES} entries: MALFORMED_APPX naming the limit, before the directory is read`, async () => {
    const pkg = buildAppx([{ name: 'a.png', data: Buffer.from('x') }], { zip64: true });
    const z64 = pkg.lastIndexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]));
    pkg.writeBigUInt64LE(BigInt(MAX_ZIP_ENTRIES + 1), z64 + 24);
    pkg.writeBigUInt64LE(BigInt(MAX_ZIP_ENTRIES + 1), z64 + 32);
    const r = await verifyFile(writeTemp('over.appx', pkg));
    expect(r.verdict).toBe('malformed');
    expect(r.failures[0]).toMatchObject({ code: 'MALFORMED_APPX', message: expect.stringContaining(`${MAX_ZIP_ENTRIES + 1} entries is more than the ${MAX_ZIP_ENTRIES} limit`) });
  });

  it('a ~10 MB unsigned file declaring one ~4 GiB entry: "unsigned" within the bound, nothing inflated', async () => {
    const pkg = zeroBombPackage(65_535); // 65 535 × 64 KiB = 4 GiB − 64 KiB (fits the 32-bit size field)
    expect(pkg.length).toBeLessThan(16 * 1024 * 1024);
    const file = writeTemp('zeros.appx', pkg);
    const { value: r, ms } = await timed(() => verifyFile(file));
    expect(r.failures).toEqual([expect.objectContaining({ code: 'NOT_SIGNED' })]);
    expect(r).toMatchObject({ format: 'appx', verdict: 'unsigned' });
    expect(ms).toBeLessThan(BOUND_MS);
  }, 120_000);

  it('a declared size beyond what the compressed bytes can inflate to: MALFORMED_APPX before inflating', async () => {
    const data = deflateRawSync(Buffer.alloc(1000, 7));
    const declared = 0xfffffff0;
    const pkg = rawZip([{ name: 'big.png', method: 8, data, declared }, stored('AppxBlockMap.xml', '<BlockMap HashMethod="http://www.w3.org/2001/04/xmlenc#sha256"/>'), stored('[Content_Types].xml', DEFAULT_CONTENT_TYPES)]);
    const { value: r, ms } = await timed(() => verifyFile(writeTemp('liar.appx', pkg)));
    expect(r.verdict).toBe('malformed');
    expect(r.failures[0]!.message).toBe(`ZIP: entry big.png declares ${declared} bytes from ${data.length} compressed bytes, more than DEFLATE can expand (${MAX_DEFLATE_RATIO}:1)`);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('compressed sizes past the central directory and stored sizes that differ: MALFORMED_APPX', async () => {
    const past = rawZip([stored('a.png', 'abc'), stored('AppxBlockMap.xml', '<BlockMap/>')]);
    past.writeUInt32LE(0x7fffffff, past.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 20);
    await expect(readAppxContainer(writeTemp('past.appx', past))).rejects.toMatchObject({ code: 'MALFORMED_APPX', message: expect.stringMatching(/declares 2147483647 compressed bytes at 0, past the start of the central directory/) });
    const lying = rawZip([{ name: 'a.png', method: 0, data: Buffer.from('abc'), declared: 1_000_000 }, stored('AppxBlockMap.xml', '<BlockMap/>')]);
    await expect(readAppxContainer(writeTemp('stored.appx', lying))).rejects.toMatchObject({ code: 'MALFORMED_APPX', message: 'ZIP: stored entry a.png declares 1000000 bytes but holds 3' });
  });
});
