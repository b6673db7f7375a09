/**
 * Signed scripts (PowerShell .ps1 .psm1 .psd1, XML .ps1xml .psc1 .cdxml, MOF .mof): the signature is a
 * comment block at the end of the file, the base64 of the PKCS#7 ContentInfo, one comment per line:
 *
 *   <content>\r\n# SIG # Begin signature block\r\n# MIIF…\r\n# …\r\n# SIG # End signature block\r\n
 *
 * (XML: "<!-- SIG # Begin signature block -->", "<!-- MIIF… -->"; MOF: "/* SIG # Begin signature block *\/").
 * The comment style follows the extension (detect.ts SCRIPT_EXTENSIONS), as Windows picks the SIP.
 *
 * What is hashed (the PowerShell SIP's digest, the SpcIndirectDataContent of an SpcSipInfo with the
 * PowerShell SIP GUID): the text before the line break that precedes the header line, as UTF-16LE. A UTF-16LE
 * file (BOM FF FE) is hashed as its bytes, BOM included; a UTF-8 file (with or without BOM) is decoded and
 * re-encoded as UTF-16LE, a UTF-8 BOM becoming U+FEFF. Source: osslsigncode's script support (read to
 * learn the layout; its output is the reference of the differential tests) and files signed by
 * Set-AuthenticodeSignature, which have the same shape.
 *
 * Rules (this reader's, stricter than a comment scanner on purpose): the first line that is exactly the
 * header comment starts the block; every following line up to the footer must be exactly one comment holding
 * base64 only; after the footer only one line break may follow. A block line holding anything else would be
 * code the signature does not cover (PowerShell runs it), so the file is MALFORMED_SCRIPT; bytes after the
 * footer are TRAILING_DATA (invalid); a header without footer is MALFORMED_SCRIPT.
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { VerifyError } from '../errors';
import { readWholeFile } from './catalog';
import { SCRIPT_EXTENSIONS } from './detect';
import { checkAlgorithm } from './file-hash';
import type { DigestAlgorithm, DigestSource, Failure, SignedContainer } from '../types';

/** Scripts larger than this are refused (read whole: the hash needs the text re-encoded). */
export const MAX_SCRIPT_SIZE = 64 * 1024 * 1024;

export type CommentStyle = 'hash' | 'xml' | 'c';

const COMMENTS: Record<CommentStyle, { open: string; close: string }> = {
  hash: { open: '# ', close: '' },
  xml: { open: '<!-- ', close: ' -->' },
  c: { open: '/* ', close: ' */' },
};
const HEADER = 'SIG # Begin signature block';
const FOOTER = 'SIG # End signature block';
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;

export interface ScriptParts {
  encoding: 'utf-8' | 'utf-16le';
  /** the bytes the SIP hashes (UTF-16LE) */
  hashed: Buffer;
  /** the PKCS#7 blob, or null for an unsigned script */
  signature: Uint8Array | null;
  failures: Failure[];
}

export function commentStyleFor(name: string): CommentStyle | undefined {
  return SCRIPT_EXTENSIONS.get(extname(name).toLowerCase());
}

export async function readScriptContainer(path: string): Promise<SignedContainer> {
  const style = commentStyleFor(path);
  if (!style) throw new VerifyError('UNKNOWN_FORMAT', `${path}: not a script extension (${[...SCRIPT_EXTENSIONS.keys()].join(' ')})`);
  const bytes = await readWholeFile(path, MAX_SCRIPT_SIZE, 'MALFORMED_SCRIPT', 'script');
  return scriptContainerOf(bytes, style);
}

export function scriptContainerOf(bytes: Buffer, style: CommentStyle): SignedContainer {
  const parts = parseScript(bytes, style);
  return {
    format: 'script',
    signatures: parts.signature ? [parts.signature] : [],
    digestSource: new InMemoryDigestSource(parts.hashed),
    failures: parts.failures,
  };
}

/** A digest over bytes already in memory, memoised per algorithm. */
export class InMemoryDigestSource implements DigestSource {
  private readonly memo = new Map<DigestAlgorithm, Buffer>();
  constructor(private readonly data: Buffer | (() => Buffer[])) {}
  async digest(algorithm: DigestAlgorithm): Promise<Buffer> {
    checkAlgorithm(algorithm);
    let d = this.memo.get(algorithm);
    if (!d) {
      const h = createHash(algorithm);
      for (const part of Buffer.isBuffer(this.data) ? [this.data] : this.data()) h.update(part);
      d = h.digest();
      this.memo.set(algorithm, d);
    }
    return d;
  }
}

