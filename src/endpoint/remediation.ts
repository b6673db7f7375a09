/**
 * Remediation text per readiness reason: the KB for the Windows line, how to add the root by hand (or let
 * automatic root update fetch it), and, for unknown facts, which command collects them next. The texts, in
 * English and Japanese, are in texts.ts.
 */
import { ACS_ROOT_2020_SHA1, ACS_ROOT_2020_SHA256 } from '../authenticode/trust/bundled-roots';
import { COLLECT_TEXTS, FACT_LABELS_EN, FACT_LABELS_JA, LINE_NOTES_JA, orList, READINESS_TEXTS, readinessText, type TextLang, type TextParam } from './texts';
import type { ReadinessReason } from './types';

/** File name of the bundled root (certs/microsoft-identity-verification-root-ca-2020.cer in this repository). */
export const ROOT_CER_FILE = 'microsoft-identity-verification-root-ca-2020.cer';
export const KB5022661_URL =
  'https://support.microsoft.com/en-us/servicing/azure/update/2022/12/kb5022661-windows-support-for-the-trusted-signing-formerly-azure-code-signing-program';

/** Where Microsoft publishes the root (its PKI repository; ../shared/docs/acs-facts.md, "Certificates"). */
export const ROOT_DOWNLOAD_URL = 'https://www.microsoft.com/pkiops/docs/repository.htm';

export const ADD_ROOT_CERTUTIL = `certutil -addstore Root ${ROOT_CER_FILE}`;
export const ADD_ROOT_POWERSHELL = `Import-Certificate -FilePath ${ROOT_CER_FILE} -CertStoreLocation Cert:\\LocalMachine\\Root`;
const AUTHROOT_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot';
/** The one step that trusts the root: by certutil or PowerShell, or by re-enabling automatic root update. */
export const ADD_ROOT_STEP = readinessText('remediation.ROOT_NOT_TRUSTED', 'en', {
  file: ROOT_CER_FILE,
  sha1: ACS_ROOT_2020_SHA1,
  sha256: ACS_ROOT_2020_SHA256,
  url: ROOT_DOWNLOAD_URL,
  command: ADD_ROOT_CERTUTIL,
  powershell: ADD_ROOT_POWERSHELL,
  key: AUTHROOT_POLICY_KEY,
});

/** What to run on the machine to collect a missing fact (the importers read these outputs); English. */
export const COLLECT: Record<string, string> = Object.fromEntries(Object.entries(COLLECT_TEXTS).map(([k, v]) => [k, v.en]));

export function catalogUrl(kb: string): string {
  return `https://www.catalog.update.microsoft.com/Search.aspx?q=${encodeURIComponent(kb)}`;
}

/** The context a step needs: the Windows line (or the candidate lines) and the KBs that fix it. */
export interface RemediationContext {
  line?: string;
  /** the candidate lines when `line` names several that judge alike */
  lines?: string[];
  kbs?: string[];
}

function lineParam(ctx: RemediationContext, fallback: 'word.thisWindows' | 'word.ThisWindows'): TextParam {
  if (ctx.lines && ctx.lines.length > 1) return { en: ctx.line ?? ctx.lines.join(' or '), ja: orList(ctx.lines).ja };
  return ctx.line ?? READINESS_TEXTS[fallback];
}

