/**
 * The APPX digest blob: "APPX" then each part's tag and hash (AXPC local records, AXCD central directory, AXCT
 * [Content_Types].xml, AXBM AppxBlockMap.xml, AXCI CodeIntegrity.cat), all parts computed in one pass per set of
 * algorithms; and the signed blob split back into its parts. See appx-reader.ts for what each part covers.
 */
import { createHash, type Hash } from 'node:crypto';
import { DIGEST_LENGTH } from '../der/oids';
import type { Parts } from './appx-parts';
import { checkAlgorithm, hashFilePieces } from './file-hash';
import { streamEntry, type ZipEntry } from './zip';
import type { DigestAlgorithm } from '../types';

export const PART_TAGS = ['AXPC', 'AXCD', 'AXCT', 'AXBM', 'AXCI'] as const;
export type PartTag = (typeof PART_TAGS)[number];

/** The APPX digest blob, all parts computed in one go per set of algorithms. */
export class AppxDigest {
  constructor(
    private readonly path: string,
    private readonly p: Parts,
  ) {}

  /** AXCD's bytes: directory entries but the signature's, and the end records recomputed. */
  private centralDirectoryBytes(): Buffer {
    const { zip, signatureEntry } = this.p;
    const kept = zip.entries.filter((e) => e !== signatureEntry);
    const cdSize = kept.reduce((n, e) => n + e.centralRaw.length, 0);
    const cdOffset = signatureEntry ? signatureEntry.localHeaderOffset : zip.cdStart;
    const out: Buffer[] = kept.map((e) => e.centralRaw);
    const end = zip.end;
    if (end.zip64) {
      const z = Buffer.alloc(56);
      z.writeUInt32LE(0x06064b50, 0);
      z.writeBigUInt64LE(end.zip64.recordSize, 4);
      z.writeUInt16LE(end.zip64.versionMadeBy, 12);
      z.writeUInt16LE(end.zip64.versionNeeded, 14);
      z.writeUInt32LE(end.zip64.disk, 16);
      z.writeUInt32LE(end.zip64.cdDisk, 20);
      z.writeBigUInt64LE(BigInt(kept.length), 24);
      z.writeBigUInt64LE(BigInt(kept.length), 32);
      z.writeBigUInt64LE(BigInt(cdSize), 40);
      z.writeBigUInt64LE(BigInt(cdOffset), 48);
      const loc = Buffer.alloc(20);
      loc.writeUInt32LE(0x07064b50, 0);
      loc.writeUInt32LE(end.zip64.locatorDisk, 4);
      loc.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
      loc.writeUInt32LE(end.zip64.totalDisks, 16);
      out.push(z, end.zip64.extensible, loc);
    }
    const e = Buffer.alloc(22);
    e.writeUInt32LE(0x06054b50, 0);
    e.writeUInt16LE(end.entriesOnDisk === 0xffff ? 0xffff : kept.length, 8);
    e.writeUInt16LE(end.entries === 0xffff ? 0xffff : kept.length, 10);
    e.writeUInt32LE(end.cdSize === 0xffffffff ? 0xffffffff : cdSize, 12);
    e.writeUInt32LE(end.cdOffset === 0xffffffff ? 0xffffffff : cdOffset, 16);
    e.writeUInt16LE(end.comment.length, 20);
    out.push(e, end.comment);
    return Buffer.concat(out);
  }

  async parts(algorithms: DigestAlgorithm[]): Promise<Map<DigestAlgorithm, Map<PartTag, Buffer>>> {
    algorithms.forEach(checkAlgorithm);
    const { zip, signatureEntry } = this.p;
    const out = new Map(algorithms.map((a) => [a, new Map<PartTag, Buffer>()]));
    const axpc = await hashFilePieces(this.path, algorithms, [[0, signatureEntry ? signatureEntry.localHeaderOffset : zip.cdStart]], { expectedSize: zip.size });
    const cd = this.centralDirectoryBytes();
    const contentHash = async (e: ZipEntry): Promise<Map<DigestAlgorithm, Buffer>> => {
      const hs: [DigestAlgorithm, Hash][] = algorithms.map((a) => [a, createHash(a)]);
      await streamEntry(this.path, e, (c) => hs.forEach(([, h]) => h.update(c)));
      return new Map(hs.map(([a, h]) => [a, h.digest()]));
    };
    const ct = await contentHash(this.p.contentTypes);
    const bm = await contentHash(this.p.blockMap);
    const ci = this.p.codeIntegrity ? await contentHash(this.p.codeIntegrity) : null;
    for (const a of algorithms) {
      const m = out.get(a)!;
      m.set('AXPC', axpc.get(a)!);
      m.set('AXCD', createHash(a).update(cd).digest());
      m.set('AXCT', ct.get(a)!);
      m.set('AXBM', bm.get(a)!);
      if (ci) m.set('AXCI', ci.get(a)!);
    }
    return out;
  }
}

export function appxBlob(parts: Map<PartTag, Buffer>): Buffer {
  const out: Buffer[] = [Buffer.from('APPX', 'latin1')];
  for (const tag of PART_TAGS) {
    const h = parts.get(tag);
    if (h) out.push(Buffer.from(tag, 'latin1'), h);
  }
  return Buffer.concat(out);
}

/** The parts of a signed APPX digest blob; null when it is not one. */
export function splitAppxBlob(blob: Uint8Array, alg: DigestAlgorithm): Map<string, Buffer> | null {
  const len = DIGEST_LENGTH[alg];
  const b = Buffer.from(blob);
  if (b.length < 4 || b.toString('latin1', 0, 4) !== 'APPX' || (b.length - 4) % (4 + len) !== 0) return null;
  const out = new Map<string, Buffer>();
  for (let p = 4; p < b.length; p += 4 + len) {
    const tag = b.toString('latin1', p, p + 4);
    if (out.has(tag)) return null;
    out.set(tag, b.subarray(p + 4, p + 4 + len));
  }
  return out;
}
