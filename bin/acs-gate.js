#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (npm run build) when it is at least as new as every source file; otherwise, in a
// checkout that was not built or was edited since, runs the sources through ts-node, so a stale build never runs.
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'src', 'cli', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
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

if (builtIsCurrent()) {
  require(compiled).runMain();
} else {
  require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  require(path.join(root, 'src', 'cli', 'main.ts')).runMain();
}
