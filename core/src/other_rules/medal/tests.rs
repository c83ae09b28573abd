//! Unit tests of the medal's eligibility.

use super::assess::*;
use super::input::*;
use super::result::*;
use super::rules::{AreaKind, IssuerLevel, MedalRules, PostLevel, ServiceKind};
use super::service::*;
use crate::error::{Error, ProblemCode};
use crate::model::activity::{AwardForm, Issuer};
use crate::model::text::Certainty;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn person(group: Group, sex: Sex, from: NaiveDate) -> Candidate {
    let mut c = Candidate::new("P", "Nguyễn Văn A", sex, group);
    c.in_post_from = Some(from);
    c.exclusions_checked = true;
    c
}

fn period(kind: ServiceKind, area: AreaKind, from: NaiveDate, until: Option<NaiveDate>) -> ServicePeriod {
    ServicePeriod { kind, area, from, until }
}

fn member(sex: Sex, service: Vec<ServicePeriod>) -> Candidate {
    let mut c = Candidate::new("M", "Lê Thị C", sex, Group::GrassrootsSecurityTeam);
    c.service = service;
    c.completed_tasks_well = Some(true);
    c.exclusions_checked = true;
    c
}

fn award(issuer: Issuer) -> PriorAward {
    PriorAward { issuer, form: Some(AwardForm::GiayKhen), date: d(2020, 8, 19), for_movement: Some(false) }
}

fn leader(from: NaiveDate) -> Candidate {
    let mut c = person(Group::OrganisationLeader, Sex::Male, from);
    c.prior_awards.push(award(Issuer::DistrictChairman));
    c
}

fn leader_2025(from: NaiveDate) -> Candidate {
    let mut c = leader(from);
    c.post_level = Some(PostLevel::Commune);
    c.prior_awards[0].for_movement = Some(true);
    c
}

fn failed(a: &MedalAssessment) -> Vec<ConditionCode> {
    a.failed().map(|c| c.code).collect()
}

fn r2025() -> &'static MedalRules {
    MedalRules::get("vn.medal-2025").unwrap()
}

#[test]
fn whole_years_count_on_the_anniversary() {
    assert_eq!(whole_years(d(2010, 3, 1), d(2025, 3, 1)), 15);
    assert_eq!(whole_years(d(2010, 3, 1), d(2025, 2, 28)), 14);
    assert_eq!(whole_years(d(2020, 2, 29), d(2025, 2, 28)), 4);
    assert_eq!(whole_years(d(2020, 2, 29), d(2025, 3, 1)), 5);
    assert_eq!(whole_years(d(2020, 2, 29), d(2024, 2, 29)), 4);
    assert_eq!(whole_years(d(2025, 1, 2), d(2025, 1, 1)), 0);
}

#[test]
fn leader_needs_five_years_and_a_qualifying_award() {
    let on = d(2024, 8, 19);
    let a = assess(&leader(d(2019, 8, 19)), on).unwrap();
    assert_eq!((a.outcome, a.service_years, a.required_years), (MedalOutcome::Eligible, 5, 5));
    assert!(a.reasons.is_empty());
    assert_eq!(a.instrument.id, "vn.medal-2021");
    let a = assess(&leader(d(2019, 8, 20)), on).unwrap();
    assert_eq!((a.outcome, failed(&a)), (MedalOutcome::NotEligible, vec![ConditionCode::ServiceYears]));
    let s = a.condition(ConditionCode::ServiceYears).unwrap();
    assert_eq!((s.observed.as_str(), s.threshold.as_str()), ("4", "≥ 5"));
    assert_eq!(a.reasons.len(), 1);
    assert_eq!(a.notes.len(), 2, "format 1 in_post_from and exclusions_checked are noted");
    assert!(a.notes[0].en.contains("in_post_from (format 1)"));
}

#[test]
fn leaders_sex_does_not_change_the_period() {
    let mut c = leader(d(2019, 8, 19));
    c.sex = Sex::Female;
    assert_eq!(assess(&c, d(2024, 8, 19)).unwrap().required_years, 5);
}

