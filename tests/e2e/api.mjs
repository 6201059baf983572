// The API a Leaflet or MapLibre user reaches for (issue 15), in headless Chromium: live data,
// events with coordinates, an animated view, a page's own words, and export options. Each
// test mounts its own map on www/examples/api.html's page or a bare one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openMap, useBrowser, SHOTS } from './browser.mjs';

const env = useBrowser();

// A page of this site with an empty 900x560 #map and `mount` on window; `options` for the
// page (reducedMotion, deviceScaleFactor).
async function bare(options = {}) {
  const { page, errors } = await openMap(env, 'examples/view.html?data=sketch.geojson', { viewport: { width: 1100, height: 760 }, ...options });
  await page.evaluate(async () => {
    document.body.replaceChildren();
    const div = document.createElement('div');
    div.id = 'map';
    div.style.cssText = 'width:900px;height:560px';
    document.body.append(div);
    window.mount = (await import('/region-map.min.js')).mount;
    window.REGION = { cities: '/data/cities.geojson', provinces: '/data/provinces.geojson', parks: '/data/parks.geojson', alliances: '/data/alliances.json' };
  });
  return { page, errors };
}

const settle = (page) => page.evaluate(() => new Promise((ok) => {
  const m = window.m;
  let last = JSON.stringify(m.view());
  const tick = () => setTimeout(() => { const v = JSON.stringify(m.view()); if (v === last) ok(); else { last = v; tick(); } }, 200);
  tick();
}));

test('events: ready after mount resolves, once, AbortSignal, click on empty map and on a city with coordinates and the DOM event', async () => {
  const { page, errors } = await bare();
  const r = await page.evaluate(async () => {
    const m = await window.mount(document.getElementById('map'), window.REGION);
    window.m = m;
    const got = { ready: null, late: null, onceCount: 0, aborted: 0 };
    m.on('ready', (d) => { got.ready = d; });
    await m.loaded;
    await new Promise((r) => setTimeout(r, 0));
    // A ready listener added after the fact is still called.
    await new Promise((ok) => m.on('ready', (d) => { got.late = d; ok(); }));
    m.once('view', () => { got.onceCount += 1; });
    const ac = new AbortController();
    m.on('view', () => { got.aborted += 1; }, { signal: ac.signal });
    ac.abort();
    m.setView({ zoom: m.getZoom() + 0.5 });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    m.setView({ zoom: m.getZoom() - 0.5 });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return got;
  });
  assert.equal(r.ready?.cities, 72, 'ready reached a listener added after mount resolved');
  assert.equal(r.late?.cities, 72, 'a late ready listener is called');
  assert.equal(r.onceCount, 1, 'once: one call for two views');
  assert.equal(r.aborted, 0, 'an aborted signal removed the listener');

  // Clicks: on the sea east of Shanghai (nothing there) and on Hangzhou.
  await page.evaluate(() => {
    window.clicks = [];
    window.m.on('click', (e) => window.clicks.push({ ...e, originalEvent: e.originalEvent?.constructor?.name, type: e.originalEvent?.type }));
    window.hovers = [];
    window.m.on('hover', (e) => window.hovers.push(e && { ...e, originalEvent: e.originalEvent?.type }));
  });
  const box = await page.evaluate(() => { const r = document.getElementById('map').getBoundingClientRect(); return { x: r.left, y: r.top }; });
  const sea = await page.evaluate(() => window.m.toScreen(124.6, 29.2));
  await page.mouse.click(box.x + sea.x, box.y + sea.y);
  const hz = await page.evaluate(() => { const c = window.m.record('hangzhou'); return window.m.toScreen(c.seat[0], c.seat[1]); });
  await page.mouse.move(box.x + hz.x - 3, box.y + hz.y - 3);
  await page.mouse.click(box.x + hz.x, box.y + hz.y);
  const { clicks, hovers, selected } = await page.evaluate(() => ({ clicks: window.clicks, hovers: window.hovers, selected: window.m.selected() }));
  assert.equal(clicks.length, 2, JSON.stringify(clicks));
  assert.equal(clicks[0].feature, null, 'empty map');
  assert.ok(Math.abs(clicks[0].lonlat.lon - 124.6) < 0.01 && Math.abs(clicks[0].lonlat.lat - 29.2) < 0.01, JSON.stringify(clicks[0].lonlat));
  assert.ok(Math.abs(clicks[0].point.x - sea.x) < 1.5 && Math.abs(clicks[0].point.y - sea.y) < 1.5);
  assert.equal(clicks[0].originalEvent, 'PointerEvent');
  assert.equal(clicks[1].feature?.id, 'hangzhou');
  assert.equal(selected, 'hangzhou');
  const h = hovers.find((x) => x?.id === 'hangzhou');
  assert.ok(h?.lonlat && h.point && h.feature?.id === 'hangzhou' && h.originalEvent === 'pointermove', JSON.stringify(h));
  assert.equal(h.name, 'Hangzhou');
  assert.deepEqual(errors, []);
  await page.close();
});

