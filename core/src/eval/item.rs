//! A points item's arithmetic, shared by the interpreter (`check`) and the compiled criteria
//! (`review::kernel`): the range of its scores, the points its condition gives, its score and
//! status, and a deduction.

use super::result::{ItemScore, Status};
use crate::model::evidence::Score;
use crate::model::points::Points;

/// The first of an item's two scores outside 0–`max`: which one (`self`, `reviewed`) and its
/// value. Such a score is an error, never clamped.
pub(crate) fn out_of_range(sc: Score, max: Points) -> Option<(&'static str, Points)> {
    [("self", sc.self_score), ("reviewed", sc.reviewed)]
        .into_iter()
        .find_map(|(who, v)| v.filter(|v| *v > max || *v < Points::ZERO).map(|v| (who, v)))
}

/// The points the rule's condition gives from the evidence: `max` when it is met, 0 when it
/// is not, none when it is unknown.
pub(crate) fn condition_points(s: Status, max: Points) -> Option<Points> {
    match s {
        Status::Met => Some(max),
        Status::NotMet => Some(Points::ZERO),
        Status::Unknown => None,
    }
}

/// An item's score and status. The points its condition computed count when the evidence
/// decides it (`computed`), else the reviewer's score; the reviewer's score is kept beside a
/// condition's (`with_condition`). Met at the maximum, unknown without a score.
pub(crate) fn scored(sc: Score, max: Points, computed: Option<Points>, with_condition: bool) -> (ItemScore, Status) {
    let counted = computed.or(sc.reviewed);
    let reviewer = if with_condition { sc.reviewed } else { None };
    let status = match counted {
        None => Status::Unknown,
        Some(r) if r == max => Status::Met,
        Some(_) => Status::NotMet,
    };
    (ItemScore { self_score: sc.self_score, reviewed: counted, max, computed, reviewer }, status)
}

/// A deduction of `per_event` for each of `n` incidents, at most `max` in all: the score
/// (negative) and the status (met without incidents).
pub(crate) fn deduction(n: u64, per_event: Points, max: Points) -> (ItemScore, Status) {
    let neg = Points::ZERO - per_event.times(n).min(max);
    let score = ItemScore { self_score: Some(neg), reviewed: Some(neg), max, computed: Some(neg), reviewer: None };
    (score, if n == 0 { Status::Met } else { Status::NotMet })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(hundredths: i64) -> Points {
        Points::from_hundredths(hundredths)
    }

    #[test]
    fn a_score_outside_its_range_is_named() {
        let sc = Score { self_score: Some(p(-1)), reviewed: Some(p(400)) };
        assert_eq!(out_of_range(sc, p(300)), Some(("self", p(-1))));
        let sc = Score { self_score: Some(p(300)), reviewed: Some(p(301)) };
        assert_eq!(out_of_range(sc, p(300)), Some(("reviewed", p(301))));
        assert_eq!(out_of_range(Score { self_score: Some(p(0)), reviewed: None }, p(300)), None);
    }

    #[test]
    fn a_condition_decides_over_the_reviewer_and_keeps_the_reviewers_score() {
        let sc = Score { self_score: Some(p(100)), reviewed: Some(p(300)) };
        let (score, s) = scored(sc, p(300), condition_points(Status::NotMet, p(300)), true);
        assert_eq!((score.reviewed, score.reviewer, s), (Some(p(0)), Some(p(300)), Status::NotMet));
        let (score, s) = scored(sc, p(300), condition_points(Status::Unknown, p(300)), true);
        assert_eq!((score.reviewed, score.computed, s), (Some(p(300)), None, Status::Met));
        let (score, s) = scored(Score::default(), p(300), None, false);
        assert_eq!((score.reviewed, score.reviewer, s), (None, None, Status::Unknown));
    }

    #[test]
    fn a_deduction_is_capped_and_negative() {
        let (score, s) = deduction(5, p(50), p(200));
        assert_eq!((score.reviewed, s), (Some(p(-200)), Status::NotMet));
        assert_eq!(deduction(0, p(50), p(200)).1, Status::Met);
    }

    #[test]
    fn counts_reach_a_need_or_cannot() {
        assert_eq!(Status::of_counts(3, 0, 3), Status::Met);
        assert_eq!(Status::of_counts(2, 1, 3), Status::Unknown);
        assert_eq!(Status::of_counts(2, 0, 3), Status::NotMet);
        assert_eq!(Status::of_counts(0, u64::MAX, u64::MAX), Status::Unknown);
    }
}
