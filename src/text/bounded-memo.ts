/**
 * A memo of values by a string key, bounded: past `limit` entries it starts over (cleared) instead of growing.
 * For answers that depend on the key alone and repeat across a fleet's machines (the JSON text of a repeating
 * string, a caption's product, a version's lines, a reason's remediation steps): each entry only saves work,
 * none is ever needed for the answer, so forgetting them all is safe, and an input made to have a new key on
 * every line costs at most `limit` entries of memory. One mechanism for every such memo of the fleet's hot path.
 */
export class BoundedMemo<V> {
  private readonly values = new Map<string, V>();
  constructor(private readonly limit: number) {}

  /** The value for `key`: the remembered one, else `make(key)`, remembered (an undefined value is not). */
  get(key: string, make: (key: string) => V): V {
    let v = this.values.get(key);
    if (v === undefined) {
      v = make(key);
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, v);
    }
    return v;
  }
}
