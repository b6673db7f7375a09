/**
 * Machine-profile builders that read like the facts an administrator knows:
 *
 *   windows10('21H2').ubr(1288).withoutAcsRoot()
 *   server2012R2().withRollup('KB5006714').withAcsRoot()
 *   windows11().withAcsRoot().named('PC-LAB-01')
 *
 * A builder states only the facts it is told: what it does not say stays unknown (undefined), exactly as
 * in a profile read from exports, so the readiness model answers 'unknown' where it should. Builders are
 * immutable: every method returns a new builder. `.build()` gives the canonical MachineProfile.
 */
import { ACS_ROOT_2020_SHA1 } from '../authenticode/trust/bundled-roots';
import { assessReadiness } from '../endpoint/readiness';
import type { MachineProfile, MachineProfileInput } from '../endpoint/profile';
import { parseProfile } from '../endpoint/parse-profile';
import type { Readiness, ReadinessOptions } from '../endpoint/types';
import { door } from '../api/doors';

type Os = NonNullable<MachineProfileInput['os']>;

/** An immutable machine-profile builder; see windows10(), server2012R2() and the other starting points. */
export class ProfileBuilder {
  /** Prefer the starting points: windows10(), server2012R2(), machine(), ... */
  constructor(private readonly facts: MachineProfileInput) {
    door('ProfileBuilder', facts);
  }

  private with(over: Partial<MachineProfileInput>, os?: Partial<Os>): ProfileBuilder {
    return new ProfileBuilder({ ...this.facts, ...over, ...(os ? { os: { ...this.facts.os, ...os } } : {}) });
  }

  /** The machine's name (default: derived from the Windows version, e.g. "WIN10-21H2"). */
  named(name: string): ProfileBuilder {
    door('ProfileBuilder.named', name);
    return this.with({ name });
  }

  /** The update build revision: the part after the build (19044.1288 -> `ubr(1288)`). */
  ubr(ubr: number): ProfileBuilder {
    door('ProfileBuilder.ubr', ubr);
    return this.with({}, { ubr });
  }

  /** Installed updates (adds to any already stated): `withUpdates('KB5011487')`. */
  withUpdates(...kbs: string[]): ProfileBuilder {
    door('ProfileBuilder.withUpdates', kbs);
    return this.with({ hotfixes: [...(this.facts.hotfixes ?? []), ...kbs] });
  }

  /** A monthly rollup installed (rollup-based lines such as 8.1 / 2012 R2 / 7 SP1 are judged by KB): same as withUpdates(kb). */
  withRollup(kb: string): ProfileBuilder {
    door('ProfileBuilder.withRollup', kb);
    return this.withUpdates(kb);
  }

  /** The list of installed updates is known and holds none (hotfixes: []). */
  withNoUpdates(): ProfileBuilder {
    return this.with({ hotfixes: [] });
  }

  /** The Microsoft Identity Verification Root CA 2020 is in the machine's Trusted Root store. */
  withAcsRoot(): ProfileBuilder {
    return this.with({ rootStore: [...(this.facts.rootStore ?? []), ACS_ROOT_2020_SHA1] });
  }

  /**
   * The ACS root is not in the Trusted Root store and the machine cannot fetch it (automatic root update off):
   * the seed's locked-down machine. Sets rootStore to [] and rootAutoUpdate to false; follow with
   * `.rootAutoUpdate(true).online(true)` for a machine that would fetch it.
   */
  withoutAcsRoot(): ProfileBuilder {
    return this.with({ rootStore: [], rootAutoUpdate: false });
  }

  /** Automatic root certificate update on (true) or off (DisableRootAutoUpdate = 1: false). */
  rootAutoUpdate(enabled: boolean): ProfileBuilder {
    door('ProfileBuilder.rootAutoUpdate', enabled);
    return this.with({ rootAutoUpdate: enabled });
  }

  /** Whether the machine reaches Windows Update / the certificate trust list download. */
  online(reachable: boolean): ProfileBuilder {
    door('ProfileBuilder.online', reachable);
    return this.with({ online: reachable });
  }

  /** The machine runs the Apex One management server (role "server"; default "endpoint": a security agent). */
  asApexOneServer(): ProfileBuilder {
    return this.with({ role: 'server' });
  }

  /** The canonical profile, defaults applied. @throws ProfileError when a stated fact is malformed (e.g. a KB id). */
  build(): MachineProfile {
    return parseProfile(this.facts);
  }

  /** The profile as written (only the facts stated), e.g. to save as a machine.json. */
  toInput(): MachineProfileInput {
    return structuredClone(this.facts);
  }

  /** assessReadiness(this.build(), options). */
  readiness(options: ReadinessOptions = {}): Readiness {
    door('ProfileBuilder.readiness', options);
    return assessReadiness(this.build(), options);
  }
}

