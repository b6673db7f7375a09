/**
 * What the loader reads from a PE's headers for the deep verification: the machine (COFF Machine) and
 * FORCE_INTEGRITY (optional header DllCharacteristics 0x0080, set by /INTEGRITYCHECK: the loader refuses the
 * image when its signature cannot be checked). Offsets: PE/COFF specification, e_lfanew at 0x3C, "PE\0\0",
 * Machine at +4, the optional header at +24, DllCharacteristics at +70 of it (PE32 and PE32+ alike).
 */
import { open } from 'node:fs/promises';

export const IMAGE_DLLCHARACTERISTICS_FORCE_INTEGRITY = 0x0080;

const MACHINES: ReadonlyMap<number, string> = new Map([
  [0x014c, 'x86'],
  [0x8664, 'x64'],
  [0xaa64, 'arm64'],
  [0x01c4, 'arm'],
  [0x0200, 'ia64'],
  [0x0ebc, 'ebc'],
]);

export interface PeTraits {
  machine: string;
  forceIntegrity: boolean;
}

/** The traits of a PE file, or null when its headers cannot be read (the verifier's verdict says why). */
export async function readPeTraits(path: string): Promise<PeTraits | null> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return peTraitsOf(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

export function peTraitsOf(head: Buffer): PeTraits | null {
  if (head.length < 0x40 || head.readUInt16LE(0) !== 0x5a4d) return null;
  const pe = head.readUInt32LE(0x3c);
  if (pe + 24 + 72 > head.length || head.readUInt32LE(pe) !== 0x00004550) return null;
  const machine = head.readUInt16LE(pe + 4);
  const dllCharacteristics = head.readUInt16LE(pe + 24 + 70);
  return {
    machine: MACHINES.get(machine) ?? `0x${machine.toString(16).padStart(4, '0')}`,
    forceIntegrity: (dllCharacteristics & IMAGE_DLLCHARACTERISTICS_FORCE_INTEGRITY) !== 0,
  };
}
