"""Quotations, their speakers and the actors they stand for (``utils.quotes``)."""

from __future__ import annotations

import pandas as pd
import pytest

from utils import actors, corpus, paths
from utils.engine import EngineOptions
from utils.quotes import QUOTE_COLUMNS, article_quote_columns, find_quotes
from utils.quotes.direct import direct_quotes
from utils.quotes.indirect import indirect_quotes
from utils.quotes.marks import marked_spans
from utils.quotes.scores import anchor_gold, score_quotes

FIXTURES = paths.ROOT / "tests" / "fixtures" / "quotes"


@pytest.fixture(scope="module")
def gazetteer():
    return actors.as_gazetteer(actors.load_actors())


def quotes_of(text: str, gazetteer) -> pd.DataFrame:
    return pd.DataFrame(article_quote_columns({"text": text}, gazetteer=gazetteer))


# --------------------------------------------------------------------------- direct quotations


def test_quote_split_by_its_attribution_gives_two_quotations_with_one_speaker(gazetteer):
    text = '"Kami tidak akan mundur," kata Menteri Luar Negeri Rusia Sergei Lavrov, "dan sanksi tidak mengubah apa pun."'
    rows = quotes_of(text, gazetteer)
    assert rows["text"].tolist() == ["Kami tidak akan mundur,", "dan sanksi tidak mengubah apa pun."]
    assert rows["speaker_actor"].tolist() == ["sergei_lavrov", "sergei_lavrov"]
    assert rows["role"].tolist() == ["Menteri Luar Negeri Rusia"] * 2
    assert rows["speaks_for"].tolist() == ["russia"] * 2


def test_multi_paragraph_quote_reopened_at_each_paragraph_is_one_quotation(gazetteer):
    text = ('Putin berbicara di Vladivostok.\n\n“Rusia siap membantu Korea Utara membangun satelit.\n\n'
            '“Kerja sama ini akan berlanjut,” kata Putin.\n\nKim mengangguk.')  # fmt: skip
    rows = quotes_of(text, gazetteer)
    assert len(rows) == 1
    assert rows.loc[0, "text"].startswith("Rusia siap") and rows.loc[0, "text"].endswith("berlanjut,")
    assert rows.loc[0, "speaker_actor"] == "vladimir_putin"


def test_scare_quotes_single_words_titles_and_nested_quotes_are_not_quotations():
    text = ('Baik Rusia dan Korea Utara dituduh menjadi “negara nakal” dan menentang “hegemoni” AS. '
            'Film "Jalan Panjang Menuju Kebebasan Sejati" diputar. '
            '“Itu penghinaan terhadap propaganda ‘kekuatan besar’ Rusia,” kata Kozyrev.')  # fmt: skip
    found = [q.text for q in direct_quotes(text)]
    assert found == ["Itu penghinaan terhadap propaganda ‘kekuatan besar’ Rusia,"]


def test_marks_straight_and_curly_mixed_pair_up():
    text = '"Sudahlah. Tanda tangan bisa dicabut,” lanjut tulisan itu.'
    assert [text[s.start : s.end] for s in marked_spans(text)] == ["Sudahlah. Tanda tangan bisa dicabut,"]


@pytest.mark.parametrize(
    "text",
    [
        'Rusia membantah. "Kami tidak pernah mengirim senjata, kata pejabat itu.\n\nKorut diam.',  # unbalanced
        'Putin berkata, "Kami akan menang dan tidak ada yang bisa menghentikan kami',  # runs to the end
        '"Ia bilang "kami siap" lalu pergi," kata Kim.',  # nested straight quotes
        'Ia berkata "" lalu diam. “ ” kata Putin. ‘’',  # empty quotes
        '"' * 7 + "”" * 5 + "“" * 3,  # marks only
        "",
    ],
)
def test_bad_input_does_not_crash_and_gives_valid_offsets(text, gazetteer):
    rows = article_quote_columns({"text": text}, gazetteer=gazetteer)
    for start, end, quoted in zip(rows["start"], rows["end"], rows["text"], strict=True):
        assert 0 <= start < end <= len(text) and text[start:end] == quoted and quoted.strip()
    assert all(rows["resolved_by"])


