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

    /// The English name of an industry id (the id itself when it is not in the vocabulary).
    pub fn industry_name(&self, id: &str) -> String {
        self.industry_index(id)
            .map_or_else(|| id.to_string(), |i| self.industries[i].name_en.clone())
    }

    /// The Chinese name of an industry id (the id itself when it is not in the vocabulary).
    pub fn industry_name_zh(&self, id: &str) -> String {
        self.industry_index(id)
            .map_or_else(|| id.to_string(), |i| self.industries[i].name_zh.clone())
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
        let mut best: Vec<Option<IndustryLink>> = vec![None; self.cities.len()];
        for l in self.industry_links() {
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
