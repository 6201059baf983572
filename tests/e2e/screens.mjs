// End-to-end tests of every screen: pixel ratios 1 to 3 (fractional ones too), a phone
// profile, a ratio that changes while the page is open, touch on an embedded map, small maps,
// and the accessible names of several maps on one page.
// The method: the page at ratio N, scaled down to CSS pixels, must look like the page at
// ratio 1, compared in tiles of 10 CSS px by their mean grey. Screenshots go to
// tests/e2e/screenshots/ for a person to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { devices } from 'playwright-core';
import { useBrowser, SHOTS } from './browser.mjs';

const TILE = 10;
// A tile differs when its mean grey differs by more than this (of 255): about 5%.
const GREY = 13;
// At most this share of tiles may differ.
const SHARE = 0.02;

let lab; // a blank page that decodes and compares images
const env = useBrowser(async (e) => { lab = await e.browser.newPage(); });

// Mean grey of each TILE x TILE block of a PNG scaled to w x h CSS px.
async function tiles(png, w, h) {
  return lab.evaluate(async ({ b64, w, h, tile }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext('2d');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bmp, 0, 0, w, h);
    const d = ctx.getImageData(0, 0, w, h).data;
    const cols = Math.floor(w / tile), rows = Math.floor(h / tile);
    const out = new Float64Array(cols * rows);
    for (let ty = 0; ty < rows; ty++) {
      for (let tx = 0; tx < cols; tx++) {
        let sum = 0;
        for (let y = ty * tile; y < (ty + 1) * tile; y++) {
          for (let x = tx * tile; x < (tx + 1) * tile; x++) {
            const i = (y * w + x) * 4;
            sum += 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
          }
        }
        out[ty * cols + tx] = sum / (tile * tile);
      }
    }
    return { cols, rows, grey: [...out], size: [bmp.width, bmp.height] };
  }, { b64: png.toString('base64'), w, h, tile: TILE });
}

// The share of tiles whose mean grey differs by more than GREY.
async function differ(a, b, w, h) {
  const [ta, tb] = [await tiles(a, w, h), await tiles(b, w, h)];
  let n = 0;
  for (let i = 0; i < ta.grey.length; i++) if (Math.abs(ta.grey[i] - tb.grey[i]) > GREY) n++;
  return { share: n / ta.grey.length, sizes: [ta.size, tb.size] };
}

async function open(contextOptions, path = '') {
  const context = await env.browser.newContext({ reducedMotion: 'reduce', ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon|404/.test(m.text())) errors.push(m.text()); });
  await page.goto(env.base + path);
  await page.waitForFunction(() => window.regionMap, null, { timeout: 30000 });
  await frames(page);
  return { context, page, errors };
}

// Two animation frames and a pause: the map has drawn what it was asked to.
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));

