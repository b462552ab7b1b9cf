"""Cleaning one article: headers, lead marker, trailing bylines/credits/boilerplate, whitespace, quotes.

:func:`clean_article` turns the raw text of one article into its cleaned body
plus the pieces that were moved out of it (title, subtitle, outlet marker,
dateline, explicit date line, credit, byline, boilerplate), so nothing is lost.

The cleaned body follows the collection's contract: paragraphs separated by
exactly one blank line, no other newlines, single spaces, glued sentences
(``2019.Bulan``) split, curly quotes made straight. :func:`count_words` counts
the words of a cleaned body (the loader's ``n_words``).

>>> parts = clean_article("TEMPO.CO, Jakarta - Saling memanggil “kamerad”, mereka bersulang.\\nREUTERS")
>>> parts.text, parts.credit, parts.dateline, parts.outlet
('Saling memanggil "kamerad", mereka bersulang.', 'REUTERS', 'Jakarta', 'Tempo')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from utils.corpus import metadata
from utils.corpus.glued_sentences import fix_glued_sentences

_QUOTES = {"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"}
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_CONTROL_CHARS = "\x00-\x08\x0e-\x1f\x7f"
_ODD_SPACE_CHARS = "\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
#: Control characters and unusual spaces both become one plain space, so one pass does both.
_CONTROL_OR_ODD_SPACE = re.compile(f"[{_CONTROL_CHARS}{_ODD_SPACE_CHARS}]")
#: Printable ASCII and the newline: an ASCII text made only of these needs no character fixes.
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\n"
#: Two spaces or more: "  +" rather than " {2,}", as the regex engine finds a literal start faster.
_MULTI_SPACE = re.compile(r"  +")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_PUNCTUATION_ONLY = re.compile(r"\s[^\w\s]+(?=\s|$)")

#: Agencies and syndication sources that appear as a credit line at the end of a story.
AGENCIES = ("REUTERS", "AP", "AFP", "BBC", "ANTARA", "XINHUA", "BLOOMBERG", "DPA", "KYODO", "YONHAP",
            "AL JAZEERA", "CNN", "ABC", "NHK", "SPUTNIK", "TASS", "KCNA", "NEW YORK TIMES")  # fmt: skip
_AGENCY = "|".join(sorted({*AGENCIES, *(a.title() for a in AGENCIES)}, key=len, reverse=True))
_CREDIT = re.compile(
    rf"^(?:(?:Sumber|Source)\s*:\s*)?(?P<credit>(?:{_AGENCY})(?:\s*[|/,&]\s*(?:{_AGENCY}))*)\.?$"
)
_SOURCE_LINE = re.compile(r"^(?:Sumber|Source)\s*:\s*(?P<credit>.{1,60})$")
_BOILERPLATE = re.compile(
    r"^[\[(]?\s*(?:Pilihan\s+Editor|Baca\s+[Jj]uga|Lihat\s+[Jj]uga|Simak\s+[Jj]uga|Artikel\s+[Tt]erkait|Copyright\s*©|COPYRIGHT\s*©|©)|^Sumber$",
)
_INLINE_LINK = re.compile(r"(?<=[.!?\"'])\s+Baca\s+[Jj]uga\s*:.*$")
_BYLINE_PARAGRAPH = re.compile(r"^\((?P<byline>[A-Za-z*][A-Za-z .*/'’-]{0,40})\)$")
_BYLINE_LABEL = re.compile(
    r"^(?P<byline>(?:Pewarta|Editor|Penulis|Reporter|Redaktur|Penerjemah|Penyunting)\s*:\s*.{1,80})$"
)
_BYLINE_TRAILING = re.compile(r"(?<=[.!?\"'])\s*\((?P<byline>[A-Za-z*][A-Za-z .*/'’-]{0,30})\)$")
#: Cheap pre-checks for glued sentences, one per sentence mark (utils.text.tokeniser decides): the mark
#: after two lowercase letters or digits, then more marks, closing quotes and a capital. A
#: pattern that starts with a literal character is scanned for much faster than a class, and the
#: first lookahead rejects the common mark-space (". Rusia") in one step.
_MAYBE_GLUED = {
    mark: re.compile(rf"\{mark}(?=[.!?\"”’)A-Z])(?<=[a-z0-9][a-z0-9]\{mark})[.!?]*[\"”’)]*[A-Z]")
    for mark in ".!?"
}
_CAPTION = re.compile(
    r"\((?:Foto|Photo|Ilustrasi|Kredit)\s*:|^(?:Foto|Ilustrasi)\s*:", re.IGNORECASE
)
#: A headline has no final punctuation (a first line ending in "?" is a title only when an
#: outlet marker follows it) and at most this many words.
_HEADLINE_END = re.compile(r"[.,;:!?\"'…)]$")
_HEADLINE_MAX_WORDS = 15


@dataclass
class CleanedArticle:
    """One article split into its body and the parts that are not body text."""

    text: str = ""
    title: str | None = None
    subtitle: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    lead_marker: str | None = None
    explicit_date: str | None = None
    credit: str | None = None
    byline: str | None = None
    boilerplate: str | None = None
    n_paragraphs: int = 0


def normalise_text(text: str) -> str:
    """Normalise characters and spacing; keep line structure.

    Unicode NFC, straight quotes, no invisible or control characters, one space
    between words, ``\\n`` line ends.

    >>> normalise_text("Saling  memanggil “kamerad”,\\u00a0mereka\\r\\n‘kekuatan besar’")
    'Saling memanggil "kamerad", mereka\\n\\'kekuatan besar\\''
    """
    if not text.isascii():
        # Quotes and no-break spaces first: NFC neither changes nor makes them, nor their
        # replacements (tests/test_cleaning_speedups.py checks this in the Unicode database), so
        # the order does not matter, and many articles are ASCII after it: no NFC check then.
        for curly, straight in _QUOTES.items():
            if curly in text:
                text = text.replace(curly, straight)
        # the no-break space is by far the most common odd character: one fast replace first
        if "\u00a0" in text:
            text = text.replace("\u00a0", " ")
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    if _has_odd_characters(text):  # most articles have none
        text = _fix_odd_characters(text)
    return _MULTI_SPACE.sub(" ", text) if "  " in text else text


def _fix_odd_characters(text: str) -> str:
    """Drop invisible characters; ``\\r`` line ends become ``\\n``; control characters and
    unusual spaces become one space.

    >>> _fix_odd_characters("Rusia\\u00a0dan\\u200b Korut\\r\\nPutin\\tdan Kim")
    'Rusia dan Korut\\nPutin dan Kim'
    """
    text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_OR_ODD_SPACE.sub(" ", text)


def _has_odd_characters(text: str) -> bool:
    """Whether ``text`` may hold invisible or control characters, unusual spaces or ``\\r``.

    A cheap test that lets most articles skip the character passes: every
    such character is unprintable, and an ASCII text is checked byte by byte.

    >>> _has_odd_characters("Rusia dan Korut\\n“kamerad”"), _has_odd_characters("Rusia\\u00a0dan Korut")
    (False, True)
    """
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _PLAIN_ASCII))
    return not text.replace("\n", " ").isprintable()


def split_paragraphs(text: str) -> list[str]:
    """Split normalised text into paragraphs.

    When the text has blank lines, they separate paragraphs and single line
    breaks inside a block are joined with a space (hard-wrapped text); when it
    has none, every line is a paragraph (the seed files).

    >>> split_paragraphs("Baris satu\\nbaris dua.\\n\\nParagraf dua.")
    ['Baris satu baris dua.', 'Paragraf dua.']
    >>> split_paragraphs("Paragraf satu.\\nParagraf dua.\\n")
    ['Paragraf satu.', 'Paragraf dua.']
    """
    text = text.strip()
    if not text:
        return []
    if not _BLANK_LINE.search(text):
        return list(filter(None, map(str.strip, text.split("\n"))))
    blocks = _BLANK_LINE.split(text)
    if text.count("\n") == 2 * (len(blocks) - 1):  # all newlines in blank lines: one-line blocks
        return list(filter(None, map(str.strip, blocks)))
    return list(filter(None, map(_join_lines, blocks)))


def _join_lines(block: str) -> str:
    """The lines of one block, stripped and joined by one space.

    >>> _join_lines(" Baris satu \\n\\n baris dua. ")
    'Baris satu baris dua.'
    """
    return " ".join(filter(None, map(str.strip, block.split("\n"))))


def _fix_glued(text: str) -> str:
    """Split ``2019.Bulan`` glued sentences with :func:`utils.corpus.glued_sentences.fix_glued_sentences`.

    >>> _fix_glued("Rusia diam. Korut 2019.Bulan lalu."), _fix_glued("Rusia diam.")
    ('Rusia diam. Korut 2019. Bulan lalu.', 'Rusia diam.')
    """
    for mark, pattern in _MAYBE_GLUED.items():
        if mark in text and pattern.search(text):
            return fix_glued_sentences(text)
    return text  # most articles have none: no full pass


def looks_like_headline(line: str) -> bool:
    """A short line without final punctuation: a title or subtitle, not a sentence.

    >>> looks_like_headline("Rusia inginkan senjata sedangkan Korut inginkan pangan dan energi")
    True
    >>> looks_like_headline("Keduanya diketahui tidak pernah meninggalkan negara mereka.")
    False
    """
    return (
        len(line.split()) <= _HEADLINE_MAX_WORDS
        and len(line) <= 150
        and not _HEADLINE_END.search(line)
    )


def _take_header(paragraphs: list[str], *, title_from_text: bool) -> tuple[dict, int]:
    """Lines before the outlet marker: title, subtitle, byline or photo caption; returns (parts, n_taken).

    >>> _take_header(["Putin Bertemu Kim", "TEMPO.CO, Moskow - Rusia diam."], title_from_text=False)
    ({'titles': ['Putin Bertemu Kim'], 'bylines': [], 'boilerplate': []}, 1)
    """
    # a marker on the 2nd or 3rd paragraph confirms the lines above are headers; the lines are
    # tested first, as that is cheap and most articles open with a sentence, not a header
    for position in (1, 2):
        header = paragraphs[:position]
        if (
            len(paragraphs) > position
            and all(map(_may_be_header_line, header))
            and metadata.parse_lead(paragraphs[position]).outlet
        ):
            found: dict = {"titles": [], "bylines": [], "boilerplate": []}
            for line in header:
                if match := _BYLINE_LABEL.match(line):
                    found["bylines"].append(match.group("byline"))
                elif _CAPTION.search(line):
                    found["boilerplate"].append(line)
                else:
                    found["titles"].append(line)
            return found, position
    if title_from_text and len(paragraphs) >= 3 and looks_like_headline(paragraphs[0]):
        if not metadata.parse_lead(paragraphs[0]).marker:
            return {"titles": [paragraphs[0]], "bylines": [], "boilerplate": []}, 1
    return {"titles": [], "bylines": [], "boilerplate": []}, 0


def _may_be_header_line(line: str) -> bool:
    """A line above an outlet marker that can be a header: no final period, 25 words at most.

    >>> _may_be_header_line("Putin Bertemu Kim"), _may_be_header_line("Rusia diam.")
    (True, False)
    """
    return not line.endswith(".") and len(line.split()) <= 25


def _credit_or_byline(signoff: str, credits: list[str], bylines: list[str]) -> None:
    """A parenthesised sign-off is a credit when it names an agency ``(Antara)``, else a byline."""
    if _CREDIT.match(signoff) or signoff.upper().removesuffix(" NEWS") in AGENCIES:
        credits.insert(0, signoff)
    else:
        bylines.insert(0, signoff)


def _peel_trailer(paragraphs: list[str], parts: CleanedArticle, *, text: str = "") -> None:
    """Move trailing credit lines, bylines and boilerplate out of the body, last paragraph first.

    ``text`` is the article text the paragraphs were split from (see :func:`_may_hold_links`).
    """
    credits, bylines, boilerplate = [], [], []
    while paragraphs:
        last = paragraphs[-1]
        if match := _CREDIT.match(last):
            credits.insert(0, match.group("credit").strip())
        elif (match := _BYLINE_PARAGRAPH.match(last)) or (match := _BYLINE_LABEL.match(last)):
            _credit_or_byline(match.group("byline").strip(), credits, bylines)
        elif _BOILERPLATE.match(last) and len(last.split()) <= 25:
            boilerplate.insert(0, last)
        elif (match := _SOURCE_LINE.match(last)) and len(last.split()) <= 8:
            credits.insert(0, match.group("credit").strip())
        else:
            if last.endswith(")") and (match := _BYLINE_TRAILING.search(last)):
                _credit_or_byline(match.group("byline").strip(), credits, bylines)
                paragraphs[-1] = last[: match.start()].rstrip()
            break
        paragraphs.pop()
    if _may_hold_links(paragraphs, text=text):
        _move_links(paragraphs, boilerplate)
    parts.credit = " | ".join(credits) or None
    parts.byline = " | ".join(bylines) or None
    parts.boilerplate = "\n".join(boilerplate) or None


def _may_hold_links(paragraphs: list[str], *, text: str = "") -> bool:
    """Whether a paragraph opens like boilerplate or mentions "Baca" (most articles: neither).

    ``text``, the article text the paragraphs were split from (they hold no word it lacks), is
    looked at for "Baca" in one fast pass instead of each paragraph; a "Baca" there outside the
    paragraphs only costs the full check of :func:`_move_links`, which then moves nothing.

    >>> _may_hold_links(["Rusia diam.", "Baca juga: Putin"]), _may_hold_links(["Rusia diam."])
    (True, False)
    """
    if any(map(_BOILERPLATE.match, paragraphs)):
        return True
    return "Baca" in text if text else any("Baca" in paragraph for paragraph in paragraphs)


def _move_links(paragraphs: list[str], boilerplate: list[str]) -> None:
    """Move "Baca juga: ..." link paragraphs inside the body to ``boilerplate``, with the
    headline-like link titles that follow a bare "Baca juga:", and inline links at a paragraph's end.

    >>> paragraphs, moved = ["Rusia diam.", "Baca juga:", "Putin Bertemu Kim", "Korut senang."], []
    >>> _move_links(paragraphs, moved)
    >>> paragraphs, moved
    (['Rusia diam.', 'Korut senang.'], ['Baca juga:', 'Putin Bertemu Kim'])
    """
    kept, in_links = [], False
    for paragraph in paragraphs:
        if _BOILERPLATE.match(paragraph) and len(paragraph.split()) <= 25:
            boilerplate.append(paragraph)
            in_links = paragraph.rstrip().endswith(":")
        elif in_links and looks_like_headline(paragraph) and not paragraph.startswith(('"', "'")):
            boilerplate.append(paragraph)
        else:
            if (
                "Baca" in paragraph
                and (match := _INLINE_LINK.search(paragraph))
                and len(match.group().split()) <= 40
            ):
                boilerplate.append(match.group().strip())
                paragraph = paragraph[: match.start()].rstrip()
            kept.append(paragraph)
            in_links = False
    paragraphs[:] = kept


def clean_article(
    raw_text: str, *, title_from_text: bool = True, fix_glued: bool = True
) -> CleanedArticle:
    """Clean one article's raw text; every removed piece lands in its own field.

    ``title_from_text`` lets a short first line without final punctuation
    become the title even when no outlet marker follows it (use it for
    one-article ``.txt`` files, not for CSV/JSONL rows that carry a title column).

    >>> parts = clean_article(
    ...     "Apa yang Diinginkan Korut dan Rusia?\\nRusia inginkan senjata\\n"
    ...     "REPUBLIKA.CO.ID, Pemimpin Korea Utara berkunjung ke Rusia.")
    >>> parts.title, parts.subtitle, parts.outlet, parts.text
    ('Apa yang Diinginkan Korut dan Rusia?', 'Rusia inginkan senjata', 'Republika', 'Pemimpin Korea Utara berkunjung ke Rusia.')
    >>> clean_article(" date 2023-09 Jakarta (ANTARA) - Pertemuan pada 2019.Bulan April itu.").text
    'Pertemuan pada 2019. Bulan April itu.'
    >>> clean_article("Tapi ini alternatif untuk saat ini.\\n(Susi Susanti)").byline
    'Susi Susanti'
    """
    parts = CleanedArticle()
    text = normalise_text(raw_text).strip()
    if match := metadata.EXPLICIT_DATE_LINE.match(text):
        parts.explicit_date = match.group("value")
        text = text[match.end() :]
    paragraphs = split_paragraphs(text)
    header, taken = _take_header(paragraphs, title_from_text=title_from_text)
    del paragraphs[:taken]
    parts.title = header["titles"][0] if header["titles"] else None
    parts.subtitle = header["titles"][1] if len(header["titles"]) > 1 else None
    if paragraphs:
        lead = metadata.parse_lead(paragraphs[0])
        if lead.marker:
            parts.outlet, parts.dateline, parts.lead_marker = (
                lead.outlet,
                lead.dateline,
                lead.marker.strip(),
            )
            paragraphs[0] = paragraphs[0][len(lead.marker) :].strip()
            if not paragraphs[0]:
                paragraphs.pop(0)
    _peel_trailer(paragraphs, parts, text=text)
    if header["bylines"]:
        parts.byline = " | ".join([*header["bylines"], *([parts.byline] if parts.byline else [])])
    if header["boilerplate"]:
        parts.boilerplate = "\n".join(
            [*header["boilerplate"], *([parts.boilerplate] if parts.boilerplate else [])]
        )
    paragraphs = list(filter(None, map(str.strip, paragraphs)))
    parts.text = "\n\n".join(paragraphs)
    if fix_glued:
        parts.text = _fix_glued(parts.text)
    parts.n_paragraphs = len(paragraphs)
    return parts


def count_words(text: str) -> int:
    """Words in a text: whitespace-separated pieces that are not punctuation alone.

    >>> count_words('Kim Jong-un dan negara-negara lain - "2,5 juta" .')
    7
    """
    if text.isascii():
        return _count_ascii_words(text)
    return len(text.split()) - len(_PUNCTUATION_ONLY.findall(" " + text))


def _ascii_word_classes() -> tuple[bytes, bytes]:
    """For :func:`_count_ascii_words`: a byte table that turns spaces into ``b" "`` and word
    characters (letters, digits, ``_``) into ``b"w"``, and the other bytes (punctuation) to delete."""
    spaces = [code for code in range(128) if chr(code).isspace()]
    word = [code for code in range(128) if chr(code).isalnum() or chr(code) == "_"]
    punctuation = bytes(code for code in range(128) if code not in spaces and code not in word)
    return bytes.maketrans(bytes(spaces + word), b" " * len(spaces) + b"w" * len(word)), punctuation


_ASCII_WORD_TABLE, _ASCII_PUNCTUATION = _ascii_word_classes()


def _count_ascii_words(text: str) -> int:
    """:func:`count_words` for ASCII text, without making one string per word: with punctuation
    deleted, a piece of punctuation alone vanishes and every word starts with ``w`` after a space.

    >>> _count_ascii_words('Kim Jong-un dan negara-negara lain - "2,5 juta" .')
    7
    """
    classes = text.encode("ascii").translate(_ASCII_WORD_TABLE, _ASCII_PUNCTUATION)
    return classes.count(b" w") + classes.startswith(b"w")
