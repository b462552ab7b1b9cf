"""Strict CSV reading that reports malformed rows line by line instead of merging them.

Python's :mod:`csv` reader, left lenient, lets an unterminated quote swallow every following
row into one cell: a corpus CSV then "loads" one article made of three, and a sidecar row takes
the next row's file name as part of an outlet. :func:`csv_rows` reads strictly; a row that
cannot be parsed is reported with its line number and skipped, and reading resumes on the next
physical line, so one stray quote costs one row, never the rest of the file.

:func:`unknown_columns` names header columns nobody reads, with the nearest known name.

>>> rows, problems = csv_rows('file,outlet\\na.txt,"Kompas\\nb.txt,Tempo\\n', name="metadata.csv")
>>> rows
[(1, ['file', 'outlet']), (3, ['b.txt', 'Tempo'])]
>>> problems
[(2, 'metadata.csv line 2: unterminated quote (a quoted cell opened on this line never closes); row skipped')]
>>> unknown_columns(["file", "outlett", "penulis"], known=("file", "outlet", "byline"), name="metadata.csv")
[(1, "metadata.csv line 1: unknown column 'outlett' ignored (did you mean 'outlet'?)"), (1, "metadata.csv line 1: unknown column 'penulis' ignored (did you mean 'byline'?)")]
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Sequence

#: Indonesian (and common English) names for known columns that spelling does not reveal.
COLUMN_SYNONYMS = {
    "penulis": "byline", "wartawan": "byline", "author": "byline", "reporter": "byline",
    "tanggal": "date", "tgl": "date", "waktu": "date", "media": "outlet", "sumber": "outlet",
    "source": "outlet", "publisher": "outlet", "judul": "title", "tautan": "url", "link": "url",
    "kategori": "category", "rubrik": "category", "catatan": "notes", "berkas": "file",
    "filename": "file", "nama_file": "file", "isi": "text", "teks": "text",
}  # fmt: skip


def csv_rows(
    text: str, *, name: str, delimiter: str = ","
) -> tuple[list[tuple[int, list[str]]], list[tuple[int, str]]]:
    """Parse ``text`` strictly; return ``([(line, cells)], [(line, problem message)])``.

    ``line`` is the physical line a row starts on (1 = the header). A row with an
    unterminated quote or a stray character after a closing quote is reported and
    skipped; reading resumes on the line after the one it started on. Runs in time
    linear in the size of the text.

    >>> rows, problems = csv_rows('id,text\\n1,"Kim Jong Un "tiba" di Rusia"\\n2,Putin\\n', name="a.csv")
    >>> rows[1], problems[0][1].startswith("a.csv line 2: malformed CSV")
    ((3, ['2', 'Putin']), True)
    """
    line_starts = [0]
    position = text.find("\n")
    while position != -1:
        line_starts.append(position + 1)
        position = text.find("\n", position + 1)
    stream = io.StringIO(text, newline="")
    rows: list[tuple[int, list[str]]] = []
    problems: list[tuple[int, str]] = []
    base = 0  # physical lines consumed before the current reader started
    while True:
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        done = reader.line_num
        try:
            for cells in reader:
                rows.append((base + done + 1, cells))
                done = reader.line_num
            break
        except csv.Error as error:
            start = base + done + 1  # the row that failed starts here
            if "end of data" in str(error) or "EOF" in str(error):
                problem = "unterminated quote (a quoted cell opened on this line never closes)"
            else:
                problem = f"malformed CSV ({error})"
            problems.append((start, f"{name} line {start}: {problem}; row skipped"))
            if start >= len(line_starts):
                break
            base = start
            stream.seek(line_starts[start])
    return rows, problems


def unknown_columns(
    header: Sequence[str], *, known: Sequence[str], name: str
) -> list[tuple[int, str]]:
    """``(1, message)`` for each header name not in ``known``, suggesting the nearest known one.

    >>> unknown_columns(["file", "tanggal"], known=("file", "date"), name="metadata.csv")
    [(1, "metadata.csv line 1: unknown column 'tanggal' ignored (did you mean 'date'?)")]
    """
    problems = []
    for column in header:
        if not column or column in known:
            continue
        nearest = difflib.get_close_matches(column, known, n=1, cutoff=0.6)
        guess = nearest[0] if nearest else COLUMN_SYNONYMS.get(column)
        hint = f" (did you mean '{guess}'?)" if guess in known else f" (known: {', '.join(known)})"
        problems.append((1, f"{name} line 1: unknown column '{column}' ignored{hint}"))
    return problems
