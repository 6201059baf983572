// The legend: each alliance with its colour, member count and year as a switch, the
// indicator picker, the choropleth's classes and the overview chart.
import { el, listen } from './dom.js';

/**
 * Attaches the legend to `ctx.dom`. `ctx` gives the map (its public members), `call` into the
 * core, the language's `text()` and `lang()`, and `drawChart(canvas)`.
 */
export function attachLegend(ctx) {
  const d = ctx.dom;
  const off = [
    listen(d.indicator, 'change', () => ctx.map.setIndicator(d.indicator.value || null)),
    listen(d.overview, 'toggle', () => render()),
  ];

  function render() {
    const t = ctx.text();
    const zh = ctx.lang() === 'zh';
    const legend = JSON.parse(ctx.call('legend', (c) => c.query('legend', ''), '{"alliances":[]}'));
    const doc = d.root.ownerDocument;
    // Someone else's data, with no alliances: a plain legend of the colours, or none.
    const alliances = legend.alliances.length > 0;
    const indicators = JSON.parse(ctx.call('indicators', (c) => c.query('indicators', ''), '[]'));
    d.legendTitle.textContent = alliances ? t.legend : t.legendPlain;
    d.overview.hidden = !alliances;
    d.indicatorLabel.hidden = indicators.length === 0;
    if (!d.legend.dataset.off) d.legend.hidden = !alliances && indicators.length === 0;
    d.legendList.textContent = '';
    for (const a of legend.alliances) {
      if (!a.listed) continue;
      const li = el(doc, 'li', a.exists ? '' : 'rm-not-yet');
      const label = el(doc, 'label');
      const box = el(doc, 'input', null, { type: 'checkbox', 'data-id': a.id });
      box.checked = a.selected;
      // Rebuilt with the list on every render: removed with it.
      box.addEventListener('change', () => {
        const ids = [...d.legendList.querySelectorAll('input:checked')].map((i) => i.dataset.id);
        const all = d.legendList.querySelectorAll('input').length;
        ctx.map.showAlliances(ids.length === all ? 'all' : ids);
      });
      const sw = el(doc, 'span', `rm-swatch${a.dashed ? ' rm-dashed' : ''}`);
      sw.style.setProperty('--c', a.color);
      const name = el(doc, 'span', 'rm-legend-name');
      name.textContent = zh ? a.name_zh ?? a.name_en : a.name_en;
      const meta = el(doc, 'span', 'rm-sub');
      // A strategy of whole provinces counts its provinces.
      const count = a.members || a.member_provinces;
      meta.textContent = `${count}${a.first_year ? ` · ${a.founded ? '' : '~'}${a.first_year}` : ''}`;
      const members = a.members ? t.members(a.members) : t.provinces(a.member_provinces);
      label.title = `${name.textContent}: ${members}${a.founded ? `, ${a.founded}` : ''}${a.exists ? '' : ` (${t.notYet})`}`;
      label.append(box, sw, name, meta);
      li.append(label);
      d.legendList.append(li);
    }
    d.indicatorLabel.firstChild.textContent = `${alliances ? t.colourBy : t.colourByPlain} `;
    d.indicator.textContent = '';
    const none = el(doc, 'option', null, { value: '' });
    none.textContent = t.none;
    d.indicator.append(none);
    for (const i of indicators) {
      const o = el(doc, 'option', null, { value: i.id });
      o.textContent = zh ? i.label_zh : i.label_en;
      d.indicator.append(o);
    }
    d.indicator.value = legend.choropleth?.indicator ?? '';
    d.classes.textContent = '';
    const row = (color, text) => {
      const r = el(doc, 'div', 'rm-class');
      if (color) {
        const sw = el(doc, 'span', 'rm-class-swatch');
        sw.style.background = color;
        r.append(sw);
      }
      const txt = el(doc, 'span');
      txt.textContent = text;
      r.append(txt);
      d.classes.append(r);
    };
    const c = legend.choropleth;
    if (c) {
      // The core writes the ranges, as the exported legends do.
      for (const k of c.classes) row(k.color, k.label);
      if (c.no_data > 0) row(c.no_data_color, t.noData);
      if (c.unranked > 0) row(null, t.unranked);
      // An industry view's links, each with its source, as a table to download.
      if (/^industr/.test(c.indicator)) {
        const b = el(doc, 'button', 'rm-btn rm-csv', { type: 'button' });
        b.textContent = t.csv;
        b.addEventListener('click', () => ctx.csv());
        d.classes.append(b);
      }
    }
    d.overviewSummary.textContent = t.overview;
    if (d.overview.open) ctx.drawChart(d.overviewCanvas);
  }

  return { render, detach: () => off.splice(0).forEach((f) => f()), listeners: () => off.length };
}
