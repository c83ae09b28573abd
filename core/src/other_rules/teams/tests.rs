//! Unit tests of the team ranking.

use super::input::*;
use super::instruments::*;
use super::ranking::*;
use super::result::*;
use crate::error::{Error, ProblemCode};
use crate::model::activity::Issuer;
use crate::model::text::Certainty;
use crate::model::unit::UnitId;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn team(id: &str, commune: &str, from: NaiveDate, proposed: Level) -> Team {
    Team {
        id: id.into(),
        name: format!("Tổ {id}"),
        commune: UnitId::from(commune),
        active_from: from,
        proposed,
        score: None,
        pending_complaint: false,
    }
}

fn member(id: &str, team: &str, role: Role, from: NaiveDate, proposed: Level) -> Member {
    Member {
        id: id.into(),
        name: format!("Người {id}"),
        team: team.into(),
        role,
        served_from: from,
        proposed,
        score: None,
        pending_complaint: false,
        acting_leader: false,
        newly_transferred: false,
        judged_unconnected: false,
    }
}

fn input(teams: Vec<Team>, members: Vec<Member>) -> RankingInput {
    RankingInput {
        format_version: 2,
        year: 2025,
        reference_date: None,
        instrument: None,
        teams,
        members,
        params: RankingParams::default(),
    }
}

fn codes(r: &[Reason]) -> Vec<ReasonCode> {
    r.iter().map(|r| r.code).collect()
}

const OLD: fn() -> NaiveDate = || NaiveDate::from_ymd_opt(2024, 7, 1).unwrap();

#[test]
fn window_is_15_november_to_14_november() {
    let w = team_window(2025).unwrap();
    assert_eq!((w.start, w.end), (d(2024, 11, 15), d(2025, 11, 14)));
}

#[test]
fn months_served_counts_whole_calendar_months() {
    let end = d(2025, 11, 14);
    assert_eq!(months_served(d(2025, 2, 15), end), 9, "exactly 9 months counts as 9");
    assert_eq!(months_served(d(2025, 2, 16), end), 8);
    assert_eq!(months_served(d(2024, 11, 15), end), 12);
    assert_eq!(months_served(d(2025, 11, 14), end), 0);
    assert_eq!(months_served(d(2025, 11, 15), end), 0, "after the end");
    assert_eq!(months_served(d(2025, 10, 15), end), 1);
    // Month-end clamping: 31 May + 1 month = 30 June.
    assert_eq!(months_served(d(2025, 5, 31), d(2025, 6, 28)), 0);
    assert_eq!(months_served(d(2025, 5, 31), d(2025, 6, 29)), 1);
    // Leap day: 29 Feb 2024 + 12 months = 28 Feb 2025.
    assert_eq!(months_served(d(2024, 2, 29), d(2025, 2, 27)), 12);
    assert_eq!(months_served(d(2024, 2, 29), d(2025, 2, 26)), 11);
    // No day after the last representable date: nothing to count, no panic.
    assert_eq!(months_served(d(2025, 1, 1), NaiveDate::MAX), 0);
}

#[test]
fn nine_month_edge_for_teams_and_members() {
    let r = rank(&input(
        vec![team("T9", "X", d(2025, 2, 15), Level::Good), team("T8", "X", d(2025, 2, 16), Level::Good)],
        vec![
            member("M9", "T9", Role::Member, d(2025, 2, 15), Level::Good),
            member("M8", "T9", Role::Member, d(2025, 2, 16), Level::Good),
        ],
    ))
    .unwrap();
    assert_eq!((r.team("T9").unwrap().code(), r.team("T9").unwrap().months_in_window), ("good", 9));
    let t8 = r.team("T8").unwrap();
    assert_eq!((t8.code(), t8.months_in_window), ("not_ranked", 8));
    assert_eq!(codes(&t8.reasons), vec![ReasonCode::ShortService]);
    assert_eq!(r.member("M9").unwrap().code(), "good");
    assert_eq!(r.member("M8").unwrap().code(), "not_ranked");
    assert!(t8.reasons[0].text.en.contains("8 whole months"));
}

