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
