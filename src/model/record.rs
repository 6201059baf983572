//! Records for the JavaScript API and the details panel: a feature with everything that
//! concerns it, and every source spelled out (document, date, quote), as the typed records of
//! [`crate::api`].

use super::{Alliance, City, Dataset, IdRef, Level, Park, Project, SourceRef};
use crate::api::{
    AllianceRecord, AllianceSummary, AnyRecord, AreaRecord, CityRecord, ClusterRecord, DatedRecord,
    FactRecord, FeatureRecord, IndicatorRecord, MemberNoteRecord, ParkRecord, ParkSummary,
    ProjectRecord, SourceRecord, StageRecord, ZhOrigin,
};

impl Dataset {
    /// A source reference with its document spelled out.
    pub fn source_record(&self, r: &SourceRef) -> SourceRecord {
        let doc = self.source(&r.source);
        SourceRecord {
            id: r.source.clone(),
            seed: doc.and_then(|d| d.seed.clone()),
            name: doc.and_then(|d| d.name.clone().or_else(|| d.title.clone())),
            publisher: doc.and_then(|d| d.publisher.clone()),
            publisher_note: doc.and_then(|d| d.publisher_note.clone()),
            date: doc.and_then(|d| d.date.clone()),
            date_note: doc.and_then(|d| d.date_note.clone()),
            quote: r.quote.clone(),
        }
    }

    fn project_record(&self, a: &Alliance, p: &Project, via: Option<&City>) -> ProjectRecord {
        ProjectRecord {
            id: p.id.clone(),
            title_en: p.title_en.clone(),
            title_zh: p.title_zh.clone(),
            title_zh_origin: ZhOrigin::parse(p.title_zh_origin.as_deref()),
            date: p.date.clone(),
            date_note: p.date_note.clone(),
            date_kind: p.date_kind.clone().unwrap_or_else(|| "event".into()),
            place: p.place.clone(),
            cities: p.cities.clone(),
            cities_note: p.cities_note.clone(),
            mention: p.mention,
            via: via.map(|c| c.id.clone()),
            description: p.description.clone(),
            alliance: a.id.clone(),
            source: self.source_record(&p.source),
        }
    }

    /// An alliance's record.
    pub fn alliance_record(&self, a: &Alliance) -> AllianceRecord {
        let src = |s: &Option<SourceRef>| s.as_ref().map(|s| self.source_record(s));
        AllianceRecord {
            id: a.id.clone(),
            kind: "alliance",
            kind_of: a.kind.clone(),
            name_en: a.name_en.clone(),
            name_zh: a.name_zh.clone(),
            name_zh_origin: ZhOrigin::parse(a.name_zh_origin.as_deref()),
            parent: a.parent.clone(),
            founded: a.founded.clone(),
            founded_note: a.founded_note.clone(),
            founded_source: src(&a.founded_source),
            members: a.members.clone(),
            member_provinces: a.member_provinces.clone(),
            member_provinces_zh: (a.member_provinces.iter())
                .map(|n| {
                    (self.provinces.iter())
                        .find(|p| &p.name_en == n)
                        .map_or_else(|| n.clone(), |p| p.name_zh.clone())
                })
                .collect(),
            partners: a.partners.clone(),
            members_source: src(&a.members_source),
            members_note: a.members_note.clone(),
            member_notes: (a.member_notes.iter())
                .map(|(k, n)| {
                    let note = MemberNoteRecord {
                        text: n.text.clone(),
                        source: src(&n.source),
                    };
                    (k.clone(), note)
                })
                .collect(),
            hub: a.hub.clone(),
            industries: ((a.industries.iter()).map(|i| self.industry_names(i).0)).collect(),
            industry_ids: a.industries.clone(),
            industries_zh: ((a.industries.iter()).map(|i| self.industry_names(i).1)).collect(),
            indicators: (a.indicators.iter())
                .map(|i| IndicatorRecord {
                    id: i.id.clone(),
                    label_en: i.label_en.clone(),
                    label_zh: i.label_zh.clone(),
                    label_zh_origin: ZhOrigin::parse(i.label_zh_origin.as_deref()),
                    value: i.value,
                    qualifier: i.qualifier.clone(),
                    unit: i.unit.clone(),
                    period: i.period.clone(),
                    year: i.year,
                    text: crate::format::indicator_text(i),
                    source: self.source_record(&i.source),
                })
                .collect(),
            projects: (a.projects.iter())
                .map(|p| self.project_record(a, p, None))
                .collect(),
        }
    }

