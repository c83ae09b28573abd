//! DOMAIN §6's other rules, each with its instruments as data: the yearly ranking of
//! grassroots security teams ([`teams`]), the medal "For the cause of protecting national
//! security" ([`medal`]), and the festival day and season ([`festival`]). Public as
//! `antq::teams`, `antq::medal` and `antq::festival`.

pub mod festival;
pub mod medal;
pub mod teams;
