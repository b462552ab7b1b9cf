"""The quotations of one article as table rows (the cached per-article stage), and of a corpus.

:func:`article_quote_columns` finds the direct (:mod:`utils.quotes.direct`) and indirect
(:mod:`utils.quotes.indirect`) quotations of one cleaned article, reads each speaker phrase
(:mod:`utils.quotes.speakers`) and resolves the rest in text order:

* ``-nya`` / ``ia`` / ``dia`` and descriptors (``tulisan itu``) go to the nearest earlier named
  speaker or listed person outside any quotation (``resolved_by`` = ``pronoun`` /
  ``descriptor``; ``unresolved`` when there is none);
* a quotation without attribution that opens a paragraph continues the previous quotation's
  speaker when that one is at most :data:`CONTINUATION_PARAGRAPHS` paragraphs back
  (``continuation``); otherwise it is ``unattributed``, kept and counted.

:func:`find_quotes` runs it on every article, cached per article like the mentions.

>>> from utils import actors
>>> gazetteer = actors.as_gazetteer(actors.load_actors())
>>> text = 'Putin tiba. "Kami siap berunding," kata juru bicara Kremlin Dmitry Peskov.\\n\\n"Itu penting," ujarnya.'
>>> rows = article_quote_columns({"text": text}, gazetteer=gazetteer)
>>> rows["speaker"], rows["speaks_for"], rows["resolved_by"]
(['Dmitry Peskov', 'Dmitry Peskov'], ['russia', 'russia'], ['named', 'pronoun'])
"""

from __future__ import annotations

import bisect
import functools
import os
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from utils import actors as actors_module
from utils.engine import DEFAULT_OPTIONS, EngineOptions, map_articles
from utils.quotes.direct import Candidate, direct_quotes
from utils.quotes.indirect import indirect_quotes
from utils.quotes.speakers import (
    Speaker,
    gazetteer_aliases,
    load_institutions,
    person_names,
    read_speaker,
    speaks_for_actor,
)

CONTINUATION_PARAGRAPHS = 2
SNIPPET_CHARS = 60
QUOTE_CHARS = 300
MENTION_KEYS = {"_mention_start": "start", "_mention_end": "end", "_mention_actor": "actor",
                "_mention_type": "type"}  # fmt: skip
QUOTE_COLUMNS = [
    "article_id", "quote_no", "kind", "text", "start", "end", "cue", "cue_start", "cue_end",
    "speaker_surface", "speaker_start", "speaker_end", "speaker", "speaker_kind", "speaker_actor",
    "role", "speaks_for", "resolved_by", "mentioned_actors", "paragraph_no", "snippet",
]  # fmt: skip
_ROW_COLUMNS = QUOTE_COLUMNS[1:]
_INTEGER_COLUMNS = ("cue_start", "cue_end", "speaker_start", "speaker_end")


def _article_mentions(article: Mapping[str, Any], gazetteer) -> list[tuple[int, int, str, str]]:
    """``(start, end, actor, type)`` of the resolved mentions (passed on by the mention stage, or
    found here)."""
    if article.get("_mention_start") is not None:
        columns = [article[key] for key in MENTION_KEYS]
    else:
        found = actors_module.article_mention_columns(article, gazetteer=gazetteer)
        columns = [found[column] for column in MENTION_KEYS.values()]
    return [m for m in zip(*columns, strict=True) if m[2] is not None and isinstance(m[2], str)]


def _snippet(text: str, start: int, end: int) -> str:
    quoted = text[start:end]
    if len(quoted) > QUOTE_CHARS:
        quoted = quoted[: QUOTE_CHARS - 1] + "…"
    left = text[max(0, start - SNIPPET_CHARS) : start]
    right = text[end : end + SNIPPET_CHARS]
    return " ".join(f"{'…' if start > SNIPPET_CHARS else ''}{left}[{quoted}]{right}"
                    f"{'…' if end + SNIPPET_CHARS < len(text) else ''}".split())  # fmt: skip


class _Antecedents:
    """Named speakers and listed people outside quotations, by position, for pronouns."""

    def __init__(self, people: Sequence[tuple[int, Speaker]]):
        self.items = sorted(people, key=lambda item: item[0])
        self.positions = [position for position, _ in self.items]

    def add(self, position: int, speaker: Speaker) -> None:
        index = bisect.bisect_right(self.positions, position)
        self.positions.insert(index, position)
        self.items.insert(index, (position, speaker))

    def before(self, position: int) -> Speaker | None:
        index = bisect.bisect_left(self.positions, position) - 1
        return self.items[index][1] if index >= 0 else None


def _follows(text: str, previous: Candidate, candidate: Candidate) -> bool:
    """Whether only marks, punctuation and spaces stand between the end of the previous
    quotation's attribution and ``candidate`` (``“…,” katanya. “…”``)."""
    after = max(previous.end, previous.cue_end, previous.speaker_end)
    return after <= candidate.start and not text[after : candidate.start].strip(" \t\"“”‘’.,;:")


