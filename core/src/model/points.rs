//! Exact decimal points, stored as hundredths.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A number of points with two exact decimals (stored as hundredths).
///
/// Points read from JSON or TOML as numbers (`2.5`) or strings (`"2.5"`);
/// more than two decimals is an error, never a silent rounding.
///
/// ```
/// use antq::Points;
/// let p: Points = "2.25".parse().unwrap();
/// assert_eq!(p.hundredths(), 225);
/// assert_eq!((p + Points::from_whole(3)).to_string(), "5.25");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Points(i64);

impl Points {
    /// Zero points.
    pub const ZERO: Points = Points(0);

    /// Whole points.
    pub const fn from_whole(n: i64) -> Self {
        Points(n * 100)
    }

    /// Points from hundredths.
    pub const fn from_hundredths(h: i64) -> Self {
        Points(h)
    }

    /// The value in hundredths.
    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// The value as a float, for display and plotting only.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// The value as a whole number, if it has no fraction.
    ///
    /// ```
    /// use antq::Points;
    /// assert_eq!(Points::from_whole(5).whole(), Some(5));
    /// assert_eq!("2.5".parse::<Points>().unwrap().whole(), None);
    /// ```
    pub fn whole(self) -> Option<i64> {
        (self.0 % 100 == 0).then_some(self.0 / 100)
    }

    /// Saturating multiplication by a count.
    pub fn times(self, n: u64) -> Self {
        Points(self.0.saturating_mul(i64::try_from(n).unwrap_or(i64::MAX)))
    }

    fn from_f64(v: f64) -> Result<Self, String> {
        if !v.is_finite() || v.abs() > 1e12 {
            return Err(format!("{v} is not a valid number of points"));
        }
        let h = (v * 100.0).round();
        if ((v * 100.0) - h).abs() > 1e-6 {
            return Err(format!("{v} has more than two decimals"));
        }
        Ok(Points(h as i64))
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, rhs: Points) -> Points {
        Points(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::Sub for Points {
    type Output = Points;
    fn sub(self, rhs: Points) -> Points {
        Points(self.0.saturating_sub(rhs.0))
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, |a, b| a + b)
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        match a % 100 {
            0 => write!(f, "{sign}{}", a / 100),
            r if r % 10 == 0 => write!(f, "{sign}{}.{}", a / 100, r / 10),
            r => write!(f, "{sign}{}.{r:02}", a / 100),
        }
    }
}

impl std::str::FromStr for Points {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let (neg, body) = match t.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, t),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, "0"));
        let ok = !int.is_empty()
            && !frac.is_empty()
            && int.len() <= 12
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.len() <= 2
            && frac.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            return Err(format!("`{s}` is not a number of points with at most two decimals"));
        }
        let whole: i64 = int.parse().map_err(|_| format!("`{s}` is out of range"))?;
        let mut f: i64 = if frac.is_empty() { 0 } else { frac.parse().unwrap_or(0) };
        if frac.len() == 1 {
            f *= 10;
        }
        let v = whole * 100 + f;
        Ok(Points(if neg { -v } else { v }))
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 { s.serialize_i64(self.0 / 100) } else { s.serialize_f64(self.as_f64()) }
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Points;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number of points with at most two decimals")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Points, E> {
                v.checked_mul(100).map(Points).ok_or_else(|| E::custom("points out of range"))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Points, E> {
                i64::try_from(v)
                    .ok()
                    .and_then(|v| v.checked_mul(100))
                    .map(Points)
                    .ok_or_else(|| E::custom("points out of range"))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Points, E> {
                Points::from_f64(v).map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Points, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::Points;

    #[test]
    fn parses_and_prints_two_decimals_exactly() {
        for (s, h) in [("0", 0), ("3", 300), ("2.5", 250), ("89.99", 8999), ("-6", -600), ("0.05", 5)] {
            let p: Points = s.parse().unwrap();
            assert_eq!(p.hundredths(), h, "{s}");
            assert_eq!(p.to_string(), s);
        }
        for bad in ["", "1.234", "abc", "1e3", "--1", "1."] {
            assert!(bad.parse::<Points>().is_err(), "{bad}");
        }
    }

    #[test]
    fn json_numbers_round_trip_and_reject_three_decimals() {
        let p: Points = serde_json::from_str("3.33").unwrap();
        assert_eq!(p.hundredths(), 333);
        assert_eq!(serde_json::to_string(&p).unwrap(), "3.33");
        assert_eq!(serde_json::to_string(&Points::from_whole(5)).unwrap(), "5");
        assert!(serde_json::from_str::<Points>("3.333").is_err());
        assert!(serde_json::from_str::<Points>("\"2.5\"").is_ok());
    }
}
