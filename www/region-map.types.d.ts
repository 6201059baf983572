// Generated from src/api.rs by `UPDATE_TYPES=1 cargo test api`; do not edit.
// The records, event details and legend that region-map hands to a page.

export type ZhOrigin = "article" | "article-words" | "official" | "descriptive";

export type SourceRecord = { 
/**
 * The source's id in the data.
 */
id: string, 
/**
 * The article's file in `data/seeds/`, for the articles.
 */
seed: string | null, 
/**
 * Its title or name.
 */
name: string | null, 
/**
 * Who published it.
 */
publisher: string | null, 
/**
 * Why no publisher is named, where none is.
 */
publisher_note: string | null, 
/**
 * Its date, where known.
 */
date: string | null, 
/**
 * Why the date is what it is, or why it is missing.
 */
date_note: string | null, 
/**
 * The words quoted.
 */
quote: string | null, };

export type ProjectRecord = { 
/**
 * Id.
 */
id: string, 
/**
 * Title in English.
 */
title_en: string, 
/**
 * Title in Chinese.
 */
title_zh: string | null, 
/**
 * Where the Chinese title comes from.
 */
title_zh_origin: ZhOrigin | null, 
/**
 * ISO date, possibly partial.
 */
date: string | null, 
/**
 * Why the date is what it is.
 */
date_note: string | null, 
/**
 * What the date is: when it happened (`event`), when the source reported it
 * (`reported`), or the end of a span (`span-end`).
 */
date_kind: 'event' | 'reported' | 'span-end', 
/**
 * Where it took place (a city id).
 */
place: string | null, 
/**
 * The cities it concerns.
 */
cities: Array<string>, 
/**
 * Where the list of cities comes from, when not from the source.
 */
cities_note: string | null, 
/**
 * The cities are the source's examples: not counted as their project.
 */
mention: boolean, 
/**
 * In a city's record: the district or county through which it concerns the city.
 */
via: string | null, 
/**
 * What happened.
 */
description: string, 
/**
 * The alliance it belongs to.
 */
alliance: string, 
/**
 * Where it comes from.
 */
source: SourceRecord, };

export type IndicatorRecord = { 
/**
 * Id, unique within its alliance.
 */
id: string, 
/**
 * Label in English.
 */
label_en: string, 
/**
 * Label in Chinese.
 */
label_zh: string | null, 
/**
 * Where the Chinese label comes from.
 */
label_zh_origin: ZhOrigin | null, 
/**
 * The number.
 */
value: number, 
/**
 * The source's hedge: `over`, `nearly` or `planned`.
 */
qualifier: string | null, 
/**
 * Unit.
 */
unit: string, 
/**
 * The period it covers, in words.
 */
period: string | null, 
/**
 * The year it belongs to.
 */
year: number | null, 
/**
 * The figure as a reader sees it, with its unit and hedge.
 */
text: string, 
/**
 * Where it comes from.
 */
source: SourceRecord, };

export type MemberNoteRecord = { 
/**
 * The note.
 */
text: string, 
/**
 * Its source, where it is a fact of its own.
 */
source: SourceRecord | null, };

export type AllianceRecord = { 
/**
 * Id.
 */
id: string, 
/**
 * Always `alliance`.
 */
kind: 'alliance', 
/**
 * What kind of cooperation it is.
 */
type: string, 
/**
 * English name.
 */
name_en: string, 
/**
 * Chinese name.
 */
name_zh: string | null, 
/**
 * Where the Chinese name comes from.
 */
name_zh_origin: ZhOrigin | null, 
/**
 * The alliance it belongs to.
 */
parent: string | null, 
/**
 * Founding date, where known.
 */
founded: string | null, 
/**
 * Why the founding date is what it is, or why it is unknown.
 */
founded_note: string | null, 
/**
 * Source of the founding date.
 */
founded_source: SourceRecord | null, 
/**
 * Member city ids.
 */
members: Array<string>, 
/**
 * Members that are whole provinces.
 */
member_provinces: Array<string>, 
/**
 * Their Chinese names, where the province outlines give them.
 */
member_provinces_zh: Array<string>, 
/**
 * Partners that are organisations, not places.
 */
partners: Array<string>, 
/**
 * Source of the member list.
 */
members_source: SourceRecord | null, 
/**
 * Why the member list is what it is.
 */
members_note: string | null, 
/**
 * Notes on single members, by city id.
 */
member_notes: { [key in string]: MemberNoteRecord }, 
/**
 * The hub city, where there is one.
 */
hub: string | null, 
/**
 * Industries it works in (English names).
 */
industries: Array<string>, 
/**
 * The same industries, as ids of the vocabulary (see `clusters` of a city).
 */
industry_ids: Array<string>, 
/**
 * The same industries in Chinese.
 */
industries_zh: Array<string>, 
/**
 * Figures.
 */
indicators: Array<IndicatorRecord>, 
/**
 * Projects and events.
 */
projects: Array<ProjectRecord>, };

