//! Colouring cities by an indicator: the values, their classes (quantiles), and the colours.
//!
//! Indicators are the counts derived from the data (alliances, projects and parks per city)
//! and any numeric property of the loaded GeoJSON. A city without a value is "no data", a
//! class of its own, never zero.

use super::style::Rgba;
use super::year_of;
use crate::model::Dataset;

/// ColorBrewer's YlGnBu, 5 classes: sequential, and safe for colour-blind readers.
pub const SEQUENTIAL: [u32; 5] = [0xffffcc, 0xa1dab4, 0x41b6c4, 0x2c7fb8, 0x253494];
/// The "no data" fill: neutral grey, outside the sequence.
pub const NO_DATA: u32 = 0xd9d9d9;
/// Paul Tol's "light" qualitative scheme, made for filled areas under labels: the categories
/// of a text property, most frequent first; the ninth, grey, gathers the rest.
pub const QUALITATIVE: [u32; 9] = [
    0x77aadd, 0xee8866, 0xeedd88, 0xffaabb, 0x99ddff, 0x44bb99, 0xbbcc33, 0xaaaa00, 0xdddddd,
];
/// A text property with more distinct values than this is not offered for colouring.
pub const MAX_CATEGORIES: usize = 40;
/// The name of the class that gathers the less frequent categories.
pub const OTHER: &str = "other · 其他";

/// An indicator that cities can be coloured by.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct IndicatorInfo {
    /// Name to pass to `setIndicator`.
    pub id: String,
    /// Label in English.
    pub label_en: String,
    /// Label in Chinese.
    pub label_zh: String,
}

/// The indicators available for a data set: the derived counts (with alliances loaded), then
/// numeric properties, and text properties of a few distinct values (categories).
pub fn available(ds: &Dataset) -> Vec<IndicatorInfo> {
    let mut out = vec![
        IndicatorInfo {
            id: "alliances".into(),
            label_en: "Alliances per city".into(),
            label_zh: "各城市联盟数".into(),
        },
        IndicatorInfo {
            id: "projects".into(),
            label_en: "Projects per city".into(),
            label_zh: "各城市项目数".into(),
        },
        IndicatorInfo {
            id: "parks".into(),
            label_en: "Parks per city".into(),
            label_zh: "各城市园区数".into(),
        },
    ];
    if ds.alliances.is_empty() {
        // Counts of alliances and projects mean nothing without them.
        out.retain(|i| i.id == "parks" && !ds.parks.is_empty());
    }
    // The industries: all clusters at once, then each industry that an alliance or a park
    // names. Their classes are computed by the module loaded later (see
    // [`classify_industry`]), and handed to the map.
    // An industry is offered when a place is linked to it: a park names it, or a body with
    // members or a hub does (the fashion alliance, with no member city, lights nothing).
    let named = |id: &str| {
        (ds.alliances.iter())
            .filter(|a| !a.members.is_empty() || a.hub.is_some())
            .flat_map(|a| &a.industries)
            .chain(ds.parks.iter().flat_map(|p| &p.industries))
            .any(|x| x == id)
    };
    if ds.industries.iter().any(|i| named(&i.id)) {
        out.push(IndicatorInfo {
            id: "industries".into(),
            label_en: "Industrial clusters on site".into(),
            label_zh: "实地产业集群".into(),
        });
        for ind in &ds.industries {
            if named(&ind.id) {
                out.push(IndicatorInfo {
                    id: format!("industry:{}", ind.id),
                    label_en: format!("Industry: {}", ind.name_en),
                    label_zh: format!("产业：{}", ind.name_zh),
                });
            }
        }
    }
    let mut props: Vec<&String> = ds.cities.iter().flat_map(|c| c.numbers.keys()).collect();
    let texts = ds.cities.iter().flat_map(|c| {
        (c.properties.iter())
            .filter(|(k, v)| v.is_string() && !c.numbers.contains_key(*k))
            .map(|(k, _)| k)
    });
    let mut texts: Vec<&String> = texts.collect();
    crate::sort::sort_by(&mut texts, |a, b| a.cmp(b));
    texts.dedup();
    texts.retain(|k| categories(ds, k).is_some_and(|c| c.len() >= 2));
    props.extend(texts);
    crate::sort::sort_by(&mut props, |a, b| a.cmp(b));
    props.dedup();
    for p in props {
        out.push(IndicatorInfo {
            id: format!("property:{p}"),
            label_en: p.clone(),
            label_zh: p.clone(),
        });
    }
    out
}

