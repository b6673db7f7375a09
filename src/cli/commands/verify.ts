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
import { EXIT, exitCodesHelp, type Command } from '../command';
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
  summary: 'verify the Authenticode signature of PE / MSI / CAB / catalog / script / APPX files and say whether it is ACS',
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
  help: `Usage: ${USAGE}

Verifies each file's Authenticode signature (PE, MSI, CAB, catalog, PowerShell script, APPX/MSIX): digest, signer, RFC 3161 / PKCS #9 timestamp,
certificate chain to a trust anchor, and the ACS policy (chain to an ACS root, ACS EKUs on the leaf).

Options:
  --trust PEM_OR_DIR   trust anchor certificates (PEM or DER file, or a directory of them); repeatable.
                       Default: only the bundled Microsoft Identity Verification Root CA 2020.
  --acs-root PEM       roots that make a chain ACS (default: the bundled Microsoft root); repeatable
  --crl CRL            a CRL (DER or PEM) to check revocation against, offline; repeatable. A certificate
                       of the signer's or the timestamp's chain revoked before the signature was made (its
                       timestamp, else --at) makes it invalid (CERT_REVOKED). Without --crl, revocation is
                       not checked (the output says so).
  --at ISO_TIME        verification time (default: now), e.g. 2024-04-11 or 2024-04-11T09:00:00Z
  --catalog CAT        a catalog file (.cat); repeatable. FILE is also valid when its hash (Authenticode
                       hash for PE/MSI, whole-file hash for flat files such as .inf) is listed in a catalog
                       whose own signature is valid, as signtool verify /c does; the output names the catalog.
                       A CAT that is missing or not a file is an input error (exit 2), whatever FILE says
  --no-strict          allow data after the PKCS #7 blob (CVE-2013-3900 padding); strict by default
  --deep               also verify every file inside an MSI (installed paths from its tables, embedded and
                       external cabinets, Binary table DLLs), a cabinet, an APPX/MSIX package or bundle,
                       recursively: verdict, ACS, FORCE_INTEGRITY, machine, version, how each is signed, and
                       which modules will not load on a machine without ACS support. The exit code is the
                       outer files' as without --deep
  --json               one JSON document per file (JSON Lines when several)

${exitCodesHelp({ 0: 'every file is valid', 1: 'a file is invalid, unsigned or malformed' })}
Examples:
  acs-gate verify samples/real/Knapcode.MiniZip-0.21.1-net451.dll
  acs-gate verify samples/installers/AutoPcc.exe samples/installers/ApexOneAgent.msi --trust samples/installers/test-acs-root.pem --at 2024-04-11 --json
`,
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
