import { drawBox } from '../../src/cli/format/box';
import { charWidth, textWidth, wrap } from '../../src/cli/format/width';

describe('terminal widths', () => {
  it('counts East Asian wide characters as two columns and ASCII as one', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('インストール')).toBe(12);
    expect(textWidth('ＡＢ')).toBe(4);
    expect(charWidth('、'.codePointAt(0)!)).toBe(2);
  });
  it('wraps Japanese text anywhere and Latin text at spaces, never past the width', () => {
    const lines = wrap('Apex Oneセキュリティエージェントをインストールできません。', 20);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(20);
    expect(lines.join('')).toBe('Apex Oneセキュリティエージェントをインストールできません。');
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });
});

describe('popup boxes', () => {
  it('draws every line of a Japanese popup with the same display width', () => {
    const box = drawBox({
      title: 'AutoPcc.exe - 不正なイメージ',
      text: 'C:\\Temp\\AutoPcc.exe は Windows 上では実行できないか、エラーを含んでいます。',
      buttons: ['OK'],
    }, 40);
    const lines = box.trimEnd().split('\n');
    const widths = new Set(lines.map(textWidth));
    expect(widths.size).toBe(1);
    expect(box).toContain('[ OK ]');
    expect(lines[1]).toContain('不正なイメージ');
  });
});