/// The value of `indicator` for every city (None: no data). Counts respect the timeline: at
/// year Y only alliances founded by Y and projects dated by Y count. A prefecture's counts
/// include its districts' and counties' (data/README.md); a project that names a place only
/// as an example does not count.
pub fn values(ds: &Dataset, indicator: &str, year: Option<i32>) -> Option<Vec<Option<f64>>> {
    let by_year = |date: Option<&str>| match (date.and_then(year_of), year) {
        (Some(d), Some(y)) => d <= y,
        _ => true,
    };
    let v = match indicator {
        "alliances" => ds
            .cities
            .iter()
            .map(|c| {
                Some(
                    (ds.alliances_counted(&c.id).iter())
                        .filter(|(a, _)| super::alliance_exists(a, year))
                        .count() as f64,
                )
            })
            .collect(),
        "projects" => ds
            .cities
            .iter()
            .map(|c| {
                Some(
                    (ds.projects_counted(&c.id).iter())
                        .filter(|(_, p, _)| !p.mention && by_year(p.date.as_deref()))
                        .count() as f64,
                )
            })
            .collect(),
        "parks" => ds
            .cities
            .iter()
            .map(|c| {
                let n = (ds.parks_counted(&c.id).iter())
                    .filter(|(p, _)| super::park_exists(ds, p, year))
                    .count();
                Some(n as f64)
            })
            .collect(),
        other => {
            let key = other.strip_prefix("property:")?;
            if ds.cities.iter().any(|c| c.numbers.contains_key(key)) {
                ds.cities
                    .iter()
                    .map(|c| c.numbers.get(key).copied())
                    .collect()
            } else {
                // A text property: each city's category, as its index.
                let names = categories(ds, key)?;
                (ds.cities.iter())
                    .map(|c| {
                        let v = c.properties.get(key)?.as_str()?;
                        let k = names.iter().position(|n| n == v);
                        Some(k.unwrap_or(names.len() - 1) as f64)
                    })
                    .collect()
            }
        }
    };
    Some(v)
}

/// The categories of a text property, most frequent first (ties in the order met); past
/// eight, the rest are gathered as [`OTHER`]. None if the property has more than
/// [`MAX_CATEGORIES`] distinct values, or none, or no value twice (a name, not a category).
pub fn categories(ds: &Dataset, key: &str) -> Option<Vec<String>> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for v in ds
        .cities
        .iter()
        .filter_map(|c| c.properties.get(key)?.as_str())
    {
        match counts.iter().position(|(n, _)| *n == v) {
            Some(i) => counts[i].1 += 1,
            None if counts.len() >= MAX_CATEGORIES => return None,
            None => counts.push((v, 1)),
        }
    }
    if counts.iter().all(|c| c.1 == 1) {
        return None;
    }
    crate::sort::sort_by(&mut counts, |a, b| b.1.cmp(&a.1));
    let keep = QUALITATIVE.len() - 1;
    let mut names: Vec<String> = counts.iter().take(keep).map(|c| c.0.to_string()).collect();
    if counts.len() > keep {
        names.push(OTHER.to_string());
    }
    Some(names)
}

/// An indicator's values and their classes: the one classification that the map and both
/// legends (HTML and SVG) read, so that they cannot disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    /// The value of every city (None: no data), by index into `Dataset::cities`.
    pub values: Vec<Option<f64>>,
    /// Whether a city is ranked: prefectures are, districts and counties are not (they count
    /// in their prefecture, and are never ranked on one scale with it).
    pub ranked: Vec<bool>,
    /// Quantile classes over every ranked city with a value.
    pub classes: Classes,
}

