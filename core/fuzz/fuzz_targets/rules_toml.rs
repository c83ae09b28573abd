//! Any text read as a TOML rule set and as a TOML supplement: an error or a rule set,
//! never a panic; a rule set read back from its own JSON is the same rule set.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(rs) = antq::RuleSet::from_str_named("fuzz.toml", text) {
        let again =
            antq::RuleSet::from_str_named("again.json", &rs.to_json()).expect("a rule set's own JSON reads back");
        assert_eq!(rs, again);
    }
    let _ = antq::Supplement::from_str_named("fuzz.toml", text);
});
