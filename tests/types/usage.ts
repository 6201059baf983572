// How a TypeScript page uses the package's types; `./run.sh test` compiles this file with
// --strict. The @ts-expect-error lines fail the build if the types became too loose.
import { mount } from '../../www/region-map';
import type { RegionMapElement } from '../../www/region-map';

declare const el: RegionMapElement;
el.addEventListener('select', (e) => {
  const id: string | undefined = e.detail?.id;
  void id;
});
el.addEventListener('hint', (e) => {
  const reason: 'wheel' | 'touch' = e.detail.reason;
  void reason;
});
// @ts-expect-error: a select event's detail is a record, not a number.
el.addEventListener('select', (e) => { const n: number = e.detail; void n; });

const attrs: JSX.IntrinsicElements['region-map'] = { cities: 'a.geojson', theme: 'dark', 'min-zoom': 2 };
// @ts-expect-error: no such theme.
const wrong: JSX.IntrinsicElements['region-map'] = { theme: 'pink' };
void attrs; void wrong;

async function page(host: HTMLElement) {
  const ctl = new AbortController();
  const map = await mount(host, { cities: 'a.geojson', theme: 'auto', maxBounds: [[170, -20], [-170, 0]], signal: ctl.signal });
  map.setTheme('dark').on('view', (v) => v.zoom);
  // @ts-expect-error: setTheme takes a theme's name.
  map.setTheme('pink');
}
void page;
