//! The words the map draws itself (the credit line, the legend of an export, the charts), in
//! English and Chinese, and a page's own words for any language (the `messages` option).
//!
//! A language is a tag. `en` and `zh` (and `zh-…`) have built-in words; any other tag takes
//! the page's words and falls back to English where it gives none. Names of features come
//! from a `name_<tag>` property where the data has one, else from the English name.

use serde_json::{Map, Value};

use crate::scene::Lang;

/// Every key the map draws, with its English and Chinese words. The page's `messages` use the
/// same keys (the JS module's own strings share the table's names where they say the same).
pub const BUILTIN: &[(&str, &str, &str)] = &[
    ("factsCredit", "Facts: cited articles", "资料：所引文章"),
    ("noData", "no data", "无数据"),
    (
        "unranked",
        "Districts and counties count in their city",
        "区县计入所属城市",
    ),
    ("chartFigures", "Figures from the sources", "来源中的数据"),
    (
        "chartNoFigures",
        "The sources give no figures.",
        "来源未给出数据。",
    ),
    (
        "chartCity",
        "Projects per year, and alliances joined",
        "每年项目数与所属联盟",
    ),
    ("chartProjects", "projects", "项目"),
    (
        "chartAlliancesKnown",
        "alliances (founding dates known)",
        "联盟（成立时间已知）",
    ),
    (
        "chartFounded",
        "Alliances founded per year (founding date known)",
        "每年成立的联盟（成立时间已知）",
    ),
    (
        "chartMembers",
        "Member cities per alliance",
        "各联盟成员城市数",
    ),
    ("chartAlliances", "alliances", "联盟"),
    ("indicatorAlliances", "Alliances per city", "各城市联盟数"),
    (
        "chartMatrix",
        "Industrial clusters by place",
        "各地产业集群",
    ),
    ("indicatorProjects", "Projects per city", "各城市项目数"),
    ("indicatorParks", "Parks per city", "各城市园区数"),
];

/// The key of a built-in indicator's label (`alliances`, `projects`, `parks`).
pub fn indicator_key(id: &str) -> Option<&'static str> {
    match id {
        "alliances" => Some("indicatorAlliances"),
        "projects" => Some("indicatorProjects"),
        "parks" => Some("indicatorParks"),
        _ => None,
    }
}

/// The language and the page's words for it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Words {
    /// The language tag when it is neither `en` nor `zh` (names come from `name_<tag>`).
    pub tag: Option<String>,
    /// The page's words: (key, words) pairs (see [`BUILTIN`]). A list, not a map: a page
    /// gives a few, and a map would cost the module its sorting code.
    pub overrides: Vec<(String, String)>,
}

/// A language tag as a page may give it: letters, digits and hyphens, 2 to 35 of them,
/// starting with a letter (`fr`, `pt-BR`, `zh-Hant`).
pub fn valid_tag(tag: &str) -> bool {
    (2..=35).contains(&tag.len())
        && tag.starts_with(|c: char| c.is_ascii_alphabetic())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// A page's words given flat, as key, words, key, words, … (how the page hands them over).
pub fn pairs(flat: &[String]) -> Vec<(String, String)> {
    (flat.chunks_exact(2))
        .map(|p| (p[0].clone(), p[1].clone()))
        .collect()
}

/// The tag of a page's own language: None for the built-in `en` and `zh`.
pub fn own_tag(lang: &str) -> Option<String> {
    (!matches!(lang, "en" | "zh")).then(|| lang.to_string())
}

/// The built-in language a tag falls back to: Chinese for `zh` and `zh-…`, else English.
pub fn base_of(tag: &str) -> Lang {
    let t = tag.to_ascii_lowercase();
    if t == "zh" || t.starts_with("zh-") {
        Lang::Zh
    } else {
        Lang::En
    }
}

impl Words {
    /// The words for `key` in `lang`: the page's, else the built-in ones ("" for an unknown
    /// key).
    pub fn get(&self, lang: Lang, key: &str) -> &str {
        if let Some((_, w)) = self.overrides.iter().rev().find(|(k, _)| k == key) {
            return w;
        }
        BUILTIN
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or("", |(_, en, zh)| if lang == Lang::Zh { zh } else { en })
    }

    /// A feature's name: `name_<tag>` from its properties for a page's own language, else
    /// the Chinese name (where there is one) in Chinese, else the English name.
    pub fn name<'a>(
        &self,
        lang: Lang,
        properties: Option<&'a Map<String, Value>>,
        en: &'a str,
        zh: Option<&'a str>,
    ) -> &'a str {
        if let Some(tag) = &self.tag {
            // Found without building the key: this runs for every label of every frame.
            let is_own = |k: &str| {
                (k.strip_prefix("name_").or_else(|| k.strip_prefix("name:"))) == Some(tag.as_str())
            };
            let own = properties.and_then(|p| p.iter().find(|(k, _)| is_own(k)).map(|(_, v)| v));
            if let Some(Value::String(s)) = own {
                if !s.trim().is_empty() {
                    return s;
                }
            }
            if lang != Lang::Zh {
                return en;
            }
        }
        match (lang, zh) {
            (Lang::Zh, Some(z)) if !z.is_empty() => z,
            _ => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_words_win_and_english_is_the_fallback() {
        let mut w = Words {
            tag: Some("fr".into()),
            ..Words::default()
        };
        w.overrides.push(("noData".into(), "pas de données".into()));
        assert_eq!(w.get(Lang::En, "noData"), "pas de données");
        assert_eq!(w.get(Lang::En, "chartProjects"), "projects");
        assert_eq!(Words::default().get(Lang::Zh, "noData"), "无数据");
        assert_eq!(w.get(Lang::En, "no such key"), "");
    }

    #[test]
    fn names_come_from_the_tag_property_else_english() {
        let w = Words {
            tag: Some("fr".into()),
            ..Words::default()
        };
        let mut p = Map::new();
        p.insert("name_fr".into(), Value::String("Hangzhou (fr)".into()));
        assert_eq!(
            w.name(Lang::En, Some(&p), "Hangzhou", Some("杭州")),
            "Hangzhou (fr)"
        );
        assert_eq!(w.name(Lang::En, None, "Hangzhou", Some("杭州")), "Hangzhou");
        let zh = Words::default();
        assert_eq!(
            zh.name(Lang::Zh, Some(&p), "Hangzhou", Some("杭州")),
            "杭州"
        );
        assert_eq!(zh.name(Lang::Zh, None, "Nowhere", None), "Nowhere");
    }

    #[test]
    fn tags() {
        for ok in ["en", "zh", "fr", "pt-BR", "zh-Hant"] {
            assert!(valid_tag(ok), "{ok}");
        }
        for bad in ["", "e", "1x", "fr_FR", "x<y", &"a".repeat(36)] {
            assert!(!valid_tag(bad), "{bad}");
        }
        assert_eq!(base_of("zh-Hant"), Lang::Zh);
        assert_eq!(base_of("fr"), Lang::En);
    }
}
