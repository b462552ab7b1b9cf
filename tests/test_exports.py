"""Exports for other tools read back to the same numbers: GEXF/GraphML (networkx), the
document-feature matrix (scipy), Excel copies (UTF-8 with BOM)."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from utils import actors, comentions, paths, provenance
from utils import comentions as exports
from utils import frequencies as fq
from utils.engine import EngineOptions
from utils.text import token_table

ARTICLES = pd.DataFrame(
    {
        "article_id": ["a1", "a2", "a3"],
        "outlet": ["Tempo", "ANTARA", "Republika"],
        "date": pd.to_datetime(["2023-09-13", "2023-09-14", None]),
        "title": ["Putin dan Kim", "Korut", "Kosong"],
        "text": [
            "Presiden Rusia Vladimir Putin bertemu Kim Jong-un di Vostochny. "
            "Putin memuji Korea Utara. Amerika Serikat (AS) khawatir.",
            "Korea Utara dan Rusia meneken kerja sama. Kim Jong Un pulang ke Pyongyang.",
            "Harga cabai naik 2,5 persen.",
        ],
    }
)


@pytest.fixture(scope="module")
def pairs_and_actors():
    actor_list = actors.load_actors(paths.DATA_DIR / "actors.csv")
    mentions = actors.find_mentions(ARTICLES, actor_list, options=EngineOptions(progress=False, cache=False))
    pairs = comentions.co_mentions(mentions, scope="sentence", articles=ARTICLES, min_count=2)
    per_actor = actors.mentions_per_actor(mentions, n_articles=len(ARTICLES))
    return pairs, per_actor


def _same(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)


@pytest.mark.parametrize("reader,suffix", [(nx.read_gexf, "gexf"), (nx.read_graphml, "graphml")])
def test_network_reads_back_to_the_same_numbers(pairs_and_actors, tmp_path, reader, suffix):
    pairs, per_actor = pairs_and_actors
    assert len(pairs) >= 2, "the fixture must co-mention several pairs"
    graph = exports.co_mention_network(pairs, per_actor)
    written = exports.write_network(graph, tmp_path)
    back = reader(next(p for p in written if p.suffix == f".{suffix}"))
    assert sorted(back.nodes) == sorted(per_actor["actor"])
    for row in per_actor.itertuples():
        node = back.nodes[row.actor]
        assert (node["label"], node["type"], int(node["count"])) == (
            row.label,
            row.type,
            row.mentions,
        )
    assert back.number_of_edges() == len(pairs)
    for row in pairs.itertuples():
        edge = back.edges[row.actor_a, row.actor_b]
        assert int(edge["count"]) == row.co_mentions
        assert _same(edge["pmi"], row.pmi) and _same(edge["jaccard"], row.jaccard)
        assert edge["low_count"] in (row.low_count, str(row.low_count).lower())


def test_network_files_are_byte_identical_run_to_run(pairs_and_actors, tmp_path):
    pairs, per_actor = pairs_and_actors
    first = exports.write_network(exports.co_mention_network(pairs, per_actor), tmp_path / "1")
    second = exports.write_network(exports.co_mention_network(pairs, per_actor), tmp_path / "2")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert f'lastmodifieddate="{exports.FIXED_DATE}"' in first[0].read_text(encoding="utf-8")


def test_document_feature_matrix_reads_back_with_scipy(tmp_path):
    scipy_io = pytest.importorskip("scipy.io")
    tokens = token_table(ARTICLES, options=EngineOptions(progress=False))
    by_article = fq.term_frequencies(tokens, by="article")
    dfm = exports.document_feature_matrix(by_article, ARTICLES)
    matrix_path, docvars_path, features_path = exports.write_document_feature_matrix(dfm, tmp_path)
    matrix = scipy_io.mmread(matrix_path).tocsr()
    docvars = pd.read_csv(docvars_path)
    features = pd.read_csv(features_path, keep_default_na=False)["feature"].tolist()
    assert matrix.shape == (len(ARTICLES), len(features))
    assert docvars["doc_id"].tolist() == ["a1", "a2", "a3"]
    expected = {(r.article_id, r.term): r.count for r in by_article.itertuples()}
    found = {
        (docvars["doc_id"][i], features[j]): int(matrix[i, j])
        for i, j in zip(*matrix.nonzero(), strict=True)
    }
    assert found == expected
    assert matrix[2].sum() == by_article[by_article.article_id == "a3"]["count"].sum()
    assert "vladimir" in features and "cabai" in features


def test_excel_copies_have_a_bom_and_keep_the_indonesian_text(tmp_path):
    table = pd.DataFrame({"text": ["“Kerja sama” Rusia–Korut, 2,5 juta"], "n": [1]})
    [path] = exports.write_excel_copies({"kwic.csv": table}, tmp_path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(path, encoding="utf-8-sig").equals(table)


def test_exports_written_next_to_the_tables_by_a_notebook_run_are_readable(tmp_path):
    """The files notebook 04 writes are written with the provenance helpers (atomic)."""
    graph = nx.Graph()
    graph.add_node("indonesia", label="Indonesia", type="state", count=2, articles=1)
    written = exports.write_network(graph, tmp_path)
    assert all(p.exists() and provenance.file_sha256(p) for p in written)