/** A machine profile built from a profile written by hand or a builder (builders are built). */
export function profileOf(machine: ProfileBuilder | MachineProfileInput): MachineProfile {
  door('profileOf', machine);
  return machine instanceof ProfileBuilder ? machine.build() : parseProfile(machine);
}

function start(name: string, caption: string, version: string, productType: 'workstation' | 'server'): ProfileBuilder {
  return new ProfileBuilder({ name, os: { caption, version, productType } });
}

/** Windows 10 releases and their builds (the version in `winver` and `systeminfo`). */
export const WINDOWS_10_BUILDS = {
  '1507': 10240,
  '1511': 10586,
  '1607': 14393,
  '1703': 15063,
  '1709': 16299,
  '1803': 17134,
  '1809': 17763,
  '1903': 18362,
  '1909': 18363,
  '2004': 19041,
  '20H2': 19042,
  '21H1': 19043,
  '21H2': 19044,
  '22H2': 19045,
} as const;
/** A Windows 10 release name, e.g. '21H2'. */
export type Windows10Release = keyof typeof WINDOWS_10_BUILDS;

/** Windows 11 releases and their builds. */
export const WINDOWS_11_BUILDS = { '21H2': 22000, '22H2': 22621, '23H2': 22631, '24H2': 26100 } as const;
/** A Windows 11 release name, e.g. '23H2'. */
export type Windows11Release = keyof typeof WINDOWS_11_BUILDS;

/** Any machine, from the facts you have (e.g. `machine({ name: 'PC01', os: { version: '10.0.19044' } })`). */
export function machine(facts: MachineProfileInput): ProfileBuilder {
  door('machine', facts);
  return new ProfileBuilder(structuredClone(facts));
}

/** Windows 10 of the given release (version 10.0.<build>, a workstation). @throws RangeError for an unknown release */
export function windows10(release: Windows10Release): ProfileBuilder {
  door('windows10', release);
  const build = WINDOWS_10_BUILDS[release];
  if (build === undefined) throw new RangeError(`windows10: unknown release ${String(release)} (one of ${Object.keys(WINDOWS_10_BUILDS).join(', ')})`);
  return start(`WIN10-${release}`, 'Microsoft Windows 10 Pro', `10.0.${build}`, 'workstation');
}

/** Windows 11 of the given release (default '23H2'). @throws RangeError for an unknown release */
export function windows11(release: Windows11Release = '23H2'): ProfileBuilder {
  door('windows11', release);
  const build = WINDOWS_11_BUILDS[release];
  if (build === undefined) throw new RangeError(`windows11: unknown release ${String(release)} (one of ${Object.keys(WINDOWS_11_BUILDS).join(', ')})`);
  return start(`WIN11-${release}`, 'Microsoft Windows 11 Pro', `10.0.${build}`, 'workstation');
}

/** Windows 7 SP1 (6.1.7601; supported only with the ESU rollups KB5022661 lists). */
export function windows7(): ProfileBuilder {
  return start('WIN7-SP1', 'Microsoft Windows 7 Professional', '6.1.7601', 'workstation');
}

/** Windows 8.1 (6.3.9600; judged by its monthly rollups). */
export function windows81(): ProfileBuilder {
  return start('WIN81', 'Microsoft Windows 8.1 Pro', '6.3.9600', 'workstation');
}

/** Windows XP (5.1.2600: never gets ACS support). */
export function windowsXP(): ProfileBuilder {
  return start('WINXP', 'Microsoft Windows XP Professional', '5.1.2600', 'workstation');
}

/** Windows Server 2008 R2 SP1 (6.1.7601; ESU rollups). */
export function server2008R2(): ProfileBuilder {
  return start('SRV-2008R2', 'Microsoft Windows Server 2008 R2 Standard', '6.1.7601', 'server');
}

/** Windows Server 2012 (6.2.9200; monthly rollups). */
export function server2012(): ProfileBuilder {
  return start('SRV-2012', 'Microsoft Windows Server 2012 Standard', '6.2.9200', 'server');
}

/** Windows Server 2012 R2 (6.3.9600; monthly rollups). */
export function server2012R2(): ProfileBuilder {
  return start('SRV-2012R2', 'Microsoft Windows Server 2012 R2 Standard', '6.3.9600', 'server');
}

/** Windows Server 2016 (10.0.14393). */
export function server2016(): ProfileBuilder {
  return start('SRV-2016', 'Microsoft Windows Server 2016 Standard', '10.0.14393', 'server');
}

/** Windows Server 2019 (10.0.17763). */
export function server2019(): ProfileBuilder {
  return start('SRV-2019', 'Microsoft Windows Server 2019 Standard', '10.0.17763', 'server');
}

/** Windows Server 2022 (10.0.20348). */
export function server2022(): ProfileBuilder {
  return start('SRV-2022', 'Microsoft Windows Server 2022 Standard', '10.0.20348', 'server');
}
