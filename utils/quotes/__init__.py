"""Who speaks: quotations in Indonesian news, their speakers, and the actors they stand for.

Modules: :mod:`~utils.quotes.cues` (word lists), :mod:`~utils.quotes.marks` (text in quotation
marks), :mod:`~utils.quotes.direct` and :mod:`~utils.quotes.indirect` (finding quotations),
:mod:`~utils.quotes.speakers` (who a speaker phrase names), :mod:`~utils.quotes.table` (the
per-article stage and :func:`find_quotes`), :mod:`~utils.quotes.scores` (scoring against hand
annotation) and :mod:`~utils.quotes.summaries` (counts for notebook 05).

>>> from utils import actors
>>> from utils.engine import EngineOptions
>>> import pandas as pd
>>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Menurut Shoigu, latihan gabungan sedang direncanakan."]})
>>> find_quotes(articles, actors.load_actors(), options=EngineOptions(cache=False, progress=False))[["kind", "speaker_actor"]]
       kind  speaker_actor
0  indirect  sergei_shoigu
"""

from utils.quotes.table import QUOTE_COLUMNS, article_quote_columns, empty_quotes, find_quotes

__all__ = ["QUOTE_COLUMNS", "article_quote_columns", "empty_quotes", "find_quotes"]