// Steps that every ratio goes through; each leaves the map at rest.
const STEPS = [
  ['first frame', async () => {}],
  ['pan', async (page) => {
    const r = await page.evaluate(() => { const b = document.getElementById('map').getBoundingClientRect(); return { x: b.left + b.width / 2, y: b.top + b.height / 2 }; });
    await page.mouse.move(r.x, r.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(r.x - i * 15, r.y + i * 6);
    await page.mouse.up();
  }],
  ['zoom', async (page) => {
    await page.evaluate(() => window.regionMap.zoomIn());
    await new Promise((r) => setTimeout(r, 300));
  }],
  ['selection and hover', async (page) => {
    await page.evaluate(() => window.regionMap.select('hangzhou'));
    const p = await page.evaluate(() => {
      const m = window.regionMap;
      const c = m.cities().find((c) => c.id === 'shaoxing');
      const s = m.toScreen(c.seat[0], c.seat[1]);
      const b = document.getElementById('map').getBoundingClientRect();
      return { x: b.left + s.x + 4, y: b.top + s.y + 4 };
    });
    await page.mouse.move(p.x, p.y);
    await page.waitForSelector('.rm-tooltip:not([hidden])');
  }],
];

async function exportPng(page) {
  const b64 = await page.evaluate(async () => {
    const blob = await window.regionMap.toPNG();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
  return Buffer.from(b64, 'base64');
}

const VIEWPORT = { width: 1000, height: 700 };

for (const ratio of [1.25, 1.5, 2, 3]) {
  test(`at ratio ${ratio} every frame looks like ratio 1, only sharper: first frame, pan, zoom, selection, hover, export`, async () => {
    const one = await open({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const hi = await open({ viewport: VIEWPORT, deviceScaleFactor: ratio });
    const canvas = await hi.page.evaluate(() => {
      const c = document.querySelector('#map .rm-canvas');
      const r = c.getBoundingClientRect();
      return { w: c.width, h: c.height, cw: r.width, ch: r.height };
    });
    assert.ok(Math.abs(canvas.w - canvas.cw * ratio) <= 1 && Math.abs(canvas.h - canvas.ch * ratio) <= 1,
      `the canvas has device pixels: ${JSON.stringify(canvas)}`);
    for (const [name, step] of STEPS) {
      await step(one.page);
      await step(hi.page);
      await frames(one.page);
      await frames(hi.page);
      const [a, b] = [await one.page.screenshot(), await hi.page.screenshot()];
      const d = await differ(a, b, VIEWPORT.width, VIEWPORT.height);
      assert.deepEqual(d.sizes[1], [Math.round(VIEWPORT.width * ratio), Math.round(VIEWPORT.height * ratio)]);
      if (d.share > SHARE) await hi.page.screenshot({ path: join(SHOTS, `ratio-${ratio}-${name.replace(/\W+/g, '-')}-FAILED.png`) });
      assert.ok(d.share <= SHARE, `${name}: ${(d.share * 100).toFixed(1)}% of tiles differ from ratio 1`);
    }
    // The export has the map's own size (the page's header is not in it) at the map's ratio.
    const [pa, pb] = [await exportPng(one.page), await exportPng(hi.page)];
    const [mw, mh] = await hi.page.evaluate(() => { const r = document.getElementById('map').getBoundingClientRect(); return [r.width, r.height]; });
    const d = await differ(pa, pb, Math.floor(mw), Math.floor(mh));
    assert.ok(Math.abs(d.sizes[1][0] - mw * ratio) <= 1, `export at ratio ${ratio}: ${d.sizes[1]} for ${mw}x${mh}`);
    assert.ok(d.share <= SHARE, `export: ${(d.share * 100).toFixed(1)}% of tiles differ from ratio 1`);
    if (ratio === 2) {
      // The tooltip of a place beside the open panel goes on the pointer's left, off the panel.
      const tip = await hi.page.evaluate(() => {
        const t = document.querySelector('#map .rm-tooltip');
        const p = document.querySelector('#map .rm-panel').getBoundingClientRect();
        return { hidden: t.hidden, right: t.getBoundingClientRect().right, panel: p.left };
      });
      assert.ok(!tip.hidden && tip.right <= tip.panel, JSON.stringify(tip));
      await hi.page.screenshot({ path: join(SHOTS, 'ratio-2-en.png') });
      await hi.page.evaluate(() => window.regionMap.setLang('zh'));
      await frames(hi.page);
      await hi.page.screenshot({ path: join(SHOTS, 'ratio-2-zh.png') });
    }
    assert.deepEqual([...one.errors, ...hi.errors], []);
    await one.context.close();
    await hi.context.close();
  });
}

test('on a phone (Pixel 7) the map looks as at ratio 1, in both languages', async () => {
  const phone = devices['Pixel 7'];
  const one = await open({ ...phone, deviceScaleFactor: 1 });
  const hi = await open({ ...phone });
  for (const lang of ['en', 'zh']) {
    for (const p of [one.page, hi.page]) {
      await p.evaluate((l) => window.regionMap.setLang(l), lang);
      await frames(p);
    }
    const [a, b] = [await one.page.screenshot(), await hi.page.screenshot()];
    const d = await differ(a, b, phone.viewport.width, phone.viewport.height);
    assert.ok(d.share <= SHARE, `phone, ${lang}: ${(d.share * 100).toFixed(1)}% of tiles differ from ratio 1`);
    await hi.page.screenshot({ path: join(SHOTS, `phone-${lang}.png`) });
  }
  // The legend starts folded on a phone.
  assert.equal(await hi.page.evaluate(() => document.querySelector('.rm-legend').open), false);
  assert.deepEqual([...one.errors, ...hi.errors], []);
  await one.context.close();
  await hi.context.close();
});

test('a ratio that changes while the page is open (browser zoom, another screen) resizes every layer', async () => {
  const { context, page, errors } = await open({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const cdp = await context.newCDPSession(page);
  const size = () => page.evaluate(() => [...document.querySelectorAll('#map .rm-canvas, #map .rm-hover')].map((c) => c.width));
  const [w1] = await size();
  await cdp.send('Emulation.setDeviceMetricsOverride', { ...VIEWPORT, deviceScaleFactor: 1.5, mobile: false });
  // A browser fires 'resize' (zoom) or a media-query change (another screen) with the new
  // ratio; headless Chromium's emulated ratio fires neither, so the test fires the first.
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));
  await page.waitForFunction((w) => document.querySelector('#map .rm-canvas').width > w * 1.4, w1);
  await frames(page);
  const widths = await size();
  assert.ok(widths.every((w) => Math.abs(w - w1 * 1.5) <= 1), `map and hover layers at 1.5: ${widths} from ${w1}`);
  // What it shows is the same map as a fresh page at 1.5.
  const fresh = await open({ viewport: VIEWPORT, deviceScaleFactor: 1.5 });
  const d = await differ(await page.screenshot(), await fresh.page.screenshot(), VIEWPORT.width, VIEWPORT.height);
  assert.ok(d.share <= SHARE, `${(d.share * 100).toFixed(1)}% of tiles differ`);
  assert.deepEqual([...errors, ...fresh.errors], []);
  await context.close();
  await fresh.context.close();
});

// Touch points of the DevTools protocol, in CSS px of the page.
const touch = (cdp, type, points) => cdp.send('Input.dispatchTouchEvent', {
  type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 1, radiusY: 1, force: 1 })),
});

test('on a phone, one finger scrolls an article past an embedded map, two fingers zoom it', async () => {
  const { context, page, errors } = await openEmbed(devices['Pixel 7']);
  const cdp = await context.newCDPSession(page);
  // The first map, brought to the middle of the screen.
  const box = await page.evaluate(() => {
    const el = document.getElementById('alliance-1989');
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 150);
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await frames(page);
  const state = () => page.evaluate(() => ({ y: window.scrollY, view: document.getElementById('alliance-1989').map.view() }));
  const before = await state();
  // One finger swipes up over the map.
  await touch(cdp, 'touchStart', [[box.x, box.y + 100]]);
  for (let i = 1; i <= 10; i++) await touch(cdp, 'touchMove', [[box.x, box.y + 100 - i * 20]]);
  await touch(cdp, 'touchEnd', []);
  await page.waitForTimeout(400);
  const swiped = await state();
  assert.ok(swiped.y > before.y + 50, `the page scrolled (${before.y} -> ${swiped.y})`);
  assert.deepEqual(swiped.view, before.view, 'the map did not move');
  assert.equal(await page.evaluate(() => document.querySelector('#alliance-1989 .rm-hint').textContent), 'Use two fingers to move the map');
  // Two fingers spread apart over the map.
  const at = await page.evaluate(() => { const r = document.getElementById('alliance-1989').getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
  await touch(cdp, 'touchStart', [[at.x - 40, at.y], [at.x + 40, at.y]]);
  for (let i = 1; i <= 10; i++) await touch(cdp, 'touchMove', [[at.x - 40 - i * 8, at.y], [at.x + 40 + i * 8, at.y]]);
  await touch(cdp, 'touchEnd', []);
  await page.waitForTimeout(400);
  const pinched = await state();
  assert.ok(pinched.view.zoom > swiped.view.zoom + 0.5, `the map zoomed: ${swiped.view.zoom} -> ${pinched.view.zoom}`);
  assert.ok(Math.abs(pinched.y - swiped.y) < 2, `the page did not scroll (${swiped.y} -> ${pinched.y})`);
  await page.screenshot({ path: join(SHOTS, 'phone-embed.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

async function openEmbed(contextOptions) {
  const context = await env.browser.newContext({ reducedMotion: 'reduce', ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon|404/.test(m.text())) errors.push(m.text()); });
  await page.goto(`${env.base}embed.html`);
  await page.evaluate(async () => { for (const e of document.querySelectorAll('region-map')) { e.scrollIntoView(); await e.ready; } window.scrollTo(0, 0); });
  await page.waitForFunction(() => [...document.querySelectorAll('region-map')].every((m) => m.map), null, { timeout: 30000 });
  await frames(page);
  return { context, page, errors };
}

// Each box on the map (legend, timeline, panel, controls) as a share of the map's area.
const covered = (page, id) => page.evaluate((id) => {
  const root = document.querySelector(`#${id} .rm-root`);
  const r = root.getBoundingClientRect();
  const out = {};
  for (const sel of ['.rm-legend', '.rm-timeline', '.rm-panel', '.rm-controls']) {
    const e = root.querySelector(sel);
    if (!e || e.hidden || e.getClientRects().length === 0) continue;
    const b = e.getBoundingClientRect();
    const w = Math.max(0, Math.min(b.right, r.right) - Math.max(b.left, r.left));
    const h = Math.max(0, Math.min(b.bottom, r.bottom) - Math.max(b.top, r.top));
    out[sel] = (w * h) / (r.width * r.height);
  }
  return out;
}, id);

test('small maps and phones: the legend starts folded and nothing covers more than a third of the map', async () => {
  for (const [label, opts] of [['desktop', { viewport: { width: 1200, height: 900 } }], ['phone', devices['Pixel 7']]]) {
    const { context, page, errors } = await openEmbed(opts);
    for (const id of ['alliance-1989', 'g60', 'sketch']) {
      assert.equal(await page.evaluate((id) => document.querySelector(`#${id} .rm-legend`).open, id), false, `${label} ${id}: legend folded`);
      // A selection opens the panel: it too stays within a third of a small map.
      await page.evaluate((id) => { const m = document.getElementById(id).map; m.select(m.cities()[0].id); }, id);
      for (const [sel, share] of Object.entries(await covered(page, id))) {
        assert.ok(share <= 1 / 3, `${label} ${id}: ${sel} covers ${(share * 100).toFixed(0)}% of the map`);
      }
    }
    await page.screenshot({ path: join(SHOTS, `embed-small-${label}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('several maps on one page each have their own accessible name (axe-core)', async () => {
  const { context, page, errors } = await openEmbed({ viewport: { width: 1200, height: 900 } });
  const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axe);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['landmark-unique', 'aria-allowed-attr', 'aria-valid-attr-value', 'button-name', 'label'] }));
  const problems = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(problems, []);
  const names = await page.evaluate(() => [...document.querySelectorAll('.rm-root')].map((r) => r.getAttribute('aria-label').split('. ')[0]));
  assert.equal(new Set(names).size, 3, `three names: ${names}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in Chinese, every alliance, park, project and figure shows a Chinese name, tagged where it is not the articles\' own', async () => {
  const { context, page, errors } = await open({ viewport: { width: 1200, height: 900 } }, '?lang=zh');
  const cjk = /[\u4e00-\u9fff]/;
  const legend = await page.$$eval('#map .rm-legend-name', (els) => els.map((e) => e.textContent));
  assert.ok(legend.length >= 10 && legend.every((n) => cjk.test(n)), `legend: ${legend.filter((n) => !cjk.test(n))}`);
  const ids = await page.evaluate(() => [...window.regionMap.alliances().map((a) => a.id), ...window.regionMap.parks().map((p) => p.id)]);
  let tags = 0;
  for (const id of ids) {
    await page.evaluate((id) => window.regionMap.select(id), id);
    const panel = await page.evaluate(() => {
      const p = document.querySelector('#map .rm-panel');
      const first = (el) => el.firstChild?.textContent ?? '';
      return {
        title: first(p.querySelector('h2')),
        items: [...p.querySelectorAll('.rm-title')].map(first),
        tags: p.querySelectorAll('.rm-origin').length,
      };
    });
    assert.ok(cjk.test(panel.title), `${id}: the title is '${panel.title}'`);
    // An alliance's projects and figures (a park's dated events are descriptions, in English).
    const isPark = await page.evaluate((id) => window.regionMap.parks().some((p) => p.id === id), id);
    if (!isPark) for (const t of panel.items) assert.ok(cjk.test(t), `${id}: '${t}' has no Chinese`);
    tags += panel.tags;
    if (id === 'sino-singapore-jiashan' || id === 'shaoxing-ic-town') await page.screenshot({ path: join(SHOTS, `zh-panel-${id}.png`) });
  }
  assert.ok(tags > 20, `names that are not the articles' own are tagged (${tags} tags)`);
  // County-level cities say so; the panel gives full official names, in Chinese.
  await page.evaluate(() => window.regionMap.select('kunshan'));
  assert.match(await page.textContent('#map .rm-meta'), /县级市/);
  await page.evaluate(() => window.regionMap.select('hangzhou'));
  assert.equal(await page.evaluate(() => document.querySelector('#map .rm-panel h2').firstChild.textContent), '杭州市');
  assert.match(await page.textContent('#map .rm-meta'), /^浙江 · 地级市/);
  await page.screenshot({ path: join(SHOTS, 'zh-panel-hangzhou.png') });
  await page.evaluate(() => window.regionMap.select('yrd-integration'));
  assert.match(await page.textContent('#map .rm-panel'), /成员省份: 上海、江苏、浙江、安徽/);
  // The tooltip names the province in Chinese too.
  await page.evaluate(() => window.regionMap.select(null));
  const at = await page.evaluate(() => {
    const [lon, lat] = window.regionMap.record('hangzhou').seat;
    const p = window.regionMap.toScreen(lon, lat);
    const r = document.querySelector('#map .rm-canvas').getBoundingClientRect();
    return { x: r.left + p.x + 6, y: r.top + p.y + 6 };
  });
  await page.mouse.move(at.x, at.y);
  await page.waitForSelector('#map .rm-tooltip:not([hidden])');
  assert.match(await page.textContent('#map .rm-tooltip strong'), /杭州/);
  assert.equal(await page.textContent('#map .rm-tip-province'), '浙江');
  await page.screenshot({ path: join(SHOTS, 'zh-tooltip-hangzhou.png'), clip: { x: at.x - 150, y: at.y - 100, width: 300, height: 200 } });
  // The language changed while the pointer rests on Hangzhou: the tooltip follows.
  await page.evaluate(() => window.regionMap.setLang('en'));
  assert.match(await page.textContent('#map .rm-tooltip strong'), /^Hangzhou/);
  assert.equal(await page.textContent('#map .rm-tip-province'), 'Zhejiang');
  assert.equal(await page.isVisible('#map .rm-tooltip'), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('honest members: a strategy of provinces is drawn as their outlines, a company partner is named, a prefecture counts via its counties', async () => {
  const { context, page, errors } = await open({ viewport: { width: 1200, height: 900 } });
  const pixels = () => page.evaluate(() => {
    const c = document.querySelector('#map .rm-canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 7;
    for (let i = 0; i < d.length; i += 41) h = (h * 31 + d[i]) >>> 0;
    return h;
  });
  await page.evaluate(() => window.regionMap.select(null));
  await frames(page);
  const before = await pixels();
  await page.evaluate(() => window.regionMap.select('yrd-integration'));
  await frames(page);
  assert.notEqual(await pixels(), before, 'the member provinces are lit');
  const rec = await page.evaluate(() => window.regionMap.record('yrd-integration'));
  assert.deepEqual(rec.members, [], 'no city stands for the strategy');
  assert.deepEqual(rec.member_provinces, ['Shanghai', 'Jiangsu', 'Zhejiang', 'Anhui']);
  assert.match(await page.textContent('#map .rm-panel'), /Member provinces: Shanghai, Jiangsu, Zhejiang, Anhui/);
  await page.screenshot({ path: join(SHOTS, 'yrd-integration-provinces.png') });
  await page.evaluate(() => window.regionMap.select('sino-singapore-jiashan'));
  assert.match(await page.textContent('#map .rm-panel'), /Partners: The developer of the Suzhou Industrial Park/);
  assert.deepEqual(await page.evaluate(() => window.regionMap.record('sino-singapore-jiashan').members), ['jiashan']);
  await page.evaluate(() => window.regionMap.select('jiaxing'));
  const panel = await page.textContent('#map .rm-panel');
  assert.match(panel, /via Jiashan/);
  assert.match(panel, /via Pinghu/);
  assert.match(panel, /reported 2019/, 'a reported date says so');
  await page.screenshot({ path: join(SHOTS, 'jiaxing-via-counties.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
