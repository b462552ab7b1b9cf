"""The engine below every layer: per-article stages run once per article, cached by content,
on one process, both cores or a Dask cluster.
"""

from __future__ import annotations

from utils.engine.article_stages import (
    COMPACT_AFTER_SHARDS,
    SERIAL_MAX_ARTICLES,
    SERIAL_MAX_CHARS,
    map_article_stages,
    map_articles,
    run_stages_chunk,
    stage_key,
)
from utils.engine.cache import (
    CACHE_FORMAT,
    ShardStore,
    concat_tables,
    content_hashes,
    file_digest,
    fingerprint,
    module_version,
    run_indices,
)
from utils.engine.executors import (
    ChunkRows,
    article_dicts,
    chunk_edges,
    compute,
    count_whitespace_words,
    process_tree_cpu,
    run_chunk,
    tapered_chunk_edges,
    text_lengths,
)
from utils.engine.options import (
    DEFAULT_OPTIONS,
    ENGINES,
    EngineOptions,
)
from utils.engine.stage_spec import (
    ArticleStage,
)

__all__ = [
    "ArticleStage",
    "CACHE_FORMAT",
    "COMPACT_AFTER_SHARDS",
    "ChunkRows",
    "DEFAULT_OPTIONS",
    "ENGINES",
    "EngineOptions",
    "SERIAL_MAX_ARTICLES",
    "SERIAL_MAX_CHARS",
    "ShardStore",
    "article_dicts",
    "chunk_edges",
    "compute",
    "concat_tables",
    "content_hashes",
    "count_whitespace_words",
    "file_digest",
    "fingerprint",
    "map_article_stages",
    "map_articles",
    "module_version",
    "process_tree_cpu",
    "run_chunk",
    "run_indices",
    "run_stages_chunk",
    "stage_key",
    "tapered_chunk_edges",
    "text_lengths",
]
