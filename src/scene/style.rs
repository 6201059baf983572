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
            format!("rgba({},{},{},{:.3})", self.r, self.g, self.b, self.a)
        }
    }
}

/// The map's colours.
#[derive(Debug, Clone)]
pub struct Palette {
    /// Background (sea and outside the region).
    pub sea: Rgba,
    /// City borders.
    pub city_border: Rgba,
    /// District borders.
    pub district_border: Rgba,
    /// District fill.
    pub district: Rgba,
    /// Province outlines.
    pub province_border: Rgba,
    /// Hover outline.
    pub hover: Rgba,
    /// Selected city fill.
    pub selected: Rgba,
    /// Selected outline.
    pub selected_border: Rgba,
    /// Fill of cities that share an alliance with the selected one.
    pub partner: Rgba,
    /// Fill of cities outside the selected alliance.
    pub dimmed: Rgba,
    /// Seat markers.
    pub seat: Rgba,
    /// Hub markers.
    pub hub: Rgba,
    /// Park markers placed exactly.
    pub park: Rgba,
    /// Park markers placed only to a district or city.
    pub park_imprecise: Rgba,
    /// Park label text.
    pub park_text: Rgba,
    /// Points and lines of any GeoJSON.
    pub extra: Rgba,
    /// Text.
    pub text: Rgba,
    /// Secondary text.
    pub muted: Rgba,
    /// Halo behind text and markers.
    pub halo: Rgba,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            sea: Rgba::hex(0xe8eef3),
            city_border: Rgba::hex(0xffffff),
            district_border: Rgba::hex(0x6b7b8c),
            district: Rgba::hex(0xf6f1e3),
            province_border: Rgba::hex(0x7a8896),
            hover: Rgba::hex(0x1f2d3a),
            selected: Rgba::hex(0xf7c873),
            selected_border: Rgba::hex(0xb4540a),
            partner: Rgba::hex(0xfbe6bd),
            dimmed: Rgba::hex(0xeef0f2),
            seat: Rgba::hex(0x4a5763),
            hub: Rgba::hex(0x1f2d3a),
            park: Rgba::hex(0xb03a2e),
            park_imprecise: Rgba::hex(0xffffff),
            park_text: Rgba::hex(0x8e2b21),
            extra: Rgba::hex(0x0f766e),
            text: Rgba::hex(0x1f2d3a),
            muted: Rgba::hex(0x5d6b78),
            halo: Rgba::hex(0xffffff).with_alpha(0.85),
        }
    }
}

/// Alliance colours: Paul Tol's "muted" qualitative scheme, designed to stay distinct for
/// colour-blind readers, darkest first so that the first alliances read best on the pale map.
/// Alliances beyond nine reuse the colours with a dashed line (see [`Palette::alliance_dashed`]).
const ALLIANCE: [u32; 9] = [
    0x332288, 0xcc6677, 0x117733, 0x882255, 0x44aa99, 0xaa4499, 0x999933, 0x88ccee, 0xddcc77,
];

impl Palette {
    /// Fill of a prefecture by its province.
    pub fn province_fill(&self, province: &str) -> Rgba {
        Rgba::hex(match province {
            "Shanghai" => 0xf2ddd0,
            "Jiangsu" => 0xe1ead3,
            "Zhejiang" => 0xd8e6ef,
            "Anhui" => 0xf0e8cc,
            "Fujian" => 0xe6def0,
            "Jiangxi" => 0xd9ece3,
            _ => 0xeeeeee,
        })
    }

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
    city_border: 0.6,
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
