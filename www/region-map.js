// region-map: the public ES module. `mount(element, options)` and the <region-map> element.
// The WebAssembly core draws and handles gestures; this module loads the data, builds the
// HTML around the canvas (controls, tooltip, details panel, live region, messages), and
// turns the core's events into the public ones. See README.md for the API.

import init, { MapCore, DataStream } from './pkg/region_map.js';
import { renderRecord, describe } from './panel.js';
import { el } from './parts/dom.js';
import { attachLegend } from './parts/legend.js';
import { attachTimeline } from './parts/timeline.js';
import { attachTooltip } from './parts/tooltip.js';
import { attachList } from './parts/list.js';

let wasmReady = null;
let wasmExports = null;
function loadWasm() {
  wasmReady ??= init({ module_or_path: new URL('./pkg/region_map_bg.wasm', import.meta.url) }).then((x) => {
    wasmExports = x;
    return x;
  });
  return wasmReady;
}

// In a browser, the module is fetched and compiled as soon as this file is imported, while
// the page is still loading its data; mount() waits for it. A failure is reported by mount(),
// not here. Imported elsewhere (server rendering, a Node test), importing touches nothing.
if (typeof document !== 'undefined' && typeof WebAssembly !== 'undefined') loadWasm().catch(() => {});

// The charts are a second WebAssembly module (plotters), fetched the first time a chart is
// shown: it is not part of what a page loads before the map's first paint.
let chartsReady = null;
function loadCharts() {
  chartsReady ??= import(new URL('./pkg/region_map_charts.js', import.meta.url).href).then(async (m) => {
    await m.default({ module_or_path: new URL('./pkg/region_map_charts_bg.wasm', import.meta.url) });
    return m;
  });
  chartsReady.catch(() => { chartsReady = null; });
  return chartsReady;
}

// For tests, not an export: the size of the WebAssembly memory that all maps on the page
// share, as mount[Symbol.for('region-map.wasmMemoryBytes')]().
const wasmMemoryBytes = () => wasmExports?.memory?.buffer.byteLength ?? null;

const STYLE_ID = 'region-map-style';
// Links the stylesheet once per document; resolves when it has loaded (or failed), since the
// theme the canvas uses is read from it.
function linkStyles(doc) {
  let link = doc.getElementById(STYLE_ID);
  if (!link) {
    link = doc.createElement('link');
    link.id = STYLE_ID;
    link.rel = 'stylesheet';
    link.href = new URL('./region-map.css', import.meta.url).href;
    // Remembered on the element, so that a later mount does not wait for an event that has
    // already fired (a stylesheet that failed to load has no sheet).
    const settle = () => { link.dataset.settled = 'true'; };
    link.addEventListener('load', settle, { once: true });
    link.addEventListener('error', settle, { once: true });
    doc.head.appendChild(link);
  }
  if (link.sheet || link.dataset.settled) return Promise.resolve();
  return new Promise((done) => {
    link.addEventListener('load', done, { once: true });
    link.addEventListener('error', done, { once: true });
  });
}

// The theme as the core takes it: for each name the core gives, the custom property
// `--rm-NAME` on the map's element, a colour as four numbers (r, g, b, alpha; any CSS colour
// syntax, resolved by the browser) or one number; NaN where the page sets none.
function readTheme(el, names) {
  const style = el.ownerDocument.defaultView.getComputedStyle(el);
  const probe = el.ownerDocument.createElement('span');
  probe.style.display = 'none';
  el.appendChild(probe);
  const values = [];
  for (const name of names) {
    const raw = style.getPropertyValue(`--rm-${name}`).trim();
    if (name === 'fill-opacity' || name === 'line-scale') { values.push(raw ? Number(raw) : NaN); continue; }
    values.push(...(raw && cssColor(el, raw, probe)) || [NaN, NaN, NaN, NaN]);
  }
  probe.remove();
  return { values, font: style.getPropertyValue('--rm-font').trim() };
}
// In a browser the stylesheet, like the module, starts loading when this file is imported:
// mount() reads the theme from it, and must not wait for it after the data has come.
if (typeof document !== 'undefined' && document.head) linkStyles(document);

const THEMES = ['light', 'dark', 'auto'];
const COUNTS = ['alliances', 'projects', 'parks'];

// Bad arguments are rejected the same way by every method: a TypeError (wrong type) or a
// RangeError (a value the map does not have) that names the method and the argument. The
// page's readers see nothing of it.
const show = (v) => (typeof v === 'string' ? `'${v}'` : Array.isArray(v) ? JSON.stringify(v) : String(v));
function bad(Kind, method, arg, expected, got) {
  return new Kind(`region-map: ${method}: ${arg} must be ${expected}, got ${show(got)}`);
}
const finite = (v) => typeof v === 'number' && Number.isFinite(v);

const TEXT = {
  en: {
    loading: 'Loading map…', zoomIn: 'Zoom in', zoomOut: 'Zoom out', reset: 'Show the whole region',
    lang: '中文', langLabel: 'Show labels in Chinese', close: 'Close details',
    map: 'Map of regional cooperation. Drag to pan, scroll or +/- to zoom, arrow keys to move, N and P to step through cities, Enter to select, Esc to clear.',
    failed: 'The map could not be shown',
    focus: (n, p) => `${n}, ${p}. Press Enter to select.`,
    recovered: 'The map hit an internal error and was restarted.',
    preparing: 'Preparing the map…',
    more: (n) => `and ${n} more features, not listed`,
    legend: 'Alliances', legendPlain: 'Legend', colourBy: 'Colour cities by', colourByPlain: 'Colour by', none: 'nothing', noData: 'no data',
    unranked: 'Districts and counties count in their city',
    members: (n) => `${n} members`, provinces: (n) => `${n} provinces`, allYears: 'All years', play: 'Play the timeline', pause: 'Pause',
    year: 'Year', overview: 'Overview chart', showAll: 'All', notYet: 'not founded yet',
    wheelHint: 'Use Ctrl + scroll to zoom the map, or click it first',
    touchHint: 'Use two fingers to move the map',
    name: 'Map of regional cooperation', details: 'Details', cleared: 'Selection cleared', csv: 'Download the links as CSV',
    listLabel: 'Cities and alliances on the map', cities: 'Cities', alliancesList: 'Alliances', parksList: 'Parks',
  },
  zh: {
    loading: '地图加载中…', zoomIn: '放大', zoomOut: '缩小', reset: '显示整个区域',
    lang: 'EN', langLabel: 'Show labels in English', close: '关闭详情',
    map: '区域合作地图。拖动平移，滚轮或 +/- 缩放，方向键移动，N/P 逐个浏览城市，回车选择，Esc 取消选择。',
    failed: '地图无法显示',
    focus: (n, p) => `${n}，${p}。按回车键选择。`,
    recovered: '地图发生内部错误，已重新启动。',
    preparing: '正在准备地图…',
    more: (n) => `另有 ${n} 个要素未列出`,
    legend: '联盟', legendPlain: '图例', colourBy: '城市着色', colourByPlain: '着色依据', none: '无', noData: '无数据',
    unranked: '区县计入所属城市',
    members: (n) => `${n}个成员`, provinces: (n) => `${n}个省市`, allYears: '全部年份', play: '播放时间轴', pause: '暂停',
    year: '年份', overview: '概览图表', showAll: '全部', notYet: '尚未成立',
    wheelHint: '按住 Ctrl 滚动以缩放地图，或先点击地图',
    touchHint: '使用双指移动地图',
    name: '区域合作地图', details: '详情', cleared: '已取消选择', csv: '下载关联表（CSV）',
    listLabel: '地图上的城市与联盟', cities: '城市', alliancesList: '联盟', parksList: '园区',
  },
};

// A page's own words (the `messages` option): for each language tag, strings by key, over
// the built-in English or Chinese (see README). Strings of keys that take values use
// placeholders: {n} for a number, {name} and {province} for the keyboard focus.
const PLACEHOLDERS = { focus: ['name', 'province'], more: ['n'], members: ['n'], provinces: ['n'] };
const baseOf = (tag) => (/^zh(-|$)/i.test(tag) ? 'zh' : 'en');
function checkMessages(messages) {
  if (messages == null) return {};
  if (typeof messages !== 'object' || Array.isArray(messages)) throw bad(TypeError, 'mount', 'options.messages', 'an object of language tags', messages);
  for (const [tag, words] of Object.entries(messages)) {
    if (!/^[a-zA-Z][a-zA-Z0-9-]{1,34}$/.test(tag)) throw bad(RangeError, 'mount', 'options.messages', 'keyed by language tags (such as \'fr\' or \'pt-BR\')', tag);
    if (typeof words !== 'object' || words == null) throw bad(TypeError, 'mount', `options.messages.${tag}`, 'an object of strings', words);
    for (const [k, v] of Object.entries(words)) {
      if (typeof v !== 'string') throw bad(TypeError, 'mount', `options.messages.${tag}.${k}`, 'a string', v);
    }
  }
  return messages;
}
// The UI words for `tag`: the built-in ones of its base language, with the page's on top.
function wordsFor(tag, messages) {
  const own = messages[tag] ?? {};
  const out = { ...TEXT[baseOf(tag)] };
  for (const [k, v] of Object.entries(own)) {
    const names = PLACEHOLDERS[k];
    out[k] = names ? (...args) => v.replace(/\{(\w+)\}/g, (m, p) => (names.includes(p) ? String(args[names.indexOf(p)]) : m)) : v;
  }
  return out;
}

