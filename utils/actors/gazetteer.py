"""The actor list (``data/actors.csv``): loading, validation and the compiled gazetteer.

One row per actor with ``|``-separated aliases, metonyms and short names; rows of
type ``ignore`` list names that contain an alias but name something else. See
``data/README.md`` for the rules. :func:`load_actors` returns one row per alias;
:class:`Gazetteer` compiles them into one Aho-Corasick automaton for
:func:`utils.actors.mentions.find_mentions`.

>>> actors = load_actors()
>>> sorted(actors.loc[actors["actor_id"] == "north_korea", "alias"])
['DPRK', 'Korea Utara', 'Korut', 'Pyongyang', 'RRDK', 'Republik Rakyat Demokratik Korea']
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick
import pandas as pd

from utils import paths

ACTOR_TYPES = ("person", "state", "organisation", "ignore")
REQUIRED_COLUMNS = ("actor_id", "label", "type", "aliases")
OPTIONAL_COLUMNS = ("metonyms", "short_names", "notes")
ALIAS_COLUMNS = {"aliases": "alias", "metonyms": "metonym", "short_names": "short_name"}


class ActorListError(ValueError):
    """The actor list is malformed; the message names the file and line."""


def _split_aliases(cell: str, *, where: str, column: str) -> list[str]:
    cell = (cell or "").strip()
    if not cell:
        return []
    aliases = [alias.strip() for alias in cell.split("|")]
    if any(not alias for alias in aliases):
        raise ActorListError(
            f"{where}: empty alias in column '{column}' (check for '||' or a '|' at either end): {cell!r}"
        )
    return list(dict.fromkeys(" ".join(alias.split()) for alias in aliases))


def is_case_sensitive(alias: str) -> bool:
    """Whether ``alias`` must match exactly: it has capitals and no lower-case letters.

    >>> is_case_sensitive("AS"), is_case_sensitive("DK PBB"), is_case_sensitive("Rusia")
    (True, True, False)
    """
    return any(char.isupper() for char in alias) and not any(char.islower() for char in alias)


def load_actors(
    path: str | os.PathLike[str] = paths.ACTORS_FILE, *, metonyms: bool = True
) -> pd.DataFrame:
    """Read and validate the actor list; return one row per alias.

    Columns: actor_id, label, type, alias, kind (alias / metonym / short_name /
    ignore), is_metonym, case_sensitive, line (line number in the file).
    Raises :class:`ActorListError` naming the file and line for: a missing column,
    a row with the wrong number of fields, an empty id/label/alias, an unknown
    type, a duplicate actor_id, or an alias claimed by two actors.

    >>> actors = load_actors()
    >>> actors.loc[actors["alias"] == "Moskow", ["actor_id", "kind", "is_metonym"]].to_dict("records")
    [{'actor_id': 'russia', 'kind': 'metonym', 'is_metonym': True}]
    >>> "Moskow" in set(load_actors(metonyms=False)["alias"])
    False
    """
    path = Path(path)
    if not path.exists():
        raise ActorListError(f"{path}: actor list not found")
    rows: list[dict[str, Any]] = []
    owner_of: dict[str, tuple[str, int]] = {}
    short_names: list[tuple[str, str, int]] = []
    seen_ids: dict[str, int] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise ActorListError(
                f"{path}: the file is empty (expected a header with {', '.join(REQUIRED_COLUMNS)})"
            )
        header = [name.strip() for name in header]
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if missing:
            raise ActorListError(
                f"{path}, line 1: missing column(s) {', '.join(missing)}; the header is {header}"
            )
        for fields in reader:
            line = reader.line_num
            where = f"{path}, line {line}"
            if not any(cell.strip() for cell in fields):
                continue
            if len(fields) != len(header):
                raise ActorListError(
                    f"{where}: malformed row: {len(fields)} fields, expected {len(header)} "
                    f"({', '.join(header)}); quote cells that contain commas"
                )
            record = dict(zip(header, (cell.strip() for cell in fields), strict=True))
            actor_id, label, actor_type = (
                record["actor_id"],
                record["label"],
                record["type"].lower(),
            )
            if not actor_id or not label:
                raise ActorListError(f"{where}: empty actor_id or label")
            if actor_type not in ACTOR_TYPES:
                raise ActorListError(
                    f"{where}: unknown type {record['type']!r} for {actor_id!r}; use one of {', '.join(ACTOR_TYPES)}"
                )
            if actor_id in seen_ids:
                raise ActorListError(
                    f"{where}: duplicate actor_id {actor_id!r} (first on line {seen_ids[actor_id]})"
                )
            seen_ids[actor_id] = line
            found_alias = False
            for column, kind in ALIAS_COLUMNS.items():
                for alias in _split_aliases(record.get(column, ""), where=where, column=column):
                    kind_here = "ignore" if actor_type == "ignore" else kind
                    if kind_here == "short_name":
                        short_names.append((alias, actor_id, line))
                    else:
                        key = alias.casefold()
                        if key in owner_of and owner_of[key][0] != actor_id:
                            other, other_line = owner_of[key]
                            raise ActorListError(
                                f"{where}: alias {alias!r} of {actor_id!r} is already claimed by {other!r} (line {other_line})"
                            )
                        owner_of[key] = (actor_id, line)
                        found_alias = True
                    if kind_here == "metonym" and not metonyms:
                        continue
                    rows.append(
                        {
                            "actor_id": actor_id,
                            "label": label,
                            "type": actor_type,
                            "alias": alias,
                            "kind": kind_here,
                            "is_metonym": kind_here == "metonym",
                            "case_sensitive": is_case_sensitive(alias),
                            "line": line,
                        }
                    )
            if not found_alias:
                raise ActorListError(f"{where}: {actor_id!r} has no alias in column 'aliases'")
    for alias, actor_id, line in short_names:
        owner = owner_of.get(alias.casefold())
        if owner is not None:
            raise ActorListError(
                f"{path}, line {line}: short name {alias!r} of {actor_id!r} is a full alias of {owner[0]!r} (line {owner[1]})"
            )
    table = pd.DataFrame(
        rows,
        columns=[
            "actor_id",
            "label",
            "type",
            "alias",
            "kind",
            "is_metonym",
            "case_sensitive",
            "line",
        ],
    )
    return table.astype({"is_metonym": bool, "case_sensitive": bool, "line": "int64"})


def fold_case(text: str) -> str:
    """Lower-case ``text`` without changing its length (so offsets stay valid)."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


