/**
 * Builds small, well-formed PE images in code (test fixtures, never opaque binaries), attaches WIN_CERTIFICATE
 * tables to them, and writes a large signed-to-be image to disk in chunks for the benchmark.
 *
 * Layout written: DOS header (e_lfanew 0x80) · "PE\0\0" · COFF header · optional header (PE32 or PE32+, 16
 * data directories) · section table · sections at FileAlignment 0x200 · optional overlay.
 */
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { DigestAlgorithm } from '../../src/authenticode/types';

export const MACHINE = { x86: 0x14c, x64: 0x8664, arm64: 0xaa64, arm: 0x1c4, ebc: 0xebc } as const;
export const SUBSYSTEM = { gui: 2, console: 3, efiApplication: 10, efiBootDriver: 11, efiRuntimeDriver: 12 } as const;

export interface SectionSpec {
  name: string;
  data: Buffer;
  /** virtual size (default data length) */
  virtualSize?: number;
  characteristics?: number;
}

export interface PeSpec {
  machine?: keyof typeof MACHINE | number;
  /** default: PE32+ for x64 / arm64, PE32 otherwise */
  format?: 'pe32' | 'pe32+';
  subsystem?: keyof typeof SUBSYSTEM | number;
  sections?: SectionSpec[];
  /** bytes after the last section (installer payloads and the like), part of the signed image */
  overlay?: Buffer;
  numberOfRvaAndSizes?: number;
  eLfanew?: number;
  fileAlignment?: number;
  sectionAlignment?: number;
  /** a version resource: appended as a last ".rsrc" section, pointed at by the resource data directory */
  versionInfo?: VersionResourceSpec;
}

/** What a VS_VERSIONINFO resource holds (as rc.exe writes it from a VERSIONINFO statement). */
export interface VersionResourceSpec {
  /** FILEVERSION a,b,c,d (VS_FIXEDFILEINFO); omit for a resource without the fixed part */
  fileVersion?: [number, number, number, number];
  /** PRODUCTVERSION a,b,c,d (default: fileVersion) */
  productVersion?: [number, number, number, number];
  /** StringFileInfo strings, in order */
  strings: Array<[name: string, value: string]>;
  /** string table key: language + code page (default "040904b0": US English, Unicode) */
  stringTable?: string;
  /** resource language id (default 0x409) */
  lang?: number;
}

const align4 = (b: Buffer): Buffer => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);

/** One version-resource node: wLength, wValueLength, wType, szKey, padding, Value, padding, children. */
function versionNode(key: string, value: Buffer, valueLength: number, type: 0 | 1, children: Buffer[]): Buffer {
  const head = align4(Buffer.concat([Buffer.alloc(6), Buffer.from(key + '\0', 'utf16le')]));
  const body = children.length ? align4(value) : value;
  const node = Buffer.concat([head, body, ...children.map((c, i) => (i < children.length - 1 ? align4(c) : c))]);
  node.writeUInt16LE(node.length, 0);
  node.writeUInt16LE(valueLength, 2);
  node.writeUInt16LE(type, 4);
  return node;
}

/** The VS_VERSIONINFO blob of a version resource. */
export function versionInfoBlob(spec: VersionResourceSpec): Buffer {
  let fixed = Buffer.alloc(0);
  if (spec.fileVersion) {
    const [a, b, c, d] = spec.fileVersion;
    const [pa, pb, pc, pd] = spec.productVersion ?? spec.fileVersion;
    fixed = Buffer.alloc(52);
    fixed.writeUInt32LE(0xfeef04bd, 0);
    fixed.writeUInt32LE(0x00010000, 4);
    fixed.writeUInt32LE(((a << 16) | b) >>> 0, 8);
    fixed.writeUInt32LE(((c << 16) | d) >>> 0, 12);
    fixed.writeUInt32LE(((pa << 16) | pb) >>> 0, 16);
    fixed.writeUInt32LE(((pc << 16) | pd) >>> 0, 20);
    fixed.writeUInt32LE(0x3f, 24); // FileFlagsMask
    fixed.writeUInt32LE(0x40004, 32); // VOS_NT_WINDOWS32
    fixed.writeUInt32LE(1, 36); // VFT_APP
  }
  const strings = spec.strings.map(([name, value]) => {
    const v = Buffer.from(value + '\0', 'utf16le');
    return versionNode(name, v, v.length / 2, 1, []);
  });
  const table = versionNode(spec.stringTable ?? '040904b0', Buffer.alloc(0), 0, 1, strings);
  const stringFileInfo = versionNode('StringFileInfo', Buffer.alloc(0), 0, 1, [table]);
  const translation = Buffer.alloc(4);
  translation.writeUInt16LE(spec.lang ?? 0x409, 0);
  translation.writeUInt16LE(1200, 2);
  const varFileInfo = versionNode('VarFileInfo', Buffer.alloc(0), 0, 1, [versionNode('Translation', translation, 4, 0, [])]);
  return versionNode('VS_VERSION_INFO', fixed, fixed.length, 0, [stringFileInfo, varFileInfo]);
}