/** Remediation steps for one reason (in order), in `lang` (default English). */
export function remediationFor(reason: ReadinessReason, ctx: RemediationContext, lang: TextLang = 'en'): string[] {
  switch (reason.code) {
    case 'OS_PATCH_MISSING': {
      const kbs = ctx.kbs ?? [];
      const line = lineParam(ctx, 'word.thisWindows');
      const newest = reason.evidence?.['newestKnownKb'];
      const month = reason.evidence?.['newestKnownMonth'];
      if (typeof newest === 'string' && typeof month === 'string') {
        // never ask for the 2021 fix itself when later rollups exist: the newest known one (or later) is the step
        return [
          readinessText('remediation.OS_PATCH_MISSING.newest', lang, {
            line,
            newestKnown: newest,
            month,
            firstKb: kbs[0] ?? '',
            kind: { en: 'monthly rollup', ja: 'マンスリー ロールアップ' },
            catalog: catalogUrl(newest),
            kb5022661: KB5022661_URL,
          }),
        ];
      }
      if (kbs.length === 0) return [readinessText('remediation.OS_PATCH_MISSING.latest', lang, { line, kb5022661: KB5022661_URL })];
      return [
        readinessText('remediation.OS_PATCH_MISSING.kbs', lang, {
          kbsOr: orList(kbs),
          line,
          catalog: kbs.map(catalogUrl).join(' , '),
          kb5022661: KB5022661_URL,
        }),
      ];
    }
    case 'OS_NO_ACS_SUPPORT': {
      const line = lineParam(ctx, 'word.ThisWindows');
      const note = reason.evidence?.['note'];
      const lineId = reason.evidence?.['line'];
      if (typeof note !== 'string') return [readinessText('remediation.OS_NO_ACS_SUPPORT', lang, { line, kb5022661: KB5022661_URL })];
      const noteJa = typeof lineId === 'string' && Object.prototype.hasOwnProperty.call(LINE_NOTES_JA, lineId) ? LINE_NOTES_JA[lineId]! : note;
      return [readinessText('remediation.OS_NO_ACS_SUPPORT.note', lang, { line, kb5022661: KB5022661_URL, note: { en: note, ja: noteJa } })];
    }
    case 'ROOT_NOT_TRUSTED':
      return [
        readinessText('remediation.ROOT_NOT_TRUSTED', lang, {
          file: ROOT_CER_FILE,
          sha1: ACS_ROOT_2020_SHA1,
          sha256: ACS_ROOT_2020_SHA256,
          url: ROOT_DOWNLOAD_URL,
          command: ADD_ROOT_CERTUTIL,
          powershell: ADD_ROOT_POWERSHELL,
          key: AUTHROOT_POLICY_KEY,
        }),
      ];
    case 'FACT_UNKNOWN': {
      const fact = reason.fact;
      if (fact === 'laterKb') {
        const unknown = reason.evidence?.['unknownKbs'];
        const kb = Array.isArray(unknown) && typeof unknown[0] === 'string' ? unknown[0] : '';
        const p = { kb, line: lineParam(ctx, 'word.thisWindows'), kind: { en: 'monthly rollup', ja: 'マンスリー ロールアップ' }, catalog: catalogUrl(kb) };
        return [readinessText('remediation.FACT_UNKNOWN.laterKb.accept', lang, p), readinessText('remediation.FACT_UNKNOWN.laterKb.check', lang, p)];
      }
      const cmd = fact && Object.prototype.hasOwnProperty.call(COLLECT_TEXTS, fact) ? COLLECT_TEXTS[fact] : undefined;
      if (!cmd || !fact) return [];
      const factLabel = { en: FACT_LABELS_EN[fact] ?? fact, ja: FACT_LABELS_JA[fact] ?? fact };
      // os.ubr with no hotfix list either: the hotfix list can also decide (the KB installed); one step, two ways
      if (fact === 'os.ubr' && reason.evidence?.['hotfixesKnown'] === false)
        return [readinessText('remediation.FACT_UNKNOWN.ubrOrHotfixes', lang, { factLabel, command: cmd, hotfixes: COLLECT_TEXTS['hotfixes']! })];
      return [readinessText('remediation.FACT_UNKNOWN.collect', lang, { factLabel, command: cmd })];
    }
    case 'OS_UNRECOGNIZED':
      return [readinessText('remediation.OS_UNRECOGNIZED', lang, { command: COLLECT_TEXTS['os.version']! })];
  }
}

/** The step that points a machine with missing facts to the collectors (once per machine, after the per-fact steps). */
export function collectorStep(lang: TextLang = 'en'): string {
  return readinessText('remediation.FACT_UNKNOWN.collector', lang);
}

/**
 * Whether a remediation step is the FAQ's own text or ours (issue 18.3): Trend Micro's Q&A (the seed) states
 * the popups and the events, never a fix step in the words this tool writes, so every step is 'inferred'.
 * JSON carries it per step (`remediationSource`, the same order as `remediation`); the terminal marks the steps
 * with 「［当ツールの推定］」 / "[our inference]" as it marks the other inferred texts.
 */
export type RemediationSource = 'faq' | 'inferred';

/** The source of one remediation step (see RemediationSource). */
export function remediationSource(_step: string): RemediationSource {
  return 'inferred';
}

/** The sources of a list of steps, in their order. */
export function remediationSources(steps: readonly string[]): RemediationSource[] {
  return steps.map(remediationSource);
}