/// Service counts "in the year up to the time of assessment" (DOMAIN §6): a ranking dated
/// before the window's last day counts the months served by that date, never the months
/// still to come (a member with 8 months on 2025-10-01 was ranked with 10, counted to
/// 14 November). A ranking after the window counts to its last day.
#[test]
fn a_ranking_before_the_window_ends_counts_service_to_its_date() {
    let mut i = input(
        vec![team("T", "X", d(2025, 1, 15), Level::Good)],
        vec![member("M", "T", Role::Member, d(2025, 1, 15), Level::Good)],
    );
    assert_eq!(rank(&i).unwrap().member("M").unwrap().months_in_window, 10, "to 14 November");
    i.reference_date = Some(d(2025, 10, 1));
    let r = rank(&i).unwrap();
    let (t, m) = (r.team("T").unwrap(), r.member("M").unwrap());
    assert_eq!((t.code(), t.months_in_window), ("not_ranked", 8));
    assert_eq!((m.code(), m.months_in_window), ("not_ranked", 8));
    assert_eq!(codes(&m.reasons), vec![ReasonCode::ShortService]);
    assert!(
        m.reasons[0].text.en.contains("8 whole months (from 2025-01-15) by 2025-10-01"),
        "{}",
        m.reasons[0].text.en
    );
    assert!(m.reasons[0].text.vi.contains("tính đến 2025-10-01"), "{}", m.reasons[0].text.vi);
    // A ranking after the window still counts to its last day.
    i.reference_date = Some(d(2025, 12, 20));
    assert_eq!(rank(&i).unwrap().member("M").unwrap().months_in_window, 10);
}

#[test]
fn service_before_the_window_counts_12_months() {
    let r = rank(&input(vec![team("T", "X", d(2020, 1, 1), Level::Completed)], vec![])).unwrap();
    assert_eq!(r.team("T").unwrap().months_in_window, 12);
    assert_eq!(r.team("T").unwrap().level, Some(Level::Completed));
}

#[test]
fn pending_complaint_is_not_ranked_with_every_reason() {
    let mut t = team("T", "X", d(2025, 6, 1), Level::Good);
    t.pending_complaint = true;
    let mut m = member("M", "T", Role::Member, OLD(), Level::NotCompleted);
    m.pending_complaint = true;
    let r = rank(&input(vec![t], vec![m])).unwrap();
    assert_eq!(codes(&r.team("T").unwrap().reasons), vec![ReasonCode::ShortService, ReasonCode::PendingComplaint]);
    let m = r.member("M").unwrap();
    assert_eq!((m.level, codes(&m.reasons)), (None, vec![ReasonCode::PendingComplaint]));
}

#[test]
fn cap_rounds_down_and_orders_by_score_then_id() {
    // 10 ranked teams, 20 % → 2 may be excellent; 4 proposed.
    let mut teams: Vec<Team> = (0..10).map(|i| team(&format!("T{i:02}"), "X", OLD(), Level::Good)).collect();
    for (i, score) in [(0, None), (1, Some(80)), (2, Some(90)), (3, Some(80))] {
        teams[i].proposed = Level::Excellent;
        teams[i].score = score;
    }
    let r = rank(&input(teams, vec![])).unwrap();
    assert_eq!(r.team("T02").unwrap().code(), "excellent");
    assert_eq!(r.team("T01").unwrap().code(), "excellent", "tie at 80 broken by id");
    assert_eq!(r.team("T03").unwrap().code(), "good");
    assert_eq!(r.team("T00").unwrap().code(), "good", "no score comes last");
    let cap = r.cap("X", Subject::Teams).unwrap();
    assert_eq!((cap.base, cap.allowed, cap.proposed_excellent), (10, 2, 4));
    assert_eq!(cap.lowered, vec!["T03".to_string(), "T00".to_string()]);
    assert_eq!(codes(&r.team("T03").unwrap().reasons), vec![ReasonCode::ExcellentCap]);
    assert!(r.team("T03").unwrap().reasons[0].text.en.contains("at most 2"));
}

#[test]
fn cap_of_small_communes_is_zero() {
    // 20 % of 4 = 0.8, rounded down to 0; 20 % of 5 = 1.
    let four: Vec<Team> = (0..4).map(|i| team(&format!("A{i}"), "A", OLD(), Level::Excellent)).collect();
    let five: Vec<Team> = (0..5).map(|i| team(&format!("B{i}"), "B", OLD(), Level::Excellent)).collect();
    let r = rank(&input(four.into_iter().chain(five).collect(), vec![])).unwrap();
    assert_eq!(r.cap("A", Subject::Teams).unwrap().allowed, 0);
    assert!(r.teams.iter().filter(|t| t.commune.as_str() == "A").all(|t| t.code() == "good"));
    assert_eq!(r.cap("B", Subject::Teams).unwrap().allowed, 1);
    assert_eq!(r.team("B0").unwrap().code(), "excellent");
    assert_eq!(r.teams.iter().filter(|t| t.code() == "excellent").count(), 1, "caps are per commune");
}

