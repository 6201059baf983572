//! The data model: cities, parks, alliances, their projects and indicators, and the sources
//! every fact carries. Loading parses at the boundary into these structs and reports every
//! problem it finds (file, feature, reason) instead of stopping at the first: a bad feature is
//! skipped with a [`Problem`], and the valid data beside it still loads.

mod build;
pub mod geojson;
mod industry;
mod load;
mod record;
pub mod shape;

pub use build::{DatasetBuilder, IdRef, Place};
pub use industry::{not_yet, Industry, IndustryLink, IndustryMatrix, Role, Stage, STAGES};
pub use load::{
    collection_outer, no_usable_feature, parse_alliances, parse_cities, parse_map, parse_parks,
    parse_provinces, AlliancesFile, Loaded, MapLayer,
};

use serde::{Deserialize, Serialize};

/// A hasher for the ids of a data set: a multiply-and-rotate over 8 bytes at a time, then a
/// finaliser. It replaces the standard library's SipHash in every table of the module, whose
/// code then goes (0.6 kB of the module gzipped); reading 20,000 points, which hashes each
/// id twice, takes the same time within this machine's noise. Not keyed: a file crafted so
/// that its ids collide slows its own load, as a file crafted to be huge does; ids are not
/// secrets.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        // The multiplies carry a byte's difference only upwards: mixed down again (MurmurHash3's
        // finaliser) for the table's index, which is the low bits.
        let mut h = self.0 ^ (self.0 >> 33);
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A set or map keyed by ids, with [`IdHasher`].
pub(crate) type IdBuild = std::hash::BuildHasherDefault<IdHasher>;

/// A longitude/latitude pair in degrees (WGS 84 as the source data gives it). Axis order is
/// always lon, lat, as in GeoJSON.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct LonLat {
    /// Degrees east.
    pub lon: f64,
    /// Degrees north.
    pub lat: f64,
}

impl LonLat {
    /// Makes a point.
    pub fn new(lon: f64, lat: f64) -> Self {
        LonLat { lon, lat }
    }
}

/// Something wrong in the input: which file, which feature, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// The file or source the data came from (a URL, a file name, or `<object>`).
    pub file: String,
    /// The feature's id, or its index when it has no usable id.
    pub feature: Option<String>,
    /// What is wrong, in words a person can act on.
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.feature {
            Some(feat) => write!(f, "{}: feature {}: {}", self.file, feat, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

impl std::error::Error for Problem {}

/// Administrative level of a city feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Prefecture-level city (or Shanghai as a whole).
    Prefecture,
    /// Urban district.
    District,
    /// County or county-level city.
    County,
}

impl Level {
    /// The level as the data writes it.
    pub fn name(self) -> &'static str {
        match self {
            Level::Prefecture => "prefecture",
            Level::District => "district",
            Level::County => "county",
        }
    }

    /// A level as the data writes it (anything else is a prefecture).
    pub fn parse(s: &str) -> Self {
        match s {
            "district" => Level::District,
            "county" => Level::County,
            _ => Level::Prefecture,
        }
    }
}

/// A city, district or county with its boundary.
#[derive(Debug, Clone)]
pub struct City {
    /// Lowercase ASCII pinyin slug, unique across cities and parks.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name, as the map labels it (the short name of a prefecture: 杭州).
    pub name_zh: String,
    /// The full official Chinese name (杭州市), where the data gives it.
    pub name_zh_full: Option<String>,
    /// Province, in English.
    pub province: String,
    /// Administrative level.
    pub level: Level,
    /// The prefecture a district or county belongs to.
    pub parent: Option<String>,
    /// Label point, inside the boundary.
    pub seat: LonLat,
    /// Boundary.
    pub shape: geo::MultiPolygon<f64>,
    /// Numeric properties of the source feature (for the choropleth), by name.
    pub numbers: std::collections::BTreeMap<String, f64>,
    /// Its own fill colour (the feature's `fill` property, `#rrggbb`), if it gives one.
    pub fill: Option<crate::scene::Rgba>,
    /// The feature's other properties, as given (those the map reads itself left out).
    pub properties: serde_json::Map<String, serde_json::Value>,
}

