// The details panel: a city's or park's record as HTML. Text goes in with textContent only,
// so names and quotes from any data file cannot inject markup.

const L = {
  en: {
    province: 'Province', level: { prefecture: 'Prefecture-level city', district: 'District', county: 'County' },
    of: 'of', alliances: 'Alliances and cooperation', parks: 'Parks', projects: 'Projects and events',
    none: 'None in the articles.', dateUnknown: 'Date unknown', source: 'Source', founded: 'founded',
    host: 'Host', kind: 'Kind', area: 'Area', industries: 'Industries', partners: 'Partners',
    dates: 'Dates', facts: 'Facts', location: 'Location', undated: 'undated',
    precision: { district: 'placed at the district seat: the article gives no closer location',
      city: 'placed at the city seat: the article gives no closer location',
      approximate: 'approximate position' },
    selected: (n, a, p) => `Selected ${n}. ${a} alliances, ${p} projects.`,
    selectedPark: (n) => `Selected ${n}.`,
    selectedAlliance: (n, m) => `Selected ${n}, ${m} member cities.`,
    members: 'Members', hub: 'Hub', figures: 'Figures', chart: 'Chart', unknownFounding: 'Founding date unknown',
    memberProvinces: 'Member provinces', countyCity: 'County-level city', via: (n) => `via ${n}`,
    clusters: 'Industrial clusters', role: { 'park-host': 'on site', hub: 'hub of a body that names it', member: 'member of a body that names it' },
    stage: { planned: 'planned', signed: 'signed', 'under-construction': 'under construction', 'attracting-projects': 'attracting projects', 'in-production': 'in production' },
    stageLabel: 'Stage', stageUnknown: 'stage not given', elsewhere: 'Also on site', alsoPolicy: 'By policy only', nowhereElse: 'nowhere else in the articles', from: 'from',
    reported: 'reported', spanEnd: 'until', mention: 'Named by the article as an example; not counted as a project here.',
    origin: { official: ['official name', 'The established official Chinese name, from public record; not from the articles.'],
      descriptive: ['descriptive', 'A descriptive Chinese title written for this map; the articles give no Chinese name.'] },
  },
  zh: {
    province: '省份', level: { prefecture: '地级市', district: '区', county: '县' },
    of: '属', alliances: '联盟与合作', parks: '园区', projects: '项目与事件',
    none: '文章中没有。', dateUnknown: '日期不详', source: '来源', founded: '成立',
    host: '所在地', kind: '类型', area: '面积', industries: '产业', partners: '合作方',
    dates: '时间', facts: '事实', location: '位置', undated: '未注明日期',
    precision: { district: '位于区县驻地：文章未给出更精确位置', city: '位于城市驻地：文章未给出更精确位置',
      approximate: '大致位置' },
    selected: (n, a, p) => `已选择${n}。${a}个联盟，${p}个项目。`,
    selectedPark: (n) => `已选择${n}。`,
    selectedAlliance: (n, m) => `已选择${n}，${m}个成员城市。`,
    members: '成员', hub: '中心城市', figures: '数据', chart: '图表', unknownFounding: '成立时间不详',
    memberProvinces: '成员省份', countyCity: '县级市', via: (n) => `通过${n}`,
    clusters: '产业集群', role: { 'park-host': '实地', hub: '牵头机构所在地', member: '所属机构成员' },
    stage: { planned: '规划', signed: '签约', 'under-construction': '在建', 'attracting-projects': '招商', 'in-production': '投产' },
    stageLabel: '阶段', stageUnknown: '阶段未知', elsewhere: '其他实地', alsoPolicy: '仅政策关联', nowhereElse: '文章中别无他处', from: '来自',
    reported: '报道于', spanEnd: '截至', mention: '文章以此为例提及，此处不计为项目。',
    origin: { official: ['通用名', '官方通用中文名称，来自公开资料，非出自文章。'],
      descriptive: ['译名', '为本地图撰写的说明性中文名称，文章未给出中文名。'] },
  },
};

