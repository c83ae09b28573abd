//! DOMAIN §6's other rules, each with its instruments as data: the yearly ranking of
//! grassroots security teams ([`teams`]), the medal "For the cause of protecting national
//! security" ([`medal`]), and the festival day and season ([`festival`]). Public as
//! `antq::teams`, `antq::medal` and `antq::festival`.

pub mod festival;
pub mod medal;
pub mod teams;

/// The problem of an input whose `format_version` is `found`, where versions `1..=latest`
/// are read.
fn unreadable_version(found: u32, latest: u32) -> crate::Problem {
    let versions = (1..=latest).map(|v| v.to_string()).collect::<Vec<_>>();
    crate::Problem::new(
        crate::ProblemCode::FormatVersion,
        crate::Location::path("format_version"),
        format!("format_version {found} is not one this antq reads ({})", versions.join(" or ")),
    )
    .with_vi(format!("format_version {found} không phải phiên bản bản antq này đọc được ({})", versions.join(" hoặc ")))
}
