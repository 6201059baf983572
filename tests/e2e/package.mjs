// The npm package, as someone installs it: `node scripts/package.mjs` packs the build, the
// tarball is installed into a fresh folder, Node imports it (server rendering must not throw),
// and a page with no bundler loads it from node_modules and shows the map, its chart included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDir } from './browser.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let app; // the fresh folder the package is installed into
let tarball;
before(async () => {
  tarball = execFileSync('node', [join(ROOT, 'scripts', 'package.mjs')], { encoding: 'utf8' }).trim().split('\n').pop();
  app = await mkdtemp(join(tmpdir(), 'region-map-app-'));
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'an-app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--silent', tarball], { cwd: app, stdio: 'inherit' });
});
after(async () => { if (app) await rm(app, { recursive: true, force: true }); });

test('the package has an exports map with types, and only the files a page needs', async () => {
  const pkg = JSON.parse(await readFile(join(app, 'node_modules', 'region-map', 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'region-map');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.exports['.'].types, './region-map.d.ts');
  assert.ok(pkg.private !== true, 'the package is publishable');
  const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
  for (const f of ['region-map.min.js', 'region-map.css', 'region-map.d.ts', 'pkg/region_map_bg.wasm', 'pkg/region_map_charts_bg.wasm']) {
    assert.ok(files.includes(`package/${f}`), `${f} is in the tarball`);
  }
  assert.ok(!files.some((f) => f.endsWith('.rs') || f.includes('node_modules')), 'no sources, no dependencies');
});

test('Node imports the package without throwing (server rendering)', () => {
  const out = execFileSync('node', ['--input-type=module', '-e',
    "const m = await import('region-map'); console.log(typeof m.mount, typeof m.RegionMapElement);"], { cwd: app, encoding: 'utf8' });
  assert.equal(out.trim(), 'function function');
});

test('a page with no bundler loads the installed package and shows the map, with its chart', async () => {
  for (const f of ['cities.geojson', 'provinces.geojson', 'parks.geojson', 'alliances.json']) await copyFile(join(ROOT, 'data', f), join(app, f));
  await writeFile(join(app, 'index.html'), `<!doctype html><html><head><meta charset="utf-8">
<script type="module" src="node_modules/region-map/region-map.min.js"></script></head>
<body><region-map cities="cities.geojson" provinces="provinces.geojson" parks="parks.geojson" alliances="alliances.json"></region-map></body></html>`);
  const server = await serveDir(app);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector('region-map')?.map, null, { timeout: 30000 });
    const ink = await page.evaluate(() => {
      const c = document.querySelector('.rm-canvas');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200) n++;
      return n;
    });
    assert.ok(ink > 5000, `the map is painted (${ink} dark pixels)`);
    // The charts module comes from the package too.
    await page.evaluate(() => document.querySelector('region-map').map.select('g60-corridor'));
    await page.waitForSelector('.rm-panel canvas.rm-chart[data-drawn]', { timeout: 15000 });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
