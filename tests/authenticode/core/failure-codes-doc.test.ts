import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAILURE_CODES } from '../../../src/authenticode/types';

describe('docs/failure-codes.md', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/failure-codes.md'), 'utf8');
  const rows = doc
    .split('\n')
    .map((line) => /^\| `([A-Z0-9_]+)` \|(.+)\|(.+)\|\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null);

  it('documents exactly the closed set of failure codes, in order', () => {
    expect(rows.map((m) => m[1])).toEqual([...FAILURE_CODES]);
  });

  it('gives every code a meaning and a verdict', () => {
    for (const m of rows) {
      expect(m[2]!.trim().length).toBeGreaterThan(10);
      expect(m[3]!).toMatch(/malformed|invalid|unsigned|policy note|error/);
    }
  });
});
