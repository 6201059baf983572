// The timeline: a slider of the data's years, "All", and a play button that steps through
// the years (slower, and without gliding, under reduced motion).
import { listen } from './dom.js';

/** Attaches the timeline to `ctx.dom` (see legend.js for `ctx`). */
export function attachTimeline(ctx) {
  const d = ctx.dom;
  let playing = null;
  // The timeline's year, as the core has it.
  const year = () => ctx.map.legend()?.year ?? null;

  function render() {
    const t = ctx.text();
    const years = JSON.parse(ctx.call('years', (c) => c.query('years', ''), 'null'));
    d.timeline.hidden = !years || d.timeline.dataset.off === '1';
    if (!years) return;
    d.slider.min = years[0];
    d.slider.max = years[1];
    d.slider.setAttribute('aria-label', t.year);
    const y = year();
    d.slider.value = y == null ? years[1] : y;
    d.yearOut.textContent = y == null ? t.allYears : String(y);
    d.allBtn.textContent = t.showAll;
    d.allBtn.title = t.allYears;
    d.playBtn.textContent = playing ? '❚❚' : '▶';
    d.playBtn.setAttribute('aria-label', playing ? t.pause : t.play);
  }

  function stop() {
    clearInterval(playing);
    playing = null;
    render();
  }

  function play() {
    if (playing) { stop(); return; }
    const min = Number(d.slider.min), max = Number(d.slider.max);
    const now = year();
    let y = now == null || now >= max ? min : now + 1;
    ctx.map.setYear(y);
    const reduce = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    playing = setInterval(() => {
      y += 1;
      if (y > max) { stop(); return; }
      ctx.map.setYear(y);
    }, reduce ? 1500 : 700);
    render();
  }

  const off = [
    listen(d.slider, 'input', () => { const y = Number(d.slider.value); if (playing) stop(); ctx.map.setYear(y); }),
    listen(d.allBtn, 'click', () => { if (playing) stop(); ctx.map.setYear(null); }),
    listen(d.playBtn, 'click', () => play()),
  ];

  return {
    render,
    detach() {
      clearInterval(playing);
      playing = null;
      off.splice(0).forEach((f) => f());
    },
    listeners: () => off.length,
  };
}
