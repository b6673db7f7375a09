/**
 * Signed scripts (PowerShell, XML, MOF comment blocks), differential against osslsigncode: scripts written as
 * Windows editors write them (UTF-8 with and without BOM, UTF-16LE with BOM, CRLF), signed by osslsigncode with
 * the test PKI, verified by both; tampered, appended and rewritten copies; deliberate differences asserted.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { detectFormatOf } from '../../../src/authenticode/formats/detect';
import { parseScript } from '../../../src/authenticode/formats/script';
import { codes, itOssl, osslSign, osslVerify, ours, signedCatalog, writeTemp } from '../catalog/formats-kit';

const PS1 = 'param([string]$Name = "Żółć")\r\nWrite-Host "Hello, $Name"\r\n# a comment\r\nExit 0';

function encode(text: string, enc: 'utf8' | 'utf8bom' | 'utf16'): Buffer {
  if (enc === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return Buffer.concat([enc === 'utf8bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

function decode(b: Buffer): { text: string; enc: 'utf8' | 'utf8bom' | 'utf16' } {
  if (b[0] === 0xff && b[1] === 0xfe) return { text: b.subarray(2).toString('utf16le'), enc: 'utf16' };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: b.subarray(3).toString('utf8'), enc: 'utf8bom' };
  return { text: b.toString('utf8'), enc: 'utf8' };
}

/** signs `text` saved as `name` in `enc` with osslsigncode */
function signed(name: string, text: string, enc: 'utf8' | 'utf8bom' | 'utf16' = 'utf8', hash: 'sha256' | 'sha1' = 'sha256'): string {
  return osslSign(writeTemp(name, encode(text, enc)), name, { hash });
}

/** rewrites a signed script's text (same encoding) */
function rewritten(file: string, edit: (text: string) => string, name = file.split('/').pop()!): string {
  const { text, enc } = decode(readFileSync(file));
  return writeTemp(name, encode(edit(text), enc));
}

