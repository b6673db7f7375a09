#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (npm run build). Falls back to ts-node for a checkout that was not built.
const path = require('node:path');
const fs = require('node:fs');
const compiled = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (fs.existsSync(compiled)) {
  require(compiled).runMain();
} else {
  require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
  require(path.join(__dirname, '..', 'src', 'cli', 'main.ts')).runMain();
}
