"""Layer 4, co-mentions: pairs of actors by sentence, paragraph, article or token window, integer
codes, timelines and evidence.
"""

from __future__ import annotations

from utils.comentions.exports import (
    FIXED_DATE,
    DocumentFeatureMatrix,
    co_mention_network,
    document_feature_matrix,
    write_document_feature_matrix,
    write_excel_copies,
    write_network,
)
from utils.comentions.pairs import (
    LOW_COUNT,
    PAIR_COLUMNS,
    co_mention_graph,
    co_mention_matrix,
    co_mentions,
    evidence,
    pair_occurrences,
)
from utils.comentions.timelines import (
    PRECISION_RANK,
    TOO_COARSE,
    UNDATED,
    article_bins,
    co_mention_timeline,
    mention_timeline,
)
from utils.comentions.top_pairs import (
    top_actor_pairs,
    top_co_mention_matrix,
)

__all__ = [
    "FIXED_DATE",
    "DocumentFeatureMatrix",
    "co_mention_network",
    "document_feature_matrix",
    "write_document_feature_matrix",
    "write_excel_copies",
    "write_network",
    "LOW_COUNT",
    "PAIR_COLUMNS",
    "PRECISION_RANK",
    "TOO_COARSE",
    "UNDATED",
    "article_bins",
    "co_mention_graph",
    "co_mention_matrix",
    "co_mention_timeline",
    "co_mentions",
    "evidence",
    "mention_timeline",
    "pair_occurrences",
    "top_actor_pairs",
    "top_co_mention_matrix",
]
