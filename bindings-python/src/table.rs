//! `antq.Table`: every result that is a table, as the core builds it (`antq::table`), held
//! as one Arrow record batch. It speaks the Arrow PyCapsule interface
//! (`__arrow_c_stream__`), so `pa.table(t)`, `pl.DataFrame(t)` and pandas ≥ 2.2 read it
//! without a copy, and converts to the caller's library (`to_pandas`, `to_polars`,
//! `to_arrow`, `to`).

use crate::errors::{internal, to_py};
use arrow_array::RecordBatch;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCapsule};

/// A result table: the core's columns in the core's order (`antq.headers()[name]`, key
/// columns first), typed — dates as `date32`, integers as nullable `int64`, lists as lists,
/// codes of a closed set (kinds, outcomes, levels, statuses) dictionary-encoded.
#[pyclass(frozen, module = "antq", name = "Table")]
#[derive(Debug, Clone)]
pub struct Table {
    batch: RecordBatch,
    name: String,
    /// The library `to()` converts to by default (the input's), if any.
    library: Option<String>,
}

impl Table {
    /// The table of a core result table; `library` is the caller's dataframe library.
    pub(crate) fn of(py: Python<'_>, t: &antq::table::Table<'_>, library: Option<&str>) -> PyResult<Self> {
        let batch = py.detach(|| antq::columnar::result_to_batch(t)).map_err(|e| internal(py, &e))?;
        Ok(Table { batch, name: t.name.clone(), library: library.map(str::to_owned) })
    }

    /// A table of an Arrow batch already built.
    pub(crate) fn of_batch(batch: RecordBatch, name: &str, library: Option<&str>) -> Self {
        Table { batch, name: name.to_owned(), library: library.map(str::to_owned) }
    }

    /// The table as `library` (`None`: the table's own default), through `antq._frames`.
    pub(crate) fn into_library<'py>(self, py: Python<'py>, library: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let lib = library.map(str::to_owned).or_else(|| self.library.clone());
        let obj = Bound::new(py, self)?;
        py.import("antq._frames")?.call_method1("convert", (obj, lib))
    }

    /// The Arrow stream capsule of the table (`__arrow_c_stream__`).
    pub(crate) fn stream<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.arrow(py)?.call_method1("__arrow_c_stream__", (requested_schema,))
    }

    fn arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3_arrow::PyTable>> {
        let t = pyo3_arrow::PyTable::try_new(vec![self.batch.clone()], self.batch.schema())?;
        Bound::new(py, t)
    }
}

/// What a pickled table holds: the rebuilding function, then name, Arrow IPC stream, library.
type ReducedTable<'py> = (Bound<'py, PyAny>, (String, Bound<'py, PyBytes>, Option<String>));

/// Rebuilds a pickled table from its Arrow IPC stream.
#[pyfunction]
#[pyo3(signature = (name, ipc, library = None))]
pub(crate) fn _unpickle_table(py: Python<'_>, name: &str, ipc: &[u8], library: Option<String>) -> PyResult<Table> {
    let bad = |e: String| {
        to_py(
            py,
            &antq::Error::Io { path: format!("pickle of table {name}"), message: format!("not a pickled table: {e}") },
        )
    };
    let mut reader =
        arrow_ipc::reader::StreamReader::try_new(std::io::Cursor::new(ipc), None).map_err(|e| bad(e.to_string()))?;
    let batch = match reader.next() {
        Some(b) => b.map_err(|e| bad(e.to_string()))?,
        None => return Err(bad("no batch".into())),
    };
    Ok(Table { batch, name: name.to_owned(), library })
}

#[pymethods]
impl Table {
    /// The Arrow stream of the table (the Arrow PyCapsule interface): `pa.table(t)`,
    /// `pl.DataFrame(t)`, `pd.DataFrame.from_arrow(t)` (pandas ≥ 3) read it.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.stream(py, requested_schema)
    }

    /// The result's name, as in `antq.headers()` (`evaluation`, `whatif`, `teams`…).
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }

    /// The column names, in the core's order.
    #[getter]
    fn columns(&self) -> Vec<String> {
        self.batch.schema().fields().iter().map(|f| f.name().clone()).collect()
    }

    /// The library `to()` returns by default: the input's (`pandas`, `polars`, `pyarrow`),
    /// or None (pandas when installed).
    #[getter]
    fn library(&self) -> Option<&str> {
        self.library.as_deref()
    }

    /// The table as a `pyarrow.Table` (needs pyarrow).
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.clone().into_library(py, Some("pyarrow"))
    }

    /// The table as a `pandas.DataFrame` (needs pandas and pyarrow): dates as
    /// `datetime64[ms]`, integers as nullable `Int64`, booleans as `boolean`, lists as
    /// Python lists, codes as `category`.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.clone().into_library(py, Some("pandas"))
    }

    /// The table as a `polars.DataFrame` (needs polars): dates as `Date`, lists as
    /// `List(String)`, codes as `Categorical`.
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.clone().into_library(py, Some("polars"))
    }

    /// The table as `library` (`"pandas"`, `"polars"`, `"pyarrow"`, or `"arrow"` for this
    /// table itself); by default the input's library, else pandas when installed.
    #[pyo3(signature = (library = None))]
    fn to<'py>(&self, py: Python<'py>, library: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        self.clone().into_library(py, library)
    }

    /// The first `n` rows as text cells (empty for a missing value), for display.
    fn _head(&self, py: Python<'_>, n: usize) -> PyResult<Vec<Vec<String>>> {
        let b = self.batch.slice(0, n.min(self.batch.num_rows()));
        let opts = arrow_cast::display::FormatOptions::default();
        let formatters = b
            .columns()
            .iter()
            .map(|a| arrow_cast::display::ArrayFormatter::try_new(a.as_ref(), &opts))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| internal(py, &e.to_string()))?;
        Ok((0..b.num_rows()).map(|i| formatters.iter().map(|f| f.value(i).to_string()).collect()).collect())
    }

    /// Pickled as its Arrow IPC stream.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<ReducedTable<'py>> {
        let mut buf = Vec::new();
        {
            let mut w = arrow_ipc::writer::StreamWriter::try_new(&mut buf, &self.batch.schema())
                .map_err(|e| internal(py, &e.to_string()))?;
            w.write(&self.batch).map_err(|e| internal(py, &e.to_string()))?;
            w.finish().map_err(|e| internal(py, &e.to_string()))?;
        }
        let f = py.import("antq._antq")?.getattr("_unpickle_table")?;
        Ok((f, (self.name.clone(), PyBytes::new(py, &buf), self.library.clone())))
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.name == other.name && self.batch == other.batch
    }

    fn __repr__(&self) -> String {
        format!("Table({:?}, rows={}, columns={:?})", self.name, self.batch.num_rows(), self.columns())
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("antq._display")?.call_method1("table_html", (slf,))?.extract()
    }
}
