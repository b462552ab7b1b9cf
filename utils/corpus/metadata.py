"""Article metadata: Indonesian dates, outlet markers and datelines in the lead, and the sidecar.

The loader (:mod:`utils.corpus.loading`) asks three questions of every article: which
outlet published it, when, and from where. A researcher's answer in the
sidecar (``metadata.csv``) always wins; when it is silent, the answer is
inferred from the text itself: the outlet marker and dateline that open an
Indonesian news lead (``REPUBLIKA.CO.ID, MOSKOW -``, ``Jakarta (ANTARA) -``),
an explicit ``date 2023-09`` line, or a date in the lead such as
``Rabu, 13 September 2023`` or ``Senin (27/3)``.

Dates carry a precision (``day``, ``month``, ``year``, ``unknown``) and are
stored as the first day of their period: September 2023 is ``2023-09-01``
with precision ``month``, never a made-up day.

>>> parse_indonesian_date("Rabu, 13 September 2023")
(Timestamp('2023-09-13 00:00:00'), 'day')
>>> parse_iso_date("2023-09")
(Timestamp('2023-09-01 00:00:00'), 'month')
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

PRECISIONS = ("day", "month", "year", "unknown")
CERTAINTIES = ("high", "medium", "low")

#: Indonesian (and common abbreviated / old-spelling) month names -> month number.
MONTHS = {
    "januari": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2,
    "maret": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "agus": 8, "ags": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad")

_MONTH_ALTERNATION = "|".join(sorted(MONTHS, key=len, reverse=True))
# ``(?<!\w)`` is ``\b`` before a digit, and faster to search for.
_FULL_DATE = re.compile(
    rf"(?<!\w)(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_ALTERNATION})\.?\s+(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_PAREN_DATE = re.compile(r"\((?P<day>\d{1,2})/(?P<month>\d{1,2})(?:/(?P<year>(?:19|20)?\d{2}))?\)")
_ISO_DATE = re.compile(r"^\s*(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?\s*$")
_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/|$)")
#: ``date 2023-09`` / ``tanggal: 2023-09-13`` at the very start of a file.
EXPLICIT_DATE_LINE = re.compile(
    r"^\s*(?:date|tanggal)\s*:?\s+(?P<value>\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)\b\s*", re.IGNORECASE
)

# ---------------------------------------------------------------- outlet markers
# The letters of a word are matched possessively (``*+``): what may follow a word (a space, a
# dash, a comma, a bracket; the dot of a domain) is never one of its letters, so giving letters
# back could never help a match, and a paragraph that is not a lead fails fast.
_CITY = r"[A-Z][A-Za-z.'’]*+(?:[ -][A-Z][A-Za-z.'’]*+){0,3}"
_DASH = r"\s*[-–—](?:\s*[-–—])*\s*"
_DOMAIN = r"(?i:[a-z][a-z0-9]*+(?:\.(?:co|go|or|ac)\.id|\.com|\.co|\.id|\.net|\.org|\.tv|\.news))\b"
#: Known outlet names that appear in leads without a domain ("Jakarta, CNN Indonesia --").
KNOWN_OUTLETS = (
    "CNN Indonesia",
    "Okezone",
    "detikcom",
    "Kompas",
    "VIVA",
    "Antara",
    "ANTARA",
    "Rimanews",
)
_LEAD_PATTERNS = (
    # Jakarta (ANTARA) -   /   JAKARTA (Pos Kota) –
    re.compile(rf"^(?P<city>{_CITY})\s*\((?P<outlet>[A-Za-z][A-Za-z0-9 .]{{1,28}})\){_DASH}"),
    # REPUBLIKA.CO.ID, MOSKOW -   /   TEMPO.CO, Jakarta -   /   Suara.com-   /   JUARA.NET, KUALA LUMPUR-
    re.compile(rf"^(?P<outlet>{_DOMAIN})\s*(?:,\s*(?P<city>{_CITY}))?{_DASH}"),
    # REPUBLIKA.CO.ID, Pemimpin ... (marker without a dateline)
    re.compile(rf"^(?P<outlet>{_DOMAIN}),\s+"),
    # Jakarta, CNN Indonesia --   /   JAKARTA, KOMPAS.com -
    re.compile(rf"^(?P<city>{_CITY}),\s*(?P<outlet>{_DOMAIN}|{'|'.join(KNOWN_OUTLETS)}){_DASH}"),
    # Rimanews-   /   Okezone, Jakarta -   (a known outlet name without its domain)
    re.compile(rf"^(?P<outlet>{'|'.join(KNOWN_OUTLETS)})(?:\s*,\s*(?P<city>{_CITY}))?{_DASH}"),
    # RUSIA –   /   ITALIA-   (upper-case dateline only)
    re.compile(r"^(?P<city>[A-Z][A-Z.'’]{2,}+(?: [A-Z][A-Z.'’]++){0,2})" + _DASH),
)
#: Display names for outlet keys (see :func:`outlet_key`).
OUTLET_NAMES = {
    "antara": "ANTARA", "republika": "Republika", "tempo": "Tempo", "okezone": "Okezone",
    "kompas": "Kompas", "suara": "Suara", "merdeka": "Merdeka", "bolasport": "BolaSport",
    "juara": "Juara", "cnnindonesia": "CNN Indonesia", "poskota": "Pos Kota",
    "detik": "detikcom", "detikcom": "detikcom", "liputan6": "Liputan6", "tribunnews": "Tribunnews",
    "viva": "VIVA", "sindonews": "SINDOnews", "kumparan": "kumparan", "bbc": "BBC", "rima": "Rimanews",
}  # fmt: skip
_DOMAIN_SUFFIX = re.compile(r"\.(?:co|com|net|id|org|tv|go|or|ac|news)$")
_NAME_SUFFIX = re.compile(r"(?:com|news)$")
_NOT_KEY_CHARACTER = re.compile(r"[^a-z0-9]")


@functools.lru_cache(maxsize=1024)  # a corpus repeats a few outlet names thousands of times
def outlet_key(name: str) -> str:
    """A comparison key for outlet names, so ``antaranews``, ``ANTARA`` and ``Antara News`` agree.

    >>> outlet_key("REPUBLIKA.CO.ID"), outlet_key("antaranews"), outlet_key("Pos Kota")
    ('republika', 'antara', 'poskota')
    """
    name = name.strip().lower().removeprefix("www.")
    while (shorter := _DOMAIN_SUFFIX.sub("", name)) != name and shorter:
        name = shorter
    key = _NOT_KEY_CHARACTER.sub("", name)
    return _NAME_SUFFIX.sub("", key) or key


@functools.lru_cache(maxsize=1024)  # a corpus repeats a few markers thousands of times
def outlet_name(marker: str) -> str:
    """The display name for an outlet marker found in a lead.

    >>> outlet_name("TEMPO.CO"), outlet_name("ANTARA News"), outlet_name("Harian Rakyat")
    ('Tempo', 'ANTARA', 'Harian Rakyat')
    """
    return OUTLET_NAMES.get(outlet_key(marker), marker.strip())


@dataclass(frozen=True)
class Lead:
    """What the opening marker of an article says, and where the body starts after it."""

    outlet: str | None = None
    dateline: str | None = None
    marker: str = ""


_NO_LEAD = Lead()


def parse_lead(paragraph: str) -> Lead:
    """Read the outlet marker and dateline that open an Indonesian news lead.

    >>> parse_lead("REPUBLIKA.CO.ID, MOSKOW - Rusia dan Korea Utara (Korut) diduga ...")
    Lead(outlet='Republika', dateline='MOSKOW', marker='REPUBLIKA.CO.ID, MOSKOW - ')
    >>> parse_lead("Jakarta (ANTARA) - Pertemuan Presiden Rusia ...")
    Lead(outlet='ANTARA', dateline='Jakarta', marker='Jakarta (ANTARA) - ')
    >>> parse_lead("RUSIA – Presiden Rusia Vladimir Putin ...").dateline
    'RUSIA'
    >>> parse_lead("Presiden Rusia Vladimir Putin ...")
    Lead(outlet=None, dateline=None, marker='')
    """
    for pattern in _LEAD_PATTERNS:
        match = pattern.match(paragraph)
        if match:
            groups = match.groupdict()
            outlet = groups.get("outlet")
            city = groups.get("city")
            return Lead(
                outlet=outlet_name(outlet) if outlet else None,
                dateline=city.strip() if city else None,
                marker=match.group(0),
            )
    return _NO_LEAD


@functools.lru_cache(maxsize=8192)  # building a Timestamp is slow, and news dates repeat
def _timestamp(year: int, month: int = 1, day: int = 1) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(year=year, month=month, day=day)
    except ValueError:
        return None


def parse_iso_date(value: str) -> tuple[pd.Timestamp, str] | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into (first day of the period, precision).

    Returns ``None`` when the value is not such a date (the caller reports it).

    >>> parse_iso_date("2022-11")
    (Timestamp('2022-11-01 00:00:00'), 'month')
    >>> parse_iso_date("2023-09-13")[1]
    'day'
    >>> parse_iso_date("13/09/2023") is None, parse_iso_date("2023-13") is None
    (True, True)
    """
    match = _ISO_DATE.match(str(value))
    if not match:
        return None
    year, month, day = match.group("year"), match.group("month"), match.group("day")
    stamp = _timestamp(int(year), int(month or 1), int(day or 1))
    if stamp is None:
        return None
    return stamp, "day" if day else "month" if month else "year"