#[test]
fn prior_award_must_come_from_district_level_provincial_police_or_higher() {
    for (issuer, ok) in [
        (Issuer::CommuneChairman, false),
        (Issuer::DistrictChairman, true),
        (Issuer::ProvincialPolice, true),
        (Issuer::ProvincialCommittee, true),
        (Issuer::Minister, true),
    ] {
        let mut c = person(Group::OrganisationLeader, Sex::Male, d(2010, 1, 1));
        c.prior_awards.push(award(issuer));
        let a = assess(&c, d(2024, 8, 19)).unwrap();
        assert_eq!(a.outcome == MedalOutcome::Eligible, ok, "{issuer:?}");
        let p = a.condition(ConditionCode::PriorAward).unwrap();
        assert_eq!(p.observed, if ok { "1" } else { "0" });
    }
    let a = assess(&person(Group::OrganisationLeader, Sex::Male, d(2010, 1, 1)), d(2024, 8, 19)).unwrap();
    assert_eq!(failed(&a), vec![ConditionCode::PriorAward]);
}

#[test]
fn serious_incident_and_hotspot_bar_a_leader_only() {
    let mut c = leader(d(2010, 1, 1));
    c.serious_incident_in_unit = Some(true);
    c.social_evil_hotspot_in_area = Some(true);
    let a = assess(&c, d(2024, 8, 19)).unwrap();
    assert_eq!(
        (a.outcome, failed(&a)),
        (MedalOutcome::NotEligible, vec![ConditionCode::NoSocialEvilHotspot, ConditionCode::NoSeriousIncident])
    );
    let mut g = person(Group::Guard, Sex::Male, d(2000, 1, 1));
    g.serious_incident_in_unit = Some(true);
    let a = assess(&g, d(2024, 8, 19)).unwrap();
    assert_eq!(a.outcome, MedalOutcome::Eligible);
    assert!(a.condition(ConditionCode::NoSeriousIncident).is_none());
    assert!(a.condition(ConditionCode::PriorAward).is_none());
}

#[test]
fn grassroots_groups_need_15_years_for_men_and_10_for_women_under_2021() {
    let on = d(2025, 3, 1);
    for g in [Group::GrassrootsPolice, Group::Guard, Group::StreetGuard] {
        let men = assess(&person(g, Sex::Male, d(2010, 3, 1)), on).unwrap();
        assert_eq!((men.outcome, men.service_years, men.required_years), (MedalOutcome::Eligible, 15, 15));
        let short = assess(&person(g, Sex::Male, d(2010, 3, 2)), on).unwrap();
        assert_eq!((short.outcome, short.service_years), (MedalOutcome::NotEligible, 14));
        let women = assess(&person(g, Sex::Female, d(2015, 3, 1)), on).unwrap();
        assert_eq!((women.outcome, women.required_years), (MedalOutcome::Eligible, 10));
        let short = assess(&person(g, Sex::Female, d(2015, 3, 2)), on).unwrap();
        assert_eq!(short.outcome, MedalOutcome::NotEligible);
    }
}

#[test]
fn once_per_person_and_never_while_prosecuted() {
    let mut c = person(Group::StreetGuard, Sex::Male, d(2000, 1, 1));
    c.already_received = Some(true);
    let a = assess(&c, d(2024, 8, 19)).unwrap();
    assert_eq!((a.outcome, failed(&a)), (MedalOutcome::NotEligible, vec![ConditionCode::OncePerPerson]));
    c.already_received = Some(false);
    c.under_prosecution = Some(true);
    c.under_disciplinary_sanction = Some(true);
    let a = assess(&c, d(2024, 8, 19)).unwrap();
    assert_eq!(a.outcome, MedalOutcome::NotEligible, "prosecution outweighs deferral");
    assert_eq!(failed(&a), vec![ConditionCode::NotProsecuted, ConditionCode::NoDisciplinarySanction]);
    assert_eq!(a.reasons.len(), 2);
    c.under_prosecution = Some(false);
    c.under_disciplinary_sanction = Some(false);
    c.sent_to_compulsory_education = Some(true);
    let a = assess(&c, d(2024, 8, 19)).unwrap();
    assert_eq!(failed(&a), vec![ConditionCode::NotInCompulsoryEducation]);
}

