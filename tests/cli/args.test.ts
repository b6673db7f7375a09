import { intValue, monthValue, parseArgs, timeValue } from '../../src/cli/args';
import { UsageError } from '../../src/cli/errors';
import { langFromEnv, resolveLang } from '../../src/cli/lang';

const specs = { json: { kind: 'switch' }, at: { kind: 'value' }, trust: { kind: 'list' } } as const;

describe('argument parser', () => {
  it('collects repeated list flags in order, in both --flag value and --flag=value forms', () => {
    const a = parseArgs(['f1', '--trust', 'a.pem', '--trust=b.pem', 'f2'], specs);
    expect(a.lists.get('trust')).toEqual(['a.pem', 'b.pem']);
    expect(a.positionals).toEqual(['f1', 'f2']);
  });
  it('rejects an unknown flag with a usage error naming it', () => {
    expect(() => parseArgs(['--nope'], specs)).toThrow(new UsageError('unknown option --nope'));
    expect(() => parseArgs(['-x'], specs)).toThrow(UsageError);
  });
  it('rejects a value flag without a value and a switch given a value', () => {
    expect(() => parseArgs(['--at'], specs)).toThrow('--at needs a value');
    expect(() => parseArgs(['--json=yes'], specs)).toThrow('--json takes no value');
  });
  it('rejects a single-value flag given twice', () => {
    expect(() => parseArgs(['--at', '2024-01-01', '--at=2024-01-02'], specs)).toThrow('--at given more than once');
  });
  it('treats everything after -- as positionals and -h as --help', () => {
    const a = parseArgs(['-h', '--', '--json', 'x'], specs);
    expect(a.switches.has('help')).toBe(true);
    expect(a.positionals).toEqual(['--json', 'x']);
  });
  it('parses --at as ISO 8601 and rejects anything else', () => {
    const now = () => new Date('2030-01-01T00:00:00Z');
    expect(timeValue(parseArgs([], specs), 'at', now).toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(timeValue(parseArgs(['--at', '2024-04-11'], specs), 'at', now).toISOString()).toBe('2024-04-11T00:00:00.000Z');
    expect(timeValue(parseArgs(['--at=2024-04-11T09:30:00+09:00'], specs), 'at', now).toISOString()).toBe('2024-04-11T00:30:00.000Z');
    expect(() => timeValue(parseArgs(['--at', 'yesterday'], specs), 'at', now)).toThrow(/ISO 8601/);
    expect(() => timeValue(parseArgs(['--at', '2024-13-45'], specs), 'at', now)).toThrow(/ISO 8601/);
  });
  it('checks whole numbers and YYYY-MM months', () => {
    const s = { build: { kind: 'value' }, m: { kind: 'value' } } as const;
    expect(intValue(parseArgs(['--build', '12011'], s), 'build')).toBe(12011);
    expect(() => intValue(parseArgs(['--build', '12o11'], s), 'build')).toThrow(/whole number/);
    expect(monthValue(parseArgs(['--m', '2023-03'], s), 'm')).toBe('2023-03');
    expect(() => monthValue(parseArgs(['--m', '2023-3'], s), 'm')).toThrow(/YYYY-MM/);
  });
});

describe('language', () => {
  it('takes ja from a Japanese locale in LC_ALL, LC_MESSAGES or LANG, in that order, else en', () => {
    expect(langFromEnv({ LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_MESSAGES: 'ja_JP', LANG: 'C' })).toBe('ja');
    expect(langFromEnv({})).toBe('en');
    // Windows sets no LANG: the OS locale decides there (and only there)
    expect(langFromEnv({}, { platform: 'win32', locale: 'ja-JP' })).toBe('ja');
    expect(langFromEnv({}, { platform: 'win32', locale: 'en-US' })).toBe('en');
    expect(langFromEnv({ LANG: 'C' }, { platform: 'win32', locale: 'ja-JP' })).toBe('en');
    expect(langFromEnv({}, { platform: 'linux', locale: 'ja-JP' })).toBe('en');
  });
  it('lets --lang override the locale and rejects other languages', () => {
    expect(resolveLang('en', { LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(() => resolveLang('fr', {})).toThrow('--lang must be ja or en');
  });
});