test('view: moveend once per motion, easeTo and flyTo arrive, getBounds matches the corners, fitBounds with padding and maxZoom', async () => {
  const { page, errors } = await bare();
  await page.evaluate(async () => {
    window.m = await window.mount(document.getElementById('map'), window.REGION);
    await window.m.loaded;
    window.ends = [];
    window.starts = 0;
    window.m.on('moveend', (v) => window.ends.push(v));
    window.m.on('movestart', () => { window.starts += 1; });
  });
  const jump = await page.evaluate(async () => {
    window.m.setView({ center: [120, 30], zoom: 8 });
    await new Promise((r) => setTimeout(r, 300));
    return { ends: window.ends.length, starts: window.starts };
  });
  assert.deepEqual(jump, { ends: 1, starts: 1 }, 'a jump is one move');

  const eased = await page.evaluate(async () => {
    const m = window.m;
    window.ends = [];
    const views = [];
    const off = new AbortController();
    m.on('view', (v) => views.push(v.zoom), { signal: off.signal });
    m.easeTo({ center: [120.16, 30.27], zoom: 9, duration: 400 });
    const during = m.getZoom();
    await new Promise((ok) => m.once('moveend', ok));
    off.abort();
    return { during, views: views.length, end: m.view(), ends: window.ends.length };
  });
  assert.ok(eased.during < 9, 'easeTo animates (the zoom is not there at once)');
  assert.ok(eased.views >= 5, `frames on the way: ${eased.views}`);
  assert.ok(Math.abs(eased.end.zoom - 9) < 1e-6 && Math.abs(eased.end.center[0] - 120.16) < 1e-6);
  assert.equal(eased.ends, 1);

  const flown = await page.evaluate(async () => {
    const m = window.m;
    let lowest = Infinity;
    const off = new AbortController();
    m.on('view', (v) => { lowest = Math.min(lowest, v.zoom); }, { signal: off.signal });
    m.flyTo({ center: [116.0, 26.6], zoom: 9, duration: 900 });
    await new Promise((ok) => m.once('moveend', ok));
    off.abort();
    return { lowest, end: m.view() };
  });
  assert.ok(flown.lowest < 8.5, `the flight rose on its way (lowest zoom ${flown.lowest})`);
  assert.ok(Math.abs(flown.end.center[0] - 116.0) < 1e-6 && Math.abs(flown.end.zoom - 9) < 1e-6);
  await page.screenshot({ path: join(SHOTS, 'api-flown.png') });

  const bounds = await page.evaluate(() => {
    const m = window.m;
    const [[w, s], [e, n]] = m.getBounds();
    return { sw: m.toScreen(w, s), ne: m.toScreen(e, n), size: document.getElementById('map').getBoundingClientRect() };
  });
  assert.ok(Math.abs(bounds.sw.x) < 0.5 && Math.abs(bounds.sw.y - bounds.size.height) < 0.5, JSON.stringify(bounds));
  assert.ok(Math.abs(bounds.ne.x - bounds.size.width) < 0.5 && Math.abs(bounds.ne.y) < 0.5);

  const fitted = await page.evaluate(async () => {
    const m = window.m;
    m.fitBounds([[119, 29], [121, 31]], { padding: { top: 10, right: 400, bottom: 10, left: 10 } });
    const a = m.toScreen(119, 29); const b = m.toScreen(121, 31);
    m.fitBounds([[120.1, 30.2], [120.2, 30.3]], { maxZoom: 9 });
    const capped = m.getZoom();
    m.fitBounds([[118, 28], [122, 32]], { animate: true, duration: 300 });
    const start = m.getZoom();
    await new Promise((ok) => m.once('moveend', ok));
    return { a, b, capped, start, end: m.getZoom() };
  });
  assert.ok(fitted.a.x >= 9 && fitted.b.x <= 501, `the box sits left of the padding: ${JSON.stringify(fitted)}`);
  assert.ok(fitted.capped <= 9 + 1e-9, 'maxZoom');
  assert.ok(fitted.start > fitted.end + 0.5, 'animated fitBounds starts where the view was');

  // Zoom limits.
  const limits = await page.evaluate(() => {
    const m = window.m;
    m.setMaxZoom(8);
    m.setView({ zoom: 12 });
    const z = m.getZoom();
    m.setMaxZoom(null);
    return { z, max: m.getMaxZoom() };
  });
  assert.equal(limits.z, 8);
  assert.ok(limits.max > 8);
  assert.deepEqual(errors, []);
  await page.close();
});