#[test]
fn sanction_defers_only_an_otherwise_eligible_person() {
    let mut c = person(Group::Guard, Sex::Female, d(2010, 1, 1));
    c.under_disciplinary_sanction = Some(true);
    let a = assess(&c, d(2024, 8, 19)).unwrap();
    assert_eq!(a.outcome, MedalOutcome::Deferred);
    assert_eq!(a.condition(ConditionCode::NoDisciplinarySanction).unwrap().effect, MedalOutcome::Deferred);
    c.in_post_from = Some(d(2020, 1, 1));
    let a = assess(&c, d(2024, 8, 19)).unwrap();
    assert_eq!(a.outcome, MedalOutcome::NotEligible, "too short and sanctioned: not eligible");
    // A dated discipline running on the date defers too; one that ended does not.
    let mut c = person(Group::Guard, Sex::Female, d(2010, 1, 1));
    c.disciplines.push(Discipline { from: d(2024, 1, 1), until: Some(d(2024, 12, 31)) });
    assert_eq!(assess(&c, d(2024, 8, 19)).unwrap().outcome, MedalOutcome::Deferred);
    assert_eq!(assess(&c, d(2025, 1, 1)).unwrap().outcome, MedalOutcome::Eligible);
}

#[test]
fn every_2021_condition_is_reported_in_order() {
    let a = assess(&leader(d(2010, 1, 1)), d(2024, 8, 19)).unwrap();
    let all: Vec<ConditionCode> = a.conditions.iter().map(|c| c.code).collect();
    assert_eq!(
        all,
        vec![
            ConditionCode::OncePerPerson,
            ConditionCode::NotProsecuted,
            ConditionCode::NotInCompulsoryEducation,
            ConditionCode::ServiceYears,
            ConditionCode::PriorAward,
            ConditionCode::NoSocialEvilHotspot,
            ConditionCode::NoSeriousIncident,
            ConditionCode::NoDisciplinarySanction,
        ]
    );
    assert!(a.conditions.iter().all(|c| c.certainty == Certainty::Verified));
    let g = assess(&person(Group::Guard, Sex::Male, d(2000, 1, 1)), d(2024, 8, 19)).unwrap();
    assert_eq!(g.conditions.len(), 5);
    assert_eq!(g.legal_basis[0].document, "11/2021/TT-BCA");
    assert!(g.illustrative.is_empty() && g.parameters == MedalParams::default());
}

#[test]
fn the_same_leader_on_27_and_28_april_2025() {
    // 7 years in post, a district award not marked for the movement: eligible under
    // 11/2021 (≥ 5 years, district award); not under 20/2025 (< 10 years, and no
    // commendation for work in the movement).
    let mut c = leader(d(2018, 4, 27));
    c.post_level = Some(PostLevel::Commune);
    let before = assess(&c, d(2025, 4, 27)).unwrap();
    assert_eq!((before.outcome, before.instrument.id.as_str()), (MedalOutcome::Eligible, "vn.medal-2021"));
    let after = assess(&c, d(2025, 4, 28)).unwrap();
    assert_eq!(after.instrument.id, "vn.medal-2025");
    assert_eq!(after.outcome, MedalOutcome::NotEligible);
    assert_eq!(failed(&after), vec![ConditionCode::ServiceYears, ConditionCode::MovementCommendation]);
    assert_eq!((after.service_years, after.required_years), (7, 10));
    assert_eq!(after.certainty, Certainty::Partial);
    assert_eq!(after.illustrative, vec!["commendation_min_level".to_string()]);
    assert_eq!(after.parameters.commendation_min_level, Some(IssuerLevel::Commune));
    assert_eq!(after.instrument.content_hash, r2025().content_hash());
}

#[test]
fn leader_2025_commendation_level_is_a_parameter_and_post_level_counts() {
    let on = d(2026, 1, 5);
    let mut c = leader_2025(d(2015, 1, 1));
    c.prior_awards[0].issuer = Issuer::CommuneChairman;
    let a = assess(&c, on).unwrap();
    assert_eq!(a.outcome, MedalOutcome::Eligible, "{:?}", a.reasons);
    let district = MedalParams { commendation_min_level: Some(IssuerLevel::District) };
    let a = assess_with(&c, on, r2025(), district);
    assert_eq!(failed(&a), vec![ConditionCode::MovementCommendation]);
    assert_eq!(a.parameters, district);
    assert_eq!(
        a.condition(ConditionCode::MovementCommendation).unwrap().threshold,
        "≥ 1 (issuer level ≥ district, for the movement)"
    );
    c.post_level = Some(PostLevel::BelowCommune);
    assert_eq!(failed(&assess(&c, on).unwrap()), vec![ConditionCode::PostLevel]);
    c.post_level = None;
    let a = assess(&c, on).unwrap();
    assert_eq!(a.outcome, MedalOutcome::Undetermined);
    assert_eq!(a.condition(ConditionCode::PostLevel).unwrap().observed, "unknown");
}

