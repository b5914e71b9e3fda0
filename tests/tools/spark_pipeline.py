"""The "Beyond one machine" recipe in PySpark, local mode (tests/cli/spark.rs runs it).

    python3 spark_pipeline.py extract GEOKG ARTICLES.jsonl OUT.jsonl
        pipes the articles through `GEOKG extract --format jsonl --articles` over 4
        partitions (RDD.pipe) and writes the collected statements, in input order, to OUT
    python3 spark_pipeline.py roots PARQUET_DIR
        reads the Parquet export (partitioned by month) and prints {cameo_root: count} as JSON
"""
import json
import sys

from pyspark.sql import SparkSession


def session():
    return (
        SparkSession.builder.master("local[2]")
        .appName("geokg-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )


def extract(geokg, articles, out):
    spark = session()
    with open(articles, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    rdd = spark.sparkContext.parallelize(lines, 4)
    assert rdd.getNumPartitions() == 4
    statements = rdd.pipe(f"{geokg} extract --format jsonl --articles").collect()
    with open(out, "w", encoding="utf-8") as f:
        for s in statements:
            f.write(s + "\n")
    spark.stop()


def roots(parquet_dir):
    spark = session()
    df = spark.read.parquet(parquet_dir)
    counts = {r["cameo_root"]: r["count"] for r in df.groupBy("cameo_root").count().collect()}
    months = df.select("month").distinct().count()
    print(json.dumps({"roots": counts, "rows": df.count(), "months": months}, sort_keys=True))
    spark.stop()


if __name__ == "__main__":
    if sys.argv[1] == "extract":
        extract(*sys.argv[2:5])
    elif sys.argv[1] == "roots":
        roots(sys.argv[2])
    else:
        sys.exit(__doc__)