/**
 * A resource section (at `rva`) holding one RT_VERSION resource, id 1: the directory tree type → id → language,
 * the data entry (whose OffsetToData is an RVA), then the VS_VERSIONINFO blob.
 */
export function versionResourceSection(spec: VersionResourceSpec, rva: number): Buffer {
  const blob = versionInfoBlob(spec);
  const dir = (entryId: number, offset: number, subdirectory: boolean): Buffer => {
    const d = Buffer.alloc(24);
    d.writeUInt16LE(1, 14); // NumberOfIdEntries
    d.writeUInt32LE(entryId, 16);
    d.writeUInt32LE((subdirectory ? 0x80000000 | offset : offset) >>> 0, 20);
    return d;
  };
  const dataEntry = Buffer.alloc(16);
  dataEntry.writeUInt32LE(rva + 88, 0);
  dataEntry.writeUInt32LE(blob.length, 4);
  return Buffer.concat([dir(16, 24, true), dir(1, 48, true), dir(spec.lang ?? 0x409, 72, false), dataEntry, blob]);
}

const E_LFANEW = 0x3c;
const align = (n: number, a: number): number => Math.ceil(n / a) * a;

export interface PeOffsets {
  peOffset: number;
  optionalHeader: number;
  pe32plus: boolean;
  checksum: number;
  numberOfRvaAndSizes: number;
  securityEntry: number;
  sectionTable: number;
  numberOfSections: number;
  sizeOfOptionalHeader: number;
}

/** Where the interesting fields of a (well-formed) image are; for tests that patch them. */
export function peOffsets(pe: Buffer): PeOffsets {
  const peOffset = pe.readUInt32LE(E_LFANEW);
  const optionalHeader = peOffset + 24;
  const pe32plus = pe.readUInt16LE(optionalHeader) === 0x20b;
  const sizeOfOptionalHeader = pe.readUInt16LE(peOffset + 20);
  return {
    peOffset,
    optionalHeader,
    pe32plus,
    checksum: optionalHeader + 64,
    numberOfRvaAndSizes: optionalHeader + (pe32plus ? 108 : 92),
    securityEntry: optionalHeader + (pe32plus ? 112 : 96) + 4 * 8,
    sectionTable: optionalHeader + sizeOfOptionalHeader,
    numberOfSections: pe.readUInt16LE(peOffset + 6),
    sizeOfOptionalHeader,
  };
}