#: How a match of one key decides on the entries that share it (see :class:`AliasKey`): all of
#: them count, all or none by the capital rule, all or none when the text is written exactly as
#: the (one) alias, or each one by :func:`accepted_entries`.
ACCEPT_ALL, ACCEPT_IF_CAPITALISED, ACCEPT_AS_WRITTEN, ACCEPT_EACH = (
    "all",
    "if_capitalised",
    "as_written",
    "each",
)


def _entry_rule(entry: GazetteerEntry) -> str:
    """How a match decides on one gazetteer entry: ``ignore`` rows count in any case, aliases
    marked case-sensitive (``AS``) only as written, aliases listed in lower case (``negeri Paman
    Sam``) in any case, others only when the text starts with a capital letter (or a non-letter).

    >>> _entry_rule(GazetteerEntry("AS", "united_states", "United States", "state", "alias", True))
    'exact'
    >>> _entry_rule(GazetteerEntry("Rusia", "russia", "Russia", "state", "alias", False))
    'capitalised'
    """
    if entry.kind == "ignore":
        return "any"
    if entry.case_sensitive:
        return "exact"
    return "any" if entry.alias[0].islower() else "capitalised"


def accepted_entries(surface: str, entries: Sequence[GazetteerEntry]) -> list[GazetteerEntry]:
    """The entries (in their order) that a match written ``surface`` counts for (:func:`_entry_rule`).

    >>> entries = [GazetteerEntry("Cina", "china", "China", "state", "alias", False)]
    >>> accepted_entries("Cina", entries) == entries, accepted_entries("cina", entries)
    (True, [])
    """
    accepted = []
    for entry in entries:
        rule = _entry_rule(entry)
        if rule == "exact":
            counts = surface == entry.alias
        elif rule == "capitalised":
            counts = surface[0].isupper() or not surface[0].isalpha()
        else:
            counts = True
        if counts:
            accepted.append(entry)
    return accepted


