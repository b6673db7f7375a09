import { MachineProfileSchema } from '../src/endpoint/profile';
import { FAILURE_CODES } from '../src/authenticode/types';

describe('foundation', () => {
  it('parses a minimal machine profile and keeps unknown facts unknown', () => {
    const p = MachineProfileSchema.parse({ name: 'pc1' });
    expect(p.role).toBe('endpoint');
    expect(p.hotfixes).toBeUndefined();
    expect(p.rootAutoUpdate).toBeUndefined();
  });
  it('has a closed set of failure codes without duplicates', () => {
    expect(new Set(FAILURE_CODES).size).toBe(FAILURE_CODES.length);
  });
});
