"""Constructed article sets with known stories, for the development and test pairs.

From base articles (any real texts) it makes the copies the issue lists, each labelled by
construction: ``republished`` (another outlet's lead and a day later), ``trimmed`` (the first
60% of the paragraphs), ``edited`` (about 5% of the words dropped, a few reporting verbs
changed), ``updated`` (the text plus two or three new paragraphs taken from an unrelated
article) and ``quoted`` (an unrelated article that quotes one paragraph of the base: *not* the
same story). Recurring templates come from :data:`TEMPLATE_FAMILIES`-style wordings filled with
another day's date and figures; one issue is also republished the same day by another outlet
(the same story).

Every pair of articles in a set is labelled: ``same`` (same ``gold_story``), ``template`` (same
template family, different issue) or ``other``.

>>> bases = [("a", "Paragraf satu tentang Rusia dan Korut yang cukup panjang untuk diuji.\\n"
...           "Paragraf dua menyebut Kim Jong-un dan Vladimir Putin di Vladivostok.\\n"
...           "Paragraf tiga tentang kerja sama militer kedua negara."),
...          ("b", "Berita lain tentang harga cabai di pasar induk Kramat Jati yang naik.\\n"
...           "Pedagang mengeluhkan pasokan yang berkurang karena hujan.")]
>>> filler = ("Pemerintah daerah meresmikan jembatan baru di atas sungai Musi pada pagi hari.\\n"
...           "Warga menyambut gembira karena waktu tempuh ke pasar menjadi lebih singkat.\\n"
...           "Gubernur berjanji membangun dua jembatan lagi tahun depan di kabupaten lain.\\n"
...           "Anggaran proyek berasal dari dana alokasi khusus dan kas daerah.\\n"
...           "Jembatan itu dapat dilalui kendaraan roda empat dengan berat maksimal delapan ton.")
>>> articles = make_copies(bases, fillers=[filler], seed=1)
>>> sorted(articles["kind"].unique().tolist())
['base', 'edited', 'quoted', 'republished', 'trimmed', 'updated']
>>> pairs = label_pairs(articles)
>>> pairs.label.value_counts().to_dict()["same"] > 0
True
"""

from __future__ import annotations

import itertools
import random

import pandas as pd

OUTLETS = ("ANTARA", "Republika", "Okezone", "Merdeka", "CNN Indonesia", "Tempo", "Kompas")
LEADS = {"Republika": "REPUBLIKA.CO.ID, JAKARTA -- ", "Okezone": "JAKARTA - ", "Merdeka": "Merdeka.com - ",
         "CNN Indonesia": "Jakarta, CNN Indonesia -- ", "Tempo": "TEMPO.CO, Jakarta - ",
         "Kompas": "JAKARTA, KOMPAS.com - ", "ANTARA": "Jakarta (ANTARA) - "}  # fmt: skip
_VERBS = {"mengatakan": "menyebutkan", "kata": "ujar", "ujar": "kata", "menjelaskan": "memaparkan",
          "menurut": "kata", "menambahkan": "menambahkan pula", "telah": "sudah", "akan": "bakal"}  # fmt: skip
COLUMNS = ("article_id", "text", "outlet", "date", "gold_story", "kind", "family")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _edit(text: str, rng: random.Random) -> str:
    out = []
    for paragraph in _paragraphs(text):
        words = [_VERBS.get(w, w) for w in paragraph.split(" ") if rng.random() > 0.05]
        out.append(" ".join(words))
    return "\n".join(out)