/// A point or line feature of any GeoJSON, drawn as it is.
#[derive(Debug, Clone)]
pub struct Extra {
    /// Id (from the data, a name, or the index).
    pub id: String,
    /// English (or only) name.
    pub name_en: String,
    /// Chinese name, or the same name.
    pub name_zh: String,
    /// Points.
    pub points: Vec<LonLat>,
    /// Lines.
    pub lines: Vec<Vec<LonLat>>,
    /// The feature's properties, as given.
    pub properties: serde_json::Map<String, serde_json::Value>,
}

/// Where a source says something: a registered source and, usually, the exact words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRef {
    /// Id of an entry of [`SourceDoc`].
    #[serde(rename = "ref")]
    pub source: String,
    /// The words of the source that support the fact, verbatim.
    #[serde(default)]
    pub quote: Option<String>,
}

/// A source document: one of the seed articles, or another named public source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceDoc {
    /// Id that facts refer to.
    pub id: String,
    /// File name in `shared/seeds/`, for the seed articles.
    #[serde(default)]
    pub seed: Option<String>,
    /// Name of a source that is not a seed article.
    #[serde(default)]
    pub name: Option<String>,
    /// Title of the article.
    #[serde(default)]
    pub title: Option<String>,
    /// Publisher.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Why no publisher is named (the seed gives none; a public record with no single one).
    #[serde(default)]
    pub publisher_note: Option<String>,
    /// Author.
    #[serde(default)]
    pub author: Option<String>,
    /// Publication date (ISO, possibly partial), or none when the source is undated.
    #[serde(default)]
    pub date: Option<String>,
    /// Why the date is what it is, or why it is missing.
    #[serde(default)]
    pub date_note: Option<String>,
    /// Anything else a reader should know.
    #[serde(default)]
    pub note: Option<String>,
}

/// One figure, as the source states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Id, unique within its alliance.
    pub id: String,
    /// Label in English.
    pub label_en: String,
    /// Label in Chinese, where the source gives one.
    #[serde(default)]
    pub label_zh: Option<String>,
    /// Where the Chinese label comes from: `article` (the article's words), `article-words`
    /// (made of the Chinese article's words), `official` (the established official name, from
    /// public record, not from the articles) or `descriptive` (a descriptive title written for
    /// this map). See data/README.md.
    #[serde(default)]
    pub label_zh_origin: Option<String>,
    /// The number.
    pub value: f64,
    /// The source's hedge, kept: `over`, `nearly`, `planned`. None when the figure is exact.
    #[serde(default)]
    pub qualifier: Option<String>,
    /// Unit: `yuan`, `projects`, `percent`, …
    pub unit: String,
    /// The period the figure covers, in words.
    #[serde(default)]
    pub period: Option<String>,
    /// The year the figure belongs to, for the timeline and charts.
    #[serde(default)]
    pub year: Option<i32>,
    /// Where it comes from.
    pub source: SourceRef,
}

/// A project, meeting, signing or other event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Id, unique in the data set.
    pub id: String,
    /// Title in English.
    pub title_en: String,
    /// Title in Chinese, where the source gives one.
    #[serde(default)]
    pub title_zh: Option<String>,
    /// Where the Chinese title comes from: `article` (the article's words), `article-words`
    /// (made of the Chinese article's words), `official` (the established official name, from
    /// public record, not from the articles) or `descriptive` (a descriptive title written for
    /// this map). See data/README.md.
    #[serde(default)]
    pub title_zh_origin: Option<String>,
    /// ISO date, possibly partial (`1989`, `2019-03`, `2019-07-23`); none when unknown.
    #[serde(default)]
    pub date: Option<String>,
    /// Why the date is what it is.
    #[serde(default)]
    pub date_note: Option<String>,
    /// What the date is: `event` (when it happened; the default), `reported` (when the source
    /// reported it, not when it happened) or `span-end` (the end of a span the source gives).
    #[serde(default)]
    pub date_kind: Option<String>,
    /// City where it took place.
    #[serde(default)]
    pub place: Option<String>,
    /// The cities it concerns.
    #[serde(default)]
    pub cities: Vec<String>,
    /// Where the list of cities comes from, when not from the source (public record, say).
    #[serde(default)]
    pub cities_note: Option<String>,
    /// The source names the cities only as examples (of where something can be seen): they
    /// are listed, but the event is not counted as one of their projects.
    #[serde(default)]
    pub mention: bool,
    /// What happened.
    pub description: String,
    /// Where it comes from.
    pub source: SourceRef,
}

