"""Sentences, tokens and stopwords on cases taken from the five seed articles (``data/raw``)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from utils import corpus, paths, text
from utils.corpus.glued_sentences import URL_PATTERN
from utils.engine import EngineOptions
from utils.text import sentences, stopwords, tokeniser


@pytest.fixture(scope="module")
def seed_texts(seed_dir):
    files = sorted(seed_dir.glob("*.txt"))
    assert len(files) == 5
    return {file.name: file.read_text(encoding="utf-8") for file in files}


# ----------------------------------------------------------------------- glued sentences


@pytest.mark.parametrize(
    ("glued", "fixed"),
    [
        (
            "pertemuan pertama mereka pada 2019.Bulan April",
            "pertemuan pertama mereka pada 2019. Bulan April",
        ),
        ("Korea Utara, gagal total.Saat itu Rusia", "Korea Utara, gagal total. Saat itu Rusia"),
        ("perang di Ukraina.AS dan sekutu-sekutunya", "perang di Ukraina. AS dan sekutu-sekutunya"),
        ('kata dia."Saat itu', 'kata dia." Saat itu'),
    ],
)
def test_fix_glued_sentences_splits_seed_cases(glued, fixed):
    assert corpus.fix_glued_sentences(glued) == fixed


@pytest.mark.parametrize(
    "untouched",
    [
        "REPUBLIKA.CO.ID, MOSKOW - Rusia",
        "TEMPO.CO, Jakarta - Hubungan akrab",
        "senilai 2,5 juta dolar dan 1.000 butir",
        "a.n. Menteri, s.d. Desember",
        "J.K. Rowling dan Donald J. Trump",
        "lihat https://www.BBC.com/News.Indonesia atau kirim ke redaksi@Tempo.co.Id",
        "Perang Korea 1950-53. Negara ini",
    ],
)
def test_fix_glued_sentences_leaves_domains_numbers_abbreviations(untouched):
    assert corpus.fix_glued_sentences(untouched) == untouched


def test_fix_glued_sentences_on_seed_is_idempotent(seed_texts):
    raw = seed_texts["001_eb808f83b9bdf8cd.txt"]
    fixed = corpus.fix_glued_sentences(raw)
    assert corpus.fix_glued_sentences(fixed) == fixed
    assert "2019. Bulan" in fixed and "Ukraina. AS" in fixed
    assert not re.search(r"[a-z0-9]{2}[.!?][A-Z][a-z]", fixed)
    assert len(fixed) - len(raw) == len(re.findall(r"(?<=[a-z0-9]{2})[.!?](?=[A-Z])", raw))


# ----------------------------------------------------------------------- paragraphs, sentences


def test_paragraph_spans_on_cleaned_and_raw_text():
    cleaned = "Rusia membantah.\n\nKorea Utara diam.  \n \n\nAS mengecam."
    spans = text.paragraph_spans(cleaned)
    assert [cleaned[s:e] for s, e in spans] == [
        "Rusia membantah.",
        "Korea Utara diam.",
        "AS mengecam.",
    ]
    assert text.paragraph_spans("") == [] and text.paragraph_spans(" \n\n ") == []


def test_sentences_split_glued_and_keep_abbreviations_and_decimals():
    sample = (
        "Pertemuan itu mengimbangi pertemuan pertama mereka pada 2019.Bulan April, empat tahun silam. "
        "Menurut Dr. Kim dkk. (2020) di Jl. Merdeka No. 5, nilainya 2,5 juta dolar a.n. negara. "
        "Kapal tiba s.d. 13 September."
    )
    assert text.split_sentences(sample) == [
        "Pertemuan itu mengimbangi pertemuan pertama mereka pada 2019.",
        "Bulan April, empat tahun silam.",
        "Menurut Dr. Kim dkk. (2020) di Jl. Merdeka No. 5, nilainya 2,5 juta dolar a.n. negara.",
        "Kapal tiba s.d. 13 September.",
    ]


def test_sentences_with_quotes_opening_and_closing():
    # seed 000 (curly quotes) and seed 002 (straight quotes)
    sample = (
        "“Sebuah kekuatan besar tidak akan pergi ke Korea Utara untuk membangun aliansi,” lanjutnya. "
        '"Rusia sangat membutuhkan (pasokan perang). Jika tidak, bagaimana mungkin?" kata Kim Taewoo. '
        "Apakah ini sebuah bromance? Tidak tepat."
    )
    assert text.split_sentences(sample) == [
        "“Sebuah kekuatan besar tidak akan pergi ke Korea Utara untuk membangun aliansi,” lanjutnya.",
        '"Rusia sangat membutuhkan (pasokan perang).',
        'Jika tidak, bagaimana mungkin?" kata Kim Taewoo.',
        "Apakah ini sebuah bromance?",
        "Tidak tepat.",
    ]


def test_sentence_after_closing_quote_and_initials():
    sample = "Ia menyebutnya “negara nakal”. Donald J. Trump diam. Kata W. Keputusan itu final."
    assert text.split_sentences(sample)[:2] == [
        "Ia menyebutnya “negara nakal”.",
        "Donald J. Trump diam.",
    ]


def test_sentences_never_cross_paragraphs_and_spans_index_text(seed_texts):
    for name, raw in seed_texts.items():
        spans = text.sentence_spans(raw)
        assert spans, name
        previous_end = 0
        for start, end in spans:
            sentence = raw[start:end]
            assert sentence == sentence.strip() and sentence, name
            assert "\n" not in sentence, (name, sentence)
            assert start >= previous_end
            previous_end = end
        paragraph_ends = {e for _, e in text.paragraph_spans(raw)}
        assert paragraph_ends <= {e for _, e in spans}


def test_seed_sentences_reasonable(seed_texts):
    sentences = text.split_sentences(seed_texts["004_4b67c06523eba79c.txt"])
    assert sentences[0].startswith("TEMPO.CO, Jakarta - Hubungan akrab")
    assert sentences[0].endswith("demikian para analis.")
    assert (
        "“Kim juga memberi isyarat kepada Washington, Seoul dan Tokyo bahwa Rusia mendukungnya.”"
        in sentences
    )


# ----------------------------------------------------------------------- tokens


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("AS dan sekutu-sekutunya menilai", ["AS", "dan", "sekutu-sekutunya", "menilai"]),
        (
            "negara-negara Barat, kota-kota besar",
            ["negara-negara", "Barat", ",", "kota-kota", "besar"],
        ),
        ("invasi besar-besaran ke Ukraina", ["invasi", "besar-besaran", "ke", "Ukraina"]),
        ("Kim Jong-un dan Leif-Eric Easley", ["Kim", "Jong-un", "dan", "Leif-Eric", "Easley"]),
        ("kata Nam Sung-wook.", ["kata", "Nam", "Sung-wook", "."]),
        ("senilai 2,5 juta dan 1.000 butir", ["senilai", "2,5", "juta", "dan", "1.000", "butir"]),
        (
            "Perang Korea 1950-1953 atau 1950-53",
            ["Perang", "Korea", "1950-1953", "atau", "1950-53"],
        ),
        ("Rabu (13/9) dan (20/8)", ["Rabu", "(", "13/9", ")", "dan", "(", "20/8", ")"]),
        ("naik 50% menjadi Rp2,5 triliun", ["naik", "50", "%", "menjadi", "Rp", "2,5", "triliun"]),
        ("Dewan Keamanan (DK PBB)", ["Dewan", "Keamanan", "(", "DK", "PBB", ")"]),
        ("REPUBLIKA.CO.ID, MOSKOW -", ["REPUBLIKA.CO.ID", ",", "MOSKOW", "-"]),
        ("TEMPO.CO, Jakarta", ["TEMPO.CO", ",", "Jakarta"]),
        ("a.n. Menteri s.d. Dr. Budi dkk.", ["a.n.", "Menteri", "s.d.", "Dr.", "Budi", "dkk."]),
        ("1990-an, ke-2", ["1990-an", ",", "ke-2"]),
    ],
)
def test_tokenise_seed_cases(sample, expected):
    assert text.tokenise(sample) == expected


def test_tokenise_web_forms():
    sample = "Baca https://www.bbc.com/indonesia/dunia-66782245. Kontak redaksi@tempo.co.id, #KTT @kremlin"
    assert text.tokenise(sample) == [
        "Baca",
        "https://www.bbc.com/indonesia/dunia-66782245",
        ".",
        "Kontak",
        "redaksi@tempo.co.id",
        ",",
        "#KTT",
        "@kremlin",
    ]


def test_quotes_are_separate_tokens_or_dropped():
    sample = "menentang “hegemoni” Amerika, propaganda ‘kekuatan besar’ Rusia dan 'menang-menang'"
    tokens = text.tokenise(sample)
    for quote in "“”‘’'":
        assert quote in tokens
    assert "menang-menang" in tokens and "hegemoni" in tokens
    words = text.tokenise(sample, punctuation=False)
    assert words == [
        "menentang",
        "hegemoni",
        "Amerika",
        "propaganda",
        "kekuatan",
        "besar",
        "Rusia",
        "dan",
        "menang-menang",
    ]


def test_clitics_kept_by_default_and_split_by_option():
    sample = (
        "Apakah negaranya hanya punya sekutu-sekutunya? Bertanyalah pada sekolah, meskipun sulit."
    )
    assert "negaranya" in text.tokenise(sample)
    split = text.tokenise(sample, split_clitics=True, punctuation=False)
    assert split == [
        "Apa", "kah", "negara", "nya", "hanya", "punya", "sekutu-sekutu", "nya",
        "Bertanya", "lah", "pada", "sekolah", "meskipun", "sulit",
    ]  # fmt: skip
    # words that only look clitic-final stay whole
    for word in ["tanya", "punya", "hanya", "Kenya", "adalah", "masalah", "langkah", "nyanyi"]:
        assert text.tokenise(word, split_clitics=True) == [word]


def test_offsets_are_exact_on_all_seeds(seed_texts):
    for name, raw in seed_texts.items():
        for options in ({}, {"split_clitics": True}, {"punctuation": False}):
            triples = text.tokenise_with_offsets(raw, **options)
            previous_end = 0
            for token, start, end in triples:
                assert raw[start:end] == token, (name, token)
                assert start >= previous_end
                previous_end = end
            assert [t for t, _, _ in triples] == text.tokenise(raw, **options)


def test_tokenise_with_curly_quotes_and_apostrophes():
    assert text.tokenise("Jum’at ‘ya’") == ["Jum’at", "‘", "ya", "’"]
    assert text.tokenise("Moody's") == ["Moody", "'s"]


@pytest.mark.parametrize("empty", ["", "   ", "\n\n"])
def test_empty_text(empty):
    assert text.tokenise(empty) == []
    assert text.split_sentences(empty) == []
    assert text.tokenise_with_offsets(empty) == []


def test_only_punctuation():
    assert text.tokenise("... !!! “”") == ["...", "!", "!", "!", "“", "”"]
    assert text.tokenise("... !!! “”", punctuation=False) == []
    assert text.split_sentences("...") == ["..."]


def test_very_long_token_and_mixed_scripts():
    long_word = "a" * 100_000
    assert text.tokenise(f"kata {long_word}.") == ["kata", long_word, "."]
    sample = "Putin (Путин) bertemu Kim Jong-un (김정은, 金正恩) 🇷🇺🤝 di Vostochny."
    tokens = text.tokenise(sample)
    assert {"Путин", "김정은", "金正恩", "Jong-un", "Vostochny"} <= set(tokens)
    assert len(text.split_sentences(sample)) == 1


# ----------------------------------------------------------------------- stopwords


def test_stopword_lists_have_provenance_and_protect_actor_words():
    header = paths.STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()[:10]
    assert any("PySastrawi" in line for line in header) and any("spaCy" in line for line in header)
    words = stopwords.load_stopwords()
    assert {"yang", "dan", "kata", "ujar", "tersebut", "ungkap", "jelas", "tambah"} <= words
    assert "kerja" not in words and "sama" not in words  # "kerja sama" is a key term
    tokens = ["Amerika", "Serikat", "(", "AS", ")", "dan", "PBB", "kata", "antara", "ANTARA"]
    assert stopwords.remove_stopwords(tokens) == [
        "Amerika",
        "Serikat",
        "(",
        "AS",
        ")",
        "PBB",
        "ANTARA",
    ]
    assert stopwords.stopword_flags(["para", "Para"], protected={"Para"}) == [True, False]


# ----------------------------------------------------------------------- token table


def test_token_table_columns_dtypes_and_protection():
    articles = pd.DataFrame(
        {
            "article_id": ["b", "a"],
            "text": ["Korut 2019.Bulan lalu AS diam.\n\nDan sekutu-sekutunya menolak.", ""],
        }
    )
    table = text.token_table(articles, options=EngineOptions(progress=False))
    assert list(table.columns) == text.TOKEN_COLUMNS
    assert table["article_id"].cat.categories.tolist() == ["b", "a"]
    assert str(table["sentence_no"].dtype) == "int32" and str(table["position"].dtype) == "int32"
    assert table["sentence_no"].tolist() == [0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2]
    assert table["position"].tolist() == list(range(12))
    row = table.set_index("token").loc["AS"]
    assert not row["is_stopword"] and row["norm"] == "as"
    assert table.set_index("token").loc["Dan", "is_stopword"]
    source = articles.loc[0, "text"]
    assert all(
        source[s:e] == t
        for t, s, e in zip(table["token"].astype(str), table["start"], table["end"], strict=True)
    )


def test_token_table_is_deterministic(seed_texts):
    articles = pd.DataFrame({"article_id": list(seed_texts), "text": list(seed_texts.values())})
    first = text.token_table(articles, options=EngineOptions(progress=False))
    second = text.token_table(articles, options=EngineOptions(progress=False))
    pd.testing.assert_frame_equal(first, second)
    assert len(first) > 4000


def test_invisible_format_characters_are_not_tokens():
    assert text.tokenise("kata\u200b dia\ufeff \u00ad") == ["kata", "dia"]


def test_sentence_table_numbers_paragraphs_and_sentences(seed_texts):
    raw = seed_texts["002_2509aca90c52c704.txt"]
    table = text.sentence_table(pd.DataFrame({"article_id": ["002"], "text": [raw]}))
    assert table["sentence_no"].tolist() == list(range(len(table)))
    assert table["paragraph_no"].is_monotonic_increasing
    assert table.loc[0, "sentence"] == "Apa yang Diinginkan Korut dan Rusia Satu Sama Lain?"
    assert all(
        raw[s:e] == sentence for s, e, sentence in table[["start", "end", "sentence"]].values
    )


def test_protected_words_come_from_actor_aliases():
    words = stopwords.protected_words(
        ["Amerika Serikat", "AS", "Kim Jong-un", "Dewan Keamanan PBB"]
    )
    assert {"AS", "Jong-un", "PBB", "Keamanan"} <= words
    # compared as written: the protected alias word stays, the lowercase function word goes
    assert stopwords.stopword_flags(["antara", "Antara"], protected={"Antara"}) == [True, False]


def test_list_numbers_do_not_end_a_sentence():
    sample = "Ada dua hal. 1. Rusia butuh amunisi. 2. Korut butuh pangan. Harga naik 5. Lalu turun."
    assert text.split_sentences(sample) == [
        "Ada dua hal.",
        "1. Rusia butuh amunisi.",
        "2. Korut butuh pangan.",
        "Harga naik 5.",
        "Lalu turun.",
    ]


# ----------------------------------------------------------------- sentence boundary follow-ups
# Cases from the UD-GSD/CSUI error review and IndoSum (scripts/evaluate_tokeniser.py
# --sentence-errors N): each was a wrong split or a missed boundary before.


@pytest.mark.parametrize(
    "sample",
    [
        '"Kapan perang usai?" tanya dia kepada wartawan.',  # ?" + lowercase said-clause
        "Donald J. Trump dan Rashid I. Mangunkusumo hadir.",  # initials after a name
        "Saham dijual ke Hyundai Merchant Marine Co. Ltd. dari Korea Selatan.",
        "Menurut Budi dkk. (2020) itu wajar.",
        "Menurut Pelaksana Tugas (Plt.) Direktur Pengamanan, virus itu berbahaya.",
        "Honje hutan (E. hemisphaerica (Bl.) RM Smith) rasanya asam.",
        "Lagu Good Goodbye (feat. Pusha T dan Stormzy) dirilis.",
        "Kini CityVille mempunyai 2.904. 678 pemain dan Symbian OS v9. 1 dirilis.",
        "Ia lahir di Dsn. Kaluwan Dk. Botoh dan meraih gelar Ph. D. dalam ilmu politik.",
        # Rumah Sakit before a hospital's name (UD-GSD dev; IndoSum)
        "Fasilitas baru menjadikan RS. Santo Borromeus sebuah fasilitas yang memadai.",
        "Bayi itu dievakuasi ke RS. Siloam Purwakarta dan diberi nama Bhayangkari.",
    ],
)
def test_periods_that_do_not_end_a_sentence(sample):
    assert text.split_sentences(sample) == [sample]


@pytest.mark.parametrize(
    ("sample", "first"),
    [
        ("Ekspor naik pada kuartal I. Dengan naiknya produksi, ia yakin.", "kuartal I."),
        ("Harganya kalah dari iPhone X. Analis percaya hal itu.", "iPhone X."),
        ('Mitra lain ialah Sojitz Corp dan Itochu Corp. "Jumlahnya sama," katanya.', "Corp."),
        ("Pemain aktif ada di Taman Kanak-Kanak (TK). Jumlah TK naik.", "(TK)."),
        ("Panduan lengkap bisa dilihat di sini. - Jangan aktifkan fungsi Macro.", "di sini."),
        ("Ia bermain di klub Cesena. ひ, dalam hiragana, dibaca hi.", "Cesena."),
    ],
)
def test_boundaries_after_numerals_companies_brackets_and_before_dashes(sample, first):
    sentences = text.split_sentences(sample)
    assert len(sentences) == 2 and sentences[0].endswith(first), sentences


def test_hospital_abbreviation_is_one_token():
    assert text.tokenise("dievakuasi ke RS. Siloam Purwakarta.") == [
        "dievakuasi", "ke", "RS.", "Siloam", "Purwakarta", ".",
    ]  # fmt: skip
    # "Rs." (rupee) is not the hospital
    assert text.tokenise("harganya Rs. 500") == ["harganya", "Rs", ".", "500"]


# ----------------------------------------------------------------- the fast paths change nothing
# utils.text.tokeniser matches tokens and sentence-end candidates with regexes written for speed; each must
# give the same matches as the plain form it replaced (the equality was also checked on the
# 3,410 IndoSum articles, the seeds and the UD texts when it was written).

TRICKY = [
    "Dr. Kim tiba di Jl. Merdeka No. 5. “Kami siap,” kata dia.Rusia diam... Lalu?! Ya!!\n\nAS",
    "J. Trump, a.n. Menteri, s.d. 13/9, Rp2,5 juta, 50%, 1950-53, kata-a.n. ke-2 Jum’at Moody's",
    "REPUBLIKA.CO.ID, redaksi@tempo.co.id https://www.bbc.com/x #KTT @kremlin dkk. (2020) 2.904. 678",
    "kuartal I. Dengan (E. hemisphaerica (Bl.) Smith) “negara nakal”. - Jangan 1. Rusia ...\n“Baru",
    "Cesena. ひ dibaca hi. Sekutu-sekutunya… Harga é. É. x_y _z 2,5,6 v9. 1 Co. Ltd. dll. Rusia",
]


def _plain_token_pattern(web: bool, punctuation: bool, dotted_after_join: bool) -> re.Pattern:
    word = (
        r"\w+"
        + tokeniser._JOINS
        + tokeniser._TAIL.replace("{abbreviation_period}", tokeniser._abbreviation_period())
    )
    parts = ([URL_PATTERN] if web else []) + ([tokeniser._DOTTED] if dotted_after_join else [])
    parts += [tokeniser._HANDLE, tokeniser._CURRENCY, word] + ([tokeniser._PUNCT] if punctuation else [])
    return re.compile("|".join(parts))


@pytest.mark.parametrize("punctuation", [True, False])
def test_token_pattern_matches_its_plain_form(seed_texts, punctuation):
    samples = [*seed_texts.values(), *TRICKY]
    for web in (False, True):
        for dotted in (False, True):
            fast = tokeniser._token_pattern(web, punctuation, dotted)
            plain = _plain_token_pattern(web, punctuation, dotted)
            for sample in samples:
                assert fast.findall(sample) == plain.findall(sample), (web, dotted, sample[:60])


def test_sentence_candidates_match_their_plain_form(seed_texts):
    plain = re.compile(
        r"(?=[.!?…])"
        r"(?>(?P<term>\.{2,}|…|[.!?]+)(?P<close>[\"”’')\]»]*)(?P<space>[^\S\n]*))"
        r"(?:(?=[A-Z]|[^\x00-\x7f])|(?<=[^\S\n])(?=[0-9\"'(\[`-]))"
    )

    def candidates(pattern, sample):
        return [(m.span(), m.group("term", "close", "space")) for m in pattern.finditer(sample)]

    for sample in [*seed_texts.values(), *TRICKY]:
        assert candidates(sentences._MARK_CANDIDATE_RE, sample) == candidates(plain, sample)
        # the period-only pattern serves texts without ! ? or …
        periods_only = re.sub("[!?…]", "", sample)
        assert candidates(sentences._PERIOD_CANDIDATE_RE, periods_only) == candidates(
            plain, periods_only
        )


@pytest.mark.parametrize(
    ("sample", "spans"),
    [  # expected spans from the splitter that found newlines with its candidate regex
        ("Rusia diam.\n\n Korut juga.", [(0, 11), (14, 25)]),
        ('Rusia diam \n\n"Korut juga."', [(0, 10), (13, 26)]),
        ("\n\nRusia diam.\n", [(2, 13)]),
        ("Rusia.\n \n\t\nKorut? Ya!\n", [(0, 6), (11, 17), (18, 21)]),
        ("Dr.\nKim tiba.", [(0, 3), (4, 13)]),
        (" Awal. Rusia diam.\r\nKorut\u2028juga. Lalu\n", [(1, 6), (7, 18), (20, 31), (32, 36)]),
        ("Harga naik.\n\n\n\n(Foto: AP)\n\nDia.Rusia", [(0, 11), (15, 25), (27, 31), (31, 36)]),
        ("a\n", [(0, 1)]),
        ("\n", []),
        ("", []),
    ],
)
def test_every_newline_ends_a_sentence(sample, spans):
    assert text.sentence_spans(sample) == spans


def test_plain_word_ends_exclude_every_abbreviation():
    abbreviations, may_end = sentences.load_abbreviations()
    known = sentences._abbreviation_sets(abbreviations, may_end)
    for abbreviation in abbreviations:
        assert abbreviation.removesuffix(".")[-3:] not in known.plain_word_ends
    assert {"kan", "nya", "ini", "dia"} <= known.plain_word_ends
    assert not {"dkk", "dll", "jen", "Kim", "a.n"} & known.plain_word_ends
    # a sentence that ends in a word like an abbreviation's end still asks the full rules
    assert text.split_sentences("Ia bertemu Brigjen. Budi diam.") == [
        "Ia bertemu Brigjen. Budi diam."
    ]


def test_word_before_matches_its_plain_form():
    def plain(value: str, pos: int) -> str:
        parts = value[max(0, pos - 40) : pos].rsplit(None, 1)
        return (parts[-1] if parts else "").lstrip(sentences._OPENERS)

    samples = [
        *TRICKY,
        "kata dia . Rusia",
        "x" * 50 + ". A",
        "a\u00a0b. C",
        "(“Dr. Kim",
        "a\tb.\nc",
    ]
    for sample in samples:
        for pos in range(len(sample) + 1):
            assert sentences._word_before(sample, pos) == plain(sample, pos), (sample, pos)


def test_ascii_patterns_are_used_only_where_they_match_the_same():
    # on ASCII, re.ASCII changes only \s, which leaves out the separators \x1c-\x1f
    for code in range(128):
        character = chr(code)
        for klass in (r"\w", r"\d", r"\s"):
            same = bool(re.match(klass, character)) == bool(re.match(klass, character, re.ASCII))
            assert same or (klass == r"\s" and character in tokeniser._ASCII_SEPARATORS), (klass, code)
    assert tokeniser._is_plain_ascii("Kim Jong-un tiba.")
    assert not tokeniser._is_plain_ascii("Kim\x1cJong-un") and not tokeniser._is_plain_ascii("Jum’at")
    assert text.tokenise("J.\x1cTrump") == tokeniser._token_pattern(False, True, False).findall(
        "J.\x1cTrump"
    )


@pytest.mark.parametrize("punctuation", [True, False])
def test_ascii_token_pattern_matches_the_unicode_one(seed_texts, punctuation):
    samples = [*seed_texts.values(), *TRICKY, "J. Trump\tdan\x0bA.\fB kata-a.n. www.x.id/a"]
    for sample in samples:
        sample = sample.encode("ascii", "replace").decode("ascii")
        for web in (False, True):
            for dotted in (False, True):
                unicode = tokeniser._token_pattern(web, punctuation, dotted)
                ascii_only = tokeniser._token_pattern(web, punctuation, dotted, ascii_only=True)
                assert ascii_only.findall(sample) == unicode.findall(sample), sample[:60]


def test_dotted_after_join_check_matches_its_plain_form(seed_texts):
    plain = re.compile(r"[-'’](?<=\w.)[^\W\d_]{1,2}\.")
    samples = [
        *seed_texts.values(),
        *TRICKY,
        "kata-a.n.",
        "x'ab.",
        "-ab.",
        "a-abc.",
        "9-a.",
        "a’é.",
    ]
    for sample in samples:
        for start in range(len(sample)):
            piece = sample[start : start + 12]
            found = tokeniser._DOTTED_AFTER_JOIN_RE.search(piece) is not None
            assert found == (plain.search(piece) is not None), piece


def test_token_columns_and_clitics_agree_with_tokenise(seed_texts):
    raw = "\n\n".join(seed_texts.values())
    for options in ({}, {"split_clitics": True}, {"punctuation": False}):
        tokens, starts, ends = text.token_columns(raw, **options)
        assert list(zip(tokens, starts, ends, strict=True)) == text.tokenise_with_offsets(
            raw, **options
        )
        assert tokens == text.tokenise(raw, **options)
    assert text.token_columns("") == ([], [], [])
    assert text.tokenise("Negaranyalah", split_clitics=True) == ["Negaranya", "lah"]
