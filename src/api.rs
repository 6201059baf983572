//! The typed boundary: every record, event detail, legend and warning that crosses to
//! JavaScript is one of these types, serialised with serde. Their TypeScript declarations are
//! generated from them natively (ts-rs, a dev-dependency: nothing of it is in the wasm) into
//! `www/region-map.types.d.ts`, which the hand-written `www/region-map.d.ts` imports; a unit
//! test fails when the file and the types differ (`UPDATE_TYPES=1 cargo test api` writes it).

use std::collections::BTreeMap;

use serde::Serialize;

/// Any API value as the JSON text a page receives: one serializer (straight to text) for
/// every type, which keeps the module small; `null` if it cannot be written.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// `TS` is derived for the declarations only in native unit tests.
macro_rules! api_type {
    ($(#[$m:meta])* pub struct $name:ident { $($body:tt)* }) => {
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
        $(#[$m])*
        pub struct $name { $($body)* }
    };
    ($(#[$m:meta])* pub enum $name:ident { $($body:tt)* }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Serialize)]
        #[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
        $(#[$m])*
        pub enum $name { $($body)* }
    };
}

api_type! {
    /// Where a Chinese name comes from (see data/README.md).
    #[serde(rename_all = "kebab-case")]
    pub enum ZhOrigin {
        /// The article's own words.
        Article,
        /// Made of the words of a Chinese article.
        ArticleWords,
        /// The established official name, from public record, not from the articles.
        Official,
        /// A descriptive title written for this map.
        Descriptive,
    }
}

impl ZhOrigin {
    /// Reads the data's origin value; None for a missing or unknown one.
    pub fn parse(s: Option<&str>) -> Option<Self> {
        match s? {
            "article" => Some(ZhOrigin::Article),
            "article-words" => Some(ZhOrigin::ArticleWords),
            "official" => Some(ZhOrigin::Official),
            "descriptive" => Some(ZhOrigin::Descriptive),
            _ => None,
        }
    }
}

api_type! {
    /// A source of a fact: the document and the words quoted.
    pub struct SourceRecord {
        /// The source's id in the data.
        pub id: String,
        /// The article's file in `data/seeds/`, for the articles.
        pub seed: Option<String>,
        /// Its title or name.
        pub name: Option<String>,
        /// Who published it.
        pub publisher: Option<String>,
        /// Why no publisher is named, where none is.
        pub publisher_note: Option<String>,
        /// Its date, where known.
        pub date: Option<String>,
        /// Why the date is what it is, or why it is missing.
        pub date_note: Option<String>,
        /// The words quoted.
        pub quote: Option<String>,
    }
}

api_type! {
    /// A project, meeting, signing or other event.
    pub struct ProjectRecord {
        /// Id.
        pub id: String,
        /// Title in English.
        pub title_en: String,
        /// Title in Chinese.
        pub title_zh: Option<String>,
        /// Where the Chinese title comes from.
        pub title_zh_origin: Option<ZhOrigin>,
        /// ISO date, possibly partial.
        pub date: Option<String>,
        /// Why the date is what it is.
        pub date_note: Option<String>,
        /// What the date is: when it happened (`event`), when the source reported it
        /// (`reported`), or the end of a span (`span-end`).
        #[cfg_attr(
            all(test, not(target_arch = "wasm32")),
            ts(type = "'event' | 'reported' | 'span-end'")
        )]
        pub date_kind: String,
        /// Where it took place (a city id).
        pub place: Option<String>,
        /// The cities it concerns.
        pub cities: Vec<String>,
        /// Where the list of cities comes from, when not from the source.
        pub cities_note: Option<String>,
        /// The cities are the source's examples: not counted as their project.
        pub mention: bool,
        /// In a city's record: the district or county through which it concerns the city.
        pub via: Option<String>,
        /// What happened.
        pub description: String,
        /// The alliance it belongs to.
        pub alliance: String,
        /// Where it comes from.
        pub source: SourceRecord,
    }
}

api_type! {
    /// A figure, as the source states it.
    pub struct IndicatorRecord {
        /// Id, unique within its alliance.
        pub id: String,
        /// Label in English.
        pub label_en: String,
        /// Label in Chinese.
        pub label_zh: Option<String>,
        /// Where the Chinese label comes from.
        pub label_zh_origin: Option<ZhOrigin>,
        /// The number.
        pub value: f64,
        /// The source's hedge: `over`, `nearly` or `planned`.
        pub qualifier: Option<String>,
        /// Unit.
        pub unit: String,
        /// The period it covers, in words.
        pub period: Option<String>,
        /// The year it belongs to.
        pub year: Option<i32>,
        /// The figure as a reader sees it, with its unit and hedge.
        pub text: String,
        /// Where it comes from.
        pub source: SourceRecord,
    }
}

api_type! {
    /// A note on one member of an alliance.
    pub struct MemberNoteRecord {
        /// The note.
        pub text: String,
        /// Its source, where it is a fact of its own.
        pub source: Option<SourceRecord>,
    }
}

api_type! {
    /// An alliance, corridor, pairing or other cooperation.
    pub struct AllianceRecord {
        /// Id.
        pub id: String,
        /// Always `alliance`.
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "'alliance'"))]
        pub kind: &'static str,
        /// What kind of cooperation it is.
        #[serde(rename = "type")]
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "type"))]
        pub kind_of: String,
        /// English name.
        pub name_en: String,
        /// Chinese name.
        pub name_zh: Option<String>,
        /// Where the Chinese name comes from.
        pub name_zh_origin: Option<ZhOrigin>,
        /// The alliance it belongs to.
        pub parent: Option<String>,
        /// Founding date, where known.
        pub founded: Option<String>,
        /// Why the founding date is what it is, or why it is unknown.
        pub founded_note: Option<String>,
        /// Source of the founding date.
        pub founded_source: Option<SourceRecord>,
        /// Member city ids.
        pub members: Vec<String>,
        /// Members that are whole provinces.
        pub member_provinces: Vec<String>,
        /// Their Chinese names, where the province outlines give them.
        pub member_provinces_zh: Vec<String>,
        /// Partners that are organisations, not places.
        pub partners: Vec<String>,
        /// Source of the member list.
        pub members_source: Option<SourceRecord>,
        /// Why the member list is what it is.
        pub members_note: Option<String>,
        /// Notes on single members, by city id.
        pub member_notes: BTreeMap<String, MemberNoteRecord>,
        /// The hub city, where there is one.
        pub hub: Option<String>,
        /// Industries it works in (English names).
        pub industries: Vec<String>,
        /// The same industries, as ids of the vocabulary (see `clusters` of a city).
        pub industry_ids: Vec<String>,
        /// The same industries in Chinese.
        pub industries_zh: Vec<String>,
        /// Figures.
        pub indicators: Vec<IndicatorRecord>,
        /// Projects and events.
        pub projects: Vec<ProjectRecord>,
    }
}