/// A note about one member of an alliance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberNote {
    /// The note.
    pub text: String,
    /// Its source, if it is a fact of its own.
    #[serde(default)]
    pub source: Option<SourceRef>,
}

/// An alliance, corridor, pairing or other cooperation between places.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alliance {
    /// Id, unique in the data set.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name, where the source gives one.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Where the Chinese name comes from: `article` (the article's words), `article-words`
    /// (made of the Chinese article's words), `official` (the established official name, from
    /// public record, not from the articles) or `descriptive` (a descriptive title written for
    /// this map). See data/README.md.
    #[serde(default)]
    pub name_zh_origin: Option<String>,
    /// What kind of cooperation it is.
    pub kind: String,
    /// The alliance this one belongs to.
    #[serde(default)]
    pub parent: Option<String>,
    /// Founding date (ISO, possibly partial), none when unknown.
    #[serde(default)]
    pub founded: Option<String>,
    /// Why the founding date is what it is, or why it is unknown.
    #[serde(default)]
    pub founded_note: Option<String>,
    /// Source of the founding date.
    #[serde(default)]
    pub founded_source: Option<SourceRef>,
    /// Member city ids.
    #[serde(default)]
    pub members: Vec<String>,
    /// Members that are whole provinces: drawn as the provinces' outlines, not as links.
    #[serde(default)]
    pub member_provinces: Vec<String>,
    /// Partners that are organisations, not places (a company, an agency): named in the
    /// panel, never drawn as a city link.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Source of the member list.
    #[serde(default)]
    pub members_source: Option<SourceRef>,
    /// Why the member list is what it is.
    #[serde(default)]
    pub members_note: Option<String>,
    /// Notes on single members, by city id.
    #[serde(default)]
    pub member_notes: std::collections::BTreeMap<String, MemberNote>,
    /// The seat or hub city, where there is one.
    #[serde(default)]
    pub hub: Option<String>,
    /// Source for the hub.
    #[serde(default)]
    pub hub_source: Option<SourceRef>,
    /// Industries it works in.
    #[serde(default)]
    pub industries: Vec<String>,
    /// Source for the industries.
    #[serde(default)]
    pub industries_source: Option<SourceRef>,
    /// Figures.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Projects and events.
    #[serde(default)]
    pub projects: Vec<Project>,
}

/// A sourced statement about a park.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// The statement.
    pub text: String,
    /// Where it comes from.
    pub source: SourceRef,
}

/// A dated event in a park's life.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatedEvent {
    /// ISO date, possibly partial.
    pub date: String,
    /// What happened.
    pub event: String,
    /// Where it comes from.
    pub source: SourceRef,
}

/// An area as the source gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaKm2 {
    /// Square kilometres.
    pub value: f64,
    /// The source's hedge (`planned`, `over`, …).
    #[serde(default)]
    pub qualifier: Option<String>,
    /// Where it comes from.
    pub source: SourceRef,
}

/// An industrial park, cooperation park or production base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Park {
    /// Id, unique across cities and parks.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name, where the source gives one.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Where the Chinese name comes from: `article` (the article's words), `article-words`
    /// (made of the Chinese article's words), `official` (the established official name, from
    /// public record, not from the articles) or `descriptive` (a descriptive title written for
    /// this map). See data/README.md.
    #[serde(default)]
    pub name_zh_origin: Option<String>,
    /// Host city id.
    pub host: String,
    /// What kind of park it is.
    pub kind: String,
    /// Where it is drawn.
    #[serde(skip_deserializing, default = "origin")]
    pub location: LonLat,
    /// `district` or `city` when the source places it no more precisely than that (the point
    /// is then that place's seat); `approximate` when the point comes from elsewhere.
    #[serde(default)]
    pub location_precision: Option<String>,
    /// Where the location comes from, when it is not a seat.
    #[serde(default)]
    pub location_note: Option<String>,
    /// The cooperation it belongs to.
    #[serde(default)]
    pub alliance: Option<String>,
    /// Dated events.
    #[serde(default)]
    pub dates: Vec<DatedEvent>,
    /// Area, where the source states it.
    #[serde(default)]
    pub area_km2: Option<AreaKm2>,
    /// Focus industries, as ids of the vocabulary.
    #[serde(default)]
    pub industries: Vec<String>,
    /// Where the park stands, where the articles say (read by hand: see `industry.rs`).
    #[serde(skip)]
    pub stage: Option<Stage>,
    /// Partners.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Other sourced statements.
    #[serde(default)]
    pub facts: Vec<Fact>,
}

