import { decodeText, detectEncoding, splitLines } from '../../src/endpoint/decode';
import { crlf, encode } from '../helpers/windows-exports';

const JA = crlf('"ホスト名","OS 名"\n"PC-01","Microsoft Windows 10 Pro"\n');

describe('decode: bytes of a Windows export -> text', () => {
  it('UTF-16LE with BOM (Windows PowerShell 5 redirection) is decoded and the BOM removed', () => {
    const d = decodeText(encode(JA, 'utf16le-bom'));
    expect(d).toMatchObject({ encoding: 'utf-16le', bom: true });
    expect(d.text).toBe(JA);
  });
  it('UTF-16LE without BOM is detected by its NUL pattern', () => {
    const d = decodeText(encode(crlf('Node,Caption,HotFixID\nPC,x,KB5011487\n'), 'utf16le'));
    expect(d.encoding).toBe('utf-16le');
    expect(d.text).toContain('KB5011487');
  });
  it('UTF-8 with and without BOM', () => {
    expect(decodeText(encode(JA, 'utf8-bom'))).toMatchObject({ text: JA, encoding: 'utf-8', bom: true });
    expect(decodeText(encode(JA, 'utf8'))).toMatchObject({ text: JA, encoding: 'utf-8', bom: false });
  });
  it('Shift_JIS (cp932, cmd.exe redirection on Japanese Windows) when the bytes are not valid UTF-8', () => {
    const d = decodeText(encode(JA, 'shift_jis'));
    expect(d.encoding).toBe('shift_jis');
    expect(d.text).toBe(JA);
  });
  it('pure ASCII is UTF-8', () => {
    expect(detectEncoding(Buffer.from('hello')).encoding).toBe('utf-8');
  });
  it('CRLF, LF and lone CR all split lines; a trailing line end adds no empty line', () => {
    expect(splitLines('a\r\nb\nc\rd\r\n')).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('decode: prefixes of big files', () => {
  it('a UTF-8 prefix cut inside a multi-byte character is still UTF-8 (not Shift_JIS) when marked as a prefix', () => {
    const b = Buffer.from('name,caption\npc,日本語のキャプション\n', 'utf8');
    const cut = b.subarray(0, b.indexOf(Buffer.from('本', 'utf8')) + 1);
    expect(detectEncoding(cut, true).encoding).toBe('utf-8');
    // not a prefix: the cut character is one bad byte next to valid UTF-8, which does not make the file Shift_JIS
    expect(detectEncoding(cut, false).encoding).toBe('utf-8');
    // 日本語 in Shift_JIS is Shift_JIS
    expect(detectEncoding(Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]), false).encoding).toBe('shift_jis');
  });
});
