import { ACS_ROOT_2020_SHA1 } from '../../src/authenticode/trust/bundled-roots';
import { MINIMUMS } from '../../src/endpoint/minimums';
import type { MachineProfile } from '../../src/endpoint/profile';
import { assessReadiness } from '../../src/endpoint/readiness';
import { ADD_ROOT_CERTUTIL, ADD_ROOT_POWERSHELL, ADD_ROOT_STEP, COLLECT, KB5022661_URL, remediationFor } from '../../src/endpoint/remediation';
import { COLLECT_TEXTS, fillText, READINESS_TEXTS, type ReadinessTextKey } from '../../src/endpoint/texts';
import { READINESS_CODES, type Readiness } from '../../src/endpoint/types';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const PLACEHOLDER = /\{[A-Za-z0-9_]+\}/;

function profile(p: Partial<MachineProfile> & { os?: MachineProfile['os'] }): MachineProfile {
  return { name: 'PC01', role: 'endpoint', os: {}, ...p } as MachineProfile;
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!).sort();
}

/** Profiles over every line of the KB5022661 table and every combination of the facts that matter. */
function grid(): MachineProfile[] {
  const versions: (string | undefined)[] = [undefined, '10.0.99999', '5.1.2600', '4.0.1'];
  // (a line without a build, such as XP / 2000 / 2003, is reached through 5.1.2600 above)
  for (const l of MINIMUMS.lines) for (const b of l.builds ?? (l.buildFrom !== undefined ? [l.buildFrom] : [])) versions.push(`${l.major}.${l.minor ?? 0}.${b}`);
  const out: MachineProfile[] = [];
  for (const version of versions)
    for (const ubr of [undefined, 0, 30000])
      for (const hotfixes of [undefined, [], ['KB5006714'], ['KB5006739'], ['KB9999999']])
        for (const productType of [undefined, 'workstation', 'server'] as const)
          for (const root of [{}, { rootStore: [] as string[], rootAutoUpdate: false }, { rootStore: [] as string[], rootAutoUpdate: true, online: false }, { rootStore: [ACS_ROOT_2020_SHA1] }])
            out.push(
              profile({
                os: { ...(version ? { version } : {}), ...(ubr !== undefined ? { ubr } : {}), ...(productType ? { productType } : {}) },
                ...(hotfixes ? { hotfixes } : {}),
                ...root,
              }),
            );
  return out;
}

function texts(r: Readiness): string[] {
  return [...r.reasons.map((x) => x.message), ...r.remediation];
}

describe('readiness texts: the table', () => {
  const keys = Object.keys(READINESS_TEXTS) as ReadinessTextKey[];

  it('has an English and a Japanese text for every entry, Japanese written in Japanese', () => {
    for (const k of keys) {
      expect(READINESS_TEXTS[k].en.length).toBeGreaterThan(0);
      expect(READINESS_TEXTS[k].ja).toMatch(JAPANESE);
    }
    for (const [fact, c] of Object.entries(COLLECT_TEXTS)) {
      expect(c.ja.length).toBeGreaterThan(0);
      // the command itself is verbatim; only the prose around it is translated
      if (fact !== 'online') expect(c.ja.split(' (')[0]).toBe(c.en.split(' (')[0]);
    }
  });

  it('has a reason text and a remediation text for every reason code', () => {
    for (const code of READINESS_CODES) {
      expect(keys.some((k) => k === `reason.${code}` || k.startsWith(`reason.${code}.`))).toBe(true);
      expect(keys.some((k) => k === `remediation.${code}` || k.startsWith(`remediation.${code}.`))).toBe(true);
    }
  });

  it('uses in Japanese every placeholder the English text uses', () => {
    for (const k of keys) {
      const ja = placeholders(READINESS_TEXTS[k].ja);
      for (const p of placeholders(READINESS_TEXTS[k].en)) expect({ k, p, has: ja.includes(p) }).toEqual({ k, p, has: true });
    }
  });

  it('fills placeholders in one pass: a value with braces is not re-read', () => {
    expect(fillText('{a} and {b}', 'ja', { a: '{b}', b: { en: 'x', ja: 'y' } })).toBe('{b} and y');
    expect(fillText('{missing}', 'en', {})).toBe('{missing}');
  });
});

