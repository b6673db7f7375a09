/**
 * Compound files (MSI-shaped) for fixtures, written with `cfb`, plus hostile variants.
 *
 * cfb writes zero FILETIMEs and no sub-storage CLSIDs of its own; `writeMsi` and `rewriteMsi` patch the raw
 * directory entries afterwards (CLSID, state bits, times), so fixtures can carry the metadata the
 * MsiDigitalSignatureEx pre-hash covers. Note: every cfb-written file also holds cfb's own 4-byte
 * "\u0001Sh33tJ5" stream; it is an ordinary stream and is hashed like any other.
 */
import * as CFB from 'cfb';
import { parseCompoundFile, type CfbEntry } from '../../src/authenticode/formats/msi-cfb';

export interface EntryMeta {
  /** 32 hex digits, raw byte order */
  clsid?: string;
  state?: number;
  /** FILETIME (100 ns since 1601) */
  created?: bigint;
  modified?: bigint;
}

export interface MsiSpec {
  /** stream path ('Name' or 'Storage/Name') → content */
  streams: Record<string, Buffer | string>;
  /** metadata by entry path: '' is the root, 'Storage' a storage, 'Storage/Name' a stream */
  meta?: Record<string, EntryMeta>;
}

function toBuffer(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v);
  if (Array.isArray(v)) return Buffer.from(v as number[]);
  throw new Error('cfb.write returned an unexpected type');
}

