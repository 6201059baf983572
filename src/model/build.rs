//! Assembling a data set from its files: the one way every host (the web layer, the tests,
//! the benches) builds a [`Dataset`]. The main GeoJSON may come in chunks; the optional files
//! may be missing or broken without losing the rest. Ids are checked across all of it: a
//! feature, park or alliance whose id is already taken is reported and left out, so that an id
//! names one thing, and the finished data set has an index of them.

use std::collections::HashMap;

/// A city of a map loaded elsewhere: id, level, parent, English and Chinese name.
pub type Place = (String, super::Level, Option<String>, String, String);

use super::{parse_alliances, parse_parks, parse_provinces, Dataset, Problem};

/// What an id names in a [`Dataset`]: a kind and an index into its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdRef {
    /// `Dataset::cities[i]`.
    City(usize),
    /// `Dataset::parks[i]`.
    Park(usize),
    /// `Dataset::extras[i]` (a point or line of the main GeoJSON).
    Extra(usize),
    /// `Dataset::alliances[i]`.
    Alliance(usize),
}

/// Collects the files of a data set, then [`DatasetBuilder::build`]s it.
///
/// ```
/// use region_map::model::DatasetBuilder;
/// let mut b = DatasetBuilder::new();
/// b.map("a.geojson", r#"{"type":"FeatureCollection","features":[
///   {"type":"Feature","properties":{"id":"x"},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#)
///     .unwrap();
/// b.map("b.geojson", r#"{"type":"FeatureCollection","features":[
///   {"type":"Feature","properties":{"id":"x"},"geometry":{"type":"Point","coordinates":[3,4]}}]}"#)
///     .unwrap();
/// let (ds, problems) = b.build();
/// assert_eq!(ds.extras.len(), 1);
/// assert!(problems[0].to_string().contains("duplicate id 'x'"));
/// ```
#[derive(Debug, Default)]
pub struct DatasetBuilder {
    ds: Dataset,
    problems: Vec<Problem>,
    /// Every id taken so far, and the file that took it (its place in `files`: one copy of
    /// each file's name, not one per id).
    taken: HashMap<String, usize, super::IdBuild>,
    files: Vec<String>,
    /// The file the alliances came from, for the problems that linking finds.
    alliances_file: Option<String>,
}

