//! The statement table as Apache Parquet (`geokg export --format parquet`): the CSV columns
//! ([`super::table::COLUMNS`]), typed, snappy-compressed, in one file or partitioned by month
//! in Hive style (`month=2022-01/part-0.parquet`, `month=undated/…`), which DuckDB, Polars,
//! pandas, Spark and BigQuery read directly.

use crate::error::{Error, Result};
use crate::model::StatementRecord;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, Int64Array, RecordBatch,
    StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows per row group.
const ROW_GROUP: usize = 64 * 1024;

/// The Arrow schema: the CSV columns, with dates as `date32`, counts and offsets as `int64`,
/// the QuadClass as `int32`, Goldstein and confidence as `float64`, `negated` as boolean;
/// codes, agents and dates are nullable.
pub fn schema() -> Schema {
    let s = |n: &str, null: bool| Field::new(n, DataType::Utf8, null);
    Schema::new(vec![
        s("doc", false),
        Field::new("date", DataType::Date32, true),
        Field::new("article_date", DataType::Date32, true),
        Field::new("sentence", DataType::Int64, false),
        s("actor_id", false),
        s("actor_code", true),
        s("actor_name", false),
        s("actor_kind", false),
        s("actor_agent", true),
        s("stance", false),
        s("cameo", false),
        s("cameo_root", false),
        Field::new("quad_class", DataType::Int32, false),
        Field::new("goldstein", DataType::Float64, false),
        s("target_id", false),
        s("target_code", true),
        s("target_name", false),
        s("target_kind", false),
        s("target_agent", true),
        Field::new("negated", DataType::Boolean, false),
        s("modality", false),
        Field::new("confidence", DataType::Float64, false),
        Field::new("span_start", DataType::Int64, false),
        Field::new("span_end", DataType::Int64, false),
        s("text", false),
    ])
}

fn days(d: Option<&str>) -> Option<i32> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    let d = NaiveDate::parse_from_str(d?, "%Y-%m-%d").ok()?;
    i32::try_from((d - epoch).num_days()).ok()
}

fn batch(records: &[StatementRecord]) -> Result<RecordBatch> {
    let text = |f: &dyn Fn(&StatementRecord) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(records.iter().map(f)))
    };
    let opt = |f: &dyn Fn(&StatementRecord) -> Option<&str>| -> ArrayRef {
        Arc::new(records.iter().map(f).collect::<StringArray>())
    };
    let int = |f: &dyn Fn(&StatementRecord) -> usize| -> ArrayRef {
        Arc::new(Int64Array::from_iter_values(
            records.iter().map(|r| f(r) as i64),
        ))
    };
    let columns: Vec<ArrayRef> = vec![
        text(&|r| r.doc.as_str()),
        Arc::new(
            records
                .iter()
                .map(|r| days(r.date.as_deref()))
                .collect::<Date32Array>(),
        ),
        Arc::new(
            records
                .iter()
                .map(|r| days(r.article_date.as_deref()))
                .collect::<Date32Array>(),
        ),
        int(&|r| r.sentence),
        text(&|r| r.actor.id.as_str()),
        opt(&|r| r.actor.code.as_deref()),
        text(&|r| r.actor.name.as_str()),
        text(&|r| r.actor.kind.as_str()),
        opt(&|r| r.actor.agent.as_deref()),
        text(&|r| r.stance.id.as_str()),
        text(&|r| r.stance.cameo.as_str()),
        text(&|r| r.stance.cameo_root.as_str()),
        Arc::new(Int32Array::from_iter_values(
            records.iter().map(|r| i32::from(r.stance.quad_class)),
        )),
        Arc::new(Float64Array::from_iter_values(
            records.iter().map(|r| r.stance.goldstein),
        )),
        text(&|r| r.target.id.as_str()),
        opt(&|r| r.target.code.as_deref()),
        text(&|r| r.target.name.as_str()),
        text(&|r| r.target.kind.as_str()),
        opt(&|r| r.target.agent.as_deref()),
        Arc::new(
            records
                .iter()
                .map(|r| Some(r.negated))
                .collect::<BooleanArray>(),
        ),
        text(&|r| r.modality.as_str()),
        // the three decimals of the CSV column and of the store's literal
        Arc::new(Float64Array::from_iter_values(records.iter().map(|r| {
            format!("{:.3}", r.confidence)
                .parse::<f64>()
                .unwrap_or(r.confidence)
        }))),
        int(&|r| r.span[0]),
        int(&|r| r.span[1]),
        text(&|r| r.text.as_str()),
    ];
    RecordBatch::try_new(Arc::new(schema()), columns)
        .map_err(|e| Error::Other(format!("parquet: {e}")))
}