impl Classification {
    /// The fill of city `i`: its class's colour, or the no-data colour; None for a city that
    /// is not ranked (it keeps its usual fill).
    pub fn fill(&self, i: usize) -> Option<Rgba> {
        if !self.ranked.get(i).copied().unwrap_or(false) {
            return None;
        }
        Some(match self.values.get(i).copied().flatten() {
            Some(v) => self.classes.color(self.classes.class_of(v)),
            None => Rgba::hex(NO_DATA),
        })
    }

    fn ranked_values(&self) -> impl Iterator<Item = &Option<f64>> {
        (self.values.iter().zip(&self.ranked))
            .filter(|(_, r)| **r)
            .map(|(v, _)| v)
    }

    /// How many ranked cities fall in class `k`.
    pub fn count(&self, k: usize) -> usize {
        (self.ranked_values().flatten())
            .filter(|v| self.classes.class_of(**v) == k)
            .count()
    }

    /// How many ranked cities have no value.
    pub fn no_data(&self) -> usize {
        self.ranked_values().filter(|v| v.is_none()).count()
    }

    /// How many cities are not ranked (districts and counties).
    pub fn unranked(&self) -> usize {
        self.ranked.iter().filter(|r| !**r).count()
    }
}

/// Classifies `indicator` at `year` into at most five quantile classes over the prefectures
/// with a value. None for an unknown indicator.
pub fn classify(ds: &Dataset, indicator: &str, year: Option<i32>) -> Option<Classification> {
    let values = values(ds, indicator, year)?;
    let ranked = ranked(ds);
    let present: Vec<f64> = (values.iter().zip(&ranked))
        .filter(|(_, r)| **r)
        .filter_map(|(v, _)| *v)
        .collect();
    let categorical = indicator
        .strip_prefix("property:")
        .filter(|k| !ds.cities.iter().any(|c| c.numbers.contains_key(*k)));
    let classes = match categorical.and_then(|k| categories(ds, k)) {
        Some(names) => Classes::categories(names, Vec::new(), Vec::new()),
        None => quantiles(&present, 5),
    };
    Some(Classification {
        values,
        ranked,
        classes,
    })
}

/// Which cities are ranked on an indicator's scale: the prefectures (a district or county
/// counts in its city).
pub fn ranked(ds: &Dataset) -> Vec<bool> {
    (ds.cities.iter())
        .map(|c| c.level == crate::model::Level::Prefecture)
        .collect()
}

/// Whether an indicator is one of the industry views (`industries`, `industry:<id>`), whose
/// classes come from [`classify_industry`] in the module loaded later.
pub fn is_industry(indicator: &str) -> bool {
    indicator == "industries" || indicator.starts_with("industry:")
}

/// The classes of an industry view at `year`: `industries` (every place by the cluster it has
/// on site), or `industry:<id>` (how each place is linked to it, see [`ROLE_CLASSES`]).
pub fn classify_industry(
    ds: &Dataset,
    indicator: &str,
    year: Option<i32>,
) -> Option<Classification> {
    let ranked = ranked(ds);
    let (values, classes) = if indicator == "industries" {
        let (values, names, names_zh, colors) = industry_overview(ds, year);
        (values, Classes::categories(names, names_zh, colors))
    } else {
        let k = ds.industry_index(indicator.strip_prefix("industry:")?)?;
        let values = (ds.industry_roles(k, year).iter())
            .map(|l| Some(role_class(l.as_ref()) as f64))
            .collect();
        let names = ROLE_CLASSES.iter().map(|c| c.0.to_string()).collect();
        let names_zh = ROLE_CLASSES.iter().map(|c| c.1.to_string()).collect();
        let colors = ROLE_CLASSES.iter().map(|c| Rgba::hex(c.2)).collect();
        (values, Classes::categories(names, names_zh, colors))
    };
    Some(Classification {
        values,
        ranked,
        classes,
    })
}

/// The classes of one industry's view: how each place is linked to it, on site (by the
/// stage the articles give) or by policy, and not at all. English, Chinese, colour
/// (ColorBrewer's RdBu: warm on site, cool for policy; safe for colour-blind readers).
pub const ROLE_CLASSES: [(&str, &str, u32); 6] = [
    (
        "on site: producing or attracting projects",
        "实地：投产或招商",
        0xb2182b,
    ),
    ("on site: stage not given", "实地：阶段未知", 0xd6604d),
    (
        "on site: planned, signed or building",
        "实地：规划、签约或在建",
        0xf4a582,
    ),
    (
        "hub of a body that names it (policy)",
        "牵头机构所在地（政策）",
        0x2166ac,
    ),
    (
        "member of a body that names it (policy)",
        "所属机构成员（政策）",
        0x92c5de,
    ),
    ("not linked in the articles", "文章未提及", 0xf7f7f7),
];

