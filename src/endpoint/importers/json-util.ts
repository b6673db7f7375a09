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
 * True when `value` (as JSON.parse gives it) nests arrays / objects more than `max` levels deep. Iterative
 * (no recursion whatever the depth) and it stops at the first branch found too deep.
 */
export function jsonTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length) {
    const v = stack.pop() as object;
    const d = depths.pop()!;
    if (d > max) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const c: unknown = v[i];
        if (typeof c === 'object' && c !== null) {
          stack.push(c);
          depths.push(d + 1);
        }
      }
    } else {
      for (const k in v) {
        const c: unknown = (v as Record<string, unknown>)[k];
        if (typeof c === 'object' && c !== null) {
          stack.push(c);
          depths.push(d + 1);
        }
      }
    }
  }
  return false;
}
