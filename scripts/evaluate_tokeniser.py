"""Score our tokeniser and sentence splitter against Universal Dependencies Indonesian gold.

Prints, per treebank (GSD dev+test, CSUI train+test), token F1 over surface tokens and
sentence-boundary F1 for: ours (``utils.text.tokeniser``), nltk ``ToktokTokenizer`` (tokens only; nltk's
punkt models cannot be downloaded offline) and spaCy ``blank("id")`` (+ ``sentencizer`` for
sentences), all measured in the same run. With ``--throughput`` it also prints tokenise +
stopwords + count throughput (MB/s) on the shared IndoSum corpus for the same three tools.

UD-GSD units often hold several sentences, so each treebank also gets a breakdown of our false
sentence splits (how many fall inside gold units that hold 2+ orthographic sentences, see
``utils.evaluation.tokens_and_sentences.is_multi_sentence_unit``) and a SUPPLEMENTARY sentence F1 that ignores those;
the main table always counts every boundary. A CEILING line gives the sentence F1 of an ideal
splitter of orthographic sentences on that gold (``utils.evaluation.tokens_and_sentences.sentence_ceiling``): every
gold boundary found, plus a split, charged as false, at each sentence end inside a gold unit that
the same independent rule counts (a period, ! ? or ellipsis after a word of 3+ letters, a number,
% or a closing quote/bracket, then a space and a capitalised word; listed abbreviations excluded).

Run from the repository root:

    .venv/bin/python scripts/evaluate_tokeniser.py [--throughput] [--errors N] [--sentence-errors N]

Needs ``../shared/gold`` (and ``../shared/corpora/indosum`` for ``--throughput``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter

from utils import paths, text
from utils.evaluation import (
    GoldSentence,
    baseline_tools,
    multi_sentence_units,
    ours_token_spans,
    read_conllu,
    sentence_ceiling,
    sentence_errors,
    sentence_scores,
    token_scores,
)
from utils.text import token_tables as tokens

TIMING_REPEATS = 3
TREEBANKS = {
    "UD Indonesian-GSD (dev+test)": [
        "ud_indonesian_gsd/id_gsd-ud-dev.conllu",
        "ud_indonesian_gsd/id_gsd-ud-test.conllu",
    ],
    "UD Indonesian-CSUI (train+test)": [
        "ud_indonesian_csui/id_csui-ud-train.conllu",
        "ud_indonesian_csui/id_csui-ud-test.conllu",
    ],
}


def evaluate(sentences: list[GoldSentence], token_tools, sentence_tools) -> list[dict]:
    rows = []
    for name, tokenise_spans in token_tools.items():
        token = token_scores(sentences, tokenise_spans)
        split = sentence_tools.get(name)
        sentence = sentence_scores(sentences, split) if split else None
        rows.append({"tool": name, "token": token, "sentence": sentence})
    return rows


def token_errors(sentences: list[GoldSentence], limit: int) -> list[tuple[str, str]]:
    """The most frequent (gold form, our tokens) disagreements, to guide fixes."""
    errors: Counter[tuple[str, str]] = Counter()
    for sentence in sentences:
        ours = set(ours_token_spans(sentence.text))
        for (start, end), form in zip(sentence.tokens, sentence.forms, strict=True):
            if (start, end) not in ours:
                predicted = [sentence.text[s:e] for s, e in ours if s < end and e > start]
                errors[(form, " | ".join(sorted(predicted)))] += 1
    return [
        (f"{count}x", f"gold {gold!r} -> ours {pred!r}")
        for (gold, pred), count in errors.most_common(limit)
    ]


def print_table(title: str, n_sentences: int, n_tokens: int, rows: list[dict]) -> None:
    print(f"\n{title}: {n_sentences:,} sentences, {n_tokens:,} gold surface tokens")
    print(
        f"  {'tool':24} {'token P':>8} {'token R':>8} {'token F1':>9} {'sent P':>8} {'sent R':>8} {'sent F1':>8}"
    )
    for row in rows:
        t, s = row["token"], row["sentence"]
        sentence_cells = (
            f"{s['precision']:8.4f} {s['recall']:8.4f} {s['f1']:8.4f}"
            if s
            else f"{'n/a':>8} {'n/a':>8} {'n/a':>8}"
        )
        print(
            f"  {row['tool']:24} {t['precision']:8.4f} {t['recall']:8.4f} {t['f1']:9.4f} {sentence_cells}"
        )


def print_sentence_breakdown(sentences: list[GoldSentence], limit: int) -> None:
    """Where our false splits are, the supplementary figure, and (``limit`` > 0) the errors."""
    errors = sentence_errors(sentences, text.sentence_spans)
    false_splits, missed = errors["false_splits"], errors["missed"]
    in_multi = sum(errors["in_multi"].values())
    print(
        f"  ours: {len(false_splits)} false splits, of which {in_multi} inside the"
        f" {multi_sentence_units(sentences)} gold units holding 2+ orthographic sentences"
        f" ('Aula. Acara'); {len(false_splits) - in_multi} elsewhere; {len(missed)} missed boundaries"
    )
    supplementary = sentence_scores(
        sentences, text.sentence_spans, exclude_multi_sentence_units=True
    )
    print(
        "  SUPPLEMENTARY (not the headline figure): ours, boundaries excluding gold multi-sentence"
        f" units: sent P {supplementary['precision']:.4f} R {supplementary['recall']:.4f}"
        f" F1 {supplementary['f1']:.4f}"
    )
    ceiling = sentence_ceiling(sentences)
    print(
        f"  CEILING (best any orthographic splitter can score on this gold): {ceiling['internal']}"
        f" sentence ends inside gold units (counted by an independent rule, not by our splitter)"
        f" are charged as false splits: sent P {ceiling['precision']:.4f} R {ceiling['recall']:.4f}"
        f" F1 {ceiling['f1']:.4f}"
    )
    if limit:
        shown = [(o, c) for o, c in false_splits if not errors["in_multi"][o]][:limit]
        shown += [(o, c) for o, c in false_splits if errors["in_multi"][o]][
            : max(0, limit - len(shown))
        ]
        for offset, context in shown:
            where = "multi-sentence unit" if errors["in_multi"][offset] else "elsewhere"
            print(f"    false split ({where}): {context!r}")
        for _, context in missed[:limit]:
            print(f"    missed boundary: {context!r}")


def throughput(limit_mb: float | None = None) -> None:
    """Tokenise + stopword flag + count throughput on IndoSum, ours vs the baselines."""
    from utils.text import stopwords

    if not paths.INDOSUM_FILE.exists():
        print(f"\nthroughput: skipped, {paths.INDOSUM_FILE} not found")
        return
    texts = []
    with paths.INDOSUM_FILE.open(encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    stop = stopwords.load_stopwords()
    import spacy
    from nltk.tokenize import ToktokTokenizer

    toktok = ToktokTokenizer()
    nlp = spacy.blank("id")
    nlp.max_length = 10_000_000
    tools = {
        "ours tokenise": lambda t: text.tokenise(t),
        # timed alone; its (token, start, end) tuples are turned into words in the count step
        "ours tokenise_with_offsets": text.tokenise_with_offsets,
        "nltk ToktokTokenizer": toktok.tokenize,
        'spaCy blank("id")': lambda t: [w.text for w in nlp(t)],
    }
    print(
        f"\nThroughput on IndoSum ({len(texts):,} articles, {megabytes:.2f} MB UTF-8), one core,"
        " in CPU seconds of this process (less sensitive than wall time to other jobs),"
        f" fastest of {TIMING_REPEATS} runs (all tokens of the corpus kept in memory, as a table would):"
    )
    print(f"  {'tool':28} {'tokenise MB/s':>14} {'+stopwords+count MB/s':>22} {'tokens':>11}")
    for name, tool in tools.items():
        tokenise_seconds = float("inf")
        for _ in range(TIMING_REPEATS):
            token_lists = None  # free the previous run's tokens before timing the next
            started = time.process_time()
            token_lists = [tool(t) for t in texts]
            tokenise_seconds = min(tokenise_seconds, time.process_time() - started)
        started = time.process_time()
        counts: Counter[str] = Counter()
        for token_list in token_lists:
            if token_list and not isinstance(token_list[0], str):
                token_list = [token for token, _, _ in token_list]
            counts.update(w for w in map(str.lower, token_list) if w not in stop)
        count_seconds = time.process_time() - started
        n_tokens = sum(map(len, token_lists))
        print(
            f"  {name:28} {megabytes / tokenise_seconds:14.2f} "
            f"{megabytes / (tokenise_seconds + count_seconds):22.2f} {n_tokens:11,}"
        )
    started = time.process_time()
    n_sentences = sum(len(text.sentence_spans(t)) for t in texts)
    seconds = time.process_time() - started
    print(
        f"  {'ours sentence_spans':28} {megabytes / seconds:14.2f} {'':>22} {n_sentences:>11,} sentences"
    )
    started = time.process_time()
    n_rows = sum(len(tokens.token_rows({"text": t})["token"]) for t in texts)
    seconds = time.process_time() - started
    print(
        f"  {'ours token_rows (table rows)':28} {megabytes / seconds:14.2f} {'':>22} {n_rows:>11,}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--errors", type=int, default=0, help="show the N most frequent token errors"
    )
    parser.add_argument(
        "--sentence-errors",
        type=int,
        default=0,
        help="show up to N false sentence splits and N missed boundaries, in context",
    )
    parser.add_argument("--throughput", action="store_true", help="also time the tools on IndoSum")
    args = parser.parse_args(argv)
    if not paths.GOLD_DIR.exists():
        print(f"gold data not found at {paths.GOLD_DIR}; nothing to score", file=sys.stderr)
        return 1
    token_tools, sentence_tools = baseline_tools()
    for title, files in TREEBANKS.items():
        sentences = [s for f in files for s in read_conllu(paths.GOLD_DIR / f)]
        rows = evaluate(sentences, token_tools, sentence_tools)
        print_table(title, len(sentences), sum(len(s.tokens) for s in sentences), rows)
        print_sentence_breakdown(sentences, args.sentence_errors)
        for count, message in token_errors(sentences, args.errors):
            print(f"    {count:>5} {message}")
    if args.throughput:
        throughput()
    return 0


if __name__ == "__main__":
    sys.exit(main())