api_type! {
    /// A dated event in a park's life.
    pub struct DatedRecord {
        /// ISO date, possibly partial.
        pub date: String,
        /// What happened.
        pub event: String,
        /// Where it comes from.
        pub source: SourceRecord,
    }
}

api_type! {
    /// An area, as the source gives it.
    pub struct AreaRecord {
        /// Square kilometres.
        pub value: f64,
        /// The source's hedge.
        pub qualifier: Option<String>,
        /// Where it comes from.
        pub source: SourceRecord,
    }
}

api_type! {
    /// A sourced statement.
    pub struct FactRecord {
        /// The statement.
        pub text: String,
        /// Where it comes from.
        pub source: SourceRecord,
    }
}

api_type! {
    /// A park, cooperation park or production base.
    pub struct ParkRecord {
        /// Id.
        pub id: String,
        /// Always `park`.
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "'park'"))]
        pub kind: &'static str,
        /// What kind of park it is.
        #[serde(rename = "type")]
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "type"))]
        pub kind_of: String,
        /// English name.
        pub name_en: String,
        /// Chinese name.
        pub name_zh: Option<String>,
        /// Where the Chinese name comes from.
        pub name_zh_origin: Option<ZhOrigin>,
        /// Host city id.
        pub host: String,
        /// Host city's English name.
        pub host_name_en: Option<String>,
        /// Host city's Chinese name.
        pub host_name_zh: Option<String>,
        /// [lon, lat] where it is drawn.
        pub location: [f64; 2],
        /// `district` or `city`: placed at that seat; `approximate`: from elsewhere.
        #[cfg_attr(
            all(test, not(target_arch = "wasm32")),
            ts(type = "'district' | 'city' | 'approximate' | null")
        )]
        pub location_precision: Option<String>,
        /// Where the location comes from, when it is not a seat.
        pub location_note: Option<String>,
        /// The cooperation it belongs to.
        pub alliance: Option<String>,
        /// Dated events.
        pub dates: Vec<DatedRecord>,
        /// Its area.
        pub area_km2: Option<AreaRecord>,
        /// Industries (English names).
        pub industries: Vec<String>,
        /// The same industries, as ids of the vocabulary.
        pub industry_ids: Vec<String>,
        /// The same industries in Chinese.
        pub industries_zh: Vec<String>,
        /// Where the park stands (planned, signed, under construction, attracting projects,
        /// in production), where the articles say; null when they do not.
        pub stage: Option<StageRecord>,
        /// Partners.
        pub partners: Vec<String>,
        /// Sourced facts.
        pub facts: Vec<FactRecord>,
    }
}