#[test]
fn cap_base_is_a_parameter() {
    // 5 teams, one not ranked (short service), one proposed excellent.
    let mut teams: Vec<Team> = (0..5).map(|i| team(&format!("T{i}"), "X", OLD(), Level::Completed)).collect();
    teams[0].proposed = Level::Excellent;
    teams[4].active_from = d(2025, 9, 1);
    let mut i = input(teams, vec![]);
    let ranked = rank(&i).unwrap();
    assert_eq!(ranked.cap("X", Subject::Teams).unwrap().base, 4);
    assert_eq!(ranked.team("T0").unwrap().code(), "good");
    i.params.cap_base = Some(CapBase::All);
    let all = rank(&i).unwrap();
    assert_eq!((all.cap("X", Subject::Teams).unwrap().base, all.team("T0").unwrap().code()), (5, "excellent"));
    i.params.cap_base = Some(CapBase::GoodOrAbove);
    let good = rank(&i).unwrap();
    assert_eq!(good.cap("X", Subject::Teams).unwrap().base, 1);
    assert_eq!(good.parameters.cap_base, CapBase::GoodOrAbove);
    assert_eq!(good.illustrative, vec!["cap_base".to_string()]);
    i.params.excellent_cap_percent = Some(100);
    i.params.cap_base = Some(CapBase::Ranked);
    let all_in = rank(&i).unwrap();
    assert_eq!(all_in.team("T0").unwrap().code(), "excellent");
    assert_eq!(all_in.illustrative, vec!["cap_base".to_string(), "excellent_cap_percent".to_string()]);
}

#[test]
fn leader_cannot_rank_above_the_team() {
    let r = rank(&input(
        vec![team("T", "X", OLD(), Level::Completed)],
        vec![
            member("L", "T", Role::Leader, OLD(), Level::Good),
            member("D", "T", Role::Deputy, OLD(), Level::Good),
            member("M", "T", Role::Member, OLD(), Level::Good),
        ],
    ))
    .unwrap();
    let l = r.member("L").unwrap();
    assert_eq!((l.code(), codes(&l.reasons)), ("completed", vec![ReasonCode::LeaderAboveTeam]));
    assert!(l.reasons[0].text.en.contains("cannot rank above the team `T`"));
    assert_eq!(r.member("D").unwrap().code(), "good", "a deputy not in charge is not limited");
    assert_eq!(r.member("M").unwrap().code(), "good");
}

#[test]
fn leader_at_or_below_the_team_is_unchanged() {
    let r = rank(&input(
        vec![team("T", "X", OLD(), Level::Good)],
        vec![member("L", "T", Role::Leader, OLD(), Level::Completed)],
    ))
    .unwrap();
    let l = r.member("L").unwrap();
    assert_eq!((l.code(), l.reasons.len()), ("completed", 0));
}

#[test]
fn leader_follows_the_team_after_its_cap() {
    // One team proposed excellent in a commune of one: the cap lowers it to good, and
    // its leader, proposed excellent, follows to good.
    let r = rank(&input(
        vec![team("T", "X", OLD(), Level::Excellent)],
        vec![member("L", "T", Role::Leader, OLD(), Level::Excellent)],
    ))
    .unwrap();
    assert_eq!(r.team("T").unwrap().code(), "good");
    let l = r.member("L").unwrap();
    assert_eq!((l.code(), codes(&l.reasons)), ("good", vec![ReasonCode::LeaderAboveTeam]));
    // The member cap then finds no excellent proposal left.
    assert_eq!(r.cap("X", Subject::Members).unwrap().proposed_excellent, 0);
}

#[test]
fn leader_of_an_unranked_team_keeps_the_proposal_with_a_note() {
    let mut t = team("T", "X", OLD(), Level::Completed);
    t.pending_complaint = true;
    let r = rank(&input(vec![t], vec![member("L", "T", Role::Leader, OLD(), Level::Good)])).unwrap();
    let l = r.member("L").unwrap();
    assert_eq!((l.code(), codes(&l.reasons)), ("good", vec![ReasonCode::TeamNotRanked]));
    assert!(r.cap("X", Subject::Teams).is_none(), "no ranked team, no cap entry");
}

