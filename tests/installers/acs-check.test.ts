/** The one ACS check every path asks, with a counting verifier standing in for the real one. */
import type { VerificationResult } from '../../src/authenticode/types';
import { checkArtifact, declaredAcsSigned } from '../../src/installers/acs-check';
import { simulate } from '../../src/installers/simulate';
import type { AcsVerifier } from '../../src/installers/verifier';
import { AT, input, osPatchMissing, profile, ready, rootMissing, unknown } from './fixtures';

/**
 * `result`: what the verifier says under the machine's trust (the anchors machineTrustAnchors gives: none).
 * `underEveryRoot`: what it says when asked again under every root the run knows (a root-missing machine's
 * file is valid there; default: the same answer, i.e. the file's own failure).
 */
function spy(result: Partial<VerificationResult>, underEveryRoot?: Partial<VerificationResult>): AcsVerifier & { calls: number; anchorsCalls: number; lastAt?: Date } {
  const v = {
    calls: 0,
    anchorsCalls: 0,
    lastAt: undefined as Date | undefined,
    async verifyFile(file: string, options?: { at?: Date; trust?: unknown[] }) {
      v.calls++;
      v.lastAt = options?.at;
      const r = options?.trust?.length && underEveryRoot ? underEveryRoot : result;
      return { file, format: 'pe', verdict: 'valid', acs: true, failures: [], signatures: [], ...r } as VerificationResult;
    },
    machineTrustAnchors() {
      v.anchorsCalls++;
      return [];
    },
  };
  return v;
}

