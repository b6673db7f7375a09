/**
 * APPX packages as MakeAppx lays them out, for tests: ZIP records end to end (stored or deflated in
 * independently compressed 64 KiB blocks), AppxBlockMap.xml with each block's hash, [Content_Types].xml;
 * optionally ZIP64 end records with data descriptors and ZIP64 extra fields (as MakeAppx writes them).
 */
import { createHash } from 'node:crypto';
import { constants, deflateRawSync } from 'node:zlib';
import { crc32Update } from '../../../src/authenticode/formats/zip';

export interface PackageFile {
  name: string;
  data: Buffer;
  deflate?: boolean;
}

export interface PackageOptions {
  zip64?: boolean;
  hash?: 'sha256' | 'sha384' | 'sha512';
  /** edit the block map XML before it is written */
  blockMap?: (xml: string) => string;
  contentTypes?: string;
  /** files left out of the block map */
  unlisted?: string[];
}

const HASH_URI = {
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha384: 'http://www.w3.org/2001/04/xmldsig-more#sha384',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
} as const;

const BLOCK = 64 * 1024;

interface Encoded {
  name: string;
  raw: Buffer;
  stored: Buffer;
  method: number;
  blockSizes: number[];
}

function encode(f: PackageFile): Encoded {
  if (!f.deflate) return { name: f.name, raw: f.data, stored: f.data, method: 0, blockSizes: [] };
  const pieces: Buffer[] = [];
  for (let at = 0; at < f.data.length; at += BLOCK) {
    pieces.push(deflateRawSync(f.data.subarray(at, at + BLOCK), { finishFlush: constants.Z_FULL_FLUSH }));
  }
  const tail = deflateRawSync(Buffer.alloc(0));
  return { name: f.name, raw: f.data, stored: Buffer.concat([...pieces, tail]), method: 8, blockSizes: pieces.map((p) => p.length) };
}

const xmlAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export const DEFAULT_CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="exe" ContentType="application/x-msdownload" /><Default Extension="png" ContentType="image/png" />' +
  '<Default Extension="xml" ContentType="application/vnd.ms-appx.manifest+xml" /><Default Extension="cat" ContentType="application/vnd.ms-pki.seccat" />' +
  '<Override PartName="/AppxBlockMap.xml" ContentType="application/vnd.ms-appx.blockmap+xml" /></Types>';

function localHeaderLength(name: string, zip64: boolean): number {
  return 30 + Buffer.byteLength(name) + (zip64 ? 0 : 0);
}

/** A package of `files` (AppxManifest.xml etc. as given), its block map and content types. */
export function buildAppx(files: PackageFile[], o: PackageOptions = {}): Buffer {
  const hash = o.hash ?? 'sha256';
  const encoded = files.map(encode);
  const listed = encoded.filter((e) => !(o.unlisted ?? []).includes(e.name) && e.name !== 'AppxMetadata/CodeIntegrity.cat');
  let blockMap =
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?><BlockMap xmlns="http://schemas.microsoft.com/appx/2010/blockmap" HashMethod="${HASH_URI[hash]}">` +
    listed
      .map((e) => {
        const blocks: string[] = [];
        for (let i = 0, at = 0; at < e.raw.length; i++, at += BLOCK) {
          const h = createHash(hash).update(e.raw.subarray(at, at + BLOCK)).digest('base64');
          blocks.push(e.method === 8 ? `<Block Hash="${h}" Size="${e.blockSizes[i]}"/>` : `<Block Hash="${h}"/>`);
        }
        return `<File Name="${xmlAttr(e.name.replace(/\//g, '\\'))}" Size="${e.raw.length}" LfhSize="${localHeaderLength(e.name, !!o.zip64)}">${blocks.join('')}</File>`;
      })
      .join('') +
    '</BlockMap>';
  if (o.blockMap) blockMap = o.blockMap(blockMap);
  const all = [...encoded, encode({ name: 'AppxBlockMap.xml', data: Buffer.from(blockMap), deflate: true }), encode({ name: '[Content_Types].xml', data: Buffer.from(o.contentTypes ?? DEFAULT_CONTENT_TYPES), deflate: true })];
  return zipOf(all, !!o.zip64);
}

function zipOf(entries: Encoded[], zip64: boolean): Buffer {
  const records: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32Update(0, e.raw);
    const flags = zip64 ? 0x0008 : 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(zip64 ? 45 : 20, 4);
    lh.writeUInt16LE(flags, 6);
    lh.writeUInt16LE(e.method, 8);
    lh.writeUInt16LE(0x6000, 10);
    lh.writeUInt16LE(0x5a21, 12);
    if (!zip64) {
      lh.writeUInt32LE(crc, 14);
      lh.writeUInt32LE(e.stored.length, 18);
      lh.writeUInt32LE(e.raw.length, 22);
    }
    lh.writeUInt16LE(name.length, 26);
    const parts = [lh, name, e.stored];
    if (zip64) {
      const dd = Buffer.alloc(24);
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(crc, 4);
      dd.writeBigUInt64LE(BigInt(e.stored.length), 8);
      dd.writeBigUInt64LE(BigInt(e.raw.length), 16);
      parts.push(dd);
    }
    const record = Buffer.concat(parts);
    const extra = zip64 ? Buffer.alloc(28) : Buffer.alloc(0);
    if (zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(e.raw.length), 4);
      extra.writeBigUInt64LE(BigInt(e.stored.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(zip64 ? 45 : 20, 4);
    ch.writeUInt16LE(zip64 ? 45 : 20, 6);
    ch.writeUInt16LE(flags, 8);
    ch.writeUInt16LE(e.method, 10);
    ch.writeUInt16LE(0x6000, 12);
    ch.writeUInt16LE(0x5a21, 14);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(zip64 ? 0xffffffff : e.stored.length, 20);
    ch.writeUInt32LE(zip64 ? 0xffffffff : e.raw.length, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt16LE(extra.length, 30);
    ch.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    central.push(Buffer.concat([ch, name, extra]));
    records.push(record);
    offset += record.length;
  }
  const cd = Buffer.concat(central);
  const tail: Buffer[] = [];
  if (zip64) {
    const z = Buffer.alloc(56);
    z.writeUInt32LE(0x06064b50, 0);
    z.writeBigUInt64LE(44n, 4);
    z.writeUInt16LE(45, 12);
    z.writeUInt16LE(45, 14);
    z.writeBigUInt64LE(BigInt(entries.length), 24);
    z.writeBigUInt64LE(BigInt(entries.length), 32);
    z.writeBigUInt64LE(BigInt(cd.length), 40);
    z.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(z, loc);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  eocd.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  eocd.writeUInt32LE(zip64 ? 0xffffffff : cd.length, 12);
  eocd.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  tail.push(eocd);
  return Buffer.concat([...records, cd, ...tail]);
}

/** A plain ZIP (no block map): not a package. */
export function plainZip(files: PackageFile[]): Buffer {
  return zipOf(files.map(encode), false);
}
