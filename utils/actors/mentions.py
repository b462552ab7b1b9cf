"""The actor list (gazetteer) and finding actor mentions in cleaned article text.

``data/actors.csv`` holds one row per actor with its aliases; :func:`load_actors`
validates it and returns one row per alias. :func:`find_mentions` finds every
mention of those aliases in the cleaned ``text`` of an article table, with
character offsets, paragraph and sentence numbers (0-based) and a short KWIC
snippet as evidence.

Matching rules (documented in ``data/README.md``):

* one Aho-Corasick automaton over the lower-cased text, then word-boundary checks;
  the leftmost-longest match wins (``Dewan Keamanan PBB`` beats ``PBB``);
* a hyphen or the clitic ``nya`` may follow an alias (``AS-nya``, ``Rusia-Korut``);
* aliases written all in capitals (``AS``, ``PBB``, ``DK PBB``) match case-sensitively;
  other aliases must start with a capital letter in the text (``Cina``, not ``cina``);
* rows of type ``ignore`` list names that contain an alias but name something else
  (``Pusat Keamanan Amerika Baru``, ``Korea University``, ``Bank Indonesia``);
* a metonym (``Moskow``, ``Seoul``) does not count when used as a place
  (after ``di``, ``ke``, ``kota``) or inside a longer capitalised name;
* a short name (``Kim``, ``Nam``, ``Dewan Keamanan``) counts only for a person already
  named in full earlier in the same article; see :func:`article_mentions`.

>>> actors = load_actors()
>>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Presiden Rusia Vladimir Putin bertemu Kim Jong Un. Kim dan Putin sepakat."]})
>>> find_mentions(articles, actors, options=EngineOptions(progress=False))[["actor", "surface", "sentence_no", "resolved_by"]]
            actor          surface  sentence_no resolved_by
0          russia            Rusia            0       alias
1  vladimir_putin   Vladimir Putin            0       alias
2     kim_jong_un      Kim Jong Un            0       alias
3     kim_jong_un              Kim            1  short_name
4  vladimir_putin            Putin            1       alias
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from utils import paths
from utils.actors import context_words  # a module, so the cache key follows the word lists
from utils.actors.context_rules import (
    after_acronym,
    after_english_of,
    after_name_head,
    after_organisation_acronym,
    are_initials,
    ends_other_name,
    in_company_name,
    in_party_list,
    inside_other_name,
    is_capitalised,
    metonym_is_place,
    redefined_acronyms,
    word_after,
    word_before,
    word_before_may_name_other,
)
from utils.actors.gazetteer import (  # noqa: F401  (GazetteerEntry, load_actors: the doctests)
    Gazetteer,
    GazetteerEntry,
    as_gazetteer,
    load_actors,
)
from utils.actors.matching import alias_matches, mention_snippet, paragraph_and_sentence_starts
from utils.engine.article_stages import map_articles
from utils.engine.options import DEFAULT_OPTIONS, EngineOptions

MENTION_COLUMNS = [
    "article_id",
    "paragraph_no",
    "sentence_no",
    "actor",
    "label",
    "type",
    "surface",
    "start",
    "end",
    "snippet",
    "resolved_by",
    "is_metonym",
]


def _resolve_short_name(
    candidates: list[str],
    *,
    sentence: int,
    mentions_so_far: Mapping[str, int],
    last_full: Mapping[str, int],
) -> tuple[str | None, str]:
    """Pick the person a short name refers to, or None with the reason."""
    named = [actor for actor in candidates if actor in last_full]
    if not named:
        return None, "unresolved"
    if len(named) == 1:
        return named[0], "short_name"
    ranked = sorted(named, key=lambda actor: (-mentions_so_far.get(actor, 0), actor))
    leader, runner_up = ranked[0], ranked[1]
    clear_lead = mentions_so_far.get(leader, 0) >= 2 * mentions_so_far.get(runner_up, 0)
    rival_just_named = any(sentence - last_full[actor] <= 1 for actor in ranked[1:])
    if clear_lead and not rival_just_named:
        return leader, "short_name_salience"
    return None, "ambiguous"


def article_mentions(
    article: Mapping[str, Any], *, gazetteer: Gazetteer, include_unresolved: bool = True
) -> pd.DataFrame:
    """All actor mentions in one article (a mapping with ``article_id`` and ``text``).

    A top-level pure function, so :func:`utils.engine.article_stages.map_articles` can cache and
    parallelise it. A short name (``Kim``) resolves to the person named in full
    earlier in the article; when several people sharing it were named before, to
    the one with at least twice as many earlier mentions, unless another of them
    was named in full in the same or the previous sentence. Otherwise the row is
    kept with ``actor`` missing and ``resolved_by`` = ``ambiguous`` / ``unresolved``
    (drop them with ``include_unresolved=False``).

    >>> gazetteer = as_gazetteer(load_actors())
    >>> text = "Kim Jong Un bertemu Putin. Kim Taewoo mengatakan Kim tidak puas."
    >>> article_mentions({"article_id": "x", "text": text}, gazetteer=gazetteer)[["surface", "actor", "resolved_by"]]
           surface          actor resolved_by
    0  Kim Jong Un    kim_jong_un       alias
    1        Putin vladimir_putin       alias
    2   Kim Taewoo     kim_taewoo       alias
    3          Kim            NaN   ambiguous
    """
    columns = article_mention_columns(
        article, gazetteer=gazetteer, include_unresolved=include_unresolved
    )
    n_rows = len(columns["start"])
    return mention_table({"article_id": [article.get("article_id")] * n_rows, **columns})


def article_mention_columns(
    article: Mapping[str, Any], *, gazetteer: Gazetteer, include_unresolved: bool = True
) -> dict[str, list]:
    """The mentions of one article as columns without ``article_id``, for ``utils.engine.article_stages``.

    The result depends only on the text and the gazetteer, so ``map_articles`` can cache it
    by content hash and add ``article_id`` itself:
    ``map_articles(articles, article_mention_columns, stage="mentions", params={"gazetteer": g})``.

    >>> columns = article_mention_columns({"text": "Rusia dan Korut."}, gazetteer=as_gazetteer(load_actors()))
    >>> columns["actor"], columns["start"]
    (['russia', 'north_korea'], [0, 10])
    """
    rows = _article_rows(article, gazetteer=gazetteer, include_unresolved=include_unresolved)
    if not rows:
        return {column: [] for column in _ROW_COLUMNS}
    return dict(zip(_ROW_COLUMNS, map(list, zip(*rows, strict=True)), strict=True))


#: The order of the values in a row of :func:`_article_rows`: the mention columns without
#: ``article_id``.
_ROW_COLUMNS = tuple(MENTION_COLUMNS[1:])


def _article_rows(
    article: Mapping[str, Any], *, gazetteer: Gazetteer, include_unresolved: bool = True
) -> list[tuple]:
    """The mention rows of one article as tuples in the order of :data:`_ROW_COLUMNS`.

    >>> _article_rows({"text": "Rusia diam."}, gazetteer=as_gazetteer(load_actors()))
    [(0, 0, 'russia', 'Russia', 'state', 'Rusia', 0, 5, '[Rusia] diam.', 'alias', False)]
    """
    text = article.get("text")
    text = text if isinstance(text, str) else ""
    matches = alias_matches(text, gazetteer) if text else []
    if not matches:
        return []
    paragraph_starts, sentence_starts = paragraph_and_sentence_starts(
        text, upto=matches[-1][1], sentence_starts=article.get("_sentence_starts")
    )

    def row(
        start: int,
        end: int,
        sentence: int,
        actor: str | None,
        label: str | None,
        actor_type: str | None,
        resolved_by: str,
        is_metonym: bool,
    ) -> tuple:
        """A row in the order of :data:`_ROW_COLUMNS`, adding the paragraph, surface, snippet."""
        paragraph = bisect.bisect_right(paragraph_starts, start) - 1
        surface, snippet = text[start:end], mention_snippet(text, start, end)
        return (
            paragraph,
            sentence,
            actor,
            label,
            actor_type,
            surface,
            start,
            end,
            snippet,
            resolved_by,
            is_metonym,
        )

    redefined = redefined_acronyms(text, matches, gazetteer)
    match_index = {
        start: (end, entries[0].actor_id, entries[0].kind)
        for start, end, entries in matches
        if entries[0].kind != "ignore"
    }
    rows: list[tuple] = []
    mentions_so_far: dict[str, int] = {}
    last_full: dict[str, int] = {}
    named_in_full: set[str] = set()  # actors named by a multi-word alias so far
    other_people: set[str] = set()  # one-word aliases seen as part of someone else's name
    other_names: set[tuple[str, str]] = set()  # (word before, alias) found to name something else
    for start, end, entries in matches:
        if _is_ignored(entries) or (redefined and text[start:end] in redefined):
            continue
        sentence = bisect.bisect_right(sentence_starts, start) - 1
        entry = entries[0]
        kind = entry.kind
        actor: str | None = entry.actor_id
        label, actor_type = entry.label, entry.type
        resolved_by = kind
        if kind == "metonym":
            if (
                metonym_is_place(text, start, end, matches=match_index)
                or inside_other_name(text, start, end)
                or after_acronym(text, start)
            ):
                continue
        elif kind == "alias" and actor_type == "person" and " " not in entry.alias:
            if inside_other_name(text, start, end) and not (
                _after_actor(text, start, match_index) and not is_capitalised(word_after(text, end))
            ):
                # a one-word alias inside another person's name: Raden Prabowo Argo Yuwono,
                # Aurelio Sergio Guterres; the bare name later in the article is that person
                other_people.add(entry.alias)
                continue
            if entry.alias in other_people and actor not in named_in_full:
                if include_unresolved:
                    rows.append(
                        row(start, end, sentence, None, None, actor_type, "other_person", False)
                    )
                continue
        elif kind == "alias":
            if _alias_names_something_else(text, start, end, entry, other_names=other_names):
                continue
        elif kind == "short_name":
            if inside_other_name(text, start, end):
                continue
            candidates = sorted({candidate.actor_id for candidate in entries})
            actor, resolved_by = _resolve_short_name(
                candidates, sentence=sentence, mentions_so_far=mentions_so_far, last_full=last_full
            )
            if actor is None:
                if not include_unresolved:
                    continue
                label = None
                actor_type = (
                    entries[0].type if len({candidate.type for candidate in entries}) == 1 else None
                )
            else:
                chosen = next(candidate for candidate in entries if candidate.actor_id == actor)
                label, actor_type = chosen[2], chosen[3]
        if actor is not None:
            mentions_so_far[actor] = mentions_so_far.get(actor, 0) + 1
            if kind == "alias":
                last_full[actor] = sentence
                if " " in entry.alias:
                    named_in_full.add(actor)
        rows.append(
            row(start, end, sentence, actor, label, actor_type, resolved_by, kind == "metonym")
        )
    return rows


def _is_ignored(entries: Sequence[tuple]) -> bool:
    """Whether a match is a name listed as ``ignore`` (it names something else).

    >>> _is_ignored([GazetteerEntry("Bank Indonesia", "", "", "", "ignore", False)])
    True
    """
    return entries[0].kind == "ignore" or (
        len(entries) > 1 and any(entry.kind == "ignore" for entry in entries)
    )


def _after_actor(text: str, start: int, match_index: Mapping[int, tuple]) -> bool:
    """Whether the word before ``start`` is an acronym or part of an alias match
    (``match_index``: start -> (end, ...)): Presiden RI Jokowi, Presiden Rusia Putin."""
    before, before_start = word_before(text, start)
    return before.isupper() or any(s <= before_start < e for s, (e, *_) in match_index.items())


def _alias_names_something_else(
    text: str, start: int, end: int, entry: tuple, *, other_names: set[tuple[str, str]]
) -> bool:
    """Whether an alias match (``entry`` its gazetteer row; not a one-word person's name) is part
    of the name of something else, by the rules of :mod:`utils.actors.context_rules`: ``PBB`` among
    parties, initials (``Bripka AS``), a currency (``dolar AS``), an institution
    (``Universitas Indonesia``), a company (``PT Bank X Indonesia``), an English name
    (``Indonesia Fashion Week``) or an organisation ending in a state alias. ``other_names``
    holds the (word before, alias) pairs found to name something else earlier in the article:
    a company named with PT keeps its name later (``PT Pupuk Indonesia``, then ``Pupuk
    Indonesia``); this adds to it.

    >>> names = set()
    >>> _alias_names_something_else("PT Pupuk Indonesia", 9, 18, GazetteerEntry("Indonesia", "indonesia", "Indonesia", "state", "alias", False), other_names=names), names
    (True, {('Pupuk', 'Indonesia')})
    """
    before = word_before(text, start)  # found once, passed to the rules that read it
    word, actor_type = before[0], entry.type
    if entry.case_sensitive and (
        in_party_list(text, start, end) or are_initials(text, start, end, before=before)
    ):
        return True  # PBB among parties is Partai Bulan Bintang; Bripka AS (33) a person
    tail_words = (
        context_words.STATE_NAME_TAIL_WORDS
        if actor_type == "state"
        else context_words.NAME_TAIL_WORDS
    )
    if word_after(text, end).lower() in tail_words or (
        word_before_may_name_other(word)
        and (
            (word, text[start:end]) in other_names
            or after_name_head(text, start, before=before)
            or word.lower() in context_words.CURRENCY_WORDS
            or in_company_name(text, start, before=before)
            or after_english_of(text, start, before=before)
            or (
                actor_type == "state"
                and (
                    ends_other_name(text, start, before=before)
                    or after_organisation_acronym(text, start, before=before)
                )
            )
        )
    ):
        if is_capitalised(word) and in_company_name(text, start, before=before):
            other_names.add((word, text[start:end]))
        return True
    return False


#: The dtype of each column of a mention table.
MENTION_DTYPES = {
    "article_id": "str",
    "paragraph_no": "int64",
    "sentence_no": "int64",
    "actor": "str",
    "label": "str",
    "type": "str",
    "surface": "str",
    "start": "int64",
    "end": "int64",
    "snippet": "str",
    "resolved_by": "str",
    "is_metonym": "bool",
}


def mention_table(columns: Mapping[str, Sequence[Any]]) -> pd.DataFrame:
    """The mention table (:data:`MENTION_COLUMNS`, typed) from mention columns with ``article_id``.

    >>> mention_table({column: [] for column in MENTION_COLUMNS}).dtypes["start"]
    dtype('int64')
    """
    return pd.DataFrame({column: columns[column] for column in MENTION_COLUMNS}).astype(
        MENTION_DTYPES
    )


def find_mentions(
    articles: pd.DataFrame,
    actors: pd.DataFrame | Gazetteer | str | os.PathLike[str],
    *,
    metonyms: bool = True,
    include_unresolved: bool = True,
    options: EngineOptions = DEFAULT_OPTIONS,
) -> pd.DataFrame:
    """Find every actor mention in ``articles`` (any table with ``article_id`` and ``text``).

    Returns one row per mention, sorted by article and offset, with the columns in
    :data:`MENTION_COLUMNS`. ``actors`` is the table from :func:`load_actors`, a path,
    or a :class:`Gazetteer`. ``metonyms=False`` ignores capital-city stand-ins.

    The per-article work (:func:`article_mention_columns`) runs through
    :func:`utils.engine.article_stages.map_articles` with ``options`` (the cache, the engine, the
    progress bar: :class:`utils.engine.EngineOptions`): cached per article, keyed on the text's hash, the actor list's content, ``metonyms`` and
    ``include_unresolved``, the abbreviation list and the source of ``utils.actors.mentions`` and the
    modules it imports (``utils.actors.gazetteer``, ``utils.actors.matching``, ``utils.actors.context_rules``,
    ``utils.actors.context_words``) plus ``utils.text.tokeniser``; so a re-run computes only new or changed
    articles, and an edited actor list recomputes them all.

    >>> text = "Kim Jong Un tiba. AS dan sekutu-sekutunya menilai pertemuan Kim-Putin."
    >>> articles = pd.DataFrame({"article_id": ["001"], "text": [text]})
    >>> quiet = EngineOptions(cache=False, progress=False)
    >>> find_mentions(articles, load_actors(), options=quiet)["actor"].tolist()
    ['kim_jong_un', 'united_states', 'kim_jong_un', 'vladimir_putin']
    """
    gazetteer = as_gazetteer(actors, metonyms=metonyms)
    if not metonyms:
        gazetteer = Gazetteer([entry for entry in gazetteer.entries if entry.kind != "metonym"])
    texts = [body if isinstance(body, str) else "" for body in articles["text"]]
    rows = map_articles(
        pd.DataFrame({"article_id": articles["article_id"].to_numpy(), "text": texts}),
        _cached_mention_columns,
        stage="mentions",
        params={
            "gazetteer": gazetteer,
            "include_unresolved": include_unresolved,
            "data_files": {"abbreviations": paths.ABBREVIATIONS_FILE},
        },
        options=options,
        depends_on=["utils.actors.mentions", "utils.text.tokeniser"],
    )
    if len(rows):
        mentions = rows[MENTION_COLUMNS].astype(MENTION_DTYPES)
    else:
        mentions = mention_table({column: [] for column in MENTION_COLUMNS})
    return mentions.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def _cached_mention_columns(
    article: Mapping[str, Any], *, data_files: Mapping[str, Any], **options: Any
) -> dict[str, list]:
    """:func:`article_mention_columns` for ``map_articles``; ``data_files`` only keys the cache."""
    return article_mention_columns(article, **options)
