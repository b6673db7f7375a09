/**
 * The seed's scenarios (Trend Micro's Q&A on Apex One and Azure Code Signing, seed/) as a table: each row is a
 * machine, an install path and what the seed says the user sees and the event log records. Iterate it in your
 * own tests (`test.each(SEED_SCENARIOS)`) and run a row with runScenario().
 */
import type { MachineProfile } from '../endpoint/profile';
import type { SimulateOptions } from '../installers/simulate';
import type { Decision, InstallPath, PathRun } from '../installers/types';
import type { MessageId } from '../messages/catalog';
import { server2012R2, windows10 } from './profiles';
import { simulateOn, type SimulateOnInput } from './simulate';
import { door } from '../api/doors';

/** One scenario of the seed. */
export interface SeedScenario {
  /** short id: the seed's numbering (A1..A6 Apex One, S1..S3 Apex One SaaS) and a variant */
  readonly id: string;
  /** what happens, in one English sentence (also the test title) */
  readonly title: string;
  /** the product section of the seed the row belongs to */
  readonly product: 'Apex One' | 'Apex One SaaS' | 'Apex One / Apex One SaaS';
  /** the seed's words this row rests on (a heading or sentence, verbatim, in Japanese as in the seed) */
  readonly seed: string;
  readonly path: InstallPath;
  /** the machine (built with the profile builders; readiness is assessed from it) */
  readonly machine: MachineProfile;
  /** the rest of the simulation input (artifact, agent, settings, cycles) */
  readonly input: Readonly<SimulateOnInput>;
  readonly expected: {
    readonly decision: Decision;
    /** popup ids in the order shown */
    readonly popups: readonly MessageId[];
    /** Windows event IDs in the order logged */
    readonly events: readonly number[];
    /** program downloads (update paths) */
    readonly downloads?: number;
  };
}

/** Windows 10 21H2 at UBR 1288, below KB5011487 (19044.1586); the ACS root in its store: the OS patch is missing. */
const patchMissing = windows10('21H2').ubr(1288).withAcsRoot().named('PC-21H2');
/** Windows 10 22H2 (supported as shipped), without the ACS root and without automatic root update. */
const rootMissing = windows10('22H2').withoutAcsRoot().named('PC-LOCKED');
/** Windows Server 2012 R2 with the qualifying rollup but without the root, running the Apex One server. */
const serverRootMissing = server2012R2().withRollup('KB5006714').withoutAcsRoot().asApexOneServer().named('APEXONE-SRV');
/** Windows 10 22H2 with the root: meets ACS. */
const ready = windows10('22H2').withAcsRoot().named('PC-READY');

function row(s: Omit<SeedScenario, 'machine'> & { machine: { build(): MachineProfile } }): SeedScenario {
  return Object.freeze({ ...s, machine: s.machine.build() });
}

