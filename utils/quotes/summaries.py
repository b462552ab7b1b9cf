"""Counts behind notebook 05: who gets a voice, in which outlets, about whom.

Every quotation is counted, attributed or not: :func:`speaker_status` sorts each one into
``listed actor`` (its speaker is an actor of the list), ``speaks for an actor`` (a spokesperson
or an unnamed source with a listed affiliation), ``named, not listed``, ``unnamed source`` and
``unattributed`` (no speaker found, or a pronoun with nothing to resolve to).

>>> quotes = pd.DataFrame({"article_id": ["a", "a", "b"], "speaker_actor": ["russia", None, None],
...     "speaks_for": [None, "russia", None], "speaker": ["Kremlin", "Dmitry Peskov", None],
...     "speaker_kind": ["organisation", "person", "unknown"], "resolved_by": ["named", "named", "unattributed"],
...     "kind": ["direct", "indirect", "direct"], "mentioned_actors": ["north_korea", "", "russia|united_states"]})
>>> speaker_status(quotes).tolist()
['listed actor', 'speaks for an actor', 'unattributed']
>>> voice_of(quotes).tolist()
['russia', 'russia', None]
"""

from __future__ import annotations

import pandas as pd

STATUSES = ("listed actor", "speaks for an actor", "named, not listed", "unnamed source",
            "unattributed")  # fmt: skip


def _present(series: pd.Series) -> pd.Series:
    return series.notna() & ~series.astype(str).isin(["", "None", "nan", "<NA>"])


def speaker_status(quotes: pd.DataFrame) -> pd.Series:
    """Each quotation's speaker status (see the module docstring), in :data:`STATUSES`."""
    status = pd.Series("unattributed", index=quotes.index, dtype=object)
    named = _present(quotes["speaker"])
    status[named] = "named, not listed"
    status[quotes["speaker_kind"].astype(str).eq("unnamed")] = "unnamed source"
    status[_present(quotes["speaks_for"])] = "speaks for an actor"
    status[_present(quotes["speaker_actor"])] = "listed actor"
    return status


def voice_of(quotes: pd.DataFrame) -> pd.Series:
    """The actor each quotation gives a voice to: the speaker's actor, else whom they speak for
    (a spokesperson's state, an unnamed official's country); ``None`` for the rest."""
    own = quotes["speaker_actor"].where(_present(quotes["speaker_actor"]))
    proxy = quotes["speaks_for"].where(_present(quotes["speaks_for"]))
    return own.fillna(proxy).astype(object).where(lambda s: s.notna(), None)


def voice_and_presence(quotes: pd.DataFrame, per_actor: pd.DataFrame) -> pd.DataFrame:
    """Per actor: mentions (``per_actor`` from :func:`utils.actors.mentions_per_actor`),
    quotations by the actor itself, quotations by someone speaking for it, and all quotations
    giving it a voice per 100 mentions. Actors quoted but never mentioned are kept.

    >>> per_actor = pd.DataFrame({"actor": ["russia"], "label": ["Russia"], "mentions": [10]})
    >>> quotes = pd.DataFrame({"speaker_actor": ["russia", None], "speaks_for": [None, "russia"]})
    >>> voice_and_presence(quotes, per_actor)[["actor", "mentions", "quotes", "quotes_for", "voice_per_100_mentions"]].values.tolist()
    [['russia', 10, 1, 1, 20.0]]
    """
    own = quotes.loc[_present(quotes["speaker_actor"]), "speaker_actor"].value_counts()
    proxy = quotes.loc[_present(quotes["speaks_for"]) & ~_present(quotes["speaker_actor"]), "speaks_for"].value_counts()
    table = per_actor[["actor", "label", "mentions"]].set_index("actor")
    extra = sorted((set(own.index) | set(proxy.index)) - set(table.index))
    if extra:
        table = pd.concat([table, pd.DataFrame({"label": extra, "mentions": 0}, index=extra)])
    table["quotes"] = own.reindex(table.index).fillna(0).astype(int)
    table["quotes_for"] = proxy.reindex(table.index).fillna(0).astype(int)
    voice = table["quotes"] + table["quotes_for"]
    table["voice_per_100_mentions"] = (100 * voice / table["mentions"].where(table["mentions"] > 0)).round(1)
    table = table.rename_axis("actor").reset_index()
    table["mentions"] = table["mentions"].astype(int)
    order = table.assign(_voice=voice.to_numpy()).sort_values(["_voice", "mentions", "actor"],
                                                              ascending=[False, False, True])  # fmt: skip
    return order.drop(columns="_voice").reset_index(drop=True)


