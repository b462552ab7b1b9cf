"""The benchmark's corpus helpers: the Arrow JSONL reader gives the same frame as reading line by
line, names a bad line, and replicas get their own ids, dates and content."""

import json

import pandas as pd
import pytest

from benchmarks import corpora


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_arrow_reader_matches_the_line_reader(tmp_path):
    rows = [
        {"id": "a", "outlet": "Tempo", "date": "2023-09-13", "url": "u", "category": "c",
         "text": "Kim Jong-un tiba.\n\nPutin menyambut."},
        {"id": "b", "outlet": "ANTARA", "date": "bukan tanggal", "url": "", "category": "c",
         "text": "Korut dan AS.", "extra": 1},
    ]  # fmt: skip
    file = _write(tmp_path / "c.jsonl", [json.dumps(r, ensure_ascii=False) for r in rows] + [""])
    fast, slow = corpora.load_jsonl(file), corpora._load_jsonl_by_line(file)
    pd.testing.assert_frame_equal(fast, slow)
    assert fast["id"].tolist() == ["a", "b"]
    assert pd.isna(fast["date"].iloc[1]) and fast["date"].iloc[0] == pd.Timestamp("2023-09-13")


def test_a_bad_line_is_named(tmp_path):
    file = _write(tmp_path / "bad.jsonl", ['{"id": "a", "text": "x"}', '{"id": rusak'])
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: not valid JSON"):
        corpora.load_jsonl(file)


def test_replicas_are_distinct_articles():
    base = pd.DataFrame({"id": ["a", "b"], "outlet": ["x", "y"],
                         "date": pd.to_datetime(["2017-03-28", "2017-03-29"]),
                         "url": ["", ""], "category": ["", ""], "text": ["Rusia.", "Korut."]})  # fmt: skip
    copies = corpora.replicate(base, 5)
    assert copies["id"].is_unique and copies["text"].is_unique
    assert copies["date"].iloc[2] == pd.Timestamp("2017-04-04")
