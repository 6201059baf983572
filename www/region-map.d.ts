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
  /** Language: 'en' (default), 'zh', or a tag that `messages` gives words for. */
  lang?: 'en' | 'zh' | (string & {});
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
  /**
   * Preset: colour cities by this indicator: 'alliances', 'projects', 'parks', 'property:NAME',
   * 'industry:ID' (how each place takes part in an industry) or 'industries' (all clusters).
   */
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
  /**
   * Your own words, by language tag: `{ fr: { zoomIn: 'Zoom avant', noData: 'pas de données' } }`.
   * Overrides the built-in English or Chinese words, or adds a language (`lang: 'fr'`, `setLang('fr')`),
   * which falls back to English where it gives none and takes feature names from `name_<tag>`
   * properties. The keys are listed in README (Text); the words the canvas draws (credit line,
   * export legend, charts) are among them.
   */
  messages?: Record<string, Partial<Record<MessageKey, string>> & Record<string, string>>;
}

/** The keys of `messages` (README lists what each says). */
export type MessageKey =
  | 'loading' | 'zoomIn' | 'zoomOut' | 'reset' | 'lang' | 'langLabel' | 'close' | 'map' | 'failed' | 'focus' | 'recovered'
  | 'preparing' | 'more' | 'legend' | 'legendPlain' | 'colourBy' | 'colourByPlain' | 'none' | 'noData' | 'unranked'
  | 'members' | 'provinces' | 'allYears' | 'play' | 'pause' | 'year' | 'overview' | 'showAll' | 'notYet' | 'wheelHint'
  | 'touchHint' | 'name' | 'details' | 'cleared' | 'listLabel' | 'cities' | 'alliancesList' | 'parksList'
  | 'factsCredit' | 'chartFigures' | 'chartNoFigures' | 'chartCity' | 'chartProjects' | 'chartAlliancesKnown'
  | 'chartFounded' | 'chartMembers' | 'chartAlliances' | 'indicatorAlliances' | 'indicatorProjects' | 'indicatorParks'
  | 'province' | 'alliances' | 'parks' | 'projects' | 'noneInArticles' | 'dateUnknown' | 'source' | 'founded' | 'host'
  | 'kind' | 'area' | 'industries' | 'partners' | 'dates' | 'facts' | 'location' | 'undated' | 'membersHeading' | 'hub'
  | 'figures' | 'chart' | 'unknownFounding' | 'memberProvinces' | 'countyCity' | 'reported' | 'spanEnd' | 'mention' | 'via'
  | 'clusters' | 'stageLabel' | 'stageUnknown' | 'elsewhere' | 'alsoPolicy' | 'nowhereElse' | 'from';

/** `{cities, parks, alliances, provinces}` for setData: a URL or an object each; null removes an optional one. */
export interface DataSources {
  cities?: string | GeoJSONObject;
  provinces?: string | GeoJSONObject | null;
  parks?: string | GeoJSONObject | null;
  alliances?: string | object | null;
}

/** What `click` and a pointer's `hover` carry besides the feature. */
export interface PointerFields {
  /** The DOM event that caused it. */
  originalEvent: Event;
}

/** A click or tap on the map, on a feature or on empty map. */
export type ClickEvent = ClickDetail & PointerFields;

/** Options of listeners: `signal` removes the listener when it aborts; `once` after one call. */
export interface ListenerOptions {
  signal?: AbortSignal;
  once?: boolean;
}

/** easeTo / flyTo: where to go, and how long to take (ms). */
export interface MoveOptions {
  center?: [number, number];
  zoom?: number;
  duration?: number;
}

/** fitBounds' options. */
export interface FitBoundsOptions {
  /** CSS px on every side, or per side. Default 16. */
  padding?: number | { top?: number; right?: number; bottom?: number; left?: number };
  /** Zoom in no further than this. */
  maxZoom?: number;
  /** Ease there instead of jumping. */
  animate?: boolean;
  /** With animate: ms. Default 500. */
  duration?: number;
}

// The records, event details and legend are generated from the Rust types (src/api.rs).
import type {
  AllianceRecord, AnyRecord, CityRecord, ClickDetail, HoverDetail, LegendState, ParkRecord, ProblemDetail, ViewDetail,
} from './region-map.types';
export type {
  SourceRecord, ProjectRecord, IndicatorRecord, CityRecord, ParkRecord, AllianceRecord, FeatureRecord, AnyRecord, HoverDetail, ViewDetail, ZhOrigin, MemberNoteRecord, DatedRecord, AreaRecord, FactRecord, AllianceSummary, ParkSummary, LegendAlliance, LegendClass, LegendChoropleth, LegendState, ProblemDetail,
  ClickDetail, LonLatDetail, PointDetail, FeatureBrief,
} from './region-map.types';

