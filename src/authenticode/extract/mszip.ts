/**
 * MSZIP ([MS-MCI] 2.1, [MS-CAB] 2.4): each CFDATA block is "CK" followed by a raw deflate stream (RFC 1951)
 * of at most 32 KiB of output, whose matches may reach into the previous block's output: the 32 KiB history
 * is carried from block to block as the inflater's preset dictionary (node:zlib raw inflate).
 */
import { constants, inflateRawSync } from 'node:zlib';

export class MszipError extends Error {
  constructor(message: string) {
    super(`MSZIP: ${message}`);
    this.name = 'MszipError';
  }
}

export const MSZIP_BLOCK = 32768;

export class MszipDecoder {
  /** the last 32 KiB of output (the next block's history) */
  private history: Buffer = Buffer.alloc(0);

  /** Inflates one block to exactly `outLen` bytes. */
  decodeBlock(input: Uint8Array, outLen: number): Buffer {
    if (outLen > MSZIP_BLOCK) throw new MszipError(`a block of ${outLen} bytes (at most ${MSZIP_BLOCK})`);
    if (input.length < 2 || input[0] !== 0x43 || input[1] !== 0x4b) throw new MszipError('a data block without the "CK" signature');
    let out: Buffer;
    try {
      out = inflateRawSync(input.subarray(2), {
        ...(this.history.length > 0 ? { dictionary: this.history } : {}),
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: MSZIP_BLOCK,
      });
    } catch (e) {
      throw new MszipError(`the deflate data does not inflate: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (out.length !== outLen) throw new MszipError(`a block inflates to ${out.length} bytes, its header says ${outLen}`);
    this.history = out.length >= MSZIP_BLOCK ? out : Buffer.concat([this.history, out]).subarray(-MSZIP_BLOCK);
    return out;
  }
}
