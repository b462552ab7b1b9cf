"""Exports for the tools researchers already use: Gephi, R/quanteda, scikit-learn, Excel.

* :func:`co_mention_network` + :func:`write_network`: ``co_mentions.gexf`` (Gephi) and
  ``co_mentions.graphml`` (Gephi, Cytoscape, igraph, networkx). Nodes are actors with
  ``label``, ``type``, ``count`` (mentions) and ``articles``; edges carry ``count``
  (co-mentions), ``weight`` (the same, for Gephi), ``pmi``, ``npmi``, ``jaccard``,
  ``n_articles`` and ``low_count``.
* :func:`document_feature_matrix` + :func:`write_document_feature_matrix`: a
  document-feature matrix of term counts as Matrix Market (``dfm.mtx``, rows = articles,
  columns = terms) with ``dfm_docvars.csv`` (one row per article, in row order) and
  ``dfm_features.csv`` (one row per term, in column order). R reads it with
  ``Matrix::readMM``, Python with ``scipy.io.mmread``.
* :func:`write_excel_copies`: copies of CSV tables in UTF-8 with a byte-order mark, which Excel
  needs to show Indonesian text and curly quotes intact.

Every file is written atomically and byte-identically for identical inputs (GEXF's
``lastmodifieddate`` is fixed to :data:`FIXED_DATE`).

>>> import pandas as pd
>>> pairs = pd.DataFrame({"actor_a": ["north_korea"], "actor_b": ["russia"],
...     "label_a": ["Korea Utara"], "label_b": ["Rusia"], "co_mentions": [3], "count_a": [4],
...     "count_b": [6], "pmi": [1.0], "npmi": [0.5], "jaccard": [0.43], "n_articles": [2],
...     "low_count": [True]})
>>> per_actor = pd.DataFrame({"actor": ["russia", "north_korea"], "label": ["Rusia", "Korea Utara"],
...     "type": ["state", "state"], "mentions": [12, 9], "articles": [5, 4]})
>>> graph = co_mention_network(pairs, per_actor)
>>> graph.nodes["russia"], graph.edges["north_korea", "russia"]["count"]
({'label': 'Rusia', 'type': 'state', 'count': 12, 'articles': 5}, 3)
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from utils import provenance

#: The date written into GEXF files instead of today's, so exports are byte-identical run to run.
FIXED_DATE = "2000-01-01"
#: Byte-order mark that tells Excel a CSV file is UTF-8.
UTF8_BOM = "\ufeff"

__all__ = [
    "FIXED_DATE",
    "DocumentFeatureMatrix",
    "co_mention_network",
    "document_feature_matrix",
    "write_document_feature_matrix",
    "write_excel_copies",
    "write_network",
]


def co_mention_network(pairs: pd.DataFrame, per_actor: pd.DataFrame) -> nx.Graph:
    """Every mentioned actor as a node, every co-mentioned pair as an edge (all pairs, no top-N).

    ``pairs`` is a :func:`utils.comentions.co_mentions` table, ``per_actor`` a
    :func:`utils.actors.mentions_per_actor` table. Actors mentioned but never
    co-mentioned are kept as isolated nodes. Nodes and edges are added in sorted order.

    >>> pairs = pd.DataFrame(columns=["actor_a", "actor_b", "co_mentions", "pmi", "npmi",
    ...     "jaccard", "n_articles", "low_count"])
    >>> per_actor = pd.DataFrame({"actor": ["joko_widodo"], "label": ["Joko Widodo"],
    ...     "type": ["person"], "mentions": [2], "articles": [1]})
    >>> graph = co_mention_network(pairs, per_actor)
    >>> list(graph.nodes), graph.number_of_edges()
    (['joko_widodo'], 0)
    """
    graph = nx.Graph()
    for row in per_actor.sort_values("actor").itertuples(index=False):
        graph.add_node(
            str(row.actor),
            label=str(row.label),
            type=str(row.type),
            count=int(row.mentions),
            articles=int(row.articles),
        )
    for row in pairs.sort_values(["actor_a", "actor_b"]).itertuples(index=False):
        for actor in (row.actor_a, row.actor_b):
            if actor not in graph:
                raise ValueError(f"pair actor {actor!r} is missing from the per-actor table")
        graph.add_edge(
            str(row.actor_a),
            str(row.actor_b),
            count=int(row.co_mentions),
            weight=float(row.co_mentions),
            pmi=_finite(row.pmi),
            npmi=_finite(row.npmi),
            jaccard=_finite(row.jaccard),
            n_articles=int(row.n_articles),
            low_count=bool(row.low_count),
        )
    return graph


def _finite(value: float) -> float:
    """NaN/inf would not survive GraphML/GEXF readers everywhere; they become 0.0 (documented)."""
    value = float(value)
    return value if np.isfinite(value) else 0.0


def write_network(
    graph: nx.Graph, folder: str | os.PathLike[str], *, stem: str = "co_mentions"
) -> list[Path]:
    """Write ``<stem>.gexf`` and ``<stem>.graphml`` into ``folder``; return the paths.

    >>> import tempfile, pathlib
    >>> graph = nx.Graph()
    >>> graph.add_node("indonesia", label="Indonesia", type="state", count=3, articles=2)
    >>> [p.name for p in write_network(graph, pathlib.Path(tempfile.mkdtemp()))]
    ['co_mentions.gexf', 'co_mentions.graphml']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    gexf = "\n".join(nx.generate_gexf(graph, version="1.2draft")) + "\n"
    gexf = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{FIXED_DATE}"', gexf)
    graphml = "\n".join(nx.generate_graphml(graph)) + "\n"
    return [
        provenance.atomic_write_text(folder / f"{stem}.gexf", gexf),
        provenance.atomic_write_text(folder / f"{stem}.graphml", graphml),
    ]


