/**
 * The PE version resource (VS_VERSIONINFO), as sigcheck and Explorer's "Details" tab show it: the
 * StringFileInfo strings (CompanyName, FileDescription, FileVersion, ProductName, ProductVersion,
 * OriginalFilename, InternalName, LegalCopyright, …) and the fixed FILEVERSION / PRODUCTVERSION.
 *
 * The resource is found by walking the resource directory tree ourselves (type RT_VERSION = 16 → name or id
 * → language → data entry), from the headers as pe-reader.ts reads them (`readPeLayout`: the resource data
 * directory and the section table) and the resource section, bounds-checked, at most MAX_RESOURCE_SECTION bytes. The walk follows only the RT_VERSION branch, visits each directory at most
 * once (a tree whose directories are shared by many parents, 10^9 paths in 24 KB, costs what its distinct
 * directories cost) and reads at most MAX_RESOURCE_ENTRIES directory entries in all; past that it stops with
 * a note. The VS_VERSIONINFO blob it finds is decoded here, bounds-checked field by field.
 *
 * Nothing here throws: a file without a version resource, or with one that does not decode, gives
 * `versionInfo: null` and a note saying why; the signature verdict never depends on it.
 *
 * Layout (Microsoft "VS_VERSIONINFO", "StringFileInfo", "StringTable", "String", "VS_FIXEDFILEINFO"):
 *   every node   wLength u16, wValueLength u16, wType u16 (1 = text), szKey UTF-16 NUL-terminated,
 *                padding to 32 bits, Value, padding to 32 bits, children up to wLength
 *   root         szKey "VS_VERSION_INFO", Value VS_FIXEDFILEINFO (52 bytes, dwSignature 0xFEEF04BD,
 *                dwFileVersionMS/LS at +8/+12, dwProductVersionMS/LS at +16/+20)
 *   children     "StringFileInfo" → StringTable (szKey "040904b0": language + code page) → String
 *                (szKey name, Value text of wValueLength WORDs); "VarFileInfo" (translations; not read)
 */
import { open } from 'node:fs/promises';
import { ByteReader } from './byte-reader';
import { fileAccess, readPeLayout, type PeLayout } from './pe-reader';
import { VerifyError } from '../errors';
import { VERSION_STRING_NAMES, type VersionInfo, type VersionStringName } from '../types';

export type { VersionInfo, VersionStringName } from '../types';

/** The resource section read for the version resource is capped (version resources are a few KiB). */
export const MAX_RESOURCE_SECTION = 16 * 1024 * 1024;
/**
 * Resource directory entries read on the way to the version resource, in all (real files list a few hundred
 * resources; a directory lists at most 2 × 65 535 entries).
 */
export const MAX_RESOURCE_ENTRIES = 65_536;
const RT_VERSION = 16;
const FIXED_SIGNATURE = 0xfeef04bd;

export interface VersionInfoRead {
  versionInfo: VersionInfo | null;
  /** why versionInfo is null (no resource, unreadable resource, …); null when it was read */
  note: string | null;
}

/** An error's message (also for errors from another realm, which fail `instanceof Error`). */
function messageOf(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : String(e);
}

/** Reads the version resource of the PE file at `path`. Never throws. */
export async function readPeVersionInfo(path: string): Promise<VersionInfoRead> {
  try {
    const section = await resourceSection(path);
    if (typeof section === 'string') return { versionInfo: null, note: section };
    const blob = versionResource(section);
    if (typeof blob === 'string') return { versionInfo: null, note: blob };
    return { versionInfo: decodeVersionInfo(blob), note: null };
  } catch (e) {
    return { versionInfo: null, note: `version resource not readable: ${messageOf(e)}` };
  }
}

interface ResourceSection {
  /** the raw data of the section holding the resource directory */
  data: Uint8Array;
  /** the section's RVA (data[0]) */
  va: number;
  /** the resource directory's RVA */
  rootRva: number;
}

/**
 * The section holding the resource directory, read with bounds checks. The headers, data directories and
 * section table are pe-reader.ts's `readPeLayout`, the same reading the signature check uses (one header
 * parser); only the resource section's bytes are read here. A string says why there is nothing to read.
 */
