//! Round trips of the sample province through every table format, and the problems of bad
//! files.

use super::*;
use crate::synthetic::sample::SAMPLE_JSON;

fn sample() -> Dataset {
    Dataset::from_str_named("sample.json", SAMPLE_JSON).unwrap()
}

/// A fresh folder under the system's temporary folder.
pub(super) fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("antq-columnar-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The serialised evaluation of every preset that evaluates the sample.
fn evaluations(ds: &Dataset) -> Vec<String> {
    ["vn.c124-2021", "vn.d9745-2022.communes"]
        .iter()
        .map(|id| {
            let rules = crate::RuleSet::preset(id).unwrap();
            serde_json::to_string(&crate::evaluate(ds, &rules, 2023).unwrap()).unwrap()
        })
        .collect()
}

#[test]
fn sample_round_trips_with_identical_evaluations() {
    let ds = sample();
    let want = evaluations(&ds);
    for format in TableFormat::ALL.iter().copied() {
        let dir = temp(format.as_str());
        let target = if TableFormat::PER_TABLE.contains(&format) { dir.clone() } else { dir.join("sample.xlsx") };
        write_dataset(&ds, &target, format).unwrap();
        let mut back = read_dataset(&target).unwrap_or_else(|e| panic!("{}: {e}", format.as_str()));
        back.meta = ds.meta.clone();
        assert_eq!(back, ds, "{}", format.as_str());
        assert_eq!(evaluations(&back), want, "{}", format.as_str());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// The sample's tables as polars writes them by default (zstd-compressed Parquet, written
/// by `benches/peers/py/to_parquet.py --keep-order` then `polars.write_parquet`).
#[test]
fn zstd_parquet_written_by_polars_reads_with_identical_evaluations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/read/columnar/fixtures/sample-zstd");
    let mut back = read_dataset(&dir).unwrap();
    let ds = sample();
    back.meta = ds.meta.clone();
    assert_eq!(back, ds);
    assert_eq!(evaluations(&back), evaluations(&ds));
}

/// A problem as (file name, line, column, path, message).
pub(super) type Placed = (String, Option<usize>, Option<usize>, String, String);

/// The problems of reading `path`.
pub(super) fn problems(path: &Path) -> Vec<Placed> {
    let e = read_dataset(path).unwrap_err();
    e.problems()
        .iter()
        .map(|p| {
            let l = &p.location;
            let file = Path::new(l.file.as_deref().unwrap_or("")).file_name().unwrap().to_string_lossy().into_owned();
            (file, l.line, l.column, l.path.clone().unwrap_or_default(), p.message.clone())
        })
        .collect()
}

fn small_units() -> Table<'static> {
    Table::new("units")
        .with("id", Column::text(["C1", "A1"]))
        .with("name", Column::text(["Xã Một", "Thôn Một"]))
        .with("kind", Column::text(["commune", "residential_area"]))
        .with("subkind", Column::text(["xa", "thon"]))
        .with("parent", Column::Text(vec![None, Some("C1".into())]))
}

use crate::table::{Column, Table};

#[test]
fn bad_tables_name_file_row_and_column() {
    let dir = temp("bad-parquet");
    // An unknown column in units, a text column where evidence needs counts.
    let units = small_units().with("colour", Column::text(["red", "blue"]));
    parquet_files::write(&units, &dir.join("units.parquet")).unwrap();
    let ev = Table::new("evidence")
        .with("unit", Column::text(["A1"]))
        .with("year", Column::Int(vec![Some(2023)]))
        .with("households_total", Column::text(["many"]));
    parquet_files::write(&ev, &dir.join("evidence.parquet")).unwrap();
    let ps = problems(&dir);
    assert_eq!(ps[0].0, "units.parquet");
    assert_eq!(ps[0].3, "units.colour");
    assert_eq!((ps[1].0.as_str(), ps[1].3.as_str()), ("evidence.parquet", "evidence[0].households_total"));
    assert!(ps[1].4.contains("holds text values; it needs integer"), "{}", ps[1].4);

    // A text column with no value (as polars reads a CSV column left empty) is named as
    // such, not as holding text.
    let ev = Table::new("evidence")
        .with("unit", Column::text(["A1"]))
        .with("year", Column::Int(vec![Some(2023)]))
        .with("households_total", Column::Text(vec![None]));
    parquet_files::write(&ev, &dir.join("evidence.parquet")).unwrap();
    let ps = problems(&dir);
    assert_eq!((ps[1].0.as_str(), ps[1].3.as_str()), ("evidence.parquet", "evidence.households_total"));
    assert!(ps[1].4.contains("is typed for text values; it needs integer"), "{}", ps[1].4);
    assert!(ps[1].4.ends_with("(it has no values: give it one of those types, or leave it out)"), "{}", ps[1].4);

    // No units table.
    std::fs::remove_file(dir.join("units.parquet")).unwrap();
    let ps = problems(&dir);
    assert_eq!(ps.len(), 1);
    assert!(ps[0].4.contains("no units table"), "{}", ps[0].4);

    // A file that is not Parquet.
    std::fs::write(dir.join("units.parquet"), "id,name\n").unwrap();
    assert!(problems(&dir)[0].4.starts_with("not a Parquet table"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_csv_cells_name_line_and_column() {
    let dir = temp("bad-csv");
    std::fs::write(
        dir.join("units.csv"),
        "\u{feff}id,name,kind,subkind,parent\r\nC1,Xã Một,commune,xa,\r\n\r\nA1,\"Thôn\r\nMột\",residential_area,thon,C1\r\nA2,Thôn Hai,galaxy,thon,C1\r\n",
    )
    .unwrap();
    std::fs::write(dir.join("evidence.csv"), "unit,year,households_total\nA1,2023,\nA1,20x3,12\n").unwrap();
    let ps = problems(&dir);
    assert_eq!(ps.len(), 2, "{ps:?}");
    // A2 starts on line 6: the quoted name spans lines 4 and 5; the blank line is skipped.
    assert_eq!(
        (ps[0].0.as_str(), ps[0].1, ps[0].2, ps[0].3.as_str()),
        ("units.csv", Some(6), Some(3), "units[2].kind")
    );
    assert_eq!(ps[1].0, "evidence.csv");
    assert_eq!((ps[1].1, ps[1].2, ps[1].3.as_str()), (Some(3), Some(2), "evidence[1].year"));
    assert!(ps[1].4.contains("`20x3` is not a whole number"));
    // Said in Vietnamese too, whichever reader found it (serde's unknown value, a cell).
    let vi: Vec<String> =
        read_dataset(&dir).unwrap_err().problems().iter().filter_map(|p| p.message_vi.clone()).collect();
    assert_eq!(vi.len(), 2, "{vi:?}");
    assert!(vi[0].starts_with("giá trị không có trong danh sách: `galaxy`"), "{}", vi[0]);
    assert_eq!(vi[1], "`20x3` không phải một số nguyên");
    // A file holding only a byte-order mark and a blank line has no header: refused, never
    // read as a table of no rows.
    std::fs::write(dir.join("units.csv"), "\u{feff}\r\n").unwrap();
    std::fs::remove_file(dir.join("evidence.csv")).unwrap();
    let ps = problems(&dir);
    assert_eq!((ps.len(), ps[0].0.as_str(), ps[0].1), (1, "units.csv", Some(1)), "{ps:?}");
    assert!(ps[0].4.contains("the header row is empty"), "{}", ps[0].4);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A commune and `n` residential areas, with each area's 2023 evidence attesting `RA-2` as
/// `value(i)`.
fn many_rows(n: usize, value: impl Fn(usize) -> &'static str) -> (Table<'static>, Table<'static>) {
    let ids: Vec<String> = std::iter::once("C1".to_owned()).chain((0..n).map(|i| format!("A{i}"))).collect();
    let units = Table::new("units")
        .with("id", Column::text(ids.clone()))
        .with("name", Column::text(ids.iter().map(|i| format!("Đơn vị {i}"))))
        .with("kind", Column::text(ids.iter().map(|i| if i == "C1" { "commune" } else { "residential_area" })))
        .with("subkind", Column::text(ids.iter().map(|i| if i == "C1" { "xa" } else { "thon" })))
        .with("parent", Column::Text(ids.iter().map(|i| (i != "C1").then(|| "C1".into())).collect()));
    let evidence = Table::new("evidence")
        .with("unit", Column::text(ids[1..].to_vec()))
        .with("year", Column::Int(vec![Some(2023); n]))
        .with("attested:RA-2", Column::text((0..n).map(value)));
    (units, evidence)
}

/// The problems of an error, without where the files place them.
fn paths_and_messages(e: &Error) -> Vec<(String, String)> {
    e.problems().iter().map(|p| (p.location.path.clone().unwrap_or_default(), p.message.clone())).collect()
}

/// Tables of many batches, read a batch at a time on every core (`parallel`), give the
/// records of the same tables read in one piece, and their problems in the same order, with
/// the same last line once the problems are too many.
#[test]
fn tables_of_many_batches_read_as_in_one_piece() {
    let n = 5 * BATCH_ROWS + 17;
    for (case, value) in [
        ("good", (|i| if i % 3 == 0 { "no" } else { "yes" }) as fn(usize) -> &'static str),
        ("some bad cells", |i| if i % 997 == 0 { "maybe" } else { "yes" }),
        ("too many bad cells", |i| if i % 7 == 0 { "maybe" } else { "yes" }),
    ] {
        let (units, evidence) = many_rows(n, value);
        let whole = crate::table::dataset_from_tables(&units, Some(&evidence), None, None);
        for format in [TableFormat::Parquet, TableFormat::Arrow] {
            let dir = temp(&format!("many-{}-{}", format.as_str(), case.replace(' ', "-")));
            let ext = format.extension();
            match format {
                TableFormat::Parquet => {
                    parquet_files::write(&units, &dir.join(format!("units.{ext}"))).unwrap();
                    parquet_files::write(&evidence, &dir.join(format!("evidence.{ext}"))).unwrap();
                }
                _ => {
                    ipc_files::write(&units, &dir.join(format!("units.{ext}"))).unwrap();
                    ipc_files::write(&evidence, &dir.join(format!("evidence.{ext}"))).unwrap();
                }
            }
            let read = read_dataset(&dir);
            match (&whole, &read) {
                (Ok(want), Ok(got)) => {
                    assert_eq!(
                        (&got.units, &got.evidence),
                        (&want.units, &want.evidence),
                        "{case}, {}",
                        format.as_str()
                    );
                    assert_eq!(got.evidence.len(), n);
                }
                (Err(want), Err(got)) => {
                    let (want, got) = (paths_and_messages(want), paths_and_messages(got));
                    assert_eq!(got, want, "{case}, {}", format.as_str());
                    assert!(got.len() > 5, "{case}: {got:?}");
                }
                _ => panic!("{case}, {}: {whole:?} against {read:?}", format.as_str()),
            }
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }
}

/// Text read from Arrow dictionaries (pandas categoricals, few-valued Parquet columns) is the
/// text of the plain column, whatever the key type, with null keys and null values as
/// missing cells.
#[test]
fn dictionary_text_reads_as_its_values() {
    use arrow_array::types::{Int8Type, Int32Type, UInt16Type};
    use arrow_array::{DictionaryArray, Int8Array, Int32Array, RecordBatch, StringArray, UInt16Array};
    use std::sync::Arc;
    let kind: DictionaryArray<Int8Type> = DictionaryArray::try_new(
        Int8Array::from(vec![Some(1), Some(0), None, Some(1)]),
        Arc::new(StringArray::from(vec!["commune", "residential_area"])),
    )
    .unwrap();
    let level: DictionaryArray<Int32Type> = DictionaryArray::try_new(
        Int32Array::from(vec![Some(0), Some(1), Some(0), None]),
        Arc::new(StringArray::from(vec![Some("kha"), None])),
    )
    .unwrap();
    let size: DictionaryArray<UInt16Type> = DictionaryArray::try_new(
        UInt16Array::from(vec![None, Some(2), Some(0), Some(2)]),
        Arc::new(StringArray::from(vec!["micro", "small", "large"])),
    )
    .unwrap();
    let batch = RecordBatch::try_from_iter([
        ("kind", Arc::new(kind) as arrow_array::ArrayRef),
        ("level", Arc::new(level) as arrow_array::ArrayRef),
        ("size", Arc::new(size) as arrow_array::ArrayRef),
    ])
    .unwrap();
    let t = table_from_batches("units", &batch.schema(), std::slice::from_ref(&batch)).unwrap();
    fn text(v: &[Option<&'static str>]) -> crate::table::Column<'static> {
        crate::table::Column::Text(v.iter().map(|o| o.map(Into::into)).collect())
    }
    assert_eq!(
        t.column("kind"),
        Some(&text(&[Some("residential_area"), Some("commune"), None, Some("residential_area")]))
    );
    assert_eq!(t.column("level"), Some(&text(&[Some("kha"), None, Some("kha"), None])));
    assert_eq!(t.column("size"), Some(&text(&[None, Some("large"), Some("micro"), Some("large")])));
}

/// The evidence records the flat table makes of `batch`, and its problems.
fn evidence_via_table(batch: &arrow_array::RecordBatch) -> std::result::Result<Vec<crate::Evidence>, Error> {
    let t = table_from_batches("evidence", &batch.schema(), std::slice::from_ref(batch)).unwrap();
    let mut import = TableImport::default();
    import.add(crate::table::Part::Evidence, &t, 0);
    import.finish_unchecked().map(|ds| ds.evidence)
}

#[test]
fn evidence_read_straight_from_arrow_is_what_the_flat_table_reads() {
    use arrow_array::{ArrayRef, RecordBatch};
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;
    let spec = crate::generate::Spec { units: 3000, year: 2023, seed: 7 };
    let ds = crate::generate::generate(&spec);
    let batch = table_to_batch(&crate::table::dataset_to_tables(&ds).evidence).unwrap();
    let direct = super::evidence_batch::records(&batch).expect("a clean batch is read straight");
    assert_eq!(direct, evidence_via_table(&batch).unwrap());
    assert_eq!(direct, ds.evidence);

    // Text columns as dictionaries (categoricals), as polars and pandas write them.
    let dict = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
    let (fields, columns): (Vec<Field>, Vec<ArrayRef>) = batch
        .schema()
        .fields()
        .iter()
        .zip(batch.columns())
        .map(|(f, c)| match c.data_type() {
            DataType::Utf8 => (Field::new(f.name(), dict.clone(), true), arrow_cast::cast(c, &dict).unwrap()),
            _ => (f.as_ref().clone(), Arc::clone(c)),
        })
        .collect();
    let categorical = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap();
    assert_eq!(super::evidence_batch::records(&categorical).expect("dictionaries are read straight"), direct);

    // A batch with a value to report is left to the flat table, which names it.
    let with = |name: &str, a: ArrayRef| {
        let schema = batch.schema();
        let k = schema.index_of(name).unwrap();
        let mut columns = batch.columns().to_vec();
        columns[k] = a;
        let fields: Vec<Field> = schema
            .fields()
            .iter()
            .enumerate()
            .map(
                |(j, f)| {
                    if j == k { Field::new(name, columns[k].data_type().clone(), true) } else { f.as_ref().clone() }
                },
            )
            .collect();
        RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap()
    };
    let n = batch.num_rows();
    let mut marks = vec![Some("yes"); n];
    marks[n - 1] = Some("maybe");
    let mut counts = vec![Some(1i64); n];
    counts[3] = Some(-1);
    let mut years = vec![Some(2023i64); n];
    years[5] = None;
    for (name, a) in [
        ("attested:RA-2", Arc::new(arrow_array::StringArray::from(marks)) as ArrayRef),
        ("effective_models", Arc::new(arrow_array::Int64Array::from(counts)) as ArrayRef),
        ("year", Arc::new(arrow_array::Int64Array::from(years)) as ArrayRef),
    ] {
        let bad = with(name, a);
        assert!(super::evidence_batch::records(&bad).is_none(), "{name}");
        let e = evidence_via_table(&bad).unwrap_err();
        assert!(e.problems()[0].location.path.as_deref().is_some_and(|p| p.ends_with(name) || p.contains(name)), "{e}");
    }
}

/// Tables given as record batches (a dataframe's) make the dataset the flat tables make,
/// and a table with a problem gives the flat tables' error.
#[test]
fn batches_read_as_the_flat_tables_read_them() {
    use crate::synthetic::generate::{Spec, generate};
    use arrow_array::{ArrayRef, RecordBatch, StringArray};
    use std::sync::Arc;
    let as_batches = |t: &crate::table::Table<'_>, size: usize| -> Batches {
        let b = table_to_batch(t).unwrap();
        // In batches of `size` rows, as a dataframe's chunks come.
        let parts = (0..b.num_rows()).step_by(size).map(|at| b.slice(at, size.min(b.num_rows() - at))).collect();
        (parts, b.schema())
    };
    for ds in [sample(), generate(&Spec { units: 20_000, year: 2023, seed: 9 })] {
        let t = dataset_to_tables(&ds);
        for size in [usize::MAX, 5_000, 300] {
            let [u, e, i, a] = [&t.units, &t.evidence, &t.incidents, &t.activities].map(|t| as_batches(t, size));
            let read = dataset_from_batches(&u, Some(&e), Some(&i), Some(&a)).unwrap();
            assert_eq!((&read.units, &read.evidence), (&ds.units, &ds.evidence), "{size}");
            assert_eq!((&read.incidents, &read.activities), (&ds.incidents, &ds.activities), "{size}");
            let slow = from_tables(&u, Some(&e), Some(&i), Some(&a)).unwrap();
            assert_eq!(read, slow);
        }
    }
    // A bad kind, an unknown column, a unit named twice: the flat tables' errors.
    let ds = sample();
    let t = dataset_to_tables(&ds);
    let units = as_batches(&t.units, 50);
    let evidence = as_batches(&t.evidence, 50);
    let with_column = |(batches, _): &Batches, name: &str, value: &str| -> Batches {
        let batches: Vec<RecordBatch> = batches
            .iter()
            .map(|b| {
                let mut columns: Vec<(String, ArrayRef)> =
                    b.schema().fields().iter().map(|f| f.name().clone()).zip(b.columns().iter().cloned()).collect();
                let cell: ArrayRef = Arc::new(StringArray::from(vec![Some(value); b.num_rows()]));
                match columns.iter_mut().find(|(n, _)| n == name) {
                    Some((_, c)) => *c = cell,
                    None => columns.push((name.to_owned(), cell)),
                }
                RecordBatch::try_from_iter(columns).unwrap()
            })
            .collect();
        let schema = batches[0].schema();
        (batches, schema)
    };
    for (units, evidence) in [
        (with_column(&units, "kind", "castle"), evidence.clone()),
        (units.clone(), with_column(&evidence, "colour", "blue")),
        (with_column(&units, "id", "U1"), evidence.clone()),
        (units.clone(), with_column(&evidence, "year", "20x3")),
    ] {
        let fast = dataset_from_batches(&units, Some(&evidence), None, None).unwrap_err();
        let slow = from_tables(&units, Some(&evidence), None, None).unwrap_err();
        assert_eq!(fast.to_string(), slow.to_string());
        assert!(matches!(fast, Error::InvalidDataset(_)), "{fast}");
    }
}

/// A timestamp column with a named time zone (pandas' `datetime64[ns, UTC]`, or a local zone)
/// is read as the date in that zone, as Python's frames are.
#[test]
fn timestamps_with_a_named_time_zone_read_as_their_local_date() {
    use arrow_array::{Int64Array, RecordBatch, StringArray, TimestampMicrosecondArray};
    use std::sync::Arc;
    let dir = temp("tz");
    let write = |name: &str, batch: RecordBatch| {
        let file = std::fs::File::create(dir.join(name)).unwrap();
        let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
    };
    let text = |v: &[&str]| Arc::new(StringArray::from(v.to_vec())) as arrow_array::ArrayRef;
    let units = RecordBatch::try_from_iter([
        ("id", text(&["R1", "R2"])),
        ("name", text(&["Thôn 1", "Thôn 2"])),
        ("kind", text(&["residential_area", "residential_area"])),
        ("subkind", text(&["thon", "thon"])),
    ])
    .unwrap();
    write("units.parquet", units);
    // 2023-01-14 20:00 UTC is 2023-01-15 03:00 in Hanoi.
    let at = |zone: &str| {
        Arc::new(TimestampMicrosecondArray::from(vec![1_673_726_400_000_000i64]).with_timezone(zone))
            as arrow_array::ArrayRef
    };
    let year = || Arc::new(Int64Array::from(vec![2023])) as arrow_array::ArrayRef;
    for (zone, want) in [("UTC", "2023-01-14"), ("Asia/Ho_Chi_Minh", "2023-01-15"), ("+07:00", "2023-01-15")] {
        let evidence =
            RecordBatch::try_from_iter([("unit", text(&["R1"])), ("year", year()), ("registration_date", at(zone))])
                .unwrap();
        write("evidence.parquet", evidence);
        let ds = read_dataset(&dir).unwrap();
        assert_eq!(ds.evidence[0].registration_date.map(|d| d.to_string()).as_deref(), Some(want), "{zone}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An empty `count` or agency `armed_forces` cell is a `bad_value` problem naming the CSV
/// file, line and column, never read as 1 or `false`.
#[test]
fn empty_count_and_armed_forces_cells_name_their_csv_line_and_column() {
    let dir = temp("blank-defaults-csv");
    std::fs::write(
        dir.join("units.csv"),
        "id,name,kind,subkind,armed_forces,parent\nC1,Xã,commune,xa,,\nO1,Cơ quan,agency,,,C1\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("activities.csv"),
        "unit,date,count,type,attendees\nC1,2023-05-01,,propaganda_meeting,40\n",
    )
    .unwrap();
    let ps = problems(&dir);
    let got: Vec<(&str, Option<usize>, Option<usize>, &str)> =
        ps.iter().map(|p| (p.0.as_str(), p.1, p.2, p.3.as_str())).collect();
    assert_eq!(
        got,
        [
            ("units.csv", Some(3), Some(5), "units[1].armed_forces"),
            ("activities.csv", Some(2), Some(3), "activities[0].count")
        ],
        "{ps:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A CSV table of a header and no row is checked for its required columns, as one with rows.
#[test]
fn header_only_csv_tables_are_checked_for_their_columns() {
    let dir = temp("header-only-csv");
    std::fs::write(dir.join("units.csv"), "id,name\n").unwrap();
    std::fs::write(dir.join("evidence.csv"), "unit,households_total\n").unwrap();
    let got: Vec<(String, String)> = problems(&dir).into_iter().map(|p| (p.0, p.3)).collect();
    let want = [("units.csv", "units.kind"), ("evidence.csv", "evidence.year")];
    assert_eq!(got, want.map(|(f, p)| (f.to_owned(), p.to_owned())));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A decimal column where a count is needed is refused naming its Arrow type (it was read
/// as text, and called text).
#[test]
fn a_decimal_count_column_is_named_by_its_arrow_type() {
    use arrow_array::{Decimal128Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;
    let schema = Schema::new(vec![
        Field::new("unit", DataType::Utf8, true),
        Field::new("date", DataType::Utf8, true),
        Field::new("count", DataType::Decimal128(10, 0), true),
        Field::new("type", DataType::Utf8, true),
        Field::new("attendees", DataType::Decimal128(10, 0), true),
    ]);
    let dec = || Arc::new(Decimal128Array::from(vec![Some(3)]).with_precision_and_scale(10, 0).unwrap());
    let text = |s: &str| Arc::new(StringArray::from(vec![s]));
    let batch = RecordBatch::try_new(
        Arc::new(schema),
        vec![text("C1"), text("2023-05-01"), dec(), text("propaganda_meeting"), dec()],
    )
    .unwrap();
    let e = crate::columnar::table_from_batches("activities", &batch.schema(), &[batch]).unwrap_err();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].location.path.as_deref(), Some("activities.count"));
    assert!(e[0].message.contains("has Arrow type Decimal128(10, 0); it needs whole numbers"), "{}", e[0].message);
}

/// An evidence key no rule set reads, refused by the review, names the CSV file, the line
/// of its record and the column of the key.
#[test]
fn an_unknown_key_names_its_csv_line_and_column() {
    let dir = temp("unknown-key-csv");
    std::fs::write(
        dir.join("units.csv"),
        "id,name,kind,subkind,parent\nC1,Xã,commune,xa,\nR1,Thôn,residential_area,thon,C1\n",
    )
    .unwrap();
    std::fs::write(dir.join("evidence.csv"), "unit,year,attested:RA-2,attested:RA2\nC1,2023,,\nR1,2023,yes,yes\n")
        .unwrap();
    let read = read_unchecked(&dir).unwrap();
    let prepared = read.prepare(2023).unwrap();
    let rules = crate::RuleSet::preset("vn.c124-2021").unwrap();
    let e = read.locate(prepared.review(&rules, &crate::Options::default()).unwrap_err());
    let p = &e.problems()[0];
    assert_eq!(p.code, crate::ProblemCode::UnknownKey, "{e}");
    let file = p.location.file.as_deref().map(|f| Path::new(f).file_name().unwrap().to_string_lossy().into_owned());
    assert_eq!((file.as_deref(), p.location.line, p.location.column), (Some("evidence.csv"), Some(3), Some(4)), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}
