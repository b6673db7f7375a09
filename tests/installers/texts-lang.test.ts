/**
 * The installers' texts in both languages: every table entry has both, and every reason, warning and
 * remediation step the installers emit comes out in Japanese for `lang: 'ja'` (found by running the paths
 * over machine states, artifacts, agents, scopes and settings, as the model-based tests do), with the
 * placeholders filled and no English sentence left except commands and URLs. English stays the default.
 */
import type { VerificationResult } from '../../src/authenticode/types';
import type { MachineProfile } from '../../src/endpoint/profile';
import { assessReadiness } from '../../src/endpoint/readiness';
import { classifyAgent } from '../../src/installers/agent-class';
import { simulate } from '../../src/installers/simulate';
import { INSTALLER_TEXTS, type InstallerTextKey } from '../../src/installers/texts';
import { INSTALL_PATH_IDS, type Artifact, type InstallPath, type PathRun, type SimulateInput } from '../../src/installers/types';
import type { AcsVerifier } from '../../src/installers/verifier';
import { AT } from './fixtures';

const KEYS = Object.keys(INSTALLER_TEXTS) as InstallerTextKey[];
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const PLACEHOLDER = /\{[A-Za-z0-9_]+\}/;

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!).sort();
}

/** An English sentence: three ASCII words in a row, one of them an English function word (URLs removed first). */
function englishSentence(s: string): string | undefined {
  const text = s.replace(/https?:\/\/\S+/g, ' ');
  const m = /\b[A-Za-z]+ (?:[A-Za-z]+ )*?(?:the|is|are|was|be|to|of|and|or|not|may|can|a|an|for|with|on|in|its|this|that|it)\b [A-Za-z]+/i.exec(text);
  return m?.[0];
}

/** `underEveryRoot`: the answer when asked under every known root (a machine lacking the root: valid there). */
function verifierReturning(result: Partial<VerificationResult>, underEveryRoot?: Partial<VerificationResult>): AcsVerifier {
  return {
    async verifyFile(file: string, options?: { trust?: unknown[] }) {
      const r = options?.trust?.length && underEveryRoot ? underEveryRoot : result;
      return { file, format: 'pe', verdict: 'valid', acs: true, failures: [], signatures: [], ...r } as VerificationResult;
    },
    machineTrustAnchors: () => [],
  };
}

const base = { name: 'PC01', role: 'endpoint' as const };
const MACHINES: Record<string, MachineProfile> = {
  notReady: { ...base, os: { version: '10.0.19044', ubr: 1000 }, hotfixes: [], rootStore: [], rootAutoUpdate: false, online: false } as MachineProfile,
  ready: { ...base, os: { version: '10.0.19045', ubr: 9999 }, hotfixes: [], rootStore: [], rootAutoUpdate: true, online: true } as MachineProfile,
  unknown: { ...base, os: { version: '10.0.19044' } } as MachineProfile,
};

const ARTIFACTS: { artifact: Artifact; verifier?: AcsVerifier }[] = [
  { artifact: { kind: 'declared', build: 12011 } },
  { artifact: { kind: 'declared', build: 11000 } },
  { artifact: { kind: 'declared' } },
  { artifact: { kind: 'file', path: '/x/agent.exe' }, verifier: verifierReturning({}) },
  { artifact: { kind: 'file', path: '/x/agent.exe' }, verifier: verifierReturning({ acs: false }) },
  // a build that says "ACS-signed" on a file whose valid signature is not ACS (warning.buildNotAcs)
  { artifact: { kind: 'file', path: '/x/agent.exe', build: 12011 }, verifier: verifierReturning({ acs: false }) },
  { artifact: { kind: 'file', path: '/x/agent.exe' }, verifier: verifierReturning({ verdict: 'invalid', acs: false, failures: [{ code: 'DIGEST_MISMATCH', message: 'x' }] as VerificationResult['failures'] }) },
  { artifact: { kind: 'file', path: '/x/agent.exe' }, verifier: verifierReturning({ verdict: 'invalid', acs: true, failures: [{ code: 'UNTRUSTED_ROOT', message: 'x' }] as VerificationResult['failures'] }, {}) },
];
const AGENTS: SimulateInput['agent'][] = [undefined, { build: 11000 }, { build: 12011 }, { maintenance: '2022-12' }, { maintenance: '2023-01' }];
const SETTINGS: SimulateInput['settings'][] = [{}, { scope: 'patterns' }, { patternUpdatesBlocked: true, engineSignedWithAcs: true }];

interface Case {
  path: InstallPath;
  input: (lang: 'ja' | 'en') => SimulateInput;
  verifier?: AcsVerifier;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const path of INSTALL_PATH_IDS)
    for (const [, machine] of Object.entries(MACHINES))
      for (const a of ARTIFACTS)
        for (const agent of AGENTS)
          for (const settings of SETTINGS)
            for (const cycles of [1, 2]) {
              out.push({
                path,
                ...(a.verifier ? { verifier: a.verifier } : {}),
                input: (lang) => ({
                  machine,
                  readiness: assessReadiness(machine, { lang }),
                  artifact: a.artifact,
                  ...(agent ? { agent } : {}),
                  settings,
                  cycles,
                  at: AT,
                  lang,
                }),
              });
            }
  return out;
}