export type DatedRecord = { 
/**
 * ISO date, possibly partial.
 */
date: string, 
/**
 * What happened.
 */
event: string, 
/**
 * Where it comes from.
 */
source: SourceRecord, };

export type AreaRecord = { 
/**
 * Square kilometres.
 */
value: number, 
/**
 * The source's hedge.
 */
qualifier: string | null, 
/**
 * Where it comes from.
 */
source: SourceRecord, };

export type FactRecord = { 
/**
 * The statement.
 */
text: string, 
/**
 * Where it comes from.
 */
source: SourceRecord, };

export type ParkRecord = { 
/**
 * Id.
 */
id: string, 
/**
 * Always `park`.
 */
kind: 'park', 
/**
 * What kind of park it is.
 */
type: string, 
/**
 * English name.
 */
name_en: string, 
/**
 * Chinese name.
 */
name_zh: string | null, 
/**
 * Where the Chinese name comes from.
 */
name_zh_origin: ZhOrigin | null, 
/**
 * Host city id.
 */
host: string, 
/**
 * Host city's English name.
 */
host_name_en: string | null, 
/**
 * Host city's Chinese name.
 */
host_name_zh: string | null, 
/**
 * [lon, lat] where it is drawn.
 */
location: [number, number], 
/**
 * `district` or `city`: placed at that seat; `approximate`: from elsewhere.
 */
location_precision: 'district' | 'city' | 'approximate' | null, 
/**
 * Where the location comes from, when it is not a seat.
 */
location_note: string | null, 
/**
 * The cooperation it belongs to.
 */
alliance: string | null, 
/**
 * Dated events.
 */
dates: Array<DatedRecord>, 
/**
 * Its area.
 */
area_km2: AreaRecord | null, 
/**
 * Industries (English names).
 */
industries: Array<string>, 
/**
 * The same industries, as ids of the vocabulary.
 */
industry_ids: Array<string>, 
/**
 * The same industries in Chinese.
 */
industries_zh: Array<string>, 
/**
 * Where the park stands (planned, signed, under construction, attracting projects,
 * in production), where the articles say; null when they do not.
 */
stage: StageRecord | null, 
/**
 * Partners.
 */
partners: Array<string>, 
/**
 * Sourced facts.
 */
facts: Array<FactRecord>, };

export type AllianceSummary = { 
/**
 * Id.
 */
id: string, 
/**
 * English name.
 */
name_en: string, 
/**
 * Chinese name.
 */
name_zh: string | null, 
/**
 * Where the Chinese name comes from.
 */
name_zh_origin: ZhOrigin | null, 
/**
 * What kind of cooperation it is.
 */
type: string, 
/**
 * Founding date, where known.
 */
founded: string | null, 
/**
 * The hub city, where there is one.
 */
hub: string | null, 
/**
 * The district or county through which the city takes part, if not directly.
 */
via: string | null, };

export type ParkSummary = { 
/**
 * Id.
 */
id: string, 
/**
 * English name.
 */
name_en: string, 
/**
 * Chinese name.
 */
name_zh: string | null, 
/**
 * What kind of park it is.
 */
type: string, 
/**
 * The district or county that hosts it, if not the city itself.
 */
via: string | null, };

export type StageRecord = { 
/**
 * `planned`, `signed`, `under-construction`, `attracting-projects` or `in-production`.
 */
value: string, 
/**
 * When it was reported or happened.
 */
date: string | null, 
/**
 * `exact` or `reported`.
 */
date_kind: string | null, 
/**
 * What the article says.
 */
note: string | null, 
/**
 * The article's words.
 */
source: SourceRecord, };

