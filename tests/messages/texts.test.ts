/**
 * The text home (issue 20.3): one module per language (src/messages/texts/en.ts, ja.ts) with the same keys. Beyond
 * the type (`JA: Record<TextKey, string>`), this fails at run time on a key present in one language only, on a
 * placeholder one language has and the other lacks, on a FAQ text that is not the seed's byte for byte, on a UI
 * concept spelled two ways (the drift found: 英訳 / 翻訳, 形式が不正 / 破損, 当ツール / 当社), and on an import that would lift the
 * text home off the bottom of the import graph.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EN, FAQ_KEYS, JA, TEXTS, textSource, type TextKey } from '../../src/messages/texts';
import { seedText } from './seed-file';

const DIR = path.join(__dirname, '..', '..', 'src', 'messages', 'texts');

/** The keys present in one language and not in the other. */
export function oneLanguageOnly(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const inA = Object.keys(a).filter((k) => !Object.prototype.hasOwnProperty.call(b, k));
  const inB = Object.keys(b).filter((k) => !Object.prototype.hasOwnProperty.call(a, k));
  return [...inA, ...inB];
}

/** `{name}` placeholders of a text (ASCII names: the catalog's Japanese ones, {ファイルパス}, are the seed's own). */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))].sort();
}

/** One UI concept, the spelling kept first and the ones that had drifted after it. */
const ONE_SPELLING: Array<{ concept: string; keep: string; not: string[] }> = [
  { concept: 'our English translation of the Q&A text', keep: '英訳', not: ['翻訳'] },
  { concept: 'the verdict "malformed"', keep: '形式が不正', not: ['破損'] },
  // "ours" (text, titles, inferences): this tool's, never "our company's" (当社), which no company stands behind
  { concept: 'ours', keep: '当ツール', not: ['当社'] },
];

describe('the text home (issue 20.3)', () => {
  it('every key is in both languages, with a text', () => {
    expect(oneLanguageOnly(EN, JA)).toEqual([]);
    for (const lang of ['en', 'ja'] as const)
      for (const [k, v] of Object.entries(TEXTS[lang])) expect([lang, k, typeof v === 'string' && v.length > 0]).toEqual([lang, k, true]);
    expect(Object.keys(EN).length).toBeGreaterThan(300);
  });

  it('the check fails on a key present in one language only', () => {
    const ja: Record<string, string> = { ...JA };
    delete ja['help.main'];
    expect(oneLanguageOnly(EN, ja)).toEqual(['help.main']);
    expect(oneLanguageOnly(EN, { ...JA, 'report.label.extra': 'x' })).toEqual(['report.label.extra']);
  });

  it('each pair has the same placeholders in both languages (but English plural nouns; the catalog keeps the seed\'s Japanese ones)', () => {
    // English says "1 machine" / "2 machines" through {machines} / {steps} / {files}; Japanese counts need no plural
    const englishOnly = new Set(['machines', 'steps', 'files']);
    const differ: string[] = [];
    for (const k of Object.keys(EN) as TextKey[]) {
      if (k.startsWith('message.')) continue;
      const en = placeholders(EN[k]).filter((p) => !englishOnly.has(p));
      const ja = placeholders(JA[k]).filter((p) => !englishOnly.has(p));
      if (en.join() !== ja.join()) differ.push(`${k}: ${en.join()} / ${ja.join()}`);
    }
    expect(differ).toEqual([]);
  });

  it("FAQ_KEYS are the seed's texts byte for byte (the seed holds them as lines); every other text is ours", () => {
    const seed = seedText();
    for (const k of FAQ_KEYS) {
      expect([k, seed.includes(JA[k])]).toEqual([k, true]);
      expect(textSource(k, 'ja')).toBe('faq');
      expect(textSource(k, 'en')).toBe('inferred');
    }
    expect(textSource('message.M-SERVER-PATCH.text', 'ja')).toBe('inferred');
  });

  it('one UI concept, one spelling: no Japanese text uses a spelling that had drifted', () => {
    for (const { concept, keep, not } of ONE_SPELLING) {
      expect([concept, Object.values(JA).some((t) => t.includes(keep))]).toEqual([concept, true]);
      const drift = Object.entries(JA).filter(([, t]) => not.some((w) => t.includes(w)));
      expect({ concept, drift }).toEqual({ concept, drift: [] });
    }
    // the verdicts: the run's reasons, the page, the terminal say each verdict one way
    expect(JA['report.page.verdictMalformed']).toBe(JA['verdict.malformed']);
    expect(JA['report.page.verdictInvalid']).toBe(JA['verdict.invalid']);
    expect(JA['report.page.verdictUnsigned']).toBe(JA['verdict.unsigned']);
    expect(JA['report.page.verdictValid']).toBe(JA['verdict.valid']);
  });

  it('sits at the bottom of the import graph: its files import only each other and ../seed-texts', () => {
    for (const f of fs.readdirSync(DIR)) {
      const src = fs.readFileSync(path.join(DIR, f), 'utf8');
      const froms = [...src.matchAll(/\bfrom '([^']+)'/g), ...src.matchAll(/\brequire\('([^']+)'\)/g)].map((m) => m[1]!);
      for (const from of froms) expect([f, from, /^\.\/[\w-]+$/.test(from) || from === '../seed-texts']).toEqual([f, from, true]);
    }
  });

  it("the KB5022661 table's line notes: English is the data's note, byte for byte, for every line that has one", () => {
    const data = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'endpoint', 'data', 'windows-acs-minimums.json'), 'utf8')) as { lines: Array<{ id: string; note?: string }> };
    const withNote = data.lines.filter((l) => l.note);
    expect(withNote.length).toBeGreaterThan(0);
    for (const l of withNote) expect([l.id, EN[`lineNote.${l.id}` as TextKey]]).toEqual([l.id, l.note]);
    expect(Object.keys(EN).filter((k) => k.startsWith('lineNote.')).length).toBe(withNote.length);
  });
});
