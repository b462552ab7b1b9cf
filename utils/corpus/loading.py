"""Loading articles and their metadata into one article table, with every input accounted for.

:func:`load_corpus` reads a folder, a file, or a list of either: ``.txt`` files
(one article each) and ``.csv`` / ``.jsonl`` files (one article per row with a
text column, such as the shared IndoSum corpus). It returns the article table
(one row per article; see :data:`ARTICLE_COLUMNS`) and a load report (one row
per input file, and per problem line of a CSV/JSONL file or sidecar).

Where the metadata comes from, strongest first:

1. the sidecar ``metadata.csv`` (next to the files, or given explicitly), keyed
   on the file name, or on the article id for rows of a CSV/JSONL file;
2. a CSV/JSONL row's own ``outlet``/``date``/``title``/``url``/``credit`` cells;
3. inference from the text: the outlet marker and dateline of the lead, an
   explicit ``date 2023-09`` line, an Indonesian date in the first paragraphs
   (``Rabu, 13 September 2023``, ``(20/8)``), a ``/2017/03/28/`` URL.

Inferred values that disagree with the chosen ones are reported as warnings,
never hidden. Bad inputs (empty, binary, not UTF-8, malformed JSON lines, a CSV
without a text column, duplicate content) are reported and never stop a run.
Nothing is ever written to the input folders.

>>> articles = load_articles("data/raw", progress=False)
>>> articles["outlet"].tolist()
['Okezone', 'ANTARA', 'Republika', 'Republika', 'Tempo']
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from utils.corpus import cleaning, metadata
from utils.corpus import outlets as outlet_table
from utils.corpus.cleaning import count_words  # kept importable as corpus.count_words
from utils.corpus.readers import (
    SidecarSet,
    Skip,
    collect_files,
    read_records,
    relative_name,
    report_row,
)
from utils.progress import tqdm

ARTICLE_COLUMNS = (
    "article_id", "source_file", "source_line", "outlet", "outlet_raw", "outlet_source",
    "outlet_group", "section", "date", "date_precision", "date_source",
    "date_certainty", "dateline", "title", "subtitle", "credit", "byline", "url", "category",
    "text", "raw_text", "lead_marker", "boilerplate", "n_words", "n_paragraphs", "content_hash",
    "is_duplicate", "duplicate_of", "notes",
)  # fmt: skip
REPORT_COLUMNS = ("file", "line", "article_id", "status", "n_articles", "message")
#: Certainty given to dates the loader infers itself (sidecar dates carry the sidecar's own).
#: How a date source is named in warnings ("the sidecar says 2023-09, the text says 2023-11-02").
_SAYS = {
    "sidecar": "the sidecar says", "metadata": "its own metadata says", "url": "the URL says",
    "explicit line": "the explicit date line says", "text": "the text says",
}  # fmt: skip
_INFERRED_CERTAINTY = {"explicit line": "high", "url": "high", "text": "medium"}
_NON_STRING_COLUMNS = ("source_line", "date", "n_words", "n_paragraphs", "is_duplicate")
_LEAD_CHARS = 800


def _dated(value, precision=None):
    parsed = metadata.parse_iso_date(str(value)[:10]) if value is not None else None
    if parsed and precision in ("year", "month") and parsed[1] == "day":
        return parsed[0].to_period("Y" if precision == "year" else "M").to_timestamp(), precision
    return parsed


def _date_candidates(parts, side: dict, meta: dict, warnings: list, name: str) -> list[tuple]:
    """(date, precision, source, note) candidates, strongest first."""
    candidates = []
    if "date" in side:
        candidates.append(
            (side["date"], side["date_precision"], "sidecar", side.get("date_certainty"))
        )
    if "date" in meta:
        parsed = _dated(meta["date"], meta.get("date_precision"))
        if parsed is None:
            warnings.append(
                f"{name}: its date '{meta['date']}' is not a YYYY(-MM(-DD)) date; ignored"
            )
        else:
            given = str(meta.get("date_source", "metadata"))
            candidates.append(
                (*parsed, "url" if given == "url" else "metadata", meta.get("date_certainty"))
            )
    if parts.explicit_date:
        parsed = metadata.parse_iso_date(parts.explicit_date)
        if parsed is None:
            warnings.append(
                f"{name}: explicit date line '{parts.explicit_date}' is not a valid date; ignored"
            )
        else:
            candidates.append((*parsed, "explicit line", None))
    lead = "\n".join(parts.text.split("\n\n", 2)[:2])[:_LEAD_CHARS]
    reference = candidates[0][0].year if candidates else None
    found = metadata.parse_indonesian_date(lead, year=reference)
    if found and reference is not None and "(" in lead:  # a (d/m) date: pick the nearest year
        options = [
            metadata.parse_indonesian_date(lead, year=y)
            for y in (reference - 1, reference, reference + 1)
        ]
        chosen = candidates[0][0].value  # in nanoseconds: compares like the dates, but faster
        found = min((o for o in options if o), key=lambda o: abs(o[0].value - chosen))
    if found:
        candidates.append((*found, "text", None))
    if url_date := metadata.parse_url_date(str(side.get("url") or meta.get("url") or "")):
        candidates.append((*url_date, "url", None))
    return candidates


def _build_article(
    record: dict, *, file: Path, article_id: str, side: dict, is_txt: bool
) -> tuple[dict, list[str]]:
    """One article row from one record; returns (row, warnings)."""
    warnings: list[str] = []
    name = file.name if is_txt else f"{file.name} line {record['line']}"
    meta = record["meta"]
    parts = cleaning.clean_article(
        record["raw_text"], title_from_text=is_txt and not meta.get("title")
    )
    if not parts.text:
        raise Skip(f"{name}: no body text left after cleaning")
    url = side.get("url") or meta.get("url")
    resolved = outlet_table.resolve_outlet(
        outlet_table.read_outlets(),
        sidecar=side.get("outlet"),
        given=meta.get("outlet"),
        url=url,
        lead=parts.outlet,
    )
    outlet = resolved.outlet
    given = side.get("outlet") or meta.get("outlet")
    if (
        parts.outlet
        and given
        and not outlet_table.same_outlet(outlet_table.read_outlets(), given, parts.outlet)
    ):
        said_by = "sidecar" if side.get("outlet") else "its own metadata"
        warnings.append(
            f"{name}: outlet: {said_by} says '{given}', the lead marker says '{parts.outlet}'"
        )
    credit = side.get("credit") or parts.credit or meta.get("credit")
    if side.get("credit") and parts.credit and side["credit"].upper() != parts.credit.upper():
        warnings.append(
            f"{name}: credit: sidecar says '{side['credit']}', the credit line says '{parts.credit}'"
        )
    candidates = _date_candidates(parts, side, meta, warnings, name)
    date, precision, date_source, certainty = (
        candidates[0] if candidates else (pd.NaT, "unknown", "none", None)
    )
    for other in candidates[1:]:
        if metadata.dates_disagree((date, precision), other[:2]):
            warnings.append(
                f"{name}: date: {_SAYS[date_source]} {metadata.format_date(date, precision)}, "
                f"{_SAYS[other[2]]} {metadata.format_date(*other[:2])}"
            )
    notes = [
        f"{k.removesuffix('_certainty')} certainty: {side[k]}"
        for k in ("outlet_certainty", "credit_certainty")
        if side.get(k)
    ]
    if side.get("notes"):
        notes.append(side["notes"])
    if "date_source" in meta and str(meta["date_source"]) not in ("url", "metadata"):
        notes.append(f"date from its metadata: {meta['date_source']}")
    row = {
        "article_id": article_id, "source_file": relative_name(file), "source_line": record["line"],
        "outlet": outlet, "outlet_raw": resolved.raw, "outlet_source": resolved.source,
        "outlet_group": resolved.group, "section": resolved.section,
        "date": date, "date_precision": precision, "date_source": date_source,
        "date_certainty": certainty or _INFERRED_CERTAINTY.get(date_source),
        "dateline": side.get("dateline") or parts.dateline,
        "title": side.get("title") or meta.get("title") or parts.title,
        "subtitle": parts.subtitle, "credit": credit,
        "byline": side.get("byline") or parts.byline or meta.get("byline"),
        "url": url, "category": side.get("category") or meta.get("category"),
        "text": parts.text, "raw_text": record["raw_text"], "lead_marker": parts.lead_marker,
        "boilerplate": parts.boilerplate, "n_words": count_words(parts.text),
        "n_paragraphs": parts.n_paragraphs,
        "content_hash": hashlib.sha256(parts.text.encode("utf-8")).hexdigest(),
        "notes": " | ".join(notes) or None,
    }  # fmt: skip
    return row, warnings


def load_corpus(
    source, *, sidecar: str | os.PathLike | None = "auto", progress: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load articles and return ``(articles, load_report)``.

    ``source`` is a folder (read recursively, hidden files skipped), a file, or a
    list of either; relative paths are read from the repository root.
    ``sidecar="auto"`` uses ``metadata.csv`` beside each file when it exists; a
    path uses that file for every input; ``None`` uses none.

    The load report has one row per input file (``status`` loaded,
    loaded_with_warnings or skipped, with the reason in ``message``), plus one
    row per problem line of a CSV/JSONL file or sidecar (``line`` set).
    Later copies of the same cleaned text get ``is_duplicate=True`` and
    ``duplicate_of``; they are flagged, not dropped.

    >>> articles, report = load_corpus("data/raw", progress=False)
    >>> articles.loc[articles.article_id.str.startswith("004"), ["outlet", "credit", "dateline"]].values.tolist()
    [['Tempo', 'REUTERS', 'Jakarta']]
    >>> report.status.value_counts().to_dict()
    {'loaded': 6}
    """
    sidecars = SidecarSet(sidecar)
    files, report = collect_files(source, sidecars=sidecars)
    ids: dict[str, str] = {}  # article id -> where it was loaded from
    results = [
        _load_file(file, sidecars=sidecars, ids=ids, progress=progress)
        for file in tqdm(files, desc="files", unit="file", disable=not progress or len(files) < 50)
    ]
    _flag_duplicates(results, ids)
    for result in results:
        report.extend([result.skipped] if result.skipped else _file_report(result))
        report.extend(_unknown_outlet_rows(result))
    report.extend(sidecars.report())
    articles = [row for result in results for row, _ in result.built]
    return _article_frame(articles), _report_frame(report)


