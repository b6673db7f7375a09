/**
 * The root verdict of ACS readiness (behavior-spec section 1, rule 2): the Microsoft Identity Verification
 * Root CA 2020 in the machine's Root store (matched by SHA-1 thumbprint, or by the fingerprints of a PEM entry:
 * never by name), or automatic root update on AND online. Thumbprints of PEM entries come from the one
 * fingerprint cache (fingerprints.ts).
 */
import { ACS_ROOT_2020_SHA1, ACS_ROOT_2020_SHA256 } from '../authenticode/trust/bundled-roots';
import { pemFingerprint } from './fingerprints';
import type { MachineProfile, RootStoreEntry } from './profile';
import { readinessText, type TextLang } from './texts';
import type { ReadinessReason, Tri } from './types';

export interface RootVerdict {
  trusted: Tri;
  via: 'store' | 'auto-update' | null;
  /** read only: the trusted verdicts are shared (TRUSTED_BY_STORE, TRUSTED_BY_AUTO_UPDATE) */
  reasons: readonly ReadinessReason[];
}

/** The two trusted answers, the same for every such machine: one frozen object each, not one per machine. */
const TRUSTED_BY_STORE: RootVerdict = Object.freeze({ trusted: true, via: 'store', reasons: Object.freeze([]) });
const TRUSTED_BY_AUTO_UPDATE: RootVerdict = Object.freeze({ trusted: true, via: 'auto-update', reasons: Object.freeze([]) });

/** SHA-1 thumbprint of a root store entry (from its PEM when present: the certificate wins over a typed thumbprint). */
export function entryThumbprint(e: RootStoreEntry): string | undefined {
  if (typeof e === 'string') return e;
  if (e.pem) {
    const f = pemFingerprint(e.pem);
    if (f) return f.sha1;
  }
  return e.thumbprint;
}

export function storeHasAcsRoot(store: readonly RootStoreEntry[]): boolean {
  return store.some((e) => {
    if (typeof e === 'string') return e === ACS_ROOT_2020_SHA1;
    if (e.pem) {
      const f = pemFingerprint(e.pem);
      if (f) return f.sha1 === ACS_ROOT_2020_SHA1 && f.sha256 === ACS_ROOT_2020_SHA256;
    }
    return e.thumbprint === ACS_ROOT_2020_SHA1;
  });
}

/** Root trust (rule 2); `lang` only picks the language of the reason messages. */
export function assessRoot(profile: MachineProfile, lang: TextLang = 'en'): RootVerdict {
  const { rootStore, rootAutoUpdate, online } = profile;
  if (rootStore && storeHasAcsRoot(rootStore)) return TRUSTED_BY_STORE;
  if (rootAutoUpdate === true && online === true) return TRUSTED_BY_AUTO_UPDATE;
  if (rootStore !== undefined && (rootAutoUpdate === false || online === false)) {
    return {
      trusted: false,
      via: null,
      reasons: [
        {
          code: 'ROOT_NOT_TRUSTED',
          message: readinessText(rootAutoUpdate === false ? 'reason.ROOT_NOT_TRUSTED.autoUpdateOff' : 'reason.ROOT_NOT_TRUSTED.offline', lang, { count: { en: rootStore.length === 1 ? '1 certificate' : `${rootStore.length} certificates`, ja: String(rootStore.length) } }),
          evidence: { rootStoreSize: rootStore.length, rootAutoUpdate, online, sha1: ACS_ROOT_2020_SHA1 },
        },
      ],
    };
  }
  const reasons: ReadinessReason[] = [];
  if (rootStore === undefined)
    reasons.push({ code: 'FACT_UNKNOWN', fact: 'rootStore', message: readinessText('reason.FACT_UNKNOWN.rootStore', lang) });
  if (rootAutoUpdate === undefined)
    reasons.push({ code: 'FACT_UNKNOWN', fact: 'rootAutoUpdate', message: readinessText('reason.FACT_UNKNOWN.rootAutoUpdate', lang) });
  if (online === undefined && rootAutoUpdate !== false)
    reasons.push({ code: 'FACT_UNKNOWN', fact: 'online', message: readinessText('reason.FACT_UNKNOWN.online', lang) });
  return { trusted: 'unknown', via: null, reasons };
}