// A file as the core reads it: its name and bytes (an object is made into them only when
// asked, and pieces that arrived apart joined only when asked), and its text, made when asked
// (the charts module reads the parks and alliances).
function dataFile(name, bytes, doc, pieces) {
  let text = null;
  return {
    name,
    doc,
    get bytes() {
      if (pieces) bytes = joined(pieces);
      pieces = null;
      return (bytes ??= new TextEncoder().encode(JSON.stringify(doc)));
    },
    get text() { return (text ??= new TextDecoder().decode(this.bytes)); },
  };
}

function joined(pieces) {
  if (pieces.length === 1) return pieces[0];
  const all = new Uint8Array(pieces.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of pieces) { all.set(c, at); at += c.length; }
  return all;
}

async function fetchOk(src, label) {
  const url = new URL(src, document.baseURI).href;
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`${src}: cannot load ${label} (${e.message})`);
  }
  if (!res.ok) throw new Error(`${src}: cannot load ${label} (HTTP ${res.status})`);
  return res;
}

// A large file's progress: the megabytes downloaded, then (`reading`, 0 to 1) how much of
// what came is read.
function progressText(text, got, total, reading) {
  const mb = (n) => (n / 1e6).toFixed(1);
  if (reading != null) return `${text.preparing} ${Math.floor(100 * reading)}%`;
  return `${text.loading} ${mb(got)}${total ? ` / ${mb(total)}` : ''} MB`;
}

// Reads a data option: a URL (relative to the page) or an already parsed object. A URL's
// bytes go to the core as they came, with no JavaScript string or parse in between.
async function readSource(src, label) {
  if (src == null || src === '') return null;
  if (typeof src === 'string') return dataFile(src, new Uint8Array(await (await fetchOk(src, label)).arrayBuffer()));
  if (typeof src === 'object') return dataFile(`${label} (object)`, null, src);
  throw new Error(`${label}: expected a URL or a GeoJSON object, got ${typeof src}`);
}

// Reads the cities given as a URL into the core as the bytes arrive: the features that have
// come whole are read in short tasks while the rest downloads, so that reading overlaps the
// download instead of following it. The file comes back with its `stream` (the core takes it,
// ends it and reads the rest), and its bytes for a map that must load it again. `onProgress`
// tells a large file's progress; `stopped` says when to give up (resolves to null then).
async function streamSource(src, label, onProgress, stopped) {
  const res = await fetchOk(src, label);
  if (!res.body) return dataFile(src, new Uint8Array(await res.arrayBuffer()));
  // A compressed response's length is not the file's: the progress then has no total.
  const total = res.headers.get('content-encoding') ? 0 : Number(res.headers.get('content-length')) || 0;
  const pieces = [];
  let got = 0;
  let ended = false;
  let failed = null;
  let wake = null;
  const reader = res.body.getReader();
  (async () => {
    for (;;) {
      // eslint-disable-next-line no-await-in-loop
      const { done, value } = await reader.read();
      if (done) break;
      pieces.push(value);
      got += value.length;
      onProgress(got, total);
      wake?.();
    }
    ended = true;
    wake?.();
  })().catch((e) => { failed = e; wake?.(); });
  // A load that fails stops the download.
  const cancel = () => reader.cancel().catch(() => {});
  try {
    await loadWasm();
  } catch (e) {
    cancel();
    throw e;
  }
  const stream = new DataStream(src);
  try {
    let [fed, at, pushed] = [0, 0, 0];
    for (;;) {
      if (failed) throw new Error(`${src}: cannot load ${label} (${failed.message})`);
      if (stopped()) {
        cancel();
        stream.free();
        return null;
      }
      // Steps for STEP_MS, a piece given to the stream only when it has read what it has (so
      // that it holds little of the file).
      const start = performance.now();
      do {
        if (stream.can_step()) {
          stream.step();
        } else if (fed < pieces.length) {
          // A piece in parts of at most PUSH_BYTES.
          const piece = pieces[fed];
          stream.push(piece.subarray(at, at + PUSH_BYTES));
          at += PUSH_BYTES;
          if (at >= piece.length) [fed, at, pushed] = [fed + 1, 0, pushed + piece.length];
        } else {
          break;
        }
      } while (performance.now() - start < STEP_MS);
      if (ended && fed === pieces.length) break;
      // Once all has come, how much of it is read.
      if (ended) onProgress(got, total, (pushed + at) / got);
      if (!stream.can_step() && fed === pieces.length) {
        // eslint-disable-next-line no-await-in-loop
        await new Promise((r) => { wake = r; });
        wake = null;
      }
      // Always a task of its own (the pieces' promises would run it inside the network's
      // tasks); while pieces are still coming, queued behind those of the network (which
      // scheduler.yield() would go before).
      // eslint-disable-next-line no-await-in-loop
      await (ended ? yieldToPage() : nextTask());
    }
  } catch (e) {
    cancel();
    stream.free();
    throw e;
  }
  const file = dataFile(src, null, null, pieces);
  file.stream = stream;
  return file;
}

// The page's turn between two steps of a load: input, a frame of progress.
const yieldToPage = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((r) => setTimeout(r, 0)));
// The most bytes of a piece of the cities given to the core at once (a network's pieces may be
// megabytes).
const PUSH_BYTES = 1 << 18;
// A task queued as any other (after those already waiting, the network's among them).
const nextTask = () => new Promise((r) => (globalThis.scheduler?.postTask ? globalThis.scheduler.postTask(r) : setTimeout(r, 0)));

// How long one task of a load takes steps before the page has its turn (a step is a few ms;
// the last ones, building and preparing the data set, may take longer).
const STEP_MS = 12;

// Takes the steps of a load left after the first (`left` of them), as many in a task as
// STEP_MS allows, with the page's turn before each task; `show` tells the progress of a large
// load, `stopped` says when to give up (returns false then). The core builds the data set and
// prepares it in the last steps.
async function stepThrough(core, left, show, stopped) {
  const total = left + 1;
  while (left > 0) {
    // A small data set's steps pass unannounced.
    if (total > 40) show(`${Math.floor((100 * (total - left)) / total)}%`);
    // eslint-disable-next-line no-await-in-loop
    await yieldToPage();
    if (stopped()) return false;
    const start = performance.now();
    do left = core.load_step(); while (left > 0 && performance.now() - start < STEP_MS);
  }
  return true;
}

// How long one task of the first frame spends on the base, painting and rastering it, before
// the page has its turn: a large base is drawn over several tasks, none of them long.
const SLICE_MS = 25;

// Draws the next frame in slices of their own tasks, with the page's turn between them;
// `stopped` says when to give up (returns false then).
async function drawInSlices(core, stopped) {
  while (core.render_slice(SLICE_MS)) {
    // eslint-disable-next-line no-await-in-loop
    await yieldToPage();
    if (stopped()) return false;
  }
  return true;
}

// Hands data `r` to the core (`load(stream)`): the cities' stream when they were read as
// they arrived, else a stream of their bytes in one piece, with the optional files. A stream
// is used once, then freed.
function handOver(r, load) {
  let s = r.cities.stream;
  r.cities.stream = null;
  if (!s) {
    s = new DataStream(r.cities.name);
    s.push(r.cities.bytes);
  }
  try {
    s.optional(
      r.parks?.name ?? 'parks', r.parks?.bytes,
      r.alliances?.name ?? 'alliances', r.alliances?.bytes,
      r.provinces?.name ?? 'provinces', r.provinces?.bytes,
    );
    return load(s);
  } finally {
    s.free();
  }
}

// The events a page has always had by these names on the element; newer events (and all of
// them, beside these) are dispatched as `rm-<type>`, which no native event shares.
const LEGACY_EVENTS = new Set(['ready', 'select', 'hover', 'view', 'warning', 'error', 'hint', 'legend']);
const EVENTS = new Set([...LEGACY_EVENTS, 'click', 'movestart', 'moveend', 'data']);
const MOTION_EVENTS = new Set(['view', 'movestart', 'moveend']);

// A listener's options: `{signal}` removes it when the signal aborts, `{once}` after one call.
function listenerOptions(method, opts) {
  if (opts == null) return {};
  if (typeof opts !== 'object') throw bad(TypeError, method, 'options', 'an object ({signal, once})', opts);
  if (opts.signal != null && typeof opts.signal?.addEventListener !== 'function') throw bad(TypeError, method, 'options.signal', 'an AbortSignal', opts.signal);
  return opts;
}

// `[[west, south], [east, north]]` of finite numbers, or a TypeError naming the method.
function readBounds(method, bounds) {
  const [[w, s] = [], [e, n] = []] = Array.isArray(bounds) ? bounds : [];
  if (![w, s, e, n].every(finite)) throw bad(TypeError, method, 'bounds', '[[west, south], [east, north]] (numbers)', bounds);
  return [w, s, e, n];
}

// Padding as fitBounds takes it: a number for every side, or {top, right, bottom, left}.
function readPadding(method, padding) {
  if (padding == null) return [16, 16, 16, 16];
  if (finite(padding) && padding >= 0) return [padding, padding, padding, padding];
  if (typeof padding === 'object') {
    const sides = ['top', 'right', 'bottom', 'left'].map((k) => padding[k] ?? 0);
    if (sides.every((v) => finite(v) && v >= 0)) return sides;
  }
  throw bad(TypeError, method, 'options.padding', 'a number of CSS px or {top, right, bottom, left}', padding);
}