test('view: under reduced motion easeTo and flyTo jump', async () => {
  const { page } = await bare({ reducedMotion: 'reduce' });
  const z = await page.evaluate(async () => {
    const m = await window.mount(document.getElementById('map'), window.REGION);
    m.flyTo({ center: [118.8, 32.06], zoom: 9, duration: 2000 });
    return m.getZoom();
  });
  assert.equal(z, 9);
  await page.close();
});

test('setData keeps the view and the selection where it still exists; bad data keeps the old; the element changes data in place', async () => {
  const { page, errors } = await bare();
  const r = await page.evaluate(async () => {
    const m = await window.mount(document.getElementById('map'), window.REGION);
    window.m = m;
    m.setView({ center: [120.3, 30.4], zoom: 8.5 });
    m.select('hangzhou');
    const before = m.view();
    const events = [];
    m.on('select', (d) => events.push(['select', d && d.id]));
    m.on('data', (d) => events.push(['data', d.cities]));
    // The same cities from an object, without the parks: the selection stays.
    const cities = await (await fetch('/data/cities.geojson')).json();
    await m.setData({ cities, parks: null });
    const kept = { view: m.view(), selected: m.selected(), parks: m.parks().length, alliances: m.alliances().length };
    // Other data: Hangzhou is gone, and the page hears of it.
    const sketch = await (await fetch('/examples/sketch.geojson')).json();
    await m.setData({ cities: sketch, alliances: null, provinces: null });
    const other = { view: m.view(), selected: m.selected(), cities: m.cities().length, warnings: m.warnings().length };
    // Not GeoJSON: rejected, and the map keeps what it has.
    let error = null;
    try { await m.setData({ cities: { type: 'FeatureCollection', features: 'no' } }); } catch (e) { error = e.message; }
    const after = { cities: m.cities().length };
    let typeError = null;
    try { await m.setData({ towns: 'x.geojson' }); } catch (e) { typeError = e.name; }
    return { before, kept, other, error, after, typeError, events };
  });
  assert.deepEqual(r.kept.view.center, r.before.center);
  assert.equal(r.kept.view.zoom, r.before.zoom);
  assert.equal(r.kept.selected, 'hangzhou');
  assert.equal(r.kept.parks, 0);
  assert.ok(r.kept.alliances > 10);
  assert.equal(r.other.selected, null);
  assert.ok(Math.abs(r.other.view.center[0] - 120.3) < 0.3, 'the view stays where the new data allows');
  assert.ok(r.other.cities >= 3 && r.other.cities < 10);
  assert.ok(r.error && /features/.test(r.error), r.error);
  assert.equal(r.after.cities, r.other.cities);
  assert.equal(r.typeError, 'RangeError');
  assert.deepEqual(r.events.filter(([t]) => t === 'data').map(([, n]) => n), [72, r.other.cities]);
  assert.ok(r.events.some(([t, id]) => t === 'select' && id === null));
  await page.screenshot({ path: join(SHOTS, 'api-setdata.png') });

  // The element: objects through `data`, and a changed data attribute keeps the view.
  const el = await page.evaluate(async () => {
    document.body.replaceChildren();
    const e = document.createElement('region-map');
    e.setAttribute('loading', 'eager');
    e.setAttribute('cities', '/data/cities.geojson');
    e.style.cssText = 'width:800px;height:500px';
    const seen = [];
    for (const t of ['rm-ready', 'rm-data', 'rm-moveend', 'ready', 'rm-click']) e.addEventListener(t, () => seen.push(t));
    document.body.append(e);
    const m = await e.ready;
    await m.loaded;
    await new Promise((r) => setTimeout(r, 0));
    m.setView({ center: [120.5, 30.5], zoom: 9 });
    const v = m.view();
    e.setAttribute('cities', '/examples/sketch.geojson');
    await new Promise((ok) => e.addEventListener('rm-data', ok, { once: true }));
    const afterAttr = { same: e.map === m, view: m.view(), cities: m.cities().length };
    e.data = { cities: await (await fetch('/data/cities.geojson')).json() };
    await new Promise((ok) => e.addEventListener('rm-data', ok, { once: true }));
    return { v, afterAttr, cities: m.cities().length, seen };
  });
  assert.ok(el.afterAttr.same, 'the same map');
  assert.deepEqual(el.afterAttr.view.center, el.v.center);
  assert.equal(el.cities, 72);
  assert.ok(el.seen.includes('rm-ready') && el.seen.includes('ready') && el.seen.includes('rm-data'), el.seen.join());
  assert.deepEqual(errors, []);
  await page.close();
});

