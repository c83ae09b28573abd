//! The DOMAIN §6 results as tables: team rankings and medal assessments.

use super::{Column, Table, decided_by, int, list, owned, text};
use crate::medal::MedalAssessment;
use crate::model::text::Lang;
use crate::teams::{Reason, TeamRanking};
use std::borrow::Cow;

/// The columns of [`teams_table`].
pub const TEAM_COLUMNS: &[&str] = &[
    "id",
    "name",
    "subject",
    "role",
    "team_or_commune",
    "proposed",
    "level",
    "months_in_window",
    "reasons",
    "explanation",
    "instrument",
];

/// The columns of [`medal_table`].
pub const MEDAL_COLUMNS: &[&str] =
    &["id", "name", "group", "outcome", "service_years", "required_years", "reasons", "instrument"];

/// One row per team, then per member, as a table named `teams` ([`TEAM_COLUMNS`]):
/// `subject` is `team` or `member`, `role` a member's role (`leader`, `deputy`, `member`),
/// `team_or_commune` a team's commune or a member's team, `level` the final level or
/// `not_ranked`, `reasons` the reason codes and `explanation` their texts in `lang` (both
/// lists), `instrument` the `vn.teams` instrument that decided, with its mark
/// (`id version sha256:… [P]`).
///
/// ```
/// # use antq::teams::*;
/// let input: RankingInput = serde_json::from_str(r#"{"year": 2025, "teams": [{"id": "T1",
///   "name": "Tổ 1", "commune": "X1", "active_from": "2025-06-01", "proposed": "good", "pending_complaint": false}]}"#).unwrap();
/// let ranking = rank(&input).unwrap();
/// let t = antq::table::teams_table(&ranking, antq::Lang::En);
/// assert_eq!(t.header(), antq::table::TEAM_COLUMNS);
/// ```
pub fn teams_table(r: &TeamRanking, lang: Lang) -> Table<'_> {
    struct Row<'r> {
        id: &'r str,
        name: &'r str,
        subject: &'static str,
        role: Option<&'static str>,
        parent: &'r str,
        proposed: &'static str,
        level: &'static str,
        months: u32,
        reasons: &'r [Reason],
    }
    let rows: Vec<Row<'_>> = r
        .teams
        .iter()
        .map(|t| Row {
            id: &t.id,
            name: &t.name,
            subject: "team",
            role: None,
            parent: t.commune.as_str(),
            proposed: t.proposed.as_str(),
            level: t.code(),
            months: t.months_in_window,
            reasons: &t.reasons,
        })
        .chain(r.members.iter().map(|m| Row {
            id: &m.id,
            name: &m.name,
            subject: "member",
            role: Some(m.role.as_str()),
            parent: &m.team,
            proposed: m.proposed.as_str(),
            level: m.code(),
            months: m.months_in_window,
            reasons: &m.reasons,
        }))
        .collect();
    let instrument = instrument_cell(&r.instrument, r.certainty);
    fn text<'r>(rows: &[Row<'r>], f: impl Fn(&Row<'r>) -> Option<&'r str>) -> Column<'r> {
        Column::Text(rows.iter().map(|r| f(r).map(Cow::Borrowed)).collect())
    }
    Table::of(
        "teams",
        TEAM_COLUMNS,
        vec![
            text(&rows, |r| Some(r.id)),
            text(&rows, |r| Some(r.name)),
            text(&rows, |r| Some(r.subject)),
            text(&rows, |r| r.role),
            text(&rows, |r| Some(r.parent)),
            text(&rows, |r| Some(r.proposed)),
            text(&rows, |r| Some(r.level)),
            Column::Int(rows.iter().map(|r| Some(i64::from(r.months))).collect()),
            Column::TextList(
                rows.iter().map(|r| Some(r.reasons.iter().map(|x| Cow::Borrowed(x.code.as_str())).collect())).collect(),
            ),
            Column::TextList(
                rows.iter()
                    .map(|r| Some(r.reasons.iter().map(|x| Cow::Owned(x.text.get(lang).to_owned())).collect()))
                    .collect(),
            ),
            Column::Text(vec![Some(Cow::Owned(instrument)); rows.len()]),
        ],
    )
}

/// One row per medal candidate as a table named `medal` ([`MEDAL_COLUMNS`]): the group
/// and outcome codes, the years of service counted and required, the reasons in `lang`
/// (a list) and the `vn.medal` instrument that decided, with its mark (`id version
/// sha256:… [V]`).
///
/// ```
/// # use antq::medal::*;
/// # let input = MedalInput::from_str_named("m.json", r#"{"format_version": 1, "reference_date": "2025-06-01",
/// #   "candidates": [{"id": "C1", "name": "A", "sex": "male", "group": "guard", "in_post_from": "2010-01-01"}]}"#).unwrap();
/// let assessed = assess_all(&input).unwrap();
/// let t = antq::table::medal_table(&assessed, antq::Lang::En);
/// assert_eq!((t.num_rows(), t.header()), (1, antq::table::MEDAL_COLUMNS.to_vec()));
/// ```
pub fn medal_table(r: &[MedalAssessment], lang: Lang) -> Table<'_> {
    Table::of(
        "medal",
        MEDAL_COLUMNS,
        vec![
            text(r, |a| Some(&a.id)),
            text(r, |a| Some(&a.name)),
            text(r, |a| Some(a.group.as_str())),
            text(r, |a| Some(a.outcome.as_str())),
            int(r, |a| Some(i64::from(a.service_years))),
            int(r, |a| Some(i64::from(a.required_years))),
            list(r, |a| a.reasons.iter().map(|t| Cow::Borrowed(t.get(lang))).collect()),
            owned(r, |a| Some(instrument_cell(&a.instrument, a.certainty))),
        ],
    )
}

/// The instrument that decided, as a cell: `id version sha256:…` and its mark, so that a
/// row of a partly known instrument never reads as verified.
fn instrument_cell(i: &crate::law::InstrumentRef, certainty: crate::Certainty) -> String {
    format!("{} [{}]", decided_by(&i.id, &i.version, &i.content_hash), certainty.mark())
}
