"""The policy chain: draft for comments -> final version, interpretation of, implements, revises;
read from titles and text, matched against the archive by normalised title and issuer, stored
with its evidence, editable, shown on both permalinks and filterable."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.parsing import parse_brief
from ingest.parsing.relations import base_chinese_title, base_title, find_relations

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"
SEEDS = ROOT / "fixtures" / "seeds"
FIXTURE = ROOT / "fixtures" / "intelligence" / "numbers_and_chain.txt"


def _relations(path: Path, filename: str = ""):
    brief = parse_brief(path.read_text(encoding="utf-8"), filename=filename or path.name)
    return [(item.policy.title, r.kind, r.target_title, r.target_chinese_title)
            for item in brief.items if item.policy for r in item.policy.relations]


def test_an_interpretation_names_the_policy_it_interprets_in_both_languages():
    [relation] = find_relations("Interpretation of the Measures for Data Market Development",
                                "《数据市场发展办法》解读")
    assert (relation.kind, relation.target_title, relation.target_chinese_title) == (
        "interprets", "Measures for Data Market Development", "数据市场发展办法")
    assert relation.evidence == "Interpretation of the Measures for Data Market Development"


@pytest.mark.parametrize(("title", "kind", "target"), [
    ("Implementation Measures for the Regulations on Fair Competition Review", "implements",
     "Regulations on Fair Competition Review"),
    ("Supporting Measures for the Outline for Building a Strong Trade Nation", "implements",
     "Outline for Building a Strong Trade Nation"),
    ("Administrative Provisions for Drug Registration (Revision)", "revises",
     "Administrative Provisions for Drug Registration"),
    ("Judges Law (Draft Revision)", "revises", "Judges Law"),
    ("Decision on Revising the Interim Measures for Foreign-funded Enterprises", "revises",
     "Interim Measures for Foreign-funded Enterprises"),
])
def test_a_title_states_its_relation(title, kind, target):
    assert [(r.kind, r.target_title) for r in find_relations(title)] == [(kind, target)]


def test_a_sentence_of_the_item_states_a_relation_with_its_evidence():
    text = ("The notice sets out supporting measures for the Action Plan for Large-Scale "
            "Equipment Renewal. It also covers exports.")
    [relation] = find_relations("Notice on Equipment Finance", "", text)
    assert (relation.kind, relation.target_title) == (
        "implements", "Action Plan for Large-Scale Equipment Renewal")
    assert relation.evidence.startswith("The notice sets out supporting measures")


def test_a_subject_is_no_policy_and_gives_no_relation():
    assert find_relations("Implementation Plan for the Digital Transformation of the "
                          "Automotive Industry") == []
    assert find_relations("Notice", "", "Firms are implementing the plan's goals quickly.") == []


def test_status_words_come_off_a_title_so_a_draft_and_its_final_version_meet():
    plan = "Action Plan for the New Energy Storage Manufacturing Industry"
    assert base_title(f"{plan} (Draft for Comments)") == plan
    measures = "工业和信息化领域数据安全管理办法(试行)"
    assert base_chinese_title(f"公开征求对《{measures}(征求意见稿)》的意见") == measures


def test_the_seeds_state_no_relation_between_documents():
    assert [r for seed in sorted(SEEDS.glob("*.txt")) for r in _relations(seed)] == []


def test_the_real_corpus_texts_give_their_relations():
    found = {r for n in ("021", "023", "043")
             for r in _relations(next(CORPUS.glob(f"{n}_*.txt")), f"{n}.txt")}
    assert {
        ("Implementation Measures for the Regulations on Fair Competition Review", "implements",
         "Regulations on Fair Competition Review", ""),
        ("Administrative Provisions for Drug Registration (Revision)", "revises",
         "Administrative Provisions for Drug Registration", ""),
        ("Judges Law (Draft Revision)", "revises", "Judges Law", "法官法"),
    } <= found
