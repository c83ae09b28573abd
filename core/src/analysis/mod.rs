//! Decision support built on top of [`evaluate_with`](crate::evaluate_with): what a unit
//! still needs to reach a target ([`whatif`]).
//!
//! Everything here is a pure function of its inputs: no clock, and results that
//! serialise with serde.

pub mod whatif;

pub use whatif::{Action, Change, ChangeKind, Goal, Plan, PlanStatus, Target, verify, what_it_takes};
