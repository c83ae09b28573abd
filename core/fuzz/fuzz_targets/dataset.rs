//! Any text read as a dataset, JSON or TOML by the first byte: an error or a dataset,
//! never a panic; a dataset read back from its own JSON is the same dataset, and its
//! statistics can be computed.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let name = if first & 1 == 0 { "fuzz.json" } else { "fuzz.toml" };
    if let Ok(ds) = antq::Dataset::from_str_named(name, text) {
        let again =
            antq::Dataset::from_str_named("again.json", &ds.to_json()).expect("a dataset's own JSON reads back");
        assert_eq!(ds, again);
        let _ = antq::stats::activity_stats(&ds, 2023, None);
    }
});
