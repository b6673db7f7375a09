/**
 * The directory of a compound file ([MS-CFB] 2.6): its 128-byte entries read into CfbEntry (names, types,
 * sizes, the raw bytes the MSI digests hash), the red-black trees of each storage walked from the root with an
 * explicit stack (each entry reached once), and names unique within a storage. Part of msi-cfb.ts.
 */
import { type CfbEntry, DIR_ENTRY_SIZE, ENTRY_ROOT, ENTRY_STORAGE, ENTRY_STREAM, malformed, NOSTREAM, truncated } from './msi-cfb-base';

/** An entry's links as stored: its siblings, its first child and its stream's start sector. */
export interface RawLinks {
  left: number;
  right: number;
  child: number;
  start: number;
}

/** The entries reachable from the root (root first) and every entry's raw links, by entry id. */
export interface Directory {
  root: CfbEntry;
  entries: CfbEntry[];
  links: Map<number, RawLinks>;
}

/** Upper-case each UTF-16 unit on its own (simple case mapping; a unit whose upper case is longer stays). */
function upperUnits(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    const up = ch.toUpperCase();
    out += up.length === 1 ? up : ch;
  }
  return out;
}

/**
 * The entries of the directory held in `dir` (the directory chain's sectors `dirChain`, in order), in a file of
 * `fileSize` bytes, major version `major` and `S`-byte sectors.
 */
export function readDirectory(dir: Buffer, dirChain: readonly number[], S: number, major: number, fileSize: number): Directory {
  const sectorOffset = (sector: number): number => (sector + 1) * S;
  const perDirSector = S / DIR_ENTRY_SIZE;
  const entryCount = dirChain.length * perDirSector;
  const entryFileOffset = (id: number): number => sectorOffset(dirChain[Math.floor(id / perDirSector)]) + (id % perDirSector) * DIR_ENTRY_SIZE;

  const links = new Map<number, RawLinks>();
  const readEntry = (id: number, parentPath: string): CfbEntry => {
    const o = id * DIR_ENTRY_SIZE;
    const d16 = (k: number): number => dir.readUInt16LE(o + k);
    const d32 = (k: number): number => dir.readUInt32LE(o + k);
    const nameLen = d16(0x40);
    const type = dir[o + 0x42];
    const where = `directory entry ${id}`;
    if (nameLen < 2 || nameLen > 64 || nameLen % 2 !== 0) throw malformed(`${where}: name length ${nameLen} is not valid`);
    const nameBytes = Buffer.from(dir.subarray(o, o + nameLen - 2));
    if (d16(nameLen - 2) !== 0) throw malformed(`${where}: name is not null-terminated`);
    for (let i = 0; i < nameBytes.length; i += 2) {
      if (nameBytes.readUInt16LE(i) === 0) throw malformed(`${where}: name holds a null character`);
    }
    if (id === 0 ? type !== ENTRY_ROOT : type !== ENTRY_STORAGE && type !== ENTRY_STREAM) {
      throw malformed(`${where}: object type ${type} is not valid here`);
    }
    const sizeField = Buffer.from(dir.subarray(o + 0x78, o + 0x80));
    const low = sizeField.readUInt32LE(0);
    const high = sizeField.readUInt32LE(4);
    if (major === 4 && high !== 0) throw malformed(`${where}: stream size exceeds 4 GiB`);
    const size = type === ENTRY_STORAGE ? 0 : low;
    if (size > fileSize) throw truncated(`${where}: size ${size} exceeds the file size ${fileSize}`);
    const name = nameBytes.toString('utf16le');
    links.set(id, { left: d32(0x44), right: d32(0x48), child: d32(0x4c), start: d32(0x74) });
    return {
      id,
      offset: entryFileOffset(id),
      nameBytes,
      name,
      type: type as CfbEntry['type'],
      clsid: Buffer.from(dir.subarray(o + 0x50, o + 0x60)),
      stateBits: Buffer.from(dir.subarray(o + 0x60, o + 0x64)),
      creationTime: Buffer.from(dir.subarray(o + 0x64, o + 0x6c)),
      modifiedTime: Buffer.from(dir.subarray(o + 0x6c, o + 0x74)),
      sizeField,
      size,
      children: [],
      path: id === 0 ? '' : parentPath === '' ? name : `${parentPath}/${name}`,
    };
  };

  const root = readEntry(0, '');
  const entries: CfbEntry[] = [root];
  const seen = new Set<number>([0]);
  // Walk each storage's red-black tree (left, right, child links) with an explicit stack: no recursion
  // depth limit, and each entry may be reached only once (a second visit is a loop or a shared subtree).
  const pending: { id: number; parent: CfbEntry }[] = [];
  const pushLink = (id: number, parent: CfbEntry, from: number): void => {
    if (id === NOSTREAM) return;
    if (id >= entryCount) throw malformed(`directory entry ${from} links to entry ${id}, the directory has ${entryCount}`);
    if (seen.has(id)) throw malformed(`directory entry ${id} is reached twice (directory tree loop)`);
    seen.add(id);
    pending.push({ id, parent });
  };
  pushLink(links.get(0)!.child, root, 0);
  {
    const rootLinks = links.get(0)!;
    if (rootLinks.left !== NOSTREAM || rootLinks.right !== NOSTREAM) throw malformed('root entry has siblings');
  }
  while (pending.length > 0) {
    const { id, parent } = pending.pop()!;
    const e = readEntry(id, parent.path);
    parent.children.push(e);
    entries.push(e);
    const l = links.get(id)!;
    pushLink(l.left, parent, id);
    pushLink(l.right, parent, id);
    if (e.type === ENTRY_STORAGE) pushLink(l.child, e, id);
    else if (l.child !== NOSTREAM) throw malformed(`stream ${e.path} has a child entry`);
  }
  // [MS-CFB] 2.6.4: names are unique within a storage, compared after upper-casing each UTF-16 unit
  for (const e of entries) {
    const names = new Set<string>();
    for (const c of e.children) {
      const k = upperUnits(c.name);
      if (names.has(k)) throw malformed(`storage ${e.path || 'Root Entry'} holds two entries named ${JSON.stringify(c.name)} (names compare case-insensitively)`);
      names.add(k);
    }
  }
  return { root, entries, links };
}