#[test]
fn member_cap_counts_the_communes_members() {
    // Two teams in X with 5 ranked members in all: 1 excellent allowed; three proposed.
    let mut ms: Vec<Member> = Vec::new();
    for (i, t) in ["T", "T", "U", "U", "U"].iter().enumerate() {
        ms.push(member(&format!("M{i}"), t, Role::Member, OLD(), Level::Excellent));
    }
    ms[3].proposed = Level::Good;
    ms[4].proposed = Level::Good;
    ms[2].score = Some(10);
    let r = rank(&input(vec![team("T", "X", OLD(), Level::Good), team("U", "X", OLD(), Level::Good)], ms)).unwrap();
    let cap = r.cap("X", Subject::Members).unwrap();
    assert_eq!((cap.base, cap.allowed, cap.proposed_excellent), (5, 1, 3));
    assert_eq!(r.member("M2").unwrap().code(), "excellent");
    assert_eq!(cap.lowered, vec!["M0".to_string(), "M1".to_string()]);
}

#[test]
fn results_do_not_depend_on_input_order() {
    let mut teams: Vec<Team> = (0..7).map(|i| team(&format!("T{i}"), "X", OLD(), Level::Excellent)).collect();
    teams[3].score = Some(1);
    let a = rank(&input(teams.clone(), vec![])).unwrap();
    teams.reverse();
    let b = rank(&input(teams, vec![])).unwrap();
    for t in &a.teams {
        assert_eq!(t.level, b.team(&t.id).unwrap().level, "{}", t.id);
    }
    assert_eq!(a.team("T3").unwrap().code(), "excellent");
    assert_eq!(a.caps, b.caps);
}

#[test]
fn records_authority_parameters_and_basis() {
    let r = rank(&input(vec![], vec![])).unwrap();
    assert_eq!(r.decided_by, Issuer::CommuneChairman);
    assert!(r.decided_by_label.vi.contains("Chủ tịch"));
    assert_eq!(r.parameters, UsedParams { excellent_cap_percent: 20, cap_base: CapBase::Ranked });
    assert_eq!(r.certainty, Certainty::Partial);
    assert!(r.legal_basis.iter().any(|l| l.document == "30/2023/QH15"));
    assert!(!r.legal_basis.iter().any(|l| l.document.contains("14/2024")));
    assert!(r.legal_basis.iter().any(|l| l.document == "40/2024/NĐ-CP"));
    assert!(r.caps.is_empty());
}

#[test]
fn invalid_input_lists_every_problem() {
    let mut i = input(
        vec![team("T", "X", OLD(), Level::Good), team("T", "X", OLD(), Level::Good), team("", "", OLD(), Level::Good)],
        vec![
            member("M", "NOPE", Role::Member, OLD(), Level::Good),
            member("M", "T", Role::Member, d(2025, 11, 15), Level::Good),
        ],
    );
    i.params.excellent_cap_percent = Some(101);
    let Err(Error::InvalidTeamInput(p)) = rank(&i) else { panic!("expected an error") };
    let got: Vec<(ProblemCode, &str)> = p.iter().map(|p| (p.code, p.location.path.as_deref().unwrap_or(""))).collect();
    assert_eq!(
        got,
        vec![
            (ProblemCode::BadThreshold, "params.excellent_cap_percent"),
            (ProblemCode::DuplicateId, "teams[1].id"),
            (ProblemCode::BadValue, "teams[2].id"),
            (ProblemCode::BadValue, "teams[2].commune"),
            (ProblemCode::UnknownReference, "members[0].team"),
            (ProblemCode::DuplicateId, "members[1].id"),
            (ProblemCode::BadValue, "members[1].served_from"),
        ]
    );
    assert!(p[4].message.contains("member `M`") && p[4].message.contains("`NOPE`"));
    assert!(p[6].message.contains("2025-11-15"));
}

#[test]
fn team_active_after_the_window_and_bad_years_are_refused() {
    let i = input(vec![team("T", "X", d(2025, 12, 1), Level::Good)], vec![]);
    let e = rank(&i).unwrap_err();
    assert_eq!(e.problems()[0].location.path.as_deref(), Some("teams[0].active_from"));
    for year in [2023, 2201, i32::MIN] {
        let e = rank(&RankingInput { year, ..input(vec![], vec![]) }).unwrap_err();
        assert_eq!(e.problems()[0].location.path.as_deref(), Some("year"), "{year}");
    }
}