/** A problem found while loading (the `warning` event, `warnings()`). */
export type Problem = ProblemDetail;

export interface EventMap {
  /** The first frame is painted; a listener added later is called at once. */
  ready: { cities: number };
  select: AnyRecord | null;
  /** The pointer or the keyboard focus moved to a feature (null: off it). From the pointer it carries lonlat, point, feature and originalEvent. */
  hover: (HoverDetail & Partial<PointerFields>) | null;
  view: ViewDetail;
  /** A click or tap, also on empty map (feature null). */
  click: ClickEvent;
  /** The view started to move. */
  movestart: ViewDetail;
  /** The view came to rest after moving (a gesture, an animation or a jump). */
  moveend: ViewDetail;
  /** New data (setData) is drawn. */
  data: { cities: number };
  warning: Problem;
  error: { message: string };
  /** 'wheel': the page scrolled instead of the map; 'touch': one finger scrolled the page. */
  hint: { reason: 'wheel' | 'touch' };
  legend: null;
}

export interface RegionMap {
  on<K extends keyof EventMap>(type: K, fn: (detail: EventMap[K]) => void, options?: ListenerOptions): this;
  once<K extends keyof EventMap>(type: K, fn: (detail: EventMap[K]) => void, options?: ListenerOptions): this;
  off<K extends keyof EventMap>(type: K, fn: (detail: EventMap[K]) => void): this;
  /** Resolves with `ready`'s detail once the first frame is painted. */
  readonly loaded: Promise<{ cities: number }>;
  /**
   * New data; keys left out keep what the map has. The view, language, theme, year, indicator
   * and shown alliances stay, and the selection where its id still exists. Resolves once it is
   * drawn; rejects (keeping the old data) when the cities cannot be used.
   */
  setData(data: DataSources): Promise<this>;
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
  view(): ViewDetail;
  setView(view: { center?: [number, number]; zoom?: number }): this;
  fitBounds(bounds: [[number, number], [number, number]], options?: FitBoundsOptions): this;
  /** Moves in a straight line (500 ms by default); at once under reduced motion. */
  easeTo(options: MoveOptions): this;
  /** Flies out, across and in again; the duration suits the way unless given. At once under reduced motion. */
  flyTo(options: MoveOptions): this;
  panTo(center: [number, number], options?: { animate?: boolean; duration?: number }): this;
  setZoom(zoom: number, options?: { animate?: boolean; duration?: number }): this;
  /** [[west, south], [east, north]] of what the element shows (west > east across the antimeridian). */
  getBounds(): [[number, number], [number, number]];
  getCenter(): { lon: number; lat: number };
  getZoom(): number;
  getMinZoom(): number;
  getMaxZoom(): number;
  /** null: back to the data's. */
  setMinZoom(zoom: number | null): this;
  setMaxZoom(zoom: number | null): this;
  setMaxBounds(bounds: [[number, number], [number, number]] | null): this;
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
  /** 'en', 'zh', or a tag that options.messages gives words for; anything else throws a RangeError. */
  setLang(lang: 'en' | 'zh' | (string & {})): this;
  lang(): 'en' | 'zh' | (string & {});
  /** `legend: false` leaves the legend out. */
  toSVG(options?: { legend?: boolean }): string;
  /** `pixelRatio` (default the screen's, at most 8); `background`: any CSS colour or 'transparent' (default the theme's). */
  toPNG(options?: { pixelRatio?: number; background?: string }): Promise<Blob>;
  resize(): this;
  /** Removes every listener, observer, timer and frame, and frees the WebAssembly memory. */
  destroy(): void;
}

export function mount(element: Element, options: MountOptions): Promise<RegionMap>;

/** The map's events that the element also dispatches under their own names (as before there were rm- names). */
type LegacyEvents = 'ready' | 'select' | 'hover' | 'view' | 'warning' | 'error' | 'hint' | 'legend';

/**
 * The element's DOM events: every map event as `rm-<type>` (a name no native event has), and
 * the first eight also under their own names, their detail typed.
 */
export type RegionMapElementEventMap = HTMLElementEventMap
  & { [K in keyof EventMap as `rm-${K}`]: CustomEvent<EventMap[K]> }
  & { [K in LegacyEvents]: CustomEvent<EventMap[K]> };

export class RegionMapElement extends HTMLElement {
  /** The map, once mounted. */
  map: RegionMap | null;
  /** Resolves with the map once mounted (null if mounting failed); a map waiting to come near the viewport resolves when it has. */
  readonly ready: Promise<RegionMap | null>;
  /** Data as objects or URLs, over the data attributes: before mounting, what it mounts with; after, applied with setData (the view stays). */
  data: DataSources | null;
  /** The `messages` option; read when the map mounts. */
  messages: MountOptions['messages'];
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
  lang?: string;
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