test('the element: rm-click comes beside the native click, never in its place', async () => {
  const { page } = await bare();
  const at = await page.evaluate(async () => {
    document.body.replaceChildren();
    const e = document.createElement('region-map');
    e.setAttribute('loading', 'eager');
    e.setAttribute('cities', '/data/cities.geojson');
    e.style.cssText = 'width:800px;height:500px;display:block';
    window.log = [];
    e.addEventListener('click', (ev) => window.log.push(ev instanceof CustomEvent ? 'custom click' : 'native click'));
    e.addEventListener('rm-click', (ev) => window.log.push(`rm-click ${ev.detail.feature?.id ?? 'empty'}`));
    e.addEventListener('select', (ev) => window.log.push(`select ${ev.detail?.id ?? null}`));
    e.addEventListener('rm-select', (ev) => window.log.push(`rm-select ${ev.detail?.id ?? null}`));
    document.body.append(e);
    const m = await e.ready;
    const c = m.record('ningbo').seat;
    const p = m.toScreen(c[0], c[1]);
    const r = e.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  });
  await page.mouse.click(at.x, at.y);
  const log = await page.evaluate(() => window.log);
  assert.deepEqual(log.sort(), ['native click', 'rm-click ningbo', 'rm-select ningbo', 'select ningbo'].sort());
  await page.close();
});

