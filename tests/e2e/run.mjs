// End-to-end tests: the host page and the embedding API in headless Chromium, driven by
// playwright-core. Screenshots go to tests/e2e/screenshots/ for a person to look at.
// Run: node tests/e2e/run.mjs   (after ./run.sh build)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openMap, useBrowser, SHOTS } from './browser.mjs';

const env = useBrowser();

async function openHost(opts = {}) {
  return openMap(env, opts.query ?? '', { viewport: { width: 1200, height: 800 }, ...opts });
}

// The centre of the map element in page coordinates, plus the offset of the element.
async function mapBox(page) {
  return page.evaluate(() => {
    const r = document.getElementById('map').getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  });
}

// Waits until the view stops changing (inertia and zoom animations have ended).
async function settle(page) {
  const view = () => page.evaluate(() => JSON.stringify(window.regionMap.view()));
  for (let i = 0; i < 200; i++) {
    const a = await view();
    await new Promise((r) => setTimeout(r, 150));
    if (a === (await view())) return;
  }
  throw new Error('the view never came to rest');
}

async function seatOnPage(page, id) {
  return page.evaluate((id) => {
    const m = window.regionMap;
    const c = m.cities().find((c) => c.id === id);
    const p = m.toScreen(c.seat[0], c.seat[1]);
    const r = document.getElementById('map').getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, id);
}

test('the host page draws the whole region', async () => {
  const { page, errors } = await openHost();
  const stats = await page.evaluate(() => {
    const c = document.querySelector('#map canvas');
    const ctx = c.getContext('2d');
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4 * 101) colours.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return { colours: colours.size, cities: window.regionMap.cities().length, parks: window.regionMap.parks().length };
  });
  assert.ok(stats.colours > 20, `the canvas is not blank (${stats.colours} colours)`);
  assert.equal(stats.cities, 72);
  assert.equal(stats.parks, 7);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: join(SHOTS, 'overview.png') });
  await page.close();
});

