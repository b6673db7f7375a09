/**
 * A small LRU map (string keys): the fleet report's outcome cache per decision key, bounded by
 * FleetOptions.cacheSize. A read makes the entry the newest; past `max` entries the least recently used goes.
 *
 * Why it is fast: while the map has never been full (the usual fleet: a few hundred decisions), a read only
 * stamps the entry with a counter instead of moving it in the Map (a delete and a set per machine, on a long
 * key, were a tenth of the report's own time). The first time the map overflows, its entries are put in the
 * order of their stamps once, and from then on every read moves its entry, as a plain LRU does: the entry
 * dropped is always the least recently read or set.
 */

/** A small LRU map. */
export class Lru<V> {
  private m = new Map<string, { v: V; used: number }>();
  private clock = 0;
  /** true once the map overflowed: from then on the Map's order is the order of use, kept at every read */
  private ordered = false;
  /** the newest key while ordered: reading it again needs no move */
  private newest: string | undefined;
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const e = this.m.get(k);
    if (e === undefined) return undefined;
    e.used = ++this.clock;
    if (this.ordered && k !== this.newest) {
      this.m.delete(k);
      this.m.set(k, e);
      this.newest = k;
    }
    return e.v;
  }
  set(k: string, v: V): void {
    const held = this.m.get(k);
    // a key already held keeps its place and its last use (as Map.set keeps its place)
    if (held) {
      held.v = v;
      return;
    }
    this.m.set(k, { v, used: ++this.clock });
    this.newest = k;
    if (this.m.size > this.max) {
      if (!this.ordered) {
        const entries = [...this.m].sort((a, b) => a[1].used - b[1].used);
        this.m = new Map(entries);
        this.ordered = true;
      }
      this.m.delete(this.m.keys().next().value as string);
    }
  }
}
