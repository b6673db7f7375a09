/**
 * Issue 18.3: FAQ text and our inference told apart. Every text a run shows carries where it comes from
 * (`source` / `titleSource` on popups, `textSource` / `providerSource` / `levelSource` on events): 'faq' exactly
 * when the seed (Trend Micro's Q&A, read from the file) contains it byte for byte, 'inferred' otherwise; and
 * "(トレンドマイクロの Q&A より)" stands only right after a 「quote」 the seed contains.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOG, LANGS, MESSAGE_IDS, renderMessage } from '../../src/messages/catalog';
import { simulate } from '../../src/installers/simulate';
import { INSTALL_PATH_IDS, type PathRun } from '../../src/installers/types';
import { INSTALLER_TEXTS } from '../../src/installers/texts';
import { READINESS_TEXTS } from '../../src/endpoint/texts';
import { LABELS } from '../../src/report/i18n';
import { input, osPatchMissing, unknown } from '../installers/fixtures';
import { seedText } from './seed-file';
import { JA } from '../../src/messages/texts';

const SEED = seedText();
/**
 * The seed's lines: a popup's or event's text is the FAQ's when it is one whole line of the seed (the texts sit
 * alone between its ---------- rules). Mere containment would call the title "Trend Micro Apex Oneセキュリティ
 * エージェント" the FAQ's because event 11708's text contains it, though the FAQ never gives a title.
 */
const SEED_LINES = new Set(SEED.split('\n').map((l) => l.replace(/\r$/, '')));
const stated = (text: string): boolean => SEED_LINES.has(text) && SEED.includes(text);
const SEED_PATH = '{ファイルパス}';
const MARK = '(トレンドマイクロの Q&A より)';

/** The text with the shown path put back as the seed's placeholder. */
function unfilled(text: string, shownPath: string | undefined): string {
  return shownPath ? text.split(shownPath).join(SEED_PATH) : text;
}

async function allRuns(): Promise<PathRun[]> {
  const runs: PathRun[] = [];
  for (const path of INSTALL_PATH_IDS)
    for (const lang of LANGS)
      for (const readiness of [osPatchMissing(), unknown()])
        runs.push(
          await simulate(
            path,
            input(readiness, {
              lang,
              agent: { build: 12011 },
              cycles: 2,
              settings: { patternUpdatesBlocked: true, engineSignedWithAcs: true },
            }),
          ),
        );
  return runs;
}

describe("FAQ text vs our inference (issue 18.3), against the seed file", () => {
  it('the catalog: a text is faq exactly when the seed holds it (its placeholder as the seed writes it)', () => {
    for (const id of MESSAGE_IDS)
      for (const lang of LANGS) {
        const m = renderMessage(id, lang, { path: SEED_PATH, patch: 'KB5011487', computer: 'PC01' });
        expect({ id, lang, source: m.source }).toEqual({ id, lang, source: stated(m.text) ? 'faq' : 'inferred' });
        if (m.kind === 'popup') expect({ id, lang, titleSource: m.titleSource }).toEqual({ id, lang, titleSource: stated(m.title) ? 'faq' : 'inferred' });
      }
    // the FAQ states four texts, in Japanese; the server-patch and remote-install popups are not among them
    const faq = MESSAGE_IDS.filter((id) => renderMessage(id, 'ja', { path: SEED_PATH, patch: 'x', computer: 'x' }).source === 'faq');
    expect(faq).toEqual(['M-BADIMAGE', 'M-NOACS', 'E-900', 'E-11708']);
    expect(CATALOG['M-SERVER-PATCH'].provenance.ja).toBe('ours');
  });

  it('every popup and event of every path, both languages, worst cases too: marked faq only when the seed holds it', async () => {
    let faqTexts = 0;
    let inferred = 0;
    for (const run of await allRuns()) {
      const popups = [...run.popups, ...(run.worstCase?.popups ?? [])];
      const events = [...run.events, ...(run.worstCase?.events ?? [])];
      for (const p of popups) {
        const text = unfilled(p.text, run.examplePath);
        expect({ path: run.path, id: p.id, lang: p.lang, source: p.source }).toEqual({ path: run.path, id: p.id, lang: p.lang, source: stated(text) ? 'faq' : 'inferred' });
        expect(p.titleSource).toBe(stated(p.title) ? 'faq' : 'inferred');
        if (p.source === 'faq') faqTexts++;
        else inferred++;
      }
      for (const e of events) {
        expect(e.textSource).toBe(stated(unfilled(e.text, run.examplePath)) ? 'faq' : 'inferred');
        expect(e.providerSource).toBe(SEED.includes(e.source) ? 'faq' : 'inferred');
        expect(e.levelSource).toBe('inferred');
        // what the FAQ does state about the event: its ID and the log
        expect(SEED).toContain(`イベントID: ${e.id}`);
        expect(SEED).toContain(`[Windows ログ] > [${e.channel}]`);
      }
      // a shown path the caller did not give is an example, and labelled so
      if (popups.length || events.length) expect(run.examplePath).toBeDefined();
    }
    // not vacuous: both kinds were seen
    expect(faqTexts).toBeGreaterThan(0);
    expect(inferred).toBeGreaterThan(0);
  }, 120_000);

  it('a path the caller gives is not labelled as an example', async () => {
    const run = await simulate('msi', input(osPatchMissing(), { artifact: { kind: 'declared', build: 12011, path: 'D:\\setup\\agent.msi' } }));
    expect(run.popups.length).toBeGreaterThan(0);
    expect(run.examplePath).toBeUndefined();
  });

  it('"(トレンドマイクロの Q&A より)" stands only right after a 「quote」 the seed holds byte for byte', () => {
    const tables = [INSTALLER_TEXTS, READINESS_TEXTS, LABELS] as unknown as Record<string, { ja: string; en: string }>[];
    const texts = tables.flatMap((t) => Object.values(t).flatMap((v) => [v.ja, v.en]));
    let checked = 0;
    for (const text of texts) {
      let at = text.indexOf(MARK);
      while (at >= 0) {
        const before = text.slice(0, at);
        expect(before.endsWith('」')).toBe(true);
        const open = before.lastIndexOf('「');
        const quote = before.slice(open + 1, -1);
        // the quote may be several 「…」「…」 in a row: each one is the seed's
        for (const q of before.slice(before.lastIndexOf(': ') + 2).match(/「([^」]*)」/g) ?? [`「${quote}」`]) expect(SEED).toContain(q.slice(1, -1));
        checked++;
        at = text.indexOf(MARK, at + 1);
      }
    }
    expect(checked).toBeGreaterThan(0);
    // and the mark is written nowhere else in the sources (only these tables carry it)
    const srcRoot = path.join(__dirname, '..', '..', 'src');
    const files = (fs.readdirSync(srcRoot, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join(srcRoot, f));
    const carrying = files.filter((f) => fs.readFileSync(f, 'utf8').includes('Q&A より')).map((f) => path.relative(srcRoot, f));
    // the text home's Japanese module, and in it only the installers' quote of the Q&A and the page's label
    // `faqMark`, which report.html puts only under a popup or event whose text is marked 'faq' (tests/report/html-page.test.ts)
    expect(carrying.sort()).toEqual([path.join('messages', 'texts', 'ja.ts')]);
    expect(Object.keys(JA).filter((k) => JA[k as keyof typeof JA].includes('Q&A より')).sort()).toEqual(['installer.text.agentRisk', 'report.page.faqMark']);
  });
});
