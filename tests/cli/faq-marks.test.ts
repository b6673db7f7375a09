/** Issue 18.3 in the terminal: what Trend Micro's Q&A does not state carries a visible mark; example paths say so. */
import { AT, MACHINES, run } from './helpers';
import * as path from 'node:path';

const KAIKEI = path.join(MACHINES, 'pc-w10-21h2-kaikei');

describe('simulate marks our inference', () => {
  it('ja: the FAQ popup text is said to be the Q&A text, its title and the example path are marked', async () => {
    const r = await run(['simulate', 'packager-exe', '--machine', KAIKEI, '--build', '12011', '--lang', 'ja', '--at', AT]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('本文: トレンドマイクロの Q&A に記載の文言');
    expect(r.out).toContain('［当ツールの推定］ (タイトルは Windows の表示で、トレンドマイクロの Q&A には記載がありません)');
    expect(r.out).toContain('［当ツールの推定］ (タイトルは当ツールの文言で、トレンドマイクロや Microsoft のものではありません)');
    expect(r.out).toMatch(/\(パスは説明用の例で、実際のファイルの場所ではありません \(--display-path で指定できます\): C:\\Temp\\ApexOneAgent\.exe\)/);
    expect(r.out).not.toContain('(トレンドマイクロの Q&A より)');
  });

  it('en: our texts, the event source and level are marked [our inference]; a given --display-path is not an example', async () => {
    const remote = await run(['simulate', 'remote-install', '--machine', KAIKEI, '--build', '12011', '--lang', 'en', '--at', AT]);
    expect(remote.out).toContain("[our inference] (text: ours, not Trend Micro's or Microsoft's (the real wording is not published))");
    const upd = await run(['simulate', 'agent-update', '--machine', KAIKEI, '--agent-build', '12011', '--build', '12011', '--lang', 'ja', '--at', AT, '--display-path', 'D:\\x\\PccNTMon.exe']);
    expect(upd.out).toContain('［当ツールの推定］ ソースとレベルはトレンドマイクロの Q&A に記載がありません (イベント ID とログは記載のとおり)');
    expect(upd.out).not.toContain('パスは説明用の例');
    const json = JSON.parse((await run(['simulate', 'agent-update', '--machine', KAIKEI, '--agent-build', '12011', '--build', '12011', '--lang', 'ja', '--at', AT, '--json'])).out);
    expect(json.events[0]).toMatchObject({ textSource: 'faq', providerSource: 'inferred', levelSource: 'inferred' });
    expect(json.examplePath).toMatch(/AU_Temp/);
  });
});
