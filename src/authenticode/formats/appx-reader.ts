import { VerifyError } from '../errors';
import type { SignedContainer } from '../types';
export async function readAppxContainer(path: string): Promise<SignedContainer> {
  throw new VerifyError('MALFORMED_APPX', `${path}: not read yet`);
}
