/**
 * The two XML parts of an APPX / MSIX package read as the verifier needs them: AppxBlockMap.xml (hash method,
 * files, sizes, 64 KiB block hashes) and [Content_Types].xml (Default and Override content types), over a minimal
 * tag scanner (attributes of elements only; no DTDs; comments and processing instructions skipped). Text read from
 * the package stays data: names go into Maps, never object keys.
 */
import { DIGEST_LENGTH } from '../der/oids';
import { BLOCK_MAP_PART, CONTENT_TYPES_PART, malformedAppx } from './appx-parts';
import type { DigestAlgorithm } from '../types';

const HASH_METHODS: Record<string, DigestAlgorithm> = {
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

interface XmlElement {
  name: string;
  attrs: Map<string, string>;
  /** true for an end tag </name> */
  end: boolean;
}

/** The start, empty and end tags of an XML document, in order (no DTDs; comments and PIs skipped). */
function* xmlTags(xml: string): Generator<XmlElement> {
  const tag = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  const attr = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (!m[2]) continue;
    const attrs = new Map<string, string>();
    for (let a = attr.exec(m[3] ?? ''); a; a = attr.exec(m[3] ?? '')) attrs.set(a[1]!, decodeXml(a[2] ?? a[3] ?? ''));
    attr.lastIndex = 0;
    const local = m[2].includes(':') ? m[2].slice(m[2].indexOf(':') + 1) : m[2];
    yield { name: local, attrs, end: m[1] === '/' };
    if (m[4] === '/') yield { name: local, attrs: new Map(), end: true };
  }
}

function xmlText(bytes: Buffer, what: string): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw malformedAppx(`${what} is not UTF-8`);
  return text.replace(/^\ufeff/, '');
}

export interface BlockMapFile {
  name: string;
  size: number;
  lfhSize: number | null;
  blocks: { hash: Buffer; size: number | null }[];
}

export interface BlockMap {
  algorithm: DigestAlgorithm;
  files: BlockMapFile[];
}

export function parseBlockMap(bytes: Buffer): BlockMap {
  const xml = xmlText(bytes, BLOCK_MAP_PART);
  let algorithm: DigestAlgorithm | undefined;
  const files: BlockMapFile[] = [];
  let current: BlockMapFile | null = null;
  const num = (v: string | undefined, what: string): number => {
    if (v === undefined || !/^\d{1,15}$/.test(v)) throw malformedAppx(`block map: ${what} ${JSON.stringify(v)} is not a number`);
    return Number(v);
  };
  for (const t of xmlTags(xml)) {
    if (t.name === 'BlockMap' && !t.end) {
      const method = t.attrs.get('HashMethod');
      algorithm = method ? HASH_METHODS[method] : undefined;
      if (!algorithm) throw malformedAppx(`block map: HashMethod ${JSON.stringify(method)} is not SHA-256, SHA-384 or SHA-512`);
    } else if (t.name === 'File' && !t.end) {
      if (!algorithm) throw malformedAppx('block map: a File outside BlockMap');
      current = { name: t.attrs.get('Name') ?? '', size: num(t.attrs.get('Size'), 'File Size'), lfhSize: t.attrs.has('LfhSize') ? num(t.attrs.get('LfhSize'), 'LfhSize') : null, blocks: [] };
      files.push(current);
    } else if (t.name === 'File' && t.end) {
      current = null;
    } else if (t.name === 'Block' && !t.end) {
      if (!current) throw malformedAppx('block map: a Block outside File');
      const hash = Buffer.from(t.attrs.get('Hash') ?? '', 'base64');
      if (hash.length !== DIGEST_LENGTH[algorithm!]) throw malformedAppx(`block map: a block hash of ${current.name} is not a ${algorithm} hash`);
      current.blocks.push({ hash, size: t.attrs.has('Size') ? num(t.attrs.get('Size'), 'Block Size') : null });
    }
  }
  if (!algorithm) throw malformedAppx('block map: no BlockMap element');
  return { algorithm, files };
}

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

export function parseContentTypes(bytes: Buffer): ContentTypes {
  const xml = xmlText(bytes, CONTENT_TYPES_PART);
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  let types = false;
  for (const t of xmlTags(xml)) {
    if (t.end) continue;
    if (t.name === 'Types') types = true;
    else if (t.name === 'Default') defaults.set((t.attrs.get('Extension') ?? '').toLowerCase(), t.attrs.get('ContentType') ?? '');
    else if (t.name === 'Override') overrides.set((t.attrs.get('PartName') ?? '').toLowerCase(), t.attrs.get('ContentType') ?? '');
  }
  if (!types) throw malformedAppx(`${CONTENT_TYPES_PART} has no Types element`);
  return { defaults, overrides };
}
