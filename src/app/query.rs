//! What the page asks of the map, answered as JSON text: one entry point, so that the
//! module exports one function for all of them.

use crate::api::{to_json, CityName, ProblemDetail};
use crate::scene;

use super::MapApp;

impl MapApp {
    /// Answers a question of the page, as JSON: `snapshot`, `record` (arg: an id), `view`,
    /// `zoom_range`, `problems`, `indicators`, `legend`, `years`, `chart_colors` (the theme's, for
    /// the charts module), `svg` (arg:
    /// `legend` to include it), `cities`, `cities_head` (arg: how many), `parks`,
    /// `alliances`, `places`, `steps_left` (of a load in steps). An unknown question is an error.
    pub fn query(&self, what: &str, arg: &str) -> Result<String, String> {
        let ds = &self.ds;
        Ok(match what {
            "snapshot" => to_json(&self.snapshot()),
            "record" => ds.record_json(arg),
            "view" => to_json(&self.view_detail()),
            "zoom_range" => to_json(&self.view.zoom_range()),
            "problems" => to_json(&self.problem_details()),
            "indicators" => to_json(&scene::choropleth::available(ds)),
            "legend" => to_json(&self.legend()),
            "years" => to_json(&scene::year_range(ds)),
            "chart_colors" => to_json(&crate::charts::theme_colors(&self.state.palette)),
            "svg" => self.to_svg(arg == "legend"),
            "cities" => ds.cities_json(),
            "cities_head" => {
                let n = arg.parse().unwrap_or(0);
                let v: Vec<CityName> = (ds.cities.iter().take(n))
                    .map(|c| CityName {
                        id: c.id.clone(),
                        name_en: c.name_en.clone(),
                        name_zh: c.name_zh.clone(),
                    })
                    .collect();
                to_json(&v)
            }
            "parks" => ds.parks_json(),
            "alliances" => ds.alliances_json(),
            "steps_left" => self.load.as_ref().map_or(0, |l| l.steps_left()).to_string(),
            "places" => {
                let v: Vec<(&str, &str, Option<&str>, &str, &str)> = (ds.cities.iter())
                    .map(|c| {
                        let (id, level, parent) =
                            (c.id.as_str(), c.level.name(), c.parent.as_deref());
                        (id, level, parent, c.name_en.as_str(), c.name_zh.as_str())
                    })
                    .collect();
                to_json(&v)
            }
            other => return Err(format!("query: no such question '{other}'")),
        })
    }

    /// The problems of the last load, as the page sees them.
    fn problem_details(&self) -> Vec<ProblemDetail> {
        (self.problems.iter())
            .map(|p| ProblemDetail {
                file: p.file.clone(),
                feature: p.feature.clone(),
                reason: p.reason.clone(),
                message: p.to_string(),
            })
            .collect()
    }

    /// The current view, with its legend if asked, as an SVG document (from the same
    /// display list as the canvas).
    fn to_svg(&self, legend: bool) -> String {
        let (ds, prep, view, state) = (&self.ds, &self.prep, &self.view, &self.state);
        let mut list = scene::build(ds, prep, view, state);
        if legend {
            list.cmds.extend(scene::legend(ds, view, state));
        }
        scene::svg::to_svg(&list, view, prep)
    }
}