export type ClusterRecord = { 
/**
 * Id of the industry.
 */
industry: string, 
/**
 * English name.
 */
name_en: string, 
/**
 * Chinese name.
 */
name_zh: string, 
/**
 * `park-host` (on site), `hub` or `member` (a policy focus or membership).
 */
role: 'park-host' | 'hub' | 'member', 
/**
 * `on-site` or `policy`.
 */
evidence: 'on-site' | 'policy', 
/**
 * The park or alliance the link comes from.
 */
from: string, 
/**
 * The district or county it comes through.
 */
via: string | null, 
/**
 * The park's stage, where the articles give one.
 */
stage: StageRecord | null, 
/**
 * The first year the sources attest the cooperation behind it.
 */
year: number | null, 
/**
 * Other places with the same industry on site ("where else"), by id.
 */
elsewhere_on_site: Array<string>, 
/**
 * Other places linked to it only by policy or membership, by id.
 */
elsewhere_policy: Array<string>, };

export type CityRecord = { 
/**
 * Id.
 */
id: string, 
/**
 * Always `city`.
 */
kind: 'city', 
/**
 * English name.
 */
name_en: string, 
/**
 * Chinese name, as the map labels it.
 */
name_zh: string, 
/**
 * The full official Chinese name, for the panel (杭州市), where the data gives it.
 */
name_zh_full: string | null, 
/**
 * Province, in English.
 */
province: string, 
/**
 * Province, in Chinese, where the data gives it.
 */
province_zh: string | null, 
/**
 * Administrative level.
 */
level: 'prefecture' | 'district' | 'county', 
/**
 * The prefecture of a district or county.
 */
parent: string | null, 
/**
 * The prefecture's English name.
 */
parent_name_en: string | null, 
/**
 * The prefecture's Chinese name.
 */
parent_name_zh: string | null, 
/**
 * [lon, lat] of its label point, inside it.
 */
seat: [number, number], 
/**
 * The alliances it takes part in.
 */
alliances: Array<AllianceSummary>, 
/**
 * The parks it hosts.
 */
parks: Array<ParkSummary>, 
/**
 * The projects that concern it, oldest first.
 */
projects: Array<ProjectRecord>, 
/**
 * The feature's other properties, as the GeoJSON gives them (the keys the map reads
 * itself, such as `id`, `name_en` or `seat`, left out).
 */
properties: Record<string, unknown>, };

export type FeatureRecord = { 
/**
 * Id.
 */
id: string, 
/**
 * Always `feature`.
 */
kind: 'feature', 
/**
 * Name (English, or the only one).
 */
name_en: string, 
/**
 * Chinese name, or the same name.
 */
name_zh: string, 
/**
 * The feature's properties.
 */
properties: Record<string, unknown>, };

export type HoverDetail = { 
/**
 * Id of the feature.
 */
id: string, 
/**
 * What it is.
 */
kind: 'city' | 'park' | 'alliance' | 'feature', 
/**
 * English name.
 */
name_en: string, 
/**
 * Chinese name.
 */
name_zh: string | null, 
/**
 * Province, for cities and parks.
 */
province: string | null, 
/**
 * The province's Chinese name, where the provinces file has it.
 */
province_zh: string | null, 
/**
 * The name in the map's language: Chinese, English, or a page's own language's
 * (`name_<tag>`, else English).
 */
name: string, 
/**
 * True when the keyboard (N/P) moved the focus here.
 */
keyboard: boolean, 
/**
 * The alliance's colour, for alliances.
 */
color?: string, 
/**
 * Where the pointer is, when the pointer (not the keyboard) moved the hover here.
 */
lonlat?: LonLatDetail, 
/**
 * The pointer in CSS px relative to the element, with `lonlat`.
 */
point?: PointDetail, 
/**
 * The feature, as `click` gives it, with `lonlat`.
 */
feature?: FeatureBrief, };

export type LonLatDetail = { 
/**
 * Longitude, in [-180, 180).
 */
lon: number, 
/**
 * Latitude.
 */
lat: number, };

