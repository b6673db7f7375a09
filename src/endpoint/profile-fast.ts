/**
 * The machine profile check without zod, for the common case: a plain object (as JSON.parse gives it) whose
 * fields all have their plain forms. It returns exactly what MachineProfileSchema.parse would (same keys in
 * the same order, defaults applied, thumbprints and KB ids upper-cased, other keys dropped), or undefined
 * whenever anything is unusual (a wrong type, a key present with the value undefined, a prototype other than
 * Object's): the caller then asks zod, which also words the errors. tests/endpoint/profile-fast.test.ts holds
 * the two to the same answers on generated input.
 *
 * Why: a fleet of 100 000 machines parses each profile up to four times (inventory, readiness in two
 * languages, simulation); through zod that was a third of the fleet report's allocations.
 */
import type { MachineProfile, RootStoreEntry } from './profile';
import { PROFILE_LIMITS as L } from './limits';

// KB ids: /^KB\d{1,kbDigits}$/i, versions: /^\d{1,9}\.\d{1,9}\.\d{1,9}$/ and thumbprints: /^[0-9A-Fa-f]{40}$/
// (the schema's own patterns, src/endpoint/profile.ts), each tested by a loop
const PRODUCT_TYPES: ReadonlySet<unknown> = new Set(['workstation', 'server', 'domain-controller']);

/**
 * The fields are read by name at each site (o.caption, input.hotfixes, …), not through one helper taking
 * the key: one property read site for every key was megamorphic in V8 (a generic lookup per field of every
 * machine, a fifth of this check's time), a site per field stays monomorphic.
 */
interface RawProfile {
  name?: unknown;
  role?: unknown;
  os?: unknown;
  hotfixes?: unknown;
  rootStore?: unknown;
  rootAutoUpdate?: unknown;
  online?: unknown;
  sources?: unknown;
}
interface RawOs {
  caption?: unknown;
  version?: unknown;
  ubr?: unknown;
  architecture?: unknown;
  productType?: unknown;
}
interface RawRoot {
  thumbprint?: unknown;
  subject?: unknown;
  pem?: unknown;
}

function plainObject(v: unknown): v is object {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A key present with the value undefined (zod keeps the key: this check then leaves the profile to zod). */
function hasKey(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** An optional string field's value: MISSING when absent, BAIL when present and not a string within `max` (or undefined). */
const MISSING = Symbol('missing');
const BAIL = Symbol('bail');
function optString(v: unknown, o: object, key: string, max: number = L.fieldChars): string | typeof MISSING | typeof BAIL {
  if (v === undefined) return hasKey(o, key) ? BAIL : MISSING;
  return typeof v === 'string' && v.length <= max ? v : BAIL;
}

/** An optional list field's value: MISSING when absent, BAIL when present and not an array within the bound. */
function optArray(v: unknown, o: object, key: string): unknown[] | typeof MISSING | typeof BAIL {
  if (v === undefined) return hasKey(o, key) ? BAIL : MISSING;
  return Array.isArray(v) && v.length <= L.listEntries ? v : BAIL;
}

/** /^\d{1,9}\.\d{1,9}\.\d{1,9}$/ as a loop */
function isVersion(s: string): boolean {
  let part = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (++digits > 9) return false;
    } else if (c === 0x2e && digits > 0 && part < 2) {
      part++;
      digits = 0;
    } else return false;
  }
  return part === 2 && digits > 0;
}

/** Each code unit below 128 as a thumbprint digit: 1 for 0-9 and A-F, 2 for a-f, 0 for anything else. */
const HEX_DIGIT = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) HEX_DIGIT[c] = 1;
for (let c = 0x41; c <= 0x46; c++) HEX_DIGIT[c] = 1;
for (let c = 0x61; c <= 0x66; c++) HEX_DIGIT[c] = 2;

/**
 * A thumbprint (40 hex digits) upper-cased, or undefined when it is none. THUMBPRINT's test as a loop over a
 * table (a regex per root of every machine was a tenth of reading a fleet, and a fleet report checks each
 * profile several times), and the upper-case copy only when a lower-case digit is there.
 */
function thumbprint(e: string): string | undefined {
  if (e.length !== 40) return undefined;
  let seen = 0;
  for (let i = 0; i < 40; i++) {
    const c = e.charCodeAt(i);
    const d = c < 128 ? HEX_DIGIT[c]! : 0;
    if (d === 0) return undefined;
    seen |= d;
  }
  return seen & 2 ? e.toUpperCase() : e;
}

function rootEntry(e: unknown): RootStoreEntry | undefined {
  if (typeof e === 'string') return thumbprint(e);
  if (!plainObject(e)) return undefined;
  const r = e as RawRoot;
  const rawThumbprint = optString(r.thumbprint, e, 'thumbprint');
  const subject = optString(r.subject, e, 'subject');
  const pem = optString(r.pem, e, 'pem', L.pemChars);
  if (rawThumbprint === BAIL || subject === BAIL || pem === BAIL) return undefined;
  const out: { thumbprint?: string; subject?: string; pem?: string } = {};
  if (rawThumbprint !== MISSING) {
    const t = thumbprint(rawThumbprint);
    if (t === undefined) return undefined;
    out.thumbprint = t;
  }
  if (subject !== MISSING) out.subject = subject;
  if (pem !== MISSING) out.pem = pem;
  return out;
}