describe('ACS check', () => {
  it('counts a declared program as ACS-signed from build 12011 and from the March 2023 maintenance', () => {
    expect(declaredAcsSigned({ kind: 'declared', build: 12010 }).acs).toBe(false);
    expect(declaredAcsSigned({ kind: 'declared', build: 12011 }).acs).toBe(true);
    expect(declaredAcsSigned({ kind: 'declared', maintenance: '2023-02' }).acs).toBe(false);
    expect(declaredAcsSigned({ kind: 'declared', maintenance: '2023-03' }).acs).toBe(true);
    expect(declaredAcsSigned({ kind: 'declared', build: 12011, acsSigned: false }).acs).toBe(false);
    expect(declaredAcsSigned({ kind: 'declared' })).toEqual({ acs: true, assumed: true });
    expect(() => declaredAcsSigned({ kind: 'declared', maintenance: '2023-13' })).toThrow();
  });

  it('calls the verifier once per one-shot install decision, at the simulation time', async () => {
    const v = spy({});
    await simulate('packager-exe', input(ready(), { artifact: { kind: 'file', path: '/x.exe' } }), { verifier: v });
    expect(v.calls).toBe(1);
    expect(v.anchorsCalls).toBe(1);
    expect(v.lastAt).toEqual(AT);
  });

  it('calls the verifier once per machine state over update cycles, not once per cycle (twice when the machine lacks the root: once more under every known root)', async () => {
    const v = spy({ verdict: 'invalid', acs: true, failures: [{ code: 'UNTRUSTED_ROOT', message: 'x' }] }, {});
    const run = await simulate(
      'saas-agent-update',
      input(rootMissing(), { agent: { maintenance: '2022-12' }, artifact: { kind: 'file', path: '/x.exe' }, cycles: 4, changes: [{ fromCycle: 3, readiness: rootMissing() }] }),
      { verifier: v },
    );
    expect(run.downloads).toBe(4);
    expect(v.calls).toBe(4);
  });

  it('proceeds with a valid ACS file only when Windows supports ACS on the machine', async () => {
    const machine = profile();
    const held = await checkArtifact({ artifact: { kind: 'file', path: '/x' }, machine, readiness: ready(), at: AT }, spy({}));
    expect(held.holds).toBe(true);
    const notHeld = await checkArtifact({ artifact: { kind: 'file', path: '/x' }, machine, readiness: osPatchMissing(), at: AT }, spy({}));
    expect(notHeld.holds).toBe(false);
    expect(notHeld.reasons.map((r) => r.code)).toEqual(['OS_PATCH_MISSING']);
  });

  it('judges a validly signed file that is not ACS on its own chain, even on a machine without ACS support', async () => {
    const r = await checkArtifact({ artifact: { kind: 'file', path: '/x' }, machine: profile(), readiness: osPatchMissing(), at: AT }, spy({ acs: false }));
    expect(r.holds).toBe(true);
    expect(r.reasons.map((x) => x.code)).toEqual(['NOT_ACS_SIGNED']);
  });

  it("blocks a file whose own signature fails as INSTALLER_INVALID, with the verifier's failure codes as evidence", async () => {
    const r = await checkArtifact(
      { artifact: { kind: 'file', path: '/x' }, machine: profile(), readiness: ready(), at: AT },
      spy({ verdict: 'invalid', acs: false, failures: [{ code: 'DIGEST_MISMATCH', message: 'x' }] }),
    );
    expect(r.holds).toBe(false);
    expect(r.installerInvalid).toBe(true);
    expect(r.reasons).toEqual([
      expect.objectContaining({ code: 'INSTALLER_INVALID', evidence: { verdict: 'invalid', codes: ['DIGEST_MISMATCH'], machineVerdict: 'invalid', machineCodes: ['DIGEST_MISMATCH'] } }),
    ]);
    expect(r.remediation.join(' ')).toMatch(/Obtain the installer again.*--trust/);
  });

  it('tells the machine lacking the root apart from the file failing: SIGNATURE_NOT_VALID with the readiness reasons when the file is valid under every known root', async () => {
    const v = spy({ verdict: 'invalid', acs: false, failures: [{ code: 'UNTRUSTED_ROOT', message: 'x' }] }, {});
    const r = await checkArtifact({ artifact: { kind: 'file', path: '/x' }, machine: profile(), readiness: rootMissing(), at: AT }, v);
    expect(r.installerInvalid).toBeFalsy();
    expect(r.reasons.map((x) => x.code)).toEqual(['SIGNATURE_NOT_VALID', 'ROOT_NOT_TRUSTED']);
    expect(v.calls).toBe(2);
  });

  it('blocks a file whose own signature fails without any popup or event on every path, ready machine or not, and never as unknown', async () => {
    const bad = { verdict: 'invalid' as const, acs: false, failures: [{ code: 'UNTRUSTED_ROOT' as const, message: 'x' }] };
    for (const readiness of [ready(), rootMissing(), unknown()]) {
      for (const path of ['autopcc', 'msi', 'packager-exe', 'saas-web-installer', 'server-patch', 'remote-install', 'saas-msi'] as const) {
        const run = await simulate(path, input(readiness, { artifact: { kind: 'file', path: '/x.exe' } }), { verifier: spy(bad) });
        expect({ path, decision: run.decision, popups: run.popups, events: run.events }).toEqual({ path, decision: 'blocked', popups: [], events: [] });
        expect(run.reasons.map((x) => x.code)).toEqual(['INSTALLER_INVALID']);
        expect(run.installerInvalid).toEqual({ verdict: 'invalid', failures: ['UNTRUSTED_ROOT'] });
      }
      const upd = await simulate('agent-update', input(readiness, { agent: { build: 12011 }, artifact: { kind: 'file', path: '/x.exe' }, cycles: 2 }), { verifier: spy(bad) });
      expect(upd.decision).toBe('blocked');
      expect(upd.events).toEqual([]);
      expect(upd.cycles!.map((c) => c.outcome)).toEqual(['blocked', 'blocked']);
      expect(upd.reasons.map((x) => x.code)).toEqual(['INSTALLER_INVALID']);
    }
  });

  it('treats an unknown readiness as not met and marks the outcome uncertain', async () => {
    const r = await checkArtifact({ artifact: { kind: 'declared', build: 12011 }, machine: profile(), readiness: unknown(), at: AT });
    expect(r).toMatchObject({ holds: false, uncertain: true });
    expect(r.warnings.join(' ')).toMatch(/worst case/);
  });

  it('never calls the verifier for a declared artifact', async () => {
    const v = spy({});
    await simulate('msi', input(osPatchMissing()), { verifier: v });
    expect(v.calls).toBe(0);
  });

  it('rejects simulate() with the check\'s own error, never a decision, when the verifier throws (one-shot and update paths)', async () => {
    const boom = new Error('trust certificate unreadable');
    const throwing: AcsVerifier = {
      async verifyFile() {
        throw boom;
      },
      machineTrustAnchors: () => [],
    };
    const file = { artifact: { kind: 'file' as const, path: '/x.exe' } };
    await expect(simulate('autopcc', input(ready(), file), { verifier: throwing })).rejects.toBe(boom);
    await expect(simulate('agent-update', input(ready(), { ...file, agent: { build: 12011 }, cycles: 3 }), { verifier: throwing })).rejects.toBe(boom);
    // a declared maintenance month that is not YYYY-MM is the check's error too
    await expect(simulate('saas-msi', input(ready(), { artifact: { kind: 'declared', maintenance: '2023-3' } }))).rejects.toThrow(/maintenance must be YYYY-MM/);
  });

  it("is asked by the machine from its checking state: the trace shows the check's answer as ACS_CHECKED", async () => {
    const v = spy({ verdict: 'invalid', acs: true, failures: [{ code: 'UNTRUSTED_ROOT', message: 'x' }] }, {});
    const run = await simulate('agent-update', input(rootMissing(), { agent: { build: 12011 }, artifact: { kind: 'file', path: '/x.exe' }, cycles: 2 }), { verifier: v });
    expect(run.transitions.filter((t) => t.event === 'ACS_CHECKED')).toEqual([{ from: 'checkingSignature', event: 'ACS_CHECKED', to: 'loggingEvent900' }]);
    expect(run.cycles!.map((c) => c.outcome)).toEqual(['blocked', 'periodic-check-only']);
    // under the machine's trust, then under every known root (valid there: the machine lacks the root)
    expect(v.calls).toBe(2);
  });
});
