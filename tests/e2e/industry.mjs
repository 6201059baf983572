// The industry map (issue 17) in headless Chromium: colour cities by an industry, see who
// has it on site and who only by policy, the overview of all clusters, a city's clusters with
// "where else", the timeline, both languages and both themes. Screenshots for a person.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openMap, useBrowser, SHOTS } from './browser.mjs';

const env = useBrowser();

const host = (query = '') => openMap(env, query, { viewport: { width: 1280, height: 860 } });

// Chooses an indicator and waits until the legend shows its classes (the industry views are
// computed by the module loaded later).
async function colourBy(page, name) {
  await page.evaluate((n) => window.regionMap.setIndicator(n), name);
  await page.waitForFunction((n) => window.regionMap.legend()?.choropleth?.indicator === n, name, { timeout: 20000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// The most common colour of the map's canvas in a 21x21 px window around a city's seat: the
// fill, since labels and borders are a few pixels of it.
async function fillAt(page, id) {
  return page.evaluate((id) => {
    const m = window.regionMap;
    const c = m.record(id).seat;
    const p = m.toScreen(c[0], c[1]);
    const canvas = document.querySelector('#map canvas');
    const k = canvas.width / canvas.getBoundingClientRect().width;
    const d = canvas.getContext('2d').getImageData(Math.round((p.x - 10) * k), Math.round((p.y - 10) * k), Math.round(21 * k), Math.round(21 * k)).data;
    const n = new Map();
    for (let i = 0; i < d.length; i += 4) { const key = `${d[i]},${d[i + 1]},${d[i + 2]}`; n.set(key, (n.get(key) ?? 0) + 1); }
    return [...n].sort((a, b) => b[1] - a[1])[0][0];
  }, id);
}

const RGB = { onSiteUnknown: '214,96,77', onSiteNotYet: '244,165,130', hub: '33,102,172', member: '146,197,222', none: '247,247,247' };

test('integrated circuits: Ningbo and Shaoxing on site, Shanghai the hub, G60 members by policy, Ganzhou not lit', async () => {
  const { page, errors } = await host();
  const offered = await page.evaluate(() => window.regionMap.indicators().filter((i) => i.id.startsWith('industr')));
  assert.ok(offered.some((i) => i.id === 'industries'));
  const ic = offered.find((i) => i.id === 'industry:integrated-circuits');
  assert.equal(ic?.label_zh, '产业：集成电路');
  assert.ok(offered.length >= 13, `${offered.length} industry views`);
  await colourBy(page, 'industry:integrated-circuits');
  assert.equal(await fillAt(page, 'ningbo'), RGB.onSiteUnknown);
  assert.equal(await fillAt(page, 'shaoxing'), RGB.onSiteNotYet, 'under construction');
  assert.equal(await fillAt(page, 'shanghai'), RGB.hub);
  assert.equal(await fillAt(page, 'hangzhou'), RGB.member);
  assert.equal(await fillAt(page, 'ganzhou'), RGB.none);
  const legend = await page.evaluate(() => window.regionMap.legend().choropleth);
  assert.equal(legend.classes.length, 6);
  assert.equal(legend.classes[2].count, 1, 'one place on site and not producing yet (Shaoxing)');
  // The legend in the panel lists the same classes.
  const html = await page.evaluate(() => [...document.querySelectorAll('.rm-classes .rm-class')].map((li) => li.textContent));
  assert.ok(html.some((t) => /hub of a body that names it/.test(t)), html.join(' | '));
  await page.screenshot({ path: join(SHOTS, 'industry-ic-en.png') });

  // The export shows the same classes.
  const svg = await page.evaluate(() => window.regionMap.toSVG());
  assert.match(svg, /on site: planned, signed or building/);

  // The timeline: in 1990 no IC link is attested yet.
  await page.evaluate(() => window.regionMap.setYear(1990));
  await page.waitForFunction(() => window.regionMap.legend().choropleth?.classes[5].count > 55, null, { timeout: 20000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await fillAt(page, 'ningbo'), RGB.none);
  await page.evaluate(() => window.regionMap.setYear(null));

  // In Chinese.
  await page.evaluate(() => window.regionMap.setLang('zh'));
  await page.waitForFunction(() => window.regionMap.legend().choropleth?.classes[0].label === '实地：投产或招商', null, { timeout: 20000 });
  await page.screenshot({ path: join(SHOTS, 'industry-ic-zh.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a city says which clusters it is in, at what stage, and where else; a park says its stage', async () => {
  const { page, errors } = await host();
  await page.evaluate(() => window.regionMap.select('ningbo'));
  await page.waitForSelector('.rm-clusters li[data-industry="integrated-circuits"]', { timeout: 20000 });
  const ningbo = await page.evaluate(() => {
    const li = document.querySelector('.rm-clusters li[data-industry="integrated-circuits"]');
    return { role: li.dataset.role, text: li.textContent };
  });
  assert.equal(ningbo.role, 'park-host');
  assert.match(ningbo.text, /on site · stage not given/);
  assert.match(ningbo.text, /Also on site: Shaoxing/);
  assert.match(ningbo.text, /By policy only: .*Shanghai/);

  await page.evaluate(() => window.regionMap.select('shaoxing'));
  await page.waitForSelector('.rm-clusters li[data-industry="integrated-circuits"]', { timeout: 20000 });
  const shaoxing = await page.evaluate(() => document.querySelector('.rm-clusters li[data-industry="integrated-circuits"]').textContent);
  assert.match(shaoxing, /under construction \(reported 2019\)/);
  assert.match(shaoxing, /excavators are rumbling/, 'the source quote');

  await page.evaluate(() => window.regionMap.setLang('zh'));
  await page.waitForSelector('.rm-clusters li[data-industry="integrated-circuits"]', { timeout: 20000 });
  const zh = await page.evaluate(() => document.querySelector('.rm-clusters').textContent);
  assert.match(zh, /集成电路/);
  assert.match(zh, /在建/);
  await page.screenshot({ path: join(SHOTS, 'industry-panel-shaoxing-zh.png') });

  await page.evaluate(() => { window.regionMap.setLang('en'); window.regionMap.select('zhangjiang-yrd-tech-city-pinghu'); });
  const park = await page.evaluate(() => document.querySelector('.rm-panel').textContent);
  assert.match(park, /Stageattracting projects \(reported 2019\)/);
  assert.match(park, /robotics, digital economy/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('all clusters at once: each place by its cluster on site, several, policy only; light and dark', async () => {
  const { page, errors } = await host();
  await colourBy(page, 'industries');
  const legend = await page.evaluate(() => window.regionMap.legend().choropleth.classes.map((c) => `${c.label}:${c.count}`));
  assert.ok(legend.includes('integrated circuits:2'), legend.join(' | '));
  assert.ok(legend.some((l) => l.startsWith('several industries on site:')), legend.join(' | '));
  assert.ok(legend.some((l) => l.startsWith('policy focus only:')));
  await page.screenshot({ path: join(SHOTS, 'industry-overview-en.png') });
  await page.evaluate(() => { window.regionMap.setTheme('dark'); window.regionMap.setLang('zh'); });
  await page.waitForFunction(() => window.regionMap.legend().choropleth?.classes.some((c) => c.label === '多个实地产业'), null, { timeout: 20000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: join(SHOTS, 'industry-overview-zh-dark.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the identification map: places by industry as a chart with its table, and every link with its source as CSV', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.base);
  await page.waitForFunction(() => window.regionMap, null, { timeout: 30000 });
  await colourBy(page, 'industry:integrated-circuits');
  await page.evaluate(() => { document.querySelector('.rm-overview').open = true; });
  await page.waitForSelector('.rm-overview canvas[data-drawn]', { timeout: 20000 });
  const m = await page.evaluate(() => {
    const c = document.querySelector('.rm-overview canvas');
    const t = c.nextElementSibling;
    return {
      aspect: c.height / c.width,
      caption: t?.querySelector('caption')?.textContent,
      head: [...t.querySelectorAll('th')].map((x) => x.textContent),
      ningbo: [...t.querySelectorAll('tr')].find((r) => r.firstChild.textContent === 'Ningbo')?.textContent,
      hidden: getComputedStyle(t).clipPath,
    };
  });
  assert.ok(m.aspect > 1.2, `the matrix grows to its rows (${m.aspect})`);
  assert.equal(m.caption, 'Industrial clusters by place');
  assert.ok(m.head.includes('integrated circuits') && m.head.includes('down (feather)'), m.head.join());
  assert.match(m.ningbo, /on site: stage not given/);
  assert.match(m.hidden, /inset/);
  await page.locator('.rm-legend').screenshot({ path: join(SHOTS, 'industry-matrix-en.png') });
  // The SVG export carries the chart's data, each cell with its source.
  const desc = await page.evaluate(() => window.regionMap.toSVG().split('<desc>')[1] ?? '');
  assert.match(desc, /Industrial clusters by place/);
  assert.match(desc, /Ningbo \|.*on site: stage not given \(Higher quality/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.rm-csv')]);
  const csv = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  assert.match(lines[0], /^city_id,city_en,city_zh,industry_id/);
  assert.ok(lines.length > 20);
  assert.ok(lines.some((l) => l.startsWith('shaoxing,Shaoxing,') && /under-construction/.test(l) && /excavators/.test(l)));
  assert.ok(lines.slice(1).every((l) => /,(g60-2021|delta-synergy|zhejiang-2019|qingpu-2019-meeting|pd-1989-nine-cities),/.test(l)), 'every link names its source');

  await page.evaluate(() => window.regionMap.setLang('zh'));
  await page.waitForFunction(() => document.querySelector('.rm-overview .rm-chart-table caption')?.textContent === '各地产业集群', null, { timeout: 20000 });
  await page.locator('.rm-legend').screenshot({ path: join(SHOTS, 'industry-matrix-zh.png') });

  // Every other chart has its table too: Hangzhou's.
  await page.evaluate(() => { window.regionMap.setLang('en'); window.regionMap.setIndicator(null); window.regionMap.select('hangzhou'); });
  await page.waitForSelector('.rm-panel canvas[data-drawn]', { timeout: 20000 });
  const city = await page.evaluate(() => document.querySelector('.rm-panel .rm-chart-table caption')?.textContent);
  assert.match(city, /Projects per year/);
  await page.locator('.rm-panel').screenshot({ path: join(SHOTS, 'chart-hangzhou-steps.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('every industry view lights at least one place, each saved as a screenshot', async () => {
  const { page, errors } = await host();
  const views = await page.evaluate(() => window.regionMap.indicators().filter((i) => i.id.startsWith('industry:')).map((i) => i.id));
  for (const v of views) {
    await colourBy(page, v);
    const lit = await page.evaluate(() => window.regionMap.legend().choropleth.classes.slice(0, 5).reduce((n, c) => n + c.count, 0));
    assert.ok(lit >= 1, `${v} lights ${lit} places`);
    await page.locator('#map').screenshot({ path: join(SHOTS, `industry-view-${v.slice(9)}.png`) });
  }
  assert.ok(views.length >= 12);
  assert.deepEqual(errors, []);
  await page.close();
});
