"""Safe, traceable outputs: atomic writes, corpus fingerprints and table metadata.

Every table a notebook writes goes through :func:`write_table`. It writes the
file atomically (a temporary file in the same folder, then a rename), so an
interrupted run leaves the previous version intact, and it writes a
``<file>.meta.json`` beside it saying what produced the table: the
parameters, a fingerprint of the corpus, the code and data versions and the
package versions. Nothing in the metadata depends on the wall clock, so the
same inputs always give byte-identical files.

>>> import pandas as pd
>>> articles = pd.DataFrame({"article_id": ["tempo-1", "antara-1"],
...                          "content_hash": ["ab12", "cd34"]})
>>> corpus_fingerprint(articles) == corpus_fingerprint(articles.iloc[::-1])
True
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import os
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from utils import paths

#: Packages whose versions are recorded next to every table and figure.
TRACKED_PACKAGES = (
    "pandas",
    "pyarrow",
    "numpy",
    "matplotlib",
    "seaborn",
    "PySastrawi",
    "pyahocorasick",
    "networkx",
)

#: Hand-made inputs in ``data/`` whose content defines the "data version".
DATA_FILES = (
    paths.ACTORS_FILE,
    paths.STOPWORDS_FILE,
    paths.NEWS_STOPWORDS_FILE,
    paths.ABBREVIATIONS_FILE,
    paths.OUTLETS_FILE,
)

FINGERPRINT_LENGTH = 16


# --------------------------------------------------------------------------- atomic writes


def _umask() -> int:
    """The process's file-creation mask (reading it means setting it, so set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it onto ``path``.

    Any writer can use it (``df.to_parquet``, ``fig.savefig``). If the body
    raises, the temporary file is removed and ``path`` keeps its old content.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "kata.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("amunisi")
    >>> target.read_text()
    'amunisi'
    >>> oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    True
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as written:
            os.fsync(written.fileno())
        # mkstemp creates the file readable by its owner only; give it the permissions an
        # ordinary new file gets (0666 less the umask), so shared folders stay readable
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file, then rename) and return the path.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "berita.bin"
    >>> atomic_write_bytes(target, "Korut".encode()).read_bytes()
    b'Korut'
    """
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def atomic_write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically, with ``\\n`` line endings on every platform.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "berita.txt"
    >>> atomic_write_text(target, "Kim Jong-un bertemu Putin\\n").read_text()
    'Kim Jong-un bertemu Putin\\n'
    """
    return atomic_write_bytes(path, text.encode(encoding))


# --------------------------------------------------------------------------- fingerprints


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``.

    >>> sha256_bytes(b"Rusia")[:12]
    '9a2f4595461f'
    """
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def corpus_fingerprint(articles: pd.DataFrame) -> str:
    """A short, order-independent fingerprint of a corpus: sorted ``article_id`` + ``content_hash``.

    Two article tables with the same articles and the same cleaned texts get
    the same fingerprint, whatever their row order. Without a
    ``content_hash`` column the hash of ``text`` is used.

    >>> import pandas as pd
    >>> a = pd.DataFrame({"article_id": ["a1"], "text": ["Putin bertemu Kim Jong-un."]})
    >>> b = pd.DataFrame({"article_id": ["a1"], "text": ["Putin bertemu Kim Jong Un."]})
    >>> corpus_fingerprint(a) != corpus_fingerprint(b)
    True
    >>> len(corpus_fingerprint(a))
    16
    """
    if "article_id" not in articles.columns:
        raise ValueError("corpus_fingerprint needs an 'article_id' column")
    if "content_hash" in articles.columns:
        hashes = articles["content_hash"].astype(str).tolist()
    elif "text" in articles.columns:
        hashes = [sha256_bytes(str(text).encode("utf-8")) for text in articles["text"]]
    else:
        raise ValueError("corpus_fingerprint needs a 'content_hash' or 'text' column")
    lines = sorted(
        f"{article_id}\t{content}"
        for article_id, content in zip(articles["article_id"].astype(str), hashes, strict=True)
    )
    return sha256_bytes("\n".join(lines).encode("utf-8"))[:FINGERPRINT_LENGTH]


def corpus_summary(articles: pd.DataFrame | None) -> dict[str, Any]:
    """Number of articles, date range (ISO days) and fingerprint of a corpus, for provenance records.

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "content_hash": ["1", "2"],
    ...     "date": pd.to_datetime(["2023-09-13", None])})
    >>> summary = corpus_summary(articles)
    >>> summary["n_articles"], summary["date_min"], summary["date_max"]
    (2, '2023-09-13', '2023-09-13')
    """
    if articles is None:
        return {"n_articles": None, "date_min": None, "date_max": None, "corpus_fingerprint": None}
    date_min = date_max = None
    if "date" in articles.columns and len(articles):
        dates = pd.to_datetime(articles["date"], errors="coerce").dropna()
        if len(dates):
            date_min = dates.min().strftime("%Y-%m-%d")
            date_max = dates.max().strftime("%Y-%m-%d")
    return {
        "n_articles": len(articles),
        "date_min": date_min,
        "date_max": date_max,
        "corpus_fingerprint": corpus_fingerprint(articles),
    }


# --------------------------------------------------------------------------- versions


@functools.lru_cache(maxsize=1)
def git_commit() -> str | None:
    """The repository's current git commit (short hash), or ``None`` without git."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=paths.ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and commit else None


