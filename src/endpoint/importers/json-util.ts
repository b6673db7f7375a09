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
