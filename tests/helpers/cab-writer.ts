/**
 * Cabinets for tests ([MS-CAB]): one folder, stored (no compression), MSZIP (each 32 KiB block deflated
 * with the previous block as history) or LZX (lzx-writer.ts: one frame per block, literals and runs), CFDATA
 * checksums computed (cab-checksum.ts), optional UTF-8 names.
 */
import { deflateRawSync } from 'node:zlib';
import { cfdataChecksum } from '../../src/authenticode/extract/cab-checksum';
import { writeLzxFrames } from './lzx-writer';

export interface CabFile {
  name: string;
  data: Buffer;
}

export function buildCab(files: CabFile[], o: { mszip?: boolean; lzxWindowBits?: number } = {}): Buffer {
  const all = Buffer.concat(files.map((f) => f.data));
  const blocks: { comp: Buffer; size: number }[] = [];
  if (o.lzxWindowBits) {
    const frames: { kind: 'verbatim'; data: Buffer }[][] = [];
    for (let at = 0; at < all.length; at += 32768) frames.push([{ kind: 'verbatim', data: all.subarray(at, at + 32768) }]);
    if (frames.length === 0) frames.push([{ kind: 'verbatim', data: Buffer.alloc(0) }]);
    writeLzxFrames(frames, o.lzxWindowBits).forEach((comp, i) => blocks.push({ comp, size: frames[i]![0]!.data.length }));
  }
  for (let at = 0; !o.lzxWindowBits && (at < all.length || blocks.length === 0); at += 32768) {
    const raw = all.subarray(at, at + 32768);
    const history = all.subarray(Math.max(0, at - 32768), at);
    const comp = o.mszip ? Buffer.concat([Buffer.from('CK'), deflateRawSync(raw, history.length ? { dictionary: history } : {})]) : Buffer.from(raw);
    blocks.push({ comp, size: raw.length });
    if (raw.length === 0) break;
  }
  const names = files.map((f) => Buffer.from(f.name + '\0', 'utf8'));
  const coffFiles = 36 + 8;
  const filesSize = names.reduce((a, n) => a + 16 + n.length, 0);
  const dataStart = coffFiles + filesSize;
  const dataSize = blocks.reduce((a, b) => a + 8 + b.comp.length, 0);
  const head = Buffer.alloc(36);
  head.write('MSCF', 0, 'latin1');
  head.writeUInt32LE(dataStart + dataSize, 8);
  head.writeUInt32LE(coffFiles, 16);
  head[24] = 3;
  head[25] = 1;
  head.writeUInt16LE(1, 26);
  head.writeUInt16LE(files.length, 28);
  const folder = Buffer.alloc(8);
  folder.writeUInt32LE(dataStart, 0);
  folder.writeUInt16LE(blocks.length, 4);
  folder.writeUInt16LE(o.lzxWindowBits ? 3 | (o.lzxWindowBits << 8) : o.mszip ? 1 : 0, 6);
  const entries: Buffer[] = [];
  let off = 0;
  files.forEach((f, i) => {
    const e = Buffer.alloc(16);
    e.writeUInt32LE(f.data.length, 0);
    e.writeUInt32LE(off, 4);
    e.writeUInt16LE(0, 8);
    e.writeUInt16LE(/[^\x00-\x7f]/.test(f.name) ? 0x80 : 0x20, 14);
    entries.push(e, names[i]!);
    off += f.data.length;
  });
  const data = blocks.map((b) => {
    const h = Buffer.alloc(8);
    h.writeUInt16LE(b.comp.length, 4);
    h.writeUInt16LE(b.size, 6);
    h.writeUInt32LE(cfdataChecksum(h.subarray(4, 8), b.comp), 0);
    return Buffer.concat([h, b.comp]);
  });
  return Buffer.concat([head, folder, ...entries, ...data]);
}