impl DatasetBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes an id for `file`; false (and a problem) when it is taken already.
    fn take(&mut self, file: &str, id: &str, what: &str) -> bool {
        if let Some(first) = self.taken.get(id).and_then(|&f| self.files.get(f)) {
            self.problems.push(Problem {
                file: file.into(),
                feature: Some(id.into()),
                reason: format!(
                    "duplicate id '{id}' (already used in {first}); the later {what} is left out"
                ),
            });
            return false;
        }
        let f = match self.files.iter().rposition(|f| f == file) {
            Some(f) => f,
            None => {
                self.files.push(file.into());
                self.files.len() - 1
            }
        };
        self.taken.insert(id.into(), f);
        true
    }

    /// Adds the main GeoJSON, or one more chunk of it: polygons become cities, points and
    /// lines are kept as they are. Fails only when the text is not a usable FeatureCollection
    /// at all; problems with single features are kept for [`DatasetBuilder::build`].
    pub fn map(&mut self, file: &str, text: &str) -> Result<&mut Self, Problem> {
        let layer = super::load::parse_map(file, text)?;
        Ok(self.add_layer(file, layer))
    }

    /// Like [`DatasetBuilder::map`], for features of a large file read a step at a time,
    /// each from its own text, counted from `first`: problems are those of single features
    /// (whether the file has a usable one is asked at its end, [`DatasetBuilder::has_map`]).
    pub fn map_features<'a>(
        &mut self,
        file: &str,
        texts: impl IntoIterator<Item = &'a str>,
        first: usize,
    ) -> &mut Self {
        let layer = super::load::map_features(file, texts, first);
        self.add_layer(file, layer)
    }

    /// The attribution of the main GeoJSON, read from the members around its features.
    pub fn attribution(&mut self, attribution: Option<String>) -> &mut Self {
        if self.ds.attribution.is_none() {
            self.ds.attribution = attribution;
        }
        self
    }

    /// Whether any feature of the main GeoJSON is in: else the first problem found.
    pub fn has_map(&self) -> Result<(), Option<&Problem>> {
        if self.ds.cities.is_empty() && self.ds.extras.is_empty() {
            return Err(self.problems.first());
        }
        Ok(())
    }

    fn add_layer(&mut self, file: &str, layer: super::MapLayer) -> &mut Self {
        self.problems.extend(layer.problems);
        for c in layer.cities {
            if self.take(file, &c.id, "feature") {
                self.ds.cities.push(c);
            }
        }
        for x in layer.extras {
            if self.take(file, &x.id, "feature") {
                self.ds.extras.push(x);
            }
        }
        if self.ds.attribution.is_none() {
            self.ds.attribution = layer.attribution;
        }
        self
    }

    /// Adds the parks file, if there is one. A file that cannot be read is a problem, not a
    /// failure: the map shows without its parks.
    pub fn parks(&mut self, file: &str, text: Option<&str>) -> &mut Self {
        let Some(text) = text else { return self };
        match parse_parks(file, text) {
            Ok(l) => {
                self.problems.extend(l.problems);
                for p in l.items {
                    if self.take(file, &p.id, "park") {
                        self.ds.parks.push(p);
                    }
                }
            }
            Err(p) => self.problems.push(p),
        }
        self
    }

    /// Adds places without shapes: id, level, parent, English and Chinese name of each city of
    /// a map that is loaded elsewhere, in its order (the module loaded later links industries
    /// to them).
    pub fn places(&mut self, places: &[Place]) -> &mut Self {
        for (id, level, parent, en, zh) in places {
            if !self.take("places", id, "place") {
                continue;
            }
            self.ds.cities.push(super::City {
                id: id.clone(),
                name_en: en.clone(),
                name_zh: zh.clone(),
                name_zh_full: None,
                province: String::new(),
                level: *level,
                parent: parent.clone(),
                seat: super::LonLat::new(0.0, 0.0),
                shape: geo::MultiPolygon::new(vec![]),
                numbers: Default::default(),
                properties: Default::default(),
                fill: None,
            });
        }
        self
    }

    /// Adds the alliances file (alliances, projects, indicators, sources), if there is one.
    pub fn alliances(&mut self, file: &str, text: Option<&str>) -> &mut Self {
        let Some(text) = text else { return self };
        self.alliances_file = Some(file.into());
        match parse_alliances(file, text) {
            Ok(f) => {
                let (l, sources) = (f.alliances, f.sources);
                self.ds.industries.extend(f.industries);
                self.problems.extend(l.problems);
                for a in l.items {
                    if self.take(file, &a.id, "alliance") {
                        self.ds.alliances.push(a);
                    }
                }
                self.ds.sources.extend(sources);
            }
            Err(p) => self.problems.push(p),
        }
        self
    }

    /// Adds the province outlines, if there are any.
    pub fn provinces(&mut self, file: &str, text: Option<&str>) -> &mut Self {
        let Some(text) = text else { return self };
        match parse_provinces(file, text) {
            Ok(l) => {
                self.problems.extend(l.problems);
                self.ds.provinces.extend(l.items);
            }
            Err(p) => self.problems.push(p),
        }
        self
    }

    /// Links the files (members, hosts and sources that do not resolve are reported and left
    /// out), indexes the ids, and hands over the data set with every problem found.
    pub fn build(mut self) -> (Dataset, Vec<Problem>) {
        let file = self.alliances_file.unwrap_or_else(|| "alliances".into());
        self.problems.extend(self.ds.link(&file));
        self.ds.reindex();
        (self.ds, self.problems)
    }
}

impl Dataset {
    /// Back to a builder holding this data set's map (cities, points, lines, outlines) and
    /// none of its facts: more chunks of the map can be added, then the facts again.
    pub fn into_builder(self) -> DatasetBuilder {
        let mut b = DatasetBuilder::new();
        b.files.push("the map".into());
        for id in self
            .cities
            .iter()
            .map(|c| &c.id)
            .chain(self.extras.iter().map(|x| &x.id))
        {
            b.taken.insert(id.clone(), 0);
        }
        b.ds = Dataset {
            cities: self.cities,
            extras: self.extras,
            provinces: self.provinces,
            attribution: self.attribution,
            ..Dataset::default()
        };
        b
    }

    /// Rebuilds the index of ids (after the lists were changed by hand).
    pub fn reindex(&mut self) {
        let mut index = HashMap::with_hasher(super::IdBuild::default());
        // The first of an id wins, in the order the map has always looked ids up.
        let all = (self.alliances.iter().enumerate())
            .map(|(i, a)| (&a.id, IdRef::Alliance(i)))
            .chain((self.extras.iter().enumerate()).map(|(i, x)| (&x.id, IdRef::Extra(i))))
            .chain((self.parks.iter().enumerate()).map(|(i, p)| (&p.id, IdRef::Park(i))))
            .chain((self.cities.iter().enumerate()).map(|(i, c)| (&c.id, IdRef::City(i))));
        for (id, r) in all {
            index.insert(id.clone(), r);
        }
        self.index = index;
    }

    /// What `id` names: a city, park, point or line feature, or alliance.
    pub fn lookup(&self, id: &str) -> Option<IdRef> {
        let hit = self
            .index
            .get(id)
            .copied()
            .filter(|r| self.id_of(*r) == Some(id));
        // An index made before the lists changed is not trusted: scan instead.
        hit.or_else(|| {
            (self.cities.iter().position(|c| c.id == id).map(IdRef::City))
                .or_else(|| self.parks.iter().position(|p| p.id == id).map(IdRef::Park))
                .or_else(|| {
                    self.extras
                        .iter()
                        .position(|x| x.id == id)
                        .map(IdRef::Extra)
                })
                .or_else(|| (self.alliances.iter().position(|a| a.id == id)).map(IdRef::Alliance))
        })
    }