function os(v: unknown): MachineProfile['os'] | undefined {
  if (!plainObject(v)) return undefined;
  const o = v as RawOs;
  const caption = optString(o.caption, v, 'caption');
  const version = optString(o.version, v, 'version');
  const ubr = o.ubr === undefined ? (hasKey(v, 'ubr') ? BAIL : MISSING) : o.ubr;
  const architecture = optString(o.architecture, v, 'architecture');
  const productType = o.productType === undefined ? (hasKey(v, 'productType') ? BAIL : MISSING) : o.productType;
  if (caption === BAIL || version === BAIL || architecture === BAIL || ubr === BAIL || productType === BAIL) return undefined;
  if (version !== MISSING && !isVersion(version)) return undefined;
  if (ubr !== MISSING && !(typeof ubr === 'number' && Number.isSafeInteger(ubr) && ubr >= 0)) return undefined;
  if (productType !== MISSING && !PRODUCT_TYPES.has(productType)) return undefined;
  const out: MachineProfile['os'] = {};
  if (caption !== MISSING) out.caption = caption;
  if (version !== MISSING) out.version = version;
  if (ubr !== MISSING) out.ubr = ubr as number;
  if (architecture !== MISSING) out.architecture = architecture;
  if (productType !== MISSING) out.productType = productType as NonNullable<MachineProfile['os']['productType']>;
  return out;
}

/**
 * `input` as MachineProfileSchema.parse returns it, when it is a plain profile; undefined otherwise
 * (including every input zod rejects).
 * `owned`: the input was made by JSON.parse for this call alone and nobody else holds it (a line of a fleet
 * file): its hotfix and root lists are then kept as the profile's own when they are already in their
 * canonical form (upper-case, thumbprint strings), instead of being copied element by element; two arrays
 * fewer per machine of a 100 000-machine fleet (issue 18.8). A caller's own object (parseProfile) is always
 * copied: the profile must not change when the caller changes its input afterwards.
 */
export function fastProfile(input: unknown, owned = false): MachineProfile | undefined {
  if (!plainObject(input)) return undefined;
  const p = input as RawProfile;
  const name = p.name;
  if (typeof name !== 'string' || name.length < 1 || name.length > L.nameChars) return undefined;
  const role = p.role;
  if (role === undefined ? hasKey(input, 'role') : role !== 'endpoint' && role !== 'server') return undefined;
  const rawOs = p.os;
  let theOs: MachineProfile['os'] | undefined;
  if (rawOs === undefined) {
    if (hasKey(input, 'os')) return undefined;
    theOs = {};
  } else theOs = os(rawOs);
  if (!theOs) return undefined;
  const rawHotfixes = optArray(p.hotfixes, input, 'hotfixes');
  const rawRoots = optArray(p.rootStore, input, 'rootStore');
  const rootAutoUpdate = p.rootAutoUpdate;
  const online = p.online;
  const rawSources = optArray(p.sources, input, 'sources');
  if (rawHotfixes === BAIL || rawRoots === BAIL || rawSources === BAIL) return undefined;
  if (rootAutoUpdate === undefined ? hasKey(input, 'rootAutoUpdate') : typeof rootAutoUpdate !== 'boolean') return undefined;
  if (online === undefined ? hasKey(input, 'online') : typeof online !== 'boolean') return undefined;

  const out: MachineProfile = { name, role: role === undefined ? 'endpoint' : (role as 'endpoint' | 'server'), os: theOs };
  if (rawHotfixes !== MISSING) {
    // owned: no copy unless an entry changes (then the entries before it are copied as they were)
    let hotfixes: string[] | undefined = owned ? undefined : new Array<string>(rawHotfixes.length);
    for (let i = 0; i < rawHotfixes.length; i++) {
      const h = rawHotfixes[i];
      if (typeof h !== 'string') return undefined;
      const k = h.charCodeAt(0);
      const b = h.charCodeAt(1);
      // KB's test as a loop: "KB" in either case, then 1 to kbDigits digits; upper-cased only when needed
      if ((k !== 0x4b && k !== 0x6b) || (b !== 0x42 && b !== 0x62) || h.length < 3 || h.length > 2 + L.kbDigits) return undefined;
      for (let j = 2; j < h.length; j++) {
        const c = h.charCodeAt(j);
        if (c < 0x30 || c > 0x39) return undefined;
      }
      if (k === 0x4b && b === 0x42) {
        if (hotfixes) hotfixes[i] = h;
      } else {
        hotfixes ??= (rawHotfixes as string[]).slice(0, i);
        hotfixes[i] = h.toUpperCase();
      }
    }
    out.hotfixes = hotfixes ?? (rawHotfixes as string[]);
  }
  if (rawRoots !== MISSING) {
    // owned: no copy unless an entry changes (an object entry, a lower-case thumbprint): then the entries
    // before it are copied as they were
    let roots: RootStoreEntry[] | undefined = owned ? undefined : new Array<RootStoreEntry>(rawRoots.length);
    for (let i = 0; i < rawRoots.length; i++) {
      const raw = rawRoots[i];
      const e = rootEntry(raw);
      if (e === undefined) return undefined;
      if (e !== raw) roots ??= (rawRoots as RootStoreEntry[]).slice(0, i);
      if (roots) roots[i] = e;
    }
    out.rootStore = roots ?? (rawRoots as RootStoreEntry[]);
  }
  if (rootAutoUpdate !== undefined) out.rootAutoUpdate = rootAutoUpdate as boolean;
  if (online !== undefined) out.online = online as boolean;
  if (rawSources !== MISSING) {
    for (const s of rawSources) if (typeof s !== 'string' || s.length > L.sourceChars) return undefined;
    out.sources = [...(rawSources as string[])];
  }
  return out;
}
