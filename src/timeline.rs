//! The timeline's rules: what exists in a given year. An alliance shows from the first year
//! the sources attest it (its founding, else its earliest dated project or figure); a park
//! from its earliest date, else its cooperation's; something with no date at all only when no
//! year is chosen, since an unknown date is no evidence for any year.

use crate::model::Dataset;

/// The year an ISO date (possibly partial) begins with.
pub fn year_of(date: &str) -> Option<i32> {
    date.get(..4)?.parse().ok()
}

/// The first year the sources attest an alliance: its founding year, or, when that is
/// unknown, the year of its earliest dated project or figure.
pub fn first_year(a: &crate::model::Alliance) -> Option<i32> {
    a.founded.as_deref().and_then(year_of).or_else(|| {
        a.projects
            .iter()
            .filter_map(|p| p.date.as_deref().and_then(year_of))
            .chain(a.indicators.iter().filter_map(|i| i.year))
            .min()
    })
}

/// Whether an alliance is on the map in `year` (None: every year): from the first year the
/// sources attest it. One with no dated record at all shows only when no year is chosen: an
/// unknown date is not evidence that it existed in any given year.
pub fn alliance_exists(a: &crate::model::Alliance, year: Option<i32>) -> bool {
    match (first_year(a), year) {
        (_, None) => true,
        (Some(f), Some(y)) => f <= y,
        (None, Some(_)) => false,
    }
}

/// Whether a park is on the map in `year` (None: every year), by [`park_first_year`]; one with
/// no dated record at all shows only when no year is chosen, as alliances do.
pub fn park_exists(ds: &Dataset, p: &crate::model::Park, year: Option<i32>) -> bool {
    match (park_first_year(ds, p), year) {
        (_, None) => true,
        (Some(f), Some(y)) => f <= y,
        (None, Some(_)) => false,
    }
}

/// The first year the sources attest a park: its earliest date, else its cooperation's.
pub fn park_first_year(ds: &Dataset, p: &crate::model::Park) -> Option<i32> {
    p.dates
        .iter()
        .filter_map(|d| year_of(&d.date))
        .min()
        .or_else(|| {
            let a = p.alliance.as_deref()?;
            ds.alliances.iter().find(|x| x.id == a).and_then(first_year)
        })
}

/// Whether an alliance founded on `founded` exists in `year`. An unknown founding date counts
/// as existing: the articles show it existed by the time they were written.
pub fn exists_in(founded: Option<&str>, year: Option<i32>) -> bool {
    match (founded.and_then(year_of), year) {
        (Some(f), Some(y)) => f <= y,
        _ => true,
    }
}

/// The whole years the data covers: the earliest and latest founding, project, park and
/// figure date.
pub fn year_range(ds: &Dataset) -> Option<(i32, i32)> {
    let years: Vec<i32> = ds
        .alliances
        .iter()
        .flat_map(|a| {
            a.founded
                .iter()
                .chain(a.projects.iter().filter_map(|p| p.date.as_ref()))
        })
        .chain(
            ds.parks
                .iter()
                .flat_map(|p| p.dates.iter().map(|d| &d.date)),
        )
        .filter_map(|d| year_of(d))
        .chain(
            ds.alliances
                .iter()
                .flat_map(|a| a.indicators.iter().filter_map(|i| i.year)),
        )
        .collect();
    Some((*years.iter().min()?, *years.iter().max()?))
}
