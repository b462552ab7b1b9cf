"""A per-article result cache stored as Parquet shards, safe to share and to interrupt.

One cache entry is "the rows a per-article stage produced for one article". Entries live under
``<cache_dir>/<stage>/<key>/``, where ``key`` is a hash of the stage's parameters and code
version (see :func:`fingerprint`). Inside, every run that computed something new adds ONE shard
(never one file per article, so the cache scales to 100k articles):

* ``<name>.data.arrow``: the result rows of all articles in the shard, article after article;
* ``<name>.index.arrow``: one row per article, ``cache_key`` and ``n_rows`` (how many of the
  data rows are its own, in order; 0 for an article with no result rows).

Both files are written to a temporary name and renamed into place; the index is written last, so
a shard without its index (an interrupted run) is invisible. A shard whose files cannot be read,
or whose row counts disagree, is skipped with a warning: it costs a recomputation, never a
crash and never a wrong answer. :meth:`ShardStore.compact` merges many small shards into one.

Shards are Arrow IPC files (the "Feather v2" format: columnar, language-independent, not
pickle), read by memory-mapping: re-reading the cache of 100k articles takes milliseconds,
where decoding Parquet took seconds and would dominate the cost of adding one article. The cache is
internal and regenerable; the tables users open (``data/processed/``) stay Parquet/CSV.

>>> import tempfile, pyarrow as pa
>>> store = ShardStore(tempfile.mkdtemp())
>>> store.append(pa.table({"token": ["negara-negara", "Korut", "Rusia"]}), ["a1", "a2"], [2, 1])
>>> table, found = store.load(["a2", "zz"])
>>> found
{'a2': (2, 1)}
>>> table.column("token").to_pylist()[2:3]
['Rusia']
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import uuid
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

#: Bump to invalidate every cache entry written by an older layout.
CACHE_FORMAT = "2"

_INDEX_SUFFIX = ".index.arrow"
_DATA_SUFFIX = ".data.arrow"


def _hash_value(value: Any, digest: Any) -> None:
    """Feed a canonical byte form of ``value`` into ``digest`` (order- and type-aware)."""
    if isinstance(value, pd.DataFrame):
        digest.update(b"DataFrame")
        digest.update(json.dumps([str(c) for c in value.columns]).encode())
        digest.update(json.dumps([str(t) for t in value.dtypes]).encode())
        digest.update(pd.util.hash_pandas_object(value, index=False).to_numpy().tobytes())
    elif isinstance(value, pd.Series):
        digest.update(b"Series" + str(value.dtype).encode())
        digest.update(pd.util.hash_pandas_object(value, index=False).to_numpy().tobytes())
    elif isinstance(value, os.PathLike):
        path = Path(value)
        digest.update(b"Path" + str(path.name).encode())
        digest.update(file_digest(path).encode() if path.is_file() else b"<missing>")
    elif isinstance(value, Mapping):
        digest.update(b"Mapping")
        for key in sorted(value, key=str):
            _hash_value(str(key), digest)
            _hash_value(value[key], digest)
    elif isinstance(value, set | frozenset):
        digest.update(b"Set")
        for item in sorted(value, key=repr):
            _hash_value(item, digest)
    elif isinstance(value, list | tuple):
        digest.update(b"Seq")
        for item in value:
            _hash_value(item, digest)
    elif isinstance(value, ModuleType):
        digest.update(b"Module" + value.__name__.encode())
        digest.update(module_version(value).encode())
    elif callable(value) and hasattr(value, "__qualname__"):
        digest.update(b"Callable" + f"{value.__module__}.{value.__qualname__}".encode())
    else:
        digest.update(type(value).__name__.encode() + b":" + repr(value).encode())
    digest.update(b"|")


def fingerprint(*values: Any, length: int = 16) -> str:
    """Return a short stable hex hash of ``values`` (dicts by sorted key, DataFrames by content,
    paths by file content, modules by source code).

    >>> fingerprint({"stem": False, "scope": "sentence"}) == fingerprint({"scope": "sentence", "stem": False})
    True
    >>> fingerprint({"stem": False}) == fingerprint({"stem": True})
    False
    """
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for value in values:
        _hash_value(value, digest)
    return digest.hexdigest()[:length]


def file_digest(path: str | os.PathLike[str]) -> str:
    """Return the sha256 hex digest of a file's bytes (e.g. the actor list).

    >>> from utils import paths
    >>> len(file_digest(paths.ROOT / "utils" / "paths.py"))
    64
    """
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def module_version(module: ModuleType) -> str:
    """Return a hash of a module's source file: the "code version" of the functions it defines.

    The file is read the first time a module (as imported, or as re-loaded) is seen in this
    process, so a source file edited while old code is still running never lends the new
    version to old results.

    >>> from utils import paths
    >>> module_version(paths) == module_version(paths)
    True
    """
    key = (module.__name__, id(module.__spec__))
    known = _VERSIONS.get(key)
    if known is not None and known[0] is module.__spec__:
        return known[1]
    try:
        source_file = inspect.getsourcefile(module)
    except TypeError:
        source_file = None
    if not source_file or not os.path.exists(source_file):
        version = f"{module.__name__}:{getattr(module, '__version__', 'unknown')}"
    else:
        version = file_digest(source_file)[:16]
    _VERSIONS[key] = (module.__spec__, version)
    return version


_VERSIONS: dict[tuple[str, int], tuple[Any, str]] = {}


def _read_table(path: Path) -> pa.Table:
    """Memory-map one Arrow IPC file (zero-copy); raises on a truncated or foreign file."""
    source = pa.memory_map(str(path), "r")  # stays open while the table's buffers point into it
    table = pa.ipc.open_file(source).read_all()
    table.validate()
    return table


def _write_atomic(table: pa.Table, path: Path) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with pa.OSFile(str(temporary), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


class ShardStore:
    """The shards of ONE (stage, parameters, code version) cache entry; see the module docstring.

    >>> import tempfile, pyarrow as pa
    >>> store = ShardStore(tempfile.mkdtemp())
    >>> store.append(pa.table({"actor": ["Kim Jong Un"]}), ["h1"], [1])
    >>> sorted(store.keys())
    ['h1']
    """

    def __init__(self, directory: str | os.PathLike[str], *, description: Mapping | None = None):
        self.directory = Path(directory)
        self.description = dict(description or {})

    # ------------------------------------------------------------------ reading
    def _shard_names(self) -> list[str]:
        if not self.directory.is_dir():
            return []
        names = [p.name[: -len(_INDEX_SUFFIX)] for p in self.directory.glob(f"*{_INDEX_SUFFIX}")]
        return sorted(names)

    def _read_index(self, name: str) -> pd.DataFrame | None:
        path = self.directory / f"{name}{_INDEX_SUFFIX}"
        try:
            index = _read_table(path).to_pandas()
            if list(index.columns[:2]) != ["cache_key", "n_rows"]:
                raise ValueError(f"unexpected columns {list(index.columns)}")
            n_data_rows = _read_table(self.directory / f"{name}{_DATA_SUFFIX}").num_rows
            if int(index["n_rows"].sum()) != n_data_rows:
                raise ValueError(
                    f"index counts {int(index['n_rows'].sum())} rows, data has {n_data_rows}"
                )
        except Exception as error:  # noqa: BLE001 - any unreadable shard is skipped, never fatal
            warnings.warn(
                f"cache shard {self.directory / name} is unreadable and is ignored "
                f"(it will be recomputed): {type(error).__name__}: {error}",
                RuntimeWarning,
                stacklevel=3,
            )
            return None
        return index

    def keys(self) -> set[str]:
        """Return the cache keys stored in all readable shards."""
        found: set[str] = set()
        for name in self._shard_names():
            index = self._read_index(name)
            if index is not None:
                found.update(index["cache_key"].tolist())
        return found

    def load(self, wanted: Iterable[str]) -> tuple[pa.Table | None, dict[str, tuple[int, int]]]:
        """Return (rows, {key: (first_row, n_rows)}) for the wanted keys that are cached.

        The returned table holds the data of every shard that contains at least one wanted key;
        each key's rows are ``table[first_row : first_row + n_rows]``. Missing keys are absent.
        """
        wanted = set(wanted)
        tables: list[pa.Table] = []
        found: dict[str, tuple[int, int]] = {}
        base = 0
        for name in self._shard_names():
            if not wanted.difference(found):
                break
            index = self._read_index(name)
            if index is None:
                continue
            keys = index["cache_key"].to_numpy(dtype=object)
            counts = index["n_rows"].to_numpy(dtype=np.int64)
            useful = np.fromiter(map(wanted.__contains__, keys), bool, len(keys))
            if found:  # a key stored twice is taken from the first shard that holds it
                useful &= ~np.fromiter(map(found.__contains__, keys), bool, len(keys))
            if not useful.any():
                continue
            try:
                data = _read_table(self.directory / f"{name}{_DATA_SUFFIX}")
            except Exception as error:  # noqa: BLE001
                warnings.warn(
                    f"cache shard {self.directory / name} is unreadable and is ignored: {error}",
                    RuntimeWarning,
                    stacklevel=2,
                )
                continue
            starts = base + np.cumsum(counts) - counts
            # one C-level dict update, not a Python loop over 100k keys
            places = zip(starts[useful].tolist(), counts[useful].tolist(), strict=True)
            found.update(zip(keys[useful].tolist(), places, strict=True))
            tables.append(data)
            base += data.num_rows
        if not tables:
            return None, {}
        return concat_tables(tables), found

    # ------------------------------------------------------------------ writing
    def append(self, table: pa.Table, keys: Sequence[str], n_rows: Sequence[int]) -> None:
        """Add one shard: ``table`` holds the rows of ``keys`` in order, ``n_rows`` per key."""
        if len(keys) == 0:
            return
        if int(np.sum(n_rows)) != table.num_rows:
            raise ValueError(
                f"n_rows adds up to {int(np.sum(n_rows))}, table has {table.num_rows} rows"
            )
        self.directory.mkdir(parents=True, exist_ok=True)
        description_file = self.directory / "entry.json"
        if self.description and not description_file.exists():
            temporary = description_file.with_name(f".entry.{uuid.uuid4().hex}.tmp")
            temporary.write_text(
                json.dumps(self.description, indent=2, sort_keys=True, default=str)
            )
            os.replace(temporary, description_file)
        name = f"shard-{uuid.uuid4().hex}"
        index = pa.table(
            {"cache_key": pa.array(list(keys), pa.string()), "n_rows": pa.array(n_rows, pa.int64())}
        )
        _write_atomic(table, self.directory / f"{name}{_DATA_SUFFIX}")
        _write_atomic(index, self.directory / f"{name}{_INDEX_SUFFIX}")  # the commit point

    def n_shards(self) -> int:
        """Return how many shards (readable or not) the entry holds."""
        return len(self._shard_names())

    def compact(self) -> None:
        """Merge all readable shards into one (first copy of each key wins) and delete the rest."""
        names = self._shard_names()
        if len(names) < 2:
            return
        keys = set()
        for name in names:
            index = self._read_index(name)
            if index is not None:
                keys.update(index["cache_key"].tolist())
        table, found = self.load(keys)
        if table is None:
            return
        ordered = sorted(found.items(), key=lambda item: item[1][0])
        take = run_indices([start for _, (start, _) in ordered], [n for _, (_, n) in ordered])
        self.append(table.take(take), [k for k, _ in ordered], [n for _, (_, n) in ordered])
        for name in names:
            for suffix in (_INDEX_SUFFIX, _DATA_SUFFIX):  # index first: the shard vanishes at once
                (self.directory / f"{name}{suffix}").unlink(missing_ok=True)


def content_hashes(articles: pd.DataFrame) -> pd.Series:
    """Return the articles' ``content_hash`` column, or sha256 of ``text`` when it is missing.

    >>> content_hashes(pd.DataFrame({"text": ["Korut"]})).str.len().tolist()
    [64]
    """
    if "content_hash" in articles.columns and articles["content_hash"].notna().all():
        return articles["content_hash"].astype(str)
    texts = articles["text"]
    digests = _arrow_sha256(texts)
    if digests is None:  # not an Arrow string column, or missing texts: hash str(text)
        digests = [hashlib.sha256(str(text).encode("utf-8")).hexdigest() for text in texts]
    return pd.Series(digests, index=articles.index, name=texts.name, dtype="str")


def _arrow_sha256(texts: pd.Series) -> list[str] | None:
    """sha256 hex digests of an Arrow-backed string column, read straight from its UTF-8
    buffer (no Python string, no encoding: half the time of ``str.encode`` for 210 MB); None
    when the column is not Arrow strings or has missing values.

    >>> _arrow_sha256(pd.Series(["Korut"], dtype="str")) == [hashlib.sha256(b"Korut").hexdigest()]
    True
    """
    if not isinstance(texts.array, pd.arrays.ArrowStringArray) or texts.hasnans:
        return None
    arrow = pa.array(texts.array)
    chunks = arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow]
    if not all(chunk.type in (pa.string(), pa.large_string()) for chunk in chunks):
        return None
    sha256 = hashlib.sha256
    digests: list[str] = []
    for chunk in chunks:
        offset_type = np.int32 if chunk.type == pa.string() else np.int64
        _, offsets_buffer, data_buffer = chunk.buffers()
        offsets = np.frombuffer(offsets_buffer, dtype=offset_type)
        offsets = offsets[chunk.offset : chunk.offset + len(chunk) + 1].tolist()
        data = memoryview(data_buffer) if data_buffer is not None else memoryview(b"")
        digests.extend(
            sha256(data[a:b]).hexdigest() for a, b in zip(offsets[:-1], offsets[1:], strict=True)
        )
    return digests


def run_indices(starts: Sequence[int], lengths: Sequence[int]) -> np.ndarray:
    """Row indices for consecutive runs ``starts[i] : starts[i] + lengths[i]``.

    >>> run_indices([5, 0], [2, 3]).tolist()
    [5, 6, 0, 1, 2]
    """
    starts = np.asarray(starts, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(starts - offsets, lengths) + np.arange(total, dtype=np.int64)


def concat_tables(tables: Sequence[pa.Table]) -> pa.Table:
    """Concatenate Arrow tables whose types may differ slightly (e.g. an all-empty shard)."""
    if len(tables) == 1:
        return tables[0]
    return pa.concat_tables(tables, promote_options="permissive")
