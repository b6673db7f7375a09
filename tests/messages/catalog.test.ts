import { readFileSync } from 'node:fs';
import { CATALOG, LANGS, MESSAGE_IDS, renderMessage, fileNameOf } from '../../src/messages/catalog';
import { seedFilled, seedText, seedTexts } from './seed-file';

describe('message catalog', () => {
  const seeded = seedTexts();

  it.each(Object.keys(seeded) as Array<keyof typeof seeded>)('carries the Japanese text of %s byte for byte as in the seed file', (id) => {
    expect(Buffer.from(CATALOG[id].text.ja, 'utf8').equals(Buffer.from(seeded[id], 'utf8'))).toBe(true);
    expect(CATALOG[id].provenance.ja).toBe('seed');
  });

  it('finds every seed-quoted Japanese text in the seed file itself', () => {
    const seed = seedText();
    for (const t of Object.values(seeded)) expect(seed.includes(t)).toBe(true);
  });

  it('fills {ファイルパス} with the real path and changes nothing else', () => {
    const path = 'C:\\Users\\a&b\\AutoPcc.exe';
    expect(renderMessage('M-BADIMAGE', 'ja', { path }).text).toBe(seedFilled('M-BADIMAGE', path));
    expect(renderMessage('E-900', 'ja', { path }).text).toBe(seedFilled('E-900', path));
  });

  it('uses the official Windows English text for the Bad Image dialog', () => {
    expect(renderMessage('M-BADIMAGE', 'en', { path: 'C:\\x\\AutoPcc.exe' }).text).toBe(
      'C:\\x\\AutoPcc.exe is either not designed to run on Windows or it contains an error. Try installing the program ' +
        'again using the original installation media or contact your system administrator or the software vendor for support.',
    );
    expect(CATALOG['M-BADIMAGE'].provenance.en).toBe('official');
  });

  it('uses the official MsiInstaller English text for event 11708', () => {
    expect(renderMessage('E-11708', 'en').text).toBe('Product: Trend Micro Apex One Security Agent -- Installation operation failed.');
    expect(CATALOG['E-11708'].provenance.en).toBe('official');
  });

  it('marks English without an official text as our translation', () => {
    expect(CATALOG['M-NOACS'].provenance.en).toBe('translation');
    expect(CATALOG['E-900'].provenance.en).toBe('translation');
  });

  it.each(['M-SERVER-PATCH', 'M-REMOTE-INSTALL'] as const)(
    'marks %s (a picture in the seed) as our own wording in both languages, naming the patch and the root',
    (id) => {
      const m = CATALOG[id];
      expect(m.provenance).toEqual({ ja: 'ours', en: 'ours' });
      expect(m.note).toMatch(/not published; ours/);
      for (const lang of LANGS) {
        const text = renderMessage(id, lang, { path: 'x', patch: 'KB5011487', computer: 'PC01' }).text;
        expect(text).toContain('KB5011487');
        expect(text).toContain('Microsoft Identity Verification Root Certificate Authority 2020');
      }
    },
  );

  it('titles the Bad Image dialog "<exe name> - Bad Image" / "<exe name> - 不正なイメージ"', () => {
    const path = '\\\\srv\\ofcscan\\AutoPcc.exe';
    expect(renderMessage('M-BADIMAGE', 'en', { path }).title).toBe('AutoPcc.exe - Bad Image');
    expect(renderMessage('M-BADIMAGE', 'ja', { path }).title).toBe('AutoPcc.exe - 不正なイメージ');
    expect(fileNameOf('C:/a/b.msi')).toBe('b.msi');
  });

  it('marks every popup title that is our assumption', () => {
    expect(CATALOG['M-NOACS'].titleProvenance).toBe('ours');
    expect(CATALOG['M-SERVER-PATCH'].titleProvenance).toBe('ours');
    expect(CATALOG['M-REMOTE-INSTALL'].titleProvenance).toBe('ours');
  });

  it('gives every popup an OK button and a window, and every event an ID', () => {
    for (const id of MESSAGE_IDS) {
      const m = CATALOG[id];
      if (m.kind === 'popup') {
        expect(m.buttons).toEqual(['OK']);
        expect(m.window).toBeDefined();
      } else {
        expect([900, 11708]).toContain(m.eventId);
      }
      for (const lang of LANGS) expect(m.text[lang].length).toBeGreaterThan(0);
    }
    expect(CATALOG['M-REMOTE-INSTALL'].window).toBe('console');
    expect(CATALOG['M-SERVER-PATCH'].window).toBe('server');
  });

  it('refuses to render a text whose placeholder has no value', () => {
    expect(() => renderMessage('E-900', 'ja')).toThrow(/path/);
    expect(() => renderMessage('M-REMOTE-INSTALL', 'en', { patch: 'KB1' })).toThrow(/computer/);
  });

  it('keeps the seed-text module a verbatim copy (no retyped strings drift)', () => {
    const src = readFileSync(require.resolve('../../src/messages/seed-texts.ts'), 'utf8');
    for (const t of Object.values(seeded)) expect(src).toContain(JSON.stringify(t));
  });
});