def test_quote_running_to_the_end_of_the_article_is_kept_up_to_its_paragraph():
    text = 'Putin berkata, "Kami akan menang dan tidak ada yang bisa menghentikan kami'
    (quote,) = direct_quotes(text)
    assert text[quote.start : quote.end] == "Kami akan menang dan tidak ada yang bisa menghentikan kami"


def test_pathological_input_is_handled_in_linear_time(gazetteer):
    """Tens of thousands of marks and cues: a quadratic pass would not finish here."""
    text = ('"a ' * 30_000) + ("“b ” kata dia, " * 10_000) + ("menurut dia, " * 10_000) + "‘" * 20_000
    rows = article_quote_columns({"text": text}, gazetteer=gazetteer)
    assert len(rows["kind"]) > 0


# --------------------------------------------------------------------------- indirect quotations


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("Menurut Shoigu, latihan militer gabungan sedang direncanakan.", "latihan militer gabungan sedang direncanakan.", "menurut"),
        ("Rusia siap berunding dengan Ukraina, ujarnya.", "Rusia siap berunding dengan Ukraina", "ujarnya"),
        ("Amerika Serikat mengklaim bahwa perundingan senjata telah berkembang.", "perundingan senjata telah berkembang.", "mengklaim"),
        ("Kedua pemimpin tidak perlu bertemu langsung, kata Leif-Eric Easley.", "Kedua pemimpin tidak perlu bertemu langsung", "kata"),
        ("Dalam pernyataannya, Kremlin akan menanggapi sanksi baru itu.", "Kremlin akan menanggapi sanksi baru itu.", "dalam pernyataannya"),
    ],
)
def test_indirect_cues(text, content, cue):
    (quote,) = indirect_quotes(text, taken=[])
    assert (quote.text, quote.cue) == (content, cue)


@pytest.mark.parametrize(
    "text",
    [
        "Baik Rusia maupun Korea Utara membantah tuduhan itu dengan keras.",  # an act, no content
        "Menurut data BPS, ekspor naik 5 persen tahun ini.",  # a document, not a speaker
        "Resolusi itu menegaskan larangan ekspor senjata Korea Utara.",  # a document subject
        "Washington curiga Kremlin sudah memperhitungkan hal itu.",  # not a verb of saying
        "Kata-kata itu tidak pernah diucapkan di depan umum sama sekali.",  # reduplicated noun
    ],
)
def test_not_indirect_quotations(text):
    assert indirect_quotes(text, taken=[]) == []


# --------------------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    ("text", "speaker", "actor", "speaks_for", "resolved_by"),
    [
        ('"Kami siap," kata juru bicara Kremlin Dmitry Peskov.', "Dmitry Peskov", None, "russia", "named"),
        ('"Latihan itu provokasi perang," tulis KCNA.', None, None, None, "unattributed"),
        ('Kementerian Luar Negeri Rusia menyatakan bahwa sanksi itu ilegal dan tidak sah.', "Kementerian Luar Negeri Rusia", "russia", None, "institution"),
        ('Gedung Putih mengatakan bahwa sanksi baru akan segera diumumkan.', "Gedung Putih", "united_states", None, "named"),
        ('"Korut memasok amunisi," kata seorang pejabat AS.', None, None, "united_states", "unnamed"),
        ('KCNA melaporkan. "Latihan itu provokasi perang yang berbahaya," kata KCNA.', "KCNA", "north_korea", None, "institution"),
    ],
)
def test_speakers_roles_institutions_and_unnamed_sources(text, speaker, actor, speaks_for, resolved_by, gazetteer):
    row = quotes_of(text, gazetteer).iloc[-1]
    assert (row["speaker"], row["speaker_actor"], row["speaks_for"], row["resolved_by"]) == (
        speaker, actor, speaks_for, resolved_by)  # fmt: skip


def test_nya_and_dia_resolve_to_the_last_named_speaker_not_to_people_inside_quotes(gazetteer):
    text = ('"Putin tidak putus asa," ujar mantan menteri luar negeri Andrei Kozyrev.\n\n'
            '"Dia bisa bertahan lama," tambahnya.\n\nIa mengatakan Rusia akan bertahan bertahun-tahun.')  # fmt: skip
    rows = quotes_of(text, gazetteer)
    assert rows["speaker_actor"].tolist() == ["andrei_kozyrev"] * 3
    assert rows["resolved_by"].tolist() == ["named", "pronoun", "pronoun"]
    assert rows.loc[0, "mentioned_actors"] == "vladimir_putin"


