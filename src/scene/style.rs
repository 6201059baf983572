//! Colours of the map, in one place.

/// A colour with alpha.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgba {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
    /// Opacity, 0–1.
    pub a: f32,
}

impl Rgba {
    /// An opaque colour from 0xRRGGBB.
    pub const fn hex(v: u32) -> Self {
        Rgba {
            r: (v >> 16) as u8,
            g: (v >> 8) as u8,
            b: v as u8,
            a: 1.0,
        }
    }

    /// The same colour with another opacity.
    pub fn with_alpha(self, a: f32) -> Self {
        Rgba { a, ..self }
    }

    /// As a CSS colour string.
    pub fn css(&self) -> String {
        if self.a >= 1.0 {
            format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
        } else {
            format!(
                "rgba({},{},{},{})",
                self.r,
                self.g,
                self.b,
                crate::format::fixed(f64::from(self.a), 3)
            )
        }
    }
}

/// Declares the palette once: each colour's field, its CSS custom property (`--rm-NAME` on the
/// map's element, read by the page and passed to [`Palette::with_theme`]) and its light
/// default (the one `region-map.css` also gives; the dark theme lives in the CSS only).
macro_rules! palette {
    ($($(#[$m:meta])* $field:ident, $css:literal, $hex:literal, $alpha:literal;)*) => {
        /// The map's colours.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Palette {
            $($(#[$m])* pub $field: Rgba,)*
            /// How much of a feature's own `fill` shows over `land` (1 in the light theme; a
            /// dark theme mutes the data's pale fills).
            pub fill_opacity: f32,
            /// Line widths are multiplied by this (`--rm-line-scale`).
            pub line_scale: f64,
        }

        impl Default for Palette {
            fn default() -> Self {
                Palette {
                    $($field: Rgba::hex($hex).with_alpha($alpha),)*
                    fill_opacity: 1.0,
                    line_scale: 1.0,
                }
            }
        }

        impl Palette {
            /// The CSS custom properties of the theme, without `--rm-`, in the order
            /// [`Palette::with_theme`] takes their values; then `fill-opacity` and
            /// `line-scale`, one number each.
            pub const THEME: &'static [&'static str] = &[$($css,)* "fill-opacity", "line-scale"];

            /// This palette with the page's theme: four numbers (r, g, b 0–255, alpha 0–1) per
            /// colour of [`Palette::THEME`], then the two numbers. A value that is not a
            /// number (NaN: the page does not set it) keeps the default.
            pub fn with_theme(mut self, v: &[f64]) -> Self {
                let mut colours = v.chunks_exact(4);
                $(
                    if let Some(c) = colours.next().filter(|c| c.iter().all(|x| x.is_finite())) {
                        self.$field = Rgba::from_css_numbers(c);
                    }
                )*
                let n = Self::THEME.len() - 2;
                if let Some(x) = v.get(4 * n).filter(|x| x.is_finite()) {
                    self.fill_opacity = x.clamp(0.0, 1.0) as f32;
                }
                if let Some(x) = v.get(4 * n + 1).filter(|x| x.is_finite() && **x > 0.0) {
                    self.line_scale = x.min(8.0);
                }
                self
            }
        }
    };
}

palette! {
    /// Background (sea and outside the data).
    sea, "sea", 0xd9e6ef, 1.0;
    /// Fill of polygons that give no colour of their own.
    land, "land", 0xf4f2ec, 1.0;
    /// Borders between polygons: at least 3:1 against the land and the data's pale fills.
    city_border, "border", 0x6f7a85, 1.0;
    /// District borders.
    district_border, "district-border", 0x6f7a85, 1.0;
    /// District fill.
    district, "district", 0xf6f1e3, 1.0;
    /// Province outlines.
    province_border, "province-border", 0x3d4852, 1.0;
    /// Hover outline.
    hover, "hover", 0x1f2d3a, 1.0;
    /// Selected city fill.
    selected, "selected", 0xf7c873, 1.0;
    /// Selected outline.
    selected_border, "selected-border", 0xb4540a, 1.0;
    /// Fill of cities that share an alliance with the selected one.
    partner, "partner", 0xfbe6bd, 1.0;
    /// Fill of cities outside the selected alliance.
    dimmed, "dimmed", 0xeef0f2, 1.0;
    /// Seat markers.
    seat, "seat", 0x4a5763, 1.0;
    /// Hub markers.
    hub, "hub", 0x1f2d3a, 1.0;
    /// Park markers placed exactly.
    park, "park", 0xb03a2e, 1.0;
    /// Park markers placed only to a district or city.
    park_imprecise, "park-imprecise", 0xffffff, 1.0;
    /// Park label text.
    park_text, "park-text", 0x8e2b21, 1.0;
    /// Points and lines of any GeoJSON.
    extra, "feature", 0x0f766e, 1.0;
    /// Text.
    text, "text", 0x1f2d3a, 1.0;
    /// Secondary text.
    muted, "muted", 0x5d6b78, 1.0;
    /// Halo behind text and markers.
    halo, "halo", 0xffffff, 0.85;
    /// The panel's background (the charts are drawn on it).
    surface, "surface", 0xffffff, 1.0;
}

impl Rgba {
    /// From four numbers as a page reads them from CSS: r, g, b (0–255) and alpha (0–1).
    pub fn from_css_numbers(c: &[f64]) -> Self {
        let byte = |x: f64| x.clamp(0.0, 255.0).round() as u8;
        Rgba {
            r: byte(c[0]),
            g: byte(c[1]),
            b: byte(c[2]),
            a: c[3].clamp(0.0, 1.0) as f32,
        }
    }

    /// A colour written `#rgb` or `#rrggbb` (as GeoJSON's `fill` property gives it).
    pub fn parse_hex(s: &str) -> Option<Self> {
        let h = s.trim().strip_prefix('#')?;
        let v = u32::from_str_radix(h, 16).ok()?;
        match h.len() {
            6 => Some(Rgba::hex(v)),
            3 => Some(Rgba::hex(
                ((v >> 8) & 0xf) * 0x110000 + ((v >> 4) & 0xf) * 0x1100 + (v & 0xf) * 0x11,
            )),
            _ => None,
        }
    }

    /// `self` with `other` over it at opacity `t`.
    pub fn mix(self, other: Rgba, t: f32) -> Self {
        let m = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
        Rgba {
            r: m(self.r, other.r),
            g: m(self.g, other.g),
            b: m(self.b, other.b),
            a: self.a,
        }
    }

    /// Relative luminance (WCAG 2).
    pub fn luminance(&self) -> f64 {
        let c = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * c(self.r) + 0.7152 * c(self.g) + 0.0722 * c(self.b)
    }

    /// Contrast ratio with another colour (WCAG 2), 1 to 21.
    pub fn contrast(&self, other: &Rgba) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// Alliance colours: Paul Tol's "muted" qualitative scheme, designed to stay distinct for
/// colour-blind readers, darkest first so that the first alliances read best on the pale map.
/// Alliances beyond nine reuse the colours with a dashed line (see [`Palette::alliance_dashed`]).
const ALLIANCE: [u32; 9] = [
    0x332288, 0xcc6677, 0x117733, 0x882255, 0x44aa99, 0xaa4499, 0x999933, 0x88ccee, 0xddcc77,
];

impl Palette {
    /// Colour of the alliance at `index` in the data set.
    pub fn alliance(&self, index: usize) -> Rgba {
        Rgba::hex(ALLIANCE[index % ALLIANCE.len()])
    }

    /// Whether the alliance at `index` is drawn dashed, because its colour is a repeat.
    pub fn alliance_dashed(&self, index: usize) -> bool {
        index >= ALLIANCE.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alliance_colours_are_distinct_until_they_repeat_dashed() {
        let p = Palette::default();
        let colours: Vec<String> = (0..ALLIANCE.len()).map(|i| p.alliance(i).css()).collect();
        let unique: std::collections::HashSet<_> = colours.iter().collect();
        assert_eq!(unique.len(), colours.len());
        assert!(!p.alliance_dashed(0));
        assert!(p.alliance_dashed(ALLIANCE.len()));
        assert_eq!(p.alliance(ALLIANCE.len()), p.alliance(0));
    }

    #[test]
    fn borders_stand_out_from_fills() {
        // WCAG asks 3:1 of graphics: the default borders against the land and the districts.
        let p = Palette::default();
        for fill in [p.land, p.district, p.partner, p.dimmed] {
            assert!(p.city_border.contrast(&fill) >= 3.0, "{fill:?}");
            assert!(p.district_border.contrast(&fill) >= 3.0, "{fill:?}");
        }
        assert!(p.province_border.contrast(&p.land) >= 4.5);
        // A theme's values replace the defaults; NaN keeps them.
        let mut v = vec![f64::NAN; 4 * Palette::THEME.len()];
        v[0..4].copy_from_slice(&[10.0, 20.0, 30.0, 1.0]);
        let t = Palette::default().with_theme(&v);
        assert_eq!(t.sea, Rgba::hex(0x0a141e));
        assert_eq!(t.land, p.land);
        assert_eq!(Rgba::parse_hex("#abc"), Some(Rgba::hex(0xaabbcc)));
        assert_eq!(Rgba::parse_hex("red"), None);
    }

    #[test]
    fn css_strings() {
        assert_eq!(Rgba::hex(0x0a0b0c).css(), "#0a0b0c");
        assert_eq!(
            Rgba::hex(0xffffff).with_alpha(0.5).css(),
            "rgba(255,255,255,0.500)"
        );
    }
}

/// The sizes of what the scene draws, in CSS px: one value, read by every layer, so that a
/// theme or a denser style changes them in one place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizes {
    /// Border between prefecture cities.
    pub city_border: f64,
    /// Border of districts and counties.
    pub district_border: f64,
    /// Province outlines.
    pub province_border: f64,
    /// Lines of other data.
    pub extra_line: f64,
    /// Points of other data (radius).
    pub extra_dot: f64,
    /// A stressed line of other data.
    pub extra_line_emphasis: f64,
    /// A stressed point of other data (radius).
    pub extra_dot_emphasis: f64,
    /// The halo around markers.
    pub marker_halo: f64,
    /// Outline of the selected city.
    pub selected_outline: f64,
    /// Outline of the hovered city.
    pub hover_outline: f64,
    /// The hovered city's seat (radius).
    pub hover_seat: f64,
    /// A hovered alliance's links.
    pub hover_link: f64,
    /// Outlines of an alliance's member provinces.
    pub member_provinces: f64,
    /// A park's marker (half its diagonal).
    pub park: f64,
    /// A park's marker when it has the focus.
    pub park_emphasis: f64,
    /// A park marker's outline; also a stressed point's outline.
    pub park_stroke: f64,
    /// Half the box a park keeps clear of labels.
    pub park_clearance: f64,
    /// Seat of a hub city (radius).
    pub seat_hub: f64,
    /// Seat of a district or county (radius).
    pub seat_district: f64,
    /// Seat of a prefecture city (radius).
    pub seat: f64,
    /// The ring at the centre of an alliance without a hub (radius).
    pub centre_ring: f64,
    /// Its line.
    pub centre_ring_width: f64,
    /// City labels.
    pub label: f64,
    /// Bold city labels (the selection, hubs, partners).
    pub label_bold: f64,
    /// Park and feature labels.
    pub label_small: f64,
    /// Gap between a city's seat and its label.
    pub label_offset_city: f64,
    /// Gap between a park's marker and its label.
    pub label_offset_park: f64,
    /// Gap between a feature's point and its label.
    pub label_offset_feature: f64,
}

/// The sizes every layer uses.
pub const SIZES: Sizes = Sizes {
    city_border: 0.8,
    district_border: 0.8,
    province_border: 1.6,
    extra_line: 2.0,
    extra_dot: 3.5,
    extra_line_emphasis: 3.5,
    extra_dot_emphasis: 6.0,
    marker_halo: 1.0,
    selected_outline: 2.5,
    hover_outline: 2.0,
    hover_seat: 3.0,
    hover_link: 2.8,
    member_provinces: 3.0,
    park: 6.0,
    park_emphasis: 8.0,
    park_stroke: 1.5,
    park_clearance: 7.0,
    seat_hub: 4.0,
    seat_district: 2.0,
    seat: 2.5,
    centre_ring: 3.5,
    centre_ring_width: 2.0,
    label: 12.0,
    label_bold: 13.0,
    label_small: 11.0,
    label_offset_city: 3.0,
    label_offset_park: 8.0,
    label_offset_feature: 5.0,
};
