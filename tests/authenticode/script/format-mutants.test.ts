/**
 * Seeded byte mutations of signed files of every new format (script, CAB, catalog, APPX): verifyFile never
 * throws and never says "valid" for a changed file, except where a changed byte is one the format's signature
 * does not cover by design (a cabinet's iCabinet field, bytes 34-35, which Windows' CAB digest skips too).
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { buildCab } from '../cab/cab-writer';
import { buildAppx } from '../appx/appx-writer';
import { HAS_OSSLSIGNCODE, osslSign, ours, signedCatalog, writeTemp } from '../catalog/formats-kit';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const MUTANTS = 40;

(HAS_OSSLSIGNCODE ? describe : describe.skip)('mutated signed files never verify', () => {
  const cases: [string, () => string, (offset: number) => boolean][] = [
    ['script', () => osslSign(writeTemp('m.ps1', 'Write-Host "mutate me"\r\nExit 0\r\n'), 'm.ps1'), () => false],
    ['cab', () => osslSign(writeTemp('m.cab', buildCab([{ name: 'a.txt', data: Buffer.from('cabinet payload '.repeat(40)) }])), 'm.cab'), (o) => o === 34 || o === 35],
    ['catalog', () => signedCatalog([{ name: 'a.inf', algorithm: 'sha256', digest: createHash('sha256').update('x').digest(), kind: 'flat' }]), () => false],
    [
      'appx',
      () => osslSign(writeTemp('m.appx', buildAppx([{ name: 'app.exe', data: Buffer.alloc(5000, 7) }, { name: 'AppxManifest.xml', data: Buffer.from('<Package/>'), deflate: true }])), 'm.appx'),
      () => false,
    ],
  ];
  for (const [format, make, unhashed] of cases) {
    it(`${format}: ${MUTANTS} single-byte mutations`, async () => {
      const file = make();
      const original = readFileSync(file);
      expect((await ours(file)).verdict).toBe('valid');
      const rnd = prng(0x5eed + format.length);
      const stillValid: number[] = [];
      for (let i = 0; i < MUTANTS; i++) {
        const b = Buffer.from(original);
        const at = Math.floor(rnd() * b.length);
        b[at] = b[at]! ^ (1 + Math.floor(rnd() * 255));
        const r = await ours(writeTemp(file.split('/').pop()!, b));
        expect(['valid', 'invalid', 'unsigned', 'malformed']).toContain(r.verdict);
        if (r.verdict === 'valid' && !unhashed(at)) stillValid.push(at);
      }
      expect(stillValid).toEqual([]);
    }, 120000);
  }
});
