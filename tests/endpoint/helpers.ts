import { MachineProfileSchema, type MachineProfileInput } from '../../src/endpoint/profile';
import { assessReadiness } from '../../src/endpoint/readiness';

export const ACS_SHA1 = 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2';

export function profile(p: Partial<MachineProfileInput> & { os?: MachineProfileInput['os'] }) {
  return MachineProfileSchema.parse({ name: 'pc', ...p });
}

export function assess(p: Partial<MachineProfileInput>) {
  return assessReadiness(profile(p));
}

/** a machine whose root side is settled (root in store), so `ready` follows the OS verdict */
export function osOnly(os: NonNullable<MachineProfileInput['os']>, hotfixes?: string[]) {
  return assess({ os, ...(hotfixes ? { hotfixes } : {}), rootStore: [ACS_SHA1] });
}