describe('assessReadiness with a language', () => {
  const profiles = grid();

  it('gives the exact English output by default and with lang en', () => {
    for (const p of profiles) expect(assessReadiness(p, { lang: 'en' })).toEqual(assessReadiness(p));
  });

  it('changes only the messages and steps in Japanese: same codes, facts, evidence, verdicts and number of steps', () => {
    for (const p of profiles) {
      const en = assessReadiness(p);
      const ja = assessReadiness(p, { lang: 'ja' });
      const neutral = (r: Readiness) => ({ ...r, reasons: r.reasons.map((x) => ({ ...x, message: '' })), remediation: r.remediation.length });
      expect(neutral(ja)).toEqual(neutral(en));
    }
  });

  it('leaves no placeholder in either language, writes Japanese in Japanese, and keeps KBs, URLs and commands verbatim', () => {
    for (const p of profiles) {
      const en = texts(assessReadiness(p));
      const ja = texts(assessReadiness(p, { lang: 'ja' }));
      en.forEach((e, i) => {
        const j = ja[i]!;
        expect(e).not.toMatch(PLACEHOLDER);
        expect(j).not.toMatch(PLACEHOLDER);
        expect(j).toMatch(JAPANESE);
        for (const kb of e.match(/KB\d{7}/g) ?? []) expect(j).toContain(kb);
        for (const url of e.match(/https:\/\/[^\s)]+/g) ?? []) expect(j).toContain(url);
        for (const cmd of [ADD_ROOT_CERTUTIL, ADD_ROOT_POWERSHELL, ...Object.entries(COLLECT).filter(([fact]) => fact !== 'online').map(([, c]) => c)]) {
          if (e.includes(cmd.split(' (')[0]!)) expect(j).toContain(cmd.split(' (')[0]!);
        }
      });
    }
  });

  it('produces every reason variant and remediation step of the table in Japanese', () => {
    const produced = new Set<string>();
    for (const p of profiles) for (const t of texts(assessReadiness(p, { lang: 'ja' }))) produced.add(t);
    // defensive step: every line the table marks OS_PATCH_MISSING has KBs, so only remediationFor reaches it
    for (const t of remediationFor({ code: 'OS_PATCH_MISSING', message: '' }, {}, 'ja')) produced.add(t);
    const all = [...produced];
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const k of Object.keys(READINESS_TEXTS) as ReadinessTextKey[]) {
      if (k.startsWith('word.')) continue;
      const re = new RegExp('^' + READINESS_TEXTS[k].ja.split(/\{[A-Za-z0-9_]+\}/).map(escape).join('[^]*?') + '$');
      expect({ k, produced: all.some((t) => re.test(t)) }).toEqual({ k, produced: true });
    }
  });

  it('Windows 10 21H2 below 19044.1586 without KB5011487', () => {
    const r = assessReadiness(profile({ os: { version: '10.0.19044', ubr: 1000 }, hotfixes: [], rootStore: [ACS_ROOT_2020_SHA1] }), { lang: 'ja' });
    expect(r.ready).toBe(false);
    expect(r.reasons).toEqual([
      {
        code: 'OS_PATCH_MISSING',
        message: 'Windows 10 21H2: ビルド 19044.1000 は 19044.1586 未満で、KB5011487 もインストールされていません',
        evidence: { build: 19044, ubr: 1000, minUbr: 1586, requiredKbs: ['KB5011487'], source: KB5022661_URL },
      },
    ]);
    expect(r.remediation).toEqual([
      `KB5011487 (またはそれ以降の累積更新プログラム) を Windows 10 21H2 に適用してください: https://www.catalog.update.microsoft.com/Search.aspx?q=KB5011487 (KB5022661: ${KB5022661_URL})`,
    ]);
  });

  it('root missing on an offline machine', () => {
    const r = assessReadiness(
      profile({ os: { version: '10.0.19045', ubr: 3000 }, rootStore: ['0000000000000000000000000000000000000000'], rootAutoUpdate: true, online: false }),
      { lang: 'ja' },
    );
    expect(r.ready).toBe(false);
    expect(r.reasons.map((x) => [x.code, x.message])).toEqual([
      [
        'ROOT_NOT_TRUSTED',
        'ルート証明書「Microsoft Identity Verification Root Certificate Authority 2020」が信頼されたルート証明機関ストア (証明書 1 件) になく、端末はオフライン環境です',
      ],
    ]);
    // one step with its alternatives (certutil, PowerShell, automatic root update), not three steps
    expect(r.remediation).toEqual([
      'ルート証明書「Microsoft Identity Verification Root Certificate Authority 2020」を信頼されたルート証明機関ストアに追加してください ' +
        '(ファイル microsoft-identity-verification-root-ca-2020.cer: フリート レポートと同じフォルダーと、パッケージの certs/ フォルダーにあります。' +
        'SHA-1 拇印 F40042E2E5F7E8EF8189FED15519AECE42C3BFA2、SHA-256 5367F20C7ADE0E2BCA790915056D086B720C33C1FA2A2661ACF787E3292E1270。' +
        'Microsoft の配布場所: https://www.microsoft.com/pkiops/docs/repository.htm): ' +
        'certutil -addstore Root microsoft-identity-verification-root-ca-2020.cer ' +
        '(PowerShell の場合: Import-Certificate -FilePath microsoft-identity-verification-root-ca-2020.cer -CertStoreLocation Cert:\\LocalMachine\\Root)。' +
        'または、ルート証明書の自動更新を再度有効にし (HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot の DisableRootAutoUpdate を削除するか 0 に設定)、端末が Windows Update に接続できるようにしてください',
    ]);
    expect(assessReadiness(profile({ os: { version: '10.0.19045' }, rootStore: [], rootAutoUpdate: false })).remediation).toEqual([ADD_ROOT_STEP]);
  });

  it('Windows XP', () => {
    const r = assessReadiness(profile({ os: { version: '5.1.2600' }, rootStore: [ACS_ROOT_2020_SHA1] }), { lang: 'ja' });
    expect(r.ready).toBe(false);
    expect(r.reasons.map((x) => x.message)).toEqual(['Windows XP / 2000 / Server 2003 (ビルド 2600) には、ACS に対応するための更新プログラムが提供されていません']);
    expect(r.remediation).toEqual([
      `Windows XP / 2000 / Server 2003 は ACS に対応しません。KB5022661 に記載されている Windows バージョンにアップグレードしてください (${KB5022661_URL})`,
    ]);
  });

  it('a line whose note is translated (Windows 7 without SP1)', () => {
    const r = assessReadiness(profile({ os: { version: '6.1.7600' }, rootStore: [ACS_ROOT_2020_SHA1] }), { lang: 'ja' });
    expect(r.remediation[0]).toContain('先に SP1 をインストールしてから ESU ロールアップを適用してください');
    expect(r.remediation[0]).not.toMatch(/decision:/);
  });

  it('an unknown machine: every missing fact named, with the command that collects it', () => {
    const r = assessReadiness(profile({}), { lang: 'ja' });
    expect(r.ready).toBe('unknown');
    expect(r.reasons.map((x) => [x.code, x.fact, x.message])).toEqual([
      ['FACT_UNKNOWN', 'os.version', 'OS のバージョン (メジャー.マイナー.ビルド) が不明です'],
      ['FACT_UNKNOWN', 'rootStore', '信頼されたルート証明機関ストアの内容が不明です'],
      ['FACT_UNKNOWN', 'rootAutoUpdate', 'ルート証明書の自動更新が有効かどうかが不明です'],
      ['FACT_UNKNOWN', 'online', '端末が Windows Update に接続できるかどうかが不明です'],
    ]);
    expect(r.remediation).toEqual([
      'OS のバージョンを収集してください: systeminfo /fo csv > systeminfo.csv',
      '信頼されたルート証明機関ストアの内容を収集してください: certutil -store Root > root-store.txt (または: powershell -Command "Get-ChildItem Cert:\\LocalMachine\\Root | ConvertTo-Json" > root-store.json)',
      'ルート証明書の自動更新の設定を収集してください: reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot /v DisableRootAutoUpdate > authroot.txt',
      // issue 18.6: the collectors (collect\\acs-collect.cmd needs no Node) named too, and one step pointing to them for every fact
      'Windows Update への接続可否を収集してください: 端末で collect\\acs-collect.cmd (Node は不要) または acs-gate collect を実行してください (Windows Update からルート証明書リストを取得できるかを確認します)。すべての端末が接続できる場合は --assume-online を指定してください',
      'または、すべての情報をまとめて収集してください: 端末で collect\\acs-collect.cmd (Node は不要です。acs-gatekeeper の collect/ フォルダーに同梱) または acs-gate collect を実行し、出力されたフォルダーをレポートに指定します',
    ]);
  });

  it('names both candidate lines in Japanese when client or server is unknown', () => {
    const r = assessReadiness(profile({ os: { version: '10.0.17763', ubr: 100 }, hotfixes: [], rootStore: [ACS_ROOT_2020_SHA1] }), { lang: 'ja' });
    expect(r.os.line).toBe('Windows 10 1809 / LTSC 2019 or Windows Server 2019');
    expect(r.remediation[0]).toContain('を Windows 10 1809 / LTSC 2019 または Windows Server 2019 に適用してください');
  });

  it('the step for a missing patch with no KB known, in both languages', () => {
    const reason = { code: 'OS_PATCH_MISSING' as const, message: '' };
    expect(remediationFor(reason, {})).toEqual([`Install the latest cumulative update for this Windows version (see KB5022661: ${KB5022661_URL})`]);
    expect(remediationFor(reason, { line: 'Windows 10 21H2' }, 'ja')).toEqual([
      `Windows 10 21H2 に最新の累積更新プログラム (Windows セキュリティパッチ) を適用してください (KB5022661 を参照: ${KB5022661_URL})`,
    ]);
  });

  it('remediationFor defaults to English', () => {
    const reason = { code: 'OS_UNRECOGNIZED' as const, message: '' };
    expect(remediationFor(reason, {})).toEqual(['Check the OS version: systeminfo /fo csv > systeminfo.csv']);
    expect(remediationFor(reason, {}, 'ja')).toEqual(['OS のバージョンを確認してください: systeminfo /fo csv > systeminfo.csv']);
  });
});