const texts = (r: PathRun): string[] => [...r.reasons.map((x) => x.message), ...r.warnings, ...r.remediation];

/** A template as a regular expression: placeholders match anything. */
function templateRe(template: string, anchored: boolean): RegExp {
  const body = template
    .split(/\{[A-Za-z0-9_]+\}/)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^]+?');
  return new RegExp(anchored ? `^${body}$` : body);
}

describe('installer texts table', () => {
  it.each(KEYS)('%s has both languages, the same placeholders, and Japanese text', (key) => {
    const { en, ja } = INSTALLER_TEXTS[key];
    expect(en.trim()).not.toBe('');
    expect(ja.trim()).not.toBe('');
    expect(ja).not.toBe(en);
    expect(ja).toMatch(JAPANESE);
    expect(placeholders(ja)).toEqual(placeholders(en));
    expect(englishSentence(ja)).toBeUndefined();
  });
});

it('the English-sentence check finds the English texts (it is not vacuous)', () => {
  for (const k of KEYS.filter((x) => !x.startsWith('label.'))) expect(englishSentence(INSTALLER_TEXTS[k].en)).toBeDefined();
});

describe('installer texts in runs', () => {
  let ja: Array<{ run: PathRun; en: PathRun }> = [];

  beforeAll(async () => {
    ja = [];
    for (const c of cases()) {
      const o = c.verifier ? { verifier: c.verifier } : {};
      const [j, e] = await Promise.all([simulate(c.path, c.input('ja'), o), simulate(c.path, c.input('en'), o)]);
      ja.push({ run: j, en: e });
    }
  }, 120_000);

  it('emits the same codes and the same number of texts in both languages', () => {
    for (const { run, en } of ja) {
      expect(run.reasons.map((r) => r.code)).toEqual(en.reasons.map((r) => r.code));
      expect(run.warnings.length).toBe(en.warnings.length);
      expect(run.remediation.length).toBe(en.remediation.length);
    }
  });

  it('covers every reason code the installers write and every table entry', () => {
    const codes = new Set(ja.flatMap(({ run }) => run.reasons.map((r) => r.code)));
    for (const c of ['SIGNATURE_NOT_VALID', 'INSTALLER_INVALID', 'ROOT_NOT_COVERED', 'NOT_ACS_SIGNED', 'SCOPE_EXCLUDES_PROGRAM', 'AGENT_WITHOUT_CHECK', 'DOWNLOAD_PREVENTED', 'SETTING_SUBJECTS_UPDATE_TO_CHECK', 'FACT_UNKNOWN', 'OS_PATCH_MISSING', 'ROOT_NOT_TRUSTED'])
      expect(codes).toContain(c);
    // agent labels: as classifyAgent writes them (the runs quote only some of them, e.g. in AGENT_WITHOUT_CHECK)
    const labels = (['apex-one', 'apex-one-saas'] as const).flatMap((p) => AGENTS.map((a) => classifyAgent(p, a, 'ja').label));
    const all = [...ja.flatMap(({ run }) => texts(run)), ...labels];
    const missing = KEYS.filter((k) => {
      const anchored = !k.startsWith('text.');
      const re = templateRe(INSTALLER_TEXTS[k].ja, anchored);
      return !all.some((t) => re.test(t));
    });
    expect(missing).toEqual([]);
  });

  it('writes every reason, warning and remediation step in Japanese, placeholders filled, no English sentence', () => {
    const bad: string[] = [];
    for (const { run } of ja)
      for (const t of texts(run)) {
        if (!JAPANESE.test(t) || PLACEHOLDER.test(t) || englishSentence(t) !== undefined) bad.push(`${run.path}: ${t}`);
      }
    expect([...new Set(bad)]).toEqual([]);
  });

  it('keeps English when lang is en', () => {
    for (const { en } of ja) for (const t of texts(en)) expect(t).not.toMatch(JAPANESE);
  });
});

describe('default language of the texts', () => {
  it('stays English when the run gives no lang (popups stay Japanese)', async () => {
    const machine = MACHINES.notReady!;
    const run = await simulate('agent-update', {
      machine,
      readiness: assessReadiness(machine),
      artifact: { kind: 'declared', build: 12011 },
      agent: { build: 11000 },
      at: AT,
    });
    expect(run.reasons[0]!.message).toMatch(/^Apex One agent build 11000 \(< 12011\): the ACS check may not run \(known limitation\)/);
    expect(run.remediation.join(' ')).toMatch(/patterns-engines-drivers/);
  });

  it('writes the Japanese agent risk, known limitation and console setting for lang ja', async () => {
    const machine = MACHINES.notReady!;
    const run = await simulate('agent-update', {
      machine,
      readiness: assessReadiness(machine, { lang: 'ja' }),
      artifact: { kind: 'declared', build: 12011 },
      agent: { build: 11000 },
      at: AT,
      lang: 'ja',
    });
    expect(run.reasons[0]!.message).toContain('既知の制限事項');
    expect(run.reasons[0]!.message).toContain('Microsoft Defender');
    expect(run.remediation.join('\n')).toContain('プログラムのアップグレードとHotFixの配信を禁止する設定');
    expect(run.remediation.join('\n')).toContain('パターンファイル、エンジン、ドライバ');
  });
});
