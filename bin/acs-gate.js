#!/usr/bin/env node
'use strict';
// The acs-gate command. In an installed package it runs the compiled CLI (dist/), nothing else: the package
// ships neither the sources nor tsconfig.json, and never needs a devDependency.
// In a development checkout (src/cli/main.ts and tsconfig.json next to bin/) it runs the compiled CLI only when
// it is at least as new as every source file; otherwise it runs the sources through ts-node, so a stale build
// never runs.
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'src', 'cli', 'main.js');
const source = path.join(root, 'src', 'cli', 'main.ts');

function isDevelopmentCheckout() {
  return fs.existsSync(source) && fs.existsSync(path.join(root, 'tsconfig.json'));
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    // joined by hand: path.join per source file was most of this walk's time at every start
    const p = dir + path.sep + entry.name;
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function builtIsCurrent() {
  try {
    return fs.statSync(compiled).mtimeMs >= newestMtime(path.join(root, 'src'));
  } catch {
    return false;
  }
}

function fail(message) {
  process.stderr.write(`acs-gate: ${message}\n`);
  process.exit(2);
}

if (!isDevelopmentCheckout()) {
  if (!fs.existsSync(compiled)) fail(`${compiled} is missing: this installation of acs-gatekeeper is incomplete; reinstall it`);
  require(compiled).runMain();
} else if (builtIsCurrent()) {
  require(compiled).runMain();
} else {
  let tsNode;
  try {
    tsNode = require(require.resolve('ts-node', { paths: [root] }));
  } catch {
    fail('the build in dist/ is missing or older than src/, and ts-node (a devDependency) is not installed: run `npm ci` or `npm run build`');
  }
  tsNode.register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  require(source).runMain();
}
