// A visually hidden list of every city, alliance and park, for screen readers and keyboard
// users: choosing an entry selects it on the map.
import { el, listen } from './dom.js';

/** Past this many cities, the list says how many more there are: thousands of buttons help no one. */
export const LIST_MAX = 2000;

/** Attaches the list to `ctx.dom` (see legend.js for `ctx`). */
export function attachList(ctx) {
  const d = ctx.dom;
  const off = [
    listen(d.list, 'click', (ev) => {
      const id = ev.target?.closest?.('button[data-id]')?.dataset.id;
      if (id) ctx.map.select(id);
    }),
  ];

  function render() {
    const doc = d.root.ownerDocument;
    const t = ctx.text();
    const zh = ctx.lang() === 'zh';
    d.list.textContent = '';
    d.list.setAttribute('aria-label', `${t.listLabel} · ${d.name(ctx.lang())}`);
    const group = (title, items) => {
      if (!items.length) return;
      const h = el(doc, 'h2');
      h.textContent = title;
      const ul = el(doc, 'ul');
      for (const it of items) {
        const li = el(doc, 'li');
        const b = el(doc, 'button', null, { type: 'button', 'data-id': it.id });
        b.textContent = zh ? (it.name_zh ?? it.name_en) : it.name_en;
        li.append(b);
        ul.append(li);
      }
      d.list.append(h, ul);
    };
    const count = ctx.call('cities', (c) => c.city_count(), 0);
    const cities = ctx.call('cities', (c) => JSON.parse(count > LIST_MAX ? c.query('cities_head', String(LIST_MAX)) : c.query('cities', '')), []);
    group(t.cities, cities);
    if (count > cities.length) {
      const p = el(doc, 'p');
      p.textContent = t.more(count - cities.length);
      d.list.append(p);
    }
    group(t.alliancesList, ctx.map.alliances());
    group(t.parksList, ctx.map.parks());
  }

  return { render, detach: () => off.splice(0).forEach((f) => f()), listeners: () => off.length };
}