    /// A park's record.
    pub fn park_record(&self, p: &Park) -> ParkRecord {
        let host = self.city(&p.host);
        ParkRecord {
            id: p.id.clone(),
            kind: "park",
            kind_of: p.kind.clone(),
            name_en: p.name_en.clone(),
            name_zh: p.name_zh.clone(),
            name_zh_origin: ZhOrigin::parse(p.name_zh_origin.as_deref()),
            host: p.host.clone(),
            host_name_en: host.map(|c| c.name_en.clone()),
            host_name_zh: host.map(|c| c.name_zh.clone()),
            location: [p.location.lon, p.location.lat],
            location_precision: p.location_precision.clone(),
            location_note: p.location_note.clone(),
            alliance: p.alliance.clone(),
            dates: (p.dates.iter())
                .map(|d| DatedRecord {
                    date: d.date.clone(),
                    event: d.event.clone(),
                    source: self.source_record(&d.source),
                })
                .collect(),
            area_km2: p.area_km2.as_ref().map(|a| AreaRecord {
                value: a.value,
                qualifier: a.qualifier.clone(),
                source: self.source_record(&a.source),
            }),
            industries: ((p.industries.iter()).map(|i| self.industry_names(i).0)).collect(),
            industry_ids: p.industries.clone(),
            industries_zh: ((p.industries.iter()).map(|i| self.industry_names(i).1)).collect(),
            stage: p.stage.as_ref().map(|s| self.stage_record(s)),
            partners: p.partners.clone(),
            facts: (p.facts.iter())
                .map(|f| FactRecord {
                    text: f.text.clone(),
                    source: self.source_record(&f.source),
                })
                .collect(),
        }
    }

    /// The Chinese name of a province, by its English name, where the provinces file has it.
    pub fn province_zh(&self, name_en: &str) -> Option<&str> {
        (self.provinces.iter())
            .find(|p| p.name_en == name_en)
            .map(|p| p.name_zh.as_str())
    }

    /// A city's record: its alliances, parks and projects.
    pub fn city_record(&self, c: &City) -> CityRecord {
        let parent = c.parent.as_deref().and_then(|p| self.city(p));
        CityRecord {
            id: c.id.clone(),
            kind: "city",
            name_en: c.name_en.clone(),
            name_zh: c.name_zh.clone(),
            name_zh_full: c.name_zh_full.clone(),
            province: c.province.clone(),
            province_zh: self.province_zh(&c.province).map(str::to_string),
            level: match c.level {
                Level::Prefecture => "prefecture",
                Level::District => "district",
                Level::County => "county",
            },
            parent: c.parent.clone(),
            parent_name_en: parent.map(|p| p.name_en.clone()),
            parent_name_zh: parent.map(|p| p.name_zh.clone()),
            seat: [c.seat.lon, c.seat.lat],
            alliances: (self.alliances_counted(&c.id).into_iter())
                .map(|(a, via)| AllianceSummary {
                    id: a.id.clone(),
                    name_en: a.name_en.clone(),
                    name_zh: a.name_zh.clone(),
                    name_zh_origin: ZhOrigin::parse(a.name_zh_origin.as_deref()),
                    kind_of: a.kind.clone(),
                    founded: a.founded.clone(),
                    hub: a.hub.clone(),
                    via: via.map(|c| c.id.clone()),
                })
                .collect(),
            parks: (self.parks_counted(&c.id).into_iter())
                .map(|(p, via)| ParkSummary {
                    id: p.id.clone(),
                    name_en: p.name_en.clone(),
                    name_zh: p.name_zh.clone(),
                    kind_of: p.kind.clone(),
                    via: via.map(|c| c.id.clone()),
                })
                .collect(),
            projects: (self.projects_counted(&c.id).into_iter())
                .map(|(a, p, via)| self.project_record(a, p, via))
                .collect(),
            properties: c.properties.clone(),
        }
    }

    fn stage_record(&self, s: &super::Stage) -> StageRecord {
        StageRecord {
            value: s.value.clone(),
            date: s.date.clone(),
            date_kind: s.date_kind.clone(),
            note: s.note.clone(),
            source: self.source_record(&s.source),
        }
    }

