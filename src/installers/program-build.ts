/**
 * Which Apex One build a real installer file is, and where that came from: an explicit --build /
 * --maintenance wins; otherwise the PE's version resource (src/authenticode/formats/pe-version.ts).
 *
 * Apex One (2019) is product version 14.0; its builds are numbered by the last part of the version
 * ("Critical Patch (ビルド 12011)", the seed; FileVersion 14.0.0.12011, also written 14.0.12011). A version
 * whose major part is not 14 (another product, or an OfficeScan 12.0 file) gives no build: a number from
 * another product's version never decides anything here.
 *
 * The verifier decides whether a real file's signature holds and is ACS; the build says what the program
 * claims to be: a build from 12011 on that is not ACS-signed is reported (a warning), not trusted.
 * MSI packages keep their version in the Property table (ProductVersion), which is not read here: an MSI's
 * build comes from the flags only.
 */
import { detectFormat } from '../authenticode/formats/detect';
import { readPeVersionInfo } from '../authenticode/formats/pe-version';
import type { VersionInfo } from '../authenticode/types';

export type ProgramBuildSource = 'flag' | 'version-resource' | 'none';

export interface ProgramBuild {
  /** the Apex One build, when known */
  build: number | null;
  /** the SaaS maintenance month given with --maintenance */
  maintenance?: string;
  /** where it came from: an explicit flag, the file's version resource, or nowhere */
  source: ProgramBuildSource;
  /** one line saying how it was found, or why not (English; names the version string read) */
  detail: string;
  /** the same line in Japanese (the CLI's --lang ja) */
  detailJa: string;
}

/** Apex One's product version (major.minor) in its files' versions. */
export const APEX_ONE_VERSION = '14.0';
const MAX_BUILD = 999_999;

/** "14.0.0.12011" / "14.0.12011" (optionally followed by text) → 12011; anything else → null. */
export function apexOneBuildFromVersion(version: string): number | null {
  const m = /^\s*(\d{1,5})\.(\d{1,5})(?:\.(\d{1,5}))?\.(\d{1,6})(?![\d.])/.exec(version);
  if (!m || `${Number(m[1])}.${Number(m[2])}` !== APEX_ONE_VERSION) return null;
  const build = Number(m[4]);
  return build >= 1 && build <= MAX_BUILD ? build : null;
}

/** The build from a version resource: FileVersion, then ProductVersion, then the fixed FILEVERSION. */
export function buildFromVersionInfo(v: VersionInfo): ProgramBuild {
  const candidates: Array<[string, string | null | undefined]> = [
    ['FileVersion', v.FileVersion],
    ['ProductVersion', v.ProductVersion],
    ['FILEVERSION', v.fixedFileVersion],
  ];
  for (const [name, value] of candidates) {
    if (!value) continue;
    const build = apexOneBuildFromVersion(value);
    if (build !== null) return { build, source: 'version-resource', detail: `${name} ${value} in the version resource`, detailJa: `バージョン情報の ${name} ${value}` };
  }
  const seen = candidates.find(([, value]) => value);
  return {
    build: null,
    source: 'none',
    detail: seen ? `${seen[0]} ${seen[1]} in the version resource is not an Apex One ${APEX_ONE_VERSION} version` : 'the version resource gives no version',
    detailJa: seen ? `バージョン情報の ${seen[0]} ${seen[1]} は Apex One ${APEX_ONE_VERSION} のバージョンではありません` : 'バージョン情報にバージョンがありません',
  };
}

/**
 * The program's build for a run on a real file: the flags when given (they win), else the file's version
 * resource. Never throws: a file without (or with an unreadable) version resource gives build null and says why.
 */
export async function programBuildOf(file: string, flags: { build?: number; maintenance?: string } = {}): Promise<ProgramBuild> {
  if (flags.build !== undefined) return { build: flags.build, source: 'flag', detail: '--build', detailJa: '--build' };
  if (flags.maintenance !== undefined) return { build: null, maintenance: flags.maintenance, source: 'flag', detail: '--maintenance', detailJa: '--maintenance' };
  let format: string;
  try {
    format = await detectFormat(file);
  } catch (e) {
    const why = (e as { message?: string }).message ?? String(e);
    return { build: null, source: 'none', detail: `the file could not be read (${why})`, detailJa: `ファイルを読み込めません (${why})` };
  }
  if (format === 'msi')
    return {
      build: null,
      source: 'none',
      detail: 'an MSI keeps its version in the Property table, which is not read: give --build',
      detailJa: 'MSI のバージョンは Property テーブルにあり、読み取りません。--build で指定してください',
    };
  if (format !== 'pe') return { build: null, source: 'none', detail: `a ${format} file has no version resource`, detailJa: `${format} 形式のファイルにはバージョン情報がありません` };
  const { versionInfo, note } = await readPeVersionInfo(file);
  if (!versionInfo) return { build: null, source: 'none', detail: note ?? 'no version resource', detailJa: 'バージョン情報がありません' };
  return buildFromVersionInfo(versionInfo);
}