@dataclass
class _FileResult:
    """What loading one file produced: article rows with their warnings, and problem lines."""

    file: Path
    built: list[tuple[dict, list[str]]] = field(default_factory=list)
    line_rows: list[dict] = field(default_factory=list)
    warning: str | None = None
    skipped: dict | None = None  # the report row when the whole file could not be read


def _load_file(file: Path, *, sidecars: SidecarSet, ids: dict, progress: bool) -> _FileResult:
    try:
        records, problems, file_warning = read_records(file, progress=progress)
    except (Skip, OSError) as error:
        reason = (
            str(error)
            if isinstance(error, Skip)
            else f"{file.name}: cannot read ({error.strerror or error})"
        )
        return _FileResult(file, skipped=report_row(file, status="skipped", message=reason))
    result = _FileResult(file, line_rows=list(problems), warning=file_warning)
    side_file = sidecars.for_file(file)
    is_txt = file.suffix.lower() == ".txt"
    for record in records:
        where = file.name if is_txt else f"{file.name} line {record['line']}"
        own_id = (
            file.stem
            if is_txt
            else str(record["meta"].get("id") or record["meta"].get("article_id") or "")
        )
        article_id = own_id or f"{file.name}:{record['line']}"
        warnings = [file_warning] if file_warning and is_txt else []
        if article_id in ids:
            n = 2
            while f"{article_id}~{n}" in ids:
                n += 1
            warnings.append(
                f"{where}: article id '{article_id}' already used by {ids[article_id]}; renamed '{article_id}~{n}'"
            )
            article_id = f"{article_id}~{n}"
        side = sidecars.values(side_file, *([file.name] if is_txt else [article_id, file.name]))
        try:
            row, more = _build_article(
                record, file=file, article_id=article_id, side=side, is_txt=is_txt
            )
        except Skip as skip:
            result.line_rows.append(
                report_row(file, line=record["line"], status="skipped", message=str(skip))
            )
            continue
        ids[article_id] = relative_name(file) + ("" if is_txt else f" line {record['line']}")
        result.built.append((row, warnings + more))
    return result