api_type! {
    /// An alliance as a city's record lists it.
    pub struct AllianceSummary {
        /// Id.
        pub id: String,
        /// English name.
        pub name_en: String,
        /// Chinese name.
        pub name_zh: Option<String>,
        /// Where the Chinese name comes from.
        pub name_zh_origin: Option<ZhOrigin>,
        /// What kind of cooperation it is.
        #[serde(rename = "type")]
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "type"))]
        pub kind_of: String,
        /// Founding date, where known.
        pub founded: Option<String>,
        /// The hub city, where there is one.
        pub hub: Option<String>,
        /// The district or county through which the city takes part, if not directly.
        pub via: Option<String>,
    }
}

api_type! {
    /// A park as a city's record lists it.
    pub struct ParkSummary {
        /// Id.
        pub id: String,
        /// English name.
        pub name_en: String,
        /// Chinese name.
        pub name_zh: Option<String>,
        /// What kind of park it is.
        #[serde(rename = "type")]
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "type"))]
        pub kind_of: String,
        /// The district or county that hosts it, if not the city itself.
        pub via: Option<String>,
    }
}

api_type! {
    /// A city, district or county (a polygon of the main GeoJSON).
    pub struct CityRecord {
        /// Id.
        pub id: String,
        /// Always `city`.
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "'city'"))]
        pub kind: &'static str,
        /// English name.
        pub name_en: String,
        /// Chinese name, as the map labels it.
        pub name_zh: String,
        /// The full official Chinese name, for the panel (杭州市), where the data gives it.
        pub name_zh_full: Option<String>,
        /// Province, in English.
        pub province: String,
        /// Province, in Chinese, where the data gives it.
        pub province_zh: Option<String>,
        /// Administrative level.
        #[cfg_attr(
            all(test, not(target_arch = "wasm32")),
            ts(type = "'prefecture' | 'district' | 'county'")
        )]
        pub level: &'static str,
        /// The prefecture of a district or county.
        pub parent: Option<String>,
        /// The prefecture's English name.
        pub parent_name_en: Option<String>,
        /// The prefecture's Chinese name.
        pub parent_name_zh: Option<String>,
        /// [lon, lat] of its label point, inside it.
        pub seat: [f64; 2],
        /// The alliances it takes part in.
        pub alliances: Vec<AllianceSummary>,
        /// The parks it hosts.
        pub parks: Vec<ParkSummary>,
        /// The projects that concern it, oldest first.
        pub projects: Vec<ProjectRecord>,
        /// The feature's other properties, as the GeoJSON gives them (the keys the map reads
        /// itself, such as `id`, `name_en` or `seat`, left out).
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "Record<string, unknown>"))]
        pub properties: serde_json::Map<String, serde_json::Value>,
    }
}