def _speaker_rows(text, candidates, mentions, institutions, aliases, person_map, named) -> list[Speaker]:
    contents = [(c.start, c.end) for c in candidates]
    starts = [s for s, _ in contents]

    def in_quote(position: int) -> bool:
        index = bisect.bisect_right(starts, position) - 1
        return index >= 0 and position < contents[index][1]

    people = [(m[0], Speaker(m[0], m[1], text[m[0]:m[1]], text[m[0]:m[1]], "person", m[2], None,
                             None, "named")) for m in mentions if m[3] == "person" and not in_quote(m[0])]  # fmt: skip
    antecedents = _Antecedents(people)
    speakers: list[Speaker] = []
    previous: tuple[Candidate, Speaker] | None = None
    for candidate in candidates:
        if candidate.cue is None:
            speaker = Speaker(candidate.start, candidate.start, "", None, "unknown", None, None,
                              None, "unattributed")  # fmt: skip
            if previous is not None and previous[1].name is not None and (
                candidate.starts_paragraph or _follows(text, previous[0], candidate)
            ):
                breaks = text.count("\n\n", previous[0].end, candidate.start)
                if breaks <= CONTINUATION_PARAGRAPHS:
                    speaker = previous[1]._replace(start=speaker.start, end=speaker.end,
                                      surface="", resolved_by="continuation")  # fmt: skip
        elif candidate.pronoun_cue:
            speaker = Speaker(candidate.speaker_start, candidate.speaker_end,
                              text[candidate.speaker_start:candidate.speaker_end], None, "pronoun",
                              None, None, None, "pronoun")  # fmt: skip
        else:
            speaker = read_speaker(text, candidate.speaker_start, candidate.speaker_end,
                                   mentions=mentions, institutions=institutions,
                                   aliases=aliases, people=person_map, named=named)  # fmt: skip
        if speaker.kind in ("pronoun", "descriptor"):
            found = antecedents.before(min(candidate.start, candidate.cue_start))
            if found is None:
                speaker = speaker._replace(resolved_by="unresolved")
            else:
                speaker = speaker._replace(name=found.name, kind=found.kind, actor=found.actor,
                                  role=found.role, affiliation=found.affiliation)  # fmt: skip
        if speaker.name is not None:
            antecedents.add(max(candidate.start, candidate.speaker_start), speaker)
        speakers.append(speaker)
        previous = (candidate, speaker)
    return speakers


_NAMES: dict[int, tuple[list, dict[str, str], dict[str, str]]] = {}


def _gazetteer_names(gazetteer: actors_module.Gazetteer) -> tuple[dict[str, str], dict[str, str]]:
    """The state/organisation aliases and the person names of a gazetteer, built once per
    gazetteer object (not per article)."""
    cached = _NAMES.get(id(gazetteer))
    if cached is None or cached[0] is not gazetteer.entries:
        every_person = {e[1] for e in gazetteer.entries if e[3] == "person"}
        cached = (gazetteer.entries, gazetteer_aliases(gazetteer.entries),
                  person_names(gazetteer.entries, every_person))  # fmt: skip
        _NAMES.clear()
        _NAMES[id(gazetteer)] = cached
    return cached[1], cached[2]


@functools.lru_cache(maxsize=1)
def _default_institutions() -> dict[str, str]:
    return load_institutions()


