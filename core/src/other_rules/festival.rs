//! The festival day of the movement (Ngày hội toàn dân bảo vệ an ninh Tổ quốc) and its
//! season (DOMAIN §1, §6).
//!
//! The festival day is 19 August every year, from 2005 (Decision 521/QĐ-TTg, 2005) \[V\]. The
//! festival season, with awards and signed pledges, runs from "early July" to 19 August \[V\];
//! "early July" is not a date, so the season's first day is the parameter
//! [`FestivalParams::season_start`], default 1 July, always reported as illustrative. Both
//! ends of the season are included.
//!
//! ```
//! use antq::festival::{check, FestivalParams};
//! use chrono::NaiveDate;
//! let c = check(NaiveDate::from_ymd_opt(2025, 7, 15).unwrap(), &FestivalParams::default()).unwrap();
//! assert!(c.in_season && !c.is_festival_day);
//! assert_eq!(c.next_festival_day.unwrap().to_string(), "2025-08-19");
//! ```

use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::model::date::{Window, YearDate};
use crate::model::text::{LegalRef, Text};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The first year with a festival day (Decision 521/QĐ-TTg, 2005).
pub const FIRST_YEAR: i32 = 2005;
/// The festival day's month.
pub const MONTH: u32 = 8;
/// The festival day's day of month.
pub const DAY: u32 = 19;

/// The season's parameters.
///
/// ```
/// use antq::festival::FestivalParams;
/// let p: FestivalParams = serde_json::from_str(r#"{"season_start": "Y-07-05"}"#).unwrap();
/// assert_eq!(p.season_start.to_string(), "Y-07-05");
/// assert_eq!(FestivalParams::default().season_start.to_string(), "Y-07-01");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FestivalParams {
    /// The season's first day, in the festival's year (`Y-MM-DD`, on or before `Y-08-19`).
    /// Default `Y-07-01`: an illustrative reading of "early July".
    #[serde(default = "default_start")]
    pub season_start: YearDate,
}

fn default_start() -> YearDate {
    YearDate { year_offset: 0, month: 7, day: 1 }
}

impl Default for FestivalParams {
    fn default() -> Self {
        FestivalParams { season_start: default_start() }
    }
}

/// A date to check, with the parameters.
///
/// ```
/// use antq::festival::FestivalInput;
/// let i: FestivalInput = serde_json::from_str(r#"{"date": "2025-08-19"}"#).unwrap();
/// assert_eq!(i.params, Default::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FestivalInput {
    /// The date.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub date: NaiveDate,
    /// Parameters; defaults when absent.
    #[serde(default)]
    pub params: FestivalParams,
}

/// What a date is, for the festival.
///
/// ```
/// # use antq::festival::*;
/// let c = check(chrono::NaiveDate::from_ymd_opt(2004, 8, 19).unwrap(), &FestivalParams::default()).unwrap();
/// assert!(!c.is_festival_day && c.festival_day.is_none()); // before Decision 521/QĐ-TTg
/// assert_eq!(c.next_festival_day.unwrap().to_string(), "2005-08-19");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FestivalCheck {
    /// The date checked.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub date: NaiveDate,
    /// The festival day of the date's year (`None` before 2005).
    #[serde(deserialize_with = "crate::model::date::iso_opt", default)]
    pub festival_day: Option<NaiveDate>,
    /// The season of the date's year, both ends included (`None` before 2005).
    pub season: Option<Window>,
    /// Whether the date is the festival day.
    pub is_festival_day: bool,
    /// Whether the date is in the season (the festival day included).
    pub in_season: bool,
    /// The festival day on or after the date.
    #[serde(deserialize_with = "crate::model::date::iso_opt", default)]
    pub next_festival_day: Option<NaiveDate>,
    /// Parameters used.
    pub parameters: FestivalParams,
    /// Parameters whose values are not published rules (always `season_start`).
    pub illustrative: Vec<String>,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
    /// A sentence in both languages.
    pub explanation: Text,
}

/// The legal basis of the festival day.
pub fn legal_basis() -> Vec<LegalRef> {
    vec![LegalRef { document: "521/QĐ-TTg".into(), article: None, clause: None }]
}