export type PointDetail = { 
/**
 * Pixels to the right.
 */
x: number, 
/**
 * Pixels down.
 */
y: number, };

export type FeatureBrief = { 
/**
 * Id of the feature.
 */
id: string, 
/**
 * What it is.
 */
kind: 'city' | 'park' | 'alliance' | 'feature', 
/**
 * English name.
 */
name_en: string, 
/**
 * Chinese name.
 */
name_zh: string | null, };

export type ClickDetail = { 
/**
 * Where, in degrees.
 */
lonlat: LonLatDetail, 
/**
 * Where, in CSS px relative to the element.
 */
point: PointDetail, 
/**
 * What is there (what the click selects), or null on empty map.
 */
feature: FeatureBrief | null, };

export type ViewDetail = { 
/**
 * [lon, lat] of the centre.
 */
center: [number, number], 
/**
 * Zoom level.
 */
zoom: number, 
/**
 * What the element shows, `[[west, south], [east, north]]` (`west > east` across the
 * antimeridian).
 */
bounds: [[number, number], [number, number]], };

export type HintDetail = { 
/**
 * `wheel` or `touch`.
 */
reason: 'wheel' | 'touch', };

export type ErrorDetail = { 
/**
 * What failed, and why.
 */
message: string, };

export type ProblemDetail = { 
/**
 * The file (or URL) it is in.
 */
file: string, 
/**
 * The feature, where the problem is one feature's.
 */
feature: string | null, 
/**
 * What is wrong.
 */
reason: string, 
/**
 * File, feature and reason in one sentence.
 */
message: string, };

export type CityName = { 
/**
 * Id.
 */
id: string, 
/**
 * English name.
 */
name_en: string, 
/**
 * Chinese name.
 */
name_zh: string, };

export type LegendAlliance = { 
/**
 * Id.
 */
id: string, 
/**
 * English name.
 */
name_en: string, 
/**
 * Chinese name.
 */
name_zh: string | null, 
/**
 * Kind of cooperation.
 */
type: string, 
/**
 * Line colour (CSS).
 */
color: string, 
/**
 * Whether its line is dashed (a colour used twice).
 */
dashed: boolean, 
/**
 * Number of member cities.
 */
members: number, 
/**
 * Number of member provinces (a strategy of whole provinces).
 */
member_provinces: number, 
/**
 * Founding date, where known.
 */
founded: string | null, 
/**
 * The first year the sources attest it.
 */
first_year: number | null, 
/**
 * The alliance it belongs to.
 */
parent: string | null, 
/**
 * Whether its links are switched on.
 */
selected: boolean, 
/**
 * Whether it existed in the timeline's year.
 */
exists: boolean, 
/**
 * Whether its links are drawn now.
 */
drawn: boolean, 
/**
 * Whether the legend lists it with a switch (it has links of its own to draw).
 */
listed: boolean, };

export type LegendClass = { 
/**
 * Lowest value in the class.
 */
lower: number, 
/**
 * Highest value in the class.
 */
upper: number, 
/**
 * The range as the legends write it (`1,000 – 2,500`, or one value).
 */
label: string, 
/**
 * Fill colour (CSS).
 */
color: string, 
/**
 * Number of cities in the class.
 */
count: number, };

export type LegendChoropleth = { 
/**
 * The indicator's id.
 */
indicator: string, 
/**
 * Its English label.
 */
label_en: string | null, 
/**
 * Its Chinese label.
 */
label_zh: string | null, 
/**
 * The classes, lowest first.
 */
classes: Array<LegendClass>, 
/**
 * Ranked cities without a value.
 */
no_data: number, 
/**
 * Districts and counties, not ranked: they count in their prefecture.
 */
unranked: number, 
/**
 * Their colour (CSS).
 */
no_data_color: string, };

export type LegendState = { 
/**
 * Every alliance.
 */
alliances: Array<LegendAlliance>, 
/**
 * The choropleth, when an indicator is chosen.
 */
choropleth: LegendChoropleth | null, 
/**
 * The timeline's year.
 */
year: number | null, };

/** Any record, as `select` and `record()` give it. */
export type AnyRecord = CityRecord | ParkRecord | AllianceRecord | FeatureRecord;
