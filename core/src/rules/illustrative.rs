//! The phrases that name an illustrative default `[I]` or a sample value `[S]` in a unit's
//! `illustrative` list and a decision record's `illustrative_defaults`: made here, in
//! English as every result stores them, and read back here into Vietnamese for the
//! explanations ([`in_lang`]), so each phrase has both and the formats do not change.

use crate::model::text::{Certainty, Lang};
use std::borrow::Cow;
use std::fmt::Display;

/// How a quota tie's phrase (and the `quota_tie` lint) begins.
pub(crate) const QUOTA_TIE: &str = "quota tie [I]";

const CUTOFFS: (&str, &str) = ("level cut-offs of the ", " sheet");
const SAMPLE_LEVEL: &str = ": a sample level, not a published one";
const INFERRED_LEVEL: &str = ": not seen in published results";
const TIE: (&str, &str) = (
    ": a candidate in `",
    "` with as many criteria met (or that could have as many) is on the other side of the quota's edge; equals are ranked by unit id, which no published rule sets",
);

/// The level cut-offs of the sheet for `kinds` (`agency`, `residential_area/commune`).
pub(crate) fn level_cutoffs(kinds: impl Display) -> String {
    format!("{}{kinds}{}", CUTOFFS.0, CUTOFFS.1)
}

/// A level of a sheet marked `[I]` or `[S]`, as the rule set lists it.
pub(crate) fn sheet_level(id: &str, kinds: &str, certainty: Certainty) -> String {
    format!("level {id} of the {kinds} sheet [{}]", certainty.mark())
}

/// The level a unit reached, marked `[I]` (not seen in published results) or `[S]`.
pub(crate) fn level(id: &str, certainty: Certainty) -> String {
    let why = if certainty == Certainty::Sample { SAMPLE_LEVEL } else { INFERRED_LEVEL };
    format!("level {id} [{}]{why}", certainty.mark())
}

/// A parameter's value that is not a published rule.
pub(crate) fn parameter(key: &str, value: impl Display) -> String {
    format!("parameter {key} = {value}")
}

/// A prerequisite rule set that no published rule names.
pub(crate) fn prerequisite(id: &str) -> String {
    format!("prerequisite {id}")
}

/// A candidate on its side of the quota's edge only by the unit-id order among equals.
pub(crate) fn quota_tie(group: &str) -> String {
    format!("{QUOTA_TIE}{}{group}{}", TIE.0, TIE.1)
}

/// An illustrative phrase in `lang`: as stored in English, or its Vietnamese. A phrase this
/// version does not make (read from another version's result) is given as it is.
///
/// ```
/// use antq::Lang;
/// use antq::rules::illustrative::in_lang;
/// assert_eq!(in_lang("parameter min_met = 32", Lang::Vi), "tham số min_met = 32");
/// assert_eq!(in_lang("parameter min_met = 32", Lang::En), "parameter min_met = 32");
/// assert_eq!(in_lang("something else", Lang::Vi), "something else");
/// ```
pub fn in_lang(phrase: &str, lang: Lang) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(phrase),
        Lang::Vi => vietnamese(phrase).map_or(Cow::Borrowed(phrase), Cow::Owned),
    }
}

fn vietnamese(p: &str) -> Option<String> {
    if let Some(rest) = p.strip_prefix("parameter ") {
        return Some(format!("tham số {rest}"));
    }
    if let Some(rest) = p.strip_prefix("prerequisite ") {
        return Some(format!("điều kiện tiên quyết {rest}"));
    }
    if let Some(kinds) = p.strip_prefix(CUTOFFS.0).and_then(|r| r.strip_suffix(CUTOFFS.1)) {
        return Some(format!("ngưỡng điểm các mức của bảng điểm {}", kinds_vi(kinds)));
    }
    if let Some(group) = p.strip_prefix(QUOTA_TIE).and_then(|r| r.strip_prefix(TIE.0)?.strip_suffix(TIE.1)) {
        return Some(format!(
            "xếp bằng nhau ở ngưỡng chỉ tiêu [I]: một đơn vị dự xét trong `{group}` đạt (hoặc có thể đạt) số tiêu chí bằng đơn vị này nhưng nằm ở phía bên kia ngưỡng chỉ tiêu; các đơn vị bằng nhau được xếp theo mã đơn vị, điều mà không quy định công bố nào đặt ra"
        ));
    }
    let rest = p.strip_prefix("level ")?;
    if let Some(level) = rest.strip_suffix(SAMPLE_LEVEL) {
        return Some(format!("mức {level}: mức mẫu, không phải mức đã công bố"));
    }
    if let Some(level) = rest.strip_suffix(INFERRED_LEVEL) {
        return Some(format!("mức {level}: chưa thấy trong kết quả đã công bố"));
    }
    let (id, sheet) = rest.split_once(" of the ")?;
    let (kinds, mark) = sheet.rsplit_once(" sheet ")?;
    Some(format!("mức {id} của bảng điểm {} {mark}", kinds_vi(kinds)))
}

/// A sheet's kinds (`agency/enterprise`) in Vietnamese (`cơ quan/doanh nghiệp`); a name
/// that is no kind stays as it is.
fn kinds_vi(kinds: &str) -> String {
    let label = |k: &str| crate::Kind::from_code(k).map_or_else(|_| k.to_owned(), |k| k.label(Lang::Vi).to_owned());
    kinds.split('/').map(label).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every phrase this module makes has its Vietnamese, with the values it names.
    #[test]
    fn every_phrase_reads_back_into_vietnamese() {
        let made = [
            (level_cutoffs("residential_area/commune"), "ngưỡng điểm các mức của bảng điểm khu dân cư/cấp xã"),
            (
                sheet_level("yeu", "agency/enterprise", Certainty::Inferred),
                "mức yeu của bảng điểm cơ quan/doanh nghiệp [I]",
            ),
            (level("yeu", Certainty::Sample), "mức yeu [S]: mức mẫu, không phải mức đã công bố"),
            (level("yeu", Certainty::Inferred), "mức yeu [I]: chưa thấy trong kết quả đã công bố"),
            (parameter("quota_per_parent", 2), "tham số quota_per_parent = 2"),
            (prerequisite("vn.c124"), "điều kiện tiên quyết vn.c124"),
        ];
        for (en, vi) in &made {
            assert_eq!(in_lang(en, Lang::Vi), *vi, "{en}");
            assert_eq!(in_lang(en, Lang::En), *en);
        }
        let tie = quota_tie("KM-LN");
        assert!(tie.starts_with(QUOTA_TIE));
        let vi = in_lang(&tie, Lang::Vi);
        assert!(vi.starts_with("xếp bằng nhau ở ngưỡng chỉ tiêu [I]: một đơn vị dự xét trong `KM-LN`"), "{vi}");
    }
}