/// The festival day of `year`: 19 August, from 2005 on.
///
/// ```
/// assert_eq!(antq::festival::festival_day(2025).unwrap().to_string(), "2025-08-19");
/// assert!(antq::festival::festival_day(2004).is_none());
/// ```
pub fn festival_day(year: i32) -> Option<NaiveDate> {
    if year < FIRST_YEAR {
        return None;
    }
    NaiveDate::from_ymd_opt(year, MONTH, DAY)
}

/// Whether `date` is the festival day.
///
/// ```
/// use chrono::NaiveDate;
/// assert!(antq::festival::is_festival_day(NaiveDate::from_ymd_opt(2023, 8, 19).unwrap()));
/// assert!(!antq::festival::is_festival_day(NaiveDate::from_ymd_opt(2023, 8, 20).unwrap()));
/// ```
pub fn is_festival_day(date: NaiveDate) -> bool {
    festival_day(date.year()) == Some(date)
}

fn validate(params: &FestivalParams) -> Result<()> {
    let s = params.season_start;
    if s.year_offset != 0 || (u32::from(s.month), u32::from(s.day)) > (MONTH, DAY) {
        return Err(Error::InvalidDataset(vec![
            Problem::new(
                ProblemCode::BadValue,
                Location::path("params.season_start"),
                format!("season_start `{s}` must be in the festival's year, on or before Y-08-19"),
            )
            .with_vi(format!("season_start `{s}` phải nằm trong năm của ngày hội, không sau Y-08-19")),
        ]));
    }
    Ok(())
}

/// The season of `year`: `season_start` to 19 August, both included; `None` before 2005.
///
/// ```
/// use antq::festival::{season, FestivalParams};
/// let w = season(2025, &FestivalParams::default()).unwrap().unwrap();
/// assert_eq!(w.to_string(), "2025-07-01 – 2025-08-19");
/// ```
///
/// # Errors
///
/// [`Error::InvalidDataset`] when `season_start` is not in the festival's year on or before
/// 19 August.
pub fn season(year: i32, params: &FestivalParams) -> Result<Option<Window>> {
    validate(params)?;
    Ok(festival_day(year).map(|end| Window::new(params.season_start.resolve(year), end)))
}

/// Whether `date` is in its year's season.
///
/// ```
/// use antq::festival::{in_season, FestivalParams};
/// use chrono::NaiveDate;
/// let p = FestivalParams::default();
/// assert!(in_season(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(), &p).unwrap());
/// assert!(!in_season(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(), &p).unwrap());
/// ```
///
/// # Errors
///
/// As [`season`].
pub fn in_season(date: NaiveDate, params: &FestivalParams) -> Result<bool> {
    Ok(season(date.year(), params)?.is_some_and(|w| w.contains(date)))
}

