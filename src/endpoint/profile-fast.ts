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

// the schema's own patterns (src/endpoint/profile.ts)
const THUMBPRINT = /^[0-9A-Fa-f]{40}$/;
const VERSION = /^\d{1,9}\.\d{1,9}\.\d{1,9}$/;
// KB ids: /^KB\d{1,kbDigits}$/i, tested by a loop in fastProfile
const PRODUCT_TYPES: ReadonlySet<unknown> = new Set(['workstation', 'server', 'domain-controller']);

type Obj = Record<string, unknown>;

function plainObject(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The value of an optional field, or `MISSING` when absent; BAIL when present as undefined (zod keeps the key). */
const MISSING = Symbol('missing');
const BAIL = Symbol('bail');
function field(o: Obj, key: string): unknown {
  const v = o[key];
  if (v !== undefined) return v;
  return Object.prototype.hasOwnProperty.call(o, key) ? BAIL : MISSING;
}

function optString(o: Obj, key: string, pattern?: RegExp, max: number = L.fieldChars): string | typeof MISSING | typeof BAIL {
  const v = field(o, key);
  if (v === MISSING || v === BAIL) return v;
  return typeof v === 'string' && v.length <= max && (!pattern || pattern.test(v)) ? v : BAIL;
}

function optArray(o: Obj, key: string): unknown[] | typeof MISSING | typeof BAIL {
  const v = field(o, key);
  if (v === MISSING || v === BAIL) return v;
  return Array.isArray(v) && v.length <= L.listEntries ? v : BAIL;
}

function rootEntry(e: unknown): RootStoreEntry | undefined {
  if (typeof e === 'string') {
    // THUMBPRINT's test as a loop (a regex per root of every machine was a tenth of reading a fleet), and
    // the upper-case copy only when a lower-case digit is there
    if (e.length !== 40) return undefined;
    let lower = false;
    for (let i = 0; i < 40; i++) {
      const c = e.charCodeAt(i);
      if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46)) continue;
      if (c >= 0x61 && c <= 0x66) lower = true;
      else return undefined;
    }
    return lower ? e.toUpperCase() : e;
  }
  if (!plainObject(e)) return undefined;
  const thumbprint = optString(e, 'thumbprint', THUMBPRINT);
  const subject = optString(e, 'subject');
  const pem = optString(e, 'pem', undefined, L.pemChars);
  if (thumbprint === BAIL || subject === BAIL || pem === BAIL) return undefined;
  const out: { thumbprint?: string; subject?: string; pem?: string } = {};
  if (thumbprint !== MISSING) out.thumbprint = thumbprint.toUpperCase();
  if (subject !== MISSING) out.subject = subject;
  if (pem !== MISSING) out.pem = pem;
  return out;
}

function os(v: unknown): MachineProfile['os'] | undefined {
  if (!plainObject(v)) return undefined;
  const caption = optString(v, 'caption');
  const version = optString(v, 'version', VERSION);
  const ubr = field(v, 'ubr');
  const architecture = optString(v, 'architecture');
  const productType = field(v, 'productType');
  if (caption === BAIL || version === BAIL || architecture === BAIL || ubr === BAIL || productType === BAIL) return undefined;
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
 */
export function fastProfile(input: unknown): MachineProfile | undefined {
  if (!plainObject(input)) return undefined;
  const name = input['name'];
  if (typeof name !== 'string' || name.length < 1 || name.length > L.nameChars) return undefined;
  const role = field(input, 'role');
  if (role !== MISSING && role !== 'endpoint' && role !== 'server') return undefined;
  const rawOs = field(input, 'os');
  if (rawOs === BAIL) return undefined;
  const theOs = rawOs === MISSING ? {} : os(rawOs);
  if (!theOs) return undefined;
  const rawHotfixes = optArray(input, 'hotfixes');
  const rawRoots = optArray(input, 'rootStore');
  const rootAutoUpdate = field(input, 'rootAutoUpdate');
  const online = field(input, 'online');
  const rawSources = optArray(input, 'sources');
  if (rawHotfixes === BAIL || rawRoots === BAIL || rawSources === BAIL || rootAutoUpdate === BAIL || online === BAIL) return undefined;
  if (rootAutoUpdate !== MISSING && typeof rootAutoUpdate !== 'boolean') return undefined;
  if (online !== MISSING && typeof online !== 'boolean') return undefined;

  const out: MachineProfile = { name, role: role === MISSING ? 'endpoint' : role, os: theOs };
  if (rawHotfixes !== MISSING) {
    const hotfixes: string[] = new Array<string>(rawHotfixes.length);
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
      hotfixes[i] = k === 0x4b && b === 0x42 ? h : h.toUpperCase();
    }
    out.hotfixes = hotfixes;
  }
  if (rawRoots !== MISSING) {
    const roots: RootStoreEntry[] = new Array<RootStoreEntry>(rawRoots.length);
    for (let i = 0; i < rawRoots.length; i++) {
      const e = rootEntry(rawRoots[i]);
      if (e === undefined) return undefined;
      roots[i] = e;
    }
    out.rootStore = roots;
  }
  if (rootAutoUpdate !== MISSING) out.rootAutoUpdate = rootAutoUpdate;
  if (online !== MISSING) out.online = online;
  if (rawSources !== MISSING) {
    for (const s of rawSources) if (typeof s !== 'string' || s.length > L.sourceChars) return undefined;
    out.sources = [...(rawSources as string[])];
  }
  return out;
}
