//! The model: what antq reads and reasons about — units and their identity, datasets,
//! yearly evidence and its attested criteria, incidents and activities, points, dates and
//! windows, bilingual text, and the administrative calendar (which kinds exist when, and who
//! recognises whom). The types are re-exported at the crate root; the administrative
//! calendar is public as [`crate::calendar`].

pub(crate) mod activity;
pub mod administration;
pub(crate) mod attested;
pub(crate) mod dataset;
pub(crate) mod date;
pub(crate) mod evidence;
pub(crate) mod hierarchy;
pub(crate) mod identity;
pub(crate) mod points;
pub(crate) mod text;
pub(crate) mod unit;
pub(crate) mod unit_index;
