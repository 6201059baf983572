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
}

/** A source of a fact: the document and the words quoted. */
export interface SourceRecord {
  id: string;
  seed: string | null;
  name: string | null;
  publisher: string | null;
  /** Why no publisher is named, where none is. */
  publisher_note: string | null;
  date: string | null;
  date_note: string | null;
  quote: string | null;
}

export interface ProjectRecord {
  id: string;
  title_en: string;
  title_zh: string | null;
  /** Where the Chinese title comes from (data/README.md). */
  title_zh_origin: 'article' | 'article-words' | 'official' | 'descriptive' | null;
  date: string | null;
  date_note: string | null;
  place: string | null;
  cities: string[];
  description: string;
  alliance: string;
  source: SourceRecord;
}

export interface IndicatorRecord {
  id: string;
  label_en: string;
  label_zh: string | null;
  /** Where the Chinese label comes from (data/README.md). */
  label_zh_origin: 'article' | 'article-words' | 'official' | 'descriptive' | null;
  value: number;
  qualifier: 'over' | 'nearly' | 'planned' | null;
  unit: string;
  period: string | null;
  year: number | null;
  text: string;
  source: SourceRecord;
}

export interface CityRecord {
  id: string;
  kind: 'city';
  name_en: string;
  name_zh: string;
  province: string;
  level: 'prefecture' | 'district' | 'county';
  parent: string | null;
  seat: [number, number];
  alliances: { id: string; name_en: string; name_zh: string | null; type: string; founded: string | null; hub: string | null }[];
  parks: { id: string; name_en: string; name_zh: string | null; type: string }[];
  projects: ProjectRecord[];
}

export interface ParkRecord {
  id: string;
  kind: 'park';
  type: string;
  name_en: string;
  name_zh: string | null;
  /** Where the Chinese name comes from (data/README.md). */
  name_zh_origin: 'article' | 'article-words' | 'official' | 'descriptive' | null;
  host: string;
  location: [number, number];
  location_precision: 'district' | 'city' | 'approximate' | null;
  industries: string[];
  partners: string[];
  area_km2: { value: number; qualifier: string | null; source: SourceRecord } | null;
  dates: { date: string; event: string; source: SourceRecord }[];
  facts: { text: string; source: SourceRecord }[];
}

export interface AllianceRecord {
  id: string;
  kind: 'alliance';
  type: string;
  name_en: string;
  name_zh: string | null;
  /** Where the Chinese name comes from (data/README.md). */
  name_zh_origin: 'article' | 'article-words' | 'official' | 'descriptive' | null;
  founded: string | null;
  founded_note: string | null;
  members: string[];
  member_provinces: string[];
  hub: string | null;
  industries: string[];
  indicators: IndicatorRecord[];
  projects: ProjectRecord[];
}

export interface FeatureRecord {
  id: string;
  kind: 'feature';
  name_en: string;
  name_zh: string;
  properties: Record<string, unknown>;
}

export type AnyRecord = CityRecord | ParkRecord | AllianceRecord | FeatureRecord;

export interface HoverDetail {
  id: string;
  kind: 'city' | 'park' | 'alliance' | 'feature';
  name_en: string;
  name_zh: string | null;
  province: string | null;
  /** True when the keyboard (N/P) moved the focus here. */
  keyboard: boolean;
}

export interface Problem {
  file: string;
  feature: string | null;
  reason: string;
  message: string;
}

export interface EventMap {
  ready: { cities: number };
  select: AnyRecord | null;
  hover: HoverDetail | null;
  view: { center: [number, number]; zoom: number };
  warning: Problem;
  error: { message: string };
  /** 'wheel': the page scrolled instead of the map; 'touch': one finger scrolled the page. */
  hint: { reason: 'wheel' | 'touch' };
  legend: null;
}

export interface LegendState {
  alliances: {
    id: string; name_en: string; name_zh: string | null; type: string; color: string; dashed: boolean;
    members: number; founded: string | null; first_year: number | null; parent: string | null;
    selected: boolean; exists: boolean; drawn: boolean;
  }[];
  choropleth: null | {
    indicator: string; label_en: string; label_zh: string;
    classes: { lower: number; upper: number; color: string; count: number }[];
    no_data: number; no_data_color: string;
  };
  year: number | null;
}

export interface RegionMap {
  on<K extends keyof EventMap>(type: K, fn: (detail: EventMap[K]) => void): this;
  off<K extends keyof EventMap>(type: K, fn: (detail: EventMap[K]) => void): this;
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

export class RegionMapElement extends HTMLElement {
  /** The map, once mounted. */
  map: RegionMap | null;
  /** Resolves with the map once mounted (null if mounting failed). */
  readonly ready: Promise<RegionMap | null>;
}

declare global {
  interface HTMLElementTagNameMap {
    'region-map': RegionMapElement;
  }
}