#[test]
fn team_member_counts_earlier_service_and_women_need_10_years() {
    let on = d(2026, 3, 1);
    let c = member(
        Sex::Female,
        vec![
            period(ServiceKind::PartTimeCommunePolice, AreaKind::Ordinary, d(2016, 3, 1), Some(d(2024, 6, 30))),
            period(ServiceKind::GrassrootsSecurityTeam, AreaKind::Ordinary, d(2024, 7, 1), None),
        ],
    );
    let a = assess(&c, on).unwrap();
    assert_eq!((a.outcome, a.service_years, a.required_years), (MedalOutcome::Eligible, 10, 10));
    assert_eq!(a.service_counted_from, Some(d(2016, 3, 1)));
    let a = assess(&c, d(2026, 2, 28)).unwrap();
    assert_eq!((a.outcome, a.service_years), (MedalOutcome::NotEligible, 9));
    // A street guard period does not count for a team member.
    let mut s = c.clone();
    s.service[0].kind = ServiceKind::StreetGuard;
    let a = assess(&s, on).unwrap();
    assert_eq!(a.service_years, 1);
    assert!(!a.service[0].counted);
    // Unknown task assessment: undetermined.
    let mut u = c.clone();
    u.completed_tasks_well = None;
    assert_eq!(assess(&u, on).unwrap().outcome, MedalOutcome::Undetermined);
    u.completed_tasks_well = Some(false);
    assert_eq!(failed(&assess(&u, on).unwrap()), vec![ConditionCode::CompletedTasksWell]);
}

#[test]
fn border_island_and_hardship_service_counts_twice() {
    let on = d(2026, 1, 1);
    // 7½ years on the border count as 15.
    let c = member(Sex::Male, vec![period(ServiceKind::CivilProtection, AreaKind::Border, d(2018, 7, 1), None)]);
    let a = assess(&c, on).unwrap();
    assert_eq!((a.outcome, a.service_years, a.service[0].coefficient), (MedalOutcome::Eligible, 15, 2));
    // 15 years from 1 July 2018 are 5,479 days (four 29 Februaries); 2,740 calendar days
    // ×2 reach them on 31 December 2025, one day before the "half anniversary".
    assert_eq!(assess(&c, d(2025, 12, 31)).unwrap().service_years, 15);
    let a = assess(&c, d(2025, 12, 30)).unwrap();
    assert_eq!((a.service_years, a.service_days), (14, 5478));
    let mut ordinary = c.clone();
    ordinary.service[0].area = AreaKind::Ordinary;
    assert_eq!(assess(&ordinary, on).unwrap().service_years, 7);
    // Overlapping periods count each day once, at the highest coefficient.
    let both = member(
        Sex::Male,
        vec![
            period(ServiceKind::CivilProtection, AreaKind::Ordinary, d(2018, 7, 1), None),
            period(ServiceKind::GrassrootsSecurityTeam, AreaKind::Island, d(2018, 7, 1), None),
        ],
    );
    let a = assess(&both, on).unwrap();
    assert_eq!(a.service_years, 15);
    assert_eq!(a.service_days, 2 * u64::try_from((on - d(2018, 7, 1)).num_days()).unwrap());
    // Leaders are not weighted.
    let mut l = leader_2025(d(2021, 1, 1));
    l.in_post_from = None;
    l.service = vec![period(ServiceKind::LeaderPost, AreaKind::Island, d(2016, 1, 1), None)];
    let a = assess(&l, on).unwrap();
    assert_eq!((a.service_years, a.service[0].coefficient), (10, 1));
}

