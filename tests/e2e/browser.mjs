// Shared helpers of the end-to-end tests and the benchmark: the local server and Chromium.
import { before, after } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

// Where the tests save their screenshots, for a person to look at.
export const SHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

// A test file's server and Chromium: started before its first test (with the screenshots'
// folder made, then `ready(env)` for the file's own setup) and closed after its last. The
// object returned is filled in when they have started.
export function useBrowser(ready) {
  const env = {};
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    Object.assign(env, await start());
    await ready?.(env);
  });
  after(async () => { await env.close?.(); });
  return env;
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Debian's Chromium, headless, with the arguments above.
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

export async function start() {
  const server = await serve(0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

// A page of the site at `path`, once it has a map (`window.regionMap`), with the page's
// errors gathered (uncaught exceptions and console errors, save a missing favicon or a 404):
// { page, errors }. `options` go to newPage (viewport, deviceScaleFactor, reducedMotion, …).
export async function openMap(env, path, options = {}) {
  const page = await env.browser.newPage(options);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon|404/.test(m.text())) errors.push(m.text()); });
  await page.goto(env.base + path);
  await page.waitForFunction(() => window.regionMap, null, { timeout: 30000 });
  return { page, errors };
}

// Serves a folder (a packed app, a build) on a free port of 127.0.0.1: { url, close }.
export async function serveDir(dir) {
  const { createServer } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const { extname, join, normalize } = await import('node:path');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/json', '.wasm': 'application/wasm' };
  const server = createServer(async (req, res) => {
    try {
      let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      if (path.endsWith('/')) path += 'index.html';
      const body = await readFile(join(dir, path));
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch { res.writeHead(404); res.end(); }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}
