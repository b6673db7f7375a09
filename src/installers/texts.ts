/**
 * The installers' texts in both languages, side by side: run reasons, warnings, remediation and the agent
 * labels they quote. Same pattern as src/endpoint/texts.ts (and its fillText): `{name}` placeholders are
 * filled from the run; codes stay language-neutral. English is the reference and must not change (the
 * scenario tests and docs/behavior.md compare it); Japanese follows Trend Micro Japanese support articles
 * (です・ます調) and the seed's terms (プログラムのアップグレードとHotFixの配信を禁止する設定, 既知の制限事項,
 * ACS の条件を満たしていない). Console setting paths, commands, KB numbers and URLs stay verbatim.
 */
import { fillText, type Bilingual, type TextLang, type TextParam } from '../endpoint/texts';

export type { Bilingual, TextLang, TextParam } from '../endpoint/texts';

export const INSTALLER_TEXTS = {
  // ---- agent labels (AgentClassification.label), quoted by the reasons and warnings below ----
  'label.apexOne.assumed': {
    en: 'Apex One agent, build not given (assumed >= 12011)',
    ja: 'Apex One のセキュリティエージェント (ビルド未指定のため 12011 以降と仮定)',
  },
  'label.apexOne.check': {
    en: 'Apex One agent build {build} (>= 12011)',
    ja: 'Apex One のセキュリティエージェント ビルド {build} (12011 以降)',
  },
  'label.apexOne.noCheck': {
    en: 'Apex One agent build {build} (< 12011)',
    ja: 'Apex One のセキュリティエージェント ビルド {build} (12011 より前)',
  },
  'label.saas.assumed': {
    en: 'SaaS agent, maintenance not given (assumed >= 2023-01)',
    ja: 'SaaS 版のセキュリティエージェント (定期メンテナンス未指定のため 2023-01 以降と仮定)',
  },
  'label.saas.check': {
    en: 'SaaS agent, {maintenance} maintenance (>= 2023-01)',
    ja: 'SaaS 版のセキュリティエージェント、{maintenance} の定期メンテナンス (2023-01 以降)',
  },
  'label.saas.repeat': {
    en: 'SaaS agent, {maintenance} maintenance (<= 2022-12)',
    ja: 'SaaS 版のセキュリティエージェント、{maintenance} の定期メンテナンス (2022-12 以前)',
  },

  // ---- run reasons (PathRun.reasons[].message) ----
  'reason.SETTING_SUBJECTS_UPDATE_TO_CHECK.pattern': {
    en: 'Setting patternUpdatesBlocked: pattern updates take the ACS check (the Trend Micro Q&A says this may change).',
    ja: '設定 patternUpdatesBlocked: パターンファイルのアップデートも ACS チェックの対象になります (今後変更される可能性があります)。',
  },
  'reason.SETTING_SUBJECTS_UPDATE_TO_CHECK.engine': {
    en: 'Setting engineSignedWithAcs: the scan engine is ACS-signed, so its update takes the ACS check.',
    ja: '設定 engineSignedWithAcs: 検索エンジンが ACS で署名されているため、エンジンのアップデートも ACS チェックの対象になります。',
  },
  'reason.AGENT_WITHOUT_CHECK': {
    en: '{label}: the ACS check may not run (known limitation), so the ACS-signed program can be installed. {risk}',
    ja: '{label}: 既知の制限事項により、ACS チェック機能によるブロックがされない場合があり、ACS で署名されたプログラムがインストールされる可能性があります。{risk}',
  },
  'reason.SCOPE_EXCLUDES_PROGRAM': {
    en: 'Update scope "{scope}": the agent program is neither downloaded nor installed; patterns still update.',
    ja: 'アップデート対象 "{scope}": エージェントプログラムはダウンロードもインストールもされません。パターンファイルのアップデートは引き続きおこなわれます。',
  },
  'reason.DOWNLOAD_PREVENTED': {
    en: 'Event 900 was logged earlier: the agent only checks the machine periodically, with no download, until it meets ACS.',
    ja: 'イベント 900 は既に記録されています。ACS の条件を満たすまで、セキュリティエージェントはエンドポイントを定期的にチェックするだけで、プログラムのダウンロードはおこないません。',
  },
  'reason.NOT_ACS_SIGNED.declared': {
    en: 'The program is not ACS-signed (before build 12011 / the March 2023 maintenance): it is judged on its own chain, not blocked for lack of ACS support.',
    ja: 'このプログラムは ACS で署名されていません (ビルド 12011 / 2023年3月の定期メンテナンスより前)。自身の証明書チェーンで判定され、ACS の条件を満たしていないことを理由にブロックされることはありません。',
  },
  'reason.NOT_ACS_SIGNED.file': {
    en: 'The file is validly signed, but not under an ACS root: judged on its own chain.',
    ja: 'このファイルは有効な署名を持っていますが、ACS のルート証明書にチェーンしていません。自身の証明書チェーンで判定されます。',
  },
  'reason.SIGNATURE_NOT_VALID': {
    en: "The verifier judged the file {verdict} under this machine's trust.",
    ja: 'この端末が信頼するルート証明書のもとで、署名の検証結果は {verdict} です。',
  },

  'reason.INSTALLER_INVALID': {
    en:
      "The installer's own signature fails ({verdict}: {codes}) even under every root this run knows, so this is not about " +
      "the machine's ACS support. What Windows and the agent show for such a file is not in Trend Micro's Q&A: no popup or event is shown.",
    ja:
      'インストーラ自体の署名が無効です ({verdict}: {codes})。当ツールが把握しているすべてのルート証明書のもとでも有効にならないため、' +
      '端末の ACS 対応とは関係ありません。このようなファイルに対して Windows やセキュリティエージェントが表示する内容はトレンドマイクロの Q&A に記載がないため、ポップアップやイベントは示しません。',
  },

  // ---- warnings (PathRun.warnings[]) ----
  'warning.agentAssumed': {
    en: "{label}: pass the agent's build (--agent-build / --agent-maintenance) to be sure.",
    ja: '{label}: 正確に判定するには、セキュリティエージェントのビルドを指定してください (--agent-build / --agent-maintenance)。',
  },
  'warning.repeatDownload': {
    en:
      'Agents at the December 2022 maintenance or lower have no download prevention: the program is downloaded ' +
      'again every cycle (network waste), and such builds may not be blocked at all (Trend Micro KA-0014129).',
    ja:
      '2022年12月の定期メンテナンス以前のセキュリティエージェントには繰り返しダウンロードの防止機能が実装されていないため、' +
      'アップデート処理ごとにプログラムのダウンロードが繰り返されます (ネットワーク帯域を消費します)。また、既知の制限事項により ' +
      'ACS チェック機能によるブロックがされない場合があります (トレンドマイクロ KA-0014129)。',
  },
  'warning.uncertain': {
    en:
      'The profile lacks facts needed to decide whether this machine meets ACS; the run shows the worst case ' +
      '(not met). Collect the facts named in the reasons to be sure.',
    ja:
      '端末が ACS の条件を満たしているかを判定するための情報が不足しているため、最悪の場合 (ACS の条件を満たしていない) の結果を表示しています。' +
      '正確に判定するには、理由に記載されている情報を収集してください。',
  },
  'warning.declaredAssumed': {
    en: 'The artifact declares neither a build nor a maintenance month: assumed ACS-signed (as every program since build 12011 / March 2023).',
    ja: 'プログラムのビルドも定期メンテナンスの月も指定されていないため、ACS で署名されていると仮定しています (ビルド 12011 / 2023年3月以降のプログラムはすべて ACS で署名されています)。',
  },

  'warning.buildNotAcs': {
    en:
      'The file says it is {claim}, and such programs are ACS-signed, but its valid signature is not ACS: it is not ' +
      'the program as released (re-signed or rebuilt); the run judges the signature it carries.',
    ja:
      'このファイルは {claim} のプログラムですが (この時期以降のプログラムは ACS で署名されています)、有効な署名は ACS ではありません。' +
      'リリースされたままのプログラムではない (再署名または再ビルドされた) 可能性があります。判定はファイルの署名に基づいています。',
  },

  // ---- remediation (PathRun.remediation[]) and the texts they quote ----
  'remediation.scope': {
    en:
      'Set "Security Agents only update the following components" to "Pattern files, engines, drivers" ' +
      '(scope patterns-engines-drivers; Agents > Agent Management > Settings > Privileges and Other Settings > ' +
      'Other Settings > Update Settings; SaaS: Policies > Policy Management) until the machine meets ACS.',
    ja:
      '端末が ACS の条件を満たすまでは、プログラムのアップグレードとHotFixの配信を禁止する設定で配信を制御してください: ' +
      '[エージェント] > [エージェント管理] > [設定] > [権限とその他の設定] > [その他の設定] の ' +
      '「セキュリティエージェントがアップデートするコンポーネント」で「パターンファイル、エンジン、ドライバ」を選択します ' +
      '(scope patterns-engines-drivers、SaaS: [ポリシー] > [ポリシー管理] > [権限とその他の設定]、KA-0009550: https://success.trendmicro.com/ja-JP/solution/KA-0009550)。',
  },
  'reason.ROOT_NOT_COVERED': {
    en:
      "The installer's signature is valid under the root {root}, which this machine's trust does not hold (or is not known to hold), " +
      'and that root is not the ACS root the readiness model judges machines on. So this is not about the machine\'s ACS support; ' +
      "our inference: the signature does not verify there. What Windows and the agent show then is not in Trend Micro's Q&A: no popup or event is shown.",
    ja:
      'インストーラの署名はルート証明書 {root} のもとでは有効ですが、この端末はこのルート証明書を信頼していません (または信頼しているか不明です)。' +
      'このルート証明書は、端末の ACS 対応の判定で見ている ACS のルート証明書ではないため、端末の ACS 対応とは関係ありません。' +
      'この端末では署名を検証できないと推定しています。その場合に Windows やセキュリティエージェントが表示する内容はトレンドマイクロの Q&A に記載がないため、ポップアップやイベントは示しません。',
  },
  'remediation.rootNotCovered': {
    en:
      "The installer's chain ends at a root the ACS readiness model does not cover: if that root stands in for the ACS root " +
      '(a private test PKI), name it with --acs-root and --trust; otherwise give it with --trust so the machines\' Root stores can name it, ' +
      'or check the installer with acs-gate verify and obtain it again from the Apex One server or Trend Micro.',
    ja:
      'インストーラの証明書チェーンは、ACS 対応の判定で扱っていないルート証明書で終わっています。' +
      'そのルート証明書を ACS のルート証明書の代わりとして使うテスト用のプライベート PKI であれば、--acs-root と --trust で指定してください。' +
      'それ以外の場合は、端末のルート証明書ストアと照合できるよう --trust で指定するか、acs-gate verify でインストーラを確認し、Apex One サーバまたはトレンドマイクロから再度入手してください。',
  },
  'remediation.installerInvalid': {
    en:
      'Obtain the installer again from the Apex One server or Trend Micro and check it with acs-gate verify; ' +
      'if it is signed by a private test PKI on purpose, pass that root with --trust.',
    ja:
      'Apex One サーバまたはトレンドマイクロからインストーラを再度入手し、acs-gate verify で確認してください。' +
      'テスト用のプライベート PKI で意図的に署名したファイルの場合は、そのルート証明書を --trust で指定してください。',
  },
  // the Japanese quotes 「…」 are the Q&A's sentences byte for byte: "(トレンドマイクロの Q&A より)" stands only on
  // them (tests/messages/faq-source.test.ts); the sentence introducing them is ours. English: our translation.
  'text.agentRisk': {
    en:
      'If the ACS-signed program reaches this agent, Trend Micro\'s Q&A says (our translation): its programs and services ' +
      'do not work correctly, and Windows Security Center may leave both the agent and Microsoft Defender active, so ' +
      'logon slows, applications hang and the endpoint may stop responding.',
    ja:
      'ACS で署名されたプログラムがこのセキュリティエージェントに適用された場合について、トレンドマイクロの Q&A には次のとおり記載されています: ' +
      '「エージェントのプログラムおよびサービスが正しく機能しません。」' +
      '「Windows セキュリティセンターとの間に問題が発生し、セキュリティエージェントと Microsoft Defender の両方が有効になる場合があります。' +
      'これにより、ログインが遅くなったり、アプリケーションがハングアップしたり、エンドポイントが応答しなくなる可能性があります。」(トレンドマイクロの Q&A より)',
  },
} as const satisfies Record<string, Bilingual>;

export type InstallerTextKey = keyof typeof INSTALLER_TEXTS;

/** The run's text language: the run's `lang` when given, else English (what the installers always wrote). */
export function textLangOf(lang: TextLang | undefined): TextLang {
  return lang === 'ja' ? 'ja' : 'en';
}

/** The verifier's verdict as a run's texts say it: the value in English, a word in Japanese (no English in the Japanese view). */
export function verdictWord(verdict: string, lang: TextLang): string {
  if (lang !== 'ja') return verdict;
  return ({ valid: '有効', invalid: '無効', unsigned: '署名なし', malformed: '形式が不正' } as Record<string, string>)[verdict] ?? verdict;
}

/** One installer text in one language. */
export function installerText(key: InstallerTextKey, lang: TextLang, params: Record<string, TextParam> = {}): string {
  return fillText(INSTALLER_TEXTS[key][lang], lang, params);
}

/** One installer text in both languages. */
export function installerBilingual(key: InstallerTextKey, params: Record<string, TextParam> = {}): Bilingual {
  return { en: installerText(key, 'en', params), ja: installerText(key, 'ja', params) };
}
