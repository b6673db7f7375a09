/**
 * The sources transpiled to plain JavaScript once (no type check) in a temporary folder, for tests that start
 * many child processes: a child then starts in a fraction of a second instead of compiling the sources again.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');

/** Transpiles src/ into a new temporary folder; returns the folder (holding src/, acs-gate.js and a node_modules link). */
export function transpileSources(): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-js-'));
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.ts')) {
        const js = ts.transpileModule(fs.readFileSync(path.join(ROOT, r), 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
          fileName: r,
        }).outputText;
        fs.mkdirSync(path.join(out, rel), { recursive: true });
        fs.writeFileSync(path.join(out, r.replace(/\.ts$/, '.js')), js);
      } else {
        fs.mkdirSync(path.join(out, rel), { recursive: true });
        fs.copyFileSync(path.join(ROOT, r), path.join(out, r));
      }
    }
  };
  walk('src');
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  // the CLI as bin/acs-gate.js runs it
  fs.writeFileSync(path.join(out, 'acs-gate.js'), "require('./src/cli/main.js').runMain();\n");
  return out;
}