@dataclass(frozen=True)
class DocumentFeatureMatrix:
    """Counts as sparse coordinates: row ``rows[i]``, column ``columns[i]`` holds ``counts[i]``."""

    rows: np.ndarray
    columns: np.ndarray
    counts: np.ndarray
    docvars: pd.DataFrame
    features: pd.DataFrame

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.docvars), len(self.features)


DOCVAR_COLUMNS = ("article_id", "outlet", "date", "title")


def document_feature_matrix(
    term_counts: pd.DataFrame, articles: pd.DataFrame
) -> DocumentFeatureMatrix:
    """One row per article (in the order of ``articles``), one column per term (sorted).

    ``term_counts`` is a :func:`utils.frequencies.term_frequencies` table ``by="article"``
    (article_id, term, count). Articles without any counted term keep an empty row.

    >>> counts = pd.DataFrame({"article_id": ["a1", "a1", "a2"],
    ...     "term": ["Korea Utara", "rudal", "rudal"], "count": [2, 1, 4]})
    >>> articles = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "outlet": ["Tempo"] * 3})
    >>> dfm = document_feature_matrix(counts, articles)
    >>> dfm.shape, dfm.features["feature"].tolist(), dfm.counts.tolist()
    ((3, 2), ['Korea Utara', 'rudal'], [2, 1, 4])
    """
    docvars = articles[[c for c in DOCVAR_COLUMNS if c in articles.columns]].copy()
    docvars["article_id"] = docvars["article_id"].astype(str)
    docvars = docvars.reset_index(drop=True)
    if docvars["article_id"].duplicated().any():
        raise ValueError("the article table has duplicate article_id values")
    features = sorted(term_counts["term"].astype(str).unique())
    rows = pd.Index(docvars["article_id"]).get_indexer(term_counts["article_id"].astype(str))
    if (rows < 0).any():
        missing = term_counts["article_id"][rows < 0].iloc[0]
        raise ValueError(f"term counts for article {missing!r}, which is not in the article table")
    columns = pd.Index(features).get_indexer(term_counts["term"].astype(str))
    order = np.lexsort((columns, rows))
    return DocumentFeatureMatrix(
        rows=rows[order].astype(np.int64),
        columns=columns[order].astype(np.int64),
        counts=term_counts["count"].to_numpy(dtype=np.int64)[order],
        docvars=docvars,
        features=pd.DataFrame({"feature": features}),
    )


def write_document_feature_matrix(
    dfm: DocumentFeatureMatrix,
    folder: str | os.PathLike[str],
    *,
    stem: str = "dfm",
    params: Mapping[str, Any] | None = None,
    articles: pd.DataFrame | None = None,
) -> list[Path]:
    """Write ``<stem>.mtx`` (Matrix Market, 1-based coordinates), ``<stem>_docvars.csv`` and
    ``<stem>_features.csv``; return the paths. The two CSV tables get a ``.meta.json``
    provenance record (``params``, the corpus of ``articles``) like every other table.

    >>> import tempfile, pathlib
    >>> counts = pd.DataFrame({"article_id": ["a1"], "term": ["rudal"], "count": [2]})
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> written = write_document_feature_matrix(
    ...     document_feature_matrix(counts, pd.DataFrame({"article_id": ["a1"]})), folder)
    >>> written[0].read_text(encoding="utf-8").splitlines()[-2:]
    ['1 1 1', '1 1 2']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    n_rows, n_columns = dfm.shape
    buffer = io.StringIO()
    buffer.write("%%MatrixMarket matrix coordinate integer general\n")
    buffer.write("% rows: articles (dfm_docvars.csv), columns: terms (dfm_features.csv)\n")
    buffer.write(f"{n_rows} {n_columns} {len(dfm.counts)}\n")
    for row, column, count in zip(dfm.rows, dfm.columns, dfm.counts, strict=True):
        buffer.write(f"{row + 1} {column + 1} {count}\n")
    docvars = dfm.docvars.rename(columns={"article_id": "doc_id"})
    return [
        provenance.atomic_write_text(folder / f"{stem}.mtx", buffer.getvalue()),
        provenance.write_table(
            docvars, folder / f"{stem}_docvars.csv", params=params, articles=articles
        ),
        provenance.write_table(
            dfm.features, folder / f"{stem}_features.csv", params=params, articles=articles
        ),
    ]


def write_excel_copies(
    tables: Mapping[str, pd.DataFrame], folder: str | os.PathLike[str]
) -> list[Path]:
    """Write each table as ``<folder>/<name>.csv`` in UTF-8 with a byte-order mark (for Excel).

    ``tables`` maps a name (``"co_mentions"``, or a file name whose suffix is dropped) to a table.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> quotes = pd.DataFrame({"text": ["“Kerja sama” Rusia–Korut"]})
    >>> [path] = write_excel_copies({"kwic.csv": quotes}, folder)
    >>> path.name, path.read_bytes()[:3]
    ('kwic.csv', b'\\xef\\xbb\\xbf')
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        stem = Path(name).stem if Path(name).suffix in {".csv", ".parquet"} else name
        keep_index = any(level is not None for level in table.index.names)
        text = UTF8_BOM + table.to_csv(index=keep_index, lineterminator="\r\n")
        written.append(provenance.atomic_write_text(folder / f"{stem}.csv", text))
    return written