/** Write a compound file holding `spec.streams`, then apply `spec.meta`. */
export function writeMsi(spec: MsiSpec): Buffer {
  const c = CFB.utils.cfb_new();
  for (const [p, content] of Object.entries(spec.streams)) {
    CFB.utils.cfb_add(c, p, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  }
  const out = toBuffer(CFB.write(c, { type: 'buffer' }));
  return spec.meta ? patchEntries(out, spec.meta) : out;
}

/** Overwrite directory entry metadata in place (a copy is returned). */
export function patchEntries(bytes: Buffer, meta: Record<string, EntryMeta>): Buffer {
  const out = Buffer.from(bytes);
  const cf = parseCompoundFile(out);
  for (const [p, m] of Object.entries(meta)) {
    const e = cf.entries.find((x) => x.path === p);
    if (!e) throw new Error(`patchEntries: no entry ${JSON.stringify(p)}`);
    writeMeta(out, e, m);
  }
  return out;
}

function writeMeta(out: Buffer, e: CfbEntry, m: EntryMeta): void {
  if (m.clsid !== undefined) {
    const b = Buffer.from(m.clsid, 'hex');
    if (b.length !== 16) throw new Error('clsid must be 32 hex digits');
    b.copy(out, e.offset + 0x50);
  }
  if (m.state !== undefined) out.writeUInt32LE(m.state >>> 0, e.offset + 0x60);
  if (m.created !== undefined) out.writeBigUInt64LE(m.created, e.offset + 0x64);
  if (m.modified !== undefined) out.writeBigUInt64LE(m.modified, e.offset + 0x6c);
}


export interface MsiEdit {
  /** streams to add or replace: path → content */
  put?: Record<string, Buffer>;
  /** stream paths to delete */
  remove?: string[];
}

/** An in-memory compound file tree, with raw metadata. */
export interface CfNode {
  name: string;
  kind: 'root' | 'storage' | 'stream';
  content: Buffer;
  clsid: Buffer;
  state: number;
  created: bigint;
  modified: bigint;
  children: CfNode[];
}

/** A tree node with zero CLSID, state and times: what a fixture that only cares about names and bytes needs. */
export function cfNode(name: string, kind: CfNode['kind'], opts: { content?: Buffer; children?: CfNode[] } = {}): CfNode {
  return {
    name,
    kind,
    content: opts.content ?? Buffer.alloc(0),
    clsid: Buffer.alloc(16),
    state: 0,
    created: 0n,
    modified: 0n,
    children: opts.children ?? [],
  };
}

/** Read a compound file into a tree (content copied out). */
export function toTree(bytes: Buffer): CfNode {
  const cf = parseCompoundFile(bytes);
  const conv = (e: CfbEntry): CfNode => ({
    name: e.name,
    kind: e.type === 5 ? 'root' : e.type === 1 ? 'storage' : 'stream',
    content: e.type === 2 ? Buffer.concat(cf.streamRanges(e).map(([a, b]) => bytes.subarray(a, b))) : Buffer.alloc(0),
    clsid: Buffer.from(e.clsid),
    state: e.stateBits.readUInt32LE(0),
    created: e.creationTime.readBigUInt64LE(0),
    modified: e.modifiedTime.readBigUInt64LE(0),
    children: e.children.map(conv),
  });
  return conv(cf.root);
}

const newNode = (name: string, kind: CfNode['kind'], content: Buffer = Buffer.alloc(0)): CfNode => ({
  name, kind, content, clsid: Buffer.alloc(16), state: 0, created: 0n, modified: 0n, children: [],
});

/**
 * Rewrite a compound file with streams added / replaced / removed. Everything else — names, content,
 * CLSIDs, state bits, times — is carried over, so the digests of untouched content and metadata stay as
 * they were. (Serialised by writeCompoundFile below, not by cfb: cfb always adds its own "\u0001Sh33tJ5"
 * stream, which would change the digest of a package it did not write.)
 */
export function rewriteMsi(bytes: Buffer, edit: MsiEdit): Buffer {
  const root = toTree(bytes);
  const version = bytes.readUInt16LE(0x1a) === 4 ? 4 : 3;
  const locate = (p: string, create: boolean): { parent: CfNode; name: string } => {
    const parts = p.split('/');
    let cur = root;
    for (const part of parts.slice(0, -1)) {
      let next = cur.children.find((c) => c.name === part && c.kind === 'storage');
      if (!next) {
        if (!create) throw new Error(`rewriteMsi: no storage ${JSON.stringify(part)}`);
        next = newNode(part, 'storage');
        cur.children.push(next);
      }
      cur = next;
    }
    return { parent: cur, name: parts[parts.length - 1] };
  };
  for (const p of edit.remove ?? []) {
    const { parent, name } = locate(p, false);
    const i = parent.children.findIndex((c) => c.name === name && c.kind === 'stream');
    if (i < 0) throw new Error(`rewriteMsi: no stream ${JSON.stringify(p)}`);
    parent.children.splice(i, 1);
  }
  for (const [p, content] of Object.entries(edit.put ?? {})) {
    const { parent, name } = locate(p, true);
    const existing = parent.children.find((c) => c.name === name);
    if (existing) {
      if (existing.kind !== 'stream') throw new Error(`rewriteMsi: ${p} is a storage`);
      existing.content = content;
    } else parent.children.push(newNode(name, 'stream', content));
  }
  return writeCompoundFile(root, { version });
}

/** [MS-CFB] 2.6.4 sibling order: shorter names first, then by upper-cased UTF-16 code units. */
function cfbOrder(a: CfNode, b: CfNode): number {
  if (a.name.length !== b.name.length) return a.name.length - b.name.length;
  const A = a.name.toUpperCase();
  const B = b.name.toUpperCase();
  return A < B ? -1 : A > B ? 1 : 0;
}

/**
 * Serialise a tree as a compound file, version 3 (512-byte sectors, default) or 4 (4096-byte sectors):
 * FAT, DIFAT, directory, mini FAT, large streams, mini stream; each storage's children as a balanced
 * binary tree, all black.
 */
export function writeCompoundFile(root: CfNode, opts: { version?: 3 | 4 } = {}): Buffer {
  const version = opts.version ?? 3;
  const S = version === 4 ? 4096 : 512;
  const perFat = S / 4;
  const perDir = S / 128;
  const ENDOFCHAIN = 0xfffffffe;
  const FREESECT = 0xffffffff;
  const NOSTREAM = 0xffffffff;
  // directory ids, breadth first
  const nodes: CfNode[] = [root];
  for (let i = 0; i < nodes.length; i++) nodes.push(...[...nodes[i].children].sort(cfbOrder));
  const idOf = new Map<CfNode, number>(nodes.map((n, i) => [n, i]));
  const small = nodes.filter((n) => n.kind === 'stream' && n.content.length > 0 && n.content.length < 4096);
  const big = nodes.filter((n) => n.kind === 'stream' && n.content.length >= 4096);
  const miniSectors = small.reduce((t, n) => t + Math.ceil(n.content.length / 64), 0);
  const miniStreamSectors = Math.ceil((miniSectors * 64) / S);
  const miniFatSectors = Math.ceil(miniSectors / perFat);
  const dirSectors = Math.ceil(nodes.length / perDir);
  const bigSectors = big.reduce((t, n) => t + Math.ceil(n.content.length / S), 0);
  const payload = dirSectors + miniFatSectors + bigSectors + miniStreamSectors;
  let fatSectors = 1;
  let difatSectors = 0;
  for (;;) {
    difatSectors = fatSectors <= 109 ? 0 : Math.ceil((fatSectors - 109) / (perFat - 1));
    if (fatSectors * perFat >= payload + fatSectors + difatSectors) break;
    fatSectors++;
  }
  const total = fatSectors + difatSectors + payload;
  const out = Buffer.alloc(S + total * S);
  const fat = new Uint32Array(fatSectors * perFat).fill(FREESECT);
  let next = 0;
  const alloc = (count: number): number => {
    const start = next;
    for (let i = 0; i < count; i++) fat[start + i] = i === count - 1 ? ENDOFCHAIN : start + i + 1;
    next += count;
    return start;
  };
  const fatStart = next;
  next += fatSectors;
  for (let i = 0; i < fatSectors; i++) fat[fatStart + i] = 0xfffffffd;
  const difatStart = next;
  next += difatSectors;
  for (let i = 0; i < difatSectors; i++) fat[difatStart + i] = 0xfffffffc;
  const dirStart = alloc(dirSectors);
  const miniFatStart = miniFatSectors ? alloc(miniFatSectors) : ENDOFCHAIN;
  const starts = new Map<CfNode, number>();
  for (const n of big) {
    const st = alloc(Math.ceil(n.content.length / S));
    starts.set(n, st);
    n.content.copy(out, S + st * S);
  }
  const miniStreamStart = miniStreamSectors ? alloc(miniStreamSectors) : ENDOFCHAIN;
  // mini stream and mini FAT
  const miniFat = new Uint32Array(miniFatSectors * perFat).fill(FREESECT);
  let m = 0;
  for (const n of small) {
    const count = Math.ceil(n.content.length / 64);
    starts.set(n, m);
    for (let i = 0; i < count; i++) miniFat[m + i] = i === count - 1 ? ENDOFCHAIN : m + i + 1;
    const at = S + miniStreamStart * S + m * 64;
    n.content.copy(out, at);
    m += count;
  }
  for (let i = 0; i < miniFat.length; i++) out.writeUInt32LE(miniFat[i], S + miniFatStart * S + 4 * i);
  // header
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(out, 0);
  out.writeUInt16LE(0x3e, 0x18);
  out.writeUInt16LE(version, 0x1a);
  out.writeUInt16LE(0xfffe, 0x1c);
  out.writeUInt16LE(version === 4 ? 12 : 9, 0x1e);
  if (version === 4) out.writeUInt32LE(dirSectors, 0x28);
  out.writeUInt16LE(6, 0x20);
  out.writeUInt32LE(fatSectors, 0x2c);
  out.writeUInt32LE(dirStart, 0x30);
  out.writeUInt32LE(4096, 0x38);
  out.writeUInt32LE(miniFatStart, 0x3c);
  out.writeUInt32LE(miniFatSectors, 0x40);
  out.writeUInt32LE(difatSectors ? difatStart : ENDOFCHAIN, 0x44);
  out.writeUInt32LE(difatSectors, 0x48);
  for (let i = 0; i < 109; i++) out.writeUInt32LE(i < fatSectors ? fatStart + i : FREESECT, 0x4c + 4 * i);
  for (let d = 0; d < difatSectors; d++) {
    const base = S + (difatStart + d) * S;
    for (let i = 0; i < perFat - 1; i++) {
      const f = 109 + d * (perFat - 1) + i;
      out.writeUInt32LE(f < fatSectors ? fatStart + f : FREESECT, base + 4 * i);
    }
    out.writeUInt32LE(d === difatSectors - 1 ? ENDOFCHAIN : difatStart + d + 1, base + S - 4);
  }
  for (let i = 0; i < fat.length; i++) out.writeUInt32LE(fat[i], S + (fatStart + Math.floor(i / perFat)) * S + 4 * (i % perFat));
  // directory
  const links = new Map<number, { l: number; r: number; c: number }>();
  nodes.forEach((_, i) => links.set(i, { l: NOSTREAM, r: NOSTREAM, c: NOSTREAM }));
  const balanced = (sorted: CfNode[]): number => {
    if (sorted.length === 0) return NOSTREAM;
    const mid = sorted.length >> 1;
    const id = idOf.get(sorted[mid])!;
    links.get(id)!.l = balanced(sorted.slice(0, mid));
    links.get(id)!.r = balanced(sorted.slice(mid + 1));
    return id;
  };
  for (const n of nodes) if (n.kind !== 'stream') links.get(idOf.get(n)!)!.c = balanced([...n.children].sort(cfbOrder));
  for (let i = 0; i < dirSectors * perDir; i++) {
    const o = S + dirStart * S + i * 128;
    const n = nodes[i];
    if (!n) {
      out.writeUInt32LE(NOSTREAM, o + 0x44);
      out.writeUInt32LE(NOSTREAM, o + 0x48);
      out.writeUInt32LE(NOSTREAM, o + 0x4c);
      continue;
    }
    const name = Buffer.from(i === 0 ? 'Root Entry' : n.name, 'utf16le');
    if (name.length > 62) throw new Error(`name too long: ${n.name}`);
    name.copy(out, o);
    out.writeUInt16LE(name.length + 2, o + 0x40);
    out[o + 0x42] = n.kind === 'root' ? 5 : n.kind === 'storage' ? 1 : 2;
    out[o + 0x43] = 1;
    const l = links.get(i)!;
    out.writeUInt32LE(l.l, o + 0x44);
    out.writeUInt32LE(l.r, o + 0x48);
    out.writeUInt32LE(l.c, o + 0x4c);
    n.clsid.copy(out, o + 0x50);
    out.writeUInt32LE(n.state >>> 0, o + 0x60);
    out.writeBigUInt64LE(n.created, o + 0x64);
    out.writeBigUInt64LE(n.modified, o + 0x6c);
    let start = ENDOFCHAIN;
    let size = 0;
    if (n.kind === 'root') {
      start = miniStreamStart;
      size = miniSectors * 64;
    } else if (n.kind === 'stream') {
      size = n.content.length;
      start = size === 0 ? ENDOFCHAIN : starts.get(n)!;
    } else start = 0;
    out.writeUInt32LE(start, o + 0x74);
    out.writeUInt32LE(size, o + 0x78);
  }
  return out;
}

/** GlueBall: data appended after the compound file's last sector. */
export function appendToMsi(bytes: Buffer, extra: Buffer | string): Buffer {
  return Buffer.concat([bytes, typeof extra === 'string' ? Buffer.from(extra, 'utf8') : extra]);
}

/**
 * Unlink a stream's directory entry from its storage's tree and blank the entry, leaving its sectors
 * (or mini sectors) in place: data no directory entry reaches (binary search tree deletion; colours are
 * left as they are, readers do not rely on them).
 */
export function unlinkStream(bytes: Buffer, path: string): Buffer {
  const out = Buffer.from(bytes);
  const cf = parseCompoundFile(out);
  const target = cf.entries.find((e) => e.path === path);
  if (!target || target.type !== 2) throw new Error(`unlinkStream: no stream ${JSON.stringify(path)}`);
  const NOSTREAM = 0xffffffff;
  const offsetOf = new Map(cf.entries.map((e) => [e.id, e.offset]));
  const L = (id: number): number => out.readUInt32LE(offsetOf.get(id)! + 0x44);
  const R = (id: number): number => out.readUInt32LE(offsetOf.get(id)! + 0x48);
  const setLink = (id: number, field: number, v: number): void => {
    out.writeUInt32LE(v, offsetOf.get(id)! + field);
  };
  /** rewrite whatever link points at `from` to point at `to` */
  const relink = (from: number, to: number): void => {
    for (const e of cf.entries) {
      for (const field of [0x44, 0x48, 0x4c]) if (out.readUInt32LE(e.offset + field) === from) out.writeUInt32LE(to, e.offset + field);
    }
  };
  const left = L(target.id);
  const right = R(target.id);
  let replacement: number;
  if (left === NOSTREAM) replacement = right;
  else if (right === NOSTREAM) replacement = left;
  else {
    // binary search tree deletion: the in-order successor (leftmost of the right subtree) takes its place
    let succ = right;
    while (L(succ) !== NOSTREAM) succ = L(succ);
    if (succ !== right) {
      relink(succ, R(succ));
      setLink(succ, 0x48, right);
    }
    setLink(succ, 0x44, left);
    replacement = succ;
  }
  relink(target.id, replacement);
  // an unused directory entry: zeros, with the three links set to NOSTREAM
  out.fill(0, target.offset, target.offset + 128);
  for (const field of [0x44, 0x48, 0x4c]) out.writeUInt32LE(0xffffffff, target.offset + field);
  return out;
}

/**
 * Hide `data` (padded to at least 4096 bytes, so it takes whole FAT sectors) in sectors no directory entry
 * reaches, before the file's last sector: rewrite with an extra stream, then unlink it. The other streams
 * and their metadata are untouched, so a signature stays digest-valid.
 */
export function addUnreachableSector(bytes: Buffer, data: Buffer | string = 'hidden payload'): Buffer {
  const d = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const padded = Buffer.concat([d, Buffer.alloc(Math.max(0, 4096 - d.length), 0x41)]);
  const name = 'HiddenGlueBall';
  return unlinkStream(rewriteMsi(bytes, { put: { [name]: padded } }), name);
}

/** Same with a small stream: mini sectors of the mini stream no stream reaches. */
export function addUnreachableMiniSector(bytes: Buffer, data: Buffer | string = 'hidden mini payload'): Buffer {
  const d = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const name = 'HiddenMini';
  return unlinkStream(rewriteMsi(bytes, { put: { [name]: d } }), name);
}

/** A small package-like fixture: table-like streams, one large stream, a sub-storage with a CLSID. */
export function sampleMsi(seed = 'sample', opts: { largeStreamBytes?: number } = {}): Buffer {
  const large = Buffer.alloc(opts.largeStreamBytes ?? 9000);
  for (let i = 0; i < large.length; i++) large[i] = (i * 31 + seed.length) & 0xff;
  return writeMsi({
    streams: {
      '\u4840\u3f3f\u4177\u44b1': `string pool of ${seed}`,
      '\u4840\u3b3f\u43f2\u4438\u45b1': Buffer.from(`tables of ${seed}`),
      Binary: large,
      'Sub/Inner': `inner stream of ${seed}`,
      '\u0005SummaryInformation': Buffer.from(`summary of ${seed}`),
    },
    meta: {
      '': { clsid: '84100c00000000000000c00000000046' },
      Sub: { clsid: '00112233445566778899aabbccddeeff', created: 132000000000000000n, modified: 132000000010000000n },
      Binary: { state: 7, created: 133000000000000000n, modified: 133000000050000000n },
    },
  });
}
