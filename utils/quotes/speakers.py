"""Who a speaker phrase names: a person, an institution standing for an actor, an unnamed source,
or a pronoun to resolve.

A *speaker phrase* is the words of an attribution that name the speaker (``mantan menteri luar
negeri Andrei Kozyrev``, ``juru bicara Kremlin Dmitry Peskov``, ``seorang pejabat AS``, ``-nya``).
:func:`speaker_phrase_after` and :func:`speaker_phrase_before` cut it out of the text;
:func:`read_speaker` says who it is, with the actor-list mentions of the article (``mentions``:
``(start, end, actor_id, type)`` tuples) and the institutions of ``data/speaker_institutions.csv``.

>>> text = "kata juru bicara Kremlin Dmitry Peskov kepada wartawan."
>>> start, end = speaker_phrase_after(text, 5)
>>> text[start:end]
'juru bicara Kremlin Dmitry Peskov'
>>> speaker = read_speaker(text, start, end, mentions=[(17, 24, "russia", "state")])
>>> speaker.name, speaker.role, speaker.actor, speaks_for_actor(speaker), speaker.resolved_by
('Dmitry Peskov', 'juru bicara Kremlin', None, 'russia', 'named')
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from utils import paths
from utils.quotes import cues

WORD = re.compile(r"[^\s,;:!?()\[\]\"“”‘’]+")
#: Words that open a clause before its subject: ``Namun Putin mengatakan``.
CLAUSE_OPENERS = frozenset(
    """namun tetapi tapi sementara itu selain dalam di pada sebelumnya kemudian lalu adapun meski
    meskipun sedangkan bahkan sebab karena oleh menurutnya saat ketika bagi kepada sedang
    pernyataannya pernyataan tersebut hal ini juga dengan""".split()
)
#: Words between a subject and its verb: ``Ia juga mengatakan``.
ADVERBS = frozenset(
    """juga pun kemudian lantas lalu sebelumnya telah sudah pernah tidak tak belum sempat bahkan
    lebih lanjut kembali secara terpisah terang-terangan tegas sendiri pula masih""".split()
)
TITLES_WITH_PERIOD = frozenset({"Dr", "Prof", "Ir", "H", "Hj", "St", "Jr", "Sr", "Drs", "KH"})
NAME_PARTICLES = frozenset({"bin", "binti", "van", "de", "der", "von", "al", "el", "da", "di"})
DESCRIPTOR_ENDS = frozenset({"tersebut", "itu", "ini"})
MAX_PHRASE_WORDS = 12


class Speaker(NamedTuple):
    """Who speaks: ``surface`` (the phrase), ``name`` (the person or institution, ``None`` when
    unnamed or unresolved), ``kind`` (person / organisation / unnamed / pronoun / descriptor /
    unknown), ``actor`` (the listed actor the speaker is), ``role``, ``affiliation`` (the listed
    actor named in the role or beside an unnamed source), ``resolved_by``."""

    start: int
    end: int
    surface: str
    name: str | None
    kind: str
    actor: str | None
    role: str | None
    affiliation: str | None
    resolved_by: str


def speaks_for_actor(speaker: Speaker) -> str | None:
    """The actor a speaker speaks for: the state or organisation named in their role (``juru
    bicara Kremlin``, ``Menteri Luar Negeri Rusia``), or an unnamed source's affiliation; ``None``
    for an actor speaking as itself.

    >>> speaks_for_actor(Speaker(0, 5, "Putin", "Putin", "person", "vladimir_putin", None, None, "named"))
    """
    if speaker.affiliation is None or speaker.affiliation == speaker.actor:
        return None
    return speaker.affiliation


def load_institutions(path: str | os.PathLike[str] = paths.DATA_DIR / "speaker_institutions.csv") -> dict[str, str]:
    """``{name: actor_id}`` of institutions that speak for an actor (``KCNA``: North Korea).

    >>> load_institutions()["KCNA"]
    'north_korea'
    """
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = [i + 2 for i, row in enumerate(rows) if not row.get("name") or not row.get("actor_id")]
    if missing:
        raise ValueError(f"{path}: rows without name or actor_id on line(s) {missing}")
    return {row["name"].strip(): row["actor_id"].strip() for row in rows}


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word spans in ``text[start:end]``, a period kept only after a title (``Dr.``) or initial."""
    spans = []
    for match in WORD.finditer(text, start, end):
        s, e = match.span()
        while e > s and text[e - 1] == "." and text[s:e - 1] not in TITLES_WITH_PERIOD and not (
            e - s == 2 and text[s].isupper()
        ):
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def speaker_phrase_after(text: str, position: int) -> tuple[int, int]:
    """The speaker phrase starting at ``position`` (after a cue): up to punctuation, a stop word
    (``kepada``, ``di``, ``saat``…) or :data:`MAX_PHRASE_WORDS` words.

    >>> text = "ujar Kapolsek Simpang Kramat Ipda Abdul Azis seperti dilansir Antara."
    >>> text.__getitem__(slice(*speaker_phrase_after(text, 5)))
    'Kapolsek Simpang Kramat Ipda Abdul Azis'
    """
    limit = min(len(text), position + 200)
    stop = re.search(r"[,;:!?()\n\"“”]|\.(?:\s|$)", text[position:limit])
    end = position + stop.start() if stop else limit
    words = _words(text, position, end)
    kept: list[tuple[int, int]] = []
    for s, e in words:
        word = text[s:e]
        if word.lower() in cues.SPEAKER_STOP_WORDS and kept and not (
            word == "dan" and _rejoins(text, e, end)
        ):
            break
        if len(kept) == MAX_PHRASE_WORDS:
            break
        kept.append((s, e))
    if not kept:
        return position, position
    if text[kept[0][0]].islower():  # a role or description first: a name may follow after a comma
        appositive = APPOSITIVE.match(text, kept[-1][1], min(len(text), kept[-1][1] + 160))
        if appositive and appositive.group(1).split()[0].lower() not in cues.DATE_WORDS:
            return kept[0][0], appositive.end(1)
    return kept[0][0], kept[-1][1]