/// The class of a place's strongest link to an industry (see [`ROLE_CLASSES`]).
pub fn role_class(l: Option<&crate::model::IndustryLink>) -> usize {
    use crate::model::Role;
    match l {
        None => 5,
        Some(l) if l.role == Role::Hub => 3,
        Some(l) if l.role == Role::Member => 4,
        Some(l) => match &l.stage {
            None => 1,
            Some(s) if crate::model::not_yet(Some(s)) => 2,
            Some(_) => 0,
        },
    }
}

/// All clusters at once: each place by the industry it has on site, "several" where it has
/// more than one, "policy focus only" where its links are all by policy, and "not linked".
/// Returns each city's class, and the classes' English and Chinese names and colours.
fn industry_overview(ds: &Dataset, year: Option<i32>) -> OverviewClasses {
    let links = ds.industry_links();
    let n = ds.cities.len();
    let mut on_site: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut policy = vec![false; n];
    for l in links.iter().filter(|l| l.exists(year)) {
        if l.role.on_site() {
            if !on_site[l.city].contains(&l.industry) {
                on_site[l.city].push(l.industry);
            }
        } else {
            policy[l.city] = true;
        }
    }
    // The industries on site, by how many places have them (ties in the vocabulary's order).
    let mut used: Vec<(usize, usize)> = Vec::new();
    for s in on_site.iter().filter(|s| s.len() == 1) {
        match used.iter_mut().find(|u| u.0 == s[0]) {
            Some(u) => u.1 += 1,
            None => used.push((s[0], 1)),
        }
    }
    crate::sort::sort_by(&mut used, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // Past seven industries, the rest share a class with "several".
    let keep = QUALITATIVE.len() - 2;
    let shown: Vec<usize> = used.iter().take(keep).map(|u| u.0).collect();
    let (several, policy_only, none) = (shown.len(), shown.len() + 1, shown.len() + 2);
    let values = (0..n)
        .map(|i| {
            Some(match on_site[i].as_slice() {
                [one] => shown.iter().position(|s| s == one).unwrap_or(several),
                [] if policy[i] => policy_only,
                [] => none,
                _ => several,
            } as f64)
        })
        .collect();
    let mut en: Vec<String> = shown
        .iter()
        .map(|&k| ds.industries[k].name_en.clone())
        .collect();
    let mut zh: Vec<String> = shown
        .iter()
        .map(|&k| ds.industries[k].name_zh.clone())
        .collect();
    let mut colors: Vec<Rgba> = (0..shown.len())
        .map(|k| Rgba::hex(QUALITATIVE[k]))
        .collect();
    en.extend(
        [
            "several industries on site",
            "policy focus only",
            "not linked in the articles",
        ]
        .map(String::from),
    );
    zh.extend(["多个实地产业", "仅政策关联", "文章未提及"].map(String::from));
    colors.extend([0x666666, 0xd1e5f0, 0xf7f7f7].map(Rgba::hex));
    (values, en, zh, colors)
}

type OverviewClasses = (Vec<Option<f64>>, Vec<String>, Vec<String>, Vec<Rgba>);

/// Classes of a set of values: upper bounds, ascending; the last is the maximum.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Classes {
    /// Lower bound of each class (inclusive).
    pub lower: Vec<f64>,
    /// Upper bound of each class (inclusive).
    pub upper: Vec<f64>,
    /// For a text property, each class's category (the values are their indexes); empty for
    /// numbers.
    pub names: Vec<String>,
    /// The categories' Chinese names, where they have them (the industry views).
    #[serde(skip)]
    pub names_zh: Vec<String>,
    /// The classes' own colours, where they have them (the industry views).
    #[serde(skip)]
    pub colors: Vec<Rgba>,
}