def parse_indonesian_date(text: str, *, year: int | None = None) -> tuple[pd.Timestamp, str] | None:
    """Find the first Indonesian date in ``text``: ``13 September 2023`` or ``(20/8)``.

    A bare ``(20/8)`` has no year; it is completed with ``year`` when given and
    otherwise ignored (never guessed).

    >>> parse_indonesian_date("mengadakan pembicaraan bersama menteri pertahanan, Rabu, 13 September 2023.")
    (Timestamp('2023-09-13 00:00:00'), 'day')
    >>> parse_indonesian_date("ucap Zulkifli di Gedung DPR, Senin (27/3).", year=2017)
    (Timestamp('2017-03-27 00:00:00'), 'day')
    >>> parse_indonesian_date("Senin (27/3).") is None
    True
    """
    stamp = _full_date(text)
    if stamp is not None:
        return stamp, "day"
    match = _PAREN_DATE.search(text)
    if match:
        found_year = match.group("year")
        if found_year:
            year = int(found_year) + (2000 if len(found_year) == 2 else 0)
        if year is not None:
            stamp = _timestamp(year, int(match.group("month")), int(match.group("day")))
            if stamp is not None:
                return stamp, "day"
    return None


@functools.lru_cache(maxsize=64)  # the loader asks about one lead again with other years
def _full_date(text: str) -> pd.Timestamp | None:
    """The first ``13 September 2023`` date in ``text``; None when there is none or it is no real day.

    >>> _full_date("Rabu, 13 September 2023"), _full_date("31 Februari 2023")
    (Timestamp('2023-09-13 00:00:00'), None)
    """
    match = _FULL_DATE.search(text)
    if not match:
        return None
    return _timestamp(
        int(match.group("year")), MONTHS[match.group("month").lower()], int(match.group("day"))
    )