class GazetteerEntry(NamedTuple):
    """One alias of one actor, as the matcher uses it (one row of :func:`load_actors`).

    >>> entry = GazetteerEntry("AS", "united_states", "United States", "state", "alias", True)
    >>> entry.alias, entry.kind, entry.case_sensitive
    ('AS', 'alias', True)
    """

    alias: str
    actor_id: str
    label: str
    type: str
    #: ``alias``, ``metonym``, ``short_name`` or ``ignore`` (a name that is not an actor)
    kind: str
    case_sensitive: bool


class AliasKey(NamedTuple):
    """One key of the gazetteer's automata: a lower-cased alias (:func:`fold_case`), the entries
    whose alias it is, and how a match decides on them (``ACCEPT_*``), decided once here
    instead of at every match."""

    key: str
    entries: tuple[GazetteerEntry, ...]
    accept: str

    @classmethod
    def from_entries(cls, key: str, entries: Sequence[GazetteerEntry]) -> AliasKey:
        """
        >>> AliasKey.from_entries("as", [GazetteerEntry("AS", "united_states", "United States", "state", "alias", True)]).accept
        'as_written'
        """
        rules = {_entry_rule(entry) for entry in entries}
        if rules == {"any"}:
            accept = ACCEPT_ALL
        elif rules == {"capitalised"}:
            accept = ACCEPT_IF_CAPITALISED
        elif rules == {"exact"} and len({entry.alias for entry in entries}) == 1:
            accept = ACCEPT_AS_WRITTEN
        else:
            accept = ACCEPT_EACH
        return cls(key, tuple(entries), accept)


#: ``bytes.translate`` table of :func:`word_start_text`: ASCII letters and digits lower-cased,
#: every other byte a NUL.
_WORD_START_TABLE = bytes(
    ord(chr(byte).lower()) if byte < 128 and chr(byte).isalnum() else 0 for byte in range(256)
)


def word_start_text(text: str) -> str:
    """``text`` as :attr:`Gazetteer.word_start_automaton` reads it: ASCII letters lower-cased,
    ASCII digits kept, a NUL for every other character and one more in front, so ``text[i]``
    is at ``i + 1``.

    >>> word_start_text("Di AS-nya, 2017 “Rusia”")
    '\\x00di\\x00as\\x00nya\\x00\\x002017\\x00\\x00rusia\\x00'
    """
    return (b" " + text.encode("ascii", "replace")).translate(_WORD_START_TABLE).decode("ascii")


#: The one character outside ASCII that lower-cases to an ASCII letter (the Kelvin sign).
_LOWER_CASES_TO_ASCII = "\u212a"


