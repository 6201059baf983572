// The tooltip: the name under the pointer (or the keyboard focus) in both languages, with
// its province; the keyboard focus is also announced to screen readers.
import { el, listen } from './dom.js';

/** Attaches the tooltip to `ctx.dom` (see legend.js for `ctx`). */
export function attachTooltip(ctx) {
  const d = ctx.dom;
  const tip = d.tooltip;
  // The pointer (in the root's px), and where the tooltip must end on the right: the map's
  // edge, or the open panel's.
  let px = 0, py = 0, limit = Infinity;
  // Beside the pointer: on its right, or on its left where the right would run past `limit`.
  const place = (w) => {
    const x = px + 14 + w > limit - 4 && px - 14 - w >= 0 ? px - 14 - w : px + 14;
    tip.style.transform = `translate(${Math.round(x)}px, ${Math.round(py + 14)}px)`;
  };
  const off = [
    // In the capture phase, before the map handles the move and the tooltip's text changes:
    // the layout is still clean, so measuring the root, the panel and the tooltip costs no
    // layout of its own.
    listen(d.root, 'pointermove', (ev) => {
      const r = d.root.getBoundingClientRect();
      px = ev.clientX - r.left;
      py = ev.clientY - r.top;
      limit = d.panel.hidden ? r.width : d.panel.getBoundingClientRect().left - r.left;
      place(tip.hidden ? 0 : tip.offsetWidth);
    }, { capture: true }),
    listen(d.root, 'pointerleave', () => { tip.hidden = true; }),
  ];

  // Its three lines are made once: a hover changes their text only, and the browser has no
  // new elements to style.
  const doc = tip.ownerDocument;
  const lines = [el(doc, 'strong'), el(doc, 'span'), el(doc, 'div', 'rm-tip-province')];
  tip.textContent = '';
  tip.append(...lines);
  const put = (e, text) => {
    if (e.textContent !== text) e.textContent = text;
    if (e.hidden !== !text) e.hidden = !text;
  };

  let shown = null;
  /** Shows a `hover` detail, or hides the tooltip for null. */
  function show(f) {
    shown = f;
    if (!f) { tip.hidden = true; return; }
    const zh = ctx.lang() === 'zh';
    // The name in the map's language (a page's own language too), and the other one.
    const primary = f.name ?? (zh ? f.name_zh ?? f.name_en : f.name_en);
    const secondary = zh ? f.name_en : f.name_zh;
    // The province in the map's language (Chinese where the provinces file names it).
    const province = zh ? f.province_zh ?? f.province : f.province;
    put(lines[0], primary);
    put(lines[1], secondary && secondary !== primary ? ` ${secondary}` : '');
    put(lines[2], province ?? '');
    if (f.keyboard) {
      // Keyboard focus: place the tooltip at the place and tell screen readers.
      const at = ctx.map.record(f.id)?.seat;
      if (at) {
        const s = ctx.map.toScreen(at[0], at[1]);
        tip.style.transform = `translate(${Math.round(s.x + 10)}px, ${Math.round(s.y + 10)}px)`;
      }
      d.live.textContent = ctx.text().focus(primary, province ?? '');
    }
    if (tip.hidden) tip.hidden = false;
    // Near the right limit, the new text's width decides the side (a layout of the tooltip
    // now, only there).
    if (!f.keyboard && px + 14 + 320 > limit) place(tip.offsetWidth);
  }

  // After a change of language, the name shown is written again in the new one (the pointer
  // may rest where it is); in a page's own language the name comes with the next hover.
  const render = () => {
    if (!shown || tip.hidden) return;
    if (['en', 'zh'].includes(ctx.lang())) show({ ...shown, name: undefined, keyboard: false });
    else show(null);
  };
  return { show, render, detach: () => off.splice(0).forEach((f) => f()), listeners: () => off.length };
}
