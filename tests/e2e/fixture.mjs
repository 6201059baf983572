// Proof in a real bundler and framework: the packed npm package is installed into a small
// Vite + React app (tests/fixture-app, its lockfile committed), the app is built with Vite,
// the build is served, and Chromium checks that the map paints, that the WebAssembly came
// through the bundler, and that React's StrictMode (which mounts twice) leaves one map.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDir } from './browser.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const APP = join(ROOT, 'tests', 'fixture-app');
let out;
before(async () => {
  const tarball = execFileSync('node', [join(ROOT, 'scripts', 'package.mjs')], { encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', '--silent', tarball], { cwd: APP, stdio: 'inherit' });
  out = await mkdtemp(join(tmpdir(), 'region-map-vite-'));
  // React's development build: StrictMode runs each effect twice only there.
  execFileSync(join(APP, 'node_modules', '.bin', 'vite'), ['build', '--mode', 'development', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: APP, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'development' } });
  await copyFile(join(ROOT, 'data', 'cities.geojson'), join(out, 'cities.geojson'));
});
after(async () => { if (out) await rm(out, { recursive: true, force: true }); });

test('a Vite build of a React app shows the map, with the WebAssembly copied by the bundler, and StrictMode leaves one map', async () => {
  const assets = await readdir(join(out, 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the bundler copied the wasm: ${assets.join(', ')}`);
  const server = await serveDir(out);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => window.regionMap || window.mountError, null, { timeout: 30000 });
    await page.waitForTimeout(500);
    const st = await page.evaluate(() => {
      const c = document.querySelector('.rm-canvas');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200) ink++;
      return { error: window.mountError ?? null, effects: window.effects, maps: window.regionMaps, roots: document.querySelectorAll('.rm-root').length, cities: window.regionMap?.cities().length, ink };
    });
    assert.equal(st.error, null);
    assert.equal(st.effects, 2, 'StrictMode ran the effect twice');
    assert.equal(st.roots, 1, 'one map in the element');
    assert.equal(st.maps, 1, 'one mount resolved');
    assert.ok(st.cities > 60 && st.ink > 5000, JSON.stringify(st));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
