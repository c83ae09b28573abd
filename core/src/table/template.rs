//! The evidence a rule set reads, per unit kind, as columns: the evidence template
//! (`antq template` writes it as a workbook; Python gives it as an empty typed frame) and the
//! indicator listing (`antq.indicators`), one row per column with the criteria reading it.
//!
//! ```
//! use antq::table::template_columns;
//! let rules = antq::RuleSet::preset("vn.c124-2021").unwrap();
//! let cols = template_columns(&rules, antq::Kind::ResidentialArea).unwrap();
//! let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
//! assert_eq!(&names[..2], ["unit", "year"]);
//! assert!(names.contains(&"households_registered"));
//! ```

use super::{Column, Table, Want, want};
use crate::error::{Error, Result};
use crate::model::text::Text;
use crate::model::unit::Kind;
use crate::rules::{Criterion, RuleSet, Test};
use std::borrow::Cow;

/// One column of an evidence template.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TemplateColumn {
    /// The column name (`households_total`, `attested:RA-2`…).
    pub name: String,
    /// What the column holds, in Vietnamese and English.
    pub label: Text,
    /// The type of its cells.
    pub want: Want,
    /// The largest value allowed (a points item's maximum).
    pub max: Option<f64>,
}

pub(crate) fn column(name: impl Into<String>, vi: &str, en: &str, want: Want) -> TemplateColumn {
    TemplateColumn { name: name.into(), label: Text::new(vi, en), want, max: None }
}

/// The label of the criterion an attested key or points item belongs to.
fn criterion_label(rules: &RuleSet, key: &str) -> Text {
    let names_key = |c: &&crate::rules::Criterion| {
        c.id == key
            || c.test
                .walk()
                .iter()
                .any(|t| matches!(t, Test::Attested { key: Some(k) } if crate::current_key(k) == key))
    };
    rules.criteria.iter().find(names_key).map_or_else(|| Text::new(key, key), |c| c.label.clone())
}

/// Refuses a unit kind `rules` does not evaluate: the caller's argument is wrong, not the
/// rule set, so it is [`Error::BadArgument`] (`kind`), listing the kinds it evaluates.
///
/// ```
/// let rules = antq::RuleSet::preset("vn.c124-2021").unwrap();
/// let e = antq::table::evaluated_kind(&rules, antq::Kind::Province).unwrap_err();
/// assert_eq!(e.code(), "bad_argument");
/// assert!(e.to_string().contains("it evaluates: commune"));
/// ```
pub fn evaluated_kind(rules: &RuleSet, kind: Kind) -> Result<()> {
    let evaluated = rules.kinds();
    if evaluated.contains(&kind) {
        return Ok(());
    }
    let kinds: Vec<&str> = evaluated.iter().map(|k| k.as_str()).collect();
    Err(Error::BadArgument {
        argument: "kind".into(),
        message: format!("`{}` evaluates no {} unit; it evaluates: {}", rules.id, kind.as_str(), kinds.join(", ")),
    })
}

/// The evidence columns `rules` reads for units of `kind`, `unit` and `year` first.
/// Refused when the rule set evaluates no unit of that kind ([`evaluated_kind`]).
pub fn template_columns(rules: &RuleSet, kind: Kind) -> Result<Vec<TemplateColumn>> {
    evaluated_kind(rules, kind)?;
    let vocabulary = crate::eval::Vocabulary::of(rules);
    let (indicators, keys, items) = vocabulary.of_kind(kind);
    let mut cols = vec![
        column("unit", "Mã đơn vị", "Unit id", Want::Text),
        column("year", "Năm đánh giá", "Evaluation year", Want::Int),
    ];
    for i in indicators {
        let (vi, en) = i.names();
        cols.push(column(i.as_str(), vi, en, want("evidence", i.as_str())));
    }
    for k in keys {
        let l = criterion_label(rules, k);
        cols.push(column(format!("attested:{k}"), &l.vi, &l.en, Want::Attested));
    }
    for item in items {
        let l = criterion_label(rules, item);
        let max = rules.criteria.iter().find(|c| c.id == item).and_then(|c| match &c.test {
            Test::Points { max, .. } => Some(max.as_f64()),
            _ => None,
        });
        for (which, vi, en) in [("self", "tự chấm", "self-assessed"), ("reviewed", "thẩm định", "reviewed")] {
            let name = format!("points:{item}:{which}");
            let label = Text::new(format!("{} ({vi})", l.vi), format!("{} ({en})", l.en));
            cols.push(TemplateColumn { name, label, want: Want::Points, max });
        }
    }
    Ok(cols)
}

/// The columns of [`indicators_table`].
pub const INDICATOR_COLUMNS: &[&str] = &["kind", "column", "type", "criteria", "label_en", "label_vi", "max"];