def test_unattributed_quotation_is_kept_and_says_so(gazetteer):
    rows = quotes_of('Rapat selesai.\n\n"Kita harus bersiap menghadapi segala kemungkinan yang terjadi."', gazetteer)
    assert rows["resolved_by"].tolist() == ["unattributed"] and rows["speaker"].isna().all()


# --------------------------------------------------------------------------- the table, the cache, the pipeline


def test_find_quotes_on_the_seeds_cached_equals_uncached_and_matches_the_pipeline(seeds, tmp_path):
    actor_list = actors.load_actors()
    fresh = find_quotes(seeds, actor_list, options=EngineOptions(cache=False, progress=False))
    assert list(fresh.columns) == QUOTE_COLUMNS and len(fresh) > 40
    assert fresh["resolved_by"].notna().all()
    first = find_quotes(seeds, actor_list, options=EngineOptions(cache_dir=tmp_path, progress=False))
    again = find_quotes(seeds, actor_list, options=EngineOptions(cache_dir=tmp_path, progress=False))
    pd.testing.assert_frame_equal(first, fresh)
    pd.testing.assert_frame_equal(again, fresh)
    assert (tmp_path / "quotes").is_dir()
    from utils.pipeline import run_pipeline

    tables = run_pipeline(seeds, options=EngineOptions(cache_dir=tmp_path / "pipeline", progress=False, workers=1), quotes=True)
    piped = tables["quotes"][QUOTE_COLUMNS[:6]].reset_index(drop=True)
    pd.testing.assert_frame_equal(piped, fresh[QUOTE_COLUMNS[:6]].astype(piped.dtypes.to_dict()))


# --------------------------------------------------------------------------- quality floors


def _gold(name: str) -> pd.DataFrame:
    gold = pd.read_csv(FIXTURES / name, dtype=str, keep_default_na=False)
    gold["occurrence"] = gold["occurrence"].astype(int)
    return gold


def _score(gold: pd.DataFrame, articles: pd.DataFrame) -> dict:
    anchored = anchor_gold(gold, articles)
    assert anchored.attrs["unanchored"] == 0, anchored.attrs["missing"]
    return score_quotes(find_quotes(articles, actors.load_actors(), options=EngineOptions(cache=False, progress=False)), anchored)


def test_quality_on_the_seed_articles(seeds):
    """Development set (rules tuned on it): measured direct F1 1.000, indirect F1 1.000, actor
    accuracy 0.953 (41 of 43), counts P 0.976 R 0.953."""
    scores = _score(_gold("seed_quotes.csv"), seeds)
    assert scores["direct_f1"] >= 0.97
    assert scores["indirect_f1"] >= 0.95
    assert scores["actor_accuracy"] >= 0.93
    assert scores["count_precision"] >= 0.95 and scores["count_recall"] >= 0.93


@pytest.fixture(scope="module")
def indosum_articles(indosum_file):
    articles, _ = corpus.load_corpus(indosum_file, progress=False)
    return articles


@pytest.mark.shared
@pytest.mark.parametrize(
    ("batch", "floors"),
    [
        # measured direct / indirect F1 (GUIDELINES.md): dev 1.000 / 0.968; test 1.000 / 0.800;
        # test2 1.000 / 0.778 (actor 7 of 7)
        ("dev", {"direct_f1": 0.97, "indirect_f1": 0.93}),
        ("test", {"direct_f1": 0.97, "indirect_f1": 0.75}),
        ("test2", {"direct_f1": 0.97, "indirect_f1": 0.73, "actor_accuracy": 0.85}),
    ],
)
def test_quality_on_indosum_batches(batch, floors, indosum_articles):
    listed = set(pd.read_csv(FIXTURES / f"indosum_{batch}_articles.csv")["article_id"])
    articles = indosum_articles[indosum_articles["article_id"].isin(listed)].reset_index(drop=True)
    assert len(articles) == len(listed)
    scores = _score(_gold(f"indosum_{batch}_quotes.csv"), articles)
    for name, floor in floors.items():
        assert scores[name] >= floor, (name, scores[name])
