// End-to-end tests on public data that the map was not shaped around (scripts/public-data.mjs
// fetches nothing: it converts files of npm packages):
//   world-10m    Natural Earth 1:10m countries (public domain), via world-atlas (ISC)
//   us-counties  the Census Bureau's 3,231 counties of 2017 (public domain), via us-atlas (ISC)
//   pacific-50m  Natural Earth 1:50m countries of Oceania, across the antimeridian
//   earthquakes  one week of USGS earthquakes (public domain), via vega-datasets (BSD-3-Clause):
//                points only
//   us-borders   the borders between US states (Census, via us-atlas): lines only
// and the shipped region. Each opens with no option set, in the light and the dark theme: the
// first frame shows the whole data, borders are visible, open ocean stays sea, hover and
// click work. Screenshots go to tests/e2e/screenshots/anydata-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useBrowser, SHOTS } from './browser.mjs';
import { writeAll } from '../../scripts/public-data.mjs';

const VIEWPORT = { width: 1000, height: 620 };

let dataDir;
const env = useBrowser(async () => { dataDir = await writeAll(); });

const SHIPPED = 'data=/data/cities.geojson&provinces=/data/provinces.geojson&parks=/data/parks.geojson&alliances=/data/alliances.json';

// name, query, places in open ocean [lon, lat] that must stay sea.
const SETS = [
  ['world-10m', 'data=/public-data/world-10m.geojson', [[-140, -30], [-30, -30], [75, -25]]],
  ['us-counties', 'data=/public-data/us-counties.geojson', [[-135, 30], [-160, 45]]],
  ['pacific-50m', 'data=/public-data/pacific-50m.geojson', [[-150, -45], [170, -5]]],
  ['earthquakes', 'data=/public-data/earthquakes.geojson', [[-140, -40], [-30, -45]]],
  // Borders between states only: the view ends at the coasts, so no open ocean is in view.
  ['us-borders', 'data=/public-data/us-borders.geojson', []],
  ['region', SHIPPED, [[124.5, 26.5], [123.5, 24.5]]],
];

