/** The duplicate-name index of loadInventory (src/endpoint/seen-names.ts). */
import { SeenNames } from '../../src/endpoint/seen-names';

describe('SeenNames', () => {
  it('finds a name read again, without regard to case, and gives back the first source as it was', () => {
    const s = new SeenNames();
    expect(s.add('PC-01', '/inv/fleet.jsonl:7')).toBeUndefined();
    expect(s.add('pc-01', '/inv/other.jsonl:3')).toBe('/inv/fleet.jsonl:7');
    expect(s.add('Pc-01', 'x')).toBe('/inv/fleet.jsonl:7');
    expect(s.add('PC-02', 'C:\\exports\\fleet.json[12]')).toBeUndefined();
    expect(s.add('pc-02', 'y')).toBe('C:\\exports\\fleet.json[12]');
    // sources that are not FILE:LINE / FILE[INDEX] come back whole
    for (const [name, src] of [
      ['A', '/share/PC-A'],
      ['B', 'fleet.jsonl:007'],
      ['C', 'C:\\share\\PC-C'],
      ['D', 'weird:12:x'],
      ['E', 'line\nbreak:5'],
    ] as const) {
      expect(s.add(name, src)).toBeUndefined();
      expect(s.add(name.toLowerCase(), 'again')).toBe(src);
    }
  });

  it('gives back each first source as it was when files, lines, indexes and folders come mixed (the last-file shortcut)', () => {
    const s = new SeenNames();
    const sources = [':5', 'a:1', 'a:2', 'ab:3', 'a[4]', 'a:50', ':6', '', 'b.jsonl:999999999', 'b.jsonl:1000000000', 'a:2', 'ab:0', '/share/PC-X'];
    sources.forEach((src, i) => expect(s.add(`N${i}`, src)).toBeUndefined());
    sources.forEach((src, i) => expect(s.add(`n${i}`, 'again:1')).toBe(src));
  });

  it('holds 300 000 distinct names with no false duplicate, and finds each of them again', () => {
    const s = new SeenNames();
    const falseDuplicates: string[] = [];
    for (let i = 0; i < 300_000; i++) if (s.add(`PC-${i}`, `f${i % 3}.jsonl:${i + 1}`) !== undefined) falseDuplicates.push(`PC-${i}`);
    const missed: string[] = [];
    for (let i = 0; i < 300_000; i += 97) if (s.add(`pc-${i}`, 'z') !== `f${i % 3}.jsonl:${i + 1}`) missed.push(`pc-${i}`);
    // names that differ only where a weak hash would not look
    const t = new SeenNames();
    for (let i = 0; i < 50_000; i++) if (t.add(`${'x'.repeat(i % 50)}${String.fromCharCode(0x3042 + (i % 80))}${i}`, `g:${i + 1}`) !== undefined) falseDuplicates.push(String(i));
    expect(falseDuplicates).toEqual([]);
    expect(missed).toEqual([]);
  });
});

/**
 * Issue 22 item 6: names chosen to collide must cost what random names cost. The attack is built here against
 * the index's OLD hash (a fixed FNV-1a / multiplicative pair, public): names whose slot under it falls in the
 * first 1/64 of every table size pile up in one run of slots, and each insertion walks the run.
 */
describe('SeenNames under names chosen to collide', () => {
  /** the index's former, unkeyed hash and slot function (the attacker's model) */
  function oldSlot(name: string): number {
    const s = name.toUpperCase();
    let a = 0x811c9dc5;
    let b = 0x9e3779b9 ^ s.length;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    a ^= a >>> 13;
    b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
    b ^= b >>> 16;
    a = a >>> 0 || 1;
    return (a ^ Math.imul(b >>> 0, 0x27d4eb2f)) >>> 0;
  }
  /** linear probing as the old index did it: the slots looked at to insert all `names` */
  function oldProbes(names: string[]): number {
    let slots = 1024;
    let table = new Int32Array(slots).fill(-1);
    let probes = 0;
    const place = (t: Int32Array, n: number, h: number): number => {
      let i = h & (n - 1);
      let p = 1;
      while (t[i] !== -1) {
        i = (i + 1) & (n - 1);
        p++;
      }
      t[i] = h;
      return p;
    };
    let count = 0;
    for (const name of names) {
      probes += place(table, slots, oldSlot(name) | 0);
      if (++count * 2 > slots) {
        const old = table;
        slots *= 2;
        table = new Int32Array(slots).fill(-1);
        for (const h of old) if (h !== -1) probes += place(table, slots, h);
      }
    }
    return probes;
  }

  const N = 20_000;
  let crafted: string[];
  let random: string[];
  beforeAll(() => {
    // the attacker's names: low 16 bits of the old slot below 1024, so they share the first 1/64 of each table
    crafted = [];
    for (let i = 0; crafted.length < N; i++) {
      const name = `PC-${i.toString(36)}`;
      if ((oldSlot(name) & 0xffff) < 1024) crafted.push(name);
    }
    random = Array.from({ length: N }, (_, i) => `PC-R${(i * 7919).toString(36)}-${i}`);
  });

  it('the crafted names are a real flood for the old hash', () => {
    expect(oldProbes(crafted) / oldProbes(random)).toBeGreaterThan(20);
  });

  it('take no more probes nor (generously) time than random names, and duplicates are still found exactly', () => {
    const timeOf = (names: string[]): { ms: number; probes: number } => {
      let best = Infinity;
      let probes = 0;
      for (let r = 0; r < 5; r++) {
        const s = new SeenNames();
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < names.length; i++) s.add(names[i]!, `f.jsonl:${i + 1}`);
        best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
        probes += s.probes;
      }
      return { ms: best, probes };
    };
    timeOf(random); // warm-up
    const c = timeOf(crafted);
    const r = timeOf(random);
    // slots looked at: the same work (random keys; ±20 %)
    expect(c.probes / r.probes).toBeGreaterThan(0.8);
    expect(c.probes / r.probes).toBeLessThan(1.2);
    // wall time under a loaded machine: generous (the old hash took over 20× the probes)
    expect(c.ms / r.ms).toBeLessThan(2);

    const s = new SeenNames();
    const falseDuplicates = crafted.filter((n, i) => s.add(n, `crafted.jsonl:${i + 1}`) !== undefined);
    expect(falseDuplicates).toEqual([]);
    const missed = crafted.filter((n, i) => s.add(n.toLowerCase(), 'again.jsonl:1') !== `crafted.jsonl:${i + 1}`);
    expect(missed).toEqual([]);
  });

  it('each index draws its own key; a fixed key gives the same slots (tests)', () => {
    const a = new SeenNames({ key: [1, 2] });
    const b = new SeenNames({ key: [1, 2] });
    for (const n of random.slice(0, 1000)) {
      a.add(n, 'x');
      b.add(n, 'x');
    }
    expect(a.probes).toBe(b.probes);
    expect(a.add('PC-R0-0', 'y')).toBe('x');
  });
});
