import { buildPe, MACHINE, SUBSYSTEM } from '../../helpers/pe-writer';
import { signPe } from '../../helpers/sign-pe';
import { codes, verifyBytes } from './fixtures';

describe('a PE signed by the test PKI verifies valid and ACS whatever its machine type and optional header', () => {
  const cases = [
    { name: 'PE32 x86', spec: { machine: 'x86' as const } },
    { name: 'PE32+ x64', spec: { machine: 'x64' as const } },
    { name: 'PE32+ ARM64', spec: { machine: 'arm64' as const } },
    { name: 'PE32 ARM (Thumb-2)', spec: { machine: 'arm' as const } },
    { name: 'PE32+ x64 EFI application', spec: { machine: 'x64' as const, subsystem: 'efiApplication' as const } },
    { name: 'PE32 EFI byte code boot driver', spec: { machine: 'ebc' as const, subsystem: SUBSYSTEM.efiBootDriver } },
    { name: 'PE32+ with 6 data directories', spec: { machine: 'x64' as const, numberOfRvaAndSizes: 6 } },
    { name: 'PE32+ with an overlay of odd length before the table', spec: { machine: 'x64' as const, overlay: Buffer.from('payload!!') } },
  ];
  it.each(cases)('$name', async ({ spec }) => {
    const signed = await signPe(buildPe(spec));
    const r = await verifyBytes(signed);
    expect(r.format).toBe('pe');
    expect(codes(r)).toEqual([]);
    expect(r.verdict).toBe('valid');
    expect(r.acs).toBe(true);
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]).toMatchObject({ digestAlgorithm: 'sha256', digestMatches: true, valid: true, acs: true });
  });

  it('reads the machine type without judging it (ARM64 value 0xAA64 is carried through)', () => {
    const pe = buildPe({ machine: 'arm64' });
    expect(pe.readUInt16LE(pe.readUInt32LE(0x3c) + 4)).toBe(MACHINE.arm64);
  });
});