test('hovering and clicking Hangzhou shows its projects and both alliances', async () => {
  const { page, errors } = await openHost();
  const p = await seatOnPage(page, 'hangzhou');
  // A hover draws on the hover layer only; the map's canvas is not drawn again.
  const layers = () => page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const sum = (c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let h = 7, opaque = 0;
      for (let i = 0; i < d.length; i += 4) { h = (h * 31 + d[i] + d[i + 3]) >>> 0; if (d[i + 3]) opaque++; }
      return { h, opaque };
    };
    return { map: sum(document.querySelector('#map .rm-canvas')), hover: sum(document.querySelector('#map .rm-hover')) };
  });
  const before = await layers();
  assert.equal(before.hover.opaque, 0, 'nothing hovered, an empty hover layer');
  await page.mouse.move(p.x + 6, p.y + 6);
  await page.waitForSelector('.rm-tooltip:not([hidden])');
  const hovered = await layers();
  assert.equal(hovered.map.h, before.map.h, 'the map canvas is unchanged by a hover');
  assert.ok(hovered.hover.opaque > 200, `Hangzhou's outline is on the hover layer (${hovered.hover.opaque} px)`);
  assert.match(await page.textContent('.rm-tooltip'), /Hangzhou/);
  assert.match(await page.textContent('.rm-tooltip'), /杭州/);
  await page.mouse.click(p.x + 6, p.y + 6);
  await page.waitForSelector('.rm-panel:not([hidden])');
  const panel = await page.textContent('.rm-panel');
  assert.match(panel, /Hangzhou/);
  assert.match(panel, /Nine-city technological alliance/);
  assert.match(panel, /G60 Science and Technology Innovation Corridor/);
  assert.match(panel, /Huangshan meeting/);
  assert.match(panel, /1989/);
  assert.match(panel, /000_2e822cea8bae94b3\.txt/, 'each project names its source');
  assert.equal(await page.evaluate(() => window.regionMap.selected()), 'hangzhou');
  assert.match(await page.textContent('.rm-live'), /Selected Hangzhou/);
  await page.screenshot({ path: join(SHOTS, 'hangzhou-selected.png') });
  // Esc clears; so does a click on empty sea.
  await page.keyboard.press('Escape');
  await page.waitForSelector('.rm-panel', { state: 'hidden' });
  await page.mouse.click(p.x + 6, p.y + 6);
  await page.waitForSelector('.rm-panel:not([hidden])');
  // Empty ground: the bottom-left corner of the map, outside the region and the panel.
  const sea = await page.evaluate(() => {
    const r = document.getElementById('map').getBoundingClientRect();
    const local = { x: 60, y: r.height - 80 };
    if (window.regionMap.featureAt(local.x, local.y) !== null) throw new Error('not empty ground');
    return { x: r.left + local.x, y: r.top + local.y };
  });
  await page.mouse.click(sea.x, sea.y);
  await page.waitForSelector('.rm-panel', { state: 'hidden' });
  assert.equal(await page.evaluate(() => window.regionMap.selected()), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('dragging pans, the wheel zooms about the cursor, buttons and keys work', async () => {
  const { page, errors } = await openHost();
  // Tab reaches the map first.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'rm-root');
  const box = await mapBox(page);
  const before = await page.evaluate(() => window.regionMap.view());
  const cx = box.x + box.w / 2, cy = box.y + box.h / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(cx + i * 15, cy + i * 5, { steps: 1 });
  await page.mouse.up();
  await settle(page);
  const dragged = await page.evaluate(() => window.regionMap.view());
  assert.ok(dragged.center[0] < before.center[0] - 0.1, 'dragging right moves the view west');
  assert.equal(dragged.zoom, before.zoom);

  // Wheel: the place under the cursor stays under it.
  const target = await seatOnPage(page, 'hangzhou');
  const under = await page.evaluate(([x, y]) => window.regionMap.fromScreen(x, y), [target.x - box.x, target.y - box.y]);
  await page.mouse.move(target.x, target.y);
  await page.mouse.wheel(0, -300);
  await settle(page);
  const zoomed = await page.evaluate(() => window.regionMap.view());
  assert.ok(zoomed.zoom > dragged.zoom + 0.9, `wheel zoomed in (${dragged.zoom} -> ${zoomed.zoom})`);
  const still = await page.evaluate(([lon, lat]) => window.regionMap.toScreen(lon, lat), [under.lon, under.lat]);
  assert.ok(Math.abs(still.x - (target.x - box.x)) < 1.5 && Math.abs(still.y - (target.y - box.y)) < 1.5, JSON.stringify({ still, target, box, dragged, zoomed }));
  await page.screenshot({ path: join(SHOTS, 'zoomed.png') });

  // The reset button goes back to the whole region; + zooms in.
  await page.click('button[aria-label="Show the whole region"]');
  await settle(page);
  const home = await page.evaluate(() => window.regionMap.view());
  assert.ok(Math.abs(home.zoom - before.zoom) < 1e-6);
  await page.click('button[aria-label="Zoom in"]');
  await settle(page);
  assert.ok(Math.abs((await page.evaluate(() => window.regionMap.view())).zoom - (home.zoom + 1)) < 1e-6);
  // Keyboard: focus the map, step to a city with N, pan with an arrow.
  // Keyboard: N moves the focus to a city (announced), Enter selects it.
  await page.focus('.rm-root');
  await page.keyboard.press('n');
  await page.waitForSelector('.rm-tooltip:not([hidden])');
  assert.match(await page.textContent('.rm-live'), /Press Enter to select/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.rm-panel:not([hidden])');
  assert.ok(await page.evaluate(() => window.regionMap.selected()));
  await page.focus('.rm-root');
  const v1 = await page.evaluate(() => window.regionMap.view());
  await page.keyboard.press('ArrowLeft');
  await settle(page);
  const v2 = await page.evaluate(() => window.regionMap.view());
  assert.ok(v2.center[0] < v1.center[0]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('in motion the last frame moves with a CSS transform; a pause or the release draws it in full', async () => {
  const { page, errors } = await openHost();
  const box = await mapBox(page);
  const cx = box.x + box.w / 2, cy = box.y + box.h / 2;
  const transform = () => page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const t = getComputedStyle(document.querySelector('#map canvas')).transform;
    if (t === 'none') return null;
    const m = new DOMMatrix(t);
    return { k: m.a, x: m.e, y: m.f };
  });
  const drawn = () => page.evaluate(() => {
    const c = document.querySelector('#map canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 7;
    for (let i = 0; i < d.length; i += 37) h = (h * 31 + d[i]) >>> 0;
    return h;
  });
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(cx + i * 10, cy + i * 4);
  const t1 = await transform();
  const before = await drawn();
  assert.ok(t1, 'a drag in progress moves the canvas with a transform');
  for (let i = 9; i <= 12; i++) await page.mouse.move(cx + i * 10, cy + i * 4);
  const t2 = await transform();
  // Four more steps move the same frame 40 px right and 16 down, without drawing it again.
  assert.equal(t2.k, 1);
  assert.ok(Math.abs(t2.x - t1.x - 40) < 0.5 && Math.abs(t2.y - t1.y - 16) < 0.5, JSON.stringify({ t1, t2 }));
  assert.equal(await drawn(), before, 'the pixels were not drawn again while moving');
  // Holding still draws the map in full at the new view, even before the button is released.
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#map canvas')).transform === 'none');
  assert.notEqual(await drawn(), before, 'after the pause the canvas shows the new view');
  await page.mouse.up();
  await settle(page);
  assert.equal(await transform(), null);
  // A turn of the wheel scales the frame, and the map is drawn in full once the wheel rests.
  await page.mouse.wheel(0, -100);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#map canvas')).transform !== 'none');
  const zooming = await transform();
  assert.ok(zooming.k > 1, JSON.stringify(zooming));
  await settle(page);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#map canvas')).transform === 'none');
  assert.deepEqual(errors, []);
  await page.close();
});

test('districts show when zoomed in, and Chinese labels render', async () => {
  const { page, errors } = await openHost({ query: '?lang=zh' });
  await page.evaluate(() => window.regionMap.setView({ center: [121.0, 31.0], zoom: 9 }));
  await settle(page);
  const p = await page.evaluate(() => {
    const m = window.regionMap;
    const c = m.cities().find((c) => c.id === 'songjiang');
    return m.featureAt(...Object.values(m.toScreen(c.seat[0], c.seat[1])));
  });
  assert.deepEqual(p, { id: 'songjiang', kind: 'city' });
  await page.screenshot({ path: join(SHOTS, 'districts-zh.png') });
  await page.evaluate(() => window.regionMap.select('sino-singapore-jiashan-park'));
  await page.waitForSelector('.rm-panel:not([hidden])');
  const panel = await page.textContent('.rm-panel');
  assert.match(panel, /16\.5 km²/);
  assert.match(panel, /位于区县驻地/, 'the panel says the location is only the district seat');
  await page.screenshot({ path: join(SHOTS, 'park-zh.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('HiDPI: the canvas has device pixels', async () => {
  const { page } = await openHost({ deviceScaleFactor: 2 });
  const s = await page.evaluate(() => {
    const c = document.querySelector('#map canvas');
    return { w: c.width, cw: c.getBoundingClientRect().width };
  });
  assert.equal(s.w, Math.round(s.cw * 2));
  await page.screenshot({ path: join(SHOTS, 'hidpi.png') });
  await page.close();
});

test('bad input: a missing file is named on the map, a bad feature is skipped', async () => {
  const page = await env.browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(env.base + 'embed.html');
  const result = await page.evaluate(async () => {
    const { mount } = await import('./region-map.js');
    const _wasmMemoryBytes = mount[Symbol.for('region-map.wasmMemoryBytes')];
    const a = document.createElement('div');
    a.style.height = '300px';
    document.body.append(a);
    let rejected = null;
    try { await mount(a, { cities: 'data/nope.geojson' }); } catch (e) { rejected = e.message; }
    const b = document.createElement('div');
    b.style.height = '300px';
    document.body.append(b);
    const good = await (await fetch('data/cities.geojson')).json();
    good.features[0].geometry = { type: 'Polygon', coordinates: [[[1, 2], [3]]] };
    const warnings = [];
    const map = await mount(b, { cities: good });
    map.on('warning', (w) => warnings.push(w.message));
    await new Promise((r) => setTimeout(r, 50));
    // A preset that names no feature is a warning; the map still mounts.
    const c = document.createElement('div');
    c.style.height = '200px';
    document.body.append(c);
    const presetWarnings = [];
    const m3 = await mount(c, { cities: good, select: 'atlantis' });
    m3.on('warning', (w) => presetWarnings.push(w.message));
    await new Promise((r) => setTimeout(r, 50));
    return { rejected, shown: a.textContent, warnings, cities: map.cities().length, presetWarnings };
  });
  assert.match(result.rejected, /data\/nope\.geojson/);
  assert.match(result.rejected, /404/);
  assert.match(result.shown, /data\/nope\.geojson/, 'the element shows the message, not a blank');
  assert.equal(result.cities, 71);
  assert.equal(result.warnings.length, 1);
  assert.match(result.warnings[0], /cities \(object\): feature/);
  assert.ok(result.presetWarnings.some((w) => /atlantis/.test(w)), JSON.stringify(result.presetWarnings));
  await page.screenshot({ path: join(SHOTS, 'bad-input.png'), fullPage: true });
  await page.close();
});

test('alliances: toggle in the legend, timeline to 1990, indicator legend, pick a link, export', async () => {
  const { page, errors } = await openHost();
  const drawn = (id) => page.evaluate((id) => window.regionMap.legend().alliances.find((a) => a.id === id).drawn, id);
  assert.equal(await drawn('g60-corridor'), true);
  // Toggle the G60 corridor off and on in the legend.
  await page.click('.rm-legend input[data-id="g60-corridor"]');
  assert.equal(await drawn('g60-corridor'), false);
  await page.screenshot({ path: join(SHOTS, 'legend-g60-off.png') });
  await page.click('.rm-legend input[data-id="g60-corridor"]');
  assert.equal(await drawn('g60-corridor'), true);

  // Timeline: at 1990 the corridor is gone and the 1989 alliance remains.
  await page.$eval('.rm-slider', (s) => { s.value = '1990'; s.dispatchEvent(new Event('input', { bubbles: true })); });
  assert.equal(await page.textContent('.rm-year'), '1990');
  assert.equal(await drawn('g60-corridor'), false);
  assert.equal(await drawn('nine-cities-1989'), true);
  await page.screenshot({ path: join(SHOTS, 'timeline-1990.png') });
  await page.click('.rm-all');
  assert.equal(await drawn('g60-corridor'), true);

  // Choropleth: pick an indicator, the legend shows its classes.
  await page.selectOption('.rm-indicator select', 'alliances');
  const classes = await page.$$eval('.rm-class', (rows) => rows.map((r) => r.textContent));
  assert.ok(classes.length >= 2, JSON.stringify(classes));
  assert.equal(classes[0], '0');
  await page.screenshot({ path: join(SHOTS, 'choropleth-alliances.png') });
  await page.selectOption('.rm-indicator select', '');
  assert.equal(await page.$$eval('.rm-class', (r) => r.length), 0);

  // Hover and click a link: its alliance is named, then selected with its figures and chart.
  const point = await page.evaluate(() => {
    const m = window.regionMap;
    const hefei = m.cities().find((c) => c.id === 'hefei');
    const sj = m.cities().find((c) => c.id === 'songjiang');
    const a = m.toScreen(...hefei.seat), b = m.toScreen(...sj.seat);
    // Walk along the straight line Hefei–Songjiang until a point picks an alliance link.
    for (let t = 0.2; t <= 0.8; t += 0.01) {
      for (let off = -40; off <= 40; off += 1) {
        const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy);
        const x = a.x + dx * t - (dy / len) * off, y = a.y + dy * t + (dx / len) * off;
        const f = m.featureAt(x, y);
        // Two pixels further in, so that the point is well inside the link's pick tolerance.
        const inner = m.featureAt(x - (dy / len) * 2, y + (dx / len) * 2);
        if (f?.kind === 'alliance' && inner?.id === f.id) {
          const r = document.getElementById('map').getBoundingClientRect();
          return { x: r.left + x, y: r.top + y, id: f.id };
        }
      }
    }
    return null;
  });
  assert.ok(point, 'a link between Hefei and Songjiang can be picked');
  await page.mouse.move(point.x, point.y);
  await page.waitForSelector('.rm-tooltip:not([hidden])');
  await page.mouse.click(point.x, point.y);
  await page.waitForSelector('.rm-panel:not([hidden])');
  assert.equal(await page.evaluate(() => window.regionMap.selected()), point.id);
  const panel = await page.textContent('.rm-panel');
  assert.match(panel, /Members/);
  await page.screenshot({ path: join(SHOTS, 'alliance-selected.png') });

  // G60 through the API: figures with sources and a bar chart drawn by plotters.
  await page.evaluate(() => window.regionMap.select('g60-corridor'));
  await page.waitForFunction(() => document.querySelector('.rm-panel')?.textContent.includes('3.2 trillion yuan'));
  // The charts module is loaded with the first chart.
  await page.waitForSelector('.rm-panel canvas.rm-chart[data-drawn]');
  const chartInk = await page.$eval('.rm-panel canvas.rm-chart', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200) ink++;
    return ink;
  });
  assert.ok(chartInk > 100, `the chart is drawn (${chartInk} dark pixels)`);
  await page.$eval('.rm-panel canvas.rm-chart', (c) => c.scrollIntoView());
  await page.screenshot({ path: join(SHOTS, 'g60-selected.png') });

  // Export.
  const out = await page.evaluate(async () => {
    const svg = window.regionMap.toSVG();
    const png = await window.regionMap.toPNG();
    return { svg: svg.slice(0, 200), hasLegend: svg.includes('G60 Science'), len: svg.length, png: png.size, type: png.type };
  });
  assert.match(out.svg, /^<svg/);
  assert.ok(out.hasLegend, 'the SVG carries the legend');
  assert.equal(out.type, 'image/png');
  assert.ok(out.png > 10000);
  assert.deepEqual(errors, []);
  await page.close();
});

test('destroy removes every listener and the DOM it added', async () => {
  const page = await env.browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(env.base + 'embed.html');
  // The maps of an article mount as they come near the viewport.
  await page.evaluate(async () => { for (const e of document.querySelectorAll('region-map')) { e.scrollIntoView(); await e.ready; } window.scrollTo(0, 0); });
  await page.waitForFunction(() => document.getElementById('g60')?.map);
  const r = await page.evaluate(async () => {
    const el = document.getElementById('g60');
    const map = el.map;
    const before = map._listenerCount();
    el.remove();
    return { before, after: map._listenerCount(), children: el.children.length, other: !!document.getElementById('alliance-1989').map };
  });
  assert.ok(r.before > 10);
  assert.equal(r.after, 0);
  assert.equal(r.children, 0);
  assert.ok(r.other, 'the other map on the page is untouched');
  await page.close();
});

test('security: data stays text, and the map runs under a strict CSP', async () => {
  const page = await env.browser.newPage({ viewport: { width: 900, height: 700 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A missing file is named by its response (the browser's own favicon request aside).
  page.on('console', (m) => { if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(m.text()); });
  page.on('response', (res) => { if (res.status() >= 400 && !/favicon/.test(res.url())) errors.push(`${res.status()} ${res.url()}`); });
  await page.goto(env.base + 'csp.html');
  await page.waitForFunction(() => window.cspMap, null, { timeout: 30000 });
  await page.evaluate(() => window.cspMap.select('a'));
  await page.waitForSelector('.rm-panel:not([hidden])');
  // The charts module draws under the same policy (style-src 'self': no inline styles).
  await page.evaluate(() => { const d = document.querySelector('.rm-overview'); d.open = true; });
  await page.waitForSelector('.rm-overview canvas.rm-chart[data-drawn]', { timeout: 15000 });
  const r = await page.evaluate(() => ({
    panel: document.querySelector('.rm-panel').textContent,
    imgs: document.querySelectorAll('img').length,
    xss: window.__xss ?? null,
    violations: window.cspViolations,
    svg: window.cspMap.toSVG(),
  }));
  assert.match(r.panel, /City <img src=x onerror="window.__xss=1">/);
  assert.equal(r.imgs, 0);
  assert.equal(r.xss, null);
  assert.deepEqual(r.violations, []);
  assert.ok(!r.svg.includes('<img'), 'the SVG export escapes names');
  assert.ok(r.svg.includes('&lt;img'));
  await page.screenshot({ path: join(SHOTS, 'csp-xss.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page around an embedded map scrolls; the wheel zooms only with focus or Ctrl', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1000, height: 800 } });
  await page.goto(env.base + 'embed.html');
  await page.waitForFunction(() => document.getElementById('alliance-1989')?.map);
  const box = await page.$eval('#alliance-1989', (e) => { const r = e.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
  const zoom0 = await page.evaluate(() => document.getElementById('alliance-1989').map.view().zoom);
  await page.mouse.move(box.x + 100, box.y);
  await page.mouse.wheel(0, 300);
  await page.waitForFunction(() => window.scrollY > 100);
  const after = await page.evaluate(() => ({ scroll: window.scrollY, zoom: document.getElementById('alliance-1989').map.view().zoom }));
  assert.ok(after.scroll > 100, `the page scrolled (${after.scroll})`);
  assert.equal(after.zoom, zoom0, 'the map did not zoom');
  assert.match(await page.textContent('#alliance-1989 .rm-hint'), /Ctrl/);
  // With Ctrl held, the wheel zooms the map.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => window.scrollY === 0);
  await page.keyboard.down('Control');
  await page.mouse.move(box.x + 100, box.y);
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await page.waitForFunction((z) => document.getElementById('alliance-1989').map.view().zoom > z, zoom0);
  const z2 = await page.evaluate(() => document.getElementById('alliance-1989').map.view().zoom);
  assert.ok(z2 > zoom0, `Ctrl + wheel zoomed (${zoom0} -> ${z2})`);
  // Presets from attributes: only the 1989 alliance, in 1989.
  const legend = await page.evaluate(() => document.getElementById('alliance-1989').map.legend());
  assert.deepEqual(legend.alliances.filter((a) => a.drawn).map((a) => a.id), ['nine-cities-1989']);
  assert.equal(legend.year, 1989);
  // Changing an attribute takes effect.
  await page.evaluate(() => document.getElementById('alliance-1989').setAttribute('lang', 'zh'));
  assert.equal(await page.evaluate(() => document.getElementById('alliance-1989').map.lang()), 'zh');
  // The third map shows a GeoJSON of our own making: polygons with a hole, points and a line.
  // It mounts when it comes near the viewport.
  await page.evaluate(() => document.getElementById('sketch').scrollIntoView());
  await page.waitForFunction(() => document.getElementById('sketch')?.map, null, { timeout: 30000 });
  const sketch = await page.evaluate(() => {
    const m = document.getElementById('sketch').map;
    const p = m.toScreen(120.9, 31.1);
    return { feature: m.featureAt(p.x, p.y), classes: m.legend().choropleth.classes.length, noData: m.legend().choropleth.no_data };
  });
  assert.deepEqual(sketch.feature, { id: 'example-point', kind: 'feature' });
  assert.equal(sketch.classes, 2);
  assert.equal(sketch.noData, 1);
  await page.screenshot({ path: join(SHOTS, 'embed.png'), fullPage: true });
  await page.close();
});

test('bad arguments: every method throws a TypeError or RangeError naming the argument, and readers see nothing; a bad deep link only warns', async () => {
  const { page } = await openHost();
  const thrown = await page.evaluate(() => {
    const m = window.regionMap;
    const cases = [
      ['select', () => m.select('atlantis')], ['select', () => m.select(42)],
      ['setIndicator', () => m.setIndicator('typo')], ['setYear', () => m.setYear(2021.5)],
      ['setLang', () => m.setLang('fr')], ['setTheme', () => m.setTheme('pink')],
      ['showAlliances', () => m.showAlliances(['nope'])], ['showAlliances', () => m.showAlliances('some')],
      ['setView', () => m.setView({ center: [0, 100] })], ['setView', () => m.setView({ zoom: 'near' })],
      ['fitBounds', () => m.fitBounds([[0, 0]])],
    ];
    return cases.map(([name, f]) => { try { f(); return `${name}: no throw`; } catch (e) { return `${e.constructor.name}: ${e.message}`; } });
  });
  for (const t of thrown) assert.match(t, /^(TypeError|RangeError): region-map: \w+: \S+ must be/, t);
  const visible = await page.evaluate(() => [...document.querySelectorAll('.rm-message')].filter((m) => !m.hidden && m.textContent).map((m) => m.textContent));
  assert.deepEqual(visible, [], 'nothing shown to the readers');
  await page.close();
  // A deep link from anyone: a fractional year, coordinates out of range, an unknown id.
  const page2 = await env.browser.newPage({ viewport: { width: 1200, height: 800 } });
  const errors = [];
  page2.on('pageerror', (e) => errors.push(e.message));
  await page2.goto(`${env.base}#map=99999/0/0&year=2021.5&sel=atlantis`);
  await page2.waitForFunction(() => window.regionMap);
  await page2.waitForTimeout(200);
  const st = await page2.evaluate(() => ({ view: window.regionMap.view(), warnings: window.regionMap.warnings().filter((w) => w.file === 'URL hash').map((w) => w.feature), year: window.regionMap.legend().year }));
  assert.deepEqual(errors, []);
  assert.deepEqual(st.warnings.sort(), ['map', 'sel', 'year']);
  assert.equal(st.year, null);
  assert.ok(st.view.center[0] > 110 && st.view.center[0] < 130 && st.view.zoom < 12, `the view stays on the data: ${JSON.stringify(st.view)}`);
  await page2.close();
});

test('lifecycle: a second mount into one element replaces the first (StrictMode), an aborted mount leaves nothing', async () => {
  const { page } = await openHost();
  const r = await page.evaluate(async () => {
    const { mount } = await import('./region-map.js');
    const host = document.createElement('div');
    host.style.cssText = 'width: 600px; height: 400px';
    document.body.append(host);
    const cities = 'data/cities.geojson';
    // Twice at once, as React's StrictMode does: the first is cancelled, one map is left.
    const first = mount(host, { cities });
    const second = mount(host, { cities });
    const a = await first.then(() => 'resolved', (e) => e.name);
    const m = await second;
    const roots = host.querySelectorAll('.rm-root').length;
    // Once more after it is up: the old one is destroyed.
    const m2 = await mount(host, { cities });
    const roots2 = host.querySelectorAll('.rm-root').length;
    const oldGone = m._destroyed();
    // Aborted while loading: rejects with AbortError, and the element is left as it was.
    m2.destroy();
    const ctl = new AbortController();
    const pending = mount(host, { cities, signal: ctl.signal });
    ctl.abort();
    const b = await pending.then(() => 'resolved', (e) => e.name);
    return { a, roots, roots2, oldGone, b, left: host.querySelectorAll('.rm-root').length, cls: host.className };
  });
  assert.deepEqual(r, { a: 'AbortError', roots: 1, roots2: 1, oldGone: true, b: 'AbortError', left: 0, cls: '' });
  await page.close();
});

test('maps below the fold mount when they come near; loading="eager" mounts at once', async () => {
  const page = await env.browser.newPage({ viewport: { width: 900, height: 600 } });
  await page.goto(env.base + 'embed.html');
  await page.waitForFunction(() => document.getElementById('alliance-1989')?.map, null, { timeout: 30000 });
  await page.waitForTimeout(500);
  const before = await page.evaluate(() => [...document.querySelectorAll('region-map')].map((e) => !!e.map));
  // The first map is in view, the second within 300 px of it; the third, far below, waits.
  assert.deepEqual(before, [true, true, false], 'the map far below the fold has not mounted');
  const sketch = await page.evaluate(async () => {
    const e = document.getElementById('sketch');
    const ready = e.ready;
    e.scrollIntoView();
    return (await ready)?.cities().length ?? null;
  });
  assert.ok(sketch > 0, 'ready resolves once it mounts');
  const eager = await page.evaluate(async () => {
    const e = document.createElement('region-map');
    e.setAttribute('cities', 'examples/sketch.geojson');
    e.setAttribute('loading', 'eager');
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    document.body.append(spacer, e);
    window.scrollTo(0, 0);
    return (await e.ready)?.cities().length ?? null;
  });
  assert.ok(eager > 0, 'an eager map far below mounts at once');
  await page.close();
});

test('a stylesheet that fails to load does not hold up later maps', async () => {
  const page = await env.browser.newPage({ viewport: { width: 900, height: 600 } });
  await page.route('**/region-map.css', (route) => route.abort());
  await page.goto(env.base + 'embed.html');
  await page.waitForFunction(() => document.getElementById('alliance-1989')?.map, null, { timeout: 30000 });
  const late = await page.evaluate(async () => {
    const { mount } = await import('./region-map.js');
    const host = document.createElement('div');
    host.style.cssText = 'width: 500px; height: 300px';
    document.body.append(host);
    const timeout = new Promise((r) => setTimeout(() => r('timed out'), 10000));
    return Promise.race([mount(host, { cities: 'data/cities.geojson' }).then((m) => m.cities().length), timeout]);
  });
  assert.ok(late > 60, `a map mounted after the stylesheet failed: ${late}`);
  await page.close();
});

test('the iframe page takes its options from its URL, and leaves out bad ones with a warning', async () => {
  const page = await env.browser.newPage({ viewport: { width: 900, height: 600 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.base}frame.html?lang=zh&select=hangzhou&year=2021.5&theme=pink&show=g60-corridor&cities=${encodeURIComponent('https://example.com/x.geojson')}`);
  await page.waitForFunction(() => window.regionMap, null, { timeout: 30000 });
  const st = await page.evaluate(() => ({
    lang: window.regionMap.lang(), sel: window.regionMap.selected(), year: window.regionMap.legend().year,
    shown: window.regionMap.legend().alliances.filter((a) => a.selected).map((a) => a.id),
    warnings: window.regionMap.warnings().filter((w) => w.file === 'frame URL').map((w) => w.feature).sort(),
    cities: window.regionMap.cities().length,
  }));
  assert.deepEqual(errors, []);
  assert.equal(st.lang, 'zh');
  assert.equal(st.sel, 'hangzhou');
  assert.equal(st.year, null);
  assert.deepEqual(st.shown, ['g60-corridor']);
  assert.deepEqual(st.warnings, ['cities', 'theme', 'year']);
  assert.ok(st.cities > 60, 'the shipped data instead of another site\'s');
  await page.close();
});

test('deep links: the hash follows the map, and a link opens the same view', async () => {
  const { page } = await openHost();
  await page.evaluate(() => { window.regionMap.setView({ center: [120.2, 30.3], zoom: 8 }); window.regionMap.select('hangzhou'); window.regionMap.setYear(2019); });
  await page.waitForFunction(() => location.hash.includes('sel=hangzhou') && location.hash.includes('year=2019'));
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /map=8\.00\/30\.3000\/120\.2000/);
  const page2 = await env.browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page2.goto(env.base + hash);
  await page2.waitForFunction(() => window.regionMap);
  const st = await page2.evaluate(() => ({ sel: window.regionMap.selected(), view: window.regionMap.view(), year: window.regionMap.legend().year }));
  assert.equal(st.sel, 'hangzhou');
  assert.equal(st.year, 2019);
  assert.ok(Math.abs(st.view.zoom - 8) < 1e-6 && Math.abs(st.view.center[0] - 120.2) < 1e-3);
  await page.close();
  await page2.close();
});

test('a screen-reader list of cities and alliances selects on the map', async () => {
  const { page } = await openHost();
  const n = await page.$$eval('.rm-sr-list button', (b) => b.length);
  assert.ok(n > 72 + 10, `${n} entries`);
  await page.focus('.rm-sr-list button[data-id="huangshan"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.rm-panel:not([hidden])');
  assert.equal(await page.evaluate(() => window.regionMap.selected()), 'huangshan');
  await page.close();
});

test('mounting and destroying 100 times leaks no listeners and no memory', async () => {
  const page = await env.browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(env.base + 'embed.html');
  // The page's own three maps first, so that only ours are counted.
  await page.evaluate(async () => { for (const e of document.querySelectorAll('region-map')) { e.scrollIntoView(); await e.ready; } window.scrollTo(0, 0); });
  await page.waitForFunction(() => [...document.querySelectorAll('region-map')].every((e) => e.map));
  const r = await page.evaluate(async () => {
    // Track every listener added from now on; a listener counts while it is registered on a
    // target that is still live (the window, the document, or a node in the page).
    const entries = new Set();
    const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
    EventTarget.prototype.addEventListener = function (type, fn, opts) {
      entries.add({ target: this, type, fn });
      return add.call(this, type, fn, opts);
    };
    EventTarget.prototype.removeEventListener = function (type, fn, opts) {
      for (const e of entries) if (e.target === this && e.type === type && e.fn === fn) entries.delete(e);
      return remove.call(this, type, fn, opts);
    };
    const liveCount = () => [...entries].filter((e) => e.target === window || e.target === document || e.target.isConnected).length;
    const { mount } = await import('./region-map.js');
    const _wasmMemoryBytes = mount[Symbol.for('region-map.wasmMemoryBytes')];
    const cities = await (await fetch('data/cities.geojson')).json();
    const alliances = await (await fetch('data/alliances.json')).json();
    const host = document.createElement('div');
    host.style.height = '300px';
    document.body.append(host);
    const samples = [];
    for (let i = 0; i < 100; i++) {
      const m = await mount(host, { cities, alliances, hash: i % 2 === 0 });
      m.destroy();
      if (i === 9 || i === 99) samples.push({ live: liveCount(), wasm: _wasmMemoryBytes() });
    }
    return { samples, children: host.children.length };
  });
  assert.equal(r.children, 0);
  assert.equal(r.samples[0].live, r.samples[1].live, `listeners: ${JSON.stringify(r.samples)}`);
  assert.equal(r.samples[1].live, 0, 'no listener left behind on the page');
  assert.ok(r.samples[0].wasm > 0);
  assert.equal(r.samples[1].wasm, r.samples[0].wasm, `WebAssembly memory grew: ${JSON.stringify(r.samples)}`);
  await page.close();
});

test('a panic never kills the page: the map reports it and restarts where it was', async () => {
  const { page } = await openHost();
  await page.evaluate(() => {
    window.__errors = [];
    window.regionMap.on('error', (e) => window.__errors.push(e.message));
    window.regionMap.setView({ center: [120.2, 30.3], zoom: 8 });
    window.regionMap.select('hangzhou');
  });
  await page.evaluate(() => window.regionMap._panicForTest());
  await page.waitForFunction(() => document.querySelector('.rm-message')?.textContent.includes('restarted'));
  const st = await page.evaluate(() => ({ errors: window.__errors, sel: window.regionMap.selected(), view: window.regionMap.view() }));
  assert.ok(st.errors.some((m) => /internal error/.test(m)), JSON.stringify(st.errors));
  assert.equal(st.sel, 'hangzhou');
  assert.ok(Math.abs(st.view.zoom - 8) < 1e-6);
  // One map canvas and one hover layer: the dead core's are gone.
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#map .rm-canvas, #map .rm-hover')].map((c) => c.className)), ['rm-canvas', 'rm-hover']);
  // Still interactive: a click selects another city.
  const p = await seatOnPage(page, 'huzhou');
  await page.mouse.click(p.x + 4, p.y + 4);
  await page.waitForFunction(() => window.regionMap.selected() === 'huzhou');
  await page.screenshot({ path: join(SHOTS, 'after-panic.png') });
  await page.close();
});

test('a city selected under the panel is brought into view beside it', async () => {
  const { page } = await openHost();
  await page.evaluate(() => window.regionMap.select('zhoushan'));
  await page.waitForSelector('.rm-panel:not([hidden])');
  const r = await page.evaluate(() => {
    const m = window.regionMap;
    const c = m.cities().find((x) => x.id === 'zhoushan');
    const root = document.querySelector('#map .rm-root').getBoundingClientRect();
    return { x: m.toScreen(...c.seat).x, panelLeft: document.querySelector('.rm-panel').getBoundingClientRect().left - root.left };
  });
  assert.ok(r.x < r.panelLeft - 20, JSON.stringify(r));
  await page.close();
});

test("a URL's cities are read as they arrive, and the map never holds the whole file", async () => {
  const { page } = await openHost();
  const r = await page.evaluate(async () => {
    // 5,000 small squares, each followed by 16 kB of spaces: an 80 MB file whose bytes are
    // mostly what JSON skips. Read whole, the map would hold all of it in its memory.
    const gap = ' '.repeat(16000);
    const parts = [];
    for (let n = 0; n < 5000; n++) {
      const x = 110 + (n % 100) * 0.1, y = 20 + Math.floor(n / 100) * 0.05;
      parts.push(JSON.stringify({ type: 'Feature', properties: { id: `sq-${n}` },
        geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.08, y], [x + 0.08, y + 0.04], [x, y + 0.04], [x, y]]] } }) + gap);
    }
    const text = `{"type":"FeatureCollection","features":[${parts.join(',')}]}`;
    const url = URL.createObjectURL(new Blob([text]));
    const { mount } = await import('./region-map.js');
    const wasmBytes = mount[Symbol.for('region-map.wasmMemoryBytes')];
    const div = document.createElement('div');
    div.style.cssText = 'position:fixed;left:0;top:0;width:600px;height:400px';
    document.body.append(div);
    const before = wasmBytes();
    const map = await mount(div, { cities: url });
    const grown = wasmBytes() - before;
    // The same file broken near its end (two features with no comma between them): the
    // bytes before are gone, so the error says where.
    const at = text.lastIndexOf(',{"type"');
    const broken = URL.createObjectURL(new Blob([`${text.slice(0, at)} ${text.slice(at + 1)}`]));
    const failed = await map.setData({ cities: broken }).then(() => 'loaded', (e) => e.message);
    const p = map.toScreen(110.04, 20.02);
    return { cities: map.cities().length, size: text.length, grown, failed, at, hit: map.featureAt(p.x, p.y) };
  });
  assert.equal(r.cities, 5000);
  assert.ok(r.size > 80e6, `${r.size} bytes`);
  assert.ok(r.grown < r.size / 4, `the map's memory grew by ${r.grown} bytes for a file of ${r.size}`);
  assert.match(r.failed, new RegExp(`^blob:.*feature #4999: not valid GeoJSON: .*near byte ${r.at + 1}`));
  // The map keeps its data.
  assert.deepEqual(r.hit, { id: 'sq-0', kind: 'city' });
  await page.close();
});

test('a large file loads in chunks and shows its progress', async () => {
  const { page } = await openHost();
  const r = await page.evaluate(async () => {
    const features = [];
    for (let n = 0; n < 7000; n++) {
      const x = 110 + (n % 100) * 0.1, y = 20 + Math.floor(n / 100) * 0.05;
      features.push({ type: 'Feature', properties: { name: `cell ${n}` },
        geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.08, y], [x + 0.08, y + 0.04], [x, y + 0.04], [x, y]]] } });
    }
    // Padding in the properties makes the file large enough to be chunked.
    for (const f of features) f.properties.note = 'x'.repeat(600);
    const url = URL.createObjectURL(new Blob([JSON.stringify({ type: 'FeatureCollection', features })]));
    const { mount } = await import('./region-map.js');
    const div = document.createElement('div');
    div.style.cssText = 'position:fixed;left:0;top:0;width:600px;height:400px';
    document.body.append(div);
    const seen = new Set();
    const mo = new MutationObserver(() => { const m = div.querySelector('.rm-message'); if (m) seen.add(m.textContent); });
    mo.observe(div, { subtree: true, childList: true, characterData: true });
    const map = await mount(div, { cities: url });
    mo.disconnect();
    const p = map.toScreen(110.04, 20.02);
    return { cities: map.cities().length, progress: [...seen].filter((t) => /Loading [\d.]+ MB|Preparing the map/.test(t)), hit: map.featureAt(p.x, p.y) };
  });
  assert.equal(r.cities, 7000);
  assert.ok(r.progress.length >= 2, JSON.stringify(r.progress));
  assert.deepEqual(r.hit, { id: 'cell-0', kind: 'city' });
  await page.close();
});
