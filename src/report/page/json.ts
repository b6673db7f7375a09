/** JSON for the page's <script type="application/json"> blocks. */

/**
 * JSON safe inside a <script> element: no "<" (so no "</script>" and no "<!--"), no U+2028/2029; DEL, C1,
 * bidi controls and invisible marks as \uNNNN too. The same JSON value, nothing raw in the page.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
