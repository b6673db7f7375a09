/**
 * `simulate --file` takes the program's Apex One build from the installer's version resource when neither
 * --build nor --maintenance is given, says which source it used (human and JSON), and an explicit flag wins.
 */
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apexOneBuildFromVersion, buildFromVersionInfo, programBuildOf } from '../../src/installers/program-build';
import { checkArtifact } from '../../src/installers/acs-check';
import type { VerificationResult } from '../../src/authenticode/types';
import { buildPe, type VersionResourceSpec } from '../helpers/pe-writer';
import { createTestPki } from '../helpers/pki';
import { signPe } from '../helpers/sign-pe';
import { ready, profile, AT as RUN_AT } from '../installers/fixtures';
import { AT, AUTOPCC, profileFile, READY_W11, run, SAMPLE_MSI, tmpDir } from './helpers';

const VERSION_12011: VersionResourceSpec = {
  fileVersion: [14, 0, 0, 12011],
  strings: [
    ['CompanyName', 'Example Vendor'],
    ['FileDescription', 'Security Agent installer (test image)'],
    ['FileVersion', '14.0.0.12011'],
    ['ProductName', 'Apex One Security Agent (test image)'],
    ['ProductVersion', '14.0.12011'],
  ],
};

describe('the program build of a real installer', () => {
  const pki = createTestPki();
  const rootPem = path.join(tmpDir(), 'test-root.pem');
  const tsaPem = path.join(tmpDir(), 'test-tsa-root.pem');
  let signed = '';
  let machine = '';

  beforeAll(async () => {
    fs.writeFileSync(rootPem, pki.root.pem);
    fs.writeFileSync(tsaPem, pki.tsaRoot.pem);
    signed = path.join(tmpDir(), 'AutoPcc.exe');
    fs.writeFileSync(signed, await signPe(buildPe({ machine: 'x86', subsystem: 'gui', versionInfo: VERSION_12011 })));
    const thumb = (pem: string): string => new X509Certificate(pem).fingerprint.replace(/:/g, '');
    machine = profileFile({ ...READY_W11, name: 'PC-LAB', rootStore: [...READY_W11.rootStore, thumb(pki.root.pem), thumb(pki.tsaRoot.pem)] });
  });

  it('maps Apex One versions to builds, and nothing else', () => {
    expect(apexOneBuildFromVersion('14.0.0.12011')).toBe(12011);
    expect(apexOneBuildFromVersion('14.0.12011')).toBe(12011);
    expect(apexOneBuildFromVersion(' 14.0.0.11092 (SP1)')).toBe(11092);
    expect(apexOneBuildFromVersion('0.21.1.0')).toBeNull(); // another product
    expect(apexOneBuildFromVersion('12.0.0.1234')).toBeNull(); // OfficeScan XG
    expect(apexOneBuildFromVersion('14.0.0.12011.5')).toBeNull();
    expect(apexOneBuildFromVersion('14.0.0.0')).toBeNull();
    expect(apexOneBuildFromVersion('14.0.0.9999999')).toBeNull();
    expect(apexOneBuildFromVersion('')).toBeNull();
    const fromProduct = buildFromVersionInfo({ ProductVersion: '14.0.12011', otherStrings: [], fixedFileVersion: null, fixedProductVersion: null, stringTable: null });
    expect(fromProduct).toMatchObject({ build: 12011, source: 'version-resource', detail: 'ProductVersion 14.0.12011 in the version resource' });
  });

  it('reads the build from the version resource; a flag wins; a file without one, or an MSI, says why not', async () => {
    expect(await programBuildOf(signed)).toMatchObject({ build: 12011, source: 'version-resource', detail: 'FileVersion 14.0.0.12011 in the version resource' });
    expect(await programBuildOf(signed, { build: 11092 })).toMatchObject({ build: 11092, source: 'flag', detail: '--build' });
    expect(await programBuildOf(signed, { maintenance: '2023-03' })).toMatchObject({ build: null, maintenance: '2023-03', source: 'flag', detail: '--maintenance' });
    expect(await programBuildOf(AUTOPCC)).toMatchObject({ build: null, source: 'none', detail: 'no version resource (the file has no resources)' });
    expect((await programBuildOf(SAMPLE_MSI)).detail).toMatch(/^an MSI keeps its version in the Property table/);
    expect((await programBuildOf(SAMPLE_MSI)).detailJa).toBe('MSI のバージョンは Property テーブルにあり、読み取りません。--build で指定してください');
  });

  it('says in the human output which source the build came from', async () => {
    const r = await run(['simulate', 'autopcc', '--machine', machine, '--file', signed, '--trust', rootPem, '--trust', tsaPem, '--acs-root', rootPem, '--at', AT, '--lang', 'en']);
    expect(r.err).toBe('');
    expect(r.out.split('\n').slice(0, 2)).toEqual([
      'Install path: autopcc (A2)',
      'Program: build 12011 (from FileVersion 14.0.0.12011 in the version resource)',
    ]);
    expect(r.out).toContain('Decision: ALLOWED');
    const ja = await run(['simulate', 'autopcc', '--machine', machine, '--file', signed, '--trust', rootPem, '--trust', tsaPem, '--acs-root', rootPem, '--at', AT, '--lang', 'ja']);
    // issue 18.5: no English in the Japanese view (ProgramBuild.detailJa)
    expect(ja.out).toContain('プログラム: ビルド 12011 (バージョン情報の FileVersion 14.0.0.12011)');
  });

  it('carries the build and its source in the JSON output; an explicit --build wins over the file', async () => {
    const fromFile = await run(['simulate', 'autopcc', '--machine', machine, '--file', signed, '--trust', rootPem, '--trust', tsaPem, '--acs-root', rootPem, '--json', '--at', AT]);
    expect(JSON.parse(fromFile.out)).toMatchObject({
      decision: 'allowed',
      program: { build: 12011, source: 'version-resource' },
      verification: { verdict: 'valid', acs: true, versionInfo: { FileVersion: '14.0.0.12011' } },
    });
    const flag = await run(['simulate', 'autopcc', '--machine', machine, '--file', signed, '--build', '12500', '--trust', rootPem, '--trust', tsaPem, '--acs-root', rootPem, '--json', '--at', AT]);
    expect(flag.code).toBe(0);
    expect(JSON.parse(flag.out).program).toMatchObject({ build: 12500, source: 'flag', detail: '--build' });
    const none = await run(['simulate', 'autopcc', '--machine', machine, '--file', AUTOPCC, '--json', '--at', AT]);
    expect(JSON.parse(none.out).program).toMatchObject({ build: null, source: 'none', detail: 'no version resource (the file has no resources)' });
  });

  it('warns when a program whose build says "ACS-signed" carries a valid signature that is not ACS', async () => {
    const notAcs = {
      async verifyFile(file: string) {
        return { file, format: 'pe', verdict: 'valid', acs: false, failures: [], signatures: [] } as VerificationResult;
      },
      machineTrustAnchors: () => [],
    };
    const input = { machine: profile(), readiness: ready(), at: RUN_AT };
    const claimed = await checkArtifact({ ...input, artifact: { kind: 'file', path: '/x.exe', build: 12011 } }, notAcs);
    expect(claimed.holds).toBe(true);
    expect(claimed.warnings).toEqual([
      'The file says it is build 12011, and such programs are ACS-signed, but its valid signature is not ACS: it is not the program as released (re-signed or rebuilt); the run judges the signature it carries.',
    ]);
    const old = await checkArtifact({ ...input, artifact: { kind: 'file', path: '/x.exe', build: 11092 } }, notAcs);
    expect(old.warnings).toEqual([]);
  });
});