// The data's kinds of cooperation and of parks, for Chinese readers (the data's words are
// English; an unknown kind shows as it is).
const KINDS_ZH = {
  'city pairing': '城市结对', 'company expansion': '企业跨区域布局', 'cross-border cooperation park': '跨区域合作园区',
  'industrial alliance': '产业联盟', 'industrial relocation': '产业转移', 'innovation corridor': '科创走廊',
  'integration plan': '一体化方案', 'port cooperation': '港口合作', 'regional strategy': '区域战略',
  'technology alliance': '科技联合体', 'technology transfer': '技术转移', 'industrial town': '产业小镇',
  'inter-provincial cooperation park': '省际合作园区', 'port development area': '港口开发区',
  'production base': '生产基地', 'technology transfer centre': '技术转移中心',
};
const kind = (k, lang) => (lang === 'zh' ? KINDS_ZH[k] ?? k : k);

function h(doc, tag, cls, text) {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

function names(r, lang) {
  const en = r.name_en ?? r.title_en ?? r.id;
  // The panel gives a city's full official name (杭州市); the map labels the short one.
  const zh = r.name_zh_full ?? r.name_zh ?? r.title_zh;
  return lang === 'zh' ? [zh ?? en, zh ? en : null] : [en, zh && zh !== en ? zh : null];
}

// A Chinese name that is not the articles' own says so: a small tag, explained on hover.
function zhMark(doc, origin, t) {
  const o = t.origin[origin];
  if (!o) return null;
  const m = h(doc, 'span', 'rm-origin', o[0]);
  m.title = o[1];
  return m;
}

// Appends a record's name in `lang` to `el`, with the Chinese name's tag when it shows.
function appendName(doc, el, r, lang, t, which = 0) {
  const n = names(r, lang)[which];
  if (n == null) return;
  el.append(n);
  const zhShown = lang === 'zh' ? which === 0 : which === 1;
  const mark = zhShown && (r.name_zh ?? r.title_zh ?? r.label_zh) ? zhMark(doc, r.name_zh_origin ?? r.title_zh_origin ?? r.label_zh_origin, t) : null;
  if (mark) el.append(' ', mark);
}

function sourceLine(doc, src, t) {
  const wrap = h(doc, 'div', 'rm-source');
  if (!src) return wrap;
  const label = [src.name ?? src.seed, src.seed && src.name ? `(${src.seed})` : null, src.publisher, src.date ?? t.undated]
    .filter(Boolean).join(', ');
  wrap.append(h(doc, 'span', 'rm-source-label', `${t.source}: ${label}`));
  if (src.quote) {
    const q = h(doc, 'q', 'rm-quote', src.quote);
    wrap.append(' ', q);
  }
  return wrap;
}

function section(doc, title) {
  const s = h(doc, 'section', 'rm-section');
  s.append(h(doc, 'h3', null, title));
  return s;
}

function cityBody(doc, panel, r, t, lang, opts) {
  // Someone else's polygons (no alliances loaded): their own properties, no levels.
  if (opts.noAlliances && !r.alliances.length) {
    featureBody(doc, panel, r);
    chartSection(doc, panel, t, opts);
    return;
  }
  const meta = h(doc, 'p', 'rm-meta');
  // County-level cities (Kunshan, Taicang, Pinghu) are counties in the data's levels; their
  // official names end in 市 (data/README.md).
  const level = r.level === 'county' && /市$/.test(r.name_zh ?? '') ? t.countyCity : (t.level[r.level] ?? r.level);
  const parent = lang === 'zh' ? r.parent_name_zh ?? r.parent : r.parent_name_en ?? r.parent;
  const province = lang === 'zh' ? r.province_zh ?? r.province : r.province;
  meta.textContent = [province, level, parent ? `${t.of} ${parent}` : null].filter(Boolean).join(' · ');
  panel.append(meta);

  const sa = section(doc, `${t.alliances} (${r.alliances.length})`);
  if (!r.alliances.length) sa.append(h(doc, 'p', 'rm-empty', t.none));
  const ul = h(doc, 'ul', 'rm-list');
  for (const a of r.alliances) {
    const li = h(doc, 'li');
    const strong = h(doc, 'strong');
    appendName(doc, strong, a, lang, t);
    li.append(strong);
    const via = a.via ? t.via(placeName(opts, a.via, lang)) : null;
    const bits = [kind(a.type, lang), a.founded ? `${t.founded} ${a.founded}` : null, via].filter(Boolean).join(' · ');
    li.append(h(doc, 'span', 'rm-sub', ` ${bits}`));
    ul.append(li);
  }
  if (r.alliances.length) sa.append(ul);
  panel.append(sa);

  if (r.parks.length) {
    const sp = section(doc, `${t.parks} (${r.parks.length})`);
    const pl = h(doc, 'ul', 'rm-list');
    for (const p of r.parks) {
      const li = h(doc, 'li');
      const b = h(doc, 'button', 'rm-link', names(p, lang)[0]);
      b.type = 'button';
      b.addEventListener('click', () => opts.onSelect(p.id));
      li.append(b, h(doc, 'span', 'rm-sub', ` ${[kind(p.type, lang), p.via ? t.via(placeName(opts, p.via, lang)) : null].filter(Boolean).join(' · ')}`));
      pl.append(li);
    }
    sp.append(pl);
    panel.append(sp);
  }

  // The clusters come from the module loaded later: their place is kept, and filled when
  // they arrive.
  const slot = h(doc, 'div', 'rm-clusters-slot');
  panel.append(slot);
  opts.clusters?.((list) => clusterList(doc, slot, list, t, lang, opts));
  projectList(doc, panel, r.projects, t, lang, opts);
  chartSection(doc, panel, t, opts);
}

// A stage as the panel says it: "under construction (reported 2019)".
function stageText(s, t) {
  if (!s) return t.stageUnknown;
  const when = s.date ? ` (${s.date_kind === 'reported' ? `${t.reported} ` : ''}${s.date})` : '';
  return `${t.stage[s.value] ?? s.value}${when}`;
}

// The clusters a city takes part in: how (on site, hub, member), at what stage, from which
// park or body, and which other places pursue the same industry (the overlap the articles
// warn about).
function clusterList(doc, panel, clusters, t, lang, opts) {
  if (!clusters.length) return;
  const s = section(doc, `${t.clusters} (${clusters.length})`);
  const ul = h(doc, 'ul', 'rm-projects rm-clusters');
  for (const c of clusters) {
    const li = h(doc, 'li', 'rm-project');
    li.dataset.industry = c.industry;
    li.dataset.role = c.role;
    const title = h(doc, 'div', 'rm-title', lang === 'zh' ? c.name_zh : c.name_en);
    const from = placeName(opts, c.from, lang);
    const bits = [t.role[c.role] ?? c.role, c.role === 'park-host' ? stageText(c.stage, t) : null,
      `${t.from} ${from}`, c.via ? t.via(placeName(opts, c.via, lang)) : null].filter(Boolean).join(' · ');
    li.append(title, h(doc, 'div', 'rm-sub', bits));
    if (c.stage?.note) li.append(h(doc, 'p', 'rm-note', c.stage.note));
    if (c.stage) li.append(sourceLine(doc, c.stage.source, t));
    const list = (ids) => ids.map((id) => placeName(opts, id, lang)).join(lang === 'zh' ? '、' : ', ');
    const where = c.elsewhere_on_site.length ? list(c.elsewhere_on_site) : t.nowhereElse;
    li.append(h(doc, 'p', 'rm-note', `${t.elsewhere}: ${where}`));
    if (c.elsewhere_policy.length) li.append(h(doc, 'p', 'rm-note', `${t.alsoPolicy}: ${list(c.elsewhere_policy)}`));
    ul.append(li);
  }
  s.append(ul);
  panel.append(s);
}

// A place's name in the panel's language, from its id.
function placeName(opts, id, lang) {
  const rec = opts.names?.(id);
  return rec ? names(rec, lang)[0] : id;
}

function projectList(doc, panel, projects, t, lang, opts) {
  const sj = section(doc, `${t.projects} (${projects.length})`);
  if (!projects.length) sj.append(h(doc, 'p', 'rm-empty', t.none));
  const ol = h(doc, 'ol', 'rm-projects');
  for (const p of projects) {
    const li = h(doc, 'li', 'rm-project');
    // A date that is when the source reported it, or the end of a span, says so.
    const when = p.date == null ? t.dateUnknown
      : p.date_kind === 'reported' ? `${t.reported} ${p.date}`
        : p.date_kind === 'span-end' ? `${t.spanEnd} ${p.date}` : p.date;
    const via = p.via ? ` · ${t.via(placeName(opts, p.via, lang))}` : '';
    li.append(h(doc, 'div', 'rm-date', `${when}${via}`));
    const title = h(doc, 'div', 'rm-title');
    appendName(doc, title, p, lang, t);
    li.append(title);
    li.append(h(doc, 'p', 'rm-desc', p.description));
    if (p.date_note) li.append(h(doc, 'p', 'rm-note', p.date_note));
    if (p.cities_note) li.append(h(doc, 'p', 'rm-note', p.cities_note));
    if (p.mention) li.append(h(doc, 'p', 'rm-note', t.mention));
    li.append(sourceLine(doc, p.source, t));
    ol.append(li);
  }
  if (projects.length) sj.append(ol);
  panel.append(sj);
}

function chartSection(doc, panel, t, opts) {
  if (!opts.chart) return;
  const s = section(doc, t.chart);
  const c = h(doc, 'canvas', 'rm-chart');
  c.width = 320;
  c.height = 240;
  s.append(c);
  panel.append(s);
  opts.chart(c);
}

function allianceBody(doc, panel, r, t, lang, opts) {
  const meta = h(doc, 'p', 'rm-meta');
  const sw = h(doc, 'span', 'rm-swatch');
  if (opts.colors?.[r.id]) sw.style.setProperty('--c', opts.colors[r.id]);
  meta.append(sw, ` ${[kind(r.type, lang), r.founded ? `${t.founded} ${r.founded}` : t.unknownFounding].join(' · ')}`);
  panel.append(meta);
  if (r.founded_note) panel.append(h(doc, 'p', 'rm-note', r.founded_note));
  if (r.founded_source) panel.append(sourceLine(doc, r.founded_source, t));

  const sm = section(doc, `${t.members} (${r.members.length || r.member_provinces?.length || 0})`);
  const ul = h(doc, 'ul', 'rm-list');
  for (const id of r.members) {
    const li = h(doc, 'li');
    const rec = opts.names?.(id);
    const b = h(doc, 'button', 'rm-link', rec ? names(rec, lang)[0] : id);
    b.type = 'button';
    b.addEventListener('click', () => opts.onSelect(id));
    li.append(b);
    if (id === r.hub) li.append(h(doc, 'span', 'rm-sub', ` (${t.hub})`));
    const note = r.member_notes?.[id];
    if (note) li.append(h(doc, 'div', 'rm-note', note.text));
    if (note?.source) li.append(sourceLine(doc, note.source, t));
    ul.append(li);
  }
  sm.append(ul);
  const provinces = lang === 'zh' ? r.member_provinces_zh ?? r.member_provinces : r.member_provinces;
  if (provinces?.length) sm.append(h(doc, 'p', 'rm-meta', `${t.memberProvinces}: ${provinces.join(lang === 'zh' ? '、' : ', ')}`));
  // Partners that are organisations: named, never drawn as a city link.
  if (r.partners?.length) sm.append(h(doc, 'p', 'rm-meta', `${t.partners}: ${r.partners.join('; ')}`));
  if (r.members_note) sm.append(h(doc, 'p', 'rm-note', r.members_note));
  if (r.members_source) sm.append(sourceLine(doc, r.members_source, t));
  panel.append(sm);

  if (r.industries?.length) {
    const si = section(doc, t.industries);
    si.append(h(doc, 'p', null, (lang === 'zh' ? r.industries_zh ?? r.industries : r.industries).join(lang === 'zh' ? '、' : ', ')));
    panel.append(si);
  }
  if (r.indicators.length) {
    const sf = section(doc, `${t.figures} (${r.indicators.length})`);
    const ol = h(doc, 'ul', 'rm-projects');
    for (const i of r.indicators) {
      const li = h(doc, 'li', 'rm-project');
      const title = h(doc, 'div', 'rm-title', lang === 'zh' ? i.label_zh ?? i.label_en : i.label_en);
      const mark = lang === 'zh' && i.label_zh ? zhMark(doc, i.label_zh_origin, t) : null;
      if (mark) title.append(' ', mark);
      title.append(`: ${i.text}`);
      li.append(title);
      if (i.period) li.append(h(doc, 'div', 'rm-sub', i.period));
      li.append(sourceLine(doc, i.source, t));
      ol.append(li);
    }
    sf.append(ol);
    panel.append(sf);
  }
  chartSection(doc, panel, t, opts);
  projectList(doc, panel, r.projects, t, lang, opts);
}

function parkBody(doc, panel, r, t, lang) {
  const dl = h(doc, 'dl', 'rm-facts');
  const row = (k, v) => {
    if (v == null || v === '' || (Array.isArray(v) && !v.length)) return;
    dl.append(h(doc, 'dt', null, k), h(doc, 'dd', null, Array.isArray(v) ? v.join(', ') : v));
  };
  row(t.kind, kind(r.type, lang));
  row(t.host, (lang === 'zh' ? r.host_name_zh : r.host_name_en) ?? r.host);
  row(t.location, r.location_precision ? (t.precision[r.location_precision] ?? r.location_precision) : null);
  row(t.industries, lang === 'zh' ? r.industries_zh ?? r.industries : r.industries);
  row(t.stageLabel, stageText(r.stage, t));
  row(t.partners, r.partners);
  if (r.area_km2) row(t.area, `${r.area_km2.qualifier ? `${r.area_km2.qualifier} ` : ''}${r.area_km2.value} km²`);
  panel.append(dl);
  if (r.area_km2) panel.append(sourceLine(doc, r.area_km2.source, t));
  if (r.stage) {
    if (r.stage.note) panel.append(h(doc, 'p', 'rm-note', r.stage.note));
    panel.append(sourceLine(doc, r.stage.source, t));
  }
  if (r.dates.length) {
    const s = section(doc, t.dates);
    const ol = h(doc, 'ol', 'rm-projects');
    for (const d of r.dates) {
      const li = h(doc, 'li', 'rm-project');
      li.append(h(doc, 'div', 'rm-date', d.date), h(doc, 'div', 'rm-title', d.event), sourceLine(doc, d.source, t));
      ol.append(li);
    }
    s.append(ol);
    panel.append(s);
  }
  if (r.facts.length) {
    const s = section(doc, t.facts);
    const ul = h(doc, 'ul', 'rm-projects');
    for (const f of r.facts) {
      const li = h(doc, 'li', 'rm-project');
      li.append(h(doc, 'p', 'rm-desc', f.text), sourceLine(doc, f.source, t));
      ul.append(li);
    }
    s.append(ul);
    panel.append(s);
  }
}

// A feature of someone else's GeoJSON: its properties as they are.
function featureBody(doc, panel, r) {
  if (!Object.keys(r.properties ?? {}).length) return;
  const dl = h(doc, 'dl', 'rm-facts');
  for (const [k, v] of Object.entries(r.properties ?? {})) {
    dl.append(h(doc, 'dt', null, k), h(doc, 'dd', null, typeof v === 'object' ? JSON.stringify(v) : String(v)));
  }
  panel.append(dl);
}

// The panel's words in `lang` ('en' or 'zh'), with a page's own words on top (the
// `messages` option); strings of keys that take values use {name}, {alliances}, {projects},
// {members}.
const ARGS = { selected: ['name', 'alliances', 'projects'], selectedPark: ['name'], selectedAlliance: ['name', 'members'], via: ['name'] };
// Two of the panel's words share a name with the map's own; a page gives them as these keys.
const RENAMED = { membersHeading: 'members', noneInArticles: 'none' };
function wordsOf(lang, own) {
  const t = { ...L[lang] };
  for (const [key, v] of Object.entries(own ?? {})) {
    if (key === 'members' || key === 'none') continue; // the map's words of these names
    const k = RENAMED[key] ?? key;
    if (!(k in t) || typeof v !== 'string') continue;
    if (typeof t[k] === 'function') {
      const names = ARGS[k] ?? [];
      t[k] = (...a) => v.replace(/\{(\w+)\}/g, (m, p) => (names.includes(p) ? String(a[names.indexOf(p)]) : m));
    } else if (typeof t[k] === 'string') t[k] = v;
  }
  return t;
}

// A record in a page's own language: its `name_<tag>` property, where it has one, first.
function inTag(r, tag) {
  const own = tag ? r.properties?.[`name_${tag}`] : null;
  return typeof own === 'string' && own.trim() ? { ...r, name_en: own, name_zh_full: null, name_zh: r.name_en } : r;
}

/** Fills `panel` with the record of a city, park, alliance or other feature. */
export function renderRecord(panel, record, opts) {
  const doc = panel.ownerDocument;
  const lang = opts.lang === 'zh' ? 'zh' : 'en';
  const t = wordsOf(lang, opts.words);
  const r = inTag(record, opts.tag);
  panel.textContent = '';
  // The map's name too: two maps on a page may show the same record.
  panel.setAttribute('aria-label', [names(r, lang)[0], opts.mapName].filter(Boolean).join(' · '));
  const head = h(doc, 'header', 'rm-head');
  const title = h(doc, 'h2');
  appendName(doc, title, r, lang, t, 0);
  if (names(r, lang)[1]) {
    const alt = h(doc, 'span', 'rm-alt');
    appendName(doc, alt, r, lang, t, 1);
    title.append(' ', alt);
  }
  const close = h(doc, 'button', 'rm-close', '×');
  close.type = 'button';
  close.setAttribute('aria-label', opts.closeLabel);
  close.title = opts.closeLabel;
  close.addEventListener('click', opts.onClose);
  head.append(title, close);
  panel.append(head);
  if (r.kind === 'city') cityBody(doc, panel, r, t, lang, opts);
  else if (r.kind === 'alliance') allianceBody(doc, panel, r, t, lang, opts);
  else if (r.kind === 'feature') featureBody(doc, panel, r);
  else parkBody(doc, panel, r, t, lang);
  panel.scrollTop = 0;
}

/** One sentence for screen readers about a selection. */
export function describe(r, lang, words) {
  const t = wordsOf(lang === 'zh' ? 'zh' : 'en', words);
  const [n] = names(r, lang);
  if (r.kind === 'city') return t.selected([n, r.province].filter(Boolean).join(', '), r.alliances.length, r.projects.length);
  if (r.kind === 'alliance') return t.selectedAlliance(n, r.members.length);
  if (r.kind === 'feature') return t.selectedPark(n);
  return t.selectedPark(n);
}
