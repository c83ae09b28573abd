//! Dates relative to an evaluation year, and evaluation windows.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date given relative to the evaluation year `Y`, written
/// `Y-MM-DD` or `Y-1-MM-DD` (the year before).
///
/// ```
/// use antq::YearDate;
/// let q1_end: YearDate = "Y-03-31".parse().unwrap();
/// assert_eq!(q1_end.resolve(2023).to_string(), "2023-03-31");
/// let start: YearDate = "Y-1-11-16".parse().unwrap();
/// assert_eq!(start.resolve(2023).to_string(), "2022-11-16");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearDate {
    /// Years added to `Y` (0 or negative).
    pub year_offset: i8,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, valid in every year (29 February is refused).
    pub day: u8,
}

impl YearDate {
    /// The date in evaluation year `year`.
    pub fn resolve(self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year + i32::from(self.year_offset), self.month.into(), self.day.into())
            // The constructor only admits month/day pairs valid in every year.
            .unwrap_or(NaiveDate::MIN)
    }
}

impl fmt::Display for YearDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year_offset {
            0 => write!(f, "Y-{:02}-{:02}", self.month, self.day),
            o => write!(f, "Y{o:+}-{:02}-{:02}", self.month, self.day),
        }
    }
}

impl std::str::FromStr for YearDate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a year-relative date like `Y-03-31` or `Y-1-11-16`");
        let rest = s.strip_prefix('Y').ok_or_else(bad)?;
        let parts: Vec<&str> = rest.split('-').collect();
        let (offset, mm, dd) = match parts.as_slice() {
            ["", m, d] => (0i8, *m, *d),
            ["", k, m, d] => (-k.parse::<i8>().map_err(|_| bad())?, *m, *d),
            _ => return Err(bad()),
        };
        if !(-5..=0).contains(&offset) || mm.len() != 2 || dd.len() != 2 {
            return Err(bad());
        }
        let month: u8 = mm.parse().map_err(|_| bad())?;
        let day: u8 = dd.parse().map_err(|_| bad())?;
        // 2001 is not a leap year: this refuses 29 February, which does not exist every year.
        if NaiveDate::from_ymd_opt(2001, month.into(), day.into()).is_none() {
            return Err(format!("`{s}`: {month:02}-{day:02} is not a day that exists in every year"));
        }
        Ok(YearDate { year_offset: offset, month, day })
    }
}

impl Serialize for YearDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A closed date interval `[start, end]` of one evaluation year.
///
/// ```
/// use antq::Window;
/// use chrono::NaiveDate;
/// let w = Window::new(NaiveDate::from_ymd_opt(2022, 11, 16).unwrap(), NaiveDate::from_ymd_opt(2023, 11, 15).unwrap());
/// assert!(w.contains(NaiveDate::from_ymd_opt(2023, 11, 15).unwrap()));
/// assert!(!w.contains(NaiveDate::from_ymd_opt(2023, 11, 16).unwrap()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Window {
    /// First day counted.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub start: NaiveDate,
    /// Last day counted.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub end: NaiveDate,
}

impl Window {
    /// A window from `start` to `end`, both included.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Self {
        Window { start, end }
    }

    /// Whether `d` falls inside the window.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// The part of the window known on `as_of`: it ends on `as_of` at the latest (empty,
    /// ending the day before it starts, when `as_of` is before it).
    ///
    /// ```
    /// use antq::Window;
    /// let d = |m, day| chrono::NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let w = Window::new(d(1, 1), d(11, 15));
    /// assert_eq!(w.known_on(d(6, 30)), Window::new(d(1, 1), d(6, 30)));
    /// assert_eq!(w.known_on(d(12, 31)), w);
    /// assert!(!w.known_on(chrono::NaiveDate::from_ymd_opt(2022, 6, 1).unwrap()).contains(d(1, 1)));
    /// ```
    pub fn known_on(&self, as_of: NaiveDate) -> Window {
        let end = self.end.min(as_of).max(self.start.pred_opt().unwrap_or(self.start));
        Window { start: self.start, end }
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} – {}", self.start, self.end)
    }
}

/// Reads a date written `YYYY-MM-DD` (what every antq file and result holds), without
/// chrono's general-purpose parser (which would add its whole format engine to the
/// WebAssembly build).
///
/// ```
/// use chrono::NaiveDate;
/// assert_eq!(antq::parse_date("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
/// assert_eq!(antq::parse_date("2023-02-29"), None);
/// assert_eq!(antq::parse_date("2023-2-1"), None);
/// ```
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

struct DateVisitor;

impl serde::de::Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written YYYY-MM-DD")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NaiveDate, E> {
        parse_date(v).ok_or_else(|| E::custom(format!("`{v}` is not a valid date written YYYY-MM-DD")))
    }
}

/// `deserialize_with` for a date field (see [`parse_date`]).
pub(crate) fn iso<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(DateVisitor)
}

/// `deserialize_with` for an optional date field (with `default`).
pub(crate) fn iso_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    struct Opt;
    impl<'de> serde::de::Visitor<'de> for Opt {
        type Value = Option<NaiveDate>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a date written YYYY-MM-DD, or null")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            iso(d).map(Some)
        }
    }
    d.deserialize_option(Opt)
}

#[cfg(test)]
mod tests {
    use super::YearDate;

    #[test]
    fn year_relative_dates() {
        let d: YearDate = "Y-1-11-01".parse().unwrap();
        assert_eq!(d.resolve(2023).to_string(), "2022-11-01");
        assert_eq!(d.to_string(), "Y-1-11-01");
        assert_eq!("Y-03-31".parse::<YearDate>().unwrap().to_string(), "Y-03-31");
        for bad in ["Y-02-29", "2023-03-31", "Y-13-01", "Y-3-31", "Y+1-01-01", "Y-9-01-01"] {
            assert!(bad.parse::<YearDate>().is_err(), "{bad}");
        }
    }
}