def make_copies(bases: list[tuple[str, str]], *, fillers: list[str], seed: int,
                start: str = "2023-09-01") -> pd.DataFrame:  # fmt: skip
    """Each base plus its copies. New paragraphs (updates) and the body of the quoting article
    come from ``fillers``, unrelated texts never used twice (their paragraphs are dealt out in
    order; a base gets no update or quote when they run out)."""
    rng = random.Random(seed)
    rows = []
    day0 = pd.Timestamp(start)
    pool = [p for text in fillers for p in _paragraphs(text)]
    for i, (base_id, text) in enumerate(bases):
        take = min(len(pool), 5)
        other, pool = pool[:take], pool[take:]
        paragraphs = _paragraphs(text)
        outlet = OUTLETS[i % len(OUTLETS)]
        day = day0 + pd.Timedelta(days=3 * i)
        story = f"story:{base_id}"

        def add(
            kind: str,
            body: str,
            where: str,
            when: pd.Timestamp,
            gold: str = story,
            base: str = base_id,
        ) -> None:
            rows.append({"article_id": f"{base}~{kind}", "text": body, "outlet": where, "date": when,
                         "gold_story": gold, "kind": kind, "family": None})  # fmt: skip

        add("base", "\n".join(paragraphs), outlet, day)
        carrier = OUTLETS[(i + 1 + rng.randrange(len(OUTLETS) - 1)) % len(OUTLETS)]
        add(
            "republished",
            LEADS[carrier] + "\n".join(paragraphs),
            carrier,
            day + pd.Timedelta(days=1),
        )
        keep = max(2, int(len(paragraphs) * 0.6 + 0.5))
        if keep < len(paragraphs):
            add("trimmed", "\n".join(paragraphs[:keep]), OUTLETS[(i + 3) % len(OUTLETS)], day)
        add(
            "edited",
            _edit("\n".join(paragraphs), rng),
            OUTLETS[(i + 4) % len(OUTLETS)],
            day + pd.Timedelta(days=1),
        )
        n_new = rng.choice((2, 3))
        new, other = other[:n_new], other[n_new:]
        if len(new) >= 2:
            add("updated", "\n".join(paragraphs + new), outlet, day)
        if len(paragraphs) >= 2 and len(other) >= 2:
            quoted = other[:1] + [paragraphs[len(paragraphs) // 2]] + other[1:]
            add(
                "quoted",
                "\n".join(quoted),
                OUTLETS[(i + 5) % len(OUTLETS)],
                day,
                gold=f"story:{base_id}~quoted",
            )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def make_templates(families: dict[str, list[str]], *, seed: int, issues: int = 4,
                   start: str = "2023-03-06") -> pd.DataFrame:  # fmt: skip
    """Daily issues of each template family (wordings with ``{slots}``), plus one same-day
    republication by another outlet of the first issue (the same story)."""
    rng = random.Random(seed)
    rows = []
    for family, wordings in families.items():
        for w, wording in enumerate(wordings):
            for k in range(issues):
                day = pd.Timestamp(start) + pd.Timedelta(days=k + 7 * w)
                text = fill_template(wording, day, rng)
                outlet = OUTLETS[(w + len(family)) % len(OUTLETS)]
                story = f"template:{family}:{w}:{k}"
                rows.append({"article_id": f"{family}-{w}-{k}", "text": text, "outlet": outlet, "date": day,
                             "gold_story": story, "kind": "template", "family": f"{family}:{w}"})  # fmt: skip
                if k == 0:
                    carrier = OUTLETS[(w + len(family) + 2) % len(OUTLETS)]
                    rows.append({"article_id": f"{family}-{w}-{k}~republished", "text": LEADS[carrier] + text,
                                 "outlet": carrier, "date": day, "gold_story": story, "kind": "republished",
                                 "family": f"{family}:{w}"})  # fmt: skip
    return pd.DataFrame(rows, columns=list(COLUMNS))


_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember")  # fmt: skip


def fill_template(wording: str, day: pd.Timestamp, rng: random.Random) -> str:
    """Fill ``{hari}``, ``{tanggal}`` and numeric slots ``{n1}``..``{n9}`` (``{n1:,}`` style
    formats use Indonesian thousands dots) for one issue.

    >>> fill_template("Harga emas {hari} ({tanggal}) Rp{n1} per gram.", pd.Timestamp("2023-03-06"),
    ...               random.Random(0)).startswith("Harga emas Senin (6 Maret 2023) Rp")
    True
    """
    values = {
        "hari": _DAYS[day.day_of_week],
        "tanggal": f"{day.day} {_MONTHS[day.month - 1]} {day.year}",
    }
    for k in range(1, 10):
        number = rng.randrange(10, 999_999)
        values[f"n{k}"] = f"{number:,}".replace(",", ".")
        values[f"d{k}"] = f"{rng.randrange(1, 99)},{rng.randrange(0, 99):02d}"
    return wording.format(**values)


def label_pairs(articles: pd.DataFrame) -> pd.DataFrame:
    """Every pair of the set: ``same`` (same gold story), ``template`` (same family) or ``other``."""
    rows = []
    records = articles[["article_id", "gold_story", "family"]].to_dict("records")
    for x, y in itertools.combinations(records, 2):
        if x["gold_story"] == y["gold_story"]:
            label = "same"
        elif x["family"] is not None and x["family"] == y["family"]:
            label = "template"
        else:
            label = "other"
        rows.append({"a": x["article_id"], "b": y["article_id"], "label": label})
    return pd.DataFrame(rows, columns=["a", "b", "label"])
