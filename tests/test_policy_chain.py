"""The policy chain: draft for comments -> final version, interpretation of, implements, revises;
read from titles and text, matched against the archive by normalised title and issuer, stored
with its evidence, editable, shown on both permalinks and filterable."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from ingest.parsing import parse_brief
from ingest.parsing.relations import base_chinese_title, base_title, find_relations
from policies.models import Brief, BriefItem, NewsItem, Policy, PolicyRelation

from .admin_forms import change_form_data
from .conftest import ensure_registry

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


# --------------------------------------------------------------------------- stored, shown


CHAIN = ROOT / "fixtures" / "intelligence" / "chain_relations.txt"
DRAFT = "Action Plan for the High-Quality Development of the New Energy Storage Manufacturing"


@pytest.fixture
def chained(db):
    ensure_registry()
    call_command("ingest", str(SEEDS), verbosity=0)
    call_command("ingest", str(FIXTURE), verbosity=0)
    call_command("ingest", str(CHAIN), verbosity=0)


def _chain():
    return sorted((r.source.title[:40], r.kind, r.target.title[:40] if r.target else None)
                  for r in PolicyRelation.objects.select_related("source", "target"))


def test_the_seed_drafts_are_marked_as_drafts(chained):
    drafts = set(Policy.objects.filter(is_draft=True).values_list("title", flat=True))
    assert {t for t in drafts if t.startswith(DRAFT) or t.startswith("Measures for the Admin")}\
        == {f"{DRAFT} Industry (Draft for Comments)",
            "Measures for the Administration of Data Security in the Field of Industry and "
            "Information Technology (Draft for Comments)"}


def test_each_relation_is_found_and_matched_in_the_archive(chained):
    assert _chain() == sorted([
        ("Action Plan for the High-Quality Develop", "final_version_of",
         "Action Plan for the High-Quality Develop"),
        ("Interpretation of the Measures for Data ", "interprets",
         "Measures for Data Market Development"),
        ("Financing Measures for 5G Factories", "implements", "Notice on Promoting 5G Factories"),
        ("Notice on Promoting 5G Factories (Revise", "revises",
         "Notice on Promoting 5G Factories"),
    ])
    final = PolicyRelation.objects.get(kind="final_version_of")
    assert final.target.is_draft and not final.source.is_draft
    assert "without its status words" in final.evidence
    interpretation = PolicyRelation.objects.get(kind="interprets")
    assert interpretation.evidence == "Interpretation of the Measures for Data Market Development"


def test_a_reingest_changes_nothing(chained):
    before = list(PolicyRelation.objects.order_by("pk").values())
    for path in (SEEDS, FIXTURE, CHAIN):
        call_command("ingest", str(path), force=True, verbosity=0)
    assert list(PolicyRelation.objects.order_by("pk").values()) == before


def test_an_unmatched_relation_keeps_the_title_and_finds_its_policy_when_it_arrives(db):
    ensure_registry()
    call_command("ingest", str(FIXTURE), verbosity=0)
    relation = PolicyRelation.objects.get(kind="interprets")
    assert (relation.target, relation.target_title) == (
        None, "Measures for Data Market Development")
    call_command("ingest", str(CHAIN), verbosity=0)
    relation.refresh_from_db()
    assert relation.target.title == "Measures for Data Market Development"


def test_both_permalinks_show_the_relation(chained, client):
    final = PolicyRelation.objects.get(kind="final_version_of")
    draft_page = client.get(final.target.get_absolute_url()).content.decode()
    assert "Final version: " in draft_page and final.source.get_absolute_url() in draft_page
    final_page = client.get(final.source.get_absolute_url()).content.decode()
    assert "Final version of: " in final_page and final.target.get_absolute_url() in final_page
    data = client.get(f"/api/policies/{final.target_id}/").json()
    assert [(r["kind"], r["direction"], r["policy"]["id"]) for r in data["relations"]] == [
        ("final_version_of", "in", final.source_id)]


def test_status_filters_drafts_and_drafts_still_without_a_final_version(chained, client):
    def ids(query):
        return {row["id"] for row in client.get(f"/api/policies/?{query}&page_size=100")
                .json()["results"]}

    drafts = set(Policy.objects.filter(is_draft=True).values_list("pk", flat=True))
    final = PolicyRelation.objects.get(kind="final_version_of")
    assert ids("status=draft") == drafts
    assert ids("status=awaiting_final") == drafts - {final.target_id}
    assert ids("status=final") == {final.source_id}
    assert client.get("/policies/?status=awaiting_final").status_code == 200
    assert client.get("/api/policies/?status=finished").status_code == 400


def test_an_editors_relation_and_correction_survive_a_reingest(chained, editor_client):
    notice = Policy.objects.get(title="Notice on Promoting 5G Factories")
    other = Policy.objects.get(title="Measures for Data Market Development")
    url = "/admin/policies/policyrelation/add/"
    response = editor_client.post(url, {"source": notice.pk, "target": other.pk,
                                        "kind": "implements", "target_title": "",
                                        "evidence": "An editor's reading."})
    assert response.status_code == 302
    implements = PolicyRelation.objects.get(kind="implements", source=notice)
    revises = PolicyRelation.objects.get(kind="revises")
    url = f"/admin/policies/policyrelation/{revises.pk}/change/"
    data = change_form_data(editor_client.get(url))
    data["evidence"] = "Checked against the gazette."
    assert editor_client.post(url, data).status_code == 302
    for path in (FIXTURE, CHAIN):
        call_command("ingest", str(path), force=True, verbosity=0)
    implements.refresh_from_db()
    revises.refresh_from_db()
    assert not implements.automatic and implements.target == other
    assert revises.evidence == "Checked against the gazette."
    assert revises.history.count() >= 2


def test_the_dump_round_trips_the_chain(chained, tmp_path):
    before = sorted(PolicyRelation.objects.values_list("pk", "source_id", "target_id", "kind",
                                                        "target_key", "evidence"))
    dump = tmp_path / "archive.jsonl"
    call_command("export", format="jsonl", output=str(dump), stderr=io.StringIO())
    for model in (NewsItem, BriefItem, Policy, Brief):
        model.objects.all().delete()
    call_command("import_dump", str(dump), stdout=io.StringIO())
    assert sorted(PolicyRelation.objects.values_list("pk", "source_id", "target_id", "kind",
                                                     "target_key", "evidence")) == before


def test_the_policy_page_query_count_is_pinned(chained, client, django_assert_max_num_queries):
    final = PolicyRelation.objects.get(kind="final_version_of")
    with django_assert_max_num_queries(25):
        assert client.get(final.target.get_absolute_url()).status_code == 200


def test_the_list_form_offers_the_status_and_keeps_it_through_a_submit(client, chained):
    body = client.get("/policies/?status=awaiting_final&agency=MIIT").content.decode()
    form = body[body.index('<form class="filter-form"'):body.index("</form>", body.index(
        '<form class="filter-form"'))]
    assert '<input type="checkbox" name="status" value="draft">' in form
    assert '<input type="checkbox" name="status" value="awaiting_final" checked>' in form
    assert '<input type="hidden" name="status"' not in form  # the checkbox carries it
    assert '<input type="hidden" name="agency" value="MIIT">' in form