#[test]
fn each_2025_exclusion_and_deferral() {
    let on = d(2026, 1, 1);
    let base =
        member(Sex::Male, vec![period(ServiceKind::GrassrootsSecurityTeam, AreaKind::Island, d(2010, 1, 1), None)]);
    assert_eq!(assess(&base, on).unwrap().outcome, MedalOutcome::Eligible);
    type Set = fn(&mut Candidate);
    let cases: [(Set, ConditionCode, MedalOutcome); 10] = [
        (|c| c.already_received = Some(true), ConditionCode::OncePerPerson, MedalOutcome::NotEligible),
        (|c| c.holds_chien_si_ve_vang = Some(true), ConditionCode::NoChienSiVeVang, MedalOutcome::NotEligible),
        (
            |c| c.holds_vi_an_ninh_to_quoc_medal = Some(true),
            ConditionCode::NoViAnNinhToQuocMedal,
            MedalOutcome::NotEligible,
        ),
        (|c| c.holds_police_service_order = Some(true), ConditionCode::NoPoliceServiceOrder, MedalOutcome::NotEligible),
        (
            |c| c.stripped_of_police_title = Some(true),
            ConditionCode::NotStrippedOfPoliceTitle,
            MedalOutcome::NotEligible,
        ),
        (|c| c.was_prosecuted = Some(true), ConditionCode::NotProsecuted, MedalOutcome::NotEligible),
        (
            |c| c.sent_to_compulsory_education = Some(true),
            ConditionCode::NotInCompulsoryEducation,
            MedalOutcome::NotEligible,
        ),
        (
            |c| c.dropped_as_collaborator = Some(true),
            ConditionCode::NotDroppedAsCollaborator,
            MedalOutcome::NotEligible,
        ),
        (|c| c.under_disciplinary_review = Some(true), ConditionCode::NoDisciplinaryReview, MedalOutcome::Deferred),
        (|c| c.unresolved_complaint = Some(true), ConditionCode::NoUnresolvedComplaint, MedalOutcome::Deferred),
    ];
    for (set, code, outcome) in cases {
        let mut c = base.clone();
        set(&mut c);
        let a = assess(&c, on).unwrap();
        assert_eq!((a.outcome, failed(&a)), (outcome, vec![code]), "{code:?}");
    }
    // Without `exclusions_checked`, every one of them left out is unknown.
    let mut unknown = base.clone();
    unknown.exclusions_checked = false;
    let a = assess(&unknown, on).unwrap();
    let codes: Vec<ConditionCode> = cases.iter().map(|c| c.1).collect();
    assert_eq!((a.outcome, failed(&a)), (MedalOutcome::Undetermined, codes));
    assert!(a.notes.is_empty());
    for (set, code, outcome) in cases {
        let mut c = unknown.clone();
        set(&mut c);
        let a = assess(&c, on).unwrap();
        assert_eq!(a.outcome, if outcome == MedalOutcome::NotEligible { outcome } else { MedalOutcome::Undetermined });
        assert!(!a.condition(code).unwrap().met, "{code:?}");
    }
    // These exclusions are not in 11/2021.
    let mut old = person(Group::Guard, Sex::Male, d(2000, 1, 1));
    old.holds_chien_si_ve_vang = Some(true);
    old.under_disciplinary_review = Some(true);
    assert_eq!(assess(&old, d(2024, 8, 19)).unwrap().outcome, MedalOutcome::Eligible);
}

#[test]
fn after_a_discipline_time_counts_again_from_its_end() {
    let on = d(2026, 1, 1);
    let mut c =
        member(Sex::Female, vec![period(ServiceKind::GrassrootsSecurityTeam, AreaKind::Ordinary, d(2005, 1, 1), None)]);
    assert_eq!(assess(&c, on).unwrap().service_years, 21);
    c.disciplines.push(Discipline { from: d(2015, 1, 1), until: Some(d(2016, 12, 31)) });
    let a = assess(&c, on).unwrap();
    assert_eq!((a.service_years, a.service_counted_from), (9, Some(d(2017, 1, 1))));
    assert_eq!(a.outcome, MedalOutcome::NotEligible);
    assert!(a.condition(ConditionCode::ServiceYears).unwrap().explanation.en.contains("after the end of a discipline"));
    assert_eq!(assess(&c, d(2027, 1, 1)).unwrap().outcome, MedalOutcome::Eligible);
    // While a discipline runs nothing counts.
    c.disciplines.push(Discipline { from: d(2025, 6, 1), until: None });
    let a = assess(&c, on).unwrap();
    assert_eq!((a.service_years, a.outcome), (0, MedalOutcome::NotEligible));
    // 11/2021 does not restart the count (it defers during the sanction).
    let mut g = person(Group::Guard, Sex::Female, d(2005, 1, 1));
    g.disciplines.push(Discipline { from: d(2015, 1, 1), until: Some(d(2016, 12, 31)) });
    assert_eq!(assess(&g, d(2024, 1, 1)).unwrap().service_years, 19);
}

