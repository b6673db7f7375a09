import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import * as path from 'node:path';
import { importBytes } from '../../../src/endpoint/importers';
import { certutilRootText, crlf, encode, type StoreCert } from '../../helpers/windows-exports';

const ACS = 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2';
const CERTS: StoreCert[] = [
  { sha1: 'CDD4EEAE6000AC7F40C3802C171E30148030C072', subject: 'CN=Microsoft Root Certificate Authority, DC=microsoft, DC=com' },
  { sha1: ACS, subject: 'CN=Microsoft Identity Verification Root Certificate Authority 2020, O=Microsoft Corporation, C=US' },
];

describe('certutil -store Root importer', () => {
  it.each([
    ['English, UTF-16LE with BOM', 'en', 'utf16le-bom'],
    ['Japanese, Shift_JIS', 'ja', 'shift_jis'],
    ['Japanese, UTF-8', 'ja', 'utf8'],
  ] as const)('reads thumbprints and subjects: %s', (_l, locale, enc) => {
    const r = importBytes(encode(crlf(certutilRootText(locale, CERTS)), enc), 'root.txt');
    expect(r.kind).toBe('certutil-root');
    expect(r.facts.rootStore).toEqual(CERTS.map((c) => ({ thumbprint: c.sha1, subject: c.subject })));
  });
  it('older spaced hash form ("f4 00 42 …") is read', () => {
    const r = importBytes(encode(certutilRootText('en', CERTS, { spacedHash: true }), 'utf8'), 'root.txt');
    expect(r.facts.rootStore?.map((e) => (typeof e === 'string' ? e : e.thumbprint))).toEqual([CERTS[0]!.sha1, ACS]);
  });
  it('truncated output without the ACS root leaves the store unknown (absence is not proven)', () => {
    const r = importBytes(encode(certutilRootText('en', [CERTS[0]!], { truncate: true }), 'utf8'), 'root.txt');
    expect(r.facts.rootStore).toBeUndefined();
    expect(r.notes.join(' ')).toMatch(/truncated/);
  });
  it('a certificate block without its hash line is an error naming the block line', () => {
    const text = certutilRootText('en', CERTS).replace(/Cert Hash\(sha1\): cdd4[0-9a-f]+\n/, '');
    expect(() => importBytes(encode(text, 'utf8'), 'r.txt')).toThrow(/^r\.txt:2: certutil -store: certificate block without/);
  });
});

describe('Get-ChildItem Cert:\\LocalMachine\\Root | ConvertTo-Json importer', () => {
  const der = readFileSync(path.join(__dirname, '../../../certs/microsoft-identity-verification-root-ca-2020.cer'));
  it('array with Thumbprint, Subject and RawData (byte array), UTF-16LE with BOM: RawData becomes a PEM', () => {
    const json = JSON.stringify(
      [
        { Thumbprint: ACS, Subject: CERTS[1]!.subject, RawData: [...der], Issuer: CERTS[1]!.subject },
        { Thumbprint: CERTS[0]!.sha1, Subject: CERTS[0]!.subject },
      ],
      null,
      4,
    );
    const r = importBytes(encode(crlf(json), 'utf16le-bom'), 'root.json');
    expect(r.kind).toBe('cert-json');
    const [a, b] = r.facts.rootStore as { thumbprint: string; pem?: string }[];
    expect(a!.thumbprint).toBe(ACS);
    expect(new X509Certificate(a!.pem!).fingerprint.replace(/:/g, '')).toBe(ACS);
    expect(b).toEqual({ thumbprint: CERTS[0]!.sha1, subject: CERTS[0]!.subject });
  });
  it('a single object (store of one certificate) is accepted', () => {
    const r = importBytes(encode(JSON.stringify({ Thumbprint: ACS, Subject: 'x' }), 'utf8'), 'one.json');
    expect(r.facts.rootStore).toEqual([{ thumbprint: ACS, subject: 'x' }]);
  });
  it('truncated JSON is an error naming the file and line', () => {
    const text = crlf(JSON.stringify([{ Thumbprint: ACS, Subject: 'x' }], null, 2)).slice(0, -6);
    expect(() => importBytes(encode(text, 'utf8'), 't.json')).toThrow(/^t\.json:\d+: certificate JSON: /);
  });
  it('a bad Thumbprint is an error naming the item', () => {
    expect(() => importBytes(encode('[{"Thumbprint":"xyz"}]', 'utf8'), 'b.json')).toThrow(/item \[0\]\.Thumbprint/);
  });
});
