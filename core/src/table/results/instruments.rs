//! The instruments of the law as a table.

use super::{Column, Table};
use std::borrow::Cow;

/// The columns of [`instruments_table`].
pub const INSTRUMENT_COLUMNS: &[&str] = &[
    "family",
    "id",
    "encoding",
    "from",
    "until",
    "period_certainty",
    "version",
    "content_hash",
    "legal_basis",
    "title_en",
    "title_vi",
];

/// Every instrument antq knows ([`crate::law::registry`]), one row each: family, id, what
/// antq encodes of it, its period and how certain the period is, version, content hash and
/// legal basis.
///
/// ```
/// let t = antq::table::instruments_table();
/// assert!(t.column("family").is_some() && t.column("from").is_some());
/// assert_eq!(t.num_rows(), antq::law::registry().len());
/// ```
pub fn instruments_table() -> Table<'static> {
    let all = crate::law::registry();
    let text =
        |f: fn(&'static crate::law::Instrument) -> Option<Cow<'static, str>>| Column::Text(all.iter().map(f).collect());
    let nonempty = |s: &'static str| (!s.is_empty()).then_some(Cow::Borrowed(s));
    Table::new("instruments")
        .with("family", text(|i| Some(Cow::Borrowed(i.family.as_str()))))
        .with("id", text(|i| Some(Cow::Borrowed(i.id.as_str()))))
        .with("encoding", text(|i| Some(Cow::Borrowed(i.encoding.as_str()))))
        .with("from", Column::Date(all.iter().map(|i| i.effective.from).collect()))
        .with("until", Column::Date(all.iter().map(|i| i.effective.until).collect()))
        .with("period_certainty", text(|i| i.effective.certainty.map(|c| Cow::Borrowed(c.as_str()))))
        .with("version", Column::Text(all.iter().map(|i| nonempty(&i.version)).collect()))
        .with("content_hash", Column::Text(all.iter().map(|i| nonempty(&i.content_hash)).collect()))
        .with(
            "legal_basis",
            text(|i| {
                Some(Cow::Owned(i.legal_basis.iter().map(|l| l.document.as_str()).collect::<Vec<_>>().join("; ")))
            }),
        )
        .with("title_en", text(|i| Some(Cow::Borrowed(i.title.en.as_str()))))
        .with("title_vi", text(|i| Some(Cow::Borrowed(i.title.vi.as_str()))))
}