fn origin() -> LonLat {
    LonLat::new(0.0, 0.0)
}

/// A province outline (lines only: the outline is drawn, never filled).
#[derive(Debug, Clone)]
pub struct ProvinceOutline {
    /// Lowercase English name.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Outline pieces.
    pub lines: geo::MultiLineString<f64>,
}

/// Everything the map shows, cross-checked.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Cities, districts and counties.
    pub cities: Vec<City>,
    /// Parks.
    pub parks: Vec<Park>,
    /// Alliances and other cooperations.
    pub alliances: Vec<Alliance>,
    /// Source documents.
    pub sources: Vec<SourceDoc>,
    /// Province outlines.
    pub provinces: Vec<ProvinceOutline>,
    /// Points and lines of the main GeoJSON.
    pub extras: Vec<Extra>,
    /// Credit for the boundaries, from the GeoJSON's `attribution` member.
    pub attribution: Option<String>,
    /// The industries the articles name (the vocabulary in alliances.json).
    pub industries: Vec<Industry>,
    /// Ids to what they name (see [`Dataset::lookup`]); made by [`DatasetBuilder::build`].
    index: std::collections::HashMap<String, IdRef, IdBuild>,
}

impl Dataset {
    /// Finds a city by id.
    pub fn city(&self, id: &str) -> Option<&City> {
        match self.lookup(id)? {
            IdRef::City(i) => self.cities.get(i),
            _ => None,
        }
    }

    /// Finds a park by id.
    pub fn park(&self, id: &str) -> Option<&Park> {
        match self.lookup(id)? {
            IdRef::Park(i) => self.parks.get(i),
            _ => None,
        }
    }

    /// Finds a source document by id.
    pub fn source(&self, id: &str) -> Option<&SourceDoc> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The alliances a city takes part in, directly or through one of its districts.
    pub fn alliances_of(&self, city: &str) -> Vec<&Alliance> {
        self.alliances
            .iter()
            .filter(|a| a.members.iter().any(|m| m == city) || a.hub.as_deref() == Some(city))
            .collect()
    }

    /// Projects that concern a city, oldest first; undated ones last.
    pub fn projects_of(&self, city: &str) -> Vec<(&Alliance, &Project)> {
        (self.projects_in(&[(city, None)]).into_iter())
            .map(|(a, p, _)| (a, p))
            .collect()
    }

    /// Projects that concern any of `places`, each once with the place's `via`, oldest
    /// first; undated ones last.
    fn projects_in<'a>(
        &'a self,
        places: &[(&str, Option<&'a City>)],
    ) -> Vec<(&'a Alliance, &'a Project, Option<&'a City>)> {
        let mut out = Vec::new();
        for a in &self.alliances {
            for p in &a.projects {
                let concerns =
                    |c: &str| p.cities.iter().any(|x| x == c) || p.place.as_deref() == Some(c);
                if let Some((_, via)) = places.iter().find(|(c, _)| concerns(c)) {
                    out.push((a, p, *via));
                }
            }
        }
        crate::sort::sort_by(&mut out, |a, b| match (&a.1.date, &b.1.date) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.1.id.cmp(&b.1.id),
        });
        out
    }

    /// Parks hosted by a city.
    pub fn parks_of(&self, city: &str) -> Vec<&Park> {
        self.parks.iter().filter(|p| p.host == city).collect()
    }

    /// The places whose figures count for `city`: itself and, for a prefecture, its
    /// districts and counties (the rule in data/README.md), each with the district or county
    /// it comes through (None for the city itself).
    pub(crate) fn counted_places(&self, city: &str) -> Vec<(&str, Option<&City>)> {
        let Some(c) = self.city(city) else {
            return Vec::new();
        };
        let mut out = vec![(c.id.as_str(), None)];
        if c.level == Level::Prefecture {
            out.extend(
                (self.cities.iter())
                    .filter(|d| d.parent.as_deref() == Some(city))
                    .map(|d| (d.id.as_str(), Some(d))),
            );
        }
        out
    }

