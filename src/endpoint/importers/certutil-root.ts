/**
 * `certutil -store Root` text (English or Japanese):
 *   Root "Trusted Root Certification Authorities"        / Root "信頼されたルート証明機関"
 *   ================ Certificate 0 ================      / ================ 証明書 0 ================
 *   Serial Number: …  Issuer: …  Subject: CN=…           / シリアル番号: …  発行者: …  サブジェクト: CN=…
 *   Cert Hash(sha1): f40042e2…                           / 証明書ハッシュ(sha1): f40042e2…
 *   CertUtil: -store command completed successfully.      / CertUtil: -store コマンドは正常に完了しました。
 * Older certutil versions print the hash as spaced hex pairs ("f4 00 42 …"): both are read.
 * Each certificate block becomes { thumbprint, subject }.
 */
import { ACS_ROOT_2020_SHA1 } from '../../authenticode/trust/bundled-roots';
import { ExportFormatError } from '../errors';
import type { RootStoreEntry } from '../profile';
import type { Importer } from './types';

const BLOCK_RE = /^=+\s*(Certificate|証明書)\s+\d+\s*=+$/;
const HASH_RE = /^(?:Cert Hash\(sha1\)|証明書ハッシュ\(sha1\))\s*[:：]\s*([0-9a-fA-F ]+)$/;
const SUBJECT_RE = /^(?:Subject|サブジェクト)\s*[:：]\s*(.*)$/;

export const certutilRoot: Importer = {
  kind: 'certutil-root',
  detect(text) {
    const head = text.slice(0, 4096);
    return /^=+\s*(Certificate|証明書)\s+\d+\s*=+\s*$/m.test(head) || (/^Root\s+"/m.test(head) && /CertUtil:/.test(text.slice(-2048)));
  },
  parse(text, source) {
    const lines = text.split(/\r\n|\n|\r/);
    const entries: RootStoreEntry[] = [];
    const notes: string[] = [];
    let inBlock = false;
    let blockLine = 0;
    let subject: string | undefined;
    let thumb: string | undefined;
    let completed = false;
    const flush = (): void => {
      if (!inBlock) return;
      if (thumb) entries.push(subject ? { thumbprint: thumb, subject } : thumb);
      else throw new ExportFormatError(source, blockLine, 'certutil -store: certificate block without a "Cert Hash(sha1)" line');
    };
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!.trim();
      if (BLOCK_RE.test(l)) {
        flush();
        inBlock = true;
        blockLine = i + 1;
        subject = undefined;
        thumb = undefined;
        continue;
      }
      if (/^CertUtil:/i.test(l)) {
        flush();
        inBlock = false;
        if (/-store/.test(l) && !/fail|error|失敗|エラー/i.test(l)) completed = true;
        else notes.push(`certutil -store: line ${i + 1}: ${l.slice(0, 120)}`);
        continue;
      }
      if (!inBlock) continue;
      const h = HASH_RE.exec(l);
      if (h) {
        const hex = h[1]!.replace(/\s+/g, '').toUpperCase();
        if (!/^[0-9A-F]{40}$/.test(hex)) throw new ExportFormatError(source, i + 1, `certutil -store: SHA-1 hash "${h[1]}" is not 40 hex digits`);
        thumb = hex;
        continue;
      }
      const s = SUBJECT_RE.exec(l);
      if (s && subject === undefined) subject = s[1]!.trim();
    }
    flush();
    if (entries.length === 0 && !completed) throw new ExportFormatError(source, 1, 'certutil -store: no certificate blocks found');
    if (!completed) {
      // a truncated list cannot prove the root is absent: keep the store unknown unless the root is in it
      const hasRoot = entries.some((e) => (typeof e === 'string' ? e : e.thumbprint) === ACS_ROOT_2020_SHA1);
      notes.push(
        `certutil -store: no "-store command completed successfully" line: the output may be truncated${hasRoot ? '' : '; the Root store stays unknown'}`,
      );
      if (!hasRoot) return { kind: 'certutil-root', source, facts: {}, notes };
    }
    return { kind: 'certutil-root', source, facts: { rootStore: entries }, notes };
  },
};
