import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import * as path from 'node:path';
import { assessReadiness } from '../../src/endpoint/readiness';
import { machineTrustAnchors } from '../../src/endpoint/trust';
import { ACS_SHA1, profile } from './helpers';

const cert = (f: string) => new X509Certificate(readFileSync(path.join(__dirname, '../../certs', f)));
const ROOT = cert('microsoft-identity-verification-root-ca-2020.cer');
const OTHER = cert('microsoft-id-verified-code-signing-pca-2021.cer');
const tp = (c: X509Certificate) => c.fingerprint.replace(/:/g, '');
const anchors = (p: ReturnType<typeof profile>, known: X509Certificate[], opt?: { autoUpdateRoots?: X509Certificate[] }) =>
  machineTrustAnchors(p, assessReadiness(p), known, opt).map(tp);

describe('machineTrustAnchors', () => {
  it('a known certificate whose thumbprint is in the store is an anchor; one not in the store is not', () => {
    const p = profile({ rootStore: [ACS_SHA1], rootAutoUpdate: false });
    expect(anchors(p, [ROOT, OTHER])).toEqual([ACS_SHA1]);
  });
  it('PEM certificates in the store are anchors by themselves', () => {
    const p = profile({ rootStore: [{ pem: OTHER.toString() }], rootAutoUpdate: false });
    expect(anchors(p, [])).toEqual([tp(OTHER)]);
  });
  it('auto-update on and online: the bundled ACS root is added by default', () => {
    const p = profile({ rootStore: [], rootAutoUpdate: true, online: true });
    expect(anchors(p, [])).toEqual([ACS_SHA1]);
  });
  it('auto-update on and online: autoUpdateRoots replaces the default CTL set (e.g. a test root)', () => {
    const p = profile({ rootStore: [], rootAutoUpdate: true, online: true });
    expect(anchors(p, [], { autoUpdateRoots: [OTHER] })).toEqual([tp(OTHER)]);
  });
  it('auto-update off, offline, or unknown: no auto-update anchors (unknown never adds trust)', () => {
    expect(anchors(profile({ rootStore: [], rootAutoUpdate: false, online: true }), [ROOT])).toEqual([]);
    expect(anchors(profile({ rootStore: [], rootAutoUpdate: true, online: false }), [ROOT])).toEqual([]);
    expect(anchors(profile({ rootAutoUpdate: true }), [ROOT])).toEqual([]);
  });
  it('duplicates (store PEM + known + auto-update) collapse to one anchor', () => {
    const p = profile({ rootStore: [{ pem: ROOT.toString() }, ACS_SHA1], rootAutoUpdate: true, online: true });
    expect(anchors(p, [ROOT])).toEqual([ACS_SHA1]);
  });
});
