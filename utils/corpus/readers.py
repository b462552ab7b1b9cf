"""Reading input files for the loader: folders, decoding, and one record per .txt / CSV row / JSONL line.

These are the loader's building blocks (:mod:`utils.corpus.loading` is the public entry
point). A file or line that cannot be read raises or yields a :class:`Skip`
with a message naming the file, line and problem; nothing here stops a run.

>>> decode_bytes("Rusia dan Korut".encode("cp1252"), "a.txt")
('Rusia dan Korut', None)
>>> decode_bytes("Putin\\nPyongyang “kamerad”".encode("cp1252"), "b.txt")
('Putin\\nPyongyang “kamerad”', 'b.txt: not valid UTF-8 on line 2 (byte 0x93); decoded as cp1252, check the characters')
"""

from __future__ import annotations

import codecs
import csv
import functools
import json
import os
import sys
from pathlib import Path

from utils import paths
from utils.corpus import corpus_walk, metadata
from utils.corpus.csv_rows import csv_rows
from utils.progress import tqdm

SUPPORTED_SUFFIXES = (".txt", ".csv", ".jsonl")
SIDECAR_NAME = "metadata.csv"
#: Column names accepted as the article text in CSV/JSONL files, first match wins.
TEXT_COLUMNS = ("text", "content", "body", "isi", "teks", "article")
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class Skip(Exception):
    """A file or line that cannot be loaded; the message names the problem."""


@functools.lru_cache(maxsize=4096)
def relative_name(path: Path) -> str:
    """A machine-independent name for a file: relative to the repository root.

    Files beside the repository (``../shared/...``) keep a relative name too;
    anything further away keeps its absolute path.

    >>> relative_name(paths.RAW_DIR / "metadata.csv")
    'data/raw/metadata.csv'
    """
    if path.is_relative_to(paths.ROOT.parent):
        return Path(os.path.relpath(path, paths.ROOT)).as_posix()
    return path.as_posix()


def collect_files(source, *, sidecars: SidecarSet | None = None) -> tuple[list[Path], list[dict]]:
    """Expand folders (recursively, sorted), skipping hidden files and sidecars; report the rest.

    Links are followed only inside the folder being read; a link pointing outside it,
    a link loop, a dangling link and a special file (FIFO, socket, device) each get a
    ``skipped`` report row with the reason (see :mod:`utils.corpus.corpus_walk`).
    """
    items = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    files, report, seen = [], [], set()
    for item in items:
        path = paths.resolve(item)
        if path.is_dir():
            found, refused = corpus_walk.walk_folder(path)
            for file, reason in refused:
                report.append(report_row(file, status="skipped", message=f"{file.name}: {reason}"))
        elif path.exists():
            if reason := corpus_walk.special_file_reason(path):
                report.append(report_row(path, status="skipped", message=f"{path.name}: {reason}"))
                continue
            found = [path]
        else:
            report.append(
                report_row(path, status="skipped", message=f"{item}: no such file or folder")
            )
            continue
        for file in found:
            if file.name == SIDECAR_NAME and sidecars is not None:
                sidecars.present.add(file)
            if file in seen or file.name == SIDECAR_NAME:
                continue
            seen.add(file)
            if file.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(file)
            else:
                reason = f"unsupported file type '{file.suffix or '(none)'}' (supported: {', '.join(SUPPORTED_SUFFIXES)})"
                report.append(report_row(file, status="skipped", message=f"{file.name}: {reason}"))
    if not files and report and all("no such file" in row["message"] for row in report):
        raise FileNotFoundError(f"nothing to load: {', '.join(str(i) for i in items)} not found")
    return files, report


def report_row(
    file: Path, *, status: str, message: str, line=None, article_id=None, n_articles=0
) -> dict:
    return {"file": relative_name(file), "line": line, "article_id": article_id, "status": status,
            "n_articles": n_articles, "message": message}  # fmt: skip


