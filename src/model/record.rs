//! Plain records for the JavaScript API and the details panel: a feature with everything that
//! concerns it, and every source spelled out (document, date, quote).

use serde_json::{json, Value};

use super::{Alliance, City, Dataset, Level, Park, Project, SourceRef};

impl Dataset {
    /// A source reference with its document spelled out.
    pub fn source_json(&self, r: &SourceRef) -> Value {
        let doc = self.source(&r.source);
        json!({
            "id": r.source,
            "seed": doc.and_then(|d| d.seed.clone()),
            "name": doc.and_then(|d| d.name.clone().or_else(|| d.title.clone())),
            "publisher": doc.and_then(|d| d.publisher.clone()),
            "publisher_note": doc.and_then(|d| d.publisher_note.clone()),
            "date": doc.and_then(|d| d.date.clone()),
            "date_note": doc.and_then(|d| d.date_note.clone()),
            "quote": r.quote,
        })
    }

    fn project_json(&self, a: &Alliance, p: &Project) -> Value {
        json!({
            "id": p.id,
            "title_en": p.title_en,
            "title_zh": p.title_zh,
            "title_zh_origin": p.title_zh_origin,
            "date": p.date,
            "date_note": p.date_note,
            "place": p.place,
            "cities": p.cities,
            "description": p.description,
            "alliance": a.id,
            "source": self.source_json(&p.source),
        })
    }

    /// An alliance as a plain record.
    pub fn alliance_json(&self, a: &Alliance) -> Value {
        let src = |s: &Option<SourceRef>| s.as_ref().map(|s| self.source_json(s));
        json!({
            "id": a.id,
            "kind": "alliance",
            "type": a.kind,
            "name_en": a.name_en,
            "name_zh": a.name_zh,
            "name_zh_origin": a.name_zh_origin,
            "parent": a.parent,
            "founded": a.founded,
            "founded_note": a.founded_note,
            "founded_source": src(&a.founded_source),
            "members": a.members,
            "member_provinces": a.member_provinces,
            "members_source": src(&a.members_source),
            "members_note": a.members_note,
            "member_notes": a.member_notes.iter().map(|(k, n)| (k.clone(), json!({
                "text": n.text, "source": src(&n.source)
            }))).collect::<serde_json::Map<_, _>>(),
            "hub": a.hub,
            "industries": a.industries,
            "indicators": a.indicators.iter().map(|i| json!({
                "id": i.id, "label_en": i.label_en, "label_zh": i.label_zh,
                "label_zh_origin": i.label_zh_origin, "value": i.value,
                "qualifier": i.qualifier, "unit": i.unit, "period": i.period, "year": i.year,
                "text": crate::format::indicator_text(i),
                "source": self.source_json(&i.source),
            })).collect::<Vec<_>>(),
            "projects": a.projects.iter().map(|p| self.project_json(a, p)).collect::<Vec<_>>(),
        })
    }

    fn park_json(&self, p: &Park) -> Value {
        json!({
            "id": p.id,
            "kind": "park",
            "type": p.kind,
            "name_en": p.name_en,
            "name_zh": p.name_zh,
            "name_zh_origin": p.name_zh_origin,
            "host": p.host,
            "host_name_en": self.city(&p.host).map(|c| c.name_en.clone()),
            "host_name_zh": self.city(&p.host).map(|c| c.name_zh.clone()),
            "location": [p.location.lon, p.location.lat],
            "location_precision": p.location_precision,
            "location_note": p.location_note,
            "alliance": p.alliance,
            "dates": p.dates.iter().map(|d| json!({
                "date": d.date, "event": d.event, "source": self.source_json(&d.source)
            })).collect::<Vec<_>>(),
            "area_km2": p.area_km2.as_ref().map(|a| json!({
                "value": a.value, "qualifier": a.qualifier, "source": self.source_json(&a.source)
            })),
            "industries": p.industries,
            "partners": p.partners,
            "facts": p.facts.iter().map(|f| json!({
                "text": f.text, "source": self.source_json(&f.source)
            })).collect::<Vec<_>>(),
        })
    }

    fn city_json(&self, c: &City) -> Value {
        let level = match c.level {
            Level::Prefecture => "prefecture",
            Level::District => "district",
            Level::County => "county",
        };
        let alliances: Vec<Value> = self
            .alliances_of(&c.id)
            .into_iter()
            .map(|a| {
                json!({"id": a.id, "name_en": a.name_en, "name_zh": a.name_zh, "type": a.kind,
                            "founded": a.founded, "hub": a.hub})
            })
            .collect();
        json!({
            "id": c.id,
            "kind": "city",
            "name_en": c.name_en,
            "name_zh": c.name_zh,
            "province": c.province,
            "level": level,
            "parent": c.parent,
            "parent_name_en": c.parent.as_deref().and_then(|p| self.city(p)).map(|p| p.name_en.clone()),
            "parent_name_zh": c.parent.as_deref().and_then(|p| self.city(p)).map(|p| p.name_zh.clone()),
            "seat": [c.seat.lon, c.seat.lat],
            "alliances": alliances,
            "parks": self.parks_of(&c.id).iter().map(|p| json!({"id": p.id, "name_en": p.name_en,
                        "name_zh": p.name_zh, "type": p.kind})).collect::<Vec<_>>(),
            "projects": self.projects_of(&c.id).into_iter().map(|(a, p)| self.project_json(a, p))
                        .collect::<Vec<_>>(),
        })
    }

    /// The full record of a city, park, alliance or other feature (a point or line of any
    /// GeoJSON, with its properties), as the `select` event carries it.
    pub fn record(&self, id: &str) -> Option<Value> {
        Some(match self.lookup(id)? {
            super::IdRef::City(i) => self.city_json(self.cities.get(i)?),
            super::IdRef::Park(i) => self.park_json(self.parks.get(i)?),
            super::IdRef::Alliance(i) => self.alliance_json(self.alliances.get(i)?),
            super::IdRef::Extra(i) => {
                let x = self.extras.get(i)?;
                json!({
                    "id": x.id,
                    "kind": "feature",
                    "name_en": x.name_en,
                    "name_zh": x.name_zh,
                    "properties": x.properties,
                })
            }
        })
    }

    /// Summary records of all cities, for `cities()`.
    pub fn cities_json(&self) -> Value {
        Value::Array(self.cities.iter().map(|c| self.city_json(c)).collect())
    }

    /// Records of all parks, for `parks()`.
    pub fn parks_json(&self) -> Value {
        Value::Array(self.parks.iter().map(|p| self.park_json(p)).collect())
    }

    /// Records of all alliances, for `alliances()`.
    pub fn alliances_json(&self) -> Value {
        Value::Array(
            self.alliances
                .iter()
                .map(|a| self.alliance_json(a))
                .collect(),
        )
    }
}
