import { findLines, MINIMUMS, parseVersion } from '../../src/endpoint/minimums';
import { osOnly } from './helpers';

type Ws = 'workstation' | 'server';
const UBR_LINES: { name: string; build: number; min: number; kb: string; productType?: Ws }[] = [
  { name: 'Windows 10 21H2', build: 19044, min: 1586, kb: 'KB5011487' },
  { name: 'Windows 10 21H1', build: 19043, min: 1266, kb: 'KB5005611' },
  { name: 'Windows 10 20H2', build: 19042, min: 1266, kb: 'KB5005611' },
  { name: 'Windows 10 2004', build: 19041, min: 1266, kb: 'KB5005611' },
  { name: 'Windows 10 1909', build: 18363, min: 1830, kb: 'KB5005624' },
  { name: 'Windows 10 1809 / LTSC 2019', build: 17763, min: 2210, kb: 'KB5005625', productType: 'workstation' },
  { name: 'Windows Server 2019', build: 17763, min: 2210, kb: 'KB5005625', productType: 'server' },
  { name: 'Windows 10 1607 / LTSB 2016', build: 14393, min: 4704, kb: 'KB5006669', productType: 'workstation' },
  { name: 'Windows Server 2016', build: 14393, min: 4704, kb: 'KB5006669', productType: 'server' },
  { name: 'Windows 10 1507 / LTSB 2015', build: 10240, min: 19086, kb: 'KB5006675' },
  { name: 'Windows Server 2022', build: 20348, min: 261, kb: 'KB5005619', productType: 'server' },
];

describe('KB5022661 table: build/UBR lines ("KB or a later cumulative update")', () => {
  for (const l of UBR_LINES) {
    const os = (ubr?: number) => ({ version: `10.0.${l.build}`, ...(ubr !== undefined ? { ubr } : {}), ...(l.productType ? { productType: l.productType } : {}) });
    it(`${l.name}: UBR ${l.min} (at the minimum) is supported`, () => {
      const r = osOnly(os(l.min));
      expect(r.os.supported).toBe(true);
      expect(r.os.line).toBe(l.name);
      expect(r.ready).toBe(true);
    });
    it(`${l.name}: UBR ${l.min - 1} (just below) without ${l.kb} is OS_PATCH_MISSING naming ${l.kb}`, () => {
      const r = osOnly(os(l.min - 1), []);
      expect(r.os.supported).toBe(false);
      expect(r.ready).toBe(false);
      expect(r.reasons.map((x) => x.code)).toEqual(['OS_PATCH_MISSING']);
      expect(r.os.requiredKbs).toEqual([l.kb]);
      expect(r.remediation.join('\n')).toContain(l.kb);
    });
    it(`${l.name}: a later UBR (${l.min + 500}) qualifies without the KB listed`, () => {
      expect(osOnly(os(l.min + 500), []).os.supported).toBe(true);
    });
    it(`${l.name}: ${l.kb} in the hotfix list qualifies when the UBR is unknown`, () => {
      expect(osOnly(os(), ['KB5000001', l.kb]).os.supported).toBe(true);
    });
    it(`${l.name}: build alone (no UBR, no hotfix list) is unknown naming os.ubr`, () => {
      const r = osOnly(os());
      expect(r.os.supported).toBe('unknown');
      expect(r.ready).toBe('unknown');
      expect(r.reasons[0]).toMatchObject({ code: 'FACT_UNKNOWN', fact: 'os.ubr' });
    });
  }
  it('19044 with a hotfix list lacking KB5011487 and no UBR stays unknown (a later cumulative update would qualify)', () => {
    const r = osOnly({ version: '10.0.19044' }, ['KB5003791']);
    expect(r.os.supported).toBe('unknown');
    expect(r.reasons[0]).toMatchObject({ code: 'FACT_UNKNOWN', fact: 'os.ubr' });
  });
  it('19044 below .1586 but with KB5011487 installed is supported (any one qualifies)', () => {
    expect(osOnly({ version: '10.0.19044', ubr: 1000 }, ['KB5011487']).os.supported).toBe(true);
  });
});