def decode_bytes(data: bytes, name: str) -> tuple[str, str | None]:
    """Bytes -> text, with a reported fallback for text that is not UTF-8; raise Skip for binaries.

    Only the lines that are not valid UTF-8 fall back to cp1252 (or latin-1), so one
    bad line does not garble the rest of a large file; the warning names them.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), f"{name}: UTF-16 text; decoded as UTF-16"
    if not data.strip():
        raise Skip(f"{name}: empty file")
    if b"\x00" in data[:8192]:
        if (utf16 := _utf16_without_bom(data)) is not None:
            return utf16, f"{name}: UTF-16 text without a byte-order mark; decoded as UTF-16, check the characters"
        raise Skip(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    lines, bad = [], []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError as error:
            bad.append(f"{number} (byte 0x{raw[error.start]:02x})")
            lines.append(_decode_legacy(raw))
    text = "\n".join(lines)
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 0.05 * min(len(text), 4096):
        raise Skip(f"{name}: binary file (not UTF-8 and full of control characters), not text")
    shown = ", ".join(bad[:10]) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
    return text, f"{name}: not valid UTF-8 on line {shown}; decoded as cp1252, check the characters"


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 data without a byte-order mark, or None when it does not look like that.

    UTF-16 text in Latin script has a NUL in (nearly) every other byte, on one side only:
    the odd bytes for little-endian, the even ones for big-endian. Binary data does not.

    >>> _utf16_without_bom("Kim Jong Un tiba di Rusia".encode("utf-16-le"))
    'Kim Jong Un tiba di Rusia'
    >>> _utf16_without_bom(bytes(range(256))) is None
    True
    """
    sample = data[:8192]
    half = len(sample) // 2
    if half == 0 or len(data) % 2:
        return None
    nul_even, nul_odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if max(nul_even, nul_odd) < 0.3 or min(nul_even, nul_odd) > 0.02:
        return None
    try:
        text = data.decode("utf-16-le" if nul_odd > nul_even else "utf-16-be")
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    return None if controls > 0.05 * min(len(text), 4096) else text


def _decode_legacy(raw: bytes) -> str:
    """Windows-1252, the usual encoding of non-UTF-8 Indonesian text; latin-1 never fails."""
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def read_records(file: Path, *, progress: bool) -> tuple[list[dict], list[dict], str | None]:
    """Read one file into records {raw_text, line, meta}; returns (records, line problems, file warning)."""
    data = file.read_bytes()
    text, warning = decode_bytes(data, file.name)
    if file.suffix.lower() == ".txt":
        return [{"raw_text": text, "line": None, "meta": {}}], [], warning
    if file.suffix.lower() == ".jsonl":
        return (*_read_jsonl(text, file, progress=progress), warning)
    return (*_read_csv(text, file), warning)


def _text_and_meta(row: dict, *, where: str) -> tuple[str, dict]:
    meta = {str(k).strip().lower(): v for k, v in row.items()}
    column = next((c for c in TEXT_COLUMNS if c in meta), None)
    if column is None:
        raise Skip(
            f"{where}: no text field (looked for {', '.join(TEXT_COLUMNS)}); fields are {', '.join(meta) or 'none'}"
        )
    text = meta.pop(column)
    if not isinstance(text, str) or not text.strip():
        raise Skip(f"{where}: text is empty")
    return text, {k: v for k, v in meta.items() if v is not None and str(v).strip() != ""}


def _read_jsonl(text: str, file: Path, *, progress: bool) -> tuple[list[dict], list[dict]]:
    records, problems = [], []
    lines = text.split("\n")
    for number, line in enumerate(
        tqdm(lines, desc=file.name, unit="line", disable=not progress or len(lines) < 20_000), 1
    ):
        if not line.strip():
            continue
        where = f"{file.name} line {number}"
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise Skip(f"{where}: not a JSON object")
            raw_text, meta = _text_and_meta(row, where=where)
        except json.JSONDecodeError as error:
            problems.append(
                report_row(
                    file,
                    line=number,
                    status="skipped",
                    message=f"{where}: malformed or truncated JSON ({error.msg} at column {error.colno})",
                )
            )
            continue
        except Skip as skip:
            problems.append(report_row(file, line=number, status="skipped", message=str(skip)))
            continue
        records.append({"raw_text": raw_text, "line": number, "meta": meta})
    return records, problems


