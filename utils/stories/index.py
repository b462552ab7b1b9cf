"""The stored near-duplicate index: per-article signatures, LSH candidates, verified pairs.

``StoryIndex`` keeps, per article, its content hash, date, length, MinHash signatures (as
written and masked) and number/date words, plus the verified pairs (``same`` and ``template``
edges). :meth:`StoryIndex.update` brings it up to date with an article table: articles already
in the index (same id and content hash) are not hashed again; new ones are hashed, looked up in
the LSH bands of every stored article (rebuilt from the stored signatures, ``BANDS`` bands of
``ROWS`` positions, plain and masked), and their candidate pairs verified
(:mod:`utils.stories.verify`). Exact copies (same content hash) are grouped first and never
hashed twice.

On disk (:meth:`save` / :meth:`load`, no pickle): ``rows.parquet`` (one row per article),
``signatures.npy`` and ``masked.npy`` (uint32 arrays, one row per article) and ``edges.parquet``.

>>> import pandas as pd
>>> text = "Presiden Rusia Vladimir Putin menerima Kim Jong-un di kosmodrom Vostochny pada Rabu."
>>> articles = pd.DataFrame({"article_id": ["a", "b", "c"],
...                          "text": [text, text + "\\nKeduanya bersulang.", "Harga emas turun."]})
>>> index = StoryIndex.empty().update(articles)
>>> index.edges[["a", "b", "label"]].values.tolist()
[['a', 'b', 'same']]
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from utils import provenance
from utils.engine import content_hashes
from utils.stories import signatures, verify

#: LSH: bands of ``ROWS`` signature positions. With 2 rows per band and 32 bands, a pair with
#: Jaccard 0.2 becomes a candidate with probability 1-(1-0.2²)³² = 0.73, at 0.3: 0.95.
BANDS = 32
ROWS = 2
#: Above this many new articles, candidates come from sorting every band (else one scan each).
_SCAN_LIMIT = 256
EDGE_COLUMNS = ("a", "b", "label", "jaccard", "containment", "masked_containment", "number_overlap")
_FORMAT = 1


@dataclass
class StoryIndex:
    """Per-article features (``rows`` + the two signature arrays) and the verified edges."""

    rows: pd.DataFrame  # article_id, content_hash, date, n_words, n_shingles, numbers
    signature: np.ndarray
    masked: np.ndarray
    edges: pd.DataFrame

    @classmethod
    def empty(cls) -> StoryIndex:
        """An index with no article."""
        rows = pd.DataFrame({"article_id": pd.Series(dtype=str), "content_hash": pd.Series(dtype=str),
                             "date": pd.Series(dtype="datetime64[ns]"), "n_words": pd.Series(dtype="int64"),
                             "n_shingles": pd.Series(dtype="int64"), "numbers": pd.Series(dtype=object)})  # fmt: skip
        sig = np.zeros((0, signatures.NUM_PERM), dtype=np.uint32)
        return cls(rows, sig, sig.copy(), _empty_edges())

    # ------------------------------------------------------------------ persistence
    def save(self, directory: str | os.PathLike[str]) -> Path:
        """Write the index to ``directory`` (Parquet + NumPy, each file replaced atomically)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        rows = self.rows.assign(numbers=self.rows["numbers"].map(list))
        for name, frame in (("rows.parquet", rows), ("edges.parquet", self.edges)):
            with provenance.atomic_path(directory / name) as temporary:
                frame.to_parquet(temporary, index=False)
        for name, array in (("signatures.npy", self.signature), ("masked.npy", self.masked)):
            with (
                provenance.atomic_path(directory / name) as temporary,
                open(temporary, "wb") as handle,
            ):
                np.save(handle, array, allow_pickle=False)
        provenance.atomic_write_text(
            directory / "index.json", json.dumps(_settings(), sort_keys=True)
        )
        return directory

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> StoryIndex:
        """Read a saved index, or an empty one when it is missing or made with other settings."""
        directory = Path(directory)
        try:
            if json.loads((directory / "index.json").read_text()) != json.loads(
                json.dumps(_settings())
            ):
                return cls.empty()
            rows = pd.read_parquet(directory / "rows.parquet")
            edges = pd.read_parquet(directory / "edges.parquet")
            sig = np.load(directory / "signatures.npy", allow_pickle=False)
            masked = np.load(directory / "masked.npy", allow_pickle=False)
        except (FileNotFoundError, ValueError, OSError):
            return cls.empty()
        if not (len(rows) == len(sig) == len(masked)):
            return cls.empty()
        rows["numbers"] = rows["numbers"].map(
            lambda value: tuple(value) if value is not None else ()
        )
        rows["article_id"] = rows["article_id"].astype(str)
        return cls(rows, sig, masked, edges)

    # ------------------------------------------------------------------ update
    def update(self, articles: pd.DataFrame) -> StoryIndex:
        """The index for exactly these articles: stored ones reused, new ones hashed and matched."""
        ids = articles["article_id"].astype(str).to_numpy()
        if len(set(ids)) != len(ids):
            raise ValueError(
                "the article table has duplicate article_id values; story detection needs unique ids"
            )
        hashes = content_hashes(articles).to_numpy()
        stored_key = pd.Index(
            self.rows["article_id"].to_numpy() + "\0" + self.rows["content_hash"].to_numpy()
        )
        current_key = pd.Index(ids.astype(object) + "\0" + hashes.astype(object))
        position = stored_key.get_indexer(current_key)
        reused = position >= 0
        new = np.flatnonzero(~reused)
        n = len(ids)
        sig = np.empty((n, signatures.NUM_PERM), dtype=np.uint32)
        masked = np.empty_like(sig)
        sig[reused], masked[reused] = (
            self.signature[position[reused]],
            self.masked[position[reused]],
        )
        n_shingles = np.zeros(n, dtype=np.int64)
        n_shingles[reused] = self.rows["n_shingles"].to_numpy()[position[reused]]
        numbers = np.empty(n, dtype=object)
        numbers[reused] = self.rows["numbers"].to_numpy()[position[reused]]
        if len(new):
            # Copies of a stored or an earlier new text take its features; the rest are hashed.
            stored_hashes, first_stored = np.unique(
                self.rows["content_hash"].to_numpy().astype(str), return_index=True
            )
            found = pd.Index(stored_hashes).get_indexer(hashes[new].astype(str))
            by_hash = np.where(
                found >= 0, first_stored[np.maximum(found, 0)] if len(first_stored) else -1, -1
            )
            known = by_hash >= 0
            sig[new[known]], masked[new[known]] = (
                self.signature[by_hash[known]],
                self.masked[by_hash[known]],
            )
            n_shingles[new[known]] = self.rows["n_shingles"].to_numpy()[by_hash[known]]
            numbers[new[known]] = self.rows["numbers"].to_numpy()[by_hash[known]]
            todo = new[~known]
        if len(new) and len(todo):
            codes, _ = pd.factorize(hashes[todo])
            first = np.unique(codes, return_index=True)[1]
            texts = articles["text"].to_numpy()[todo[first]]
            features = signatures.article_features([t if isinstance(t, str) else "" for t in texts])
            sig[todo], masked[todo] = features.signature[codes], features.masked[codes]
            n_shingles[todo] = features.n_shingles[codes]
            numbers[todo] = _object_array(features.numbers)[codes]
        rows = pd.DataFrame({
            "article_id": ids, "content_hash": hashes,
            "date": pd.to_datetime(articles["date"], errors="coerce").to_numpy() if "date" in articles else pd.NaT,
            "n_words": _n_words(articles), "n_shingles": n_shingles, "numbers": numbers,
        })  # fmt: skip
        kept_ids = set(ids[reused])
        edges = self.edges[self.edges["a"].isin(kept_ids) & self.edges["b"].isin(kept_ids)]
        index = StoryIndex(rows, sig, masked, edges.reset_index(drop=True))
        if len(new):
            index.edges = _sorted_edges(
                pd.concat([index.edges, index._new_edges(new)], ignore_index=True)
            )
        return index

    def hash_leaders(self) -> np.ndarray:
        """Positions of the first article of each content hash (the only ones matched by LSH)."""
        return np.unique(self.rows["content_hash"].to_numpy(), return_index=True)[1]

    def _band_keys(self, rows: np.ndarray) -> np.ndarray:
        parts = []
        for array in (self.signature, self.masked):
            block = array[rows, : BANDS * ROWS].astype(np.uint64).reshape(len(rows), BANDS, ROWS)
            key = np.zeros((len(rows), BANDS), dtype=np.uint64)
            for r in range(ROWS):
                key = (key << np.uint64(32 // ROWS * 2)) ^ block[:, :, r] * np.uint64(
                    0x9E3779B1 + r
                )
            parts.append(key)
        return np.concatenate(parts, axis=1)

    def _new_edges(self, new: np.ndarray) -> pd.DataFrame:
        leaders = self.hash_leaders()
        is_new = np.zeros(len(self.rows), dtype=bool)
        is_new[new] = True
        leaders = leaders[self.signature[leaders, 0] != np.uint32(0xFFFFFFFF)]  # no words: no copy
        keys = self._band_keys(leaders)
        new_leaders = np.flatnonzero(is_new[leaders])
        if len(new_leaders) <= _SCAN_LIMIT:
            pairs = [np.zeros((0, 2), dtype=np.int64)]
            for i in new_leaders:
                hit = np.flatnonzero((keys == keys[i]).any(axis=1))
                hit = hit[hit != i]
                pairs.append(np.column_stack([np.full(len(hit), i), hit]))
            pairs = np.concatenate(pairs)
        else:
            pairs = _bucket_pairs(keys)
        if not len(pairs):
            return _empty_edges()
        a, b = leaders[pairs.min(axis=1)], leaders[pairs.max(axis=1)]
        keep = is_new[a] | is_new[b]
        code = np.unique(a[keep].astype(np.int64) * len(self.rows) + b[keep])
        return self._verified(code // len(self.rows), code % len(self.rows))

    def _verified(self, a: np.ndarray, b: np.ndarray) -> pd.DataFrame:
        n_a, n_b = self.rows["n_shingles"].to_numpy()[a], self.rows["n_shingles"].to_numpy()[b]
        j = verify.jaccard(self.signature[a], self.signature[b])
        contained = verify.containment(j, n_a, n_b)
        masked_contained = verify.containment(
            verify.jaccard(self.masked[a], self.masked[b]), n_a, n_b
        )
        overlap = np.ones(len(a))
        numbers = self.rows["numbers"].to_numpy()
        check = np.flatnonzero(
            (masked_contained >= verify.TEMPLATE_MASKED)
            & (contained < verify.TEMPLATE_MAX_CONTAINMENT)
        )
        for i in check:
            overlap[i] = verify.number_overlap(numbers[a[i]], numbers[b[i]])
        label = verify.classify_many(contained, masked_contained, overlap, j)
        keep = label != "other"
        ids = self.rows["article_id"].to_numpy().astype(str)
        first, second = ids[a][keep], ids[b][keep]
        swap = first > second
        first, second = np.where(swap, second, first), np.where(swap, first, second)
        return pd.DataFrame({"a": first, "b": second, "label": label[keep], "jaccard": j[keep],
                             "containment": contained[keep], "masked_containment": masked_contained[keep],
                             "number_overlap": overlap[keep]})  # fmt: skip


def _bucket_pairs(keys: np.ndarray) -> np.ndarray:
    """Candidate pairs (positions) sharing a band key: each to the previous and the first of its bucket."""
    found = []
    positions = np.arange(len(keys))
    for band in range(keys.shape[1]):
        order = np.lexsort((positions, keys[:, band]))
        sorted_keys = keys[order, band]
        same = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1]) + 1
        if not len(same):
            continue
        run_start = np.flatnonzero(np.concatenate([[True], sorted_keys[1:] != sorted_keys[:-1]]))
        head = run_start[np.searchsorted(run_start, same, side="right") - 1]
        found.append(np.column_stack([order[same - 1], order[same]]))
        found.append(np.column_stack([order[head], order[same]]))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    pairs = np.sort(pairs, axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    codes = np.unique(pairs[:, 0].astype(np.int64) * len(keys) + pairs[:, 1])
    return np.column_stack([codes // len(keys), codes % len(keys)])


def _object_array(values: list) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        out[i] = value
    return out


def _n_words(articles: pd.DataFrame) -> np.ndarray:
    if "n_words" in articles.columns:
        return (
            pd.to_numeric(articles["n_words"], errors="coerce").fillna(0).astype("int64").to_numpy()
        )
    return articles["text"].fillna("").astype(str).str.split().str.len().astype("int64").to_numpy()


def _empty_edges() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=float if column not in ("a", "b", "label") else str)
                         for column in EDGE_COLUMNS})  # fmt: skip


def _sorted_edges(edges: pd.DataFrame) -> pd.DataFrame:
    return edges.sort_values(["a", "b"], kind="stable").reset_index(drop=True)


def _settings() -> dict:
    return {"format": _FORMAT, "num_perm": signatures.NUM_PERM, "shingle_words": signatures.SHINGLE_WORDS,
            "bands": BANDS, "rows": ROWS, "rules": {name: getattr(verify, name) for name in (
                "SAME_CONTAINMENT", "SAME_JACCARD", "TEMPLATE_MASKED", "NUMBER_OVERLAP", "TEMPLATE_MAX_CONTAINMENT", "MIN_NUMBERS")}}  # fmt: skip