def quotes_per_outlet(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: articles, quotations (direct, indirect), quotations per article and the count
    of each speaker status. Outlets with no quotation are kept (with zeros).

    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Tempo", "ANTARA"]})
    >>> quotes = pd.DataFrame({"article_id": ["a"], "kind": ["direct"], "speaker_actor": ["russia"],
    ...     "speaks_for": [None], "speaker": ["Putin"], "speaker_kind": ["person"]})
    >>> quotes_per_outlet(quotes, articles)[["outlet", "articles", "quotes", "listed actor"]].values.tolist()
    [['Tempo', 1, 1, 1], ['ANTARA', 1, 0, 0]]
    """
    outlets = articles[["article_id", "outlet"]].assign(outlet=lambda t: t["outlet"].fillna("(unknown)"))
    counted = quotes.assign(status=speaker_status(quotes)).merge(outlets, on="article_id", how="left")
    table = outlets.groupby("outlet").size().rename("articles").to_frame()
    table["quotes"] = counted.groupby("outlet").size()
    for kind in ("direct", "indirect"):
        table[kind] = counted[counted["kind"] == kind].groupby("outlet").size()
    for status in STATUSES:
        table[status] = counted[counted["status"] == status].groupby("outlet").size()
    table = table.fillna(0).astype(int)
    table["quotes_per_article"] = (table["quotes"] / table["articles"]).round(2)
    table = table.rename_axis("outlet").reset_index()
    return table.sort_values(["quotes", "outlet"], ascending=[False, True], ignore_index=True)


def speaker_mention_matrix(quotes: pd.DataFrame, *, speakers: list[str], mentioned: list[str]) -> pd.DataFrame:
    """Quotations by speaker actor (rows, :func:`voice_of`) that mention each actor (columns),
    for the given actor ids; zeros where none.

    >>> quotes = pd.DataFrame({"speaker_actor": ["russia", "russia"], "speaks_for": [None, None],
    ...                        "mentioned_actors": ["north_korea|united_states", "north_korea"]})
    >>> speaker_mention_matrix(quotes, speakers=["russia"], mentioned=["north_korea", "united_states"]).values.tolist()
    [[2, 1]]
    """
    pairs = quotes.assign(voice=voice_of(quotes), about=quotes["mentioned_actors"].fillna("").str.split("|"))
    pairs = pairs.explode("about")
    pairs = pairs[pairs["voice"].isin(speakers) & pairs["about"].isin(mentioned)]
    matrix = pd.crosstab(pairs["voice"], pairs["about"])
    return matrix.reindex(index=speakers, columns=mentioned, fill_value=0).fillna(0).astype(int)


def top_voices(quotes: pd.DataFrame, *, n: int) -> list[str]:
    """The ``n`` actors given a voice most often (:func:`voice_of`), most first, ties by id.

    >>> top_voices(pd.DataFrame({"speaker_actor": ["b", "a", "a"], "speaks_for": [None] * 3}), n=1)
    ['a']
    """
    counts = voice_of(quotes).dropna().value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [actor for actor, _ in ranked[:n]]


def quotes_of(quotes: pd.DataFrame, actor: str) -> pd.DataFrame:
    """The quotations that give ``actor`` a voice, as evidence: article, kind, speaker, role,
    the quotation and its snippet.

    >>> quotes = pd.DataFrame({"article_id": ["a"], "quote_no": [0], "kind": ["direct"], "speaker": ["Putin"],
    ...     "role": [None], "speaker_actor": ["vladimir_putin"], "speaks_for": [None], "resolved_by": ["named"],
    ...     "text": ["Kami siap."], "snippet": ["[Kami siap.] kata Putin"]})
    >>> quotes_of(quotes, "vladimir_putin")["text"].tolist()
    ['Kami siap.']
    """
    chosen = quotes[voice_of(quotes) == actor]
    columns = ["article_id", "quote_no", "kind", "speaker", "role", "speaker_actor", "speaks_for",
               "resolved_by", "text", "snippet"]  # fmt: skip
    return chosen[columns].reset_index(drop=True)
