"""Benchmark corpora: the shared IndoSum articles, replicated to 1k / 10k / 100k articles.

A replica keeps the real text (so throughput is measured on real Indonesian news) but gets a
fresh id, a date shifted by whole weeks, and one short closing paragraph ``"Salinan <k>."``
("copy k") so that every replica has its own content hash. Without that, the per-article cache
would compute each of the 3,410 real texts once and the large corpora would measure nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

FIELDS = ("id", "outlet", "date", "url", "category", "text")


def load_jsonl(path: str | Path) -> pd.DataFrame:
    """Read an IndoSum-style JSONL file into a DataFrame (one row per line; bad lines named).

    Arrow's multi-threaded JSON reader does the parsing (about 4x faster than ``json.loads`` per
    line on the 100k corpus, same frame); a file it rejects is read line by line so that the
    error names the bad line.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     file = Path(folder) / "a.jsonl"
    ...     _ = file.write_text('{"id": "a", "date": "2017-03-28", "text": "Rusia."}\\n', encoding="utf-8")
    ...     frame = load_jsonl(file)
    >>> frame[["id", "text"]].values.tolist(), str(frame["date"].iloc[0].date())
    ([['a', 'Rusia.']], '2017-03-28')
    """
    import pyarrow as pa
    import pyarrow.json as pa_json

    all_text = pa.schema([(field, pa.string()) for field in FIELDS])
    try:
        table = pa_json.read_json(
            path,
            read_options=pa_json.ReadOptions(block_size=1 << 24),
            parse_options=pa_json.ParseOptions(
                explicit_schema=all_text, unexpected_field_behavior="ignore"
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return _load_jsonl_by_line(path)
    frame = table.select(list(FIELDS)).to_pandas()
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    return frame


def _load_jsonl_by_line(path: str | Path) -> pd.DataFrame:
    """:func:`load_jsonl` with ``json.loads`` per line: slower, but names the first bad line."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{line_no}: not valid JSON ({error.msg})") from error
            rows.append({field: row.get(field) for field in FIELDS})
    frame = pd.DataFrame(rows, columns=list(FIELDS))
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    return frame


def replicate(base: pd.DataFrame, n_articles: int) -> pd.DataFrame:
    """Return ``n_articles`` rows: the base articles, then shifted, re-identified copies.

    >>> base = pd.DataFrame({"id": ["a"], "outlet": ["x"], "date": [pd.Timestamp("2017-03-28")],
    ...                      "url": [""], "category": [""], "text": ["Rusia dan Korut."]})
    >>> copies = replicate(base, 3)
    >>> copies["id"].tolist(), copies["text"].tolist()[1]
    (['a', 'a#r1', 'a#r2'], 'Rusia dan Korut.\\n\\nSalinan 1.')
    >>> copies["date"].dt.strftime("%Y-%m-%d").tolist()
    ['2017-03-28', '2017-04-04', '2017-04-11']
    """
    copy_no = pd.Series(range(n_articles)) // len(base)
    rows = base.iloc[[i % len(base) for i in range(n_articles)]].reset_index(drop=True)
    suffix = copy_no.astype(str)
    is_copy = copy_no > 0
    rows["id"] = rows["id"].where(~is_copy, rows["id"] + "#r" + suffix)
    rows["text"] = rows["text"].where(~is_copy, rows["text"] + "\n\nSalinan " + suffix + ".")
    rows["date"] = rows["date"] + pd.to_timedelta(copy_no * 7, unit="D")
    return rows


def write_jsonl(frame: pd.DataFrame, path: Path) -> Path:
    """Write a corpus as JSONL (temp file + rename), dates as ISO strings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        for row in frame.itertuples(index=False):
            record = row._asdict()
            record["date"] = (
                None if pd.isna(record["date"]) else record["date"].strftime("%Y-%m-%d")
            )
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    temporary.replace(path)
    return path


def build_corpus(base: pd.DataFrame, n_articles: int, directory: Path) -> Path:
    """Write (once) and return the JSONL file of the ``n_articles`` corpus."""
    path = directory / f"indosum-{n_articles}.jsonl"
    if not path.exists():
        write_jsonl(replicate(base, n_articles), path)
    return path