/** The PE optional-header checksum (16-bit one's-complement-style sum with carries folded, plus the length). */
export function peChecksum(pe: Buffer, checksumOffset = peOffsets(pe).checksum): number {
  let sum = 0;
  const even = pe.length & ~1;
  for (let i = 0; i < even; i += 2) {
    if (i === checksumOffset || i === checksumOffset + 2) continue;
    sum += pe.readUInt16LE(i);
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (pe.length & 1) {
    sum += pe[pe.length - 1];
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  sum = (sum & 0xffff) + (sum >>> 16);
  return (sum + pe.length) >>> 0;
}

export function setChecksum(pe: Buffer): Buffer {
  const o = peOffsets(pe).checksum;
  pe.writeUInt32LE(peChecksum(pe, o), o);
  return pe;
}

function defaultSections(): SectionSpec[] {
  const text = Buffer.alloc(0x400);
  for (let i = 0; i < text.length; i++) text[i] = (i * 31 + 7) & 0xff;
  text.write('\xc3', 0, 'latin1'); // ret
  const data = Buffer.from('acs-gatekeeper test image: data section\0'.repeat(8), 'latin1');
  return [
    { name: '.text', data: text, characteristics: 0x60000020 },
    { name: '.data', data, characteristics: 0xc0000040 },
  ];
}

/** Headers only (DOS, NT, section table) for `sections` whose raw data starts at SizeOfHeaders. */
function buildHeaders(spec: PeSpec, sections: { name: string; rawSize: number; virtualSize: number; characteristics: number }[]): {
  headers: Buffer;
  rawPointers: number[];
} {
  const machineValue = typeof spec.machine === 'number' ? spec.machine : MACHINE[spec.machine ?? 'x64'];
  const pe32plus = spec.format ? spec.format === 'pe32+' : machineValue === MACHINE.x64 || machineValue === MACHINE.arm64;
  const subsystem = typeof spec.subsystem === 'number' ? spec.subsystem : SUBSYSTEM[spec.subsystem ?? 'console'];
  const nDirs = spec.numberOfRvaAndSizes ?? 16;
  const eLfanew = spec.eLfanew ?? 0x80;
  const fileAlignment = spec.fileAlignment ?? 0x200;
  const sectionAlignment = spec.sectionAlignment ?? 0x1000;
  const sizeOfOptionalHeader = (pe32plus ? 112 : 96) + 8 * nDirs;
  const sectionTable = eLfanew + 24 + sizeOfOptionalHeader;
  const sizeOfHeaders = align(sectionTable + 40 * sections.length, fileAlignment);

  const h = Buffer.alloc(sizeOfHeaders);
  h.write('MZ', 0, 'latin1');
  h.writeUInt32LE(eLfanew, E_LFANEW);
  h.write('This program cannot be run in DOS mode.\r\r\n$', 0x4e, 'latin1');
  h.write('PE\0\0', eLfanew, 'latin1');
  const coff = eLfanew + 4;
  h.writeUInt16LE(machineValue, coff);
  h.writeUInt16LE(sections.length, coff + 2);
  h.writeUInt32LE(0x66000000, coff + 4); // TimeDateStamp (fixed)
  h.writeUInt16LE(sizeOfOptionalHeader, coff + 16);
  h.writeUInt16LE(pe32plus ? 0x0022 : 0x0102, coff + 18);

  const o = eLfanew + 24;
  h.writeUInt16LE(pe32plus ? 0x20b : 0x10b, o);
  h[o + 2] = 14; // linker version
  let rva = sectionAlignment;
  const rvas: number[] = [];
  for (const s of sections) {
    rvas.push(rva);
    rva += align(Math.max(s.virtualSize, 1), sectionAlignment);
  }
  const sizeOfImage = rva;
  const codeSize = sections[0]?.rawSize ?? 0;
  h.writeUInt32LE(codeSize, o + 4); // SizeOfCode
  h.writeUInt32LE(sections.slice(1).reduce((a, s) => a + s.rawSize, 0), o + 8); // SizeOfInitializedData
  h.writeUInt32LE(sections.length ? rvas[0] : 0, o + 16); // AddressOfEntryPoint
  h.writeUInt32LE(sections.length ? rvas[0] : 0, o + 20); // BaseOfCode
  if (pe32plus) {
    h.writeBigUInt64LE(0x140000000n, o + 24);
  } else {
    h.writeUInt32LE(sections.length > 1 ? rvas[1] : 0, o + 24); // BaseOfData
    h.writeUInt32LE(0x400000, o + 28);
  }
  h.writeUInt32LE(sectionAlignment, o + 32);
  h.writeUInt32LE(fileAlignment, o + 36);
  h.writeUInt16LE(6, o + 40); // OS version 6.0
  h.writeUInt16LE(6, o + 48); // subsystem version 6.0
  h.writeUInt32LE(sizeOfImage, o + 56);
  h.writeUInt32LE(sizeOfHeaders, o + 60);
  h.writeUInt16LE(subsystem, o + 68);
  h.writeUInt16LE(0x8160, o + 70); // DllCharacteristics: dynamic base, NX, TS aware, high entropy VA
  if (pe32plus) {
    h.writeBigUInt64LE(0x100000n, o + 72);
    h.writeBigUInt64LE(0x1000n, o + 80);
    h.writeBigUInt64LE(0x100000n, o + 88);
    h.writeBigUInt64LE(0x1000n, o + 96);
    h.writeUInt32LE(nDirs, o + 108);
  } else {
    h.writeUInt32LE(0x100000, o + 72);
    h.writeUInt32LE(0x1000, o + 76);
    h.writeUInt32LE(0x100000, o + 80);
    h.writeUInt32LE(0x1000, o + 84);
    h.writeUInt32LE(nDirs, o + 92);
  }

  const rawPointers: number[] = [];
  let raw = sizeOfHeaders;
  sections.forEach((s, i) => {
    const at = sectionTable + 40 * i;
    h.write(s.name.slice(0, 8), at, 'latin1');
    h.writeUInt32LE(s.virtualSize, at + 8);
    h.writeUInt32LE(rvas[i], at + 12);
    h.writeUInt32LE(s.rawSize, at + 16);
    h.writeUInt32LE(s.rawSize ? raw : 0, at + 20);
    h.writeUInt32LE(s.characteristics, at + 36);
    rawPointers.push(raw);
    raw += s.rawSize;
  });
  return { headers: h, rawPointers };
}

/** A small valid PE image (unsigned), checksum set. */
export function buildPe(spec: PeSpec = {}): Buffer {
  const fileAlignment = spec.fileAlignment ?? 0x200;
  const sectionAlignment = spec.sectionAlignment ?? 0x1000;
  const sections = [...(spec.sections ?? defaultSections())];
  let resourceDirectory: { rva: number; size: number } | null = null;
  if (spec.versionInfo) {
    const rva = sections.reduce((at, s) => at + align(Math.max(s.virtualSize ?? s.data.length, 1), sectionAlignment), sectionAlignment);
    const data = versionResourceSection(spec.versionInfo, rva);
    sections.push({ name: '.rsrc', data, characteristics: 0x40000040 });
    resourceDirectory = { rva, size: data.length };
  }
  const { headers } = buildHeaders(
    spec,
    sections.map((s) => ({
      name: s.name,
      rawSize: align(s.data.length, fileAlignment),
      virtualSize: s.virtualSize ?? s.data.length,
      characteristics: s.characteristics ?? 0x40000040,
    })),
  );
  const parts = [headers];
  for (const s of sections) {
    const raw = Buffer.alloc(align(s.data.length, fileAlignment));
    s.data.copy(raw);
    parts.push(raw);
  }
  if (spec.overlay) parts.push(spec.overlay);
  const image = Buffer.concat(parts);
  if (resourceDirectory) {
    const off = peOffsets(image);
    const entry = off.securityEntry - 2 * 8; // data directory 2: resources
    image.writeUInt32LE(resourceDirectory.rva, entry);
    image.writeUInt32LE(resourceDirectory.size, entry + 4);
  }
  return setChecksum(image);
}

export interface AttachOptions {
  /** extra bytes inside the PRIMARY entry after its PKCS#7 blob, counted in dwLength (CVE-2013-3900) */
  padding?: Buffer;
  /** bytes appended after the certificate table (not counted in the directory size) */
  trailing?: Buffer;
  revision?: number;
  type?: number;
  /** fill byte for the alignment padding after each blob (default 0) */
  alignmentFill?: number;
  /** write dwLength rounded up to 8 (as signtool does) instead of the exact length (default false) */
  roundLengths?: boolean;
}

/**
 * Appends a WIN_CERTIFICATE table with one entry per blob (primary first) to an unsigned image: zero-pads the
 * image to 8 bytes (as signing tools do, and as the digest of an unsigned image assumes), points the security
 * directory at the table, recomputes the checksum.
 */
export function attachSignatures(pe: Buffer, blobs: Buffer[], opts: AttachOptions = {}): Buffer {
  const image = Buffer.concat([pe, Buffer.alloc((8 - (pe.length % 8)) % 8)]);
  const entries = blobs.map((blob, i) => {
    const content = i === 0 && opts.padding ? Buffer.concat([blob, opts.padding]) : blob;
    const exact = 8 + content.length;
    const rounded = align(exact, 8);
    const e = Buffer.alloc(rounded, opts.alignmentFill ?? 0);
    e.writeUInt32LE(opts.roundLengths ? rounded : exact, 0);
    e.writeUInt16LE(opts.revision ?? 0x0200, 4);
    e.writeUInt16LE(opts.type ?? 0x0002, 6);
    content.copy(e, 8);
    return e;
  });
  const table = Buffer.concat(entries);
  const out = Buffer.concat([image, table]);
  const off = peOffsets(out);
  out.writeUInt32LE(image.length, off.securityEntry);
  out.writeUInt32LE(table.length, off.securityEntry + 4);
  setChecksum(out);
  return opts.trailing ? Buffer.concat([out, opts.trailing]) : out;
}

// ------------------------------------------------------------------ large images (benchmark)

export interface LargePe {
  path: string;
  size: number;
  /** Authenticode digests of the unsigned image (zero-padded to 8), computed while writing */
  digests: Map<DigestAlgorithm, Buffer>;
}

/**
 * Writes an unsigned PE32+ image of about `size` bytes to `path` in 4 MiB chunks (never whole in memory), one
 * big .text section, and computes its Authenticode digest on the way. Append the signature with
 * appendSignatureToFile.
 */
export async function writeLargePe(path: string, size: number, algorithms: DigestAlgorithm[] = ['sha256']): Promise<LargePe> {
  const fileAlignment = 0x200;
  const chunk = 4 * 1024 * 1024;
  const probe = buildHeaders({}, [{ name: '.text', rawSize: 0, virtualSize: 0, characteristics: 0x60000020 }]).headers.length;
  const rawSize = align(Math.max(size - probe, fileAlignment), fileAlignment);
  const { headers } = buildHeaders({ machine: 'x64' }, [{ name: '.text', rawSize, virtualSize: rawSize, characteristics: 0x60000020 }]);
  const off = peOffsets(headers);
  const hashes: [DigestAlgorithm, Hash][] = algorithms.map((a) => [a, createHash(a)]);
  const feed = (b: Buffer): void => hashes.forEach(([, h]) => h.update(b));
  feed(headers.subarray(0, off.checksum));
  feed(headers.subarray(off.checksum + 4, off.securityEntry));
  feed(headers.subarray(off.securityEntry + 8));

  const fh = await open(path, 'w');
  try {
    await fh.write(headers, 0, headers.length, 0);
    const buf = Buffer.alloc(chunk);
    for (let i = 0; i < buf.length; i++) buf[i] = (i * 131 + (i >>> 8)) & 0xff;
    let pos = headers.length;
    let left = rawSize;
    let n = 0;
    while (left > 0) {
      buf.writeUInt32LE(n++, 0); // vary every chunk
      const len = Math.min(left, chunk);
      const piece = buf.subarray(0, len);
      await fh.write(piece, 0, len, pos);
      feed(piece);
      pos += len;
      left -= len;
    }
    // headers.length and rawSize are multiples of 0x200: no padding needed
    return { path, size: pos, digests: new Map(hashes.map(([a, h]) => [a, h.digest()])) };
  } finally {
    await fh.close();
  }
}

/** Appends a one-entry certificate table to an unsigned image on disk and patches its security directory. */
export async function appendSignatureToFile(path: string, blob: Buffer): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(4096);
    await fh.read(head, 0, head.length, 0);
    const off = peOffsets(head);
    const pad = (8 - (size % 8)) % 8;
    const exact = 8 + blob.length;
    const entry = Buffer.alloc(align(exact, 8));
    entry.writeUInt32LE(exact, 0);
    entry.writeUInt16LE(0x0200, 4);
    entry.writeUInt16LE(0x0002, 6);
    blob.copy(entry, 8);
    await fh.write(Buffer.concat([Buffer.alloc(pad), entry]), 0, pad + entry.length, size);
    const dir = Buffer.alloc(8);
    dir.writeUInt32LE(size + pad, 0);
    dir.writeUInt32LE(entry.length, 4);
    await fh.write(dir, 0, 8, off.securityEntry);
  } finally {
    await fh.close();
  }
}
