// TypeScript declarations for region-map's public API (www/region-map.js).

/** A GeoJSON FeatureCollection (or a single Feature), as a parsed object. */
export type GeoJSONObject = { type: 'FeatureCollection' | 'Feature'; [key: string]: unknown };

/** Options of `mount` (the `<region-map>` attributes mirror them). */
export interface MountOptions {
  /** URL (relative to the page) or GeoJSON object. Polygons become cities; points and lines are drawn. Required. */
  cities: string | GeoJSONObject;
  /** Province outlines: URL or object of LineString/MultiLineString features. */
  provinces?: string | GeoJSONObject;
  /** Parks: URL or object of Point features. */
  parks?: string | GeoJSONObject;
  /** Alliances, projects, indicators and sources: URL or object. */
  alliances?: string | object;
  /** Label language. Default 'en'. */
  lang?: 'en' | 'zh';
  /** Built-in legend, timeline and charts. Default true. */
  panel?: boolean;
  /** Initial centre [lon, lat]; the whole data set when absent. */
  center?: [number, number];
  /** Initial zoom. */
  zoom?: number;
  /**
   * 'focus' (default): the wheel zooms only when the map has focus or Ctrl is held, and on a
   * touch screen one finger scrolls the page while two fingers move the map. 'always': for
   * full-page maps (the wheel always zooms, one finger pans).
   */
  wheel?: 'focus' | 'always';
  /** The map's accessible name; give each map on a page its own. Default: the element's aria-label or title, else "Map of regional cooperation" (numbered after the first map). */
  label?: string;
  /** Keep the view, selection, year and shown alliances in the URL hash. */
  hash?: boolean;
  /** Preset: alliances whose links show ('all' by default). */
  showAlliances?: 'all' | string[];
  /** Preset: the year of the timeline. */
  year?: number;
  /** Preset: colour cities by this indicator. */
  indicator?: string;
  /** Preset: select this city, park or alliance. */
  select?: string;
  /**
   * 'light' (default), 'dark', or 'auto' (follows the system's prefers-color-scheme). The
   * colours, font and line widths are the `--rm-*` custom properties on the element (see
   * region-map.css), read by the canvas as well as by the panel and controls.
   */
  theme?: 'light' | 'dark' | 'auto';
  /**
   * The land drawn under data of points and lines only: a URL or GeoJSON object of polygons,
   * or false for none. Default: the bundled Natural Earth 1:110m land (`land-110m.json` beside
   * the module, public domain), fetched only for such data.
   */
  land?: string | GeoJSONObject | false;
  /**
   * Cancels the mount while it loads (it rejects with an AbortError and leaves nothing in the
   * element), and destroys the map once mounted.
   */
  signal?: AbortSignal;
  /** The smallest zoom. Default: one step out from the whole data set. */
  minZoom?: number;
  /** The largest zoom. Default: what the data's detail suits (at most 20). */
  maxZoom?: number;
  /**
   * [[west, south], [east, north]]: the map's centre stays inside this box (west > east for a
   * box across the antimeridian). Default: the data's bounds, which the centre may pass by
   * four tenths of the view.
   */
  maxBounds?: [[number, number], [number, number]];
}

// The records, event details and legend are generated from the Rust types (src/api.rs).
import type {
  AllianceRecord, AnyRecord, CityRecord, HoverDetail, LegendState, ParkRecord, ProblemDetail, ViewDetail,
} from './region-map.types';
export type {
  SourceRecord, ProjectRecord, IndicatorRecord, CityRecord, ParkRecord, AllianceRecord, FeatureRecord, AnyRecord, HoverDetail, ViewDetail, ZhOrigin, MemberNoteRecord, DatedRecord, AreaRecord, FactRecord, AllianceSummary, ParkSummary, LegendAlliance, LegendClass, LegendChoropleth, LegendState, ProblemDetail,
} from './region-map.types';

/** A problem found while loading (the `warning` event, `warnings()`). */
export type Problem = ProblemDetail;