test('your own words: a language the page supplies, names from name_<tag>, the words Rust draws, and English where none is given', async () => {
  const { page, errors } = await bare();
  const r = await page.evaluate(async () => {
    const cities = await (await fetch('/data/cities.geojson')).json();
    for (const f of cities.features) if (f.properties.id === 'hangzhou') f.properties.name_fr = 'Hangzhou (FR)';
    const m = await window.mount(document.getElementById('map'), {
      ...window.REGION, cities, lang: 'fr',
      messages: { fr: { zoomIn: 'Zoom avant', factsCredit: 'Faits : articles cités', noData: 'pas de données', members: '{n} membres', close: 'Fermer' } },
    });
    window.m = m;
    const root = document.querySelector('.rm-root');
    const zoomIn = root.querySelector('.rm-controls .rm-btn').getAttribute('aria-label');
    const zoomOut = root.querySelectorAll('.rm-controls .rm-btn')[1].getAttribute('aria-label');
    const svg = m.toSVG();
    m.select('hangzhou');
    const panel = document.querySelector('.rm-panel h2').textContent;
    const close = document.querySelector('.rm-panel .rm-close').getAttribute('aria-label');
    const hz = m.record('hangzhou').seat;
    const p = m.toScreen(hz[0], hz[1]);
    let bad = null;
    try { m.setLang('de'); } catch (e) { bad = e.name; }
    const lang = m.lang();
    m.setLang('zh');
    const zh = root.querySelector('.rm-controls .rm-btn').getAttribute('aria-label');
    m.setLang('fr');
    return { zoomIn, zoomOut, svg, panel, close, p, bad, lang, zh, htmlLang: root.lang };
  });
  assert.equal(r.zoomIn, 'Zoom avant');
  assert.equal(r.zoomOut, 'Zoom out', 'English where the page gives no word');
  assert.match(r.svg, /Faits : articles cités/);
  assert.match(r.svg, />Hangzhou \(FR\)</, 'the label comes from name_fr');
  assert.match(r.panel, /Hangzhou \(FR\)/);
  assert.equal(r.close, 'Fermer');
  assert.equal(r.bad, 'RangeError');
  assert.equal(r.lang, 'fr');
  assert.equal(r.zh, '放大');
  assert.equal(r.htmlLang, 'fr');
  await page.screenshot({ path: join(SHOTS, 'api-french.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('export options: toPNG at a pixel ratio on a background, toSVG without the legend', async () => {
  const { page, errors } = await bare({ deviceScaleFactor: 1 });
  const r = await page.evaluate(async () => {
    const m = await window.mount(document.getElementById('map'), { ...window.REGION, indicator: 'projects' });
    const px = async (blob) => {
      const bmp = await createImageBitmap(blob);
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(bmp, 0, 0);
      return { w: bmp.width, h: bmp.height, corner: [...ctx.getImageData(1, 1, 1, 1).data] };
    };
    const plain = await px(await m.toPNG());
    const big = await px(await m.toPNG({ pixelRatio: 2, background: 'transparent' }));
    const red = await px(await m.toPNG({ background: 'rgb(255, 0, 0)' }));
    let bad = null;
    try { m.toPNG({ pixelRatio: 0 }); } catch (e) { bad = e.name; }
    const withLegend = m.toSVG();
    const without = m.toSVG({ legend: false });
    return { plain, big, red, bad, withLegend: withLegend.length, without: without.length, legendText: /Projects per city/.test(withLegend), noLegendText: /Projects per city/.test(without) };
  });
  assert.equal(r.big.w, r.plain.w * 2);
  assert.equal(r.big.corner[3], 0, 'transparent background');
  assert.deepEqual(r.red.corner, [255, 0, 0, 255]);
  assert.equal(r.plain.corner[3], 255);
  assert.equal(r.bad, 'RangeError');
  assert.ok(r.legendText && !r.noLegendText && r.without < r.withLegend);
  assert.deepEqual(errors, []);
  await page.close();
});

test('showAlliances: the links of the alliances named, then all of them again', async () => {
  const { page, errors } = await bare();
  const r = await page.evaluate(async () => {
    const m = await window.mount(document.getElementById('map'), window.REGION);
    const curves = () => (m.toSVG({ legend: false }).match(/<path d="M[^"]*Q/g) ?? []).length;
    const all = curves();
    m.showAlliances(['nine-cities-1989']);
    const one = curves();
    m.showAlliances('all');
    return { all, one, again: curves() };
  });
  assert.ok(r.one > 0 && r.one < r.all, `links: ${r.all} of all, ${r.one} of one alliance`);
  assert.equal(r.again, r.all);
  assert.deepEqual(errors, []);
  await page.close();
});

test('labels keep clear of the map\'s buttons where the page\'s style puts them', async () => {
  const { page, errors } = await bare();
  const r = await page.evaluate(async () => {
    // The boxes of a map's labels (middle-anchored texts of its SVG), in the map's CSS px.
    const labels = (svg) => {
      const box = document.createElement('div');
      box.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden';
      box.innerHTML = svg;
      document.body.append(box);
      const out = [...box.querySelectorAll('text[text-anchor="middle"]')].map((t) => {
        const b = t.getBBox();
        return { text: t.textContent, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
      });
      box.remove();
      return out;
    };
    const first = await window.mount(document.getElementById('map'), window.REGION);
    const before = labels(first.toSVG({ legend: false }));
    // The label nearest the map's middle, where a second map of the same size has its buttons.
    const mid = (l) => Math.hypot((l.x0 + l.x1) / 2 - 450, (l.y0 + l.y1) / 2 - 280);
    const target = [...before].sort((a, b) => mid(a) - mid(b))[0];
    first.destroy();
    const style = document.createElement('style');
    style.textContent = `#map .rm-controls { left: ${Math.round(target.x0)}px; top: ${Math.round(target.y0 - 20)}px; }`;
    document.head.append(style);
    const m = await window.mount(document.getElementById('map'), window.REGION);
    const root = document.querySelector('#map .rm-root').getBoundingClientRect();
    const c = document.querySelector('#map .rm-controls').getBoundingClientRect();
    const controls = { x0: c.left - root.left, y0: c.top - root.top, x1: c.right - root.left, y1: c.bottom - root.top };
    const after = labels(m.toSVG({ legend: false }));
    const under = after.filter((l) => l.x0 < controls.x1 && controls.x0 < l.x1 && l.y0 < controls.y1 && controls.y0 < l.y1);
    return { target, controls, under, after: after.length, before: before.length };
  });
  // The buttons did cover the label's place, and no label is drawn under them now.
  const t = r.target, c = r.controls;
  assert.ok(t.x0 < c.x1 && c.x0 < t.x1 && t.y0 < c.y1 && c.y0 < t.y1, `the buttons ${JSON.stringify(c)} cover '${t.text}' ${JSON.stringify(t)}`);
  assert.deepEqual(r.under, [], `labels under the buttons ${JSON.stringify(c)}`);
  assert.ok(r.after > 5, `${r.after} labels (${r.before} before)`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('view helpers as Leaflet has them: panTo, setZoom, getCenter, min zoom and max bounds; the element takes messages', async () => {
  const { page, errors } = await bare();
  const r = await page.evaluate(async () => {
    const m = await window.mount(document.getElementById('map'), window.REGION);
    m.panTo([119.5, 29.5], { animate: false });
    const c = m.getCenter();
    m.setZoom(8, { animate: false });
    const z = m.getZoom();
    // What the map reports from here on, for the message if the animation ends elsewhere
    // (a motion event from before the map existed once arrived here, with a stale centre).
    const log = [];
    for (const t of ['movestart', 'moveend', 'view', 'ready']) m.on(t, (d) => log.push(`${t} ${JSON.stringify(d?.center ?? d)}`));
    m.panTo([120.5, 30.5], { duration: 200 });
    await new Promise((ok) => m.once('moveend', ok));
    const eased = m.getCenter();
    m.setMinZoom(7);
    m.setView({ zoom: 3 });
    const min = [m.getMinZoom(), m.getZoom()];
    m.setMinZoom(null);
    m.setMaxBounds([[119, 29], [120, 30]]);
    m.setView({ center: [123, 33] });
    const held = m.getCenter();
    m.setMaxBounds(null);
    m.setView({ center: [121.5, 31.2] });
    const free = m.getCenter();
    let bad = null;
    try { m.setMaxBounds([[119, 29]]); } catch (e) { bad = e.name; }
    return { c, z, eased, min, held, free, bad, log };
  });
  assert.ok(Math.abs(r.c.lon - 119.5) < 1e-6 && Math.abs(r.c.lat - 29.5) < 1e-6);
  assert.equal(r.z, 8);
  assert.ok(Math.abs(r.eased.lon - 120.5) < 1e-6, JSON.stringify(r.log));
  assert.deepEqual(r.min, [7, 7]);
  assert.ok(r.held.lon <= 120 + 1e-9 && r.held.lat <= 30 + 1e-9, JSON.stringify(r.held));
  assert.ok(Math.abs(r.free.lon - 121.5) < 1e-6);
  assert.equal(r.bad, 'TypeError');

  const label = await page.evaluate(async () => {
    document.body.replaceChildren();
    const e = document.createElement('region-map');
    e.setAttribute('loading', 'eager');
    e.setAttribute('cities', '/data/cities.geojson');
    e.setAttribute('lang', 'fr');
    e.messages = { fr: { zoomIn: 'Zoom avant' } };
    document.body.append(e);
    const m = await e.ready;
    return { label: e.querySelector('.rm-controls .rm-btn').getAttribute('aria-label'), lang: m.lang() };
  });
  assert.deepEqual(label, { label: 'Zoom avant', lang: 'fr' });
  assert.deepEqual(errors, []);
  await page.close();
});
