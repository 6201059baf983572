//! The industries the articles name, and where each gathers: the "identification map" the
//! articles ask for (seed 004). A place's link to an industry says how it is known:
//!
//! - **on site**: a park or production base in the place works in the industry (the evidence
//!   of something there), with the park's stage where the articles give one;
//! - **hub** or **member**: the place leads or belongs to a body that names the industry (a
//!   policy focus, not evidence of a cluster in each member: G60 "focuses on" integrated
//!   circuits, which does not make each of its nine cities an IC cluster).
//!
//! A prefecture counts with its districts and counties (the rule in data/README.md): a link of
//! Songjiang is also Shanghai's, through Songjiang.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Dataset, SourceRef};
use crate::timeline::{first_year, park_first_year, year_of};

/// An industry of the vocabulary (`industries` in alliances.json).
#[derive(Debug, Clone, PartialEq)]
pub struct Industry {
    /// Id that alliances and parks refer to.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Where the Chinese name comes from (see data/README.md).
    pub name_zh_origin: Option<String>,
    /// The articles' own words for it.
    pub words: Vec<String>,
    /// Where the articles name it.
    pub source: Option<SourceRef>,
}

/// The stages a park can be at, in order, as data/README.md defines them.
pub const STAGES: [&str; 5] = [
    "planned",
    "signed",
    "under-construction",
    "attracting-projects",
    "in-production",
];

/// Where a park stands, as an article gives it at a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    /// One of [`STAGES`].
    pub value: String,
    /// The date it was reported or happened (ISO, possibly partial).
    pub date: Option<String>,
    /// `exact` (the article dates it) or `reported` (the date of the report).
    pub date_kind: Option<String>,
    /// What the article says, in a sentence.
    pub note: Option<String>,
    /// The article's words.
    pub source: SourceRef,
}

// The vocabulary and the stage are read from the parsed JSON by hand: a derived
// `Deserialize` would compile serde's whole value visitor once more for each type, about
// 3 kB of the module that a page loads before its first paint.

fn text(o: &Map<String, Value>, key: &str) -> Option<String> {
    o.get(key)?.as_str().map(str::to_string)
}

fn required(o: &Map<String, Value>, key: &str) -> Result<String, String> {
    text(o, key)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| format!("missing field `{key}`"))
}

fn source_of(o: &Map<String, Value>) -> Result<Option<SourceRef>, String> {
    let Some(v) = o.get("source").filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let s = v.as_object().ok_or("`source` is not an object")?;
    Ok(Some(SourceRef {
        source: required(s, "ref")?,
        quote: text(s, "quote"),
    }))
}

impl Industry {
    /// Reads an entry of the vocabulary.
    pub fn from_json(v: &Value) -> Result<Self, String> {
        let o = v.as_object().ok_or("not an object")?;
        Ok(Industry {
            id: required(o, "id")?,
            name_en: required(o, "name_en")?,
            name_zh: required(o, "name_zh")?,
            name_zh_origin: text(o, "name_zh_origin"),
            words: (o
                .get("words")
                .and_then(Value::as_array)
                .into_iter()
                .flatten())
            .filter_map(|w| w.as_str().map(str::to_string))
            .collect(),
            source: source_of(o)?,
        })
    }
}

impl Stage {
    /// Reads a park's `stage`.
    pub fn from_json(v: &Value) -> Result<Self, String> {
        let o = v.as_object().ok_or("`stage` is not an object")?;
        Ok(Stage {
            value: required(o, "value")?,
            date: text(o, "date"),
            date_kind: text(o, "date_kind"),
            note: text(o, "note"),
            source: source_of(o)?.ok_or("`stage` has no source")?,
        })
    }
}

/// How a place takes part in an industry, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A park or production base in the industry is there (evidence on site).
    ParkHost,
    /// The place is the hub of a body that names the industry (a policy focus).
    Hub,
    /// The place belongs to a body that names the industry (a policy focus).
    Member,
}

impl Role {
    /// Whether the link is evidence on site (else a policy focus or membership).
    pub fn on_site(self) -> bool {
        self == Role::ParkHost
    }

    /// The role's name in the API.
    pub fn name(self) -> &'static str {
        match self {
            Role::ParkHost => "park-host",
            Role::Hub => "hub",
            Role::Member => "member",
        }
    }
}

