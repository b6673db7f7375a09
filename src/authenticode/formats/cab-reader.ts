import { VerifyError } from '../errors';
import type { SignedContainer } from '../types';
export async function readCabContainer(path: string): Promise<SignedContainer> {
  throw new VerifyError('MALFORMED_CAB', `${path}: not read yet`);
}