#[test]
fn inputs_refuse_unknown_fields_and_results_round_trip() {
    let bad = r#"{"year": 2025, "teams": [], "extra": 1}"#;
    assert!(serde_json::from_str::<RankingInput>(bad).is_err());
    let bad = r#"{"id": "T", "name": "n", "commune": "X", "active_from": "2024-07-01", "proposed": "good", "x": 1}"#;
    assert!(serde_json::from_str::<Team>(bad).is_err());
    assert!(serde_json::from_str::<RankingParams>(r#"{"cap": 20}"#).is_err());
    let r = rank(&input(
        vec![team("T", "X", OLD(), Level::Excellent)],
        vec![member("L", "T", Role::Leader, OLD(), Level::Excellent)],
    ))
    .unwrap();
    let back: TeamRanking = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(back, r);
}

#[test]
fn levels_are_ordered_and_labelled() {
    let ranks: Vec<u8> = Level::ALL.iter().map(|l| l.rank()).collect();
    assert_eq!(ranks, vec![3, 2, 1, 0]);
    for l in Level::ALL {
        let json = serde_json::to_string(&l).unwrap();
        assert_eq!(json, format!("\"{}\"", l.as_str()));
        assert!(!l.label().vi.is_empty());
    }
    assert_eq!(Role::Leader.label().vi, "Tổ trưởng");
}

fn input_2026(teams: Vec<Team>, members: Vec<Member>) -> RankingInput {
    RankingInput { year: 2026, ..input(teams, members) }
}

const OLD26: fn() -> NaiveDate = || NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();

#[test]
fn every_file_reads_and_is_consistent() {
    for (name, text) in FILES {
        let r = read_rules(name, text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let want = crate::law::file_hash(text).unwrap();
        assert_eq!(r.content_hash(), want, "{name}: set content_hash = \"{want}\" in core/data/teams/index.toml");
        let i = crate::law::instrument(&r.id).unwrap();
        assert_eq!((&i.content_hash, &i.version, &i.effective), (&r.content_hash(), &r.version, &r.effective));
        assert_eq!((&i.title, &i.legal_basis, &i.family), (&r.title, &r.legal_basis, &r.family));
        assert_eq!(r.problems(), Vec::<String>::new(), "{name}");
        assert!(r.sources.iter().all(|s| !s.document.contains("14/2024")));
        let law = r.sources.iter().find(|s| s.document == "30/2023/QH15").unwrap();
        assert_eq!(law.certainty, Certainty::Verified);
    }
    assert_eq!(TeamRules::all().len(), FILES.len());
    let g = TeamRules::get("vn.teams-2026").unwrap();
    assert_eq!(g.sources.iter().find(|s| s.document == "01/HD-BCA-V05").unwrap().certainty, Certainty::Partial);
    let mut bad = g.clone();
    bad.cap.percent = 101;
    bad.leader.acting_deputy = false;
    assert_eq!(bad.problems().len(), 2);
}

#[test]
fn instrument_by_date() {
    let r = rank(&input(vec![], vec![])).unwrap();
    assert_eq!((r.instrument.id.as_str(), r.reference_date), ("vn.teams-2024", d(2025, 11, 14)));
    let r = rank(&input_2026(vec![], vec![])).unwrap();
    assert_eq!(r.instrument.id, "vn.teams-2026");
    assert!(r.illustrative.is_empty());
    assert_eq!(r.parameters, UsedParams { excellent_cap_percent: 20, cap_base: CapBase::RankedGood });
    let mut i = input(vec![], vec![]);
    i.reference_date = Some(d(2026, 1, 10));
    assert_eq!(rank(&i).unwrap().instrument.id, "vn.teams-2026");
    i.instrument = Some("vn.teams-2024".into());
    let Err(Error::NotInForce(e)) = rank(&i) else { panic!("expected not_in_force") };
    assert_eq!(e.instead.as_deref(), Some("vn.teams-2026"));
    i.instrument = Some("vn.c124-2021".into());
    assert_eq!(rank(&i).unwrap_err().code(), "invalid_team_input");
}

#[test]
fn ranked_good_base_finds_the_fixed_point() {
    // 2 good, 10 excellent: k ≤ ⌊20% × (2 + 10 − k)⌋ holds for k = 2 (10 good), not 3 (9 good: 1).
    let mut teams: Vec<Team> = (0..12).map(|i| team(&format!("T{i:02}"), "X", OLD26(), Level::Excellent)).collect();
    teams[10].proposed = Level::Good;
    teams[11].proposed = Level::Good;
    let r = rank(&input_2026(teams, vec![])).unwrap();
    let cap = r.cap("X", Subject::Teams).unwrap();
    assert_eq!((cap.base, cap.allowed, cap.proposed_excellent, cap.lowered.len()), (10, 2, 10, 8));
    assert_eq!(r.teams.iter().filter(|t| t.code() == "excellent").count(), 2);
    assert!(r.notes[0].en.contains("enlarges"));
    // Brute force against the closed form for small communes.
    for g in 0..15u32 {
        for e in 0..15u32 {
            let mut teams: Vec<Team> = (0..g).map(|i| team(&format!("G{i}"), "X", OLD26(), Level::Good)).collect();
            teams.extend((0..e).map(|i| team(&format!("E{i}"), "X", OLD26(), Level::Excellent)));
            teams.push(team("C", "X", OLD26(), Level::Completed));
            let r = rank(&input_2026(teams, vec![])).unwrap();
            let cap = r.cap("X", Subject::Teams).unwrap();
            let k = e.min(20 * (g + e) / 120);
            assert_eq!((cap.allowed, cap.base), (k, g + e - k), "g={g} e={e}");
            assert!(k <= 20 * (g + e - k) / 100, "consistent");
            assert!(k == e || k + 1 > 20 * (g + e - k - 1) / 100, "largest");
        }
    }
    // One good and one excellent: keeping it leaves 1 good (0 allowed): lowered.
    let r = rank(&input_2026(
        vec![team("A", "X", OLD26(), Level::Excellent), team("B", "X", OLD26(), Level::Good)],
        vec![],
    ))
    .unwrap();
    assert_eq!(r.team("A").unwrap().code(), "good");
}

#[test]
fn acting_deputy_is_bound_and_a_newly_transferred_leader_is_not() {
    let mut deputy = member("D", "T", Role::Deputy, OLD26(), Level::Good);
    deputy.acting_leader = true;
    let plain = member("P", "T", Role::Deputy, OLD26(), Level::Good);
    let mut moved = member("L", "T", Role::Leader, OLD26(), Level::Good);
    moved.newly_transferred = true;
    moved.judged_unconnected = true;
    let mut only_moved = member("L2", "T", Role::Leader, OLD26(), Level::Good);
    only_moved.newly_transferred = true;
    let members = vec![deputy, plain, moved, only_moved];
    let teams = vec![team("T", "X", OLD26(), Level::Completed)];
    let r = rank(&input_2026(teams.clone(), members.clone())).unwrap();
    let got = |r: &TeamRanking, id: &str| {
        let m = r.member(id).unwrap();
        (m.code(), codes(&m.reasons))
    };
    assert_eq!(got(&r, "D"), ("completed", vec![ReasonCode::LeaderAboveTeam]));
    assert!(r.member("D").unwrap().reasons[0].text.en.contains("deputy assigned to lead"));
    assert_eq!(got(&r, "P"), ("good", vec![]));
    assert_eq!(got(&r, "L"), ("good", vec![ReasonCode::NewlyTransferredLeader]));
    assert_eq!(got(&r, "L2"), ("completed", vec![ReasonCode::LeaderAboveTeam]), "both conditions are needed");
    // Under vn.teams-2024 neither applies, and the result says the fields were ignored.
    let r = rank(&input(teams, members)).unwrap();
    assert_eq!(got(&r, "D"), ("good", vec![]));
    assert_eq!(got(&r, "L"), ("completed", vec![ReasonCode::LeaderAboveTeam]));
    assert!(r.notes.iter().any(|n| n.en.contains("acting_leader") && n.en.contains("ignored")));
}

#[test]
fn format_2_fields_need_format_2() {
    let mut m = member("D", "T", Role::Deputy, OLD(), Level::Good);
    m.acting_leader = true;
    let mut i = input(vec![team("T", "X", OLD(), Level::Good)], vec![m]);
    i.format_version = 1;
    let e = rank(&i).unwrap_err();
    assert_eq!((e.code(), e.problems()[0].code), ("invalid_team_input", ProblemCode::FormatVersion));
    i.format_version = 3;
    assert_eq!(rank(&i).unwrap_err().problems()[0].location.path.as_deref(), Some("format_version"));
}