    /// The industrial clusters a city takes part in, one per industry (its strongest link:
    /// on site, as the hub or as a member of a body that names it), with the other places of
    /// the same industry. Computed by the module loaded later (the core leaves it out of the
    /// city's record).
    pub fn clusters_of(&self, c: &City) -> Vec<ClusterRecord> {
        let Some(ci) = self.cities.iter().position(|x| x.id == c.id) else {
            return Vec::new();
        };
        let links = self.industry_links();
        let mut mine: Vec<&super::IndustryLink> = Vec::new();
        for l in links.iter().filter(|l| l.city == ci) {
            match mine.iter_mut().find(|m| m.industry == l.industry) {
                Some(m) if l.role < m.role => *m = l,
                Some(_) => {}
                None => mine.push(l),
            }
        }
        crate::sort::sort_by(&mut mine, |a, b| {
            (a.role, a.industry).cmp(&(b.role, b.industry))
        });
        (mine.into_iter())
            .map(|l| {
                let ind = &self.industries[l.industry];
                // Other places: prefectures only (a district counts in its city), each once, by
                // its strongest link.
                let mut on_site: Vec<String> = Vec::new();
                let mut policy: Vec<String> = Vec::new();
                for o in links
                    .iter()
                    .filter(|o| o.industry == l.industry && o.city != ci)
                {
                    let city = &self.cities[o.city];
                    if city.level != Level::Prefecture || c.parent.as_deref() == Some(&city.id) {
                        continue;
                    }
                    if o.role.on_site() {
                        policy.retain(|x| *x != city.id);
                        if !on_site.contains(&city.id) {
                            on_site.push(city.id.clone());
                        }
                    } else if !on_site.contains(&city.id) && !policy.contains(&city.id) {
                        policy.push(city.id.clone());
                    }
                }
                ClusterRecord {
                    industry: ind.id.clone(),
                    name_en: ind.name_en.clone(),
                    name_zh: ind.name_zh.clone(),
                    role: l.role.name(),
                    evidence: if l.role.on_site() {
                        "on-site"
                    } else {
                        "policy"
                    },
                    from: l.from.clone(),
                    via: l.via.clone(),
                    stage: l.stage.as_ref().map(|s| self.stage_record(s)),
                    year: l.year,
                    elsewhere_on_site: on_site,
                    elsewhere_policy: policy,
                }
            })
            .collect()
    }

    /// The record of a city, park, alliance or other feature (a point or line of any
    /// GeoJSON, with its properties), as the `select` event carries it.
    pub fn any_record(&self, id: &str) -> Option<AnyRecord> {
        Some(match self.lookup(id)? {
            IdRef::City(i) => AnyRecord::City(self.city_record(self.cities.get(i)?)),
            IdRef::Park(i) => AnyRecord::Park(self.park_record(self.parks.get(i)?)),
            IdRef::Alliance(i) => AnyRecord::Alliance(self.alliance_record(self.alliances.get(i)?)),
            IdRef::Extra(i) => {
                let x = self.extras.get(i)?;
                AnyRecord::Feature(FeatureRecord {
                    id: x.id.clone(),
                    kind: "feature",
                    name_en: x.name_en.clone(),
                    name_zh: x.name_zh.clone(),
                    properties: x.properties.clone(),
                })
            }
        })
    }

    /// [`Dataset::any_record`] as JSON text (`null` for an unknown id).
    pub fn record_json(&self, id: &str) -> String {
        crate::api::to_json(&self.any_record(id))
    }

    /// Records of all cities as JSON text, for `cities()`.
    pub fn cities_json(&self) -> String {
        let all: Vec<CityRecord> = self.cities.iter().map(|c| self.city_record(c)).collect();
        crate::api::to_json(&all)
    }

    /// Records of all parks as JSON text, for `parks()`.
    pub fn parks_json(&self) -> String {
        let all: Vec<ParkRecord> = self.parks.iter().map(|p| self.park_record(p)).collect();
        crate::api::to_json(&all)
    }

    /// Records of all alliances as JSON text, for `alliances()`.
    pub fn alliances_json(&self) -> String {
        let all: Vec<AllianceRecord> = (self.alliances.iter())
            .map(|a| self.alliance_record(a))
            .collect();
        crate::api::to_json(&all)
    }
}
