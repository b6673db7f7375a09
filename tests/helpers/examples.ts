/** The examples of the --help texts and the README, as the tests that run them read them. */

/** The "acs-gate ..." lines after an "Example(s):" heading, without a trailing "# comment". */
export function exampleLines(help: string): string[] {
  const lines = help.split('\n');
  const start = lines.findIndex((l) => /^Examples?\b.*:\s*$/.test(l));
  if (start < 0) return [];
  return lines
    .slice(start + 1)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('acs-gate '))
    .map((l) => l.replace(/\s+#.*$/, ''));
}

/** Splits a command line as sh does for the simple cases the examples use: spaces, "double" and 'single' quotes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"' || c === "'") {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unclosed quote in: ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/**
 * The command lines of the README's ```sh blocks that run the CLI ("acs-gate …" and "npx acs-gate …"), a
 * trailing "\\" continuation joined, without synopsis lines (FILE... [--flag X]...) and without "# comments".
 */
export function readmeCommandLines(readme: string): string[] {
  const out: string[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const joined = block[1]!.replace(/\\\n\s*/g, ' ');
    for (const raw of joined.split('\n')) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      if (!/^(npx )?acs-gate /.test(line)) continue;
      if (/\[--|\.\.\.|\b[A-Z]{3,}\b(?!-)/.test(line.replace(/"[^"]*"|'[^']*'/g, ''))) continue; // a synopsis: FILE... [--trust PEM]...
      out.push(line);
    }
  }
  return out;
}
