"""Layer 2, text: sentences, tokens, the token table, stopwords and optional stemming.
"""

from __future__ import annotations

from utils.text.sentences import (
    load_abbreviations,
    paragraph_spans,
    sentence_spans,
    split_sentences,
)
from utils.text.stemming import (
    KNOWN_OVERSTEMMING,
    load_stem_table,
    remember_stems,
    remember_stems_on_disk,
    save_stem_table,
    stem,
    stem_comparison,
    stem_table_file,
    stem_tokens,
    stem_word,
)
from utils.text.stopwords import (
    is_protected,
    load_stopwords,
    protected_words,
    read_word_list,
    remove_stopwords,
    stopword_flags,
)
from utils.text.term_counts import (
    article_term_counts,
)
from utils.text.token_shapes import (
    TOKEN_SHAPES,
    token_shape_examples,
)
from utils.text.token_tables import (
    TOKEN_COLUMNS,
    article_tokens,
    compact_token_table,
    normalise,
    sentence_table,
    token_rows,
    token_table,
)
from utils.text.tokeniser import (
    CLITIC_EXCEPTIONS,
    token_columns,
    token_pattern_for,
    tokenise,
    tokenise_with_offsets,
)

__all__ = [
    "CLITIC_EXCEPTIONS",
    "KNOWN_OVERSTEMMING",
    "TOKEN_COLUMNS",
    "TOKEN_SHAPES",
    "article_term_counts",
    "article_tokens",
    "compact_token_table",
    "is_protected",
    "load_abbreviations",
    "load_stem_table",
    "load_stopwords",
    "normalise",
    "paragraph_spans",
    "protected_words",
    "read_word_list",
    "remember_stems",
    "remember_stems_on_disk",
    "remove_stopwords",
    "save_stem_table",
    "sentence_spans",
    "sentence_table",
    "split_sentences",
    "stem",
    "stem_comparison",
    "stem_table_file",
    "stem_tokens",
    "stem_word",
    "stopword_flags",
    "token_columns",
    "token_pattern_for",
    "token_rows",
    "token_shape_examples",
    "token_table",
    "tokenise",
    "tokenise_with_offsets",
]
