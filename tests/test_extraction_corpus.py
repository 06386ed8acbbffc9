"""The extraction corpus (fixtures/corpus/) is well formed, its truth follows its texts, and the
scorer (scripts/score_extraction.py) runs on it; on the five seeds it finds every stated policy.

No database: the texts, the truth files and the registry JSON are read from disk.
"""

import json
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tests.registry_entries import load_registry_json

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"
SCORER = ROOT / "scripts" / "score_extraction.py"
TEXTS = sorted(CORPUS.glob("*.txt"))
SEED_TRUTHS = sorted((CORPUS / "seeds").glob("*.json"))
LAYOUTS = {"merics_industries", "merics_essentials", "numbered_newsletter", "label_blocks",
           "tracker", "digest", "article"}
PRECISION = {10: "day", 7: "month", 4: "year"}
REGISTRY = {rec["abbreviation"] for rec in load_registry_json(
    ROOT / "policies" / "data" / "agencies.json")}
SUMMARY_RE = re.compile(
    r"^corpus (?P<n>\d+) texts \((?P<tune>\d+) tune, (?P<holdout>\d+) holdout\) from "
    r"(?P<publishers>\d+) publishers: headlines R=(\d+%|-) P=(\d+%|-), policies with issuers "
    r"R=(\d+%|-), issuer precision (\d+%|-), invented dates \d+, crashes (?P<crashes>\d+)$")


def _truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _truths() -> list[tuple[str, dict, str]]:
    """(name, truth, text) for every corpus text and every seed."""
    out = [(p.stem, _truth(p.with_suffix(".json")), p.read_text(encoding="utf-8")) for p in TEXTS]
    for path in SEED_TRUTHS:
        truth = _truth(path)
        out.append((path.stem, truth, (ROOT / truth["text_file"]).read_text(encoding="utf-8")))
    return out


def _squash(text: str) -> str:
    """Without whitespace: a title may break across lines, a Chinese one anywhere."""
    return "".join(text.split())