#: ``…, Kim Taewoo.`` after a role: the name in apposition (after an optional place phrase).
APPOSITIVE = re.compile(
    r"(?:\s+(?:di|dari|pada)\s+[^,.\n\"“”]{1,80}?)?,\s*"
    r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
    r"(?=\s*(?:$|[.,;\n]|\s(?:dalam|kepada|di|saat|ketika|seperti|yang|melalui)\b))"
)


def _rejoins(text: str, after: int, end: int) -> bool:
    """Whether ``dan`` continues a capitalised name (``Dewan Kebijakan Luar Negeri dan Pertahanan``)."""
    rest = text[after:end].lstrip()
    return bool(rest) and rest[0].isupper()


def speaker_phrase_before(text: str, position: int, *, floor: int) -> tuple[int, int]:
    """The subject before a verb cue at ``position``, back to punctuation, a clause opener or
    ``floor`` (the sentence start), without adverbs before the verb.

    >>> text = "Namun Menlu Rusia Sergei Lavrov juga menegaskan hal itu."
    >>> text.__getitem__(slice(*speaker_phrase_before(text, 37, floor=0)))
    'Menlu Rusia Sergei Lavrov'
    """
    start = max(floor, position - 200)
    cuts = [m for m in re.finditer(r"[,;:!?\"“”]|\.\s", text[start:position])]
    cut = cuts[-1].end() if cuts else 0
    words = _words(text, start + cut, position)
    while words and text[slice(*words[-1])].lower() in ADVERBS:
        words.pop()
    if cuts and cuts[-1].group() == "," and (not words or text[slice(*words[0])] == "yang"):
        # "Nam kini profesor di Korea University, mengatakan"; "Donald Trump, yang pernah menyatakan"
        before = cuts[-2].end() if len(cuts) > 1 else 0
        words = _words(text, start + before, start + cuts[-1].start())
    words = words[-MAX_PHRASE_WORDS:]
    first = 0
    while first < len(words) and text[slice(*words[first])].lower() in CLAUSE_OPENERS:
        first += 1
    words = words[first:]
    if not words:
        return position, position
    return words[0][0], words[-1][1]


