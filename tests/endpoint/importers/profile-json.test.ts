import { importBytes } from '../../../src/endpoint/importers';

describe('canonical profile JSON importer (machine.json)', () => {
  it('a partial profile keeps only what it states (no defaults invented)', () => {
    const r = importBytes(Buffer.from('{ "online": false }'), 'machine.json');
    expect(r.kind).toBe('profile-json');
    expect(r.facts).toEqual({ online: false });
  });
  it('validation errors name the JSON path', () => {
    expect(() => importBytes(Buffer.from('{"name":"a","os":{"version":"10"},"hotfixes":["5011487"]}'), 'm.json')).toThrow(/os\.version: version is major\.minor\.build.*hotfixes\.0: hotfix ids/);
  });
  it('truncated JSON names the file and line', () => {
    expect(() => importBytes(Buffer.from('{\n "name": "a",\n "online": tr'), 'm.json')).toThrow(/^m\.json:3: profile JSON/);
  });
});