def _flag_duplicates(results: list[_FileResult], ids: dict) -> None:
    """Flag later copies of the same cleaned text (``is_duplicate``, ``duplicate_of``) and warn."""
    first_by_hash: dict[str, str] = {}
    for row, warnings in (item for result in results for item in result.built):
        first = first_by_hash.setdefault(row["content_hash"], row["article_id"])
        row["is_duplicate"] = first != row["article_id"]
        row["duplicate_of"] = first if row["is_duplicate"] else None
        if row["is_duplicate"]:
            where = row["source_file"].rsplit("/", 1)[-1]
            if row["source_line"] is not None:
                where += f" line {row['source_line']}"
            warnings.append(
                f"{where}: same content as {first} ({ids[first]}); flagged is_duplicate, not dropped"
            )


def _unknown_outlet_rows(result: _FileResult) -> list[dict]:
    """One report row per outlet value of a file that ``data/outlets.csv`` does not know."""
    counts = outlet_table.unknown_outlets(
        [row for row, _ in result.built], outlet_table.read_outlets()
    )
    return [
        report_row(
            result.file,
            status="loaded_with_warnings",
            n_articles=n,
            message=f"{result.file.name}: outlet '{value}' ({n} articles) is not in "
            f"data/outlets.csv; kept as given. A candidate to add ({hint})",
        )  # fmt: skip
        for value, hint, n in counts
    ]