def parse_url_date(url: str) -> tuple[pd.Timestamp, str] | None:
    """A ``/2017/03/28/`` date inside a URL.

    >>> parse_url_date("https://www.merdeka.com/peristiwa/2017/03/28/berita.html")
    (Timestamp('2017-03-28 00:00:00'), 'day')
    """
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    stamp = _timestamp(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    return (stamp, "day") if stamp is not None else None


def period(date: pd.Timestamp, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day a (date, precision) pair stands for.

    >>> period(pd.Timestamp("2023-09-01"), "month")
    (Timestamp('2023-09-01 00:00:00'), Timestamp('2023-09-30 00:00:00'))
    """
    if precision == "month":
        return date, date + pd.offsets.MonthEnd(0)
    if precision == "year":
        return date, date + pd.offsets.YearEnd(0)
    return date, date


def period_ends(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    """The last day each (date, precision) stands for, for whole columns at once.

    >>> period_ends(pd.Series(pd.to_datetime(["2023-09-01", "2023-09-13", None])),
    ...             pd.Series(["month", "day", "unknown"])).dt.strftime("%Y-%m-%d").tolist()
    ['2023-09-30', '2023-09-13', nan]
    """
    ends = dates.copy()
    for precision, offset in (("month", pd.offsets.MonthEnd(0)), ("year", pd.offsets.YearEnd(0))):
        chosen = (precisions == precision).to_numpy() & dates.notna().to_numpy()
        if chosen.any():
            ends[chosen] = dates[chosen] + offset
    return ends


def dates_disagree(first: tuple, second: tuple, *, tolerance_days: int = 3) -> bool:
    """True when two (date, precision) pairs cannot describe the same publication.

    Periods that overlap, or lie within ``tolerance_days`` of each other (a lead
    often names the event day, published a day or two later), agree.

    >>> sept = (pd.Timestamp("2023-09-01"), "month")
    >>> dates_disagree(sept, (pd.Timestamp("2023-09-13"), "day"))
    False
    >>> dates_disagree(sept, (pd.Timestamp("2022-11-01"), "month"))
    True
    """
    return _periods_apart(*first, *second, tolerance_days)


@functools.lru_cache(maxsize=8192)  # Timestamp arithmetic is slow, and the same pairs recur
def _periods_apart(date_a, precision_a, date_b, precision_b, tolerance_days: int) -> bool:
    start_a, end_a = period(date_a, precision_a)
    start_b, end_b = period(date_b, precision_b)
    gap = max(start_a - end_b, start_b - end_a)
    return gap > pd.Timedelta(days=tolerance_days)


def format_date(date: pd.Timestamp | None, precision: str) -> str:
    """Write a date at its own precision: ``2023-09`` for a month.

    >>> format_date(pd.Timestamp("2023-09-01"), "month")
    '2023-09'
    """
    if date is None or pd.isna(date):
        return "unknown"
    return date.strftime({"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d"))


# ---------------------------------------------------------------- the sidecar
SIDECAR_COLUMNS = (
    "file", "outlet", "outlet_certainty", "date", "date_precision", "date_certainty",
    "title", "url", "credit", "credit_certainty", "notes",
)  # fmt: skip


@dataclass
class Sidecar:
    """A parsed sidecar: values per key (file name or article id), and problems found reading it."""

    path: Path
    rows: dict[str, dict] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[int | None, str, str]] = field(
        default_factory=list
    )  # (line, status, message)


def read_sidecar(path: str | Path) -> Sidecar:
    """Read a metadata sidecar CSV; bad values are reported with their line, never raised.

    Each row keys on ``file`` (a file name such as ``000_0f27f9361c3da6d8.txt``,
    or an article id for rows of a CSV/JSONL corpus). Empty cells mean "not known".

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "metadata.csv").write_text(
    ...     "file,outlet,date,date_precision\\n001.txt,ANTARA,2023-09,month\\n002.txt,Republika,13/9/2023,\\n")
    >>> sidecar = read_sidecar(folder / "metadata.csv")
    >>> sidecar.rows["001.txt"]["date"], sidecar.rows["001.txt"]["date_precision"]
    (Timestamp('2023-09-01 00:00:00'), 'month')
    >>> sidecar.problems[0][0], "13/9/2023" in sidecar.problems[0][2]
    (3, True)
    """
    path = Path(path)
    sidecar = Sidecar(path=path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        sidecar.problems.append((None, "skipped", f"{path.name}: cannot read sidecar ({error})"))
        return sidecar
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = raw.decode("cp1252", errors="replace")
        sidecar.problems.append(
            (None, "loaded_with_warnings", f"{path.name}: not UTF-8; decoded as cp1252")
        )
    first_line = content.split("\n", 1)[0]  # spreadsheets in Indonesian locales save with ";"
    delimiter = next((d for d in (",", ";", "\t") if d in first_line), ",")
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    if "file" not in header:
        sidecar.problems.append(
            (
                1,
                "skipped",
                f"{path.name} line 1: no 'file' column (columns: {', '.join(header) or 'none'}); sidecar ignored",
            )
        )
        return sidecar
    reader.fieldnames = header
    for record in reader:
        line = reader.line_num
        if None in record:  # more cells than header names
            sidecar.problems.append(
                (line, "loaded_with_warnings", f"{path.name} line {line}: extra cells ignored")
            )
        values = {k: (v or "").strip() for k, v in record.items() if k is not None}
        key = values.get("file", "")
        if not key:
            if any(values.values()):
                sidecar.problems.append(
                    (line, "skipped", f"{path.name} line {line}: empty 'file' cell; row ignored")
                )
            continue
        if key in sidecar.rows:
            sidecar.problems.append(
                (
                    line,
                    "skipped",
                    f"{path.name} line {line}: '{key}' already described on line {sidecar.lines[key]}; row ignored",
                )
            )
            continue
        sidecar.rows[key] = _sidecar_values(
            values, where=f"{path.name} line {line}", problems=sidecar.problems, line=line
        )
        sidecar.lines[key] = line
    return sidecar


def _sidecar_values(values: dict, *, where: str, problems: list, line: int) -> dict:
    """Check one sidecar row: parse its date, check its precision; drop what is malformed."""
    row = {k: v for k, v in values.items() if v and k != "file"}
    precision = row.pop("date_precision", "").lower()
    if precision and precision not in PRECISIONS:
        problems.append(
            (
                line,
                "loaded_with_warnings",
                f"{where}: unknown date_precision '{precision}' (use {', '.join(PRECISIONS)}); ignored",
            )
        )
        precision = ""
    for column in ("outlet_certainty", "date_certainty", "credit_certainty"):
        if column in row and row[column].lower() not in CERTAINTIES:
            problems.append(
                (
                    line,
                    "loaded_with_warnings",
                    f"{where}: unknown {column} '{row[column]}' (use {', '.join(CERTAINTIES)})",
                )
            )
    if "date" in row:
        parsed = parse_iso_date(row["date"])
        if parsed is None:
            problems.append(
                (
                    line,
                    "loaded_with_warnings",
                    f"{where}: bad date '{row['date']}' (use YYYY, YYYY-MM or YYYY-MM-DD); date ignored",
                )
            )
            del row["date"]
        else:
            date, written_precision = parsed
            order = {"year": 0, "month": 1, "day": 2}
            if precision in order and order[precision] > order[written_precision]:
                problems.append(
                    (
                        line,
                        "loaded_with_warnings",
                        f"{where}: date '{row['date']}' is not precise to the {precision}; kept as {written_precision}",
                    )
                )
                precision = written_precision
            elif precision in order and order[precision] < order[written_precision]:
                date = date.to_period({"year": "Y", "month": "M"}[precision]).to_timestamp()
            row["date"] = date
            row["date_precision"] = precision if precision in order else written_precision
    return row
