// The iframe page: a full-page map whose options come from the page's URL
// (frame.html?lang=zh&select=hangzhou&year=2019). The URL is input from anyone, so each
// option is checked like a deep link: a bad one is left out with a `warning` event (and a
// console warning), never thrown, and data comes only from this page's own origin.
import { mount } from './region-map.min.js';

const q = new URLSearchParams(location.search);
const warnings = [];
const warn = (option, reason) => warnings.push({ file: 'frame URL', feature: option, reason, message: `frame URL: ${option}: ${reason}` });

const DATA = { cities: 'data/cities.geojson', provinces: 'data/provinces.geojson', parks: 'data/parks.geojson', alliances: 'data/alliances.json' };
const options = { wheel: 'always' };
const custom = q.has('cities');
for (const [key, fallback] of Object.entries(DATA)) {
  const v = q.get(key);
  if (v == null) { if (!custom) options[key] = fallback; continue; }
  let url = null;
  try { url = new URL(v, location.href); } catch { /* not a URL */ }
  if (url && url.origin === location.origin) options[key] = url.href;
  else {
    warn(key, `'${v}' is not a URL of this site`);
    if (key === 'cities') Object.assign(options, DATA);
  }
}
const pick = (key, allowed) => {
  const v = q.get(key);
  if (v == null) return;
  if (allowed.includes(v)) options[key] = v;
  else warn(key, `'${v}' is not one of ${allowed.join(', ')}`);
};
pick('lang', ['en', 'zh']);
pick('theme', ['light', 'dark', 'auto']);
if (q.has('year')) {
  const y = Number(q.get('year'));
  if (Number.isInteger(y)) options.year = y;
  else warn('year', `'${q.get('year')}' is not a year`);
}
if (q.has('label')) options.label = q.get('label').slice(0, 200);

const map = await mount(document.getElementById('map'), options);
const attempt = (key, fn) => { if (q.has(key)) { try { fn(q.get(key)); } catch (e) { warn(key, e.message); } } };
attempt('show', (v) => map.showAlliances(v === 'all' ? 'all' : v.split(',').map((s) => s.trim()).filter(Boolean)));
attempt('indicator', (v) => map.setIndicator(v || null));
attempt('select', (v) => map.select(v || null));
for (const w of warnings) { console.warn(w.message); map._emit('warning', w); }
window.regionMap = map;
