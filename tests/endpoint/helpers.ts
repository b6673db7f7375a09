import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

/** A fresh temporary folder for each test (removed after it), and a writer of files under it (parent folders made). */
export function tempFolderPerTest(prefix: string): { dir: () => string; file: (name: string, data: string | Buffer) => string } {
  let tmp = '';
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));
  return {
    dir: () => tmp,
    file: (name, data) => {
      const f = path.join(tmp, name);
      mkdirSync(path.dirname(f), { recursive: true });
      writeFileSync(f, data);
      return f;
    },
  };
}