def utils_hash() -> str:
    """Hash of every ``utils/*.py`` source: a code version that works without git."""
    digest = hashlib.sha256()
    for source in sorted((paths.ROOT / "utils").glob("*.py")):
        digest.update(source.name.encode())
        digest.update(b"\0")
        digest.update(source.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


def code_version() -> str:
    """``utils-<hash of utils sources>`` plus ``+git-<commit>`` when git knows the commit.

    >>> code_version().startswith("utils-")
    True
    """
    commit = git_commit()
    return f"utils-{utils_hash()}" + (f"+git-{commit}" if commit else "")


def data_version(params: Mapping[str, Any] | None = None) -> str:
    """Fingerprint of the hand-made inputs (actor list, stopwords, abbreviations, outlets).

    Files named by a parameter (e.g. ``ACTORS_FILE = "data/actors-mine.csv"``)
    are included too, so a run with another actor list gets another version.
    Missing files count as missing, not as an error.

    >>> len(data_version())
    16
    """
    files = {Path(p).resolve() for p in DATA_FILES}
    for value in (params or {}).values():
        if isinstance(value, str | os.PathLike) and str(value).lower().endswith(
            (".csv", ".txt", ".tsv")
        ):
            candidate = paths.resolve(value)
            if candidate.is_file():
                files.add(candidate)
    lines = []
    for file in sorted(files):
        shown = file.relative_to(paths.ROOT) if file.is_relative_to(paths.ROOT) else file
        lines.append(f"{shown.as_posix()}\t{file_sha256(file) if file.is_file() else 'missing'}")
    return sha256_bytes("\n".join(lines).encode("utf-8"))[:FINGERPRINT_LENGTH]


def package_versions() -> dict[str, str]:
    """Installed versions of the packages that shape the results (plus Python's).

    >>> sorted(package_versions())[:2]
    ['PySastrawi', 'matplotlib']
    """
    import platform

    versions = {"python": platform.python_version()}
    for package in TRACKED_PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = "missing"
    return versions


# --------------------------------------------------------------------------- parameters


def json_safe(value: Any) -> Any:
    """Turn parameters into plain JSON values (paths and dates become strings; sets become sorted lists).

    >>> json_safe({"OUTLETS": {"Tempo", "ANTARA"}, "WINDOW": 10})
    {'OUTLETS': ['ANTARA', 'Tempo'], 'WINDOW': 10}
    """
    if isinstance(value, Mapping):
        return {
            str(key): json_safe(val)
            for key, val in sorted(value.items(), key=lambda kv: str(kv[0]))
        }
    if isinstance(value, set | frozenset):
        return sorted(
            (json_safe(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, default=str)
        )
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if value == value else None  # NaN -> null
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return json_safe(value.item())
    return str(value)


def params_json(params: Mapping[str, Any] | None) -> str:
    """Parameters as one line of JSON with sorted keys (what the manifest stores).

    >>> params_json({"SCOPE": "sentence", "FREQ": "MS"})
    '{"FREQ": "MS", "SCOPE": "sentence"}'
    """
    return json.dumps(json_safe(dict(params or {})), sort_keys=True, ensure_ascii=False)


def notebook_params(namespace: Mapping[str, Any]) -> dict[str, Any]:
    """The UPPERCASE constants of a notebook namespace (pass ``globals()``), as JSON-safe values.

    >>> notebook_params({"SCOPE": "paragraph", "WINDOW": 10, "pd": object(), "_X": 1, "articles": 3})
    {'SCOPE': 'paragraph', 'WINDOW': 10}
    """
    return {
        name: json_safe(value)
        for name, value in sorted(namespace.items())
        if name.isupper()
        and not name.startswith("_")
        and isinstance(value, str | int | float | bool | list | tuple | dict | type(None))
    }


def provenance_record(
    params: Mapping[str, Any] | None, articles: pd.DataFrame | None
) -> dict[str, Any]:
    """Everything recorded about how an output was made (no timestamps, so it is deterministic)."""
    return {
        "params": json_safe(dict(params or {})),
        **corpus_summary(articles),
        "code_version": code_version(),
        "data_version": data_version(params),
        "package_versions": package_versions(),
    }


# --------------------------------------------------------------------------- tables


def meta_path(path: str | os.PathLike[str]) -> Path:
    """Where the metadata of a table lives: ``<path>.meta.json``.

    >>> meta_path("data/processed/articles.parquet").name
    'articles.parquet.meta.json'
    """
    path = Path(path)
    return path.with_name(path.name + ".meta.json")


def write_table(
    df: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    params: Mapping[str, Any] | None,
    articles: pd.DataFrame | None = None,
) -> Path:
    """Write ``df`` atomically as Parquet (or CSV, by suffix) plus ``<path>.meta.json``; return the path.

    The metadata records the parameters, the corpus fingerprint, the number
    of rows and columns, the table's SHA-256 and the code/data/package versions.
    An unnamed index (e.g. left over from filtering) is not written; a named
    one is (``df.set_index("actor")`` keeps ``actor``).

    >>> import tempfile, pathlib, pandas as pd
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> mentions = pd.DataFrame({"actor": ["putin", "kim_jong_un"], "n": [12, 9]})
    >>> written = write_table(mentions, folder / "mentions.parquet", params={"SCOPE": "sentence"})
    >>> read_table(written)["actor"].tolist()
    ['putin', 'kim_jong_un']
    >>> read_meta(written)["n_rows"]
    2
    """
    path = paths.resolve(path)
    suffix = path.suffix.lower()
    if suffix not in {".parquet", ".csv"}:
        raise ValueError(f"write_table writes .parquet or .csv files, not {path.name!r}")
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"write_table expects a DataFrame for {path.name}, got {type(df).__name__}")
    keep_index = any(name is not None for name in df.index.names)  # a named index is data
    with atomic_path(path) as tmp:
        if suffix == ".parquet":
            df.to_parquet(tmp, index=keep_index)
        else:
            df.to_csv(tmp, index=keep_index, lineterminator="\n", encoding="utf-8")
    meta = {
        "table": path.name,
        "n_rows": len(df),
        "columns": [str(column) for column in df.columns],
        "sha256": file_sha256(path),
        **provenance_record(params, articles),
    }
    atomic_write_text(
        meta_path(path), json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )
    return path


def read_table(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a table written by :func:`write_table` (Parquet or CSV), with a clear message if it is missing."""
    path = paths.resolve(path)
    if not path.exists():
        raise FileNotFoundError(
            f"{path} does not exist yet: run the notebook that writes it first "
            "(notebooks/00-overview.ipynb lists which notebook writes which table)"
        )
    if path.suffix.lower() == ".parquet":
        return pd.read_parquet(path)
    if path.suffix.lower() == ".csv":
        return pd.read_csv(path)
    raise ValueError(f"read_table reads .parquet or .csv files, not {path.name!r}")


def read_meta(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The metadata written beside a table (``<path>.meta.json``)."""
    return json.loads(meta_path(paths.resolve(path)).read_text(encoding="utf-8"))
