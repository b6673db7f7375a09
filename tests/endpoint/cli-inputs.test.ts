/** The CLI over administrators' inputs: a share with stray files, an Intune export, --columns, a fleet's skipped list. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tmpDir } from '../cli/helpers';
import { crlf, encode, encodeCp437, systeminfoListText } from '../helpers/windows-exports';

const put = (root: string, name: string, data: string | Buffer) => {
  const f = path.join(root, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, data);
  return f;
};
const sysinfo = (host: string) => encodeCp437(crlf(systeminfoListText({ locale: 'en', host, caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', hotfixes: ['KB5041580'] })));

function share(): string {
  const root = tmpDir('acs-share-cli-');
  put(root, 'share/Thumbs.db', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  put(root, 'share/desktop.ini', encode(crlf('[.ShellClassInfo]\nIconResource=imageres.dll,-3\n'), 'utf16le-bom'));
  put(root, 'share/PC-01/info.txt', sysinfo('PC-01'));
  put(root, 'share/PC-02/info.txt', sysinfo('PC-02'));
  fs.mkdirSync(path.join(root, 'share', 'PC-03'));
  return path.join(root, 'share');
}

describe('acs-gate readiness over a share as it is', () => {
  it('judges every machine and says on stderr what it skipped (not as errors)', async () => {
    const dir = share();
    const r = await run(['readiness', dir, '--json']);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => 'name' in l).map((l) => [l['name'], l['ready']])).toEqual([
      ['PC-01', 'unknown'],
      ['PC-02', 'unknown'],
      ['PC-03', 'unknown'],
    ]);
    expect(lines.filter((l) => 'skipped' in l).map((l) => path.basename(String(l['source'])))).toEqual(['Thumbs.db', 'desktop.ini']);
    expect(r.err).toContain(`acs-gate readiness: ${path.join(dir, 'Thumbs.db')}: skipped: not a Windows export this tool reads`);
    expect(lines.some((l) => 'error' in l)).toBe(false);
  });
  it('an Intune export and a CSV read with --columns', async () => {
    const root = tmpDir('acs-cols-');
    const intune = put(root, 'intune.csv', encode(crlf('"Device name","OS","OS version"\n"PC-A","Windows","10.0.19044.2364"\n"iPad-1","iOS/iPadOS","17.1"\n'), 'utf8-bom'));
    const other = put(root, 'other.csv', crlf('Host,Win\nPC-B,10.0.19044.1000\n'));
    const r = await run(['readiness', intune, other, '--columns', 'name=Host,version=Win', '--json']);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['name'] ?? l['skipped'])).toEqual(['PC-A', 'skipped: OS "iOS/iPadOS" is not Windows', 'PC-B']);
    expect((lines[0]!['os'] as { ubr: number }).ubr).toBe(2364);
  });
  it('a bad --columns is a usage error (exit 2, one line)', async () => {
    const r = await run(['readiness', share(), '--columns', 'name=Host']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--columns must name at least name=COLUMN and version=COLUMN/);
  });
});

describe('acs-gate fleet over a share as it is', () => {
  it('counts every machine and lists the skipped files in report.json and report.html', async () => {
    const dir = share();
    const out = tmpDir('acs-share-report-');
    await run(['fleet', dir, '--out', out, '--at', '2026-11-30T00:00:00Z', '--lang', 'en']);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { summary: { totals: { machines: number; importErrors: number }; skipped: { count: number; items: { source: string; reason: string }[] } } };
    expect(report.summary.totals.machines).toBe(3);
    expect(report.summary.totals.importErrors).toBe(0);
    expect(report.summary.skipped.count).toBe(2);
    expect(report.summary.skipped.items.map((s) => path.basename(s.source))).toEqual(['Thumbs.db', 'desktop.ini']);
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<table id="skipped">');
    expect(html).toContain('desktop.ini');
  }, 60000);
});