/** Every scenario of the seed, in the seed's order, then the cases the seed states in passing. */
export const SEED_SCENARIOS: readonly SeedScenario[] = Object.freeze([
  row({
    id: 'A1',
    product: 'Apex One',
    title: 'Apex One server patch on a server without the ACS root: our popup on the server, the patch is not applied',
    seed: '(1) 管理サーバへの Patch 適用',
    path: 'server-patch',
    machine: serverRootMissing,
    input: { artifact: { kind: 'declared', build: 12011 } },
    expected: { decision: 'blocked', popups: ['M-SERVER-PATCH'], events: [] },
  }),
  row({
    id: 'A2',
    product: 'Apex One',
    title: 'AutoPcc.exe on an endpoint without the ACS root: the Bad Image popup',
    seed: '(2) AutoPcc.exe を用いたエージェントの 新規インストール / プログラムアップデート',
    path: 'autopcc',
    machine: rootMissing,
    input: { artifact: { kind: 'declared', build: 12011 } },
    expected: { decision: 'blocked', popups: ['M-BADIMAGE'], events: [] },
  }),
  row({
    id: 'A3',
    product: 'Apex One',
    title: 'agent MSI on an endpoint missing the OS patch: the cannot-install popup',
    seed: '(3) MSI ファイルを用いたエージェントの 新規インストール / プログラムアップデート',
    path: 'msi',
    machine: patchMissing,
    input: { artifact: { kind: 'declared', build: 12011 } },
    expected: { decision: 'blocked', popups: ['M-NOACS'], events: [] },
  }),
  row({
    id: 'A4',
    product: 'Apex One',
    title: 'client packager EXE: the Bad Image popup, then after [OK] the cannot-install popup',
    seed: '(4) EXE ファイルを用いたエージェントの 新規インストール / プログラムアップデート',
    path: 'packager-exe',
    machine: patchMissing,
    input: { artifact: { kind: 'declared', build: 12011 } },
    expected: { decision: 'blocked', popups: ['M-BADIMAGE', 'M-NOACS'], events: [] },
  }),
  row({
    id: 'A4-silent',
    product: 'Apex One',
    title: 'client packager EXE made in silent mode: only the Bad Image popup',
    seed: '※ クライアントパッケージャで EXE ファイルを作成する際に「サイレントモード」を選択した場合は、1つ目のエラー画面のみ表示されます。',
    path: 'packager-exe',
    machine: patchMissing,
    input: { artifact: { kind: 'declared', build: 12011 }, settings: { silent: true } },
    expected: { decision: 'blocked', popups: ['M-BADIMAGE'], events: [] },
  }),
  row({
    id: 'A5',
    product: 'Apex One',
    title: 'remote install to an endpoint missing the OS patch: our popup on the web console',
    seed: '(5) リモートインストールによる 新規インストール',
    path: 'remote-install',
    machine: patchMissing,
    input: { artifact: { kind: 'declared', build: 12011 } },
    expected: { decision: 'blocked', popups: ['M-REMOTE-INSTALL'], events: [] },
  }),
  row({
    id: 'A6',
    product: 'Apex One',
    title: 'agent program update (agent 12011) over 5 cycles: one download, event 900 logged once, then periodic checks only',
    seed: '(6) エージェントプログラムのアップデート処理',
    path: 'agent-update',
    machine: patchMissing,
    input: { agent: { build: 12011 }, artifact: { kind: 'declared', build: 12012 }, cycles: 5 },
    expected: { decision: 'blocked', popups: [], events: [900], downloads: 1 },
  }),
  row({
    id: 'A6-before-12011',
    product: 'Apex One',
    title: 'agent below build 12011 has no ACS check: the ACS-signed program installs unguarded',
    seed: '既知の制限事項により、Critical Patch (ビルド 12011) より前のビルドを利用しているエンドポイントに対するエージェントプログラムのアップデート処理では、 ACS チェック機能によるブロックがされない場合がございます。',
    path: 'agent-update',
    machine: patchMissing,
    input: { agent: { build: 11092 }, artifact: { kind: 'declared', build: 12011 } },
    expected: { decision: 'unguarded', popups: [], events: [], downloads: 1 },
  }),
  row({
    id: 'S1',
    product: 'Apex One SaaS',
    title: 'Apex One SaaS standalone MSI installer on an endpoint missing the OS patch: the cannot-install popup',
    seed: '(1) エージェントの新規インストール (スタンドアロンインストーラ)',
    path: 'saas-msi',
    machine: patchMissing,
    input: { artifact: { kind: 'declared', maintenance: '2023-03' } },
    expected: { decision: 'blocked', popups: ['M-NOACS'], events: [] },
  }),
  row({
    id: 'S2',
    product: 'Apex One SaaS',
    title: 'Apex One SaaS web installer: no popup (no UI), event 11708 logged',
    seed: '(2) エージェントの新規インストール (Webインストーラ)',
    path: 'saas-web-installer',
    machine: patchMissing,
    input: { artifact: { kind: 'declared', maintenance: '2023-03' } },
    expected: { decision: 'blocked', popups: [], events: [11708] },
  }),
  row({
    id: 'S3',
    product: 'Apex One SaaS',
    title: 'Apex One SaaS agent (January 2023 maintenance) over 3 cycles: one download, event 900 once',
    seed: '(3) エージェントプログラムのアップデート処理',
    path: 'saas-agent-update',
    machine: patchMissing,
    input: { agent: { maintenance: '2023-01' }, artifact: { kind: 'declared', maintenance: '2023-04' }, cycles: 3 },
    expected: { decision: 'blocked', popups: [], events: [900], downloads: 1 },
  }),
  row({
    id: 'S3-before-2023-01',
    product: 'Apex One SaaS',
    title: 'Apex One SaaS agent (December 2022 maintenance) over 4 cycles: downloads and logs event 900 every cycle',
    seed: 'アップデート処理ごとにプログラムのダウンロードが繰り返される挙動を確認しております。',
    path: 'saas-agent-update',
    machine: patchMissing,
    input: { agent: { maintenance: '2022-12' }, artifact: { kind: 'declared', maintenance: '2023-03' }, cycles: 4 },
    expected: { decision: 'blocked', popups: [], events: [900, 900, 900, 900], downloads: 4 },
  }),
  row({
    id: 'patterns',
    product: 'Apex One / Apex One SaaS',
    title: 'pattern file updates are not blocked on a machine that does not meet ACS',
    seed: '(パターンファイルのアップデートについてはブロックされませんが、仕様は変化する可能性がある点についてご留意ください。)',
    path: 'pattern-update',
    machine: patchMissing,
    input: {},
    expected: { decision: 'allowed', popups: [], events: [] },
  }),
  row({
    id: 'ready',
    product: 'Apex One / Apex One SaaS',
    title: 'a machine that meets ACS installs the agent MSI with no popup and no event',
    seed: 'Azure Code Signing (ACS) の条件を満たすために、対応いただきたい事項',
    path: 'msi',
    machine: ready,
    input: { artifact: { kind: 'declared', build: 12011 } },
    expected: { decision: 'allowed', popups: [], events: [] },
  }),
]);

/**
 * Runs one scenario of the table (simulateOn with its machine, path and input).
 * @param options simulate()'s options (e.g. your own verifier)
 * @returns the PathRun, to compare with `scenario.expected`
 */
export function runScenario(scenario: SeedScenario, options: SimulateOptions = {}): Promise<PathRun> {
  door('runScenario', scenario, options);
  return simulateOn(scenario.machine, scenario.path, scenario.input, options);
}
