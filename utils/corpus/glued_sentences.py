"""Sentences glued together without a space (``2019.Bulan``), split again while cleaning.

Only the space is inserted; web forms (``REPUBLIKA.CO.ID``, URLs, e-mail addresses), numbers
(``2,5``, ``1.000``), dotted abbreviations and initials are left alone. The URL and e-mail
patterns are shared with the tokeniser (:mod:`utils.text.tokeniser`), which keeps them whole.

>>> fix_glued_sentences("Kim tiba 2019.Bulan lalu.")
'Kim tiba 2019. Bulan lalu.'
"""

from __future__ import annotations

import re

URL_PATTERN = r"(?:https?://|www\.)[^\s\"“”‘’<>()\[\]{}]*[^\s\"“”‘’<>()\[\]{}.,;:!?'’]"
EMAIL_PATTERN = r"[\w.+-]+@\w+(?:[.-]\w+)*"

_GLUED_RE = re.compile(
    rf"(?P<keep>{URL_PATTERN}|{EMAIL_PATTERN})"
    # a lowercase letter or digit, a sentence end (plus closing quotes), then a capital
    r"|(?<=[a-z0-9][a-z0-9])(?P<end>[.!?]+[\"”’)]*)(?=[A-Z])"
)


def _unglue(match: re.Match[str]) -> str:
    end = match.group("end")
    return match.group() if end is None else end + " "


def fix_glued_sentences(text: str) -> str:
    """Insert the missing space between two sentences glued together (``2019.Bulan``).

    A space goes after ``.``, ``!`` or ``?`` (and any closing quote) when the two characters before
    are lowercase letters or digits and the next one is a capital. Domains (``REPUBLIKA.CO.ID``,
    ``TEMPO.CO``), numbers (``2,5``, ``1.000``), dotted abbreviations (``a.n.``, ``s.d.``),
    initials (``J.K. Rowling``), URLs and e-mail addresses are left alone.

    >>> fix_glued_sentences("pada April 2019.Bulan lalu perang di Ukraina.AS mengecam.")
    'pada April 2019. Bulan lalu perang di Ukraina. AS mengecam.'
    >>> fix_glued_sentences("REPUBLIKA.CO.ID, 2,5 juta dan 1.000 butir, s.d. J.K. Rowling")
    'REPUBLIKA.CO.ID, 2,5 juta dan 1.000 butir, s.d. J.K. Rowling'
    """
    if not text:
        return text
    return _GLUED_RE.sub(_unglue, text)