// The options of easeTo/flyTo: {center, zoom, duration}.
function readMove(method, o) {
  if (o == null || typeof o !== 'object') throw bad(TypeError, method, 'options', '{center, zoom, duration}', o);
  const { center, zoom, duration } = o;
  if (center != null && !(Array.isArray(center) && center.length === 2 && center.every(finite))) throw bad(TypeError, method, 'options.center', '[lon, lat] (numbers)', center);
  if (center != null && (Math.abs(center[0]) > 360 || Math.abs(center[1]) > 90)) throw bad(RangeError, method, 'options.center', 'a longitude and a latitude', center);
  if (zoom != null && !finite(zoom)) throw bad(TypeError, method, 'options.zoom', 'a number', zoom);
  if (duration != null && !(finite(duration) && duration >= 0)) throw bad(TypeError, method, 'options.duration', 'a duration in ms (0 or more)', duration);
  return { lon: center?.[0] ?? NaN, lat: center?.[1] ?? NaN, zoom: zoom ?? NaN, duration: duration ?? NaN };
}

class RegionMap {
  #core; #el; #dom; #lang; #listeners = new Map(); #detach = []; #destroyed = false; #warnings = [];
  // The page's own words (`messages`), by language tag, and the UI words of the current one.
  #messages = {}; #words = null;

  // The core's last snapshot (an opaque string): after an internal error the core is dead and
  // cannot be asked, so the wrapper keeps the latest one, and nothing else of the core's state.
  #recreate; #recovering = false; #snapshot = null;
  // The page furniture, one part each (legend, timeline, tooltip, screen-reader list), each
  // with its own detach.
  #parts = null;
  // `ready`'s detail once it has fired: a listener added later is called with it, and
  // `loaded` resolves with it.
  #ready = null; #readyPromise = null; #resolveReady = null;
  // The data as the page gave it, for setData and recovery (see mount).
  _data = null;

  // Attaches the parts; mount() calls it once the map exists.
  _attachParts() {
    const ctx = {
      dom: this.#dom,
      map: this,
      call: (name, fn, fallback) => this.#call(name, fn, fallback),
      // The built-in language the parts write in ('en' or 'zh'), and the words to use.
      lang: () => baseOf(this.#lang),
      text: () => this.#text(),
      drawChart: (canvas) => this.#drawChart(canvas),
      csv: () => this.#csv(),
    };
    this.#parts = {
      legend: attachLegend(ctx), timeline: attachTimeline(ctx), tooltip: attachTooltip(ctx), list: attachList(ctx),
    };
  }

