/**
 * A small LRU map (string keys): the fleet report's outcome cache per decision key, bounded by
 * FleetOptions.cacheSize. A read moves the entry to the newest place; past `max` entries the oldest goes.
 */

/** A small LRU map. */
export class Lru<V> {
  private m = new Map<string, V>();
  /** the newest key: reading it again needs no move (a run of machines with one decision costs one lookup each) */
  private newest: string | undefined;
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined && k !== this.newest) {
      this.m.delete(k);
      this.m.set(k, v);
      this.newest = k;
    }
    return v;
  }
  set(k: string, v: V): void {
    const size = this.m.size;
    this.m.set(k, v);
    // a key set anew is the newest; one already held keeps its place (Map.set does not move it)
    if (this.m.size > size) this.newest = k;
    if (this.m.size > this.max) this.m.delete(this.m.keys().next().value as string);
  }
}
