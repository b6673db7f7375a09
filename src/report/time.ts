/**
 * Times as an administrator reads them: local time with its offset, in a time zone given as an input
 * (never read from the clock here). Default zone: TZ from the environment, else the runtime's own.
 */

/** The time zone to show times in: `flag` (an IANA name), else env.TZ, else the runtime's (Intl), else UTC. */
export function resolveTimeZone(flag: string | undefined, env: Record<string, string | undefined> = {}, runtime?: string): string {
  const candidates = [flag, env.TZ?.replace(/^:/, ''), runtime ?? Intl.DateTimeFormat().resolvedOptions().timeZone, 'UTC'];
  for (const c of candidates) {
    if (c && isTimeZone(c)) return c;
    if (c === flag && flag !== undefined) throw new RangeError(`not a time zone: "${flag}" (give an IANA name such as Asia/Tokyo or UTC)`);
  }
  return 'UTC';
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** "+09:00" for Asia/Tokyo at `at`. */
export function offsetOf(at: Date, timeZone: string): string {
  const parts = partsOf(at, timeZone);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const minutes = Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function partsOf(at: Date, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const get = (type: string) => Number(f.formatToParts(at).find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** A zone's short name when it has a real one ("JST", "UTC", "CET"), not "GMT+9". */
function abbreviation(at: Date, timeZone: string, lang: 'ja' | 'en'): string | undefined {
  for (const locale of lang === 'ja' ? ['ja-JP', 'en-US'] : ['en-US', 'ja-JP']) {
    const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
    if (name && /^[A-Z]{2,5}$/.test(name)) return name;
  }
  return undefined;
}

/** "2026-01-15 09:00:00 JST (+09:00)", or "2026-01-15 09:00:00 +01:00" when the zone has no short name. */
export function formatLocalTime(at: Date | string, timeZone: string, lang: 'ja' | 'en' = 'en'): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return String(at);
  const p = partsOf(d, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  const offset = offsetOf(d, timeZone);
  const abbr = abbreviation(d, timeZone, lang);
  return abbr ? `${local} ${abbr} (${offset})` : `${local} ${offset}`;
}
