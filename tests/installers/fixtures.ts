/** Machines and readiness states the installer tests run against (built by hand, as the readiness model would). */
import type { MachineProfile } from '../../src/endpoint/profile';
import type { Readiness } from '../../src/endpoint/types';
import type { SimulateInput } from '../../src/installers/types';

export const AT = new Date('2026-11-26T09:00:00.000Z');

export function profile(name = 'PC01', role: 'endpoint' | 'server' = 'endpoint'): MachineProfile {
  return { name, role, os: { version: '10.0.19044', ubr: 1000 }, hotfixes: [], rootStore: [], rootAutoUpdate: false, online: false };
}

export function ready(name = 'PC01'): Readiness {
  return {
    name,
    role: 'endpoint',
    ready: true,
    os: { supported: true, line: 'Windows 10 22H2' },
    root: { trusted: true, via: 'store' },
    reasons: [],
    remediation: [],
  };
}

export function osPatchMissing(name = 'PC01'): Readiness {
  return {
    name,
    role: 'endpoint',
    ready: false,
    os: { supported: false, line: 'Windows 10 21H2', version: '10.0.19044', ubr: 1000, requiredKbs: ['KB5011487'] },
    root: { trusted: true, via: 'store' },
    reasons: [{ code: 'OS_PATCH_MISSING', message: 'Windows 10 21H2 below 19044.1586 and KB5011487 not installed', evidence: { build: 19044, ubr: 1000 } }],
    remediation: ['Install KB5011487 (or a later cumulative update) on Windows 10 21H2'],
  };
}

export function rootMissing(name = 'PC01'): Readiness {
  return {
    name,
    role: 'endpoint',
    ready: false,
    os: { supported: true, line: 'Windows 10 22H2' },
    root: { trusted: false, via: null },
    reasons: [{ code: 'ROOT_NOT_TRUSTED', message: 'root absent, automatic root update off' }],
    remediation: ['certutil -addstore Root microsoft-identity-verification-root-ca-2020.cer'],
  };
}

export function unknown(name = 'PC01'): Readiness {
  return {
    name,
    role: 'endpoint',
    ready: 'unknown',
    os: { supported: true, line: 'Windows 10 22H2' },
    root: { trusted: 'unknown', via: null },
    reasons: [{ code: 'FACT_UNKNOWN', message: 'root store not given', fact: 'rootStore' }],
    remediation: ['certutil -store Root > root-store.txt'],
  };
}

export function input(readiness: Readiness, over: Partial<SimulateInput> = {}): SimulateInput {
  return {
    machine: profile(readiness.name),
    readiness,
    artifact: { kind: 'declared', build: 12011 },
    at: AT,
    ...over,
  };
}