/// The name of a column type, as the tables show it.
fn type_name(w: Want) -> &'static str {
    match w {
        Want::Text => "text",
        Want::Int => "integer",
        Want::Bool => "boolean",
        Want::Date => "date",
        Want::Attested => "attested",
        Want::Points => "points",
    }
}

/// Whether criterion `c` reads evidence column `column` (an indicator, `attested:KEY`,
/// `points:ITEM:…`).
fn reads(c: &Criterion, column: &str) -> bool {
    if let Some(item) = column.strip_prefix("points:") {
        return item.rsplit_once(':').is_some_and(|(id, _)| id == c.id);
    }
    let walk = c.test.walk();
    if let Some(key) = column.strip_prefix("attested:") {
        return walk.iter().any(
            |t| matches!(t, Test::Attested { key: k } if crate::current_key(k.as_deref().unwrap_or(&c.id)) == key),
        );
    }
    walk.iter().any(|t| match t {
        Test::Deadline { indicator, .. }
        | Test::AtLeast { indicator, .. }
        | Test::AtMost { indicator, .. }
        | Test::Flag { indicator, .. } => indicator.as_str() == column,
        Test::Ratio { numerator, denominator, .. } => numerator.as_str() == column || denominator.as_str() == column,
        _ => false,
    })
}

/// The evidence `rules` reads, one row per unit kind and column ([`INDICATOR_COLUMNS`]):
/// the column's type (`integer`, `date`, `attested`, `points`…), the criteria of that kind
/// reading it (a list; empty for a roll-up's children, read through their parent), its
/// labels and a points item's maximum. `kind` keeps one unit kind (refused when the rule
/// set evaluates none of it).
///
/// ```
/// let rules = antq::RuleSet::preset("vn.c124-2021").unwrap();
/// let t = antq::table::indicators_table(&rules, Some(antq::Kind::ResidentialArea)).unwrap();
/// assert_eq!(t.header(), antq::table::INDICATOR_COLUMNS);
/// assert!(t.num_rows() > 0);
/// ```
pub fn indicators_table(rules: &RuleSet, kind: Option<Kind>) -> Result<Table<'static>> {
    let kinds = match kind {
        Some(k) => vec![k],
        None => Kind::ALL.iter().copied().filter(|k| rules.kinds().contains(k)).collect(),
    };
    let mut rows: Vec<(Kind, TemplateColumn)> = Vec::new();
    for k in kinds {
        let cols = template_columns(rules, k)?;
        rows.extend(cols.into_iter().filter(|c| c.name != "unit" && c.name != "year").map(|c| (k, c)));
    }
    let criteria = |k: Kind, column: &str| -> Vec<Cow<'static, str>> {
        rules
            .criteria
            .iter()
            .filter(|c| c.kinds.contains(&k) && reads(c, column))
            .map(|c| Cow::Owned(c.id.clone()))
            .collect()
    };
    Ok(Table::of(
        "indicators",
        INDICATOR_COLUMNS,
        vec![
            Column::Text(rows.iter().map(|(k, _)| Some(Cow::Borrowed(k.as_str()))).collect()),
            Column::Text(rows.iter().map(|(_, c)| Some(Cow::Owned(c.name.clone()))).collect()),
            Column::Text(rows.iter().map(|(_, c)| Some(Cow::Borrowed(type_name(c.want)))).collect()),
            Column::TextList(rows.iter().map(|(k, c)| Some(criteria(*k, &c.name))).collect()),
            Column::Text(rows.iter().map(|(_, c)| Some(Cow::Owned(c.label.en.clone()))).collect()),
            Column::Text(rows.iter().map(|(_, c)| Some(Cow::Owned(c.label.vi.clone()))).collect()),
            Column::Float(rows.iter().map(|(_, c)| c.max).collect()),
        ],
    ))
}

/// An empty evidence table for units of `kind` under `rules`: the template's columns
/// ([`template_columns`]), each typed as the import reads it best (counts as integers,
/// dates as dates, booleans as booleans, attested keys as text, points as numbers).
///
/// ```
/// let rules = antq::RuleSet::preset("vn.c124-2021").unwrap();
/// let t = antq::table::evidence_template(&rules, antq::Kind::Commune).unwrap();
/// assert_eq!(t.num_rows(), 0);
/// assert_eq!(t.header()[..2], ["unit", "year"]);
/// ```
pub fn evidence_template(rules: &RuleSet, kind: Kind) -> Result<Table<'static>> {
    let mut t = Table::new("evidence");
    for c in template_columns(rules, kind)? {
        let column = match c.want {
            Want::Int => Column::Int(Vec::new()),
            Want::Bool => Column::Bool(Vec::new()),
            Want::Date => Column::Date(Vec::new()),
            Want::Points => Column::Float(Vec::new()),
            Want::Text | Want::Attested => Column::Text(Vec::new()),
        };
        t.push(c.name, column);
    }
    Ok(t)
}
