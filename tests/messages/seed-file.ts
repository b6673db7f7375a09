/**
 * The seed FILE, read at test time: message texts are compared against it, never against a retyped copy.
 * /work/shared/seed/ when present (the shared original), else the repository's copy under seed/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const NAME = '000_b6257c8d8df8fd1b.txt';
const CANDIDATES = ['/work/shared/seed', join(__dirname, '..', '..', 'seed')];

export function seedPath(): string {
  for (const dir of CANDIDATES) {
    const p = join(dir, NAME);
    if (existsSync(p)) return p;
  }
  throw new Error(`seed file ${NAME} not found in ${CANDIDATES.join(', ')}`);
}

export function seedText(): string {
  return readFileSync(seedPath(), 'utf8');
}

/** The one distinct seed line that starts with `prefix` (the text between the seed's ---------- rules). */
export function seedLine(prefix: string): string {
  const lines = [...new Set(seedText().split('\n').filter((l) => l.startsWith(prefix)))];
  if (lines.length !== 1) throw new Error(`expected one seed line starting with ${prefix}, found ${lines.length}`);
  return lines[0]!;
}

/** The seed's texts by message id, straight from the file. */
export function seedTexts(): Record<'M-BADIMAGE' | 'M-NOACS' | 'E-900' | 'E-11708', string> {
  return {
    'M-BADIMAGE': seedLine('{ファイルパス} は Windows'),
    'M-NOACS': seedLine('Apex Oneセキュリティエージェントをインストールできません'),
    'E-900': seedLine('ダウンロードされた1つ以上'),
    'E-11708': seedLine('製品 Trend Micro'),
  };
}

/** A seed text with its {ファイルパス} placeholder filled, as a popup or event shows it. */
export function seedFilled(id: keyof ReturnType<typeof seedTexts>, path?: string): string {
  const t = seedTexts()[id];
  return path === undefined ? t : t.split('{ファイルパス}').join(path);
}