#[test]
fn groups_not_named_get_a_clear_answer() {
    let on = d(2026, 1, 5);
    for g in [Group::StreetGuard, Group::Guard, Group::GrassrootsPolice] {
        let a = assess(&person(g, Sex::Male, d(2000, 1, 1)), on).unwrap();
        assert_eq!((a.outcome, failed(&a)[0]), (MedalOutcome::NotCovered, ConditionCode::GroupNamed), "{g:?}");
        assert!(a.reasons[0].en.contains("does not name"), "{:?}", a.reasons);
        assert_eq!(a.required_years, 0);
        assert!(a.condition(ConditionCode::ServiceYears).is_none());
    }
    let a = assess(&person(Group::StreetGuard, Sex::Male, d(2000, 1, 1)), on).unwrap();
    assert!(a.reasons[0].en.contains("not found"));
    let a = assess(
        &member(Sex::Male, vec![period(ServiceKind::GrassrootsSecurityTeam, AreaKind::Ordinary, d(2024, 7, 1), None)]),
        d(2025, 1, 1),
    )
    .unwrap();
    assert_eq!(a.outcome, MedalOutcome::NotCovered);
}

#[test]
fn instruments_are_chosen_by_date_and_refused_outside_their_period() {
    let c = person(Group::Guard, Sex::Male, d(2000, 1, 1));
    assert_eq!(assess(&c, d(2020, 12, 31)).unwrap_err().code(), "not_in_force");
    let mut input = MedalInput {
        format_version: 2,
        reference_date: d(2026, 1, 1),
        instrument: None,
        params: MedalParams::default(),
        candidates: vec![c],
    };
    assert_eq!(assess_all(&input).unwrap()[0].instrument.id, "vn.medal-2025");
    input.instrument = Some("vn.medal-2021".into());
    let Err(Error::NotInForce(e)) = assess_all(&input) else { panic!("expected not_in_force") };
    assert_eq!((e.until, e.instead.as_deref()), (Some(d(2025, 4, 27)), Some("vn.medal-2025")));
    input.instrument = Some("vn.medal-2099".into());
    let e = assess_all(&input).unwrap_err();
    assert_eq!((e.code(), e.problems()[0].location.path.as_deref()), ("invalid_medal_input", Some("instrument")));
    input.instrument = Some("vn.medal-2021".into());
    input.reference_date = d(2025, 4, 27);
    assert_eq!(assess_all(&input).unwrap()[0].outcome, MedalOutcome::Eligible);
}

