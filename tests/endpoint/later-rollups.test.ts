/**
 * Later rollups: a monthly rollup (or cumulative update) released after the fix contains it; a KB newer than
 * everything the table knows makes the OS part unknown naming it, never false; --accept-kb extends the table.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kbNumber, knownFixKbs, laterUpdates, MINIMUMS, newerThanTable } from '../../src/endpoint/minimums';
import { assessReadiness } from '../../src/endpoint/readiness';
import { ACS_SHA1, osOnly, profile } from './helpers';
import { run, tmpDir } from '../cli/helpers';
import { certutilRootText, crlf, encode, encodeCp437, systeminfoListText } from '../helpers/windows-exports';

const ROLLUP_LINES: { id: string; version: string; productType: 'workstation' | 'server'; later: string }[] = [
  { id: 'win81', version: '6.3.9600', productType: 'workstation', later: 'KB5022352' },
  { id: 'server-2012r2', version: '6.3.9600', productType: 'server', later: 'KB5041828' },
  { id: 'server-2012', version: '6.2.9200', productType: 'server', later: 'KB5018457' },
  { id: 'win7-sp1', version: '6.1.7601', productType: 'workstation', later: 'KB5018454' },
  { id: 'server-2008r2-sp1', version: '6.1.7601', productType: 'server', later: 'KB5009610' },
  { id: 'server-2008-sp2', version: '6.0.6003', productType: 'server', later: 'KB5016669' },
];

describe('the later-update series in the data', () => {
  it('every series rises month by month and (regular releases) KB by KB, and ends at its stated month', () => {
    for (const [id, s] of Object.entries(MINIMUMS.series)) {
      const months = s.updates.map((u) => u.month);
      expect({ id, sorted: [...months].sort() }).toEqual({ id, sorted: months });
      // an out-of-band release may carry a higher number than the next regular one (KB5010794, January 2022)
      const nums = s.updates.filter((u) => u.kind !== 'out-of-band').map((u) => kbNumber(u.kb));
      expect({ id, rising: nums.every((n, i) => i === 0 || n > nums[i - 1]!) }).toEqual({ id, rising: true });
      expect({ id, last: months[months.length - 1] }).toEqual({ id, last: s.through });
      expect(s.history).toMatch(/^https:\/\/support\.microsoft\.com\//);
    }
  });
  it('every kb and ubr line names a series; its later updates come after the fix', () => {
    for (const l of MINIMUMS.lines.filter((x) => x.kind === 'kb' || x.kind === 'ubr')) {
      const later = laterUpdates(l);
      expect({ id: l.id, has: (later?.updates.length ?? 0) > 0 }).toEqual({ id: l.id, has: true });
      for (const u of later!.updates) expect(u.month > l.released!.slice(0, 7)).toBe(true);
    }
  });
  it('Windows 10 21H2: the cumulative updates before March 2022 (before KB5011487) do not count', () => {
    const l = MINIMUMS.lines.find((x) => x.id === 'win10-21h2')!;
    expect(knownFixKbs(l)).not.toContain('KB5010342'); // February 2022, 19044.1526 < .1586
    expect(knownFixKbs(l)).toContain('KB5012599'); // April 2022
  });
});

describe('rollup-based lines: a later monthly rollup makes the OS part ready', () => {
  for (const l of ROLLUP_LINES) {
    it(`${l.id}: ${l.later} (a later monthly rollup) qualifies`, () => {
      const r = osOnly({ version: l.version, productType: l.productType }, ['KB4000000', l.later]);
      expect(r.os.supported).toBe(true);
      expect(r.ready).toBe(true);
    });
  }

  it('a fully patched Server 2012 R2 (KB5041828, root present) is ready', () => {
    const r = assessReadiness(profile({ os: { version: '6.3.9600', productType: 'server', caption: 'Microsoft Windows Server 2012 R2 Standard' }, hotfixes: ['KB5041828', 'KB5041578'], rootStore: [ACS_SHA1] }));
    expect(r.ready).toBe(true);
    expect(r.reasons).toEqual([]);
  });

  it('a Server 2012 R2 with a KB newer than the table is unknown naming the KB, never false, and the remediation asks for no older rollup', () => {
    for (const lang of ['en', 'ja'] as const) {
      const r = assessReadiness(profile({ os: { version: '6.3.9600', productType: 'server' }, hotfixes: ['KB5044343', 'KB2919355'], rootStore: [ACS_SHA1] }), { lang });
      expect(r.ready).toBe('unknown');
      expect(r.os.supported).toBe('unknown');
      expect(r.reasons).toHaveLength(1);
      expect(r.reasons[0]).toMatchObject({ code: 'FACT_UNKNOWN', fact: 'laterKb', evidence: { unknownKbs: ['KB5044343'], tableThrough: '2024-08', newestKnownKb: 'KB5041828' } });
      expect(r.reasons[0]!.message).toContain('KB5044343');
      const steps = r.remediation.join('\n');
      expect(steps).toContain('--accept-kb KB5044343');
      expect(steps).not.toMatch(/KB5006714|KB5006729|KB5041828/);
      expect(steps).not.toMatch(/laterKbs|the table/);
    }
    expect(assessReadiness(profile({ os: { version: '6.3.9600', productType: 'server' }, hotfixes: ['KB5044343'], rootStore: [ACS_SHA1] })).reasons[0]!.message).toBe(
      'Windows Server 2012 R2: KB5044343 is newer than every update known here (known through 2024-08, the newest KB5041828); if it is a monthly rollup for this Windows version it contains the fix, but that cannot be told from its number',
    );
  });

  it('--accept-kb (acceptKbs) makes such a KB qualify', () => {
    const p = profile({ os: { version: '6.3.9600', productType: 'server' }, hotfixes: ['KB5044343'], rootStore: [ACS_SHA1] });
    expect(assessReadiness(p, { acceptKbs: ['kb5044343'] }).ready).toBe(true);
    expect(assessReadiness(p, { acceptKbs: ['KB5099999'] }).ready).toBe('unknown');
  });

  it('a hotfix list with only older or unrelated KBs (all below the newest known) is not ready, and the step is the newest known rollup', () => {
    const r = assessReadiness(profile({ os: { version: '6.3.9600', productType: 'server' }, hotfixes: ['KB5007255', 'KB2919355'], rootStore: [ACS_SHA1] }));
    expect(r.ready).toBe(false);
    expect(r.reasons[0]!.code).toBe('OS_PATCH_MISSING');
    expect(r.reasons[0]!.message).toBe('Windows Server 2012 R2: the installed updates include neither KB5006714 / KB5006729 nor a later monthly rollup (known through 2024-08, the newest KB5041828)');
    expect(r.remediation[0]).toMatch(/^Install the latest monthly rollup for Windows Server 2012 R2 \(KB5041828 of 2024-08 or later; every one since KB5006714 contains the fix\)/);
  });

  it('Windows 7 ESU: the last ESU rollup (KB5022338, January 2023) qualifies', () => {
    expect(osOnly({ version: '6.1.7601', productType: 'workstation' }, ['KB5022338']).os.supported).toBe(true);
  });

  it('Server 2012 (table through 2022-10): a 2024 rollup number is unknown, not false', () => {
    const r = osOnly({ version: '6.2.9200', productType: 'server' }, ['KB5041851']);
    expect(r.os.supported).toBe('unknown');
    expect(newerThanTable(MINIMUMS.lines.find((l) => l.id === 'server-2012')!, ['KB5041851', 'KB5001000'])).toEqual(['KB5041851']);
  });
});

describe('Windows 10 / Server 2016 / 2019 lines with only the hotfix list (no UBR)', () => {
  it.each([
    ['Server 2016', '10.0.14393', 'server', 'KB5018411'],
    ['Windows 10 1607', '10.0.14393', 'workstation', 'KB5009546'],
    ['Server 2019', '10.0.17763', 'server', 'KB5016623'],
    ['Windows 10 1809', '10.0.17763', 'workstation', 'KB5006672'],
    ['Windows 10 21H2', '10.0.19044', 'workstation', 'KB5018410'],
    ['Server 2022', '10.0.20348', 'server', 'KB5016627'],
  ] as const)('%s: a later cumulative update (%s) qualifies', (_n, version, productType, kb) => {
    expect(osOnly({ version, productType }, [kb]).os.supported).toBe(true);
  });
  it('Windows 10 21H2 with only a cumulative update from before the fix stays unknown (the UBR decides)', () => {
    const r = osOnly({ version: '10.0.19044', productType: 'workstation' }, ['KB5010342']);
    expect(r.os.supported).toBe('unknown');
    expect(r.reasons[0]).toMatchObject({ code: 'FACT_UNKNOWN', fact: 'os.ubr' });
  });
});

describe('through the importers and the CLI', () => {
  const serverDir = (hotfixes: string[]) => {
    const d = tmpDir('acs-2012r2-');
    fs.writeFileSync(path.join(d, 'info.txt'), encode(crlf(systeminfoListText({ locale: 'ja', host: 'SRV-2012R2', caption: 'Microsoft Windows Server 2012 R2 Standard', version: '6.3.9600', hotfixes, server: true })), 'shift_jis'));
    fs.writeFileSync(path.join(d, 'root.txt'), encodeCp437(crlf(certutilRootText('en', [{ sha1: ACS_SHA1, subject: 'CN=Microsoft Identity Verification Root Certificate Authority 2020' }]))));
    return d;
  };
  it('systeminfo > info.txt of a fully patched 2012 R2 (KB5041828) with the root: ready', async () => {
    const r = await run(['readiness', serverDir(['KB5041828', 'KB5041578']), '--json']);
    expect(JSON.parse(r.out.trim())).toMatchObject({ name: 'SRV-2012R2', ready: true });
  });
  it('KB5044343 is unknown; --accept-kb KB5044343 or a policy file with acceptKbs makes it ready', async () => {
    const d = serverDir(['KB5044343']);
    expect(JSON.parse((await run(['readiness', d, '--json'])).out.trim())).toMatchObject({ ready: 'unknown' });
    expect(JSON.parse((await run(['readiness', d, '--json', '--accept-kb', 'KB5044343'])).out.trim())).toMatchObject({ ready: true });
    const policy = path.join(tmpDir('acs-policy-'), 'policy.json');
    fs.writeFileSync(policy, encode(JSON.stringify({ acceptKbs: ['KB5044343', 'KB5046682'] }, null, 4), 'utf16le-bom'));
    expect(JSON.parse((await run(['readiness', d, '--json', '--policy', policy])).out.trim())).toMatchObject({ ready: true });
  });
  it('a bad --accept-kb or policy file is a one-line error (exit 2)', async () => {
    const d = serverDir(['KB5044343']);
    const bad = await run(['readiness', d, '--accept-kb', 'rollup']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--accept-kb: "rollup" is not a KB number like KB5041828/);
    const policy = path.join(tmpDir('acs-policy-'), 'p.json');
    fs.writeFileSync(policy, '{"acceptKbs": "KB1"}');
    const r = await run(['readiness', d, '--policy', policy]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/"acceptKbs" must be a list of KB numbers/);
  });
  it('simulate takes --accept-kb too', async () => {
    const d = serverDir(['KB5044343']);
    const r = await run(['simulate', 'msi', '--machine', d, '--build', '12011', '--json', '--accept-kb', 'KB5044343', '--at', '2026-11-30T00:00:00Z']);
    expect(JSON.parse(r.out).decision).toBe('allowed');
  });
});
