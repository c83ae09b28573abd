//! Files written whole or not at all.

use std::io;
use std::path::{Path, PathBuf};

/// Writes `path` by having `fill` write a new temporary file in the same directory (the
/// path it is given; `fill` creates it), then syncing it and renaming it into place: a
/// failed or killed run never leaves a truncated file where a good one was. A symbolic
/// link is written through (the file it names is replaced, the link kept) and a file
/// replaced keeps its permissions. On failure the temporary file is removed; `fill`'s own
/// errors are returned as they are, the others through `io`.
///
/// ```
/// use std::io::Write;
/// let path = std::env::temp_dir().join(format!("antq-doc-replace-{}.csv", std::process::id()));
/// antq::replace_file(&path, |tmp| std::fs::File::create_new(tmp)?.write_all(b"unit\nA1\n"), |e| e).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "unit\nA1\n");
/// let failed: std::io::Result<()> = antq::replace_file(&path, |_| Err(std::io::Error::other("no")), |e| e);
/// assert!(failed.is_err());
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "unit\nA1\n");
/// # std::fs::remove_file(&path).unwrap();
/// ```
pub fn replace_file<E>(
    path: &Path,
    fill: impl FnOnce(&Path) -> Result<(), E>,
    io: impl Fn(io::Error) -> E,
) -> Result<(), E> {
    let resolved = std::fs::canonicalize(path).ok().filter(|_| path.is_symlink());
    let path = resolved.as_deref().unwrap_or(path);
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let tmp = temporary(path);
    let result = fill(&tmp).and_then(|()| {
        (|| {
            std::fs::File::open(&tmp)?.sync_all()?;
            if let Some(p) = permissions {
                std::fs::set_permissions(&tmp, p)?;
            }
            std::fs::rename(&tmp, path)
        })()
        .map_err(&io)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Refuses an output `path` that is one of the files the dataset at `input` is read from:
/// the file itself, or (with the `columnar` feature) a table file of a folder or of a
/// `units.EXT` file's siblings. A path that does not exist yet is no input. Checked before
/// anything is written, so that a slip of `-o` never replaces the data with its verdicts.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("antq-doc-not-input-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let data = dir.join("data.json");
/// std::fs::write(&data, "{}").unwrap();
/// assert!(antq::check_not_input(&data, &data).unwrap_err().contains("replace the input"));
/// assert!(antq::check_not_input(&dir.join("verdicts.csv"), &data).is_ok());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn check_not_input(path: &Path, input: &Path) -> Result<(), String> {
    let Ok(out) = std::fs::canonicalize(path) else {
        return Ok(());
    };
    #[cfg(feature = "columnar")]
    let tables: Vec<PathBuf> = crate::columnar::TableFiles::locate(input)
        .map(|files| crate::table::Part::ALL.iter().filter_map(|&p| files.get(p)).map(Path::to_owned).collect())
        .unwrap_or_default();
    #[cfg(not(feature = "columnar"))]
    let tables: Vec<PathBuf> = Vec::new();
    match std::iter::once(input.to_owned()).chain(tables).find(|f| std::fs::canonicalize(f).is_ok_and(|f| f == out)) {
        Some(f) => Err(format!(
            "`{}` is the dataset's own file `{}`: writing there would replace the input; choose another path",
            path.display(),
            f.display()
        )),
        None => Ok(()),
    }
}

/// `.NAME.PID.antq-tmp` beside `path`.
fn temporary(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let base = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    dir.join(format!(".{base}.{}.antq-tmp", std::process::id()))
}