    /// The alliances that count for a city: its own, and for a prefecture those of its
    /// districts and counties, each once, with the district or county it comes through.
    pub fn alliances_counted(&self, city: &str) -> Vec<(&Alliance, Option<&City>)> {
        let mut out: Vec<(&Alliance, Option<&City>)> = Vec::new();
        for (place, via) in self.counted_places(city) {
            for a in self.alliances_of(place) {
                if !out.iter().any(|(b, _)| b.id == a.id) {
                    out.push((a, via));
                }
            }
        }
        out
    }

    /// The projects that concern a city, its districts' and counties' included, oldest
    /// first, each once, with the district or county it comes through.
    pub fn projects_counted(&self, city: &str) -> Vec<(&Alliance, &Project, Option<&City>)> {
        self.projects_in(&self.counted_places(city))
    }

    /// The parks in a city, its districts' and counties' included.
    pub fn parks_counted(&self, city: &str) -> Vec<(&Park, Option<&City>)> {
        (self.counted_places(city).into_iter())
            .flat_map(|(place, via)| self.parks_of(place).into_iter().map(move |p| (p, via)))
            .collect()
    }

    /// Every source reference in the data set, with a label saying where it sits.
    pub fn source_refs(&self) -> Vec<(String, &SourceRef)> {
        let mut out = Vec::new();
        for a in &self.alliances {
            let opt = [
                ("founded_source", &a.founded_source),
                ("members_source", &a.members_source),
                ("hub_source", &a.hub_source),
                ("industries_source", &a.industries_source),
            ];
            for (k, s) in opt {
                if let Some(s) = s {
                    out.push((format!("alliance {} {k}", a.id), s));
                }
            }
            for (m, n) in &a.member_notes {
                if let Some(s) = &n.source {
                    out.push((format!("alliance {} member note {m}", a.id), s));
                }
            }
            for i in &a.indicators {
                out.push((format!("alliance {} indicator {}", a.id, i.id), &i.source));
            }
            for p in &a.projects {
                out.push((format!("alliance {} project {}", a.id, p.id), &p.source));
            }
        }
        for p in &self.parks {
            for d in &p.dates {
                out.push((format!("park {} date {}", p.id, d.date), &d.source));
            }
            if let Some(a) = &p.area_km2 {
                out.push((format!("park {} area", p.id), &a.source));
            }
            for f in &p.facts {
                out.push((format!("park {} fact", p.id), &f.source));
            }
            if let Some(s) = &p.stage {
                out.push((format!("park {} stage", p.id), &s.source));
            }
        }
        for i in &self.industries {
            if let Some(s) = &i.source {
                out.push((format!("industry {}", i.id), s));
            }
        }
        out
    }

