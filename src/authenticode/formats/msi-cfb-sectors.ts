/**
 * Sector accounting of a compound file (CVE-2020-1464 "GlueBall" class): who owns each sector (Ownership), and
 * following FAT chains while claiming their sectors (SectorClaims), so that a sector used twice, a chain that
 * loops or runs past the end of the file, and a sector nobody reaches are all found. Part of msi-cfb.ts.
 */
import { ENDOFCHAIN, FREESECT, malformed, MAXREGSECT, hex, truncated } from './msi-cfb-base';

export type Owner = string;

/**
 * Who owns each sector: 0 = nobody, k > 0 = owners[k - 1], k < 0 = slack (sectors a chain carries past its
 * stream's size) of owners[-k - 1]. A typed array: a 256 MiB file has half a million 512-byte sectors.
 */
export class Ownership {
  /** the owner ids by sector (read directly by hot loops; written only through claim) */
  readonly ids: Int32Array;
  private readonly names: Owner[] = [];
  private readonly index = new Map<Owner, number>();
  constructor(count: number) {
    this.ids = new Int32Array(count);
  }
  /** The id of an owner (registered on first use). */
  idOf(who: Owner): number {
    let k = this.index.get(who);
    if (k === undefined) {
      this.names.push(who);
      k = this.names.length;
      this.index.set(who, k);
    }
    return k;
  }
  /**
   * Record owner `id` (or its slack) for `sector`. Returns null when the sector was free, 'loop' when the
   * same owner already holds it (a chain that comes back on itself), else the previous owner's name.
   */
  claim(sector: number, id: number, slack: boolean): Owner | 'loop' | null {
    const prev = this.ids[sector];
    if (prev === id || prev === -id) return 'loop';
    if (prev !== 0) return this.nameOf(prev);
    this.ids[sector] = slack ? -id : id;
    return null;
  }
  name(id: number): Owner {
    return this.names[id - 1];
  }
  /** owned by nobody, or slack */
  unreachable(sector: number): boolean {
    return this.ids[sector] <= 0;
  }
  private nameOf(id: number): Owner {
    return id > 0 ? this.names[id - 1] : `slack of ${this.names[-id - 1]}`;
  }
}

/**
 * followChain's hot loop, as a plain function over typed arrays (a 1 GiB stream is two million sectors):
 * claims sectors while each is an ordinary one — covered by `fat` (which holds entries of sectors inside
 * the file only), not yet owned, and the chain not longer than the file. Returns the sector it stopped at
 * and the chain length so far; the caller checks and reports that sector.
 */
function claimRun(
  fat: Uint32Array,
  ids: Int32Array,
  start: number,
  id: number,
  needed: number,
  physical: number,
  chain: number[],
  keep: number,
): [number, number] {
  const kept = fat.length;
  let sector = start;
  let length = 0;
  while (sector < kept && length < physical && ids[sector] === 0) {
    ids[sector] = length >= needed ? -id : id;
    if (length < keep) chain.push(sector);
    length++;
    sector = fat[sector];
  }
  return [sector, length];
}

/**
 * The sectors of one file as the parser claims them: `physical` whole sectors, their owners, and the FAT once
 * read (only the entries of sectors inside the file are kept: a chain reaching sector >= physical ends as
 * TRUNCATED_FILE before its entry is looked at).
 */
export class SectorClaims {
  readonly owner: Ownership;
  readonly ownerIds: Int32Array;
  /** the FAT entries kept (set by the FAT step) */
  fat: Uint32Array = new Uint32Array(0);
  /** the sectors the FAT covers (numFatSectors × entries per sector) */
  fatLength = 0;
  /** the length of the chain followChain walked last */
  lastChainLength = 0;

  constructor(readonly physical: number) {
    this.owner = new Ownership(physical);
    this.ownerIds = this.owner.ids;
  }

  claimId(sector: number, id: number, slack: boolean): void {
    const { owner, physical } = this;
    if (sector >= physical) {
      throw truncated(`${owner.name(id)}: sector ${sector} lies past the end of the file (${physical} whole sectors)`);
    }
    const prev = owner.claim(sector, id, slack);
    if (prev === 'loop') throw malformed(`${owner.name(id)}: sector chain comes back to sector ${sector} (FAT loop)`);
    if (prev !== null) throw malformed(`sector ${sector} is used by both ${prev} and ${owner.name(id)}`);
  }

  claim(sector: number, who: Owner): void {
    this.claimId(sector, this.owner.idOf(who), false);
  }

  checkRegular(sector: number, who: Owner): void {
    if (sector > MAXREGSECT) throw malformed(`${who}: ${hex(sector)} where a sector number was expected`);
  }

  /**
   * Follow a FAT chain from `start`. `needed` sectors are claimed for `who`; sectors the chain carries
   * past `needed` are claimed as "slack of who" (reported as unreachable data). needed = Infinity: the
   * whole chain belongs to `who`. The first `keep` sectors are returned; the length is left in
   * lastChainLength.
   */
  followChain(start: number, who: Owner, needed: number, keep = Infinity): number[] {
    const { fat, fatLength, ownerIds, physical } = this;
    const chain: number[] = [];
    let length = 0;
    const id = this.owner.idOf(who);
    let sector = start;
    // fast path: ordinary sectors (inside the file and the FAT, not yet owned); the loop below checks
    // and reports whatever it stops at
    [sector, length] = claimRun(fat, ownerIds, sector, id, needed, physical, chain, keep);
    while (sector !== ENDOFCHAIN) {
      if (sector === FREESECT && length === 0 && needed === 0) break;
      this.checkRegular(sector, who);
      if (sector >= fatLength) {
        if (sector >= physical) throw truncated(`${who}: sector ${sector} lies past the end of the file`);
        throw malformed(`${who}: sector ${sector} has no FAT entry (FAT covers ${fatLength} sectors)`);
      }
      if (length >= physical) throw malformed(`${who}: sector chain loops (FAT loop)`);
      // hot path inlined (a 1 GiB stream is two million sectors); claimId reports the problems
      if (sector < physical && ownerIds[sector] === 0) ownerIds[sector] = length >= needed ? -id : id;
      else this.claimId(sector, id, length >= needed);
      if (length < keep) chain.push(sector);
      length++;
      sector = fat[sector];
    }
    if (length < needed && needed !== Infinity) {
      throw malformed(`${who}: sector chain holds ${length} sectors, ${needed} needed`);
    }
    this.lastChainLength = length;
    return chain;
  }
}
