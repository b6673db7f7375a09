#!/usr/bin/env node
/**
 * Clicks the report's language toggle in headless Chromium through the DevTools protocol and prints, as JSON,
 * the page language and the visible heading before and after the click.
 * Usage: node --experimental-websocket cdp-click.js CHROMIUM URL   (Node 20 needs the flag for WebSocket)
 */
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [chromium, url] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-cdp-'));
const child = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--remote-debugging-port=0', `--user-data-dir=${profile}`, url,
], { stdio: 'ignore' });

function cleanup() {
  child.kill('SIGKILL');
  setTimeout(() => fs.rmSync(profile, { recursive: true, force: true }), 200);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// generous deadlines: on a loaded 2-core CI machine Chromium can take seconds to start and load
const DEADLINE_MS = 30000;
const until = () => Date.now() + DEADLINE_MS;

async function devtoolsPort() {
  const file = path.join(profile, 'DevToolsActivePort');
  for (const end = until(); Date.now() < end; ) {
    if (fs.existsSync(file)) {
      const port = fs.readFileSync(file, 'utf8').split('\n')[0];
      if (port) return port;
    }
    await sleep(50);
  }
  throw new Error('chromium did not open its DevTools port');
}

async function main() {
  const port = await devtoolsPort();
  let target;
  for (const end = until(); Date.now() < end && !target; ) {
    const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    target = list.find((t) => t.type === 'page' && t.url.startsWith('file:'));
    if (!target) await sleep(50);
  }
  if (!target) throw new Error('no page target');
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 0;
  const pending = new Map();
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && pending.has(msg.id)) pending.get(msg.id)(msg);
  };
  const evaluate = (expression) =>
    new Promise((resolve) => {
      const n = ++id;
      pending.set(n, (msg) => resolve(msg.result && msg.result.result ? msg.result.result.value : undefined));
      ws.send(JSON.stringify({ id: n, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }));
    });
  for (const end = until(); (await evaluate('document.readyState')) !== 'complete'; await sleep(50)) {
    if (Date.now() > end) throw new Error('the report page did not finish loading');
  }
  const state = `({ lang: document.documentElement.lang, heading: document.querySelector('h1').innerText.trim() })`;
  const before = await evaluate(state);
  await evaluate(`document.getElementById('toggle-lang').click()`);
  const after = await evaluate(state);
  ws.close();
  process.stdout.write(JSON.stringify({ before, after }) + '\n');
}

main().then(
  () => cleanup(),
  (e) => {
    process.stderr.write(`cdp-click: ${e && e.message}\n`);
    cleanup();
    process.exitCode = 1;
  },
);
