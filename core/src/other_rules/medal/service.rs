//! Counting service: whole years by the anniversary rule, periods clamped to the reference
//! date and to the end of the last discipline, area coefficients.

use super::input::ServicePeriod;
use super::result::CountedPeriod;
use super::rules::{AreaKind, ServiceKind};
use chrono::{Days, NaiveDate};

/// Whole years from `from` to `on`: a year is complete on its anniversary (chrono's
/// `years_since`); a start on 29 February completes its years on 1 March outside leap years.
/// 0 when `on` is before `from`.
///
/// ```
/// use antq::medal::whole_years;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(whole_years(d(2010, 3, 1), d(2025, 3, 1)), 15);
/// assert_eq!(whole_years(d(2010, 3, 1), d(2025, 2, 28)), 14);
/// ```
pub fn whole_years(from: NaiveDate, on: NaiveDate) -> u32 {
    on.years_since(from).unwrap_or(0)
}

/// Counted service: the weighted days, the first counted day and the whole years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// The first counted day.
    pub first_day: Option<NaiveDate>,
    /// Weighted days.
    pub days: u64,
    /// Whole years of a continuous service of `days` days from `first_day`.
    pub years: u32,
    /// Each period as counted.
    pub periods: Vec<CountedPeriod>,
}

/// Counts `periods` of the kinds in `counts`, each day once with the highest coefficient
/// of the periods covering it (`coefficient` of its area), from `start` (if any) to the
/// day before `on` (see the module docs).
///
/// ```
/// use antq::medal::{count_service, ServicePeriod, ServiceKind, AreaKind};
/// let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let p = vec![ServicePeriod { kind: ServiceKind::GrassrootsSecurityTeam, area: AreaKind::Island,
///     from: d(2018, 1, 1), until: None }];
/// let s = count_service(&p, &[ServiceKind::GrassrootsSecurityTeam], |_| 2, None, d(2026, 1, 1));
/// assert_eq!((s.years, s.days), (16, 2 * 2922)); // 8 years (2,922 days) counted twice
/// ```
pub fn count_service(
    periods: &[ServicePeriod],
    counts: &[ServiceKind],
    coefficient: impl Fn(AreaKind) -> u32,
    start: Option<NaiveDate>,
    on: NaiveDate,
) -> Service {
    // Half-open intervals [a, b) with their coefficient.
    let mut spans: Vec<(NaiveDate, NaiveDate, u32)> = Vec::new();
    let mut out = Vec::with_capacity(periods.len());
    for p in periods {
        let counted = counts.contains(&p.kind);
        let c = if counted { coefficient(p.area).max(1) } else { 1 };
        let a = start.map_or(p.from, |s| p.from.max(s));
        let b = p.until.and_then(|u| u.succ_opt()).map_or(on, |u| u.min(on));
        let days = if a < b { u64::try_from((b - a).num_days()).unwrap_or(0) } else { 0 };
        if counted && days > 0 {
            spans.push((a, b, c));
        }
        out.push(CountedPeriod {
            kind: p.kind,
            area: p.area,
            from: p.from,
            until: p.until,
            counted,
            coefficient: c,
            days: if counted { days } else { 0 },
        });
    }
    let mut cuts: Vec<NaiveDate> = spans.iter().flat_map(|s| [s.0, s.1]).collect();
    cuts.sort();
    cuts.dedup();
    let mut total: u64 = 0;
    for w in cuts.windows(2) {
        let (x, y) = (w[0], w[1]);
        if let Some(c) = spans.iter().filter(|s| s.0 <= x && x < s.1).map(|s| s.2).max() {
            let n = u64::try_from((y - x).num_days()).unwrap_or(0);
            total = total.saturating_add(n.saturating_mul(u64::from(c)));
        }
    }
    let first_day = spans.iter().map(|s| s.0).min();
    let years = first_day.map_or(0, |f| whole_years(f, f.checked_add_days(Days::new(total)).unwrap_or(NaiveDate::MAX)));
    Service { first_day, days: total, years, periods: out }
}