def _read_csv(text: str, file: Path) -> tuple[list[dict], list[dict]]:
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = next((d for d in (",", ";", "\t") if d in first_line), ",")
    parsed, malformed = csv_rows(text, name=file.name, delimiter=delimiter)
    problems = [
        report_row(file, line=line, status="skipped", message=message)
        for line, message in malformed
    ]
    if not parsed or parsed[0][0] != 1:
        detail = f" ({malformed[0][1]})" if malformed and malformed[0][0] == 1 else ""
        raise Skip(f"{file.name}: cannot read the CSV header{detail}")
    header = [name.strip().lower() for name in parsed[0][1]]
    if not any(name in TEXT_COLUMNS for name in header):
        raise Skip(
            f"{file.name}: CSV without a text column (looked for {', '.join(TEXT_COLUMNS)}); columns are {', '.join(header) or 'none'}"
        )
    records = []
    for number, cells in parsed[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        where = f"{file.name} line {number}"
        if len(cells) != len(header):
            problems.append(
                report_row(
                    file,
                    line=number,
                    status="skipped",
                    message=f"{where}: expected {len(header)} cells, found {len(cells)}",
                )
            )
            continue
        try:
            raw_text, meta = _text_and_meta(dict(zip(header, cells, strict=True)), where=where)
        except Skip as skip:
            problems.append(report_row(file, line=number, status="skipped", message=str(skip)))
            continue
        records.append({"raw_text": raw_text, "line": number, "meta": meta})
    problems.sort(key=lambda row: row["line"])
    return records, problems


def _inside(folder: Path, target: Path) -> bool:
    """Whether ``target`` (a sidecar's ``file`` cell joined to its folder) stays inside ``folder``."""
    return os.path.normpath(target).startswith(os.path.join(os.path.normpath(folder), ""))


class SidecarSet:
    """The sidecar(s) in use: one explicit file, or ``metadata.csv`` beside each input file."""

    def __init__(self, sidecar):
        self.mode = (
            "none" if sidecar in (None, "", False) else "auto" if sidecar == "auto" else "explicit"
        )
        self.explicit = paths.resolve(sidecar) if self.mode == "explicit" else None
        self.loaded: dict[Path, metadata.Sidecar] = {}
        self.used: dict[Path, set[str]] = {}
        self.loaded_files: set[Path] = set()
        self.present: set[Path] = set()  # sidecar files found beside the inputs

    def for_file(self, file: Path) -> metadata.Sidecar | None:
        if self.mode == "none":
            return None
        path = self.explicit if self.mode == "explicit" else file.parent / SIDECAR_NAME
        if path is None or (self.mode == "auto" and not path.exists()):
            return None
        if path not in self.loaded:
            self.loaded[path] = metadata.read_sidecar(path)
            self.used[path] = set()
        return self.loaded[path]

    def values(self, sidecar: metadata.Sidecar | None, *keys: str) -> dict:
        if sidecar is None:
            return {}
        for key in keys:
            if key in sidecar.rows:
                self.used[sidecar.path].add(key)
                return sidecar.rows[key]
        return {}

    def report(self) -> list[dict]:
        rows = []
        for path, sidecar in self.loaded.items():
            problems = [
                report_row(path, line=line, status=status, message=message)
                for line, status, message in sidecar.problems
                if line is not None
            ]
            # problems of the whole file (cannot read, not UTF-8) go on its one file-level row
            whole_file = [message for line, _, message in sidecar.problems if line is None]
            for key, line in sidecar.lines.items():
                target = path.parent / key
                if key not in self.used[path] and not _inside(path.parent, target):
                    problems.append(
                        report_row(
                            path,
                            line=line,
                            status="skipped",
                            message=f"{path.name} line {line}: names '{key}', which is outside the corpus folder {relative_name(path.parent)}/; row unused",
                        )
                    )
                elif (
                    key not in self.used[path]
                    and not target.exists()
                    and not target.with_suffix(".txt").exists()
                ):
                    problems.append(
                        report_row(
                            path,
                            line=line,
                            status="skipped",
                            message=f"{path.name} line {line}: names '{key}', which does not exist in {relative_name(path.parent)}/ and matches no article id; row unused",
                        )
                    )
            n_used = len(self.used[path])
            unreadable = any(
                status == "skipped" and line in (None, 1) for line, status, _ in sidecar.problems
            )
            unused = bool(sidecar.rows) and n_used == 0
            status = (
                "skipped"
                if unreadable
                else "loaded_with_warnings"
                if problems or unused or whole_file
                else "loaded"
            )
            message = f"{path.name}: metadata sidecar, {len(sidecar.rows)} rows, applied to {n_used} articles"
            message += "".join(f"; {problem}" for problem in whole_file)
            if unused:
                message += " (none of its rows names a loaded file: is it the right sidecar?)"
            rows.append(
                report_row(
                    path,
                    status=status,
                    n_articles=n_used,
                    message=message
                    + (f"; {len(problems)} problems (see line rows)" if problems else ""),
                )
            )
            rows.extend(sorted(problems, key=lambda r: r["line"] or 0))
        why_not = {
            "auto": "no article file beside it was loaded",
            "explicit": f"the sidecar given, {relative_name(self.explicit) if self.explicit else ''}, is used instead",
            "none": "sidecars are switched off for this run",
        }[self.mode]
        for path in sorted(self.present - set(self.loaded) - {self.explicit}):
            rows.append(
                report_row(path, status="skipped", message=f"{path.name}: sidecar not used ({why_not})")
            )
        if self.mode == "explicit" and self.explicit not in self.loaded:
            rows.append(
                report_row(
                    self.explicit,
                    status="skipped",
                    message=f"{self.explicit.name}: sidecar not used (no article file was loaded with it)",
                )
            )
        return rows