async function resourceSection(path: string): Promise<ResourceSection | string> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    let layout: PeLayout;
    try {
      layout = await readPeLayout(fileAccess(handle, size));
    } catch (e) {
      if (!(e instanceof VerifyError)) throw e;
      // no "MZ", no "PE\0\0", or e_lfanew past the end: the file does not begin as a PE
      if (/^DOS header|"PE\\0\\0" signature|^e_lfanew /.test(e.message)) return 'not a PE file';
      return `the PE headers do not read: ${e.message}`;
    }
    if (layout.numberOfRvaAndSizes < 3) return 'no resource directory';
    const dir = layout.resourceDirectory;
    if (dir === null || dir.rva === 0 || dir.size === 0) return 'no version resource (the file has no resources)';
    const rsrc = layout.sections.find((s) => dir.rva >= s.virtualAddress && dir.rva < s.virtualAddress + Math.max(s.virtualSize, s.sizeOfRawData));
    if (!rsrc) return 'no section holds the resource directory';
    if (rsrc.sizeOfRawData > MAX_RESOURCE_SECTION) {
      return `resource section of ${rsrc.sizeOfRawData} bytes is larger than the ${MAX_RESOURCE_SECTION} bytes read for the version resource`;
    }
    if (rsrc.pointerToRawData + rsrc.sizeOfRawData > size) return 'the resource section runs past the end of the file';
    const data = Buffer.alloc(rsrc.sizeOfRawData);
    const { bytesRead } = await handle.read(data, 0, data.length, rsrc.pointerToRawData);
    return { data: data.subarray(0, bytesRead), va: rsrc.virtualAddress, rootRva: dir.rva };
  } finally {
    await handle.close();
  }
}

/** One IMAGE_RESOURCE_DIRECTORY_ENTRY: a numeric id (null for a named entry) and where it leads. */
interface ResourceEntry {
  id: number | null;
  /** offset (from the resource directory's start) of a subdirectory, or of a data entry */
  target: number;
  directory: boolean;
}

/**
 * The RT_VERSION resource's bytes (lowest id, then lowest language; named ones after numbered ones), or a
 * string saying why there is none. Each directory is read at most once, at most MAX_RESOURCE_ENTRIES entries
 * in all: the cost is linear in the directories the RT_VERSION branch really holds, whatever the paths.
 */
function versionResource(section: ResourceSection): Uint8Array | string {
  const r = new ByteReader(section.data, { what: 'resource section' });
  const root = section.rootRva - section.va;
  if (root >= section.data.length) return 'the resource directory lies outside the resource section\'s data';
  const visited = new Set<number>();
  let budget = MAX_RESOURCE_ENTRIES;
  const overBudget = `the resource directory lists more than ${MAX_RESOURCE_ENTRIES} entries on the way to the version resource; not read further`;

  /** IMAGE_RESOURCE_DIRECTORY: 16 bytes, NumberOfNamedEntries u16 at +12, NumberOfIdEntries u16 at +14, entries of 8 bytes. */
  const entriesOf = (offset: number): ResourceEntry[] | null => {
    const at = root + offset;
    const count = r.u16(at + 12, 'resource directory NumberOfNamedEntries') + r.u16(at + 14, 'resource directory NumberOfIdEntries');
    if (count > budget) return null;
    budget -= count;
    r.check(at + 16, count * 8, 'resource directory entries');
    const out: ResourceEntry[] = [];
    for (let i = 0; i < count; i++) {
      const name = r.u32(at + 16 + i * 8);
      const to = r.u32(at + 20 + i * 8);
      out.push({ id: name & 0x80000000 ? null : name, target: to & 0x7fffffff, directory: (to & 0x80000000) !== 0 });
    }
    // numbered entries first, in order; named ones after, in directory order (a stable sort)
    return out.sort((a, b) => order(a.id) - order(b.id));
  };
  /** a subdirectory not seen before (marks it seen) */
  const fresh = (e: ResourceEntry): boolean => {
    if (!e.directory || visited.has(e.target)) return false;
    visited.add(e.target);
    return true;
  };

  visited.add(0);
  const types = entriesOf(0);
  if (!types) return overBudget;
  for (const type of types) {
    if (type.id !== RT_VERSION || !fresh(type)) continue;
    const names = entriesOf(type.target);
    if (!names) return overBudget;
    for (const name of names) {
      if (!fresh(name)) continue;
      const languages = entriesOf(name.target);
      if (!languages) return overBudget;
      const leaf = languages.find((l) => !l.directory);
      if (!leaf) continue;
      // IMAGE_RESOURCE_DATA_ENTRY: OffsetToData (an RVA), Size, CodePage, Reserved
      const dataRva = r.u32(root + leaf.target, 'resource data entry OffsetToData');
      const dataSize = r.u32(root + leaf.target + 4, 'resource data entry Size');
      const start = dataRva - section.va;
      if (dataSize === 0 || dataRva < section.va || start + dataSize > section.data.length) return 'the version resource points outside the resource section';
      return section.data.subarray(start, start + dataSize);
    }
  }
  return 'no version resource';
}

