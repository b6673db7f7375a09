/**
 * Bounds-checked little-endian reads over a window of a file held in memory.
 *
 * A ByteReader wraps bytes that were read from `base` in a file; every read takes a FILE offset, checks it
 * against the window and throws VerifyError (default TRUNCATED_FILE) naming the offset when it falls outside.
 * It respects the view's byteOffset (a Buffer from a pool or a subarray is read where it is, never past it).
 */
import { VerifyError } from '../errors';
import type { FailureCode } from '../types';

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

export class ByteReader {
  private readonly view: DataView;
  /** file offset of bytes[0] */
  readonly base: number;
  readonly length: number;
  private readonly outOfRange: FailureCode;
  private readonly what: string;

  constructor(
    private readonly bytes: Uint8Array,
    opts: { base?: number; outOfRange?: 'TRUNCATED_FILE' | 'MALFORMED_PE'; what?: string } = {},
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.base = opts.base ?? 0;
    this.length = bytes.byteLength;
    this.outOfRange = opts.outOfRange ?? 'TRUNCATED_FILE';
    this.what = opts.what ?? 'file';
  }

  /** file offset just past the window */
  get end(): number {
    return this.base + this.length;
  }

  /** true when [offset, offset + size) lies inside the window */
  has(offset: number, size: number): boolean {
    return (
      Number.isSafeInteger(offset) &&
      Number.isSafeInteger(size) &&
      size >= 0 &&
      offset >= this.base &&
      offset + size <= this.end
    );
  }

  /** throws unless [offset, offset + size) lies inside the window; `field` names what was being read */
  check(offset: number, size: number, field: string): void {
    if (!this.has(offset, size)) {
      throw new VerifyError(
        this.outOfRange,
        `${field}: ${size} byte(s) at file offset ${hex(offset)} run past the ${this.what} ` +
          `(${hex(this.base)}..${hex(this.end)})`,
      );
    }
  }

  u8(offset: number, field = 'byte'): number {
    this.check(offset, 1, field);
    return this.view.getUint8(offset - this.base);
  }

  u16(offset: number, field = 'u16'): number {
    this.check(offset, 2, field);
    return this.view.getUint16(offset - this.base, true);
  }

  u32(offset: number, field = 'u32'): number {
    this.check(offset, 4, field);
    return this.view.getUint32(offset - this.base, true);
  }

  /** a view (no copy) of [offset, offset + size) */
  slice(offset: number, size: number, field = 'bytes'): Uint8Array {
    this.check(offset, size, field);
    const start = offset - this.base;
    return this.bytes.subarray(start, start + size);
  }
}