def read_speaker(
    text: str,
    start: int,
    end: int,
    *,
    mentions: Sequence[tuple[int, int, str, str]],
    institutions: Mapping[str, str] | None = None,
    aliases: Mapping[str, str] | None = None,
    people: Mapping[str, str] | None = None,
    named: set[str] | frozenset[str] | None = None,
) -> Speaker:
    """Say who the speaker phrase ``text[start:end]`` names (see the module docstring).

    >>> text = "kata seorang pejabat AS."
    >>> speaker = read_speaker(text, 5, 23, mentions=[(21, 23, "united_states", "state")])
    >>> speaker.kind, speaker.name, speaker.affiliation, speaker.resolved_by
    ('unnamed', None, 'united_states', 'unnamed')
    >>> read_speaker("tambah KCNA.", 7, 11, mentions=[], institutions={"KCNA": "north_korea"}).actor
    'north_korea'

    ``people``: ``{name: actor_id}`` of the listed people, and ``named`` the ones already named
    in the article, for a short name the mention rules leave out (``ucap Menlu Retno``).
    """
    surface = text[start:end]
    base = Speaker(start, end, surface, None, "unknown", None, None, None, "unattributed")
    if start >= end:
        return base
    words = _words(text, start, end)
    lowered = [text[s:e].lower() for s, e in words]
    inside = [m for m in mentions if start <= m[0] and m[1] <= end]
    if aliases:  # state and organisation names the mention rules skip inside a longer name
        inside = sorted(inside + [m for m in _alias_spans(text, words, aliases)
                                  if not any(o[0] < m[1] and m[0] < o[1] for o in inside)])  # fmt: skip
    persons = [m for m in inside if m[3] == "person"]
    others = [m for m in inside if m[3] != "person"]
    if lowered and lowered[-1] in cues.PRONOUNS and len(lowered) <= 2:
        return base._replace(kind="pronoun", resolved_by="pronoun")
    if persons:
        person = persons[-1]
        role = text[start:person[0]].strip() or None
        affiliation = next((m[2] for m in reversed(others) if m[1] <= person[0]), None)
        return base._replace(name=text[person[0]:person[1]], kind="person", actor=person[2],
                       role=role, affiliation=affiliation, resolved_by="named")  # fmt: skip
    for name, actor in (institutions or {}).items():
        found = surface.find(name)
        if found >= 0 and _on_word_boundary(surface, found, found + len(name)):
            return base._replace(name=surface, kind="organisation", actor=actor,
                           resolved_by="institution")  # fmt: skip
    name_run = _trailing_name(text, words, covered=inside)
    affiliation = others[-1][2] if others else None
    if name_run is not None:
        name_start, name_end = name_run
        role = text[start:name_start].strip() or None
        head = text[name_start:name_end].split()[0].lower()
        if head in cues.INSTITUTION_WORDS:
            return base._replace(name=text[name_start:name_end], kind="organisation",
                           actor=affiliation, affiliation=affiliation, role=role,
                           resolved_by="institution" if affiliation else "named")  # fmt: skip
        if people and people.get(text[name_start:name_end]) in (named or ()):
            return base._replace(name=text[name_start:name_end], kind="person",
                           actor=people[text[name_start:name_end]], role=role,
                           affiliation=_role_affiliation(others, name_start), resolved_by="named")  # fmt: skip
        kind = "organisation" if set(text[name_start:name_end].lower().split()) & cues.ORGANISATION_NAME_WORDS else "person"
        return base._replace(name=text[name_start:name_end], kind=kind, role=role,
                       affiliation=_role_affiliation(others, name_start), resolved_by="named")  # fmt: skip
    if others and lowered and lowered[0] in cues.INSTITUTION_WORDS and not set(lowered) & cues.UNNAMED_WORDS:
        return base._replace(name=surface, kind="organisation", actor=affiliation,
                       affiliation=affiliation, resolved_by="institution")  # fmt: skip
    if others and others[0][0] == start and others[-1][1] == end and len(others) == 1:
        return base._replace(name=surface, kind="organisation", actor=others[0][2],
                       affiliation=others[0][2], resolved_by="named")  # fmt: skip
    if others and others[0][0] == start and not set(lowered) & cues.UNNAMED_WORDS:
        # "AS dan sekutu-sekutunya": the actor named first
        return base._replace(name=text[others[0][0]:others[0][1]], kind="organisation",
                       actor=others[0][2], affiliation=others[0][2], resolved_by="named")  # fmt: skip
    if lowered and (lowered[-1] in DESCRIPTOR_ENDS or (
        surface[0].isupper() and lowered[0] in cues.ROLE_WORDS and not others and len(lowered) >= 2
        and lowered[0] not in cues.UNNAMED_WORDS | cues.GENERIC_ROLE_WORDS
        and all(w in cues.ROLE_WORDS or w in cues.OFFICE_WORDS for w in lowered)
    )):  # "Menteri Pertahanan juga mengisyaratkan": a definite role names someone named before
        return base._replace(kind="descriptor", role=surface, resolved_by="descriptor")
    if set(lowered) & (cues.UNNAMED_WORDS | cues.ROLE_WORDS):
        return base._replace(kind="unnamed", role=surface, affiliation=affiliation,
                       resolved_by="unnamed")  # fmt: skip
    return base._replace(kind="unknown", role=surface, affiliation=affiliation,
                   resolved_by="descriptor")  # fmt: skip