/** Numeric ids and languages first, in order; named ones after. */
function order(x: number | null): number {
  return x ?? Number.MAX_SAFE_INTEGER;
}

interface Node {
  key: string;
  valueLength: number;
  type: number;
  /** offset of the value (after the key and its padding) */
  value: number;
  /** offset just past the node */
  end: number;
}

const align4 = (n: number): number => (n + 3) & ~3;

function utf16z(r: ByteReader, at: number, end: number, field: string): { text: string; next: number } {
  let i = at;
  while (true) {
    if (i + 2 > end) throw new Error(`${field}: no terminating NUL before offset ${end}`);
    if (r.u16(i, field) === 0) break;
    i += 2;
  }
  return { text: Buffer.from(r.slice(at, i - at, field)).toString('utf16le'), next: i + 2 };
}

function readNode(r: ByteReader, at: number, limit: number, field: string): Node {
  const length = r.u16(at, `${field} wLength`);
  if (length < 6 || at + length > limit) throw new Error(`${field}: wLength ${length} at offset ${at} runs past its parent (${limit})`);
  const end = at + length;
  const { text, next } = utf16z(r, at + 6, end, `${field} szKey`);
  return { key: text, valueLength: r.u16(at + 2), type: r.u16(at + 4), value: align4(next), end };
}

function* children(r: ByteReader, from: number, end: number, field: string): Generator<Node> {
  let at = align4(from);
  while (at + 6 <= end) {
    const length = r.u16(at, `${field} wLength`);
    if (length === 0) break; // trailing padding
    const node = readNode(r, at, end, field);
    yield node;
    at = align4(node.end);
  }
}

function version(ms: number, ls: number): string {
  return `${ms >>> 16}.${ms & 0xffff}.${ls >>> 16}.${ls & 0xffff}`;
}

/** Decodes a VS_VERSIONINFO blob. Throws (caught by readPeVersionInfo) when it does not hold together. */
export function decodeVersionInfo(blob: Uint8Array): VersionInfo {
  const r = new ByteReader(blob, { what: 'version resource' });
  const root = readNode(r, 0, blob.length, 'VS_VERSIONINFO');
  if (root.key !== 'VS_VERSION_INFO') throw new Error(`VS_VERSIONINFO: key is "${root.key}", not "VS_VERSION_INFO"`);
  let fixedFileVersion: string | null = null;
  let fixedProductVersion: string | null = null;
  let stringTable: string | null = null;
  const strings: Array<{ name: string; value: string }> = [];
  if (root.valueLength >= 52 && r.has(root.value, 52) && r.u32(root.value) === FIXED_SIGNATURE) {
    fixedFileVersion = version(r.u32(root.value + 8), r.u32(root.value + 12));
    fixedProductVersion = version(r.u32(root.value + 16), r.u32(root.value + 20));
  }
  const childrenAt = root.value + root.valueLength;
  const known = new Set<string>(VERSION_STRING_NAMES);
  for (const child of children(r, childrenAt, root.end, 'VS_VERSIONINFO child')) {
    if (child.key !== 'StringFileInfo') continue;
    // the first string table (Windows shows the one matching the UI language; files rarely carry two)
    for (const table of children(r, child.value, child.end, 'StringTable')) {
      stringTable = table.key;
      for (const s of children(r, table.value, table.end, 'String')) {
        // wValueLength counts WORDs for text values; some writers count bytes: stop at the NUL either way
        const max = Math.min(s.end, s.value + Math.max(s.valueLength * 2, 0));
        let value = '';
        if (s.valueLength > 0 && s.value < s.end) {
          let i = s.value;
          while (i + 2 <= max && r.u16(i) !== 0) i += 2;
          value = Buffer.from(r.slice(s.value, i - s.value)).toString('utf16le');
        }
        strings.push({ name: s.key, value });
      }
      break;
    }
  }
  const info: VersionInfo = { otherStrings: [], fixedFileVersion, fixedProductVersion, stringTable };
  const named: { [K in VersionStringName]?: string } = {};
  for (const { name, value } of strings) {
    // only the well-known names become fields (a name from the file is never a key); the first one wins
    if (known.has(name)) named[name as VersionStringName] ??= value;
    else info.otherStrings.push({ name, value });
  }
  return { ...named, ...info };
}