interface Line {
  /** text of the line without its line break */
  text: string;
  /** index of the line's first character */
  start: number;
  /** index after its line break ("\n" or "\r\n"); text.length at the end */
  next: number;
}

function* linesOf(text: string): Generator<Line> {
  let start = 0;
  while (start < text.length) {
    const lf = text.indexOf('\n', start);
    const end = lf < 0 ? text.length : lf;
    const body = end > start && text[end - 1] === '\r' ? text.slice(start, end - 1) : text.slice(start, end);
    yield { text: body, start, next: lf < 0 ? text.length : lf + 1 };
    start = lf < 0 ? text.length : lf + 1;
  }
}

function decode(bytes: Buffer): { text: string; encoding: ScriptParts['encoding'] } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: bytes.subarray(0, bytes.length & ~1).toString('utf16le'), encoding: 'utf-16le' };
  }
  // ignoreBOM: a UTF-8 BOM stays in the text as U+FEFF (hashed as FF FE)
  return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
}

/** Splits a script into the hashed text and the signature block (see the rules above). */
export function parseScript(bytes: Buffer, style: CommentStyle): ScriptParts {
  const { text, encoding } = decode(bytes);
  if (encoding === 'utf-16le' && bytes.length % 2 === 1) {
    throw new VerifyError('MALFORMED_SCRIPT', 'a UTF-16LE script with an odd number of bytes');
  }
  const { open, close } = COMMENTS[style];
  const comment = (s: string): string => `${open}${s}${close}`;
  const header = comment(HEADER);
  const footer = comment(FOOTER);
  const hashedOf = (end: number): Buffer => (encoding === 'utf-16le' ? bytes.subarray(0, end * 2) : Buffer.from(text.slice(0, end), 'utf16le'));

  // one generator walked by both loops (a for…of that breaks would close it, hence the explicit next())
  const lines = linesOf(text);
  const nextLine = (): Line | undefined => {
    const r = lines.next();
    return r.done ? undefined : r.value;
  };
  let headerLine: Line | undefined;
  for (let line = nextLine(); line; line = nextLine()) {
    if (line.text === header && line.start > 0) {
      headerLine = line;
      break;
    }
  }
  if (!headerLine) return { encoding, hashed: hashedOf(text.length), signature: null, failures: [] };

  // the content ends before the line break that precedes the header line
  let contentEnd = headerLine.start - 1;
  if (contentEnd > 0 && text[contentEnd - 1] === '\r') contentEnd--;

  const base64: string[] = [];
  let footerLine: Line | undefined;
  for (let line = nextLine(); line; line = nextLine()) {
    if (line.text === footer) {
      footerLine = line;
      break;
    }
    const inner = line.text.startsWith(open) && line.text.endsWith(close) ? line.text.slice(open.length, line.text.length - close.length) : null;
    if (inner === null || !BASE64_LINE.test(inner)) {
      throw new VerifyError(
        'MALFORMED_SCRIPT',
        `line at character ${line.start} inside the signature block is not a "${comment('<base64>')}" comment; text there would not be covered by the signature`,
      );
    }
    base64.push(inner);
  }
  if (!footerLine) throw new VerifyError('MALFORMED_SCRIPT', `the signature block has no "${footer}" line`);

  const failures: Failure[] = [];
  const rest = text.slice(footerLine.next);
  if (rest.length > 0) {
    failures.push({
      code: 'TRAILING_DATA',
      message: `${rest.length} characters follow the "${footer}" line; they are not covered by the signature`,
    });
  }
  const joined = base64.join('');
  const signature = Buffer.from(joined, 'base64');
  if (joined.length === 0 || signature.toString('base64').replace(/=+$/, '') !== joined.replace(/=+$/, '')) {
    throw new VerifyError('MALFORMED_SCRIPT', 'the signature block does not hold valid base64');
  }
  return { encoding, hashed: hashedOf(contentEnd), signature, failures };
}
