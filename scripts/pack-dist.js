#!/usr/bin/env node
'use strict';
/**
 * The build `npm pack` runs (package.json "prepack"): compiles src/ alone into dist/src with
 * tsconfig.pack.json (no source maps: the package does not ship the sources), after removing what an
 * earlier build left there, so no output of a deleted or moved source file reaches the tarball. Then it
 * keeps only the declaration files a consumer's compiler can reach from the package's entry points
 * (the command line's own modules need none), which keeps the tarball small.
 *
 *   node scripts/pack-dist.js
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist', 'src');
/** The entry points of package.json "exports" (declarations), relative to dist/src. */
const ENTRIES = ['index.d.ts', path.join('testing', 'index.d.ts')];

function build() {
  fs.rmSync(out, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.pack.json')], { stdio: 'inherit', cwd: root });
}

/** Relative module specifiers a declaration file refers to (imports, re-exports, import types, references). */
function referencedFiles(file) {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [];
  const patterns = [/\bfrom\s+['"](\.[^'"]*)['"]/g, /\bimport\s*\(\s*['"](\.[^'"]*)['"]\s*\)/g, /\bimport\s+['"](\.[^'"]*)['"]/g];
  for (const re of patterns) for (const m of text.matchAll(re)) specs.push(m[1]);
  for (const m of text.matchAll(/\/\/\/\s*<reference\s+path=['"]([^'"]+)['"]/g)) specs.push(m[1]);
  const dir = path.dirname(file);
  const found = [];
  for (const spec of specs) {
    const base = path.resolve(dir, spec.replace(/\.js$/, ''));
    for (const candidate of [base.endsWith('.d.ts') ? base : `${base}.d.ts`, path.join(base, 'index.d.ts')]) {
      if (fs.existsSync(candidate)) {
        found.push(candidate);
        break;
      }
    }
  }
  return found;
}

function pruneDeclarations() {
  const keep = new Set();
  const queue = ENTRIES.map((e) => path.join(out, e));
  for (const e of queue) if (!fs.existsSync(e)) throw new Error(`pack-dist: entry ${e} was not built`);
  while (queue.length > 0) {
    const file = queue.pop();
    if (keep.has(file)) continue;
    keep.add(file);
    queue.push(...referencedFiles(file));
  }
  let removed = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.d.ts') && !keep.has(p)) {
        fs.rmSync(p);
        removed++;
      }
    }
  };
  walk(out);
  return { kept: keep.size, removed };
}

/**
 * TypeScript 5.7 made Buffer and the typed arrays generic (`Buffer<ArrayBuffer>`); TypeScript 5.6 (and the
 * ts5.6 types @types/node gives it) reports "Type 'Buffer' is not generic" for such a declaration. The plain
 * name means the same thing in 5.7+ (its default is ArrayBufferLike), so the shipped declarations use it.
 */
const TYPED_ARRAY_GENERIC = /\b(Buffer|ArrayBufferView|DataView|(?:Ui|I)nt(?:8|16|32)Array|Uint8ClampedArray|Float(?:16|32|64)Array|Big(?:Ui|I)nt64Array)<(?:ArrayBufferLike|ArrayBuffer|SharedArrayBuffer)>/g;

function plainTypedArrays() {
  let changed = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.d.ts')) {
        const text = fs.readFileSync(p, 'utf8');
        const plain = text.replace(TYPED_ARRAY_GENERIC, '$1');
        if (plain !== text) {
          fs.writeFileSync(p, plain);
          changed++;
        }
      }
    }
  };
  walk(out);
  return changed;
}

build();
const { kept, removed } = pruneDeclarations();
plainTypedArrays();
process.stderr.write(`pack-dist: dist/src built; ${kept} declaration files kept, ${removed} not reachable from the entry points removed\n`);