/// One place's link to one industry.
#[derive(Debug, Clone, PartialEq)]
pub struct IndustryLink {
    /// Index into `Dataset::cities`.
    pub city: usize,
    /// Index into `Dataset::industries`.
    pub industry: usize,
    /// How the place takes part.
    pub role: Role,
    /// The park (for [`Role::ParkHost`]) or alliance the link comes from.
    pub from: String,
    /// The district or county it comes through, for a prefecture.
    pub via: Option<String>,
    /// The park's stage, where the articles give one.
    pub stage: Option<Stage>,
    /// The first year the sources attest the cooperation behind the link (None: undated).
    pub year: Option<i32>,
}

impl IndustryLink {
    /// Whether the link is on the map in `year` (None: every year): from the year its
    /// cooperation began; an undated one only with every year.
    pub fn exists(&self, year: Option<i32>) -> bool {
        match (self.year, year) {
            (_, None) => true,
            (Some(f), Some(y)) => f <= y,
            (None, Some(_)) => false,
        }
    }
}

impl Dataset {
    /// The index of an industry by id.
    pub fn industry_index(&self, id: &str) -> Option<usize> {
        self.industries.iter().position(|i| i.id == id)
    }

    /// The English and Chinese names of an industry id (the id itself when it is not in the
    /// vocabulary).
    pub fn industry_names(&self, id: &str) -> (String, String) {
        match self.industry_index(id).map(|i| &self.industries[i]) {
            Some(i) => (i.name_en.clone(), i.name_zh.clone()),
            None => (id.to_string(), id.to_string()),
        }
    }

    /// Every place's links to the industries: parks and production bases on site, hubs and
    /// members of the bodies that name an industry; a prefecture's include its districts' and
    /// counties', through them.
    pub fn industry_links(&self) -> Vec<IndustryLink> {
        let mut out = Vec::new();
        for (ci, c) in self.cities.iter().enumerate() {
            for (place, via) in self.counted_places(&c.id) {
                let via = via.map(|d| d.id.clone());
                for p in self.parks.iter().filter(|p| p.host == place) {
                    for id in &p.industries {
                        let Some(industry) = self.industry_index(id) else {
                            continue;
                        };
                        out.push(IndustryLink {
                            city: ci,
                            industry,
                            role: Role::ParkHost,
                            from: p.id.clone(),
                            via: via.clone(),
                            stage: p.stage.clone(),
                            year: park_first_year(self, p)
                                .or_else(|| p.stage.as_ref()?.date.as_deref().and_then(year_of)),
                        });
                    }
                }
                for a in &self.alliances {
                    let role = if a.hub.as_deref() == Some(place) {
                        Role::Hub
                    } else if a.members.iter().any(|m| m == place) {
                        Role::Member
                    } else {
                        continue;
                    };
                    for id in &a.industries {
                        let Some(industry) = self.industry_index(id) else {
                            continue;
                        };
                        out.push(IndustryLink {
                            city: ci,
                            industry,
                            role,
                            from: a.id.clone(),
                            via: via.clone(),
                            stage: None,
                            year: first_year(a),
                        });
                    }
                }
            }
        }
        out
    }

    /// For each city, its strongest link to `industry` that exists in `year`.
    pub fn industry_roles(&self, industry: usize, year: Option<i32>) -> Vec<Option<IndustryLink>> {
        self.strongest(&self.industry_links(), industry, year)
    }

    /// [`Dataset::industry_roles`] from links already made (the matrix makes them once for
    /// every industry).
    fn strongest(
        &self,
        links: &[IndustryLink],
        industry: usize,
        year: Option<i32>,
    ) -> Vec<Option<IndustryLink>> {
        let mut best: Vec<Option<IndustryLink>> = vec![None; self.cities.len()];
        for l in links.iter().cloned() {
            if l.industry != industry || !l.exists(year) {
                continue;
            }
            let slot = &mut best[l.city];
            let better = match slot {
                None => true,
                Some(b) => (l.role, stage_rank(&l)) < (b.role, stage_rank(b)),
            };
            if better {
                *slot = Some(l);
            }
        }
        best
    }
}

/// Orders links of one role: a known stage, the furthest along first; an unknown one last.
fn stage_rank(l: &IndustryLink) -> usize {
    l.stage
        .as_ref()
        .and_then(|s| STAGES.iter().position(|x| *x == s.value))
        .map_or(STAGES.len(), |k| STAGES.len() - 1 - k)
}

/// Whether a stage means the place does not produce yet (planned, signed, under
/// construction).
pub fn not_yet(stage: Option<&Stage>) -> bool {
    stage.is_some_and(|s| {
        matches!(
            s.value.as_str(),
            "planned" | "signed" | "under-construction"
        )
    })
}