/// Writes the records as one Parquet file.
pub fn write_parquet<W: Write + Send>(records: &[StatementRecord], w: W) -> Result<()> {
    let err = |e: parquet::errors::ParquetError| Error::Other(format!("parquet: {e}"));
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP))
        .build();
    let mut writer = ArrowWriter::try_new(w, Arc::new(schema()), Some(props)).map_err(err)?;
    for chunk in records.chunks(ROW_GROUP) {
        writer.write(&batch(chunk)?).map_err(err)?;
    }
    writer.close().map_err(err)?;
    Ok(())
}

/// The month partition of a record: its date's month, else its article date's, else
/// `undated`.
pub fn month(r: &StatementRecord) -> String {
    r.date
        .as_deref()
        .or(r.article_date.as_deref())
        .and_then(|d| d.get(..7))
        .unwrap_or("undated")
        .to_owned()
}

/// Writes the records partitioned by month under `dir` (`month=YYYY-MM/part-0.parquet`);
/// returns the files written, sorted. `dir` is created; a file already there is replaced.
pub fn write_partitioned(records: &[StatementRecord], dir: &Path) -> Result<Vec<PathBuf>> {
    let mut by_month: BTreeMap<String, Vec<StatementRecord>> = BTreeMap::new();
    for r in records {
        by_month.entry(month(r)).or_default().push(r.clone());
    }
    let mut written = Vec::new();
    for (m, rows) in by_month {
        let part = dir.join(format!("month={m}"));
        std::fs::create_dir_all(&part).map_err(|source| Error::Io {
            path: part.clone(),
            source,
        })?;
        let path = part.join("part-0.parquet");
        let file = std::fs::File::create(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        write_parquet(&rows, std::io::BufWriter::new(file))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::{d1, d2};
    use crate::store::{KgStore, StatementFilter};
    use arrow_array::Array;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    #[test]
    fn statement_table_round_trips_typed() {
        let kg = KgStore::memory().unwrap();
        kg.load_extraction(&d1()).unwrap();
        kg.load_extraction(&d2()).unwrap();
        let records = kg.statements(&StatementFilter::default()).unwrap();
        assert!(!records.is_empty());
        let mut buf = Vec::new();
        write_parquet(&records, &mut buf).unwrap();
        let file = tempfile::tempfile().unwrap();
        write_parquet(&records, &file).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
        let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
        assert_eq!(rows, records.len());
        let b = &batches[0];
        assert_eq!(
            b.schema().fields().len(),
            super::super::table::COLUMNS.len()
        );
        for (f, name) in b.schema().fields().iter().zip(super::super::table::COLUMNS) {
            assert_eq!(f.name(), name);
        }
        let conf = b
            .column_by_name("confidence")
            .unwrap()
            .as_any()
            .downcast_ref::<Float64Array>()
            .unwrap();
        assert_eq!(
            format!("{:.3}", conf.value(0)),
            format!("{:.3}", records[0].confidence)
        );
        let dates = b
            .column_by_name("article_date")
            .unwrap()
            .as_any()
            .downcast_ref::<Date32Array>()
            .unwrap();
        assert_eq!(
            dates.value_as_date(0).map(|d| d.to_string()),
            records[0].article_date.clone()
        );
        // deterministic
        let mut again = Vec::new();
        write_parquet(&records, &mut again).unwrap();
        assert_eq!(buf, again);
    }
}