api_type! {
    /// A point or line of any GeoJSON, with its properties as they are.
    pub struct FeatureRecord {
        /// Id.
        pub id: String,
        /// Always `feature`.
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "'feature'"))]
        pub kind: &'static str,
        /// Name (English, or the only one).
        pub name_en: String,
        /// Chinese name, or the same name.
        pub name_zh: String,
        /// The feature's properties.
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "Record<string, unknown>"))]
        pub properties: serde_json::Map<String, serde_json::Value>,
    }
}

/// Any record, as `select` and `record()` give it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
// Built for one call or event and written out, never stored in bulk: no need to box.
#[allow(clippy::large_enum_variant)]
pub enum AnyRecord {
    /// A city, district or county.
    City(CityRecord),
    /// A park.
    Park(ParkRecord),
    /// An alliance.
    Alliance(AllianceRecord),
    /// A point or line of other data.
    Feature(FeatureRecord),
}

api_type! {
    /// What the pointer or the keyboard focus is on, as `hover` and `featureAt` give it.
    pub struct HoverDetail {
        /// Id of the feature.
        pub id: String,
        /// What it is.
        #[cfg_attr(
            all(test, not(target_arch = "wasm32")),
            ts(type = "'city' | 'park' | 'alliance' | 'feature'")
        )]
        pub kind: &'static str,
        /// English name.
        pub name_en: String,
        /// Chinese name.
        pub name_zh: Option<String>,
        /// Province, for cities and parks.
        pub province: Option<String>,
        /// The province's Chinese name, where the provinces file has it.
        pub province_zh: Option<String>,
        /// The name in the map's language: Chinese, English, or a page's own language's
        /// (`name_<tag>`, else English).
        pub name: String,
        /// True when the keyboard (N/P) moved the focus here.
        pub keyboard: bool,
        /// The alliance's colour, for alliances.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
        pub color: Option<String>,
        /// Where the pointer is, when the pointer (not the keyboard) moved the hover here.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
        pub lonlat: Option<LonLatDetail>,
        /// The pointer in CSS px relative to the element, with `lonlat`.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
        pub point: Option<PointDetail>,
        /// The feature, as `click` gives it, with `lonlat`.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
        pub feature: Option<FeatureBrief>,
    }
}

api_type! {
    /// A place in degrees.
    #[derive(Copy)]
    pub struct LonLatDetail {
        /// Longitude, in [-180, 180).
        pub lon: f64,
        /// Latitude.
        pub lat: f64,
    }
}

api_type! {
    /// A point in CSS px relative to the element's top-left corner.
    #[derive(Copy)]
    pub struct PointDetail {
        /// Pixels to the right.
        pub x: f64,
        /// Pixels down.
        pub y: f64,
    }
}

api_type! {
    /// Where a park stands, as an article gives it.
    pub struct StageRecord {
        /// `planned`, `signed`, `under-construction`, `attracting-projects` or `in-production`.
        pub value: String,
        /// When it was reported or happened.
        pub date: Option<String>,
        /// `exact` or `reported`.
        pub date_kind: Option<String>,
        /// What the article says.
        pub note: Option<String>,
        /// The article's words.
        pub source: SourceRecord,
    }
}