  // What the legend shows changed: redraw it and tell the page.
  _renderLegend() {
    queueMicrotask(() => { if (!this.#destroyed) this._emit('legend', null); });
    this.#parts?.legend.render();
  }
  _renderTimeline() { this.#parts?.timeline.render(); }
  _renderList() { this.#parts?.list.render(); }

  constructor(element, core, dom, lang, recreate, messages) {
    this.#el = element;
    this.#core = core;
    this.#dom = dom;
    this.#lang = lang;
    this.#recreate = recreate;
    this.#messages = messages ?? {};
    this.#readyPromise = new Promise((r) => { this.#resolveReady = r; });
  }

  #text() { return (this.#words ??= wordsFor(this.#lang, this.#messages)); }

  // Hands the core the page's words for the current language (the ones Rust draws).
  _pushWords() {
    const own = this.#messages[this.#lang] ?? {};
    this.#call('messages', (c) => command(c, 'set_messages', Object.entries(own).flat()));
  }

  #theme = 'light';
  /** 'light', 'dark' or 'auto' (follows the system's prefers-color-scheme). */
  theme() { return this.#theme; }
  /**
   * Sets the theme, and reads the `--rm-*` custom properties on the element again (call it
   * after changing them). The canvas takes the same values as the panel and controls.
   */
  setTheme(theme = this.#theme) {
    if (!THEMES.includes(theme)) throw bad(RangeError, 'setTheme', 'theme', "'light', 'dark' or 'auto'", theme);
    this.#theme = theme;
    const win = this.#el.ownerDocument.defaultView;
    const dark = theme === 'dark' || (theme === 'auto' && !!win?.matchMedia?.('(prefers-color-scheme: dark)').matches);
    this.#el.classList.toggle('rm-dark', dark);
    this.#pushTheme();
    return this;
  }
  #pushTheme() {
    const names = this.#call('theme', (c) => c.theme_names(), []);
    const { values, font } = readTheme(this.#el, names);
    this.#call('theme', (c) => c.set_theme(Float64Array.from(values), font));
  }

  // Replaces a core that died of an internal error, and puts back what the map showed.
  #recover() {
    if (this.#recovering || this.#destroyed || !this.#recreate) return;
    this.#recovering = true;
    setTimeout(() => {
      try {
        const core = this.#recreate();
        this.#core = core;
        if (this.#snapshot) command(core, 'restore', this.#snapshot);
        this.#pushTheme();
        this._pushWords();
        this.#reapplyLimits();
        this.#industry();
        core.render_now();
        this.#showMessage(this.#text().recovered, false);
        setTimeout(() => { if (!this.#destroyed) this.#dom.message.hidden = true; }, 3000);
      } catch (e) {
        this.#showMessage(`${this.#text().failed}: ${e?.message ?? e}`, true);
      } finally {
        this.#recovering = false;
      }
    }, 0);
  }

  #keep() {
    try { this.#snapshot = this.#core.query('snapshot', ''); } catch { /* a dead core: keep the last one */ }
  }

  // Called by the core (through mount's emit) and by this module.
  _emit(type, detail) {
    if (type === 'view' || type === 'select' || type === 'legend' || type === 'moveend') this.#keep();
    if (type === 'error' && /internal error|stopped after/.test(detail?.message ?? '')) this.#recover();
    if (type === 'select') this.#showPanel(detail);
    if (type === 'hover') this.#parts?.tooltip.show(detail);
    if (type === 'error') this.#showMessage(detail?.message ?? String(detail), true);
    if (type === 'warning') this.#warnings.push(detail);
    if (type === 'hint') this.#showHint(detail?.reason);
    if (type === 'ready') { this.#ready = detail; this.#resolveReady(detail); }
    for (const [fn, once] of [...(this.#listeners.get(type) ?? [])]) {
      if (once) this.#listeners.get(type)?.delete(fn);
      try { fn(detail); } catch (e) { console.error(e); }
    }
    if (this.#el.localName === 'region-map') {
      if (LEGACY_EVENTS.has(type)) this.#el.dispatchEvent(new CustomEvent(type, { detail }));
      this.#el.dispatchEvent(new CustomEvent(`rm-${type}`, { detail }));
    }
  }

  _attach(target, type, fn, opts) {
    target.addEventListener(type, fn, opts);
    this.#detach.push(() => target.removeEventListener(type, fn, opts));
  }

  // Every call into the core goes through here: a failure becomes an 'error' event and a
  // message on the map, never a blank page.
  #call(name, fn, fallback) {
    if (this.#destroyed) throw new Error(`region-map: ${name}() after destroy()`);
    try {
      return fn(this.#core);
    } catch (e) {
      const message = `region-map: ${name}: ${e?.message ?? e}`;
      // A trap ('unreachable') or a dead core means an internal error: recover.
      this._emit('error', { message: /unreachable|stopped after/.test(message) ? `${message} (internal error)` : message });
      return fallback;
    }
  }

  #showMessage(text, isError) {
    const m = this.#dom.message;
    m.textContent = text;
    m.hidden = !text;
    m.classList.toggle('rm-error', !!isError);
    m.setAttribute('role', isError ? 'alert' : 'status');
  }

  #hintTimer = null;
  #showHint(reason) {
    const h = this.#dom.hint;
    h.textContent = reason === 'touch' ? this.#text().touchHint : this.#text().wheelHint;
    h.hidden = false;
    clearTimeout(this.#hintTimer);
    this.#hintTimer = setTimeout(() => { h.hidden = true; }, 1500);
  }

  #showPanel(record) {
    const { panel, live } = this.#dom;
    const base = baseOf(this.#lang);
    if (!record) {
      panel.hidden = true;
      panel.textContent = '';
      live.textContent = this.#text().cleared;
      return;
    }
    const legend = JSON.parse(this.#call('legend', (c) => c.query('legend', ''), '{"alliances":[]}'));
    renderRecord(panel, record, {
      lang: base,
      tag: this.#lang === base ? null : this.#lang,
      words: this.#messages[this.#lang] ?? null,
      mapName: this.#dom.name(this.#lang, this.#text()),
      closeLabel: this.#text().close,
      onClose: () => this.select(null),
      onSelect: (id) => this.select(id),
      colors: Object.fromEntries(legend.alliances.map((a) => [a.id, a.color])),
      names: (id) => this.record(id),
      noAlliances: legend.alliances.length === 0,
      chart: (record.kind === 'city' && legend.alliances.length) || (record.kind === 'alliance' && record.indicators.length) ? (canvas) => this.#drawChart(canvas) : null,
      clusters: record.kind === 'city' && this._data.read.alliances ? (fill) => this.#clusters(record.id, fill) : null,
    });
    panel.hidden = false;
    live.textContent = describe(record, base, this.#messages[this.#lang]);
    // A selected place hidden under a side panel is brought into view beside it (the core
    // decides; a bottom sheet is left alone).
    const root = this.#dom.root.getBoundingClientRect();
    const side = this.#dom.panel.getBoundingClientRect();
    if (side.width > 0 && side.width <= root.width * 0.6) this.#call('reveal', (c) => command(c, 'reveal_beside', side.left - root.left));
  }

  // The industry views (issue 17) are computed by the module loaded later, from the data the
  // map has: each place's link to an industry, the classes of a view, a city's clusters.
  #industryView = null;
  #industryArgs() {
    const { parks, alliances } = this._data.read;
    return [this.#call('places', (c) => c.query('places', ''), '[]'), parks?.text, alliances?.text];
  }
  #industry(name = this.#industryView) {
    this.#industryView = name && (name === 'industries' || name.startsWith('industry:')) ? name : null;
    if (!this.#industryView) return;
    const args = this.#industryArgs();
    const year = this.legend()?.year ?? undefined;
    loadCharts().then((m) => {
      if (this.#destroyed || this.#industryView !== name) return;
      const v = JSON.parse(m.industry_view(...args, name, year));
      if (!v) return;
      this.#call('industry', (c) => command(c, 'set_classes', name, Array.from(v.values, (x) => x ?? null), v.names, v.names_zh, Array.from(v.colors)));
      this._renderLegend();
    }).catch((e) => this._emit('error', { message: `region-map: industry view: ${e?.message ?? e}${NO_CHARTS}` }));
  }
  // Every link of the industry views, with its source, as a CSV file to download.
  #csv() {
    const args = this.#industryArgs();
    const year = this.legend()?.year ?? undefined;
    loadCharts().then((m) => {
      const url = URL.createObjectURL(new Blob([m.industry_csv(...args, year)], { type: 'text/csv' }));
      const a = el(this.#el.ownerDocument, 'a', null, { href: url, download: 'region-map-industries.csv' });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }).catch((e) => this._emit('error', { message: `region-map: csv: ${e?.message ?? e}${NO_CHARTS}` }));
  }
  #clusters(id, fill) {
    const args = this.#industryArgs();
    loadCharts().then((m) => {
      if (!this.#destroyed && this.selected() === id) fill(JSON.parse(m.industry_clusters(...args, id)));
    }).catch(() => { /* the panel shows the rest; a chart reports the module's failure */ });
  }

  // A chart's size in CSS px is the bitmap size its canvas was made with; the charts module,
  // once loaded, says what it shows (from the data the page loaded and the map's selection)
  // and draws it at the screen's pixel ratio.
  // With an industry view and nothing selected, the overview is the places-by-industries
  // matrix. Each chart's data is also a table beside it, for screen readers.
  #drawChart(canvas) {
    canvas.dataset.size ??= `${canvas.width}x${canvas.height}`;
    const [w, h] = canvas.dataset.size.split('x').map(Number);
    const colors = this.#call('chart', (c) => c.query('chart_colors', ''), null);
    if (colors == null) return;
    canvas.removeAttribute('data-drawn');
    const ratio = globalThis.devicePixelRatio || 1;
    const selected = this.selected();
    const matrix = this.#industryView && !selected && canvas === this.#dom.overviewCanvas;
    const args = this.#industryArgs();
    const year = matrix ? this.legend()?.year ?? undefined : undefined;
    const own = Object.entries(this.#messages[this.#lang] ?? {}).flat();
    loadCharts().then((charts) => {
      if (this.#destroyed) return;
      let table;
      if (matrix) {
        charts.draw_industry_matrix(canvas, w, ratio, ...args, year, baseOf(this.#lang), own, Uint32Array.from(JSON.parse(colors)));
        table = JSON.parse(charts.industry_table(...args, year, baseOf(this.#lang)));
      } else {
        // The charts module says what the chart shows, from the data the page loaded.
        const spec = charts.chart_spec(...args, selected ?? undefined, this.#lang, own, Uint32Array.from(JSON.parse(colors)));
        charts.draw_chart(canvas, w, h, ratio, spec);
        table = JSON.parse(charts.chart_table(spec));
      }
      chartTable(canvas, table);
      canvas.dataset.drawn = 'true';
    }).catch((e) => {
      this._emit('error', { message: `region-map: chart: ${e?.message ?? e}${NO_CHARTS}` });
    });
  }

  /**
   * Listens to an event. `options.signal` (an AbortSignal) removes the listener when it
   * aborts; `options.once` after its first call. A `ready` listener added after the map is
   * ready is called at once (in a microtask) with its detail.
   */
  on(type, fn, options) {
    if (typeof fn !== 'function') throw bad(TypeError, 'on', 'fn', 'a function', fn);
    const { signal, once } = listenerOptions('on', options);
    if (signal?.aborted) return this;
    if (type === 'ready' && this.#ready) {
      const detail = this.#ready;
      queueMicrotask(() => { if (!this.#destroyed && !signal?.aborted) { try { fn(detail); } catch (e) { console.error(e); } } });
      if (once) return this;
    }
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Map());
    this.#listeners.get(type).set(fn, !!once);
    signal?.addEventListener('abort', () => this.off(type, fn), { once: true });
    return this;
  }
  /** Listens to one event of `type` only. */
  once(type, fn, options) { return this.on(type, fn, { ...listenerOptions('once', options), once: true }); }
  off(type, fn) { this.#listeners.get(type)?.delete(fn); return this; }
  /** Resolves with `ready`'s detail ({cities}) once the first frame is painted. */
  get loaded() { return this.#readyPromise; }

  select(id) {
    if (id != null && typeof id !== 'string') throw bad(TypeError, 'select', 'id', 'a string or null', id);
    const ok = this.#call('select', (c) => command(c, 'select', id ?? null), false);
    if (!ok && id != null) throw bad(RangeError, 'select', 'id', 'the id of a city, park or alliance', id);
    return this;
  }
  selected() { return this.#call('selected', (c) => c.selected() ?? null, null); }
  toScreen(lon, lat) {
    const [x, y] = this.#call('toScreen', (c) => c.to_screen(lon, lat), [NaN, NaN]);
    return { x, y };
  }
  fromScreen(x, y) {
    const [lon, lat] = this.#call('fromScreen', (c) => c.from_screen(x, y), [NaN, NaN]);
    return { lon, lat };
  }
  featureAt(x, y) {
    const f = JSON.parse(this.#call('featureAt', (c) => c.feature_at(x, y), 'null'));
    return f && { id: f.id, kind: f.kind };
  }
  view() { return JSON.parse(this.#call('view', (c) => c.query('view', ''), 'null')); }
  /** What the element shows: [[west, south], [east, north]] (west > east across the antimeridian). */
  getBounds() { return this.view()?.bounds ?? null; }
  getCenter() { const v = this.view(); return v && { lon: v.center[0], lat: v.center[1] }; }
  getZoom() { return this.view()?.zoom ?? NaN; }
  getMinZoom() { return this._zoomRange()[0]; }
  getMaxZoom() { return this._zoomRange()[1]; }
  setView({ center, zoom } = {}) {
    if (center != null && !(Array.isArray(center) && center.length === 2 && center.every(finite))) throw bad(TypeError, 'setView', 'center', '[lon, lat] (numbers)', center);
    if (center != null && (Math.abs(center[0]) > 360 || Math.abs(center[1]) > 90)) throw bad(RangeError, 'setView', 'center', 'a longitude and a latitude', center);
    if (zoom != null && !finite(zoom)) throw bad(TypeError, 'setView', 'zoom', 'a number', zoom);
    const [lon, lat] = center ?? [NaN, NaN];
    this.#call('setView', (c) => command(c, 'move_to', lon, lat, zoom ?? null, 0, false, []));
    return this;
  }
  /** Moves to {center, zoom} in a straight line over `duration` ms (at once under reduced motion). */
  easeTo(options) {
    const m = readMove('easeTo', options);
    this.#call('easeTo', (c) => command(c, 'move_to', m.lon, m.lat, m.zoom, Number.isNaN(m.duration) ? 500 : m.duration, false, []));
    return this;
  }
  /** Flies to {center, zoom}: out, across and in again; the duration suits the way unless given. */
  flyTo(options) {
    const m = readMove('flyTo', options);
    this.#call('flyTo', (c) => command(c, 'move_to', m.lon, m.lat, m.zoom, m.duration, true, []));
    return this;
  }
  panTo(center, options = {}) {
    return options?.animate === false ? this.setView({ center }) : this.easeTo({ ...options, center });
  }
  setZoom(zoom, options = {}) {
    return options?.animate === false ? this.setView({ zoom }) : this.easeTo({ ...options, zoom });
  }
  /**
   * Shows the box whole. `options.padding`: CSS px on every side, or {top, right, bottom,
   * left} (default 16); `options.maxZoom`: zoom in no further; `options.animate`: ease there
   * (`options.duration` ms).
   */
  fitBounds(bounds, options) {
    const box = readBounds('fitBounds', bounds);
    options ??= {};
    if (typeof options !== 'object') throw bad(TypeError, 'fitBounds', 'options', '{padding, maxZoom, animate, duration}', options);
    const pad = readPadding('fitBounds', options.padding);
    if (options.maxZoom != null && !finite(options.maxZoom)) throw bad(TypeError, 'fitBounds', 'options.maxZoom', 'a number', options.maxZoom);
    if (options.duration != null && !(finite(options.duration) && options.duration >= 0)) throw bad(TypeError, 'fitBounds', 'options.duration', 'a duration in ms (0 or more)', options.duration);
    const duration = options.animate ? options.duration ?? 500 : 0;
    const fit = [...box, ...pad, options.maxZoom ?? null];
    this.#call('fitBounds', (c) => command(c, 'move_to', null, null, null, duration, false, fit));
    return this;
  }
  // The page's zoom limits (the options), kept to pass again to a fresh core.
  #limits = { minZoom: undefined, maxZoom: undefined, maxBounds: undefined };
  _setLimits(limits) { this.#limits = { ...this.#limits, ...limits }; this.#reapplyLimits(); }
  #reapplyLimits() {
    const { minZoom, maxZoom, maxBounds } = this.#limits;
    const b = maxBounds ? maxBounds.flat() : [];
    this.#call('limits', (c) => command(c, 'set_limits', minZoom ?? null, maxZoom ?? null, b));
  }
  setMinZoom(zoom) {
    if (zoom != null && !finite(zoom)) throw bad(TypeError, 'setMinZoom', 'zoom', 'a number or null', zoom);
    this._setLimits({ minZoom: zoom ?? undefined });
    return this;
  }
  setMaxZoom(zoom) {
    if (zoom != null && !finite(zoom)) throw bad(TypeError, 'setMaxZoom', 'zoom', 'a number or null', zoom);
    this._setLimits({ maxZoom: zoom ?? undefined });
    return this;
  }
  setMaxBounds(bounds) {
    if (bounds != null) readBounds('setMaxBounds', bounds);
    this._setLimits({ maxBounds: bounds ?? undefined });
    return this;
  }
  zoomIn() { this.#call('zoomIn', (c) => command(c, 'zoom_by', 1)); return this; }
  zoomOut() { this.#call('zoomOut', (c) => command(c, 'zoom_by', -1)); return this; }
  reset() { this.#call('reset', (c) => command(c, 'reset')); return this; }
  cities() { return JSON.parse(this.#call('cities', (c) => c.query('cities', ''), '[]')); }
  parks() { return JSON.parse(this.#call('parks', (c) => c.query('parks', ''), '[]')); }
  alliances() { return JSON.parse(this.#call('alliances', (c) => c.query('alliances', ''), '[]')); }
  record(id) { return JSON.parse(this.#call('record', (c) => c.query('record', String(id)), 'null')); }
  warnings() { return [...this.#warnings]; }
  showAlliances(ids) {
    if (!(ids === 'all' || ids == null || (Array.isArray(ids) && ids.every((i) => typeof i === 'string')))) throw bad(TypeError, 'showAlliances', 'ids', "'all' or an array of alliance ids", ids);
    if (Array.isArray(ids)) {
      // The legend lists every alliance's id, without serialising their whole records.
      const known = new Set((this.legend()?.alliances ?? []).map((a) => a.id));
      const unknown = ids.filter((i) => !known.has(i));
      if (unknown.length) throw bad(RangeError, 'showAlliances', 'ids', 'ids of loaded alliances', unknown);
    }
    const arg = ids === 'all' || ids == null ? 'all' : [...ids];
    this.#call('showAlliances', (c) => command(c, 'show_alliances', arg));
    this._renderLegend();
    return this;
  }
  setYear(year) {
    if (year != null && !Number.isInteger(year)) throw bad(TypeError, 'setYear', 'year', 'a whole year or null', year);
    this.#call('setYear', (c) => command(c, 'set_year', year ?? null));
    this.#industry();
    this._renderLegend();
    this._renderTimeline();
    return this;
  }
  setIndicator(name) {
    if (name != null && typeof name !== 'string') throw bad(TypeError, 'setIndicator', 'name', 'a string or null', name);
    if (name != null && !COUNTS.includes(name) && !this.indicators().some((i) => i.id === name)) throw bad(RangeError, 'setIndicator', 'name', 'one of indicators()', name);
    this.#call('setIndicator', (c) => command(c, 'set_indicator', name ?? null));
    this.#industry(name);
    this._renderLegend();
    return this;
  }
  indicators() { return JSON.parse(this.#call('indicators', (c) => c.query('indicators', ''), '[]')); }
  legend() { return JSON.parse(this.#call('legend', (c) => c.query('legend', ''), 'null')); }
  /** The current view as SVG; `{legend: false}` leaves the legend out. */
  toSVG(options) {
    if (options != null && typeof options !== 'object') throw bad(TypeError, 'toSVG', 'options', '{legend}', options);
    const legend = options?.legend ?? true;
    const svg = this.#call('toSVG', (c) => c.query('svg', legend ? 'legend' : ''), '');
    // The charts on show go with it as their data, in the SVG's description.
    const text = [...this.#dom.root.querySelectorAll('.rm-chart-table')].map((t) => [t.caption?.textContent, ...[...t.rows].map((r) => [...r.cells].map((c) => c.textContent).join(' | '))].join('\n')).join('\n\n');
    const esc = (x) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return legend && text ? svg.replace('</svg>', `<desc>${esc(text)}</desc>\n</svg>`) : svg;
  }
  /**
   * The current view as a PNG. `pixelRatio`: device pixels per CSS pixel (default the
   * screen's, at most 8); `background`: any CSS colour, 'transparent', or the theme's.
   */
  toPNG(options) {
    if (options != null && typeof options !== 'object') throw bad(TypeError, 'toPNG', 'options', '{pixelRatio, background}', options);
    const ratio = options?.pixelRatio;
    if (ratio != null && !(finite(ratio) && ratio > 0 && ratio <= 8)) throw bad(RangeError, 'toPNG', 'options.pixelRatio', 'a number above 0, at most 8', ratio);
    let background = [];
    if (options?.background != null) {
      if (typeof options.background !== 'string') throw bad(TypeError, 'toPNG', 'options.background', 'a CSS colour', options.background);
      background = cssColor(this.#el, options.background);
      if (!background) throw bad(RangeError, 'toPNG', 'options.background', 'a CSS colour', options.background);
    }
    const canvas = this.#el.ownerDocument.createElement('canvas');
    this.#call('toPNG', (c) => c.export_to_canvas(canvas, ratio ?? NaN, Float64Array.from(background)));
    return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('region-map: toPNG failed'))), 'image/png'));
  }
  /**
   * The language: 'en', 'zh', or a tag that the `messages` option gives words for (its
   * other words in English, names from `name_<tag>` properties).
   */
  setLang(lang) {
    if (!(lang === 'en' || lang === 'zh' || (typeof lang === 'string' && Object.hasOwn(this.#messages, lang)))) {
      throw bad(RangeError, 'setLang', 'lang', "'en', 'zh' or a language of options.messages", lang);
    }
    this.#lang = lang;
    this.#words = null;
    this.#call('setLang', (c) => command(c, 'set_lang', lang));
    this._pushWords();
    this.#dom.applyLang(lang, this.#text());
    this.#parts?.tooltip.render();
    this._renderLegend();
    this._renderTimeline();
    this._renderList();
    const sel = this.selected();
    if (sel) this.#showPanel(this.record(sel));
    return this;
  }
  lang() { return this.#lang; }
  resize() { this.#call('resize', (c) => c.resize()); return this; }

  /**
   * New data: `{cities, parks, alliances, provinces}`, each a URL or an object; a key left
   * out keeps what the map has, `null` removes an optional one. The view, the language, the
   * theme, the year, the indicator and the shown alliances stay, and the selection where its
   * id is still there. Loads the way mount does (a large file in chunks). Resolves with the
   * map once the new data is drawn; rejects, keeping the old data, when the cities cannot be
   * used. A later setData cancels one still loading (it rejects with an AbortError).
   */
  async setData(data) {
    if (this.#destroyed) throw new Error('region-map: setData() after destroy()');
    if (data == null || typeof data !== 'object') throw bad(TypeError, 'setData', 'data', 'an object {cities, parks, alliances, provinces}', data);
    const keys = Object.keys(data).filter((k) => !DATA_KEYS.includes(k));
    if (keys.length) throw bad(RangeError, 'setData', 'data', 'keys among cities, parks, alliances, provinces', keys);
    if ('cities' in data && !data.cities) throw bad(TypeError, 'setData', 'data.cities', 'a URL or a GeoJSON object', data.cities);
    const job = { cancelled: false, cancel() { this.cancelled = true; } };
    this._loading?.cancel();
    this._loading = job;
    const given = { ...this._data.given, ...data };
    // Only what changed is read again.
    const aborted = () => job.cancelled || this.#destroyed;
    const fresh = await readData(data, (got, total, reading) => this.#progress(got, total, reading), aborted);
    if (aborted()) {
      fresh.cities?.stream?.free();
      throw new DOMException('region-map: setData was replaced by a later setData', 'AbortError');
    }
    const early = fresh.warnings;
    const read = { ...this._data.read, ...fresh, warnings: [] };
    try {
      // The map keeps what it shows, and answers for it, until the last step is in (a small
      // file is one step).
      const core = this.#core;
      const left = handOver(read, (data) => core.load_data(data));
      const shown = await stepThrough(this.#core, left, (k) => {
        this.#dom.message.hidden = false;
        this.#dom.message.textContent = `${this.#text().preparing} ${k}`;
      }, aborted);
      if (!shown) throw new DOMException('region-map: setData was replaced by a later setData', 'AbortError');
    } catch (e) {
      // The map goes on with the data it had.
      if (!this.#destroyed) { try { this.#core.abort_data(); } catch { /* a dead core recovers */ } }
      if (e?.name === 'AbortError') throw e;
      this.#dom.message.hidden = true;
      const msg = e?.message ?? String(e);
      // A trap in the core: the map recovers with the data it had.
      if (/unreachable|stopped after/.test(msg)) this._emit('error', { message: `region-map: setData: ${msg} (internal error)` });
      throw new Error(msg);
    } finally {
      if (this._loading === job) this._loading = null;
    }
    this.#dom.message.hidden = true;
    this._data = { given, read };
    this.#warnings = [];
    this.#reapplyLimits();
    this.#industry();
    this._onData?.();
    for (const p of JSON.parse(this.#core.query('problems', ''))) early.push(p);
    for (const w of early) this._emit('warning', w);
    this.#keep();
    this._renderLegend();
    this._renderTimeline();
    this._renderList();
    const sel = this.selected();
    if (sel) this.#showPanel(this.record(sel));
    // The new data's first frame, in slices of their own tasks as at mount (a later setData
    // or destroy() stops them here; the frame loop finishes the frame).
    while (!aborted() && this.#call('render', (c) => c.render_slice(SLICE_MS), false)) {
      // eslint-disable-next-line no-await-in-loop
      await yieldToPage();
    }
    if (this.#destroyed) return this;
    this._emit('data', { cities: this.#call('cities', (c) => c.city_count(), 0) });
    return this;
  }
  #progress(got, total, reading) {
    if (got > 2e6) {
      this.#dom.message.hidden = false;
      this.#dom.message.textContent = progressText(this.#text(), got, total, reading);
    }
  }

  destroy() {
    if (this.#destroyed) return;
    if (MOUNTS.get(this.#el)?.map === this) MOUNTS.delete(this.#el);
    this._loading?.cancel();
    for (const part of Object.values(this.#parts ?? {})) part.detach();
    clearTimeout(this.#hintTimer);
    try { this.#core.destroy(); this.#core.free(); } catch (e) { console.error(e); }
    this.#destroyed = true;
    for (const d of this.#detach.splice(0)) d();
    this.#listeners.clear();
    this.#dom.root.remove();
    this.#el.classList.remove('region-map', 'rm-dark');
  }
  _destroyed() { return this.#destroyed; }
  _call(name, fn, fallback) { return this.#call(name, fn, fallback); }
  _zoomRange() { return JSON.parse(this.#call('zoomRange', (c) => c.query('zoom_range', ''), '[0, 24]')); }

  // For tests: make the core panic.
  _panicForTest() { this.#call('panic', (c) => c.debug_panic()); }

  // For tests: how many DOM listeners the core and this wrapper hold.
  _listenerCount() {
    const parts = Object.values(this.#parts ?? {}).reduce((n, p) => n + p.listeners(), 0);
    return (this.#destroyed ? 0 : this.#core.listener_count()) + this.#detach.length + parts;
  }
}

// Maps of this size or less (an embed in an article, a phone) start with the legend folded and
// keep every box on them to a third of the map.
const SMALL = { width: 800, height: 500 };

// The map's accessible name: the page's `label`, else the element's own aria-label or title,
// else a default, numbered when the page already has a map, so that several maps on one page
// (and their landmarks) can be told apart.
function nameOf(element, label) {
  const own = label || element.getAttribute('aria-label') || element.getAttribute('title');
  if (own) return () => own;
  const n = element.ownerDocument.querySelectorAll('.rm-root').length + 1;
  return (l, t = TEXT[baseOf(l)]) => (n > 1 ? `${t.name} ${n}` : t.name);
}

function buildDom(element, lang, words, options = {}) {
  const doc = element.ownerDocument;
  const name = nameOf(element, options.label);
  const root = el(doc, 'div', 'rm-root', { tabindex: '0', role: 'application' });
  // An embedded map lets one finger scroll the page (touch-action in the CSS); two move it.
  if (options.wheel !== 'always') root.classList.add('rm-coop');
  const box = element.getBoundingClientRect();
  const small = box.width <= SMALL.width && box.height <= SMALL.height;
  root.classList.toggle('rm-small', small);
  const canvas = el(doc, 'canvas', 'rm-canvas', { 'aria-hidden': 'true' });
  const controls = el(doc, 'div', 'rm-controls');
  const zoomIn = el(doc, 'button', 'rm-btn', { type: 'button' });
  zoomIn.textContent = '+';
  const zoomOut = el(doc, 'button', 'rm-btn', { type: 'button' });
  zoomOut.textContent = '−';
  const reset = el(doc, 'button', 'rm-btn', { type: 'button' });
  reset.textContent = '⌂';
  const langBtn = el(doc, 'button', 'rm-btn rm-lang', { type: 'button' });
  controls.append(zoomIn, zoomOut, reset, langBtn);
  const tooltip = el(doc, 'div', 'rm-tooltip', { role: 'tooltip' });
  tooltip.hidden = true;
  const panel = el(doc, 'aside', 'rm-panel');
  panel.hidden = true;
  const live = el(doc, 'div', 'rm-live', { 'aria-live': 'polite' });
  const message = el(doc, 'div', 'rm-message', { role: 'status' });
  const legend = el(doc, 'details', 'rm-legend');
  // Open on roomy maps; on a small or narrow one (an article, a phone) it starts folded.
  legend.open = !small && box.width >= 720;
  const legendTitle = el(doc, 'summary');
  const legendList = el(doc, 'ul', 'rm-legend-list');
  const indicatorLabel = el(doc, 'label', 'rm-indicator');
  indicatorLabel.append(doc.createTextNode(''));
  const indicator = el(doc, 'select');
  indicatorLabel.append(indicator);
  const classes = el(doc, 'div', 'rm-classes');
  const overview = el(doc, 'details', 'rm-overview');
  const overviewSummary = el(doc, 'summary');
  const overviewCanvas = el(doc, 'canvas', 'rm-chart', { width: '300', height: '380' });
  overview.append(overviewSummary, overviewCanvas);
  legend.append(legendTitle, legendList, indicatorLabel, classes, overview);
  const timeline = el(doc, 'div', 'rm-timeline');
  const playBtn = el(doc, 'button', 'rm-btn rm-play', { type: 'button' });
  const slider = el(doc, 'input', 'rm-slider', { type: 'range', step: '1' });
  const yearOut = el(doc, 'output', 'rm-year');
  const allBtn = el(doc, 'button', 'rm-btn rm-all', { type: 'button' });
  timeline.append(playBtn, slider, yearOut, allBtn);
  const hint = el(doc, 'div', 'rm-hint', { role: 'status' });
  hint.hidden = true;
  const list = el(doc, 'nav', 'rm-sr-list');
  root.append(canvas, controls, legend, timeline, tooltip, panel, live, message, hint, list);
  element.appendChild(root);
  const applyLang = (l, t) => {
    root.setAttribute('aria-label', `${name(l, t)}. ${t.map}`);
    panel.setAttribute('aria-label', `${t.details} · ${name(l, t)}`);
    zoomIn.setAttribute('aria-label', t.zoomIn); zoomIn.title = t.zoomIn;
    zoomOut.setAttribute('aria-label', t.zoomOut); zoomOut.title = t.zoomOut;
    reset.setAttribute('aria-label', t.reset); reset.title = t.reset;
    langBtn.textContent = t.lang; langBtn.setAttribute('aria-label', t.langLabel); langBtn.title = t.langLabel;
    root.lang = l === 'zh' ? 'zh-CN' : l;
  };
  applyLang(lang, words);
  return {
    root, canvas, controls, zoomIn, zoomOut, reset, langBtn, tooltip, panel, live, message, applyLang, name,
    legend, legendTitle, legendList, indicatorLabel, indicator, classes, overview, overviewSummary, overviewCanvas,
    timeline, playBtn, slider, yearOut, allBtn, hint, list,
  };
}

// The mount in progress or done in each element: a second mount into the same element
// replaces the first (React's StrictMode mounts twice).
const MOUNTS = new WeakMap();

const DATA_KEYS = ['cities', 'parks', 'alliances', 'provinces'];

// A chart's data as a table after its canvas, visually hidden, for screen readers:
// `{caption, head: [...], rows: [[...], ...]}` as the charts module writes it.
function chartTable(canvas, { caption, head, rows }) {
  const doc = canvas.ownerDocument;
  const t = canvas.nextElementSibling?.classList.contains('rm-chart-table') ? canvas.nextElementSibling : el(doc, 'table', 'rm-chart-table rm-sr');
  t.textContent = '';
  const c = el(doc, 'caption');
  c.textContent = caption;
  t.append(c);
  for (const [k, cells] of [head, ...rows].entries()) {
    const tr = el(doc, 'tr');
    for (const v of cells) {
      const td = el(doc, k ? 'td' : 'th');
      td.textContent = v;
      tr.append(td);
    }
    t.append(tr);
  }
  canvas.after(t);
}
const NO_CHARTS = ' (the charts module, pkg/region_map_charts_bg.wasm, did not load)';
// A command of the core by name (see MapApp::command): its arguments go as a JSON array (a
// number left out as null), its answer comes back parsed.
const command = (core, what, ...args) => JSON.parse(core.command(what, JSON.stringify(args)));

// Reads the data a page gives (mount's options, or the keys setData was given): the cities
// must load; an optional file that fails is a warning, and the map goes on without it. Keys
// not in `given` are left out of the result.
async function readData(given, onProgress, stopped) {
  const keys = DATA_KEYS.filter((k) => k in given);
  const got = await Promise.all(keys.map((k) => (k !== 'cities'
    ? readSource(given[k], k).catch((e) => ({ error: e }))
    : (typeof given.cities === 'string' && given.cities ? streamSource : readSource)(given.cities, 'cities', onProgress, stopped))));
  const out = { warnings: [] };
  keys.forEach((k, i) => {
    const s = got[i];
    if (s?.error) out.warnings.push({ file: k, feature: null, reason: s.error.message, message: s.error.message });
    out[k] = s && !s.error ? s : null;
  });
  return out;
}

// A CSS colour as r, g, b (0 to 255) and alpha (0 to 1), resolved by the browser (any
// syntax), or null when it is not one.
function cssColor(el, text, probe = null) {
  const win = el.ownerDocument.defaultView;
  const own = !probe;
  if (own) {
    probe = el.ownerDocument.createElement('span');
    probe.style.display = 'none';
    el.appendChild(probe);
  }
  probe.style.color = '';
  if (text) probe.style.color = text;
  const color = probe.style.color ? win.getComputedStyle(probe).color : '';
  if (own) probe.remove();
  const n = color.match(/-?[\d.]+(e-?\d+)?/g)?.map(Number);
  if (!n || n.length < 3) return null;
  const k = color.startsWith('color(') ? 255 : 1; // color(srgb r g b / a): 0 to 1
  return [n[0] * k, n[1] * k, n[2] * k, n[3] ?? 1];
}

// The language a page asked for: 'en', 'zh', or a tag its messages give words for; else
// English, as before there were messages.
const langOf = (lang, messages) => (lang === 'zh' || (typeof lang === 'string' && Object.hasOwn(messages, lang)) ? lang : 'en');

/**
 * Mounts a map in `element`. Resolves with the map once the first frame is painted (its
 * `ready` event follows, and `map.loaded` resolves with it); rejects with an Error naming the
 * source and the reason when the cities cannot be loaded, and the element then shows that
 * message. A second mount into the same element replaces the first (destroyed, or cancelled
 * while it loads). `options.signal` (an AbortSignal) cancels the mount while it loads (it
 * rejects with an AbortError and leaves nothing behind) and destroys the map after.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('region-map: mount(element, options): element is not a DOM element');
  if (options.theme != null && !THEMES.includes(options.theme)) throw bad(RangeError, 'mount', 'options.theme', "'light', 'dark' or 'auto'", options.theme);
  const messages = checkMessages(options.messages);
  const signal = options.signal;
  signal?.throwIfAborted();
  MOUNTS.get(element)?.cancel();
  const token = {
    cancelled: false,
    map: null,
    cancel() { this.cancelled = true; this.map?.destroy(); },
  };
  MOUNTS.set(element, token);
  signal?.addEventListener('abort', () => token.cancel(), { once: true });
  const lang = langOf(options.lang, messages);
  const base = baseOf(lang);
  const text = wordsFor(lang, messages);
  const styled = linkStyles(element.ownerDocument);
  element.classList.add('region-map');
  const dom = buildDom(element, lang, text, options);
  dom.message.textContent = text.loading;
  let map = null;
  const early = [];
  // Each core gets its own emit; after a core is replaced (see recovery below) the old one's
  // late events are dropped. A click's or hover's DOM event comes as `originalEvent`.
  let generation = 0;
  const emitFor = (g) => (type, json, cause) => {
    if (g !== generation) return;
    const detail = typeof json === 'string' ? JSON.parse(json) : json;
    if (cause && detail && (type === 'click' || type === 'hover')) detail.originalEvent = cause;
    if (map) map._emit(type, detail);
    // Motion the core reports before the map exists (a frame while it loads) is the view
    // settling on the data: kept for `ready`, it would reach a page that has moved the map
    // since, with a stale centre (a `moveend` in the middle of the page's own animation).
    else if (!MOTION_EVENTS.has(type)) early.push([type, detail]);
  };
  let core;
  let read;
  // A cancelled mount leaves nothing behind: its DOM, its class, its core.
  const cancelled = () => {
    if (!token.cancelled) return false;
    try { core?.destroy(); core?.free(); } catch { /* never started */ }
    read?.cities?.stream?.free();
    dom.root.remove();
    if (MOUNTS.get(element) === token) {
      MOUNTS.delete(element);
      element.classList.remove('region-map', 'rm-dark');
    }
    return true;
  };
  const abortError = () => signal?.reason ?? new DOMException('region-map: mount was replaced by another mount into the same element', 'AbortError');
  const reducedMotion = !!globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  const bounds = options.maxBounds;
  const opts = JSON.stringify({
    lang: base, center: options.center, zoom: options.zoom, reduced_motion: reducedMotion, wheel: options.wheel === 'always' ? 'always' : 'focus',
    min_zoom: options.minZoom, max_zoom: options.maxZoom, max_bounds_sw: bounds?.[0], max_bounds_ne: bounds?.[1],
  });
  // A core for data `r` on `canvas`; a large cities file is then read in steps.
  const build = (canvas, r) => handOver(r, (data) => new MapCore(dom.root, canvas, data, opts, emitFor(generation)));
  const given = Object.fromEntries(DATA_KEYS.map((k) => [k, options[k]]));
  try {
    if (!options.cities) throw new Error('region-map: the "cities" option is required (a URL or a GeoJSON object)');
    [, read] = await Promise.all([
      loadWasm().then((x) => styled.then(() => x)),
      readData(given, (got, total, reading) => {
        if (got > 2e6) dom.message.textContent = progressText(text, got, total, reading);
      }, () => token.cancelled),
    ]);
    for (const w of read.warnings) early.push(['warning', w]);
    // A turn for the page between the last bytes' arrival and the core taking them.
    await yieldToPage();
    if (token.cancelled) throw abortError();
    core = build(dom.canvas, read);
    // A large file is read in steps, painting progress between them, so that the page stays
    // responsive while it loads.
    const left = Number(core.query('steps_left', ''));
    await stepThrough(core, left, (k) => { dom.message.textContent = `${text.preparing} ${k}`; }, () => token.cancelled);
    // A turn for the page between reading the data and setting up the map around it.
    await yieldToPage();
  } catch (e) {
    if (cancelled()) throw abortError();
    const msg = e?.message ?? String(e);
    dom.message.textContent = `${text.failed}: ${msg}`;
    dom.message.classList.add('rm-error');
    dom.message.setAttribute('role', 'alert');
    throw new Error(msg);
  }
  if (cancelled()) throw abortError();
  // Recovery: after an internal error (a panic) the core is dead; a fresh one on a fresh
  // canvas takes its place, with the data the map has now, and the view and selection it had.
  let land = null; // the land under data of points and lines only, once loaded
  const recreate = () => {
    generation += 1;
    // The dead core's hover layer (a canvas the core adds above the map) goes with it.
    for (const old of dom.root.querySelectorAll('.rm-hover')) old.remove();
    const fresh = el(element.ownerDocument, 'canvas', 'rm-canvas', { 'aria-hidden': 'true' });
    dom.canvas.replaceWith(fresh);
    dom.canvas = fresh;
    const r = map._data.read;
    const c = build(fresh, r);
    while (c.load_step() > 0);
    if (land && c.city_count() === 0) c.set_context(land.name, land.bytes);
    return c;
  };
  map = new RegionMap(element, core, dom, lang, recreate, messages);
  map._data = { given, read };
  token.map = map;
  if (lang !== base) map._call('setLang', (c) => command(c, 'set_lang', lang));
  map._pushWords();
  map.setTheme(options.theme ?? 'light');
  // Data of points and lines only: the bundled land (Natural Earth 1:110m) is fetched and drawn
  // under it, unless `land: false`, or another land given as a URL or object. New data
  // (setData) of that kind gets it too.
  const addLand = () => {
    if (options.land === false || map._call('land', (c) => c.city_count(), 1) !== 0) return;
    if (land) { map._call('land', (c) => c.set_context(land.name, land.bytes)); return; }
    readSource(options.land ?? new URL('./land-110m.json', import.meta.url).href, 'land').then((s) => {
      if (!s || map._destroyed()) return;
      land = { name: s.name, bytes: s.bytes };
      if (map._call('land', (c) => c.city_count(), 1) === 0) map._call('land', (c) => c.set_context(land.name, land.bytes));
    }).catch((e) => map._emit('warning', { file: 'land', feature: null, reason: e.message, message: e.message }));
  };
  map._onData = addLand;
  addLand();
  dom.message.hidden = true;
  dom.message.textContent = '';
  for (const p of JSON.parse(core.query('problems', ''))) early.push(['warning', p]);

  // A change of pixel ratio (browser zoom, a window moved to another screen) sizes the layers
  // again: the core's ResizeObserver does not see it in every browser.
  const win = element.ownerDocument.defaultView;
  const watchRatio = () => {
    const query = win?.matchMedia?.(`(resolution: ${win.devicePixelRatio}dppx)`);
    if (!query) return;
    map._attach(query, 'change', () => { if (!map._destroyed()) { map.resize(); watchRatio(); } }, { once: true });
  };
  watchRatio();
  // `theme: 'auto'` follows the system's light or dark.
  const scheme = win?.matchMedia?.('(prefers-color-scheme: dark)');
  if (scheme) map._attach(scheme, 'change', () => { if (!map._destroyed() && map.theme() === 'auto') map.setTheme('auto'); });
  map._attach(dom.zoomIn, 'click', () => map.zoomIn());
  map._attach(dom.zoomOut, 'click', () => map.zoomOut());
  map._attach(dom.reset, 'click', () => map.reset());
  // The language button goes between English and Chinese, or between the page's language and
  // the built-in one it is not.
  const other = base === 'zh' ? 'en' : 'zh';
  map._attach(dom.langBtn, 'click', () => map.setLang(map.lang() === lang ? (lang === base ? other : base) : lang));
  map._attachParts();
  if (options.panel === false) { dom.legend.hidden = true; dom.legend.dataset.off = '1'; dom.timeline.dataset.off = '1'; }
  // Presets from the options (the example page starts on one alliance, say).
  if (options.showAlliances != null) map.showAlliances(options.showAlliances);
  if (options.indicator != null) map.setIndicator(options.indicator);
  if (options.year != null) map.setYear(options.year);
  if (options.select != null) {
    // An unknown id in a preset is a warning, not a failed mount.
    try { map.select(options.select); } catch (e) { early.push(['warning', { file: 'options', feature: String(options.select), reason: e.message, message: e.message }]); }
  }
  if (options.hash) linkHash(map, element.ownerDocument.defaultView);
  map._renderLegend();
  map._renderTimeline();

  // The page has its turn between reading the data and the first frame, so that they are
  // two tasks, not one long one.
  await yieldToPage();
  if (token.cancelled || !(await drawInSlices(core, () => token.cancelled))) throw abortError();
  // The screen-reader list comes in a task of its own after the first frame.
  setTimeout(() => { if (!map._destroyed()) map._renderList(); }, 0);
  // Events raised while loading (warnings), and then `ready`, reach listeners added right
  // after mount resolves.
  const cities = core.city_count();
  setTimeout(() => {
    if (map._destroyed()) return;
    for (const [t, d] of early.splice(0)) map._emit(t, d);
    map._emit('ready', { cities });
  }, 0);
  return map;
}
Object.defineProperty(mount, Symbol.for('region-map.wasmMemoryBytes'), { value: wasmMemoryBytes });

// Deep links: keeps the view, the selection, the year and the shown alliances in step with
// the URL hash (#map=zoom/lat/lon&sel=id&year=y&show=a,b), and applies a hash on load and
// when it changes.
function linkHash(map, win) {
  // A deep link is input from anyone who sends a URL: what is wrong in it is ignored with a
  // warning, never thrown, and never moves the view away from the data.
  const apply = () => {
    const p = new URLSearchParams(win.location.hash.slice(1));
    const warn = (part, reason) => map._emit('warning', { file: 'URL hash', feature: part, reason, message: `URL hash: ${part}: ${reason}` });
    const attempt = (part, fn) => { try { fn(); } catch (e) { warn(part, e.message); } };
    if (p.has('map')) {
      const v = p.get('map').split('/').map(Number);
      const [min, max] = map._zoomRange();
      if (v.length !== 3 || !v.every(Number.isFinite)) warn('map', `'${p.get('map')}' is not zoom/lat/lon`);
      else if (Math.abs(v[1]) > 90 || Math.abs(v[2]) > 180 || v[0] < min - 1e-6 || v[0] > max + 1e-6) warn('map', `'${p.get('map')}' is out of range`);
      else attempt('map', () => map.setView({ zoom: v[0], center: [v[2], v[1]] }));
    }
    if (p.has('year')) {
      const y = p.get('year') === '' ? null : Number(p.get('year'));
      if (y != null && !Number.isInteger(y)) warn('year', `'${p.get('year')}' is not a year`);
      else attempt('year', () => map.setYear(y));
    }
    if (p.has('show')) attempt('show', () => map.showAlliances(parseIds(p.get('show'))));
    if (p.has('sel')) attempt('sel', () => map.select(p.get('sel') || null));
  };
  let timer = null;
  const write = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const v = map.view();
      if (!v) return;
      const p = new URLSearchParams();
      p.set('map', `${v.zoom.toFixed(2)}/${v.center[1].toFixed(4)}/${v.center[0].toFixed(4)}`);
      const sel = map.selected();
      if (sel) p.set('sel', sel);
      const legend = map.legend();
      if (legend?.year != null) p.set('year', String(legend.year));
      const shown = legend?.alliances.filter((a) => a.selected).map((a) => a.id) ?? [];
      if (legend && shown.length !== legend.alliances.length) p.set('show', shown.join(','));
      const hash = `#${p.toString().replace(/%2F/g, '/').replace(/%2C/g, ',')}`;
      if (win.location.hash !== hash) win.history.replaceState(null, '', hash);
    }, 150);
  };
  if (win.location.hash.length > 1) apply();
  for (const type of ['view', 'select', 'legend']) map.on(type, write);
  map._attach(win, 'hashchange', apply);
  map._attach(win, 'pagehide', () => clearTimeout(timer));
}

// A list of alliance ids as attributes and deep links write it: 'all', or ids with commas.
function parseIds(text) {
  return text == null || text === 'all' ? 'all' : text.split(',').map((x) => x.trim()).filter(Boolean);
}

// Attributes whose change mounts the map again; the data attributes (DATA_KEYS) change the
// data in place (setData), keeping the view.
const DATA_ATTRS = ['wheel', 'hash', 'panel'];

function optionsFromAttributes(el) {
  const a = (n) => el.getAttribute(n) ?? undefined;
  const list = a('show-alliances');
  const year = a('year');
  return {
    cities: a('cities'), parks: a('parks'), alliances: a('alliances'), provinces: a('provinces'),
    lang: a('lang'), select: a('select'), indicator: a('indicator'), wheel: a('wheel'),
    showAlliances: list == null ? undefined : parseIds(list),
    year: year == null || year === '' ? undefined : Number(year),
    hash: el.hasAttribute('hash'), panel: a('panel') !== 'false', label: a('label'),
    theme: a('theme'),
    minZoom: a('min-zoom') == null ? undefined : Number(a('min-zoom')),
    maxZoom: a('max-zoom') == null ? undefined : Number(a('max-zoom')),
  };
}

/**
 * `<region-map cities="…" parks="…" alliances="…" provinces="…" lang="zh" select="hangzhou"
 * show-alliances="g60-corridor" year="2019" indicator="projects" wheel="always" hash panel="false">`
 * Attributes mirror the `mount` options; changing one takes effect (a data attribute changes
 * the data and keeps the view; `wheel`, `hash` and `panel` mount the map again).
 */
// The element's base: HTMLElement in a browser, a plain class where there is none (a server),
// so that importing the module never throws; the element is defined only where
// customElements exists.
const ElementBase = globalThis.HTMLElement ?? class {};
export class RegionMapElement extends ElementBase {
  static observedAttributes = ['lang', 'select', 'show-alliances', 'year', 'indicator', 'theme', ...DATA_KEYS, ...DATA_ATTRS];
  map = null;
  #mounting = null;
  // Data given as objects (the `data` property) and the page's words (`messages`), over the
  // attributes.
  #data = null;
  /** UI words by language tag, as mount's `messages` option; read when the map mounts. */
  messages = undefined;

  /**
   * The data as objects or URLs, `{cities, parks, alliances, provinces}`, over the data
   * attributes. Set before the map mounts, it is what it mounts with; set after, the map
   * takes it with setData (the view stays).
   */
  get data() { return this.#data; }
  set data(value) {
    this.#data = value ?? null;
    if (!this.#mounting || !value) return;
    this.#mounting.then((m) => m?.setData(value)).catch((e) => this.#fail(e));
  }

  #fail(e) {
    if (e?.name === 'AbortError') return;
    const detail = { message: e?.message ?? String(e) };
    this.dispatchEvent(new CustomEvent('error', { detail }));
    this.dispatchEvent(new CustomEvent('rm-error', { detail }));
  }
  // Mounting waits until the element comes near the viewport (a map far down an article costs
  // nothing until the reader gets there); `loading="eager"` mounts at once.
  #observer = null;
  #waiting = null; // { promise, resolve } while waiting to come near

  connectedCallback() {
    if (this.#mounting || this.#observer) return;
    if (this.getAttribute('loading') === 'eager' || typeof IntersectionObserver === 'undefined') {
      this.#mount();
      return;
    }
    if (!this.#waiting) {
      let resolve;
      const promise = new Promise((r) => { resolve = r; });
      this.#waiting = { promise, resolve };
    }
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.#stopWaiting();
      this.#mount();
    }, { rootMargin: '300px' });
    this.#observer = observer;
    // Observed once the stylesheet gives the element its size: before, an unknown element is
    // inline, with no height, and every map would look near.
    linkStyles(this.ownerDocument).then(() => {
      if (this.#observer === observer) observer.observe(this);
    });
  }

  #stopWaiting() {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  #mount() {
    const waiting = this.#waiting;
    this.#waiting = null;
    const options = { ...optionsFromAttributes(this), ...(this.#data ?? {}), messages: this.messages };
    this.#mounting = mount(this, options).then((m) => {
      if (!this.isConnected) { m.destroy(); return null; }
      this.map = m;
      return m;
    }, (e) => {
      this.#fail(e);
      return null;
    });
    waiting?.resolve(this.#mounting);
  }

  disconnectedCallback() {
    this.#stopWaiting();
    const pending = this.#mounting;
    this.#mounting = null;
    this.map?.destroy();
    this.map = null;
    pending?.then((m) => m?.destroy());
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.#mounting) return;
    if (DATA_KEYS.includes(name)) {
      // New data: the map takes it in place, keeping the view (objects set as `data` win).
      if (this.#data?.[name] != null || (name === 'cities' && !value)) return;
      this.#mounting.then((m) => m?.setData({ [name]: value || null })).catch((e) => this.#fail(e));
      return;
    }
    if (DATA_ATTRS.includes(name)) {
      // New data: mount again once the current map is gone.
      const pending = this.#mounting;
      this.map?.destroy();
      this.map = null;
      this.querySelectorAll(':scope > .rm-root').forEach((n) => n.remove());
      pending.then((m) => m?.destroy());
      this.#mount();
      return;
    }
    const m = this.map;
    if (!m) return;
    try {
      if (name === 'lang' && (value === 'en' || value === 'zh' || Object.hasOwn(this.messages ?? {}, value ?? ''))) m.setLang(value);
      if (name === 'select') m.select(value || null);
      if (name === 'show-alliances') m.showAlliances(parseIds(value));
      if (name === 'year') m.setYear(value ? Number(value) : null);
      if (name === 'indicator') m.setIndicator(value || null);
      if (name === 'theme') m.setTheme(value || 'light');
    } catch (e) {
      this.#fail(e);
    }
  }

  /**
   * Resolves with the map once mounted (null if mounting failed). A map still waiting to come
   * near the viewport resolves when it has.
   */
  get ready() { return this.#mounting ?? this.#waiting?.promise ?? Promise.resolve(null); }
}

if (typeof customElements !== 'undefined' && !customElements.get('region-map')) {
  customElements.define('region-map', RegionMapElement);
}
