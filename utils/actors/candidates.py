"""Candidate actors: capitalised names and acronyms that the actor list does not cover yet.

New articles bring new names. :func:`candidate_actors` lists capitalised word
sequences (``Arief Havas Oegroseno``, ``Institute for National Security Strategy``)
and acronyms (``KPK``, ``ASEAN``) that no alias in the actor list matches, ranked by
frequency, with KWIC examples, so a user can extend ``data/actors.csv``. It leaves
out sentence-initial single words, months, days, titles and capitalised function
words (``Namun``, ``Menurut``). :func:`score_against_ner` measures how many gold
PERSON / ORGANIZATION / LOCATION names it surfaces (NER-UI, ``../shared/gold``).

>>> articles = pd.DataFrame({"article_id": ["a", "b"], "text": [
...     "Menurut Deputi Arief Havas Oegroseno, China agresif. KPK diam.",
...     "Kata Arief Havas Oegroseno pada Senin, KPK bekerja."]})
>>> candidate_actors(articles, min_count=2)[["candidate", "kind", "count", "n_articles"]]
               candidate     kind  count  n_articles
0  Arief Havas Oegroseno     name      2           2
1                    KPK  acronym      2           2
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
from pathlib import Path

import pandas as pd

from utils import paths
from utils.actors.candidate_rules import (
    ABBREVIATED_TITLES,
    ENGLISH_TITLE_WORDS,
    ORGANISATION_WORDS,
    PLACE_WORDS,
    ROMAN_NUMERALS,
    is_affixed_noun,
    is_inflected,
    lower_case_vocabulary,
    split_after_portfolio,
    type_guess,
)
from utils.actors.context_rules import TITLE_WORDS
from utils.actors.mentions import alias_matches, as_gazetteer, mention_snippet
from utils.progress import tqdm

#: Lower-case words that may sit inside a name: Institute for National Security Strategy, Ibnu bin Ali.
NAME_CONNECTORS = frozenset("bin binti van von der de da al el of for the and la le du".split())
MONTHS_AND_DAYS = frozenset(
    "januari februari maret april mei juni juli agustus september oktober november desember "
    "jan feb mar apr jun jul agu agt ags sep sept okt nov des "
    "senin selasa rabu kamis jumat jum'at sabtu minggu ahad".split()
)
#: Capitalised words that start sentences or precede names but are not names themselves.
NOT_NAME_WORDS = (
    frozenset(
        """
    namun dalam pada menurut selain sementara kemudian saat ketika untuk dengan jika karena sejak
    setelah sebelum meski meskipun bahkan hal ini itu ia dia kami kita mereka saya anda para sang
    baca juga tapi tetapi sedangkan bagi oleh dari ke di yang dan atau adapun apalagi apakah
    bagaimana mengapa kenapa siapa apa berikut sebagai tak tidak belum sudah telah akan masih
    the a an this that in on at by as
    tahun bulan pekan hari jam pukul wib wita wit persen rp us$ kabupaten kota provinsi jalan jl
    deputi sekretaris kabid kapolres kapolri kapolda kombes komisaris brigjen mayjen letjen jaksa
    hakim peneliti politikus menhan menlu mendagri wapres bupati walikota wali camat anggota
    pelatih pemain raden haji hj h sekjen kabag kasubdit dirut ceo menko menhub mensesneg irjen
    mbak mas bung pemkot pemprov pemda pemkab kapten pt tbk uu rp pasal ayat ii iii iv vi vii viii ix
    xi xii
    """.split()
    )
    | TITLE_WORDS
    | MONTHS_AND_DAYS
)
_WORD = r"[A-Z][\w'’.-]*\w\.?|[A-Z]\.?"
_SEQUENCE_RE = re.compile(
    rf"(?<![\w-])(?:{_WORD})(?:\s(?:(?:{'|'.join(sorted(NAME_CONNECTORS))})\s)*(?:{_WORD}))*"
)
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&-]{1,7}$")
SENTENCE_END_CHARS = frozenset('.!?:;"“”\n(')
COLUMNS = ["candidate", "kind", "type_guess", "count", "n_articles", "examples"]
#: Words trimmed from other names but kept in company names (``PT Adhi Karya Tbk``).
KEPT_IN_NAMES = frozenset({"pt", "tbk"})


def _load_stopwords(path: Path = paths.STOPWORDS_FILE) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    words = (
        line.split("#", 1)[0].strip().lower()
        for line in path.read_text(encoding="utf-8").splitlines()
    )
    return frozenset(word for word in words if word)


def _is_sentence_initial(text: str, start: int) -> bool:
    # look back over spaces and opening quotes only (never copy the text before: linear time)
    position = start
    while position > 0 and text[position - 1] in " '\"“‘":
        position -= 1
    return position == 0 or text[position - 1] in SENTENCE_END_CHARS


def _trim(words: list[tuple[str, int, int]], stop: frozenset[str]) -> list[tuple[str, int, int]]:
    """Drop title / function words and connectors from both ends of a word sequence."""
    while words and (words[0][0].lower().strip(".") in stop or words[0][0] in NAME_CONNECTORS):
        words = words[1:]
    while words and (words[-1][0].lower().strip(".") in stop or words[-1][0] in NAME_CONNECTORS):
        words = words[:-1]
    return words


class KnownSpans:
    """The spans of known aliases in one text, asked "does anything overlap [a, b)?" in
    logarithmic time (a scan of every span per word made long articles quadratic).

    >>> known = KnownSpans([(11, 22), (0, 5)])  # "Joko Widodo", "Putin"
    >>> known.overlaps(6, 10), known.overlaps(20, 30)
    (False, True)
    """

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.max_end: list[int] = list(itertools.accumulate((end for _, end in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        before_end = bisect.bisect_left(self.starts, end)  # spans that start before ``end``
        return before_end > 0 and self.max_end[before_end - 1] > start


def _split_on_known(words: list[tuple[str, int, int]], known: KnownSpans) -> list[list]:
    """Cut a word sequence where a known alias lies (``Presiden Joko Widodo`` leaves ``Presiden``)
    and around acronyms (``Kepala BIN Sutiyoso`` gives ``Kepala``, ``BIN``, ``Sutiyoso``)."""
    pieces, current = [], []
    for word in words:
        if known.overlaps(word[1], word[2]):
            if current:
                pieces.append(current)
            current = []
        elif (
            _ACRONYM_RE.match(word[0])
            and len(words) > 1
            and word[0].lower() not in KEPT_IN_NAMES
            and not _ends_institution(words, word)
        ):
            if current:
                pieces.append(current)
            pieces.append([word])
            current = []
        else:
            current.append(word)
    if current:
        pieces.append(current)
    return pieces


def _ends_institution(words: list[tuple[str, int, int]], word: tuple[str, int, int]) -> bool:
    """Whether an acronym ends a run right after an institution or place word (``Gedung DPR``,
    ``Kementerian BUMN``, ``Dirut PT KAI``): it stays in the name.

    >>> words = [("Gedung", 0, 6), ("DPR", 7, 10)]
    >>> _ends_institution(words, words[1]), _ends_institution([("Kepala", 0, 6), ("BIN", 7, 10), ("Sutiyoso", 11, 19)], ("BIN", 7, 10))
    (True, False)
    """
    if word is not words[-1] or len(words) < 2:
        return False
    return words[-2][0].lower().strip(".") in ORGANISATION_WORDS | PLACE_WORDS


def article_candidates(
    article: dict,
    *,
    gazetteer=None,
    stopwords: frozenset[str] = frozenset(),
    lower_vocabulary: frozenset[str] | None = None,
) -> list[dict]:
    """Candidate names in one article: dicts with candidate, kind, start, end (a pure per-article function).

    ``lower_vocabulary`` (:func:`utils.actors.candidate_rules.lower_case_vocabulary` of the corpus)
    turns on the corpus rules of :mod:`utils.actors.candidate_rules`: a sentence-initial word the corpus
    writes in lower case does not open a name, and one the corpus never writes so is a name.

    >>> article_candidates({"article_id": "a", "text": "Dia bertemu Jaksa Sandra Brown dari FBI."})
    [{'article_id': 'a', 'candidate': 'Sandra Brown', 'kind': 'name', 'start': 18, 'end': 30}, {'article_id': 'a', 'candidate': 'FBI', 'kind': 'acronym', 'start': 36, 'end': 39}]
    """
    text = article.get("text")
    if not isinstance(text, str) or not text:
        return []
    known = KnownSpans(
        [(start, end) for start, end, _ in alias_matches(text, gazetteer)]
        if gazetteer is not None
        else []
    )
    stop = (NOT_NAME_WORDS | stopwords | ENGLISH_TITLE_WORDS | ABBREVIATED_TITLES) - KEPT_IN_NAMES
    rows = []
    for match in _SEQUENCE_RE.finditer(text):
        words = [(m.group().rstrip("."), match.start() + m.start(), match.start() + m.start() + len(m.group().rstrip(".")))
                 for m in re.finditer(r"\S+", match.group())]  # fmt: skip
        while (
            lower_vocabulary is not None
            and len(words) > 1
            and words[0][0].lower() in lower_vocabulary
            and words[0][0].lower() not in ORGANISATION_WORDS | PLACE_WORDS
        ):
            words = words[1:]  # Melawan Djokovic, Nasib Karim Benzema: a common word opens it
        pieces = []
        for piece in _split_on_known(words, known):
            cuts = split_after_portfolio([word[0] for word in piece])
            position = 0
            for cut in cuts:
                pieces.append(piece[position : position + len(cut)])
                position += len(cut)
        for piece in pieces:
            piece = _trim(piece, stop)
            if not piece:
                continue
            start, end = piece[0][1], piece[-1][2]
            surface = text[start:end]
            if len(piece) == 1:
                word = piece[0][0]
                if word.lower() in ROMAN_NUMERALS or word.lower() in KEPT_IN_NAMES:
                    continue
                if _ACRONYM_RE.match(word) and word.upper() == word:
                    kind = "acronym"
                elif (
                    len(word) < 3
                    or not word[1:].islower()
                    or is_affixed_noun(word)
                    or is_inflected(word)
                    or (lower_vocabulary is not None and word.lower() in lower_vocabulary)
                ):
                    continue  # Keuangan, Komisi: a common word written with a capital
                elif not _is_sentence_initial(text, start) or lower_vocabulary is not None:
                    kind = "name"  # sentence-initial: only when the corpus never writes it small
                else:
                    continue
            else:
                kind = "name"
            rows.append(
                {
                    "article_id": article.get("article_id"),
                    "candidate": surface,
                    "kind": kind,
                    "start": start,
                    "end": end,
                }
            )
    return rows


def candidate_actors(
    articles: pd.DataFrame,
    actors: pd.DataFrame | str | os.PathLike[str] | None = None,
    *,
    min_count: int = 2,
    max_examples: int = 3,
    progress: bool = False,
) -> pd.DataFrame:
    """Names and acronyms not covered by ``actors``, ranked by frequency, with KWIC examples.

    Each article is read once in this process (:func:`article_candidates`, with a progress bar
    when ``progress``); the words the corpus writes in lower case are collected first, because a
    capitalised word that is also a common lower-case word is a weaker candidate. (Not cached per
    article: that vocabulary is the whole corpus's, so one new article could change every result.)

    Columns: candidate, kind (name / acronym), count (occurrences), n_articles,
    examples (up to ``max_examples`` snippets, ``" | "``-separated). With
    ``actors=None`` nothing is excluded (used to measure the extractor itself).
    """
    gazetteer = as_gazetteer(actors) if actors is not None else None
    stopwords = _load_stopwords()
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    vocabulary = lower_case_vocabulary(texts.values())
    rows: list[dict] = []
    for record in tqdm(
        articles[["article_id", "text"]].to_dict("records"), desc="candidates", disable=not progress
    ):
        rows.extend(
            article_candidates(
                record, gazetteer=gazetteer, stopwords=stopwords, lower_vocabulary=vocabulary
            )
        )
    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    found = pd.DataFrame(rows).sort_values(["article_id", "start"], kind="stable")
    grouped = found.groupby("candidate", sort=True)
    table = pd.DataFrame(
        {
            "kind": grouped["kind"].first(),
            "count": grouped.size(),
            "n_articles": grouped["article_id"].nunique(),
        }
    ).reset_index()
    table = table[table["count"] >= min_count]
    contexts: dict[str, list[tuple[str, str]]] = {}
    for candidate, article_id, start, end in zip(
        found["candidate"], found["article_id"], found["start"], found["end"], strict=True
    ):
        text = texts[article_id]
        before = text[max(0, start - 30) : start].split()
        after = text[end : end + 30].split()
        contexts.setdefault(candidate, []).append(
            (before[-1] if before else "", after[0] if after else "")
        )
    table["type_guess"] = [
        type_guess(candidate, contexts.get(candidate, [])) for candidate in table["candidate"]
    ]
    shown = found[found["candidate"].isin(set(table["candidate"]))]
    shown = shown.groupby("candidate", sort=False).head(max_examples)
    examples: dict[str, list[str]] = {}
    for candidate, article_id, start, end in zip(
        shown["candidate"], shown["article_id"], shown["start"], shown["end"], strict=True
    ):
        examples.setdefault(candidate, []).append(mention_snippet(texts[article_id], start, end))
    examples = {candidate: " | ".join(snippets) for candidate, snippets in examples.items()}
    table["examples"] = table["candidate"].map(examples)
    table = table.sort_values(
        ["count", "n_articles", "candidate"], ascending=[False, False, True], kind="stable"
    )
    return table[COLUMNS].reset_index(drop=True)


def read_ner_gold(path: str | os.PathLike[str]) -> tuple[list[str], pd.DataFrame]:
    """Read a token<TAB>BIO file (NER-UI): the sentences as text, and one row per gold entity.

    >>> import tempfile
    >>> file = Path(tempfile.mkdtemp()) / "ner.txt"
    >>> _ = file.write_text("Joko\\tB-PERSON\\nWidodo\\tI-PERSON\\ntiba\\tO\\n\\nDi\\tO\\nBekasi\\tB-LOCATION\\n")
    >>> sentences, entities = read_ner_gold(file)
    >>> sentences, entities[["sentence_no", "entity", "type"]].to_dict("records")
    (['Joko Widodo tiba', 'Di Bekasi'], [{'sentence_no': 0, 'entity': 'Joko Widodo', 'type': 'PERSON'}, {'sentence_no': 1, 'entity': 'Bekasi', 'type': 'LOCATION'}])
    """
    sentences, entities = [], []
    tokens: list[str] = []
    current: list[str] = []
    current_type = None

    def close() -> None:
        nonlocal current, current_type
        if current:
            entities.append(
                {"sentence_no": len(sentences), "entity": " ".join(current), "type": current_type}
            )
        current, current_type = [], None

    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            close()
            if tokens:
                sentences.append(" ".join(tokens))
            tokens = []
            continue
        token, _, tag = line.partition("\t")
        tokens.append(token)
        if tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != current_type):
            close()
            current, current_type = [token], tag[2:]
        elif tag.startswith("I-"):
            current.append(token)
        else:
            close()
    return sentences, pd.DataFrame(entities, columns=["sentence_no", "entity", "type"])


def score_against_ner(path: str | os.PathLike[str], *, min_count: int = 1) -> pd.DataFrame:
    """How many distinct gold entity names the extractor surfaces (recall) and how many of its
    candidates are gold names (precision), overall and per entity type. Exact string match."""
    sentences, entities = read_ner_gold(path)
    articles = pd.DataFrame(
        {"article_id": [f"s{index:05d}" for index in range(len(sentences))], "text": sentences}
    )
    candidates = set(
        candidate_actors(articles, None, min_count=min_count, max_examples=0)["candidate"]
    )
    rows = []
    for entity_type in ["ALL", *sorted(entities["type"].dropna().unique())]:
        gold = set(
            entities["entity"]
            if entity_type == "ALL"
            else entities.loc[entities["type"] == entity_type, "entity"]
        )
        found = len(gold & candidates)
        row = {
            "type": entity_type,
            "gold_names": len(gold),
            "surfaced": found,
            "recall": round(found / len(gold), 4),
        }
        if entity_type == "ALL":
            row["candidates"] = len(candidates)
            row["precision"] = (
                round(len(candidates & gold) / len(candidates), 4) if candidates else 1.0
            )
        rows.append(row)
    return pd.DataFrame(
        rows, columns=["type", "gold_names", "surfaced", "recall", "candidates", "precision"]
    )
