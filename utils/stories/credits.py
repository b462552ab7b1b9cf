"""Wire credits: which agency's copy an article carries, from its credit line and its lead.

Sources, in order: the ``credit`` column (the loader moves a closing ``REUTERS`` / ``(Antara)``
line there, and the sidecar can set it), the lead marker (``Jakarta (ANTARA) -``), and the first
``LEAD_CHARS`` characters of the text (``dilansir Reuters``, ``kantor berita Yonhap``,
``(AFP)``). Names are canonical (``Reuters``, ``AP``, ``AFP``, ``BBC``, ``ANTARA``, ``Xinhua``,
``Yonhap``, ``KCNA``, ...); several are joined with `` | `` in alphabetical order.

>>> wire_credits(credit="REUTERS", lead_marker=None, text="Moskow - ...")
'Reuters'
>>> wire_credits(credit=None, lead_marker="Jakarta (ANTARA) -", text="Presiden ...")
'ANTARA'
>>> wire_credits(credit=None, lead_marker=None,
...              text="Pyongyang - Korut menembakkan rudal, lapor kantor berita Yonhap dan KCNA.")
'KCNA | Yonhap'
"""

from __future__ import annotations

import re

import pandas as pd

LEAD_CHARS = 600
#: Canonical agency name -> pattern (case-sensitive where a lowercase word would be ambiguous:
#: ``AP`` is never ``apa``, ``ANTARA`` in a lead is the agency, ``antara`` the preposition).
AGENCY_PATTERNS = {
    "Reuters": r"\bReuters\b|\bREUTERS\b",
    "AP": r"\bAP\b|\bAssociated Press\b",
    "AFP": r"\bAFP\b|\bAgence France[- ]Presse\b",
    "BBC": r"\bBBC\b",
    "ANTARA": r"\bANTARA\b|\(Antara\)|\bAntara News\b|\bAntaranews\b|kantor berita Antara",
    "Xinhua": r"\bXinhua\b|\bXINHUA\b",
    "Yonhap": r"\bYonhap\b|\bYONHAP\b",
    "KCNA": r"\bKCNA\b",
    "Kyodo": r"\bKyodo\b|\bKYODO\b",
    "Bloomberg": r"\bBloomberg\b|\bBLOOMBERG\b",
    "DPA": r"\bDPA\b|\bdpa\b",
    "TASS": r"\bTASS\b|\bTass\b",
    "Sputnik": r"\bSputnik\b|\bSPUTNIK\b",
    "Al Jazeera": r"\bAl Jazeera\b|\bAL JAZEERA\b",
    "CNN": r"\bCNN\b(?! Indonesia)",
    "NHK": r"\bNHK\b",
}
_PATTERNS = {name: re.compile(pattern) for name, pattern in AGENCY_PATTERNS.items()}
#: In the lead an agency counts only when cited as the source, not merely mentioned.
_CITED = re.compile(
    r"(?:dilansir|melansir|dikutip|mengutip|dari|lapor|laporan|dilaporkan|menurut|kata|seperti|"
    r"kantor berita|\(|\bvia)\W{0,3}(?:\w+\W+){0,4}?$",
    re.IGNORECASE,
)


def _found(text: str, *, cited_only: bool) -> set[str]:
    names: set[str] = set()
    for name, pattern in _PATTERNS.items():
        for match in pattern.finditer(text):
            if (
                not cited_only
                or match.group(0).startswith("(")
                or _CITED.search(text[max(0, match.start() - 40) : match.start()])
            ):
                names.add(name)
                break
    return names


def wire_credits(*, credit: str | None, lead_marker: str | None, text: str | None) -> str | None:
    """Canonical wire credits of one article, or None (see the module docstring)."""
    names = set()
    for value in (credit, lead_marker):
        if isinstance(value, str) and value:
            names |= _found(value, cited_only=False)
    if isinstance(text, str) and text:
        names |= _found(text[:LEAD_CHARS], cited_only=True)
    return " | ".join(sorted(names)) or None


def credits_column(articles: pd.DataFrame) -> pd.Series:
    """``wire_credits`` for every article of an article table (missing columns count as empty).

    >>> credits_column(pd.DataFrame({"credit": ["BBC", None], "text": ["...", "Kata Xinhua, ..."]})).tolist()
    ['BBC', 'Xinhua']
    """
    empty = pd.Series([None] * len(articles), index=articles.index, dtype=object)
    columns = [
        articles[c] if c in articles.columns else empty for c in ("credit", "lead_marker", "text")
    ]
    values = [
        wire_credits(credit=_text(c), lead_marker=_text(m), text=_text(t))
        for c, m, t in zip(*columns, strict=True)
    ]
    return pd.Series(values, index=articles.index, name="wire_credits", dtype=object)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
