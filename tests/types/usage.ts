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

// The Leaflet-grade API (issue 15).
async function leafletUser(host: HTMLElement, el2: RegionMapElement) {
  const ctl = new AbortController();
  const map = await mount(host, {
    cities: 'a.geojson', lang: 'fr',
    messages: { fr: { zoomIn: 'Zoom avant', noData: 'pas de données' } },
  });
  map.on('click', (e) => {
    const lon: number = e.lonlat.lon;
    const x: number = e.point.x;
    const id: string | undefined = e.feature?.id;
    const t: string = e.originalEvent.type;
    void lon; void x; void id; void t;
  }, { signal: ctl.signal });
  map.once('moveend', (v) => { const b: [[number, number], [number, number]] = v.bounds; void b; });
  const ready: { cities: number } = await map.loaded;
  void ready;
  await map.setData({ cities: { type: 'FeatureCollection', features: [] }, parks: null });
  map.flyTo({ center: [120, 30], zoom: 8 }).easeTo({ zoom: 9, duration: 300 });
  map.fitBounds([[119, 29], [121, 31]], { padding: { right: 300 }, maxZoom: 10, animate: true });
  const [[w]] = map.getBounds();
  void w;
  map.setMaxZoom(12).setMinZoom(null);
  const png: Promise<Blob> = map.toPNG({ pixelRatio: 2, background: 'transparent' });
  const svg: string = map.toSVG({ legend: false });
  void png; void svg;
  // @ts-expect-error: a click's point is {x, y}, not a pair.
  map.on('click', (e) => { const p: [number, number] = e.point; void p; });
  // @ts-expect-error: padding is a number or per side.
  map.fitBounds([[0, 0], [1, 1]], { padding: 'wide' });
  el2.addEventListener('rm-click', (e) => { const lat: number = e.detail.lonlat.lat; void lat; });
  el2.addEventListener('rm-moveend', (e) => { const z: number = e.detail.zoom; void z; });
  el2.data = { cities: 'b.geojson' };
}
void leafletUser;