def _file_report(result: _FileResult) -> list[dict]:
    """The report rows of one loaded file: its summary row, then its line rows."""
    file, built, line_rows, file_warning = (
        result.file,
        result.built,
        result.line_rows,
        result.warning,
    )
    if file.suffix.lower() == ".txt":
        if not built:
            return line_rows
        row, warnings = built[0]
        status = "loaded_with_warnings" if warnings else "loaded"
        message = (
            "; ".join(warnings)
            or f"{file.name}: loaded ({row['n_words']} words, {row['n_paragraphs']} paragraphs)"
        )
        return [
            report_row(
                file, status=status, article_id=row["article_id"], n_articles=1, message=message
            )
        ]
    rows = list(line_rows)
    for row, warnings in built:
        if warnings:
            rows.append(
                report_row(
                    file,
                    line=row["source_line"],
                    article_id=row["article_id"],
                    status="loaded_with_warnings",
                    n_articles=1,
                    message="; ".join(warnings),
                )
            )
    rows.sort(key=lambda r: r["line"] or 0)
    n_warned = sum(1 for r in rows if r["status"] == "loaded_with_warnings")
    n_skipped = sum(1 for r in rows if r["status"] == "skipped")
    summary = (
        f"{file.name}: {len(built)} articles loaded"
        + (f", {n_warned} with warnings" if n_warned else "")
        + (f", {n_skipped} lines skipped" if n_skipped else "")
    )
    if file_warning:
        summary += f"; {file_warning}"
    status = (
        "skipped" if not built else "loaded_with_warnings" if rows or file_warning else "loaded"
    )
    return [report_row(file, status=status, n_articles=len(built), message=summary), *rows]


def _article_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))
    for column in ARTICLE_COLUMNS:
        if column not in _NON_STRING_COLUMNS:
            frame[column] = frame[column].astype("str")
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["source_line"] = frame["source_line"].astype("Int64")
    frame["n_words"] = frame["n_words"].astype("int64")
    frame["n_paragraphs"] = frame["n_paragraphs"].astype("int64")
    frame["is_duplicate"] = frame["is_duplicate"].astype(bool)
    return frame


def _report_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(REPORT_COLUMNS))
    frame["line"] = frame["line"].astype("Int64")
    frame["n_articles"] = frame["n_articles"].fillna(0).astype("int64")
    return frame


def load_articles(
    source, *, sidecar: str | os.PathLike | None = "auto", progress: bool = True
) -> pd.DataFrame:
    """Load articles into the article table; see :func:`load_corpus` for the load report.

    >>> articles = load_articles("data/raw", progress=False)
    >>> articles[["article_id", "outlet", "date_precision"]].head(2).values.tolist()
    [['000_0f27f9361c3da6d8', 'Okezone', 'month'], ['001_eb808f83b9bdf8cd', 'ANTARA', 'month']]
    """
    return load_corpus(source, sidecar=sidecar, progress=progress)[0]


