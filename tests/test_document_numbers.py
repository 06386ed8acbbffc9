"""Document numbers (文号) and effective dates: read where a text states them (real corpus texts
and a fixture), stored, searchable, shown, cited, and an alias URL that redirects."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from ingest.parsing import parse_brief
from ingest.parsing.document_numbers import document_number, effective_date
from policies.models import Policy

from .admin_forms import change_form_data
from .conftest import ROOT, ensure_registry

CORPUS = ROOT / "fixtures" / "corpus"
FIXTURE = ROOT / "fixtures" / "intelligence" / "numbers_and_chain.txt"


def _policies(path: Path):
    brief = parse_brief(path.read_text(encoding="utf-8"), filename=path.name[:3] + ".txt")
    return [item.policy for item in brief.items if item.policy]


def _corpus(number: str) -> Path:
    return next(CORPUS.glob(f"{number}_*.txt"))


@pytest.mark.parametrize(("text", "number"), [
    ("四部门关于印发《方案》的通知 工信部联通信〔2024〕12号", "工信部联通信〔2024〕12号"),
    ("国务院关于进一步优化外商投资环境的意见 国发[2023]11号", "国发[2023]11号"),
    ("国家质检总局令第127号", "国家质检总局令第127号"),
    ("Attract Foreign Investment Guo Fa [2023] No. 11. 国务院...", "Guo Fa [2023] No. 11"),
    ("Document number: SAMR Order 72\nThe Rules ...", "SAMR Order 72"),
    ("GBH No. (2011)164", "GBH No. (2011)164"),
    ("(Decree No. 99 of the State Administration for Market Regulation)", "Decree No. 99"),
    ("The 5G network covers 5 cities; 2024 was a good year.", ""),
])
def test_a_document_number_is_read_as_written(text, number):
    assert document_number(text) == number


def test_a_chinese_number_is_preferred_to_its_romanisation():
    assert document_number("Guo Fa [2023] No. 11. 国务院关于...的意见 国发〔2023〕11号.") == \
        "国发〔2023〕11号"


@pytest.mark.parametrize(("text", "day"), [
    ("(Decree No. 99 on February 28, 2025, effective as of April 20, 2025)", date(2025, 4, 20)),
    ("Promulgated: 2010-04-04 Effective: 2010-06-01", date(2010, 6, 1)),
    ("Implementation date: 1 May 2023", date(2023, 5, 1)),
    ("The Measures will take effect on July 1, 2016.", date(2016, 7, 1)),
    ("本办法自2024年1月1日起施行。", date(2024, 1, 1)),
    ("and effective as of June 1 2010.)", date(2010, 6, 1)),
])
def test_an_effective_date_is_read_where_the_text_states_one(text, day):
    assert effective_date(text) == day


def test_issuing_and_comment_dates_are_no_effective_dates():
    assert effective_date("Released on June 3, 2016; comments are due by July 3, 2016.") is None
    assert effective_date("The notice took effect immediately.") is None


def test_the_real_corpus_texts_give_their_numbers_and_dates():
    found = {(p.title[:40], p.document_number, p.effective_on)
             for n in ("011", "021", "053", "055") for p in _policies(_corpus(n))}
    assert {
        ("Internet Advertisement Regulations", "SAMR Order 72", date(2023, 5, 1)),
        ("Implementation Measures for the Regulati", "Decree No. 99", date(2025, 4, 20)),
        # one policy, its English title from the label block's page (the Chinese line under it
        # is no second policy)
        ("Provisions for the Regulation of Food Ad", "国家质检总局令第127号", date(2010, 6, 1)),
        ("Circular on Documentation Required for t", "Fa Gai Ji Chu [2014] No. 1156", None),
    } <= found


def test_a_number_cited_for_another_document_is_not_taken():
    """The AppInChina page names the State Council's opinions, 国发〔2023〕11号, beside the CAC
    notice it reports on: the notice gets no number."""
    [notice] = _policies(_corpus("009"))
    assert notice.document_number == ""


def test_the_seeds_state_no_document_number_and_none_is_invented():
    for seed in sorted((ROOT / "fixtures" / "seeds").glob("*.txt")):
        for policy in _policies(seed):
            assert (policy.document_number, policy.effective_on) == ("", None), policy.title


# --------------------------------------------------------------------------- stored and shown


@pytest.fixture
def numbered(db):
    ensure_registry()
    call_command("ingest", str(FIXTURE), verbosity=0)
    return Policy.objects.get(title="Notice on Promoting 5G Factories")


def test_the_ingest_stores_the_number_and_the_effective_date(numbered):
    assert (numbered.document_number, numbered.effective_on) == (
        "工信部联通信〔2024〕12号", date(2024, 4, 1))


@pytest.mark.parametrize("spelling", ["工信部联通信〔2024〕12号", "工信部联通信[2024]12号",
                                      "工信部联通信 ［2024］ 12 号"])
def test_the_by_number_alias_redirects_to_the_permalink_however_the_brackets_are_written(
        numbered, client, spelling):
    response = client.get(f"/policies/by-number/{spelling}/")
    assert response.status_code == 302
    assert response["Location"] == numbered.get_absolute_url()


def test_an_unknown_number_is_a_404(numbered, client):
    assert client.get("/policies/by-number/国发〔1999〕1号/").status_code == 404


def test_the_policy_page_json_and_citations_carry_the_number(numbered, client):
    html = client.get(numbered.get_absolute_url()).content.decode()
    assert "工信部联通信〔2024〕12号" in html and 'datetime="2024-04-01"' in html
    data = client.get(f"/api/policies/{numbered.pk}/").json()
    assert (data["document_number"], data["effective_on"]) == ("工信部联通信〔2024〕12号",
                                                               "2024-04-01")
    bib = client.get(f"/policies/{numbered.pk}/cite.bib").content.decode()
    assert "number = {工信部联通信〔2024〕12号}" in bib and "in force from 1 April 2024" in bib
    ris = client.get(f"/policies/{numbered.pk}/cite.ris").content.decode()
    assert "IS  - 工信部联通信〔2024〕12号\r\n" in ris


def test_the_number_is_searchable(numbered, client):
    data = client.get("/api/policies/", {"q": "工信部联通信〔2024〕12号"}).json()
    assert [row["id"] for row in data["results"]][:1] == [numbered.pk]


def test_an_editors_number_survives_a_reingest(numbered, editor_client):
    url = f"/admin/policies/policy/{numbered.pk}/change/"
    data = change_form_data(editor_client.get(url))
    data["document_number"] = "工信部联通信〔2024〕13号"
    assert editor_client.post(url, data).status_code == 302
    call_command("ingest", str(FIXTURE), force=True, verbosity=0)
    numbered.refresh_from_db()
    assert numbered.document_number == "工信部联通信〔2024〕13号"
    assert numbered.number_key == "工信部联通信[2024]13号"