    /// The id of what `r` points to, if it exists.
    pub fn id_of(&self, r: IdRef) -> Option<&str> {
        match r {
            IdRef::City(i) => self.cities.get(i).map(|c| c.id.as_str()),
            IdRef::Park(i) => self.parks.get(i).map(|p| p.id.as_str()),
            IdRef::Extra(i) => self.extras.get(i).map(|x| x.id.as_str()),
            IdRef::Alliance(i) => self.alliances.get(i).map(|a| a.id.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn polygon(id: &str, x: f64) -> String {
        format!(
            r#"{{"type":"Feature","properties":{{"id":"{id}"}},"geometry":{{"type":"Polygon",
            "coordinates":[[[{x},0],[{x1},0],[{x1},1],[{x},1],[{x},0]]]}}}}"#,
            x1 = x + 1.0
        )
    }

    fn collection(features: &[String]) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        )
    }

    #[test]
    fn ids_are_unique_across_chunks_parks_and_alliances() {
        let mut b = DatasetBuilder::new();
        b.map(
            "a.geojson",
            &collection(&[polygon("p", 0.0), polygon("q", 2.0)]),
        )
        .unwrap();
        b.map(
            "a.geojson (chunk 2)",
            &collection(&[polygon("q", 4.0), polygon("r", 6.0)]),
        )
        .unwrap();
        b.parks(
            "parks.geojson",
            Some(
                r#"{"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"id":"r","name_en":"R park","host":"p","kind":"k"},
                 "geometry":{"type":"Point","coordinates":[0.5,0.5]}},
                {"type":"Feature","properties":{"id":"s","name_en":"S park","host":"p","kind":"k"},
                 "geometry":{"type":"Point","coordinates":[0.5,0.5]}}]}"#,
            ),
        );
        b.alliances(
            "alliances.json",
            Some(r#"{"sources":[],"alliances":[{"id":"s","name_en":"S","kind":"k","members":["p","q"]}]}"#),
        );
        let (ds, problems) = b.build();
        let ids: Vec<&str> = ds.cities.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["p", "q", "r"]);
        assert_eq!(ds.parks.len(), 1, "the park 'r' clashes with a city");
        assert!(
            ds.alliances.is_empty(),
            "the alliance 's' clashes with a park"
        );
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 3, "{text:#?}");
        assert!(text[0].contains("a.geojson (chunk 2)") && text[0].contains("duplicate id 'q'"));
        assert!(
            text[1].contains("parks.geojson")
                && text[1].contains("'r' (already used in a.geojson (chunk 2))")
        );
        assert!(text[2].contains("alliances.json") && text[2].contains("duplicate id 's'"));
        assert_eq!(ds.lookup("q"), Some(IdRef::City(1)));
        assert_eq!(ds.lookup("s"), Some(IdRef::Park(0)));
        assert_eq!(ds.lookup("nothing"), None);
    }

    #[test]
    fn a_broken_optional_file_is_a_problem_and_the_rest_still_loads() {
        let mut b = DatasetBuilder::new();
        b.map("a.geojson", &collection(&[polygon("p", 0.0)]))
            .unwrap();
        b.parks("parks.geojson", Some("not json"))
            .alliances("alliances.json", None)
            .provinces("provinces.geojson", Some("{}"));
        let (ds, problems) = b.build();
        assert_eq!(ds.cities.len(), 1);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert_eq!(problems[0].file, "parks.geojson");
        assert_eq!(problems[1].file, "provinces.geojson");
        assert!(DatasetBuilder::new().map("a.geojson", "[]").is_err());
    }

    #[test]
    fn a_built_data_set_takes_more_chunks_then_its_facts_again() {
        let mut b = DatasetBuilder::new();
        b.map("a.geojson", &collection(&[polygon("p", 0.0)]))
            .unwrap();
        let (ds, _) = b.build();
        let mut b = ds.into_builder();
        b.map(
            "a.geojson",
            &collection(&[polygon("p", 9.0), polygon("q", 2.0)]),
        )
        .unwrap();
        b.alliances(
            "alliances.json",
            Some(r#"{"sources":[],"alliances":[{"id":"pair","name_en":"P","kind":"k","members":["p","q"]}]}"#),
        );
        let (ds, problems) = b.build();
        assert_eq!(ds.cities.len(), 2);
        assert_eq!(ds.alliances[0].members, ["p", "q"]);
        assert_eq!(
            problems.len(),
            1,
            "the second 'p' is a duplicate: {problems:#?}"
        );
        assert_eq!(ds.lookup("pair"), Some(IdRef::Alliance(0)));
    }
}