describe('signed scripts: osslsigncode and verifyFile agree', () => {
  const encodings = ['utf8', 'utf8bom', 'utf16'] as const;
  for (const enc of encodings) {
    itOssl(`a .ps1 in ${enc} signed by osslsigncode is valid for both; a changed character is DIGEST_MISMATCH for both`, async () => {
      const file = signed('install.ps1', PS1, enc);
      const r = await ours(file);
      expect(r).toMatchObject({ format: 'script', verdict: 'valid', acs: true });
      expect(r.signatures[0]).toMatchObject({ digestMatches: true, digestAlgorithm: 'sha256' });
      expect(osslVerify(file).ok).toBe(true);

      const tampered = rewritten(file, (t) => t.replace('Hello', 'Hellp'));
      const t = await ours(tampered);
      expect(t.verdict).toBe('invalid');
      expect(codes(t)).toEqual(['DIGEST_MISMATCH']);
      expect(osslVerify(tampered).ok).toBe(false);
    });
  }

  const kinds: [string, string][] = [
    ['module.psm1', 'function Get-X { 42 }\r\n'],
    ['manifest.psd1', "@{ ModuleVersion = '1.0' }\r\n"],
    ['types.ps1xml', '<?xml version="1.0" encoding="utf-8"?>\r\n<Types>\r\n</Types>\r\n'],
    ['console.psc1', '<?xml version="1.0" encoding="utf-8"?>\r\n<PSConsoleFile ConsoleSchemaVersion="1.0" />\r\n'],
    ['schema.mof', 'class Sample\r\n{\r\n  string Name;\r\n};\r\n'],
  ];
  for (const [name, text] of kinds) {
    itOssl(`${name} (its comment style) signed with SHA-1 and SHA-256: valid for both; tampered: invalid for both`, async () => {
      for (const hash of ['sha1', 'sha256'] as const) {
        const file = signed(name, text, 'utf8', hash);
        const r = await ours(file);
        expect(r).toMatchObject({ format: 'script', verdict: 'valid' });
        expect(r.signatures[0]!.digestAlgorithm).toBe(hash);
        expect(osslVerify(file).ok).toBe(true);
        const tampered = rewritten(file, (t) => t.replace(/\r\n/, '\r\n\r\n'));
        expect((await ours(tampered)).verdict).toBe('invalid');
        expect(osslVerify(tampered).ok).toBe(false);
      }
    });
  }

  itOssl('a script with LF line endings: valid for both', async () => {
    const file = signed('lf.ps1', 'Write-Host 1\nWrite-Host 2\n');
    expect((await ours(file)).verdict).toBe('valid');
    expect(osslVerify(file).ok).toBe(true);
  });

  itOssl('the text is hashed as UTF-16LE: a UTF-8-with-BOM script saved again as UTF-16LE keeps a valid signature, for both', async () => {
    const file = signed('recoded.ps1', PS1, 'utf8bom');
    const { text } = decode(readFileSync(file));
    const recoded = writeTemp('recoded.ps1', encode(text, 'utf16'));
    expect((await ours(recoded)).verdict).toBe('valid');
    expect(osslVerify(recoded).ok).toBe(true);
    // without the BOM the hashed text lacks U+FEFF: no longer the signed text
    const noBom = writeTemp('recoded.ps1', encode(text, 'utf8'));
    expect(codes(await ours(noBom))).toEqual(['DIGEST_MISMATCH']);
    expect(osslVerify(noBom).ok).toBe(false);
  });

  itOssl('the CRLF before the block is not hashed, the CRLF ending the content is: removing a content line break is DIGEST_MISMATCH for both', async () => {
    const file = signed('crlf.ps1', 'Write-Host 1\r\n');
    const r = rewritten(file, (t) => t.replace('Write-Host 1\r\n\r\n#', 'Write-Host 1\r\n#'));
    expect(codes(await ours(r))).toEqual(['DIGEST_MISMATCH']);
    expect(osslVerify(r).ok).toBe(false);
  });

  itOssl('an unsigned script: unsigned for us; osslsigncode finds no signature', async () => {
    const file = writeTemp('plain.ps1', encode(PS1, 'utf8'));
    const r = await ours(file);
    expect(r).toMatchObject({ format: 'script', verdict: 'unsigned' });
    expect(codes(r)).toEqual(['NOT_SIGNED']);
    expect(osslVerify(file).ok).toBe(false);
  });

  itOssl('signed by an untrusted PKI: invalid for both', async () => {
    const file = osslSign(writeTemp('x.ps1', PS1), 'x.ps1', { other: true });
    expect((await ours(file)).verdict).toBe('invalid');
    expect(osslVerify(file).ok).toBe(false);
  });

  itOssl('DELIBERATE DIFFERENCE: text appended after the signature block is TRAILING_DATA (invalid); osslsigncode stops reading at the footer', async () => {
    const file = signed('appended.ps1', PS1);
    const appended = rewritten(file, (t) => `${t}Remove-Item C:\\ -Recurse\r\n`);
    const r = await ours(appended);
    expect(r.verdict).toBe('invalid');
    expect(codes(r)[0]).toBe('TRAILING_DATA');
    expect(r.signatures[0]!.valid).toBe(true);
    expect(osslVerify(appended).ok).toBe(true);
  });

  itOssl('DELIBERATE DIFFERENCE: a code line inside the signature block is MALFORMED_SCRIPT (PowerShell would run it, unsigned); osslsigncode skips it', async () => {
    const file = signed('inside.ps1', PS1);
    const injected = rewritten(file, (t) => t.replace(/(# SIG # Begin signature block\r\n# [^\r]+\r\n)/, '$1Write-Host pwned\r\n'));
    expect(injected).not.toBe(file);
    const r = await ours(injected);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_SCRIPT']);
    expect(osslVerify(injected).ok).toBe(true);
  });

  itOssl('a changed base64 character inside the block: invalid or malformed for us, never valid; osslsigncode fails', async () => {
    const file = signed('b64.ps1', PS1);
    const changed = rewritten(file, (t) => t.replace(/(# SIG # Begin signature block\r\n# .{20})(.)/, (_m, a: string, c: string) => a + (c === 'A' ? 'B' : 'A')));
    expect((await ours(changed)).verdict).not.toBe('valid');
    expect(osslVerify(changed).ok).toBe(false);
  });

  it('a header without footer is MALFORMED_SCRIPT', async () => {
    const file = writeTemp('cut.ps1', 'Write-Host 1\r\n# SIG # Begin signature block\r\n# MIIB\r\n');
    expect(codes(await ours(file))).toEqual(['MALFORMED_SCRIPT']);
  });

  itOssl('a script listed in a catalog by its whole-file hash is valid through the catalog, for both (osslsigncode -catalog hashes scripts whole)', async () => {
    const bytes = encode(PS1, 'utf8');
    const file = writeTemp('listed.ps1', bytes);
    const cat = signedCatalog([{ name: 'listed.ps1', algorithm: 'sha256', digest: createHash('sha256').update(bytes).digest(), kind: 'flat' }]);
    const r = await ours(file, { catalogs: [cat] });
    expect(r.verdict).toBe('valid');
    expect(r.catalog).toMatchObject({ hashKind: 'flat', member: 'listed.ps1' });
    expect(osslVerify(file, cat).ok).toBe(true);
  });

  itOssl('a script listed by its SIP hash (UTF-16LE text) is valid through the catalog too (osslsigncode knows only the whole-file hash)', async () => {
    const file = writeTemp('sip.ps1', encode(PS1, 'utf8'));
    const digest = createHash('sha256').update(Buffer.from(PS1, 'utf16le')).digest();
    const cat = signedCatalog([{ algorithm: 'sha256', digest, kind: 'flat' }]);
    expect((await ours(file, { catalogs: [cat] })).catalog).toMatchObject({ hashKind: 'authenticode', valid: true });
    expect(osslVerify(file, cat).ok).toBe(false);
  });
});

describe('which files are scripts: extension AND content', () => {
  it('script extensions make a text file a script; other text stays UNKNOWN_FORMAT even with a signature block', async () => {
    expect(detectFormatOf(Buffer.from('Write-Host'), 'a.PS1')).toBe('script');
    expect(detectFormatOf(Buffer.from('<x/>'), 'a.ps1xml')).toBe('script');
    expect(detectFormatOf(Buffer.from('class X {};'), 'a.mof')).toBe('script');
    expect(detectFormatOf(Buffer.from('hello'), 'wat.txt')).toBe('unknown');
    expect(detectFormatOf(Buffer.from('hello'), 'simple')).toBe('unknown');
    const signedTxt = writeTemp('notes.txt', 'x\r\n# SIG # Begin signature block\r\n# MIIB\r\n# SIG # End signature block\r\n');
    expect(codes(await ours(signedTxt))).toEqual(['UNKNOWN_FORMAT']);
    // content first: an "MZ" file named .ps1 is a PE
    expect(detectFormatOf(Buffer.from('MZ\x90\0'), 'evil.ps1')).toBe('pe');
  });

  it('hashes exactly the text before the CRLF preceding the header, as UTF-16LE', () => {
    const block = '\r\n# SIG # Begin signature block\r\n# MIIB\r\n# SIG # End signature block\r\n';
    const p = parseScript(Buffer.from(`a\r\nb${block}`), 'hash');
    expect(p.hashed).toEqual(Buffer.from('a\r\nb', 'utf16le'));
    expect(p.signature).toEqual(Buffer.from('MIIB', 'base64'));
    const u16 = parseScript(encode(`a\r\nb${block}`, 'utf16'), 'hash');
    expect(u16.hashed).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\r\nb', 'utf16le')]));
    const xml = parseScript(Buffer.from('<a/>\r\n<!-- SIG # Begin signature block -->\r\n<!-- MIIB -->\r\n<!-- SIG # End signature block -->\r\n'), 'xml');
    expect(xml.hashed).toEqual(Buffer.from('<a/>', 'utf16le'));
    const unsigned = parseScript(Buffer.from('\ufeffabc'), 'hash');
    expect(unsigned.signature).toBeNull();
    expect(unsigned.hashed).toEqual(Buffer.from('\ufeffabc', 'utf16le'));
  });
});