#[test]
fn invalid_input_names_id_and_field() {
    let mut c = leader(d(2025, 1, 1));
    c.prior_awards[0].date = d(2025, 9, 1);
    let e = assess(&c, d(2024, 8, 19)).unwrap_err();
    let paths: Vec<&str> = e.problems().iter().filter_map(|p| p.location.path.as_deref()).collect();
    assert_eq!(paths, vec!["candidate.in_post_from", "candidate.prior_awards[0].date"]);
    assert!(e.problems()[0].message.contains("candidate `P`"));
    assert_eq!(e.code(), "invalid_medal_input");

    let ok = person(Group::Guard, Sex::Male, d(2000, 1, 1));
    let mut empty = ok.clone();
    empty.id.clear();
    let mut both = ok.clone();
    both.id = "B".into();
    both.service.push(period(ServiceKind::AgencyGuard, AreaKind::Ordinary, d(2001, 1, 1), Some(d(2000, 1, 1))));
    let mut none = ok.clone();
    none.id = "N".into();
    none.in_post_from = None;
    let input = MedalInput {
        format_version: 1,
        reference_date: d(2024, 8, 19),
        instrument: None,
        params: MedalParams::default(),
        candidates: vec![ok.clone(), ok, empty, both, none],
    };
    let e = assess_all(&input).unwrap_err();
    let got: Vec<(ProblemCode, &str)> =
        e.problems().iter().map(|p| (p.code, p.location.path.as_deref().unwrap_or(""))).collect();
    assert_eq!(
        got,
        vec![
            (ProblemCode::DuplicateId, "candidates[1].id"),
            (ProblemCode::BadValue, "candidates[2].id"),
            (ProblemCode::BadValue, "candidates[3].service"),
            (ProblemCode::FormatVersion, "candidates[3].service"),
            (ProblemCode::BadValue, "candidates[3].service[0].until"),
            (ProblemCode::BadValue, "candidates[4].service"),
        ]
    );
    let bad = MedalInput { format_version: 3, candidates: vec![], ..input };
    assert_eq!(assess_all(&bad).unwrap_err().problems()[0].code, ProblemCode::FormatVersion);
    let e = MedalInput::from_str_named("m.json", r#"{"reference_date": "2024-08-19", "candidates": [{"id": 1}]}"#)
        .unwrap_err();
    assert_eq!(e.code(), "invalid_medal_input");
}

#[test]
fn assess_all_keeps_input_order() {
    let mut a = person(Group::Guard, Sex::Male, d(2000, 1, 1));
    a.id = "A".into();
    let mut b = person(Group::Guard, Sex::Male, d(2020, 1, 1));
    b.id = "B".into();
    let input = MedalInput {
        format_version: 1,
        reference_date: d(2024, 8, 19),
        instrument: None,
        params: MedalParams::default(),
        candidates: vec![b, a],
    };
    let out = assess_all(&input).unwrap();
    let got: Vec<(&str, MedalOutcome)> = out.iter().map(|a| (a.id.as_str(), a.outcome)).collect();
    assert_eq!(got, vec![("B", MedalOutcome::NotEligible), ("A", MedalOutcome::Eligible)]);
}

#[test]
fn serde_refuses_unknown_fields_and_round_trips() {
    let bad = r#"{"id": "P", "name": "A", "sex": "male", "group": "guard", "in_post_from": "2000-01-01", "x": 1}"#;
    assert!(serde_json::from_str::<Candidate>(bad).is_err());
    assert!(serde_json::from_str::<PriorAward>(r#"{"issuer": "minister", "date": "2020-01-01", "x": 1}"#).is_err());
    assert!(
        serde_json::from_str::<ServicePeriod>(r#"{"kind": "street_guard", "from": "2020-01-01", "coefficient": 2}"#)
            .is_err()
    );
    for on in [d(2024, 8, 19), d(2025, 8, 19)] {
        let a = assess(&leader_2025(d(2010, 1, 1)), on).unwrap();
        let back: MedalAssessment = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
    }
    assert_eq!(serde_json::to_string(&MedalOutcome::NotEligible).unwrap(), "\"not_eligible\"");
    assert_eq!(Group::GrassrootsPolice.as_str(), "grassroots_police");
    for g in Group::ALL {
        assert_eq!(serde_json::to_string(&g).unwrap(), format!("\"{}\"", g.as_str()));
    }
}

#[test]
fn count_service_clamps_to_the_reference_date_and_the_restart() {
    let p = vec![period(ServiceKind::StreetGuard, AreaKind::Ordinary, d(2010, 3, 1), Some(d(2030, 1, 1)))];
    let s = count_service(&p, &[ServiceKind::StreetGuard], |_| 1, None, d(2025, 3, 1));
    assert_eq!((s.years, s.first_day), (15, Some(d(2010, 3, 1))));
    let s = count_service(&p, &[ServiceKind::StreetGuard], |_| 1, Some(d(2020, 3, 1)), d(2025, 3, 1));
    assert_eq!((s.years, s.first_day), (5, Some(d(2020, 3, 1))));
    let s = count_service(&p, &[ServiceKind::StreetGuard], |_| 1, Some(d(2026, 1, 1)), d(2025, 3, 1));
    assert_eq!((s.years, s.days, s.first_day), (0, 0, None));
    // Until is the last day: a period ending the day before the anniversary is complete.
    let p = vec![period(ServiceKind::StreetGuard, AreaKind::Ordinary, d(2010, 3, 1), Some(d(2025, 2, 28)))];
    assert_eq!(count_service(&p, &[ServiceKind::StreetGuard], |_| 1, None, d(2030, 1, 1)).years, 15);
    // Extreme dates do not panic.
    let p = vec![period(ServiceKind::StreetGuard, AreaKind::Ordinary, NaiveDate::MIN, None)];
    let s = count_service(&p, &[ServiceKind::StreetGuard], |_| 10, None, NaiveDate::MAX);
    assert!(s.years > 0);
}

#[test]
fn facts_left_out_are_unknown_unless_the_dossier_confirms_none_applies() {
    let on = d(2024, 8, 19);
    let mut c = Candidate::new("G", "Trần Văn B", Sex::Male, Group::Guard);
    c.in_post_from = Some(d(2000, 1, 1));
    let a = assess(&c, on).unwrap();
    assert_eq!(a.outcome, MedalOutcome::Undetermined);
    let once = a.condition(ConditionCode::OncePerPerson).unwrap();
    assert_eq!((once.met, once.observed.as_str(), once.effect), (false, "unknown", MedalOutcome::Undetermined));
    assert!(
        once.explanation.en.contains("give `already_received`, or `exclusions_checked`"),
        "{}",
        once.explanation.en
    );
    // The prosecution condition of 11/2021 names the field to give.
    let pro = a.condition(ConditionCode::NotProsecuted).unwrap();
    assert!(pro.explanation.en.contains("`under_prosecution`"), "{}", pro.explanation.en);
    // `was_prosecuted: false` covers any time, so it answers "under prosecution" too.
    c.was_prosecuted = Some(false);
    assert!(assess(&c, on).unwrap().condition(ConditionCode::NotProsecuted).unwrap().met);
    // Given facts win over the confirmation; the rest read as no, with a note naming them.
    c.exclusions_checked = true;
    c.already_received = Some(true);
    let a = assess(&c, on).unwrap();
    assert_eq!((a.outcome, failed(&a)), (MedalOutcome::NotEligible, vec![ConditionCode::OncePerPerson]));
    c.already_received = None;
    let a = assess(&c, on).unwrap();
    assert_eq!(a.outcome, MedalOutcome::Eligible);
    let once = a.condition(ConditionCode::OncePerPerson).unwrap();
    assert_eq!(once.observed, "no (exclusions_checked)");
    let note = &a.notes.last().unwrap().en;
    assert!(note.contains("already_received") && note.contains("sent_to_compulsory_education"), "{note}");
    assert!(!note.contains("was_prosecuted"), "given facts are not listed: {note}");
    // A listed discipline record answers whether one runs; an empty list does not.
    let mut m =
        member(Sex::Male, vec![period(ServiceKind::GrassrootsSecurityTeam, AreaKind::Ordinary, d(2000, 1, 1), None)]);
    m.exclusions_checked = false;
    assert_eq!(m.fact(super::rules::Fact::UnderDisciplinarySanction, on), None);
    m.disciplines.push(Discipline { from: d(2010, 1, 1), until: Some(d(2010, 6, 30)) });
    assert_eq!(m.fact(super::rules::Fact::UnderDisciplinarySanction, on), Some(false));
}

#[test]
fn a_commendation_whose_purpose_is_not_given_leaves_the_leader_undetermined() {
    let on = d(2036, 1, 1);
    let mut c = leader_2025(d(2020, 1, 1));
    assert_eq!(assess(&c, on).unwrap().outcome, MedalOutcome::Eligible);
    c.prior_awards[0].for_movement = None;
    let a = assess(&c, on).unwrap();
    let x = a.condition(ConditionCode::MovementCommendation).unwrap();
    assert_eq!((a.outcome, x.observed.as_str()), (MedalOutcome::Undetermined, "unknown"));
    assert!(x.explanation.en.contains("prior_awards[].for_movement"), "{}", x.explanation.en);
    c.prior_awards[0].for_movement = Some(false);
    assert_eq!(assess(&c, on).unwrap().outcome, MedalOutcome::NotEligible);
    // One award known to be for the movement is enough, whatever the others are.
    c.prior_awards.push(PriorAward { for_movement: None, ..award(Issuer::ProvincialPolice) });
    c.prior_awards.push(PriorAward { for_movement: Some(true), ..award(Issuer::DistrictChairman) });
    assert_eq!(assess(&c, on).unwrap().outcome, MedalOutcome::Eligible);
}