def _bound(value, *, end: bool) -> pd.Timestamp:
    """A filter bound: ``"2023-09"`` means from 1 September (or up to 30 September when ``end``)."""
    parsed = metadata.parse_iso_date(value) if isinstance(value, str) else None
    if parsed is not None:
        start, last = metadata.period(*parsed)
        return last if end else start
    return pd.Timestamp(value)


def filter_articles(
    articles: pd.DataFrame,
    *,
    date_from=None,
    date_to=None,
    outlets: str | Sequence[str] | None = None,
    sample_n: int | None = None,
    seed: int = 0,
    drop_duplicates: bool = False,
) -> pd.DataFrame:
    """Keep the articles in a date range and a set of outlets, then optionally sample some.

    - ``outlets``: names compared loosely (``"antaranews"`` matches ``ANTARA``), through
      ``data/outlets.csv`` (``"jogja.antaranews.com"`` matches too); a group name
      (``"wire agency"``) keeps the outlets of that group.
    - ``date_from`` / ``date_to``: inclusive; ``"2023-09"`` covers the whole month.
      An article is kept when its dated period (a month for a month-precise
      date) overlaps the range.
    - Undated articles are kept when no date filter is given. With a date
      filter they cannot be placed, so they are left out **and counted**:
      ``result.attrs["filter_report"]`` holds how many articles each step
      removed (``undated_excluded`` among them). :func:`undated_articles`
      lists them.
    - ``sample_n``: a reproducible random sample (``seed``), in table order.

    >>> articles = load_articles("data/raw", progress=False)
    >>> kept = filter_articles(articles, date_from="2023-09", outlets=["Republika", "Tempo"])
    >>> kept.article_id.str[:3].tolist(), kept.attrs["filter_report"]["outside_dates"]
    (['002', '004'], 1)
    """
    report = {"articles_in": len(articles)}
    keep = pd.Series(True, index=articles.index)
    if drop_duplicates:
        report["duplicates_dropped"] = int((keep & articles["is_duplicate"]).sum())
        keep &= ~articles["is_duplicate"]
    if outlets is not None:
        table = outlet_table.read_outlets()
        wanted = {
            outlet_table.canonical_key(table, o)
            for o in ([outlets] if isinstance(outlets, str) else outlets)
        }
        present = articles["outlet"].dropna().unique()
        in_outlets = articles["outlet"].isin(
            [o for o in present if outlet_table.canonical_key(table, o) in wanted]
        )
        if "outlet_group" in articles.columns:  # OUTLETS may name a group: ["wire agency"]
            in_outlets |= (
                articles["outlet_group"]
                .map(metadata.outlet_key, na_action="ignore")
                .isin(
                    {
                        metadata.outlet_key(o)
                        for o in ([outlets] if isinstance(outlets, str) else outlets)
                    }
                )
            )
        report["outside_outlets"] = int((keep & ~in_outlets).sum())
        keep &= in_outlets
    if date_from is not None or date_to is not None:
        dated = articles["date"].notna()
        report["undated_excluded"] = int((keep & ~dated).sum())
        starts = articles["date"]
        ends = metadata.period_ends(articles["date"], articles["date_precision"])
        in_range = dated.copy()
        if date_from is not None:
            in_range &= ends >= _bound(date_from, end=False)
        if date_to is not None:
            in_range &= starts <= _bound(date_to, end=True)
        report["outside_dates"] = int((keep & dated & ~in_range).sum())
        keep &= in_range
    result = articles[keep]
    if sample_n is not None and sample_n < len(result):
        report["not_sampled"] = len(result) - int(sample_n)
        result = result.sample(n=int(sample_n), random_state=seed).sort_index()
    result = result.copy()
    report["articles_out"] = len(result)
    result.attrs["filter_report"] = report
    return result


def undated_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles without a date, which a date filter leaves out.

    >>> undated_articles(load_articles("data/raw", progress=False)).shape[0]
    0
    """
    return articles[articles["date"].isna()].copy()
