"""Layer 3, frequencies: term counts and rates, per-article counts, n-grams and collocations,
keyness, KWIC, actor names as terms.
"""

from __future__ import annotations

from utils.frequencies.actor_terms import (
    actor_names,
    merge_actor_mentions,
)
from utils.frequencies.article_counts import (
    KINDS,
    NGRAM_STOPWORDS,
    NUMBER_PATTERN,
    ArticleCounts,
    article_inputs,
    as_counts,
    count_articles,
    is_number,
    listed_terms,
    ngram_rows,
    pair_rows,
    term_strings,
    token_term_counts,
    word_flags,
)
from utils.frequencies.concordance import (
    kwic,
)
from utils.frequencies.counts import (
    document_frequency,
    term_frequencies,
    tf_idf,
    time_bins,
    top_terms,
)
from utils.frequencies.keyness import (
    KeynessGroups,
    keyness,
    keyness_groups,
    log_likelihood_g2,
    select_articles,
)
from utils.frequencies.ngrams import (
    COLLOCATION_COLUMNS,
    collocations,
    ngrams,
)

__all__ = [
    "ArticleCounts",
    "COLLOCATION_COLUMNS",
    "KINDS",
    "KeynessGroups",
    "NGRAM_STOPWORDS",
    "NUMBER_PATTERN",
    "actor_names",
    "article_inputs",
    "as_counts",
    "collocations",
    "count_articles",
    "document_frequency",
    "is_number",
    "keyness",
    "keyness_groups",
    "kwic",
    "listed_terms",
    "log_likelihood_g2",
    "merge_actor_mentions",
    "ngram_rows",
    "ngrams",
    "pair_rows",
    "select_articles",
    "term_frequencies",
    "term_strings",
    "tf_idf",
    "time_bins",
    "token_term_counts",
    "top_terms",
    "word_flags",
]