describe('KB5022661 table: lines supported as shipped', () => {
  it.each(['10.0.22000', '10.0.22621', '10.0.22631', '10.0.26100'])('Windows 11 %s is supported at any UBR', (v) => {
    const r = osOnly({ version: v, ubr: 1, productType: 'workstation' });
    expect(r.os.supported).toBe(true);
    expect(r.os.line).toBe('Windows 11');
  });
  it('Windows 10 22H2 (19045) is supported as shipped, even without UBR', () => {
    expect(osOnly({ version: '10.0.19045' }).os.supported).toBe(true);
  });
});

const ROLLUP: { name: string; version: string; kbs: [string, string]; productType?: Ws }[] = [
  { name: 'Windows 8.1', version: '6.3.9600', kbs: ['KB5006714', 'KB5006729'], productType: 'workstation' },
  { name: 'Windows Server 2012 R2', version: '6.3.9600', kbs: ['KB5006714', 'KB5006729'], productType: 'server' },
  { name: 'Windows Server 2012', version: '6.2.9200', kbs: ['KB5006739', 'KB5006732'], productType: 'server' },
  { name: 'Windows Server 2008 SP2', version: '6.0.6003', kbs: ['KB5006736', 'KB5006715'], productType: 'server' },
  { name: 'Windows 7 SP1 (ESU)', version: '6.1.7601', kbs: ['KB5006743', 'KB5006728'], productType: 'workstation' },
  { name: 'Windows Server 2008 R2 SP1 (ESU)', version: '6.1.7601', kbs: ['KB5006743', 'KB5006728'], productType: 'server' },
];

describe('KB5022661 table: rollup-based lines are judged by KB only', () => {
  for (const l of ROLLUP) {
    const os = { version: l.version, ubr: 99999, ...(l.productType ? { productType: l.productType } : {}) };
    it(`${l.name}: monthly rollup ${l.kbs[0]} qualifies`, () => {
      const r = osOnly(os, [l.kbs[0]]);
      expect(r.os.supported).toBe(true);
      expect(r.os.line).toBe(l.name);
    });
    it(`${l.name}: security-only ${l.kbs[1]} qualifies`, () => {
      expect(osOnly(os, ['KB4000000', l.kbs[1]]).os.supported).toBe(true);
    });
    it(`${l.name}: a hotfix list without either KB is OS_PATCH_MISSING (a high UBR does not count)`, () => {
      const r = osOnly(os, ['KB4000000']);
      expect(r.os.supported).toBe(false);
      expect(r.reasons[0]!.code).toBe('OS_PATCH_MISSING');
      expect(r.remediation.join('\n')).toContain(l.kbs[0]);
    });
    it(`${l.name}: only a build known (no hotfix list) is unknown naming hotfixes`, () => {
      const r = osOnly({ version: l.version, ...(l.productType ? { productType: l.productType } : {}) });
      expect(r.os.supported).toBe('unknown');
      expect(r.reasons[0]).toMatchObject({ code: 'FACT_UNKNOWN', fact: 'hotfixes' });
    });
  }
});

describe('KB5022661 table: lines that never meet ACS', () => {
  it.each([
    ['Windows XP', '5.1.2600'],
    ['Windows Server 2003', '5.2.3790'],
    ['Windows 2000', '5.0.2195'],
  ])('%s (%s) never meets ACS: OS_NO_ACS_SUPPORT, even with every KB', (_n, v) => {
    const r = osOnly({ version: v }, ['KB5006714', 'KB5006743']);
    expect(r.os.supported).toBe(false);
    expect(r.reasons[0]!.code).toBe('OS_NO_ACS_SUPPORT');
    expect(r.ready).toBe(false);
  });
  it('Windows 10 1803 (17134), out of servicing before the fixes, has no ACS support', () => {
    expect(osOnly({ version: '10.0.17134', ubr: 2208 }).reasons[0]!.code).toBe('OS_NO_ACS_SUPPORT');
  });
});

