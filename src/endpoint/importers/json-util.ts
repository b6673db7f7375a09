/** Line number of a JSON.parse error ("… at position 123" in Node 20), or undefined. */
export function jsonErrorLine(text: string, e: unknown): number | undefined {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
  if (!m) {
    // "Unexpected end of JSON input": the last line
    if (e instanceof Error && /end of JSON/i.test(e.message)) return text.split(/\r\n|\n|\r/).length;
    return undefined;
  }
  const pos = Number(m[1]);
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * How deep a JSON value read from a file may nest. A machine profile is 3 levels deep (profile → rootStore →
 * entry) and a PowerShell `ConvertTo-Json` export is 2 by default (100 at most), so 64 is far above anything
 * real; a value nested deeper is refused before anything walks it recursively (JSON.stringify, a schema
 * check), which would otherwise throw "Maximum call stack size exceeded" and stop the whole run.
 */
export const MAX_JSON_DEPTH = 64;

/** The message for a value deeper than MAX_JSON_DEPTH. */
export const TOO_DEEP = `nested deeper than ${MAX_JSON_DEPTH} levels (arrays and objects inside each other): not read`;

/**
 * True when `value` (as JSON.parse gives it) nests arrays / objects more than `max` levels deep. It stops at
 * the first branch found too deep. Recursive, but never deeper than `max` + 1 calls whatever the value's
 * depth (a branch is given up as too deep there), so no value can overflow the stack; faster than an
 * explicit stack (it ran for every machine of a fleet).
 */
export function jsonTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  return typeof value === 'object' && value !== null && deeperThan(value, 1, max);
}

function deeperThan(v: object, depth: number, max: number): boolean {
  if (depth > max) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const c: unknown = v[i];
      if (typeof c === 'object' && c !== null && deeperThan(c, depth + 1, max)) return true;
    }
  } else {
    for (const k in v) {
      const c: unknown = (v as Record<string, unknown>)[k];
      if (typeof c === 'object' && c !== null && deeperThan(c, depth + 1, max)) return true;
    }
  }
  return false;
}
