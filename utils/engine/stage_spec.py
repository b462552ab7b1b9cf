"""What a per-article stage is: a function, its parameters and what its cache key depends on.

:func:`utils.engine.article_stages.map_article_stages` runs a list of them in one pass over the
articles; :mod:`utils.engine.stage_rows` decides which articles each of them still has to compute.

>>> stage = ArticleStage("words", len, {"stem": False})
>>> stage.name, stage.output, stage.becomes_article
('words', 'pandas', False)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class ArticleStage:
    """One cached per-article stage: ``func(article, **params)`` under the name ``name``.

    Args:
        name: the stage name, also the cache folder name (e.g. ``"mentions"``).
        func: a top-level per-article function returning a DataFrame or a dict of columns.
            Its result must depend only on the article's text and ``params``.
        params: keyword arguments for ``func``; all of them are part of the cache key
            (DataFrames and file paths by content).
        depends_on: further modules (or module names) whose source is part of the code version.
        output: ``"pandas"`` (a DataFrame) or ``"arrow"`` (a ``pyarrow.Table`` whose
            ``article_id`` is dictionary-encoded, cheaper for tens of millions of rows).
        passes_on: ``{article key: result column}``: the later stages of the same pass find
            this stage's column of the article under that key (computed now or read from the
            cache), e.g. ``{"_sentence_starts": "start"}``. Speed only: a later stage must give
            the same result without it.
        becomes_article: the stage turns each article into the one the later stages of the
            pass read (e.g. cleaning): it returns ONE row per article, with the new ``text``
            and its ``content_hash``, under which the later stages are cached. Only the first
            stage of a pass can; an article whose result is cached goes on with the cached text.
    """

    name: str
    func: Callable[..., Any]
    params: Mapping[str, Any] = field(default_factory=dict)
    depends_on: Sequence[ModuleType | str] = ()
    output: str = "pandas"
    passes_on: Mapping[str, str] = field(default_factory=dict)
    becomes_article: bool = False
