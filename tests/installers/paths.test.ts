import { INSTALLER_MACHINES, UPDATE_MACHINES } from '../../src/installers/machines';
import { INSTALL_PATHS, isInstallPath } from '../../src/installers/paths';
import { simulate } from '../../src/index';
import { INSTALL_PATH_IDS } from '../../src/installers/types';
import { input, ready } from './fixtures';

describe('install paths', () => {
  it('gives every install path its metadata and exactly one machine', () => {
    for (const id of INSTALL_PATH_IDS) {
      expect(INSTALL_PATHS[id].id).toBe(id);
      const inInstallers = id in INSTALLER_MACHINES;
      const inUpdates = id in UPDATE_MACHINES;
      expect(inInstallers !== inUpdates).toBe(true);
      expect(INSTALL_PATHS[id].cyclic).toBe(inUpdates);
    }
    expect(Object.keys(INSTALL_PATHS).sort()).toEqual([...INSTALL_PATH_IDS].sort());
  });

  it("numbers the paths as the seed does (A1–A6, S1–S3)", () => {
    const labels = INSTALL_PATH_IDS.map((id) => INSTALL_PATHS[id].label).filter((l) => l !== '-' && l !== 'SEP');
    expect(labels).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'S1', 'S2', 'S3']);
  });

  it('refuses an unknown path name', async () => {
    expect(isInstallPath('msi')).toBe(true);
    expect(isInstallPath('toString')).toBe(false);
    await expect(simulate('nope' as never, input(ready()))).rejects.toThrow(/path: expected an install path id/);
    await expect(simulate('toString' as never, input(ready()))).rejects.toThrow(/path: expected an install path id/);
  });

  it('refuses a cycle count that is not a positive integer', async () => {
    await expect(simulate('agent-update', input(ready(), { cycles: 0 }))).rejects.toThrow(/cycles/);
  });
});
