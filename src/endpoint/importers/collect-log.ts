/**
 * The collection log `acs-collect.txt` written by `acs-gate collect` and `collect/acs-collect.cmd`
 * (docs/collect.md): which exports were written or failed, and the evidence of the online probe. It is the
 * source of the `online` fact. Plain ASCII `key=value` lines after a fixed first line:
 *
 *   acs-gate collect log 1
 *   computer=PC-TOKYO-07
 *   collector=acs-collect.cmd 1
 *   file=systeminfo.csv result=written exit=0
 *   file=hotfixes.csv result=failed exit=1
 *   rootdirurl=
 *   probe.command=certutil -f -syncWithWU
 *   probe.exit=-2147012889
 *   probe.timeout=no
 *   probe.authrootstl=no
 *
 * The probe asks certutil to download Windows' root certificate list (authrootstl.cab) the way the automatic
 * root update does (certutil -syncWithWU, "downloaded by using the automatic update mechanism": Microsoft,
 * "certutil" and "Configure trusted roots and disallowed certificates", learn.microsoft.com). `online` is
 * decided here, from the evidence, by one rule for both collectors (onlineFromProbe).
 */
import type { Importer, ImportResult, PartialProfile } from './types';

export const COLLECT_LOG_FIRST_LINE = 'acs-gate collect log 1';

/**
 * certutil -syncWithWU failures that mean "this machine cannot reach the download" (WinINet / WinHTTP
 * errors 12002 timeout, 12007 name not resolved, 12029 cannot connect, 12030 connection aborted, 12031
 * connection reset, 12152 invalid server response, 12175 secure failure; HRESULT 0x80072xxx), and HTTP
 * status failures (HRESULT_FROM_HTTP 0x80190xxx, e.g. 0x80190197 = 407 proxy authentication required).
 */
export function isNetworkFailure(code: number): boolean {
  const u = code >>> 0;
  if ((u & 0xffff0000) >>> 0 === 0x80190000) return true;
  return [0x80072ee2, 0x80072ee7, 0x80072efd, 0x80072efe, 0x80072eff, 0x80072f78, 0x80072f8f].includes(u);
}

export interface ProbeEvidence {
  /** process exit code (certutil returns the HRESULT), undefined when it did not finish */
  exit?: number;
  timedOut: boolean;
  /** authrootstl.cab was downloaded (non-empty) */
  cab: boolean;
  /** certutil could not be started */
  missing?: boolean;
}

export interface OnlineVerdict {
  online: boolean | undefined;
  why: string;
}

/** true: the list was downloaded; false: a network failure or no answer in time; unknown: anything else. */
export function onlineFromProbe(e: ProbeEvidence): OnlineVerdict {
  if (e.cab) return { online: true, why: 'authrootstl.cab (the root certificate list) was downloaded' };
  if (e.missing) return { online: undefined, why: 'certutil could not be started' };
  if (e.timedOut) return { online: false, why: 'no root certificate list within the time limit' };
  if (e.exit === undefined) return { online: undefined, why: 'the probe left no exit code' };
  const hex = `0x${(e.exit >>> 0).toString(16).padStart(8, '0')}`;
  if (isNetworkFailure(e.exit)) return { online: false, why: `certutil -syncWithWU failed with ${hex} (network)` };
  if (e.exit === 0) return { online: undefined, why: 'certutil succeeded but no authrootstl.cab was found' };
  return { online: undefined, why: `certutil -syncWithWU failed with ${hex} (not a network error)` };
}

function parseExit(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  if (/^-?\d+$/.test(t)) return Number(t);
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) return parseInt(t.slice(2), 16);
  return undefined;
}

const yes = (v: string | undefined): boolean => /^(yes|true|1)$/i.test((v ?? '').trim());

export const collectLog: Importer = {
  kind: 'acs-collect-log',
  detect(text) {
    const first = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
    return first.trim() === COLLECT_LOG_FIRST_LINE;
  },
  parse(text, source): ImportResult {
    const values = new Map<string, string>();
    const notes: string[] = [];
    const lines = text.split(/\r\n|\n|\r/);
    for (const raw of lines.slice(1)) {
      const l = raw.trim();
      if (l === '' || l.startsWith('#')) continue;
      if (l.startsWith('file=')) {
        const f = new Map<string, string>();
        for (const part of l.split(/\s+/)) {
          const i = part.indexOf('=');
          if (i > 0) f.set(part.slice(0, i), part.slice(i + 1));
        }
        const result = f.get('result') ?? '';
        if (result !== 'written' && result !== 'not-set' && result !== 'skipped') {
          const exit = f.get('exit');
          notes.push(`collection: ${f.get('file')} ${result || 'not written'}${exit ? ` (exit ${exit})` : ''}`);
        }
        continue;
      }
      const i = l.indexOf('=');
      if (i > 0 && !values.has(l.slice(0, i))) values.set(l.slice(0, i), l.slice(i + 1).trim());
    }
    const facts: PartialProfile = {};
    if (values.has('probe.command')) {
      const v = onlineFromProbe({
        exit: parseExit(values.get('probe.exit')),
        timedOut: yes(values.get('probe.timeout')),
        cab: yes(values.get('probe.authrootstl')),
        missing: yes(values.get('probe.missing')),
      });
      if (v.online !== undefined) facts.online = v.online;
      notes.push(`online probe: ${v.online === undefined ? 'unknown' : v.online}: ${v.why}`);
    } else {
      notes.push('online probe: not run: online stays unknown');
    }
    const rootDir = values.get('rootdirurl');
    if (rootDir) notes.push(`root list redirected (RootDirURL) to ${rootDir.slice(0, 200)}: the probe tested Windows Update's address`);
    return { kind: 'acs-collect-log', source, facts, notes };
  },
};