def article_quote_columns(
    article: Mapping[str, Any], *, gazetteer: actors_module.Gazetteer,
    institutions: Mapping[str, str] | None = None,
) -> dict[str, list]:
    """The quotations of one article (its cleaned ``text``) as column lists without
    ``article_id`` (see the module docstring); a top-level pure function for
    :func:`utils.engine.map_articles`. ``institutions``: ``{name: actor_id}``
    (default: ``data/speaker_institutions.csv``).

    >>> from utils import actors
    >>> rows = article_quote_columns({"text": "Menurut seorang pejabat AS, Korut memasok amunisi."},
    ...                              gazetteer=actors.as_gazetteer(actors.load_actors()))
    >>> rows["kind"], rows["speaker_kind"], rows["speaks_for"], rows["mentioned_actors"]
    (['indirect'], ['unnamed'], ['united_states'], ['north_korea'])
    """
    text = article.get("text")
    text = text if isinstance(text, str) else ""
    institutions = _default_institutions() if institutions is None else institutions
    columns: dict[str, list] = {column: [] for column in _ROW_COLUMNS}
    if not text:
        return columns
    direct = direct_quotes(text)
    taken = [(c.start, c.end) for c in direct] + [
        (min(c.cue_start, c.speaker_start), max(c.cue_end, c.speaker_end)) for c in direct if c.cue
    ]
    candidates = sorted(direct + indirect_quotes(text, taken=taken), key=lambda c: (c.start, c.end))
    if not candidates:
        return columns
    mentions = _article_mentions(article, gazetteer)
    named = {m[2] for m in mentions if m[3] == "person"}
    aliases, people = _gazetteer_names(gazetteer)
    speakers = _speaker_rows(text, candidates, mentions, institutions, aliases, people, named)
    mention_starts = [m[0] for m in mentions]
    for number, (candidate, speaker) in enumerate(zip(candidates, speakers, strict=True)):
        first = bisect.bisect_left(mention_starts, candidate.start)
        inside = []
        for m in mentions[first:]:
            if m[0] >= candidate.end:
                break
            if m[1] <= candidate.end and m[2] not in inside:
                inside.append(m[2])
        has_cue = candidate.cue is not None
        has_speaker = has_cue and candidate.speaker_start < candidate.speaker_end
        values = {
            "quote_no": number, "kind": candidate.kind, "text": candidate.text,
            "start": candidate.start, "end": candidate.end, "cue": candidate.cue,
            "cue_start": candidate.cue_start if has_cue else None,
            "cue_end": candidate.cue_end if has_cue else None,
            "speaker_surface": speaker.surface if has_speaker else None,
            "speaker_start": speaker.start if has_speaker else None,
            "speaker_end": speaker.end if has_speaker else None,
            "speaker": speaker.name, "speaker_kind": speaker.kind, "speaker_actor": speaker.actor,
            "role": speaker.role, "speaks_for": speaks_for_actor(speaker),
            "resolved_by": speaker.resolved_by, "mentioned_actors": "|".join(inside),
            "paragraph_no": text.count("\n\n", 0, candidate.start),
            "snippet": _snippet(text, candidate.start, candidate.end),
        }  # fmt: skip
        for column, value in values.items():
            columns[column].append(value)
    return columns


def empty_quotes() -> pd.DataFrame:
    """An empty quotation table with the columns and dtypes of :func:`find_quotes`.

    >>> list(empty_quotes().columns[:3])
    ['article_id', 'quote_no', 'kind']
    """
    frame = pd.DataFrame({column: pd.Series([], dtype="str") for column in QUOTE_COLUMNS})
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("quote_no", "start", "end", "paragraph_no"):
        frame[column] = frame[column].astype("int64")
    for column in _INTEGER_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    for column in set(QUOTE_COLUMNS) - {"quote_no", "start", "end", "paragraph_no", *_INTEGER_COLUMNS}:
        frame[column] = frame[column].astype("str")
    return frame


def find_quotes(
    articles: pd.DataFrame,
    actors: pd.DataFrame | actors_module.Gazetteer | str | os.PathLike[str],
    *,
    metonyms: bool = True,
    institutions: Mapping[str, str] | None = None,
    options: EngineOptions = DEFAULT_OPTIONS,
) -> pd.DataFrame:
    """Every quotation of ``articles`` (``article_id``, cleaned ``text``): one row per quotation
    with the columns in :data:`QUOTE_COLUMNS`, in article and text order.

    The per-article work is cached under ``data/interim/cache/quotes/`` (key: the text's hash,
    the actor list, the institutions and the source of :mod:`utils.quotes`), and runs on the
    engines of :func:`utils.engine.map_articles` as ``options`` (:class:`utils.engine.EngineOptions`) say. The mentions it needs come from
    :func:`utils.actors.find_mentions` (cached on their own, shared with notebook 04).

    >>> articles = pd.DataFrame({"article_id": ["a"], "text": ['"Kami siap," kata Putin.']})
    >>> options = EngineOptions(cache=False, progress=False)
    >>> find_quotes(articles, actors_module.load_actors(), options=options)[["speaker", "speaker_actor"]]
      speaker   speaker_actor
    0   Putin  vladimir_putin
    """
    gazetteer = actors_module.as_gazetteer(actors, metonyms=metonyms)
    if not metonyms:
        gazetteer = actors_module.Gazetteer([e for e in gazetteer.entries if e[4] != "metonym"])
    institutions = load_institutions() if institutions is None else dict(institutions)
    texts = [body if isinstance(body, str) else "" for body in articles["text"]]
    frame = pd.DataFrame({"article_id": articles["article_id"].astype(str).to_numpy(), "text": texts})
    mentions = actors_module.find_mentions(frame, gazetteer, options=options.replace(progress=False))
    grouped = {key: group for key, group in mentions.groupby("article_id", sort=False)}
    for key, column in MENTION_KEYS.items():
        frame[key] = pd.Series(
            [grouped[a][column].astype(object).where(grouped[a][column].notna(), None).tolist()
             if a in grouped else [] for a in frame["article_id"]], dtype=object)  # fmt: skip
    rows = map_articles(frame, article_quote_columns, stage="quotes",
                        params={"gazetteer": gazetteer, "institutions": institutions},
                        options=options, depends_on=["utils.quotes.table"])  # fmt: skip
    if not len(rows):
        return empty_quotes()
    return _typed(rows[QUOTE_COLUMNS].copy()).reset_index(drop=True)
