import fc from 'fast-check';
import { CsvError, parseCsv } from '../../src/endpoint/csv';
import { decodeText } from '../../src/endpoint/decode';
import { ExportFormatError } from '../../src/endpoint/errors';
import { importBytes, importText } from '../../src/endpoint/importers';
import { MachineProfileSchema } from '../../src/endpoint/profile';
import { assessReadiness } from '../../src/endpoint/readiness';

const fragments = ['"Host Name","OS Version"', 'HotFixID', 'Node,', '#TYPE x', '{', '[', '"Thumbprint":', 'HKEY_LOCAL_MACHINE\\X', '    UBR    REG_DWORD    0x', '================ Certificate 0 ================', 'Cert Hash(sha1): ', 'CertUtil: -store', 'ERROR: x', '"', ',', '\r\n', '\n', 'KB5011487', '10.0.19044'];
const exportish = fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string()), { maxLength: 30 }).map((a) => a.join(''));

describe('bad input never escapes as an untyped exception', () => {
  it('importText on export-like garbage returns a result or throws ExportFormatError', () => {
    fc.assert(
      fc.property(exportish, (text) => {
        try {
          importText(text, 'f.txt');
        } catch (e) {
          if (!(e instanceof ExportFormatError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
  it('importBytes on random bytes returns a result or throws ExportFormatError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        try {
          importBytes(b, 'f.bin');
        } catch (e) {
          if (!(e instanceof ExportFormatError)) throw e;
        }
        expect(typeof decodeText(b).text).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });
  it('parseCsv returns records or throws CsvError', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', ',', '"', '\n', '\r\n', ' '), { maxLength: 60 }).map((a) => a.join('')), (t) => {
        try {
          parseCsv(t);
        } catch (e) {
          if (!(e instanceof CsvError)) throw e;
        }
      }),
    );
  });
  it('assessReadiness gives a verdict for any valid profile, and "ready" is true only when both sides are true', () => {
    const arb = fc.record(
      {
        name: fc.constant('pc'),
        os: fc.record(
          {
            version: fc.constantFrom('10.0.19044', '10.0.22631', '6.3.9600', '5.1.2600', '10.0.1', '6.2.9200', '10.0.17763'),
            ubr: fc.nat(30000),
            productType: fc.constantFrom('workstation', 'server'),
          },
          { requiredKeys: [] },
        ),
        hotfixes: fc.array(fc.constantFrom('KB5011487', 'KB5006714', 'KB5006739', 'KB1234567')),
        rootStore: fc.array(fc.constantFrom('F40042E2E5F7E8EF8189FED15519AECE42C3BFA2', 'CDD4EEAE6000AC7F40C3802C171E30148030C072')),
        rootAutoUpdate: fc.boolean(),
        online: fc.boolean(),
      },
      { requiredKeys: ['name'] },
    );
    fc.assert(
      fc.property(arb, (p) => {
        const r = assessReadiness(MachineProfileSchema.parse(p));
        expect(r.ready === true).toBe(r.os.supported === true && r.root.trusted === true);
        if (r.ready === false) expect(r.os.supported === false || r.root.trusted === false).toBe(true);
        if (r.ready !== true) expect(r.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
