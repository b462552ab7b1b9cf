"""Defaults that fit any corpus: keep the configured items the corpus has, else fall back.

A notebook parameter such as ``TREND_TERMS`` or ``TIMELINE_PAIRS`` names items (terms, actor
pairs) that may not occur in a new corpus. :func:`choose` keeps those that occur and, when none
does, falls back to the corpus's own most frequent items, with a note that says so (for the
notebook and the figure's subtitle). A figure then never shows flat lines at zero for items the
corpus does not have.

>>> choice = choose(["amunisi"], available=["Korea Utara", "Rusia", "rudal"], n=2)
>>> choice.items, choice.fallback
(['Korea Utara', 'Rusia'], True)
>>> choice.note
'not in this corpus: amunisi; showing its top 2 instead: Korea Utara, Rusia'
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

__all__ = ["Choice", "choose"]


@dataclass(frozen=True)
class Choice:
    """What to show: ``items``; ``missing`` configured items; ``fallback`` if the top were used."""

    items: list
    missing: list = field(default_factory=list)
    fallback: bool = False
    note: str = ""


def _text(item: Hashable) -> str:
    return "–".join(map(str, item)) if isinstance(item, tuple | list) else str(item)


def choose(
    requested: Sequence[Hashable] | None,
    *,
    available: Sequence[Hashable],
    n: int = 5,
    what: str = "",
) -> Choice:
    """The requested items found in ``available`` (ranked, most frequent first), else its top ``n``.

    ``requested = None`` means "the corpus's own top ``n``" without a warning. ``what`` names
    the items in the note (``"pairs"``). Items compare as given (tuples for pairs).

    >>> choose(None, available=["Jakarta", "Prabowo"], n=1).items
    ['Jakarta']
    >>> choose(["Prabowo", "amunisi"], available=["Jakarta", "Prabowo"]).note
    'not in this corpus: amunisi'
    >>> choose(["amunisi"], available=[], what="terms").note
    'none of the terms occur in this corpus'
    """
    ranked = list(available)
    present = set(ranked)
    label = f" {what}" if what else ""
    if requested is None:
        items = ranked[:n]
        note = "" if items else f"none of the {what or 'items'} occur in this corpus"
        return Choice(items=items, note=note)
    requested = list(requested)
    found = [item for item in requested if item in present]
    missing = [item for item in requested if item not in present]
    missing_text = ", ".join(_text(item) for item in missing)
    if found:
        note = f"not in this corpus: {missing_text}" if missing else ""
        return Choice(items=found, missing=missing, note=note)
    top = ranked[:n]
    if not top:
        return Choice(
            items=[], missing=missing, note=f"none of the {what or 'items'} occur in this corpus"
        )
    note = (
        f"not in this corpus: {missing_text}; showing its top {len(top)}{label} instead: "
        + ", ".join(_text(item) for item in top)
    )
    return Choice(items=top, missing=missing, fallback=True, note=note)