@dataclass
class Gazetteer:
    """A compiled actor list: a picklable wrapper that builds its automata lazily.

    >>> gazetteer = Gazetteer.from_actors(load_actors())
    >>> import pickle
    >>> len(pickle.loads(pickle.dumps(gazetteer)).entries) == len(gazetteer.entries)
    True
    """

    entries: list[GazetteerEntry]
    _automata: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def from_actors(cls, actors: pd.DataFrame) -> Gazetteer:
        columns = ["alias", "actor_id", "label", "type", "kind", "case_sensitive"]
        table = actors[columns].sort_values(["actor_id", "alias"], kind="stable")
        return cls(entries=[GazetteerEntry(*row) for row in table.itertuples(index=False, name=None)])

    def __getstate__(self) -> dict[str, Any]:
        return {"entries": self.entries}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.entries = state["entries"]
        self._automata = None

    @property
    def automaton(self) -> ahocorasick.Automaton | None:
        """Every lower-cased alias (an :class:`AliasKey`), to search the lower-cased text
        (:func:`fold_case`); None for an empty actor list.

        >>> Gazetteer.from_actors(load_actors()).automaton.get("rusia").entries[0][:2]
        ('Rusia', 'russia')
        """
        return self._compiled()[0]

    @property
    def word_start_automaton(self) -> ahocorasick.Automaton | None:
        """The ASCII aliases as :func:`word_start_text` writes them, each mapped to the tuple of
        :class:`AliasKey` written so: it finds the aliases that start a word (and a few more
        places: after a non-ASCII letter), on the text that :func:`word_start_text` returns.

        An alias counts only where it starts a word, so where :meth:`reads_word_starts` allows,
        this automaton finds the same mentions as :attr:`automaton`, two to three times
        faster: every key starts with a NUL, so inside a word the automaton stays at its root,
        where a letter costs one failed look-up.

        >>> automaton = Gazetteer.from_actors(load_actors()).word_start_automaton
        >>> [alias.key for alias in automaton.get(word_start_text("dk pbb"))]
        ['dk pbb', 'dk-pbb']
        """
        return self._compiled()[1]

    def reads_word_starts(self, text: str) -> bool:
        """Whether :attr:`word_start_automaton` finds every alias that starts a word in
        ``text``: always in ASCII text; in other text, when every alias is ASCII and the text
        has no Kelvin sign (the one character outside ASCII that lower-cases into it).

        >>> gazetteer = Gazetteer.from_actors(load_actors())
        >>> gazetteer.reads_word_starts("Rusia – Korut"), gazetteer.reads_word_starts("\u212aim")
        (True, False)
        """
        if self.word_start_automaton is None:
            return False
        if text.isascii():
            return True
        return self._compiled()[2] and _LOWER_CASES_TO_ASCII not in text

    def _compiled(self) -> tuple[ahocorasick.Automaton | None, ahocorasick.Automaton | None, bool]:
        """The two automata and whether every alias is ASCII, built once."""
        if self._automata is None:
            groups: dict[str, list[GazetteerEntry]] = {}
            for entry in self.entries:
                groups.setdefault(fold_case(entry.alias), []).append(entry)
            keys = [AliasKey.from_entries(key, entries) for key, entries in groups.items()]
            by_word_start: dict[str, list[AliasKey]] = {}
            for alias in keys:
                if alias.key.isascii():  # the others are found by ``automaton`` only
                    by_word_start.setdefault(word_start_text(alias.key), []).append(alias)
            self._automata = (
                _automaton({alias.key: alias for alias in keys}),
                _automaton({key: tuple(aliases) for key, aliases in by_word_start.items()}),
                all(alias.key.isascii() for alias in keys),
            )
        return self._automata


def _automaton(values: dict[str, Any]) -> ahocorasick.Automaton | None:
    """An Aho-Corasick automaton over the keys of ``values`` (None when there are none)."""
    if not values:
        return None
    automaton = ahocorasick.Automaton()
    for key, value in values.items():
        automaton.add_word(key, value)
    automaton.make_automaton()
    return automaton


def as_gazetteer(
    actors: pd.DataFrame | Gazetteer | str | os.PathLike[str], *, metonyms: bool = True
) -> Gazetteer:
    """Accept an actor table, a path to an actor list, or a ready :class:`Gazetteer`."""
    if isinstance(actors, Gazetteer):
        return actors
    if not isinstance(actors, pd.DataFrame):
        actors = load_actors(actors, metonyms=metonyms)
    if not metonyms:
        actors = actors[~actors["is_metonym"]]
    return Gazetteer.from_actors(actors)