describe('client vs server on the same build', () => {
  it('6.2.9200 without product type is unknown naming os.productType (Windows 8 never, Server 2012 by KB)', () => {
    const r = osOnly({ version: '6.2.9200' }, []);
    expect(r.os.supported).toBe('unknown');
    expect(r.reasons[0]).toMatchObject({ code: 'FACT_UNKNOWN', fact: 'os.productType' });
  });
  it('6.2.9200 with a Server 2012 KB is supported: the KB identifies Server 2012 when the product type is unknown', () => {
    const r = osOnly({ version: '6.2.9200' }, ['KB5006739']);
    expect(r.os.supported).toBe(true);
    expect(r.os.line).toBe('Windows Server 2012');
  });
  it('6.2.9200 with caption "Microsoft Windows 8 Pro" is Windows 8: no ACS support', () => {
    expect(osOnly({ version: '6.2.9200', caption: 'Microsoft Windows 8 Pro' }, []).reasons[0]!.code).toBe('OS_NO_ACS_SUPPORT');
  });
  it('17763 without product type: 1809 and Server 2019 share the rule, so the UBR decides', () => {
    const r = osOnly({ version: '10.0.17763', ubr: 2210 });
    expect(r.os.supported).toBe(true);
    expect(r.os.line).toContain('Server 2019');
  });
  it('the caption "Microsoft Windows Server 2022 Standard" picks the server line for 20348', () => {
    expect(osOnly({ version: '10.0.20348', ubr: 261, caption: 'Microsoft Windows Server 2022 Standard' }).os.line).toBe('Windows Server 2022');
  });
  it('a workstation on a server-only build (20348) is OS_UNRECOGNIZED, unknown', () => {
    const r = osOnly({ version: '10.0.20348', ubr: 300, productType: 'workstation' });
    expect(r.os.supported).toBe('unknown');
    expect(r.reasons[0]!.code).toBe('OS_UNRECOGNIZED');
  });
  it('a version in no line (10.0.9999) is OS_UNRECOGNIZED', () => {
    expect(osOnly({ version: '10.0.9999' }).reasons[0]!.code).toBe('OS_UNRECOGNIZED');
  });
});

describe('the data table cites its sources', () => {
  it('every line names KB5022661, KA-0013628 or a documented decision; KBs only on ubr/kb lines', () => {
    for (const l of MINIMUMS.lines) {
      expect(l.source === 'decision' || MINIMUMS.sources[l.source]).toBeTruthy();
      if (l.source === 'decision') expect(l.note).toMatch(/decision/);
      if (l.kind === 'ubr') expect(l.minUbr).toBeGreaterThan(0);
      if (l.kind === 'ubr' || l.kind === 'kb') expect(l.kbs.length).toBeGreaterThan(0);
    }
    expect(MINIMUMS.sources['KB5022661']).toMatch(/^https:\/\/support\.microsoft\.com\//);
  });
  it('findLines gives client and server candidates for a shared build', () => {
    expect(findLines(parseVersion('6.3.9600')!).map((l) => l.id).sort()).toEqual(['server-2012r2', 'win81']);
  });
});

describe('docs/readiness.md renders the data table', () => {
  it('every Windows line of the data appears in docs/readiness.md with its KBs', () => {
    const doc: string = require('node:fs').readFileSync(require('node:path').join(__dirname, '../../docs/readiness.md'), 'utf8');
    for (const l of MINIMUMS.lines) {
      const row = doc.split('\n').find((r) => r.startsWith(`| ${l.name} |`));
      expect(row).toBeDefined();
      for (const kb of l.kbs) expect(row).toContain(kb);
      if (l.minUbr !== undefined) expect(row).toContain(`UBR ≥ ${l.minUbr}`);
    }
  });
  it('every later-update series appears in docs/readiness.md with its end month, history page and every KB with its month and source', () => {
    const doc: string = require('node:fs').readFileSync(require('node:path').join(__dirname, '../../docs/readiness.md'), 'utf8');
    for (const s of Object.values(MINIMUMS.series)) {
      expect(doc).toContain(`### ${s.name} (through ${s.through})`);
      expect(doc).toContain(`](${s.history})`);
      const section = doc.slice(doc.indexOf(`### ${s.name} (through`));
      for (const u of s.updates) expect(section).toMatch(new RegExp(`\\| ${u.month}( \\(out of band\\))? \\| \\[${u.kb}\\]\\(https://support\\.microsoft\\.com/help/${u.kb.slice(2)}\\) \\|`));
    }
  });
});
