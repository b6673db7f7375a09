#!/usr/bin/env node
'use strict';
/**
 * The build `npm pack` runs (package.json "prepack"): compiles src/ alone into dist/src with
 * tsconfig.pack.json (no source maps: the package does not ship the sources), after removing what an
 * earlier build left there, so no output of a deleted or moved source file reaches the tarball. The
 * declarations go into one file, dist/src/api.d.ts, holding only what a consumer's compiler can reach from
 * the package's entry points (the command line's own modules need none), which keeps the tarball small.
 *
 *   node scripts/pack-dist.js
 */
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { execFileSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist', 'src');
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
/** The declaration entry points of package.json "exports" (relative to dist/src) and the module each re-exports. */
const ENTRIES = [
  { file: 'index.d.ts', module: 'index' },
  { file: path.join('testing', 'index.d.ts'), module: 'testing/index' },
];
/** All declarations in one file (one .d.ts per module would be most of the tarball's files). */
const BUNDLE = 'api.d.ts';
/** Ambient module names in the bundle start with the package's name and version, so they clash with nothing. */
const PREFIX = `acs-gatekeeper@${version}/`;

function tsc(args) {
  const bin = require.resolve('typescript/bin/tsc', { paths: [root] });
  execFileSync(process.execPath, [bin, '-p', path.join(root, 'tsconfig.pack.json'), ...args], { stdio: 'inherit', cwd: root });
}

/** The JavaScript, one file per module (require() paths, the worker pool's worker.js and data files stay as they are). */
function build() {
  fs.rmSync(out, { recursive: true, force: true });
  tsc(['--declaration', 'false']);
}

/**
 * The declarations as one file: TypeScript's own single-file declaration output (module amd, outFile) holds one
 * `declare module "name"` block per source module; the blocks the entry points cannot reach are left out and
 * the names get the package prefix. Each entry point's .d.ts references the bundle and re-exports its module.
 */
function bundleDeclarations() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-gate-dts-'));
  try {
    tsc(['--emitDeclarationOnly', '--declaration', '--module', 'amd', '--moduleResolution', 'node10', '--outFile', path.join(tmp, 'all.d.ts'), '--rootDir', path.join(root, 'src'), '--ignoreDeprecations', '6.0']);
    const text = fs.readFileSync(path.join(tmp, 'all.d.ts'), 'utf8');
    const blocks = new Map();
    let covered = 0;
    for (const m of text.matchAll(/^declare module "([^"]+)" \{\n[\s\S]*?^\}\n?/gm)) {
      blocks.set(m[1], m[0]);
      covered += m[0].length;
    }
    if (covered !== text.length) throw new Error(`pack-dist: the declaration bundle has ${text.length - covered} characters outside its module blocks`);
    const refs = /(declare module |\bfrom |\bimport\(|\bimport )"([^"]+)"/g;
    // a folder's index module is named "dir/index" but referred to as "dir"
    const blockOf = (name) => (blocks.has(name) ? name : blocks.has(`${name}/index`) ? `${name}/index` : undefined);
    const keep = new Set();
    const queue = ENTRIES.map((e) => e.module);
    while (queue.length > 0) {
      const name = queue.pop();
      if (keep.has(name)) continue;
      if (!blocks.has(name)) throw new Error(`pack-dist: no declarations for module ${name}`);
      keep.add(name);
      for (const m of blocks.get(name).matchAll(refs)) {
        const target = blockOf(m[2]);
        if (target) queue.push(target);
      }
    }
    const kept = [...blocks.entries()]
      .filter(([name]) => keep.has(name))
      .map(([, block]) =>
        block.replace(refs, (all, lead, name) => {
          const target = blockOf(name);
          return target ? `${lead}"${PREFIX}${target}"` : all;
        }),
      );
    // Buffer, node:crypto, node:fs/promises: the declarations use Node's types, so they say so (a consumer with
    // @types/node installed needs no "types" setting; TypeScript 6+ no longer includes every @types package by default)
    fs.writeFileSync(path.join(out, BUNDLE), `/// <reference types="node" />\n${kept.join('')}`);
    for (const e of ENTRIES) {
      const file = path.join(out, e.file);
      let ref = path.relative(path.dirname(file), path.join(out, BUNDLE)).split(path.sep).join('/');
      if (!ref.startsWith('.')) ref = `./${ref}`;
      fs.writeFileSync(file, `/// <reference path="${ref}" />\nexport * from "${PREFIX}${e.module}";\n`);
    }
    return { kept: keep.size, removed: blocks.size - keep.size };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
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
const { kept, removed } = bundleDeclarations();
plainTypedArrays();
process.stderr.write(`pack-dist: dist/src built; the declarations of ${kept} modules in dist/src/${BUNDLE} (${removed} not reachable from the entry points left out)\n`);