api_type! {
    /// A place's link to an industrial cluster, and the places that pursue the same industry.
    pub struct ClusterRecord {
        /// Id of the industry.
        pub industry: String,
        /// English name.
        pub name_en: String,
        /// Chinese name.
        pub name_zh: String,
        /// `park-host` (on site), `hub` or `member` (a policy focus or membership).
        #[cfg_attr(
            all(test, not(target_arch = "wasm32")),
            ts(type = "'park-host' | 'hub' | 'member'")
        )]
        pub role: &'static str,
        /// `on-site` or `policy`.
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "'on-site' | 'policy'"))]
        pub evidence: &'static str,
        /// The park or alliance the link comes from.
        pub from: String,
        /// The district or county it comes through.
        pub via: Option<String>,
        /// The park's stage, where the articles give one.
        pub stage: Option<StageRecord>,
        /// The first year the sources attest the cooperation behind it.
        pub year: Option<i32>,
        /// Other places with the same industry on site ("where else"), by id.
        pub elsewhere_on_site: Vec<String>,
        /// Other places linked to it only by policy or membership, by id.
        pub elsewhere_policy: Vec<String>,
    }
}

api_type! {
    /// A feature under the pointer: its id, kind and names.
    pub struct FeatureBrief {
        /// Id of the feature.
        pub id: String,
        /// What it is.
        #[cfg_attr(
            all(test, not(target_arch = "wasm32")),
            ts(type = "'city' | 'park' | 'alliance' | 'feature'")
        )]
        pub kind: &'static str,
        /// English name.
        pub name_en: String,
        /// Chinese name.
        pub name_zh: Option<String>,
    }
}

api_type! {
    /// A click or tap on the map, on a feature or on empty map (the `click` event; the page
    /// adds `originalEvent`).
    pub struct ClickDetail {
        /// Where, in degrees.
        pub lonlat: LonLatDetail,
        /// Where, in CSS px relative to the element.
        pub point: PointDetail,
        /// What is there (what the click selects), or null on empty map.
        pub feature: Option<FeatureBrief>,
    }
}

api_type! {
    /// The viewport, as the `view` event and `view()` give it.
    #[derive(Copy)]
    pub struct ViewDetail {
        /// [lon, lat] of the centre.
        pub center: [f64; 2],
        /// Zoom level.
        pub zoom: f64,
        /// What the element shows, `[[west, south], [east, north]]` (`west > east` across the
        /// antimeridian).
        pub bounds: [[f64; 2]; 2],
    }
}

api_type! {
    /// A city's id and names (the screen-reader list of a large file).
    pub struct CityName {
        /// Id.
        pub id: String,
        /// English name.
        pub name_en: String,
        /// Chinese name.
        pub name_zh: String,
    }
}

api_type! {
    /// Something failed (the `error` event).
    pub struct ErrorDetail {
        /// What failed, and why.
        pub message: String,
    }
}

api_type! {
    /// The page scrolled instead of the map, and why.
    pub struct HintDetail {
        /// `wheel` or `touch`.
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "'wheel' | 'touch'"))]
        pub reason: &'static str,
    }
}

api_type! {
    /// A problem found while loading: a feature skipped, a file that could not be read.
    pub struct ProblemDetail {
        /// The file (or URL) it is in.
        pub file: String,
        /// The feature, where the problem is one feature's.
        pub feature: Option<String>,
        /// What is wrong.
        pub reason: String,
        /// File, feature and reason in one sentence.
        pub message: String,
    }
}

api_type! {
    /// An alliance as the legend lists it.
    pub struct LegendAlliance {
        /// Id.
        pub id: String,
        /// English name.
        pub name_en: String,
        /// Chinese name.
        pub name_zh: Option<String>,
        /// Kind of cooperation.
        #[serde(rename = "type")]
        #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "type"))]
        pub kind_of: String,
        /// Line colour (CSS).
        pub color: String,
        /// Whether its line is dashed (a colour used twice).
        pub dashed: bool,
        /// Number of member cities.
        pub members: usize,
        /// Number of member provinces (a strategy of whole provinces).
        pub member_provinces: usize,
        /// Founding date, where known.
        pub founded: Option<String>,
        /// The first year the sources attest it.
        pub first_year: Option<i32>,
        /// The alliance it belongs to.
        pub parent: Option<String>,
        /// Whether its links are switched on.
        pub selected: bool,
        /// Whether it existed in the timeline's year.
        pub exists: bool,
        /// Whether its links are drawn now.
        pub drawn: bool,
        /// Whether the legend lists it with a switch (it has links of its own to draw).
        pub listed: bool,
    }
}