/// Everything about `date` and the festival.
///
/// ```
/// use antq::festival::{check, FestivalParams};
/// let c = check(chrono::NaiveDate::from_ymd_opt(2025, 8, 20).unwrap(), &FestivalParams::default()).unwrap();
/// assert!(!c.in_season);
/// assert_eq!(c.next_festival_day.unwrap().to_string(), "2026-08-19");
/// ```
///
/// # Errors
///
/// As [`season`].
pub fn check(date: NaiveDate, params: &FestivalParams) -> Result<FestivalCheck> {
    let season = season(date.year(), params)?;
    let this_year = festival_day(date.year());
    let is_festival_day = this_year == Some(date);
    let in_season = season.is_some_and(|w| w.contains(date));
    let next_festival_day = if date.year() < FIRST_YEAR {
        festival_day(FIRST_YEAR)
    } else {
        match this_year {
            Some(d) if d >= date => Some(d),
            _ => date.year().checked_add(1).and_then(festival_day),
        }
    };
    let explanation = match (this_year, season) {
        (None, _) | (_, None) => Text::new(
            format!("Năm {} chưa có Ngày hội (Quyết định 521/QĐ-TTg, 2005)", date.year()),
            format!("No festival day in {}: it exists from 2005 (Decision 521/QĐ-TTg)", date.year()),
        ),
        (Some(_), Some(_)) if is_festival_day => {
            Text::new("Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8)", "The movement's festival day (19 August)")
        }
        (Some(_), Some(w)) if in_season => Text::new(
            format!("Trong đợt cao điểm Ngày hội ({} – {})", w.start, w.end),
            format!("In the festival season ({} – {})", w.start, w.end),
        ),
        (Some(_), Some(w)) => Text::new(
            format!("Ngoài đợt cao điểm Ngày hội ({} – {})", w.start, w.end),
            format!("Outside the festival season ({} – {})", w.start, w.end),
        ),
    };
    Ok(FestivalCheck {
        date,
        festival_day: this_year,
        season,
        is_festival_day,
        in_season,
        next_festival_day,
        parameters: *params,
        illustrative: vec!["season_start".to_owned()],
        legal_basis: legal_basis(),
        explanation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn festival_day_is_19_august_from_2005() {
        assert_eq!(festival_day(2005), Some(d(2005, 8, 19)));
        assert_eq!(festival_day(2004), None);
        assert!(is_festival_day(d(2005, 8, 19)));
        assert!(!is_festival_day(d(2004, 8, 19)));
        assert!(!is_festival_day(d(2025, 8, 18)));
        assert!(!is_festival_day(d(2025, 8, 20)));
    }

    #[test]
    fn season_includes_both_ends() {
        let p = FestivalParams::default();
        assert!(!in_season(d(2025, 6, 30), &p).unwrap());
        assert!(in_season(d(2025, 7, 1), &p).unwrap());
        assert!(in_season(d(2025, 8, 19), &p).unwrap());
        assert!(!in_season(d(2025, 8, 20), &p).unwrap());
        assert!(!in_season(d(2004, 7, 15), &p).unwrap());
    }

    #[test]
    fn season_start_is_a_parameter() {
        let p = FestivalParams { season_start: "Y-07-10".parse().unwrap() };
        assert!(!in_season(d(2025, 7, 9), &p).unwrap());
        assert!(in_season(d(2025, 7, 10), &p).unwrap());
        let one_day = FestivalParams { season_start: "Y-08-19".parse().unwrap() };
        assert_eq!(season(2025, &one_day).unwrap().unwrap(), Window::new(d(2025, 8, 19), d(2025, 8, 19)));
        let c = check(d(2025, 7, 9), &p).unwrap();
        assert_eq!(c.parameters, p);
        assert_eq!(c.illustrative, vec!["season_start".to_string()]);
    }

    #[test]
    fn bad_season_start_is_refused() {
        for s in ["Y-08-20", "Y-12-01", "Y-1-07-01"] {
            let p = FestivalParams { season_start: s.parse().unwrap() };
            let e = in_season(d(2025, 7, 15), &p).unwrap_err();
            assert_eq!(e.problems()[0].location.path.as_deref(), Some("params.season_start"), "{s}");
            assert_eq!(e.problems()[0].code, ProblemCode::BadValue);
        }
    }

    #[test]
    fn check_reports_everything() {
        let p = FestivalParams::default();
        let c = check(d(2025, 8, 19), &p).unwrap();
        assert!(c.is_festival_day && c.in_season);
        assert_eq!(c.next_festival_day, Some(d(2025, 8, 19)));
        assert!(c.explanation.en.contains("festival day"));
        let after = check(d(2025, 8, 20), &p).unwrap();
        assert!(!after.in_season && !after.is_festival_day);
        assert_eq!(after.next_festival_day, Some(d(2026, 8, 19)));
        assert_eq!(after.season, Some(Window::new(d(2025, 7, 1), d(2025, 8, 19))));
        assert!(after.explanation.en.contains("Outside"));
        let before = check(d(2000, 1, 1), &p).unwrap();
        assert_eq!((before.festival_day, before.season, before.next_festival_day), (None, None, Some(d(2005, 8, 19))));
        assert!(before.explanation.en.contains("from 2005"));
        assert_eq!(check(NaiveDate::MAX, &p).unwrap().next_festival_day, None);
        assert_eq!(c.legal_basis[0].document, "521/QĐ-TTg");
    }

    #[test]
    fn serde_refuses_unknown_fields_and_round_trips() {
        assert!(serde_json::from_str::<FestivalInput>(r#"{"date": "2025-08-19", "x": 1}"#).is_err());
        assert!(serde_json::from_str::<FestivalParams>(r#"{"start": "Y-07-01"}"#).is_err());
        let c = check(d(2025, 7, 2), &FestivalParams::default()).unwrap();
        let back: FestivalCheck = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(back, c);
    }
}