    /// Cross-checks references between files: alliance members, hubs, park hosts, project
    /// cities and source ids. Each dangling reference is reported and removed, so that what
    /// remains is consistent.
    pub fn link(&mut self, file: &str) -> Vec<Problem> {
        let mut problems = Vec::new();
        let city_ids: std::collections::HashSet<String, IdBuild> =
            self.cities.iter().map(|c| c.id.clone()).collect();
        let source_ids: std::collections::HashSet<String, IdBuild> =
            self.sources.iter().map(|s| s.id.clone()).collect();
        let has_cities = !city_ids.is_empty();
        for a in &mut self.alliances {
            if has_cities {
                a.members.retain(|m| {
                    let ok = city_ids.contains(m);
                    if !ok {
                        problems.push(Problem {
                            file: file.into(),
                            feature: Some(a.id.clone()),
                            reason: format!("member '{m}' is not a known city; left out"),
                        });
                    }
                    ok
                });
                if let Some(h) = &a.hub {
                    if !city_ids.contains(h) {
                        problems.push(Problem {
                            file: file.into(),
                            feature: Some(a.id.clone()),
                            reason: format!("hub '{h}' is not a known city; left out"),
                        });
                        a.hub = None;
                    }
                }
                for p in &mut a.projects {
                    p.cities.retain(|c| city_ids.contains(c));
                }
            }
        }
        let refs: Vec<(String, String)> = self
            .source_refs()
            .into_iter()
            .filter(|(_, s)| !source_ids.contains(&s.source))
            .map(|(w, s)| (w, s.source.clone()))
            .collect();
        for (w, s) in refs {
            problems.push(Problem {
                file: file.into(),
                feature: Some(w),
                reason: format!("source '{s}' is not in the sources list"),
            });
        }
        // Industries are ids of the vocabulary (when the file has one): an unknown id is
        // named and left out.
        if !self.industries.is_empty() {
            let industries = &self.industries;
            let mut check = |what: &str, id: &str, list: &mut Vec<String>| {
                list.retain(|x| {
                    let ok = industries.iter().any(|i| i.id == *x);
                    if !ok {
                        problems.push(Problem {
                            file: file.into(),
                            feature: Some(format!("{what} {id}")),
                            reason: format!(
                                "industry '{x}' is not in the industries list; left out"
                            ),
                        });
                    }
                    ok
                });
            };
            for a in &mut self.alliances {
                check("alliance", &a.id.clone(), &mut a.industries);
            }
            for p in &mut self.parks {
                check("park", &p.id.clone(), &mut p.industries);
            }
        }
        for p in &mut self.parks {
            if let Some(s) = p.stage.take_if(|s| !STAGES.contains(&s.value.as_str())) {
                problems.push(Problem {
                    file: "parks".into(),
                    feature: Some(p.id.clone()),
                    reason: format!(
                        "stage '{}' is not one of {}; left out",
                        s.value,
                        STAGES.join(", ")
                    ),
                });
            }
        }
        if has_cities {
            self.parks.retain(|p| {
                let ok = city_ids.contains(&p.host);
                if !ok {
                    problems.push(Problem {
                        file: "parks".into(),
                        feature: Some(p.id.clone()),
                        reason: format!("host '{}' is not a known city; park left out", p.host),
                    });
                }
                ok
            });
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_spread_over_a_hash_tables_low_bits() {
        // A table indexes by the hash's low bits: ids that differ in a digit or two (as a
        // file's generated ids do) must not pile up there. (Without the finaliser, 20,000 ids
        // of eight digits fell into 32 of 4,096 slots.)
        use std::hash::BuildHasher;
        let b = IdBuild::default();
        for ids in [
            (0..20_000).map(|i| format!("pt-{i}")).collect::<Vec<_>>(),
            (0..20_000).map(|i| format!("{i:08}")).collect(),
            (0..20_000).map(|i| format!("feature-{i}")).collect(),
        ] {
            let slots: std::collections::BTreeSet<u64> =
                ids.iter().map(|id| b.hash_one(id) & 0xfff).collect();
            assert!(
                slots.len() > 3_500,
                "{} slots of 4,096 for {}…",
                slots.len(),
                ids[0]
            );
        }
    }

    fn square(id: &str) -> City {
        City {
            fill: None,
            properties: Default::default(),
            id: id.into(),
            name_en: id.into(),
            name_zh: id.into(),
            name_zh_full: None,
            province: String::new(),
            level: Level::Prefecture,
            parent: None,
            seat: LonLat::new(0.5, 0.5),
            shape: geo::MultiPolygon::new(vec![]),
            numbers: Default::default(),
        }
    }

    #[test]
    fn members_that_do_not_exist_are_named_and_left_out() {
        let text = r#"{"sources":[{"id":"s","name":"x","date":"2020"}],"alliances":[
            {"id":"a","name_en":"A","kind":"k","members":["real","ghost"],"hub":"nowhere",
             "projects":[{"id":"p","title_en":"P","description":"d","cities":["ghost"],"source":{"ref":"missing"}}]}]}"#;
        let f = parse_alliances("alliances.json", text).unwrap();
        let (l, sources) = (f.alliances, f.sources);
        let mut ds = Dataset {
            cities: vec![square("real")],
            alliances: l.items,
            sources,
            ..Dataset::default()
        };
        let problems: Vec<String> = ds
            .link("alliances.json")
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert!(
            problems.contains(
                &"alliances.json: feature a: member 'ghost' is not a known city; left out"
                    .to_string()
            ),
            "{problems:?}"
        );
        assert!(problems.iter().any(|p| p.contains("hub 'nowhere'")));
        assert!(problems.iter().any(|p| p.contains("source 'missing'")));
        assert_eq!(ds.alliances[0].members, vec!["real".to_string()]);
        assert!(ds.alliances[0].projects[0].cities.is_empty());
    }
}
