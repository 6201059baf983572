//! Numbers and dates as people read them, keeping the source's hedges ("over", "nearly").

use crate::model::Indicator;

/// A range of values as the legends write it: `1,000 – 2,500`, or one value when both are
/// equal.
pub fn range_text(lo: f64, hi: f64) -> String {
    if lo == hi {
        group_thousands(lo)
    } else {
        format!("{} – {}", group_thousands(lo), group_thousands(hi))
    }
}

/// `x` with `decimals` digits after the point (at most 9), as `format!("{x:.N}")` writes it
/// but with integer arithmetic: the module then carries no float-to-decimal formatting code.
/// Not finite: "0".
pub fn fixed(x: f64, decimals: u32) -> String {
    let d = decimals.min(9);
    let scale = 10u64.pow(d);
    if !x.is_finite() {
        return "0".into();
    }
    let n = (x.abs() * scale as f64).round();
    let n = if n >= u64::MAX as f64 {
        u64::MAX
    } else {
        n as u64
    };
    let (int, frac) = (n / scale, n % scale);
    let sign = if x < 0.0 && n > 0 { "-" } else { "" };
    if d == 0 {
        return format!("{sign}{int}");
    }
    let mut f = frac.to_string();
    while f.len() < d as usize {
        f.insert(0, '0');
    }
    format!("{sign}{int}.{f}")
}

/// Groups thousands: 29000 -> "29,000". Fractions keep up to two decimals.
pub fn group_thousands(v: f64) -> String {
    let neg = v < 0.0;
    let v = v.abs();
    let int = v.trunc() as u64;
    let frac = v - v.trunc();
    let digits = int.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if frac > 1e-9 {
        let f = fixed(frac, 2);
        out.push_str(f.trim_start_matches('0').trim_end_matches('0'));
    }
    if neg {
        format!("-{out}")
    } else {
        out
    }
}

/// A large amount in words: 3.2e12 -> "3.2 trillion", 6.117e11 -> "611.7 billion".
pub fn amount_words(v: f64) -> String {
    let scales = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")];
    for (s, word) in scales {
        if v.abs() >= s {
            let x = v / s;
            let t = fixed(x, 2);
            let t = t.trim_end_matches('0').trim_end_matches('.');
            return format!("{t} {word}");
        }
    }
    group_thousands(v)
}

/// An indicator as a phrase: "nearly 1,000 projects", "over 5 billion yuan", "13.75%".
pub fn indicator_text(i: &Indicator) -> String {
    let number = match i.unit.as_str() {
        "percent" => format!("{}%", group_thousands(i.value)),
        "yuan" => format!("{} yuan", amount_words(i.value)),
        unit => format!("{} {unit}", group_thousands(i.value)),
    };
    match i.qualifier.as_deref() {
        Some(q) => format!("{q} {number}"),
        None => number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceRef;

    fn ind(value: f64, unit: &str, q: Option<&str>) -> Indicator {
        Indicator {
            id: "x".into(),
            label_en: "x".into(),
            label_zh: None,
            label_zh_origin: None,
            value,
            qualifier: q.map(str::to_string),
            unit: unit.into(),
            period: None,
            year: None,
            source: SourceRef {
                source: "s".into(),
                quote: None,
            },
        }
    }

    #[test]
    fn keeps_hedges() {
        assert_eq!(
            indicator_text(&ind(1000.0, "projects", Some("nearly"))),
            "nearly 1,000 projects"
        );
        assert_eq!(
            indicator_text(&ind(5e9, "yuan", Some("over"))),
            "over 5 billion yuan"
        );
        assert_eq!(
            indicator_text(&ind(6.117e11, "yuan", None)),
            "611.7 billion yuan"
        );
        assert_eq!(indicator_text(&ind(13.75, "percent", None)), "13.75%");
        assert_eq!(indicator_text(&ind(16.5, "km²", None)), "16.5 km²");
    }
}