def _run_scorer(*args: str) -> str:
    done = subprocess.run([sys.executable, str(SCORER), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=True)
    return done.stdout


def test_every_corpus_text_has_a_truth_file_with_its_source_and_labels():
    assert len(TEXTS) >= 40
    assert sorted(p.stem for p in CORPUS.glob("*.json")) == [p.stem for p in TEXTS]
    for path in TEXTS:
        truth = _truth(path.with_suffix(".json"))
        assert re.fullmatch(r"\d{3}_[a-z0-9]+_[a-z0-9-]+", path.stem), path.name
        assert re.match(r"https?://", truth["source_url"]), path.name
        retrieved = date.fromisoformat(truth["retrieved"])  # when the excerpt was saved
        assert truth["publisher"] and date(2026, 1, 1) <= retrieved <= date.today(), path.name
        assert truth["split"] in {"tune", "holdout"}, path.name
        assert truth["layout"] in LAYOUTS, path.name


def test_the_corpus_comes_from_at_least_eight_publishers():
    assert len({_truth(p.with_suffix(".json"))["publisher"] for p in TEXTS}) >= 8


def test_the_holdout_is_every_third_text_and_a_quarter_to_two_fifths_of_the_corpus():
    splits = {p.stem: _truth(p.with_suffix(".json"))["split"] for p in TEXTS}
    assert all((split == "holdout") == (int(stem[:3]) % 3 == 0) for stem, split in splits.items())
    share = sum(s == "holdout" for s in splits.values()) / len(splits)
    assert 0.25 <= share <= 0.40


def test_every_stated_issuer_is_a_registry_abbreviation_or_marked_unregistered():
    for name, truth, _ in _truths():
        for policy in truth["policies"]:
            for issuer in policy["issuers"]:
                assert issuer in REGISTRY or (issuer.startswith("?") and len(issuer) > 1), (
                    name, issuer)


@pytest.mark.parametrize("key", ["date", "brief_date"])
def test_dates_are_valid_partial_dates_with_their_precision(key):
    for name, truth, _ in _truths():
        holders = truth["policies"] if key == "date" else [truth]
        for holder in holders:
            stated = holder[key]
            precision = holder[f"{key}_precision"]
            if stated is None:
                assert precision is None, name
                continue
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", stated), (name, stated)
            assert precision == PRECISION[len(stated)], (name, stated)
            date.fromisoformat((stated + "-01-01")[:10])


def test_every_stated_headline_title_and_page_title_occurs_in_its_text():
    for name, truth, text in _truths():
        squashed = _squash(text)
        stated = [*truth["headlines"]]
        assert truth.get("brief_title") is None or isinstance(truth["brief_title"], str), name
        if truth.get("brief_title"):  # the page's own title, or null where it states none
            stated.append(truth["brief_title"])
        for policy in truth["policies"]:
            assert policy["title"] or policy["chinese_title"], name
            stated += [t for t in (policy["title"], policy["chinese_title"]) if t]
        for phrase in stated:
            assert _squash(phrase) in squashed, (name, phrase)


def test_the_scorer_runs_on_the_whole_corpus_without_crashes_and_ends_with_its_summary():
    start = time.perf_counter()
    out = _run_scorer()
    assert time.perf_counter() - start < 30
    match = SUMMARY_RE.match(out.rstrip("\n").splitlines()[-1])
    assert match, out.splitlines()[-1]
    assert int(match["n"]) == len(TEXTS) == int(match["tune"]) + int(match["holdout"])
    assert int(match["publishers"]) >= 8
    assert match["crashes"] == "0"
    assert "split tune" in out and "split holdout" in out


def test_the_holdout_is_scored_apart_for_publishers_with_and_without_tune_texts():
    out = _run_scorer("--split", "holdout")
    rows = {label: int(line.split()[len(label.split())]) for line in out.splitlines()
            for label in ("publisher in tune", "publisher not in tune")
            if line.startswith(label + " ")}
    truths = [json.loads(p.read_text(encoding="utf-8")) for p in CORPUS.glob("*.json")]
    tune = {t["publisher"] for t in truths if t["split"] == "tune"}
    holdout = [t for t in truths if t["split"] == "holdout"]
    assert rows == {"publisher in tune": sum(t["publisher"] in tune for t in holdout),
                    "publisher not in tune": sum(t["publisher"] not in tune for t in holdout)}
    assert all(rows.values())


def test_on_the_seeds_the_scorer_finds_every_stated_policy_with_its_issuers_and_no_invented_date():
    report = json.loads(_run_scorer("--split", "seeds", "--json"))
    totals = report["totals"]
    assert totals["texts"] == len(SEED_TRUTHS) == 5
    assert totals["failures"] == totals["crashes"] == 0
    assert totals["policies"] == totals["policies_found"] == totals["with_issuers"] > 0
    assert totals["date_invented"] == totals["brief_date_invented"] == 0
    assert totals["date_missing"] == totals["brief_date_missing"] == 0
    assert totals["layout_read"] == 5  # each read in the layout its truth names


def test_the_scorer_says_which_texts_the_detector_read_in_another_layout():
    report = json.loads(_run_scorer("--split", "tune", "--json"))
    other = [t for t in report["texts"] if not t["layout_read"]]
    assert report["totals"]["layout_read"] == report["totals"]["texts"] - len(other)
    assert all(any(note.startswith("layout read as ") for note in t["notes"]) for t in other)


def test_the_scorer_judges_the_page_title_of_every_text_whose_truth_states_it():
    """`brief_title` (a title, or null where the page states none) is judged on every text
    whose truth states one: correct, missing or wrong, each text once."""
    report = json.loads(_run_scorer("--split", "all", "--json"))
    judged = {t["name"]: t["page_title_correct"] + t["page_title_missing"] + t["page_title_wrong"]
              for t in report["texts"]}
    stated = {p.stem: bool(_truth(p.with_suffix(".json")).get("brief_title")) for p in TEXTS}
    assert judged == {name: int(has) for name, has in stated.items()}
    for text in report["texts"]:
        wrong = text["page_title_missing"] + text["page_title_wrong"]
        assert wrong == sum(note.startswith("page title ") for note in text["notes"]), text["name"]
