/**
 * A small LRU map (string keys): the fleet report's outcome cache per decision key, bounded by
 * FleetOptions.cacheSize. A read moves the entry to the newest place; past `max` entries the oldest goes.
 */

/** A small LRU map. */
export class Lru<V> {
  private m = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined) {
      this.m.delete(k);
      this.m.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.m.set(k, v);
    if (this.m.size > this.max) this.m.delete(this.m.keys().next().value as string);
  }
}