export interface EventMap {
  ready: { cities: number };
  select: AnyRecord | null;
  hover: HoverDetail | null;
  view: ViewDetail;
  warning: Problem;
  error: { message: string };
  /** 'wheel': the page scrolled instead of the map; 'touch': one finger scrolled the page. */
  hint: { reason: 'wheel' | 'touch' };
  legend: null;
}

export interface RegionMap {
  on<K extends keyof EventMap>(type: K, fn: (detail: EventMap[K]) => void): this;
  off<K extends keyof EventMap>(type: K, fn: (detail: EventMap[K]) => void): this;
  /** The theme: 'light', 'dark' or 'auto'. */
  theme(): 'light' | 'dark' | 'auto';
  /** Sets the theme, and reads the element's `--rm-*` custom properties again (call it after changing them). */
  setTheme(theme?: 'light' | 'dark' | 'auto'): this;
  /** Selects a city, park or alliance by id, as a click does; null clears. Throws for an unknown id. */
  select(id: string | null): this;
  selected(): string | null;
  /** CSS pixels relative to the element's top-left corner. */
  toScreen(lon: number, lat: number): { x: number; y: number };
  fromScreen(x: number, y: number): { lon: number; lat: number };
  /** What a click at (x, y) would select. */
  featureAt(x: number, y: number): { id: string; kind: 'city' | 'park' | 'alliance' | 'feature' } | null;
  view(): { center: [number, number]; zoom: number };
  setView(view: { center?: [number, number]; zoom?: number }): this;
  fitBounds(bounds: [[number, number], [number, number]]): this;
  zoomIn(): this;
  zoomOut(): this;
  reset(): this;
  cities(): CityRecord[];
  parks(): ParkRecord[];
  alliances(): AllianceRecord[];
  record(id: string): AnyRecord | null;
  warnings(): Problem[];
  legend(): LegendState;
  indicators(): { id: string; label_en: string; label_zh: string }[];
  showAlliances(ids: 'all' | string[]): this;
  setYear(year: number | null): this;
  setIndicator(name: string | null): this;
  setLang(lang: 'en' | 'zh'): this;
  lang(): 'en' | 'zh';
  toSVG(): string;
  toPNG(): Promise<Blob>;
  resize(): this;
  /** Removes every listener, observer, timer and frame, and frees the WebAssembly memory. */
  destroy(): void;
}

export function mount(element: Element, options: MountOptions): Promise<RegionMap>;

/** The element's DOM events: the map's events as CustomEvents, their detail typed. */
export type RegionMapElementEventMap = HTMLElementEventMap & { [K in keyof EventMap]: CustomEvent<EventMap[K]> };

export class RegionMapElement extends HTMLElement {
  /** The map, once mounted. */
  map: RegionMap | null;
  /** Resolves with the map once mounted (null if mounting failed); a map waiting to come near the viewport resolves when it has. */
  readonly ready: Promise<RegionMap | null>;
  addEventListener<K extends keyof RegionMapElementEventMap>(type: K, listener: (this: RegionMapElement, ev: RegionMapElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof RegionMapElementEventMap>(type: K, listener: (this: RegionMapElement, ev: RegionMapElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The `<region-map>` attributes, for JSX (React, Preact, Solid) and templates. */
export interface RegionMapAttributes {
  cities?: string;
  provinces?: string;
  parks?: string;
  alliances?: string;
  lang?: 'en' | 'zh';
  select?: string;
  'show-alliances'?: string;
  year?: string | number;
  indicator?: string;
  wheel?: 'focus' | 'always';
  label?: string;
  hash?: boolean | '';
  panel?: 'true' | 'false';
  theme?: 'light' | 'dark' | 'auto';
  'min-zoom'?: string | number;
  'max-zoom'?: string | number;
  /** 'lazy' (default): mount when the element comes near the viewport; 'eager': at once. */
  loading?: 'lazy' | 'eager';
  id?: string;
  class?: string;
  className?: string;
  style?: unknown;
  ref?: unknown;
  key?: string | number;
  children?: unknown;
}

declare global {
  interface HTMLElementTagNameMap {
    'region-map': RegionMapElement;
  }
  namespace JSX {
    interface IntrinsicElements {
      'region-map': RegionMapAttributes;
    }
  }
}