async function open(query, theme) {
  const context = await env.browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.base}examples/view.html?${query}&theme=${theme}`);
  await page.waitForFunction(() => window.regionMap, null, { timeout: 60000 });
  // Every shape in (a very large file is drawn over a few frames), the land of point data too.
  await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => r(true), 300)))));
  await page.waitForTimeout(700);
  return { context, page, errors };
}

// The features' points as [lon, lat], from the file itself: each polygon's label point (the
// map's own records), each point, and each line's vertices.
async function places(name, page) {
  if (name === 'region') return page.evaluate(() => window.regionMap.cities().filter((c) => c.level === 'prefecture').map((c) => c.seat));
  const fc = JSON.parse(await readFile(join(dataDir, `${name}.geojson`), 'utf8'));
  const out = [];
  const walk = (g) => {
    if (g.type === 'Point') out.push(g.coordinates);
    else if (g.type === 'MultiPoint' || g.type === 'LineString') out.push(...g.coordinates);
    else if (g.type === 'MultiLineString') g.coordinates.forEach((l) => out.push(...l));
  };
  fc.features.forEach((f) => f.geometry && walk(f.geometry));
  if (out.length) return out;
  return page.evaluate(() => window.regionMap.cities().map((c) => c.seat));
}

// What the canvas shows, measured in the page: the colour at places given in CSS px, and
// the share of land pixels and of line pixels (those that stand out from both the land and
// the sea: borders, outlines, lines and points), against the theme's own colours.
async function measure(page, spots) {
  return page.evaluate((spots) => {
    const c = document.querySelector('.rm-canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const k = c.width / c.getBoundingClientRect().width;
    const probe = document.createElement('span');
    document.querySelector('region-map').append(probe);
    const color = (v) => { probe.style.color = `var(${v})`; return getComputedStyle(probe).color.match(/[\d.]+/g).slice(0, 3).map(Number); };
    const sea = color('--rm-sea');
    const land = color('--rm-land');
    probe.remove();
    const lum = ([r, g, b]) => 0.299 * r + 0.587 * g + 0.114 * b;
    const near = (a, b, tol) => a.every((v, i) => Math.abs(v - b[i]) <= tol);
    let landN = 0, lines = 0, n = 0;
    for (let i = 0; i < d.length; i += 16) {
      const px = [d[i], d[i + 1], d[i + 2]];
      n++;
      if (near(px, land, 3)) landN++;
      else if (Math.abs(lum(px) - lum(land)) > 25 && Math.abs(lum(px) - lum(sea)) > 25) lines++;
    }
    const at = ([x, y]) => { const i = (Math.round(y * k) * c.width + Math.round(x * k)) * 4; return [d[i], d[i + 1], d[i + 2]]; };
    return { sea, land, landShare: landN / n, lineShare: lines / n, spots: spots.map(at) };
  }, spots);
}

const near = (a, b, tol = 6) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

for (const [name, query, ocean] of SETS) {
  for (const theme of ['light', 'dark']) {
    test(`${name} (${theme}): the whole data on the first frame, borders visible, open ocean left sea, hover and click`, { timeout: 120000 }, async () => {
      const { context, page, errors } = await open(query, theme);
      await page.screenshot({ path: join(SHOTS, `anydata-${name}-${theme}.png`) });
      const size = await page.evaluate(() => { const r = document.querySelector('.rm-canvas').getBoundingClientRect(); return { w: r.width, h: r.height }; });

      // Every feature's point is on screen.
      const pts = await places(name, page);
      const off = await page.evaluate(({ pts, size }) => pts.filter(([lon, lat]) => {
        const s = window.regionMap.toScreen(lon, lat);
        return !(s.x >= 0 && s.y >= 0 && s.x <= size.w && s.y <= size.h);
      }).slice(0, 5), { pts, size });
      assert.deepEqual(off, [], `${pts.length} places, these are off the first frame`);
      // And not lost in a corner: the data fills a good part of the view.
      const spread = await page.evaluate((pts) => {
        const s = pts.map(([lon, lat]) => window.regionMap.toScreen(lon, lat));
        const xs = s.map((p) => p.x), ys = s.map((p) => p.y);
        return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
      }, pts);
      assert.ok(spread > 0.45 * Math.min(size.w, size.h), `the data spans ${spread.toFixed(0)} px of ${size.w}x${size.h}`);

      // Open ocean stays sea: no polygon drawn across it (stripes, a wrapped ring).
      const spots = [];
      for (const [lon, lat] of ocean) {
        const p = await page.evaluate(([lon, lat]) => window.regionMap.toScreen(lon, lat), [lon, lat]);
        if (p.x >= 2 && p.y >= 2 && p.x <= size.w - 2 && p.y <= size.h - 2) spots.push([p.x, p.y]);
      }
      assert.ok(spots.length > 0 || ocean.length === 0, 'an ocean place is in view');
      const m = await measure(page, spots);
      m.spots.forEach((c, i) => assert.ok(near(c, m.sea, 10), `${spots[i]} is sea: ${c} vs ${m.sea}`));
      // Borders are visible, and polygon data (or the land under points) is drawn: lines make
      // a real share of the map, or of its land (small islands).
      assert.ok(m.lineShare > 0.004 || m.lineShare > 0.05 * m.landShare,
        `border and line pixels: ${(100 * m.lineShare).toFixed(2)}% (land ${(100 * m.landShare).toFixed(2)}%)`);
      // (The shipped region's prefectures have fills of their own, from the data.)
      if (name !== 'region') assert.ok(m.landShare > 0.001, `land pixels: ${(100 * m.landShare).toFixed(2)}%`);

      // Hover and click: on a feature's point, the map names it and selects it.
      const target = await page.evaluate(({ pts, size }) => {
        for (const [lon, lat] of pts) {
          const s = window.regionMap.toScreen(lon, lat);
          if (s.x < 380 || s.y < 120 || s.x > size.w - 60 || s.y > size.h - 60) continue;
          const f = window.regionMap.featureAt(s.x, s.y);
          if (f) return { ...s, id: f.id };
        }
        return null;
      }, { pts, size });
      assert.ok(target, 'a feature can be picked');
      const box = await page.evaluate(() => { const r = document.querySelector('region-map').getBoundingClientRect(); return { x: r.left, y: r.top }; });
      await page.mouse.move(box.x + target.x, box.y + target.y);
      await page.waitForSelector('.rm-tooltip:not([hidden])', { timeout: 5000 });
      await page.evaluate(() => { window.regionMap.on('select', (r) => { window.selectedRecord = r; }); });
      await page.mouse.click(box.x + target.x, box.y + target.y);
      await page.waitForFunction(() => window.selectedRecord !== undefined, null, { timeout: 5000 });
      const record = await page.evaluate(() => window.selectedRecord);
      assert.ok(record && record.id === target.id, `select gives the record of ${target.id}: ${JSON.stringify(record)?.slice(0, 120)}`);
      await page.waitForSelector('.rm-panel:not([hidden])');
      // Longitudes from the screen are in [-180, 180).
      const lons = await page.evaluate((size) => [0, size.w / 2, size.w].map((x) => window.regionMap.fromScreen(x, size.h / 2).lon), size);
      assert.ok(lons.every((l) => l >= -180 && l < 180), `fromScreen: ${lons}`);
      await page.screenshot({ path: join(SHOTS, `anydata-${name}-${theme}-selected.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