def _alias_spans(text: str, words, aliases: Mapping[str, str]) -> list[tuple[int, int, str, str]]:
    """State and organisation aliases among ``words`` (longest first), as mention tuples."""
    found, index = [], 0
    while index < len(words):
        for n in (4, 3, 2, 1):
            if index + n <= len(words):
                s, e = words[index][0], words[index + n - 1][1]
                actor = aliases.get(text[s:e])
                if actor is not None:
                    found.append((s, e, actor, "state"))
                    index += n - 1
                    break
        index += 1
    return found


def person_names(entries, actors: set[str]) -> dict[str, str]:
    """``{alias or short name: actor_id}`` of the listed people among ``actors``; a short name
    shared by two of them is left out.

    >>> person_names([("Retno", "retno_marsudi", "Retno Marsudi", "person", "short_name", False)], {"retno_marsudi"})
    {'Retno': 'retno_marsudi'}
    """
    found: dict[str, str | None] = {}
    for entry in entries:
        if entry[3] == "person" and entry[1] in actors:
            found[entry[0]] = entry[1] if found.get(entry[0], entry[1]) == entry[1] else None
    return {name: actor for name, actor in found.items() if actor is not None}


def gazetteer_aliases(entries) -> dict[str, str]:
    """``{alias: actor_id}`` of the states and organisations of a gazetteer's ``entries``.

    >>> gazetteer_aliases([("Kremlin", "russia", "Russia", "state", "metonym", False)])
    {'Kremlin': 'russia'}
    """
    return {e[0]: e[1] for e in entries if e[3] in ("state", "organisation")
            and e[4] in ("alias", "metonym")}  # fmt: skip


def _role_affiliation(others, name_start: int) -> str | None:
    before = [m for m in others if m[1] <= name_start]
    return before[-1][2] if before else None


def _on_word_boundary(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _trailing_name(text: str, words, *, covered) -> tuple[int, int] | None:
    """The capitalised words ending the phrase that are no role word and no state or
    organisation mention: ``Dmitry Peskov`` in ``juru bicara Kremlin Dmitry Peskov``."""
    run: list[tuple[int, int]] = []
    for s, e in reversed(words):
        word = text[s:e]
        if any(m[0] <= s < m[1] for m in covered):
            break
        if word[0].isupper() and word.lower() not in cues.ROLE_WORDS | cues.OFFICE_WORDS:
            run.append((s, e))
        elif word in NAME_PARTICLES and run:
            run.append((s, e))
        else:
            break
    while run and text[slice(*run[-1])] in NAME_PARTICLES:
        run.pop()
    if not run:
        return None
    return run[-1][0], run[0][1]
