"""Atomic writes, corpus fingerprints and table metadata (``utils.provenance``)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from utils import paths, provenance


@pytest.fixture(scope="module")
def seed_articles():
    """A minimal article table built straight from the seed files (article_id, text, content_hash, date)."""
    files = sorted(paths.RAW_DIR.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    return pd.DataFrame(
        {
            "article_id": [f.stem for f in files],
            "text": texts,
            "content_hash": [provenance.sha256_bytes(t.encode()) for t in texts],
            "date": pd.to_datetime(
                ["2023-09-01", "2023-09-01", "2023-09-01", "2022-11-01", "2023-09-13"]
            ),
        }
    )


def test_fingerprint_ignores_row_order_but_not_content(seed_articles):
    fingerprint = provenance.corpus_fingerprint(seed_articles)
    assert fingerprint == provenance.corpus_fingerprint(
        seed_articles.iloc[::-1].reset_index(drop=True)
    )
    assert len(fingerprint) == 16
    assert fingerprint != provenance.corpus_fingerprint(seed_articles.iloc[:4])
    edited = seed_articles.copy()
    edited.loc[0, "content_hash"] = provenance.sha256_bytes(b"Kim Jong Un tiba di Vladivostok")
    assert fingerprint != provenance.corpus_fingerprint(edited)
    # without content_hash the fingerprint falls back on the text, and agrees with it
    assert fingerprint == provenance.corpus_fingerprint(seed_articles.drop(columns="content_hash"))
    with pytest.raises(ValueError, match="article_id"):
        provenance.corpus_fingerprint(seed_articles.drop(columns="article_id"))


def test_corpus_summary_reports_count_and_date_range(seed_articles):
    summary = provenance.corpus_summary(seed_articles)
    assert summary["n_articles"] == 5
    assert (summary["date_min"], summary["date_max"]) == ("2022-11-01", "2023-09-13")
    assert provenance.corpus_summary(None)["corpus_fingerprint"] is None


def test_write_table_parquet_round_trip_and_meta(tmp_path, seed_articles):
    mentions = pd.DataFrame(
        {
            "article_id": ["004_4b67c06523eba79c"] * 2,
            "actor": ["putin", "kim_jong_un"],
            "surface": ["Putin", "Kim Jong-un"],
        }
    )
    params = {"SCOPE": "sentence", "DATE_FROM": None, "OUTLETS": ["Tempo"]}
    path = provenance.write_table(
        mentions, tmp_path / "mentions.parquet", params=params, articles=seed_articles
    )
    assert path == tmp_path / "mentions.parquet"
    assert provenance.read_table(path).equals(mentions)
    meta = json.loads((tmp_path / "mentions.parquet.meta.json").read_text())
    assert meta["params"] == params
    assert meta["n_rows"] == 2 and meta["columns"] == ["article_id", "actor", "surface"]
    assert meta["corpus_fingerprint"] == provenance.corpus_fingerprint(seed_articles)
    assert meta["n_articles"] == 5 and meta["date_max"] == "2023-09-13"
    assert meta["sha256"] == provenance.file_sha256(path)
    assert meta["code_version"].startswith("utils-")
    assert meta["package_versions"]["pandas"] == pd.__version__
    assert provenance.read_meta(path) == meta


def test_write_table_csv_by_suffix_keeps_indonesian_text(tmp_path):
    terms = pd.DataFrame({"term": ["negara-negara", "amunisi"], "count": [3, 2]})
    path = provenance.write_table(terms, tmp_path / "terms.csv", params={})
    assert path.read_text(encoding="utf-8").splitlines() == [
        "term,count",
        "negara-negara,3",
        "amunisi,2",
    ]
    assert provenance.read_table(path).equals(terms)


def test_write_table_is_byte_deterministic(tmp_path, seed_articles):
    table = pd.DataFrame({"token": ["sekutu-sekutunya", "Korut", "2,5"], "n": [1, 4, 1]})
    first = provenance.write_table(
        table, tmp_path / "a" / "t.parquet", params={"STEM": False}, articles=seed_articles
    )
    second = provenance.write_table(
        table, tmp_path / "b" / "t.parquet", params={"STEM": False}, articles=seed_articles
    )
    assert first.read_bytes() == second.read_bytes()
    assert provenance.meta_path(first).read_bytes() == provenance.meta_path(second).read_bytes()


def test_write_table_rejects_unknown_suffix_and_non_frames(tmp_path):
    with pytest.raises(ValueError, match=".parquet or .csv"):
        provenance.write_table(pd.DataFrame(), tmp_path / "t.pkl", params={})
    with pytest.raises(TypeError, match="DataFrame"):
        provenance.write_table([1, 2], tmp_path / "t.parquet", params={})


def test_interrupted_table_write_keeps_previous_table(tmp_path, monkeypatch):
    path = tmp_path / "tokens.parquet"
    old = pd.DataFrame({"token": ["Rusia", "Korea", "Utara"]})
    provenance.write_table(old, path, params={})
    old_bytes, old_meta = path.read_bytes(), provenance.meta_path(path).read_bytes()

    def write_half_then_crash(self, target, *args, **kwargs):
        with open(target, "wb") as handle:
            handle.write(b"PAR1 half a file")
        raise KeyboardInterrupt("interrupted mid-write")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", write_half_then_crash)
    with pytest.raises(KeyboardInterrupt):
        provenance.write_table(pd.DataFrame({"token": ["baru"]}), path, params={})
    assert path.read_bytes() == old_bytes
    assert provenance.meta_path(path).read_bytes() == old_meta
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "tokens.parquet",
        "tokens.parquet.meta.json",
    ]


def test_failed_rename_leaves_old_file_and_no_temp_files(tmp_path, monkeypatch):
    target = provenance.atomic_write_text(tmp_path / "kwic.txt", "Putin menyambut Kim Jong-un\n")

    def refuse(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(provenance.os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        provenance.atomic_write_text(target, "terpotong")
    assert target.read_text() == "Putin menyambut Kim Jong-un\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kwic.txt"]


def test_read_table_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="run the notebook that writes it"):
        provenance.read_table(tmp_path / "articles.parquet")


def test_data_version_follows_the_actor_list_named_in_params(tmp_path):
    mine = tmp_path / "actors-mine.csv"
    mine.write_text("actor,alias\nputin,Vladimir Putin\n")
    with_mine = provenance.data_version({"ACTORS_FILE": str(mine)})
    assert with_mine != provenance.data_version({})
    mine.write_text("actor,alias\nputin,Vladimir Putin\nkim_jong_un,Kim Jong-un\n")
    assert provenance.data_version({"ACTORS_FILE": str(mine)}) != with_mine
    assert provenance.data_version({"SCOPE": "sentence"}) == provenance.data_version({})


def test_json_safe_and_notebook_params():
    from pathlib import Path

    value = {
        "DATE_FROM": pd.Timestamp("2023-09-01"),
        "CORPUS": Path("data/raw"),
        "OUTLETS": ("Tempo",),
    }
    assert provenance.json_safe(value) == {
        "CORPUS": "data/raw",
        "DATE_FROM": "2023-09-01T00:00:00",
        "OUTLETS": ["Tempo"],
    }
    namespace = {"SCOPE": "window", "WINDOW": 10, "DATE_TO": None, "pd": pd, "articles": object()}
    assert provenance.notebook_params(namespace) == {
        "DATE_TO": None,
        "SCOPE": "window",
        "WINDOW": 10,
    }
