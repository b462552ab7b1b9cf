"""Layer 4, co-mentions: pairs of actors by sentence, paragraph, article or token window, integer
codes, timelines and evidence.
"""

from __future__ import annotations

from utils.comentions.article_terms import (
    MENTION_KEY,
    TermCounts,
    article_term_rows,
    articles_containing,
    count_article_terms,
    count_rows,
    merge_article_mentions,
    tokenised_as,
)
from utils.comentions.exports import (
    DOCVAR_COLUMNS,
    FIXED_DATE,
    UTF8_BOM,
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
    "DOCVAR_COLUMNS",
    "DocumentFeatureMatrix",
    "FIXED_DATE",
    "LOW_COUNT",
    "MENTION_KEY",
    "PAIR_COLUMNS",
    "PRECISION_RANK",
    "TOO_COARSE",
    "TermCounts",
    "UNDATED",
    "UTF8_BOM",
    "article_bins",
    "article_term_rows",
    "articles_containing",
    "co_mention_graph",
    "co_mention_matrix",
    "co_mention_network",
    "co_mention_timeline",
    "co_mentions",
    "count_article_terms",
    "count_rows",
    "document_feature_matrix",
    "evidence",
    "mention_timeline",
    "merge_article_mentions",
    "pair_occurrences",
    "tokenised_as",
    "top_actor_pairs",
    "top_co_mention_matrix",
    "write_document_feature_matrix",
    "write_excel_copies",
    "write_network",
]
