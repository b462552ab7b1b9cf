"""Draw an IndoSum batch for the quotation annotation (the rule is stated before reading any text).

    .venv/bin/python scripts/draw_quote_batch.py dev  > tests/fixtures/quotes/indosum_dev_articles.csv
    .venv/bin/python scripts/draw_quote_batch.py test > tests/fixtures/quotes/indosum_test_articles.csv

Rule: IndoSum ``tajuk utama`` (news) articles of at most 3,000 characters, not in an earlier
mention or quotation batch, whose text has a quotation mark or a speech cue of
``utils.quotes.cues``; per outlet, a pandas sample of ``PER_OUTLET`` with a fixed
``random_state`` (``dev``: 20261207, 2 per outlet from the 5 outlets with most news articles;
``test``: 20261208, 2 per outlet from every outlet with news articles, dev articles excluded).
``test2`` (drawn after ``test`` was scored, because ``test`` held a single quotation by a listed
actor): the same pool without the dev and test articles, restricted to articles that name a
listed person by one of their aliases (``data/actors.csv``, type person, kind alias, as a whole
word), a sample of 8 with ``random_state`` 20261209, any outlet.
"""

from __future__ import annotations

import json
import re
import sys

import pandas as pd

from utils import paths
from utils.actors import load_actors
from utils.quotes import cues

FIXTURES = paths.ROOT / "tests" / "fixtures"
INDOSUM = paths.INDOSUM_FILE


def main(which: str) -> int:
    rows = pd.DataFrame([json.loads(line) for line in INDOSUM.open(encoding="utf-8")])
    news = rows[(rows["category"] == "tajuk utama") & (rows["text"].str.len() <= 3000)]
    taken = set(pd.read_csv(FIXTURES / "heldout_articles.csv")["article_id"])
    dev_file = FIXTURES / "quotes" / "indosum_dev_articles.csv"
    if which in ("test", "test2"):
        taken |= set(pd.read_csv(dev_file)["article_id"])
    if which == "test2":
        taken |= set(pd.read_csv(FIXTURES / "quotes" / "indosum_test_articles.csv")["article_id"])
    news = news[~news["id"].isin(taken) & ~news["text"].duplicated()]
    has_quote = news["text"].str.contains(r'["“”]', regex=True) | news["text"].map(
        lambda text: bool(cues.ANY_CUE.search(text.lower())))  # fmt: skip
    news = news[has_quote].sort_values("id")
    if which == "test2":
        listed = load_actors()
        aliases = listed[(listed["type"] == "person") & (listed["kind"] == "alias")]["alias"]
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(aliases, key=len, reverse=True))) + r")\b")
        news = news[news["text"].map(lambda text: bool(pattern.search(text)))]
        batch = news.sample(8, random_state=20261209)
        batch[["id", "outlet"]].rename(columns={"id": "article_id"}).to_csv(sys.stdout, index=False)
        return 0
    outlets = news["outlet"].value_counts()
    chosen = list(outlets.index[:5]) if which == "dev" else sorted(outlets.index)
    seed = 20261207 if which == "dev" else 20261208
    batch = pd.concat([news[news["outlet"] == outlet].sample(min(2, int(outlets[outlet])), random_state=seed)
                       for outlet in sorted(chosen)])  # fmt: skip
    batch[["id", "outlet"]].rename(columns={"id": "article_id"}).to_csv(sys.stdout, index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
