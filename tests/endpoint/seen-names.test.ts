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
