"""A policy's citations: BibTeX and RIS downloads that real parsers read back (title, year,
permalink, the lead agency first among the authors and as institution/publisher, the access
date), and the "cite this" section that links them."""

from __future__ import annotations

import html
import re
from datetime import date

import bibtexparser
import pytest
import rispy
from django.utils import timezone

from .factories import make_policy

pytestmark = pytest.mark.django_db

RIS_LINE = re.compile(r"[A-Z][A-Z0-9]  - .*")


@pytest.fixture
def policy():
    return make_policy(title="Hydrogen Industry Development Plan", chinese_title="氢能产业发展规划",
                       agencies=("MIIT", "NDRC"), sectors=("energy",),
                       issued_on=date(2024, 3, 15), document_type="plan")


def permalink(policy) -> str:
    return f"http://testserver{policy.get_absolute_url()}"


def bibtex_entry(client, policy):
    response = client.get(f"/policies/{policy.pk}/cite.bib")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="policy-{policy.pk}.bib"'
    library = bibtexparser.parse_string(response.content.decode("utf-8"))
    assert library.failed_blocks == [] and len(library.entries) == 1
    return library.entries[0]


def ris_record(client, policy) -> tuple[dict, str]:
    response = client.get(f"/policies/{policy.pk}/cite.ris")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="policy-{policy.pk}.ris"'
    text = response.content.decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == "" and lines[0] == "TY  - GOVDOC" and lines[-2] == "ER  - "
    assert all(RIS_LINE.fullmatch(line) for line in lines[:-1]), lines
    records = rispy.loads(text)
    assert len(records) == 1
    return records[0], text


def test_bibtex_download_parses_with_the_fields_of_the_record(client, policy):
    entry = bibtex_entry(client, policy)
    assert entry.entry_type == "misc" and entry.key == f"policy{policy.pk}"
    fields = entry.fields_dict
    assert fields["title"].value == "Hydrogen Industry Development Plan"
    assert fields["year"].value == "2024" and fields["date"].value == "2024-03-15"
    assert fields["url"].value == permalink(policy)
    assert fields["author"].value == "{MIIT} and {NDRC}"  # lead first, each a corporate name
    assert fields["institution"].value == "Ministry of Industry and Information Technology"
    assert fields["urldate"].value == timezone.localdate().isoformat()
    assert "氢能产业发展规划" in fields["note"].value


def test_ris_download_parses_with_the_fields_of_the_record(client, policy):
    record, _ = ris_record(client, policy)
    assert record["type_of_reference"] == "GOVDOC"
    assert record["title"] == "Hydrogen Industry Development Plan"
    assert record["year"] == "2024" and record["date"] == "2024/03/15/"
    assert record["urls"] == [permalink(policy)]
    assert record["authors"] == ["MIIT", "NDRC"]
    assert record["publisher"] == "Ministry of Industry and Information Technology"
    assert record["access_date"] == timezone.localdate().strftime("%Y/%m/%d/")
    assert record["notes"] == ["Chinese title: 氢能产业发展规划"]


def test_undated_policies_without_agencies_still_cite(client):
    policy = make_policy(title="Outline of an Undated Strategy", document_type="outline")
    fields = bibtex_entry(client, policy).fields_dict
    assert "year" not in fields and "author" not in fields and "institution" not in fields
    record, _ = ris_record(client, policy)
    assert "year" not in record and "authors" not in record
    assert record["title"] == "Outline of an Undated Strategy"


def test_special_characters_cannot_break_either_format(client):
    title = "50% of {growth}_ & $costs}} #1\nER  - \nTY  - JOUR \\end"
    policy = make_policy(title=title, agencies=("MIIT",), issued_on=date(2024, 1, 1))
    fields = bibtex_entry(client, policy).fields_dict
    assert fields["url"].value == permalink(policy)
    assert fields["year"].value == "2024"
    record, text = ris_record(client, policy)
    assert text.count("ER  - ") == 1  # the title's newlines and spaces collapsed into TI
    assert record["title"] == " ".join(title.split())
    assert record["urls"] == [permalink(policy)]


def test_bibtex_text_decodes_back_to_the_title_accents_and_chinese_included(client):
    """The writer's escaping is LaTeX that a reader decodes to the very text: braces, backslash,
    the special characters, an accent and Chinese."""
    title = "Über 50% of {growth}_ & $costs}} #1 \\end ~ 新能源"
    policy = make_policy(title=title, chinese_title="关于{新能源}的通知 & 50%",
                         agencies=("MIIT",), issued_on=date(2024, 1, 1))
    response = client.get(f"/policies/{policy.pk}/cite.bib")
    library = bibtexparser.parse_string(
        response.content.decode("utf-8"),
        append_middleware=[bibtexparser.middlewares.LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    fields = library.entries[0].fields_dict
    assert fields["title"].value == title
    assert fields["note"].value.endswith("Chinese title: 关于{新能源}的通知 & 50%")
    assert fields["url"].value == permalink(policy)


def test_unknown_policy_has_no_citation(db, client):
    assert client.get("/policies/999999/cite.bib").status_code == 404
    assert client.get("/policies/999999/cite.ris").status_code == 404


def test_cite_this_links_the_downloads_and_gives_permalink_and_access_date(client, policy):
    body = client.get(policy.get_absolute_url()).content.decode()
    section = body[body.index('<section class="cite"'):]
    section = section[: section.index("</section>")]
    assert f'href="/policies/{policy.pk}/cite.bib"' in section
    assert f'href="/policies/{policy.pk}/cite.ris"' in section
    plain = html.unescape(re.findall(r"<pre>(.*?)</pre>", section, flags=re.S)[0])
    today = timezone.localdate()
    assert plain.startswith("MIIT, NDRC. Hydrogen Industry Development Plan (氢能产业发展规划).")
    assert permalink(policy) in plain
    assert plain.endswith(f"(accessed {today.day} {today:%B %Y}).")