api_type! {
    /// One class of the choropleth.
    pub struct LegendClass {
        /// Lowest value in the class.
        pub lower: f64,
        /// Highest value in the class.
        pub upper: f64,
        /// The range as the legends write it (`1,000 – 2,500`, or one value).
        pub label: String,
        /// Fill colour (CSS).
        pub color: String,
        /// Number of cities in the class.
        pub count: usize,
    }
}

api_type! {
    /// The choropleth, as the legend shows it.
    pub struct LegendChoropleth {
        /// The indicator's id.
        pub indicator: String,
        /// Its English label.
        pub label_en: Option<String>,
        /// Its Chinese label.
        pub label_zh: Option<String>,
        /// The classes, lowest first.
        pub classes: Vec<LegendClass>,
        /// Ranked cities without a value.
        pub no_data: usize,
        /// Districts and counties, not ranked: they count in their prefecture.
        pub unranked: usize,
        /// Their colour (CSS).
        pub no_data_color: String,
    }
}

api_type! {
    /// What the legend shows.
    pub struct LegendState {
        /// Every alliance.
        pub alliances: Vec<LegendAlliance>,
        /// The choropleth, when an indicator is chosen.
        pub choropleth: Option<LegendChoropleth>,
        /// The timeline's year.
        pub year: Option<i32>,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use ts_rs::{Config, TS};

    /// The declarations, in the order a reader meets them.
    fn declarations() -> String {
        let cfg = Config::new();
        let decls = [
            ZhOrigin::decl(&cfg),
            SourceRecord::decl(&cfg),
            ProjectRecord::decl(&cfg),
            IndicatorRecord::decl(&cfg),
            MemberNoteRecord::decl(&cfg),
            AllianceRecord::decl(&cfg),
            DatedRecord::decl(&cfg),
            AreaRecord::decl(&cfg),
            FactRecord::decl(&cfg),
            ParkRecord::decl(&cfg),
            AllianceSummary::decl(&cfg),
            ParkSummary::decl(&cfg),
            StageRecord::decl(&cfg),
            ClusterRecord::decl(&cfg),
            CityRecord::decl(&cfg),
            FeatureRecord::decl(&cfg),
            HoverDetail::decl(&cfg),
            LonLatDetail::decl(&cfg),
            PointDetail::decl(&cfg),
            FeatureBrief::decl(&cfg),
            ClickDetail::decl(&cfg),
            ViewDetail::decl(&cfg),
            HintDetail::decl(&cfg),
            ErrorDetail::decl(&cfg),
            ProblemDetail::decl(&cfg),
            CityName::decl(&cfg),
            LegendAlliance::decl(&cfg),
            LegendClass::decl(&cfg),
            LegendChoropleth::decl(&cfg),
            LegendState::decl(&cfg),
        ];
        let mut out = String::from(
            "// Generated from src/api.rs by `UPDATE_TYPES=1 cargo test api`; do not edit.\n\
             // The records, event details and legend that region-map hands to a page.\n\n",
        );
        for d in decls {
            out.push_str("export ");
            out.push_str(&d);
            out.push_str("\n\n");
        }
        out.push_str(
            "/** Any record, as `select` and `record()` give it. */\n\
             export type AnyRecord = CityRecord | ParkRecord | AllianceRecord | FeatureRecord;\n",
        );
        out
    }

    #[test]
    fn typescript_declarations_are_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/region-map.types.d.ts");
        let want = declarations();
        if std::env::var_os("UPDATE_TYPES").is_some() {
            std::fs::write(path, &want).expect("write the declarations");
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "www/region-map.types.d.ts differs from the types in src/api.rs; \
             run `UPDATE_TYPES=1 cargo test api` and review the change"
        );
    }
}