impl Classes {
    /// Categories whose values are their indexes.
    pub fn categories(names: Vec<String>, names_zh: Vec<String>, colors: Vec<Rgba>) -> Self {
        Classes {
            lower: (0..names.len()).map(|k| k as f64).collect(),
            upper: (0..names.len()).map(|k| k as f64).collect(),
            names,
            names_zh,
            colors,
        }
    }

    /// What the legend says of a class, in `lang`.
    pub fn label_in(&self, class: usize, lang: super::Lang) -> String {
        match (lang, self.names_zh.get(class)) {
            (super::Lang::Zh, Some(zh)) => zh.clone(),
            _ => self.label(class),
        }
    }

    /// The class of a value.
    pub fn class_of(&self, v: f64) -> usize {
        self.upper
            .iter()
            .position(|&u| v <= u)
            .unwrap_or(self.upper.len().saturating_sub(1))
    }

    /// What the legend says of a class: its range, or its category.
    pub fn label(&self, class: usize) -> String {
        match self.names.get(class) {
            Some(name) => name.clone(),
            None => crate::format::range_text(
                self.lower.get(class).copied().unwrap_or(0.0),
                self.upper.get(class).copied().unwrap_or(0.0),
            ),
        }
    }

    /// The colour of a class: classes spread over the sequential palette, or a category's
    /// colour.
    pub fn color(&self, class: usize) -> Rgba {
        if let Some(c) = self.colors.get(class) {
            return *c;
        }
        if !self.names.is_empty() {
            return Rgba::hex(QUALITATIVE[class.min(QUALITATIVE.len() - 1)]);
        }
        let n = self.upper.len().max(1);
        let k = if n == 1 {
            SEQUENTIAL.len() - 1
        } else {
            class * (SEQUENTIAL.len() - 1) / (n - 1)
        };
        Rgba::hex(SEQUENTIAL[k.min(SEQUENTIAL.len() - 1)])
    }
}

/// Quantile classes, at most `k`. Equal values never straddle two classes, so a data set with
/// few distinct values (counts) gets fewer classes.
pub fn quantiles(values: &[f64], k: usize) -> Classes {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    crate::sort::sort_by(&mut v, |a, b| a.total_cmp(b));
    let mut upper: Vec<f64> = Vec::new();
    if v.is_empty() || k == 0 {
        return Classes {
            lower: vec![],
            upper,
            names: vec![],
            names_zh: vec![],
            colors: vec![],
        };
    }
    for i in 1..=k {
        let idx = ((v.len() * i).div_ceil(k)).clamp(1, v.len()) - 1;
        let u = v[idx];
        if upper.last() != Some(&u) {
            upper.push(u);
        }
    }
    let mut lower = vec![v[0]];
    for w in upper.windows(2) {
        // The smallest value above the previous bound.
        let next = v.iter().copied().find(|&x| x > w[0]).unwrap_or(w[1]);
        lower.push(next);
    }
    Classes {
        lower,
        upper,
        names: vec![],
        names_zh: vec![],
        colors: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_split_evenly() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        let c = quantiles(&v, 5);
        assert_eq!(c.upper, vec![2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(c.lower, vec![1.0, 3.0, 5.0, 7.0, 9.0]);
        assert_eq!(c.class_of(1.0), 0);
        assert_eq!(c.class_of(7.5), 3);
        assert_eq!(c.class_of(10.0), 4);
    }

    #[test]
    fn ties_do_not_straddle_classes() {
        let v = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 2.0, 5.0];
        let c = quantiles(&v, 5);
        assert_eq!(c.upper, vec![0.0, 1.0, 5.0]);
        assert_eq!(c.lower, vec![0.0, 1.0, 2.0]);
        // Zero is a real count, in the first class, coloured from the palette.
        assert_eq!(c.class_of(0.0), 0);
        assert_ne!(c.color(0), Rgba::hex(NO_DATA));
        assert_eq!(c.class_of(2.0), 2);
        assert_eq!(c.color(2), Rgba::hex(SEQUENTIAL[4]));
    }

    #[test]
    fn no_values_no_classes() {
        let c = quantiles(&[f64::NAN], 5);
        assert!(c.upper.is_empty());
    }
}
