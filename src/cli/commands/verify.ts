/** acs-gate verify FILE...: the Authenticode / ACS verdict of each file. */
import { escapeText as esc } from '../../text/escape';
import type { X509Certificate } from 'node:crypto';
import { bundledMicrosoftCertificates, verifyFile, verifyInOrder } from '../../authenticode';
import type { VerificationResult, VerifyOptions } from '../../authenticode/types';
import { formatDeep } from '../format/deep';
import * as fs from 'node:fs';
import { timeValue } from '../args';
import { checkRegularFile } from '../io';
import { loadCertificates, loadCrls } from '../certs';
import { certificatesInFile } from '../file-certificates';
import { EXIT, commandHelp, commandSummary, type Command } from '../command';
import { UsageError } from '../errors';
import { resolveLang } from '../lang';
import { formatVerificationJa, formatVerifyTotalsJa } from '../format/verify-ja';
import { formatVerification, formatVerifyTotals, type CertificateLookup } from '../format/verify';

const USAGE = 'acs-gate verify FILE... [--trust PEM_OR_DIR]... [--acs-root PEM]... [--crl CRL]... [--at ISO_TIME] [--catalog CAT]... [--no-strict] [--deep] [--lang ja|en] [--json]';

function lookupIn(certs: X509Certificate[]): CertificateLookup {
  return (subject) => {
    // "CN=…, S=Ohio" (the verifier) and "ST=Ohio\nCN=…" (node:crypto) name the same subject
    const norm = (s: string) =>
      s
        .split(/,\s*|\n/)
        .map((x) => x.trim().replace(/\s+/g, ' ').replace(/^ST=/i, 'S='))
        .filter(Boolean)
        .sort()
        .join(',');
    const c = certs.find((x) => norm(x.subject) === norm(subject));
    return c && { subject: c.subject, issuer: c.issuer, validTo: c.validTo, sha1: c.fingerprint.replace(/:/g, '') };
  };
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: commandSummary('verify', 'en'),
  usage: USAGE,
  flags: {
    trust: { kind: 'list' },
    'acs-root': { kind: 'list' },
    crl: { kind: 'list' },
    at: { kind: 'value' },
    catalog: { kind: 'list' },
    'no-strict': { kind: 'switch' },
    deep: { kind: 'switch' },
    json: { kind: 'switch' },
    // --lang ja|en: the output's language (default from the locale); Japanese: src/cli/format/verify-ja.ts (issue 18.5)
    lang: { kind: 'value' },
  },
  help: commandHelp('verify', 'en', { usage: USAGE }),
  helpJa: commandHelp('verify', 'ja', { usage: USAGE }),
  async run(args, { io }) {
    if (!args.positionals.length) throw new UsageError('no FILE given');
    // a FIFO, a device or an over-size file is refused at once (a missing file is the verifier's IO_ERROR)
    for (const file of args.positionals) if (existsOrLink(file)) checkRegularFile(file, 'installer');
    const lang = resolveLang(args.values.get('lang'), io.env, io);
    const at = timeValue(args, 'at', io.now);
    const trust = args.lists.get('trust');
    const acsRoots = args.lists.get('acs-root');
    const trustCerts = trust ? loadCertificates(trust) : undefined;
    const acsCerts = acsRoots ? loadCertificates(acsRoots) : undefined;
    const crlFiles = args.lists.get('crl');
    const crls = crlFiles ? loadCrls(crlFiles) : undefined;
    const catalogs = args.lists.get('catalog');
    for (const cat of catalogs ?? []) checkRegularFile(cat, 'catalog', { flag: '--catalog' }); // missing or not a file: exit 2, whatever FILE's own signature says
    const options = {
      at,
      ...(catalogs ? { catalogs } : {}),
      strict: !args.switches.has('no-strict'),
      ...(crls ? { crls } : {}),
      ...(trustCerts ? { trust: trustCerts } : {}),
      ...(acsCerts ? { acsRoots: acsCerts } : {}),
    };
    const knownCerts = [...(trustCerts ?? []), ...(acsCerts ?? []), ...bundledMicrosoftCertificates()];
    const results: VerificationResult[] = [];
    let code: number = EXIT.OK;
    const deep = args.switches.has('deep');
    const results$ = deep ? deepInOrder(args.positionals, options) : verifyInOrder(args.positionals, options);
    for await (const r of results$) {
      const file = r.file;
      if (r.failures.some((f) => f.code === 'IO_ERROR')) {
        io.stderr(`acs-gate verify: ${esc(r.failures.find((f) => f.code === 'IO_ERROR')!.message)}\n`);
        code = EXIT.USAGE_OR_IO;
        if (!args.switches.has('json')) continue;
      } else if (r.verdict !== 'valid' && code === EXIT.OK) code = EXIT.NEGATIVE;
      results.push(r);
      // one result per file: wait when the reader is slower than we are (stdout-writer.ts)
      let text: string;
      if (args.switches.has('json')) text = JSON.stringify(r) + '\n';
      else {
        text = (lang === 'ja' ? formatVerificationJa(r) : formatVerification(r, lookupIn([...knownCerts, ...(await certificatesInFile(file, r.format))]))) + '\n';
        if (r.contents && r.deepSummary) text += formatDeep(r.contents, r.deepSummary) + '\n';
      }
      const w = io.stdout(text);
      if (w) await w;
    }
    if (!args.switches.has('json') && results.length) io.stdout(lang === 'ja' ? formatVerifyTotalsJa(results) : formatVerifyTotals(results));
    return code;
  },
};

/** --deep: one file after the other (each deep verification extracts to its own temporary folder). */
async function* deepInOrder(files: string[], options: VerifyOptions): AsyncGenerator<VerificationResult> {
  for (const f of files) yield await verifyFile(f, { ...options, deep: true });
}

function existsOrLink(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