/// The "identification map" as a table: the places linked to any industry (prefectures: a
/// district counts in its city), the industries any place is linked to, and in each cell the
/// place's strongest link to the industry.
#[derive(Debug, Clone, PartialEq)]
pub struct IndustryMatrix {
    /// Indexes into `Dataset::cities`: places with a link on site first, then by name.
    pub rows: Vec<usize>,
    /// Indexes into `Dataset::industries`, in the vocabulary's order.
    pub cols: Vec<usize>,
    /// `cells[r][c]`: the strongest link of row `r` to column `c`.
    pub cells: Vec<Vec<Option<IndustryLink>>>,
}

impl Dataset {
    /// The places-by-industries table at `year` (None: every year).
    pub fn industry_matrix(&self, year: Option<i32>) -> IndustryMatrix {
        let links = self.industry_links();
        let all: Vec<Vec<Option<IndustryLink>>> = (0..self.industries.len())
            .map(|k| self.strongest(&links, k, year))
            .collect();
        let prefecture = |i: usize| self.cities[i].level == super::Level::Prefecture;
        let cols: Vec<usize> = (0..all.len())
            .filter(|&k| {
                all[k]
                    .iter()
                    .enumerate()
                    .any(|(i, l)| l.is_some() && prefecture(i))
            })
            .collect();
        let mut rows: Vec<usize> = (0..self.cities.len())
            .filter(|&i| prefecture(i) && cols.iter().any(|&k| all[k][i].is_some()))
            .collect();
        let on_site = |i: usize| {
            (cols.iter())
                .filter(|&&k| all[k][i].as_ref().is_some_and(|l| l.role.on_site()))
                .count()
        };
        crate::sort::sort_by(&mut rows, |&a, &b| {
            on_site(b)
                .cmp(&on_site(a))
                .then_with(|| self.cities[a].name_en.cmp(&self.cities[b].name_en))
        });
        let cells = (rows.iter())
            .map(|&i| cols.iter().map(|&k| all[k][i].clone()).collect())
            .collect();
        IndustryMatrix { rows, cols, cells }
    }

    /// The source behind a link: the park's stage, else its first fact or date; the body's
    /// `industries_source`; else where the articles name the industry (the vocabulary's).
    pub fn link_source(&self, l: &IndustryLink) -> Option<&SourceRef> {
        let own = match l.role {
            Role::ParkHost => self.park(&l.from).and_then(|p| {
                (p.stage.as_ref().map(|s| &s.source))
                    .or_else(|| p.facts.first().map(|f| &f.source))
                    .or_else(|| p.dates.first().map(|d| &d.source))
            }),
            _ => (self.alliances.iter().find(|a| a.id == l.from))
                .and_then(|a| a.industries_source.as_ref()),
        };
        own.or_else(|| self.industries.get(l.industry)?.source.as_ref())
    }

    /// Every place's links to the industries at `year` as CSV (RFC 4180), one row per link,
    /// each with its source: city, industry, role, evidence, stage and its date, the park or
    /// body it comes from, the district it comes through, the year, the source (id, title,
    /// date) and the article's words.
    pub fn industry_csv(&self, year: Option<i32>) -> String {
        fn cell(s: &str) -> String {
            if s.contains([',', '"', '\n']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        }
        let mut out = String::from(
            "city_id,city_en,city_zh,industry_id,industry_en,industry_zh,role,evidence,stage,stage_date,from,via,year,source,source_title,source_date,quote\r\n",
        );
        for l in self.industry_links().iter().filter(|l| l.exists(year)) {
            let (c, ind) = (&self.cities[l.city], &self.industries[l.industry]);
            let src = self.link_source(l);
            let doc = src.and_then(|s| self.source(&s.source));
            let row = [
                c.id.as_str(),
                &c.name_en,
                &c.name_zh,
                &ind.id,
                &ind.name_en,
                &ind.name_zh,
                l.role.name(),
                if l.role.on_site() {
                    "on-site"
                } else {
                    "policy"
                },
                l.stage.as_ref().map_or("", |s| s.value.as_str()),
                l.stage
                    .as_ref()
                    .and_then(|s| s.date.as_deref())
                    .unwrap_or(""),
                &l.from,
                l.via.as_deref().unwrap_or(""),
                &l.year.map(|y| y.to_string()).unwrap_or_default(),
                src.map_or("", |s| s.source.as_str()),
                doc.and_then(|d| d.title.as_deref()).unwrap_or(""),
                doc.and_then(|d| d.date.as_deref()).unwrap_or(""),
                src.and_then(|s| s.quote.as_deref()).unwrap_or(""),
            ];
            let cells: Vec<String> = row.iter().map(|s| cell(s)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}
