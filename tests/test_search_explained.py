"""Every result list says why a row matched: the matched words marked in a snippet of what the
briefs say (escaped), the agency a query named ("工信部" names MIIT), and the glossary's
other-language terms also searched (新能源 = new energy), so a Chinese query finds English-only
records and the reverse. A brief is also found by the Chinese titles of the policies it
discusses."""

from __future__ import annotations

import html
import re

import pytest
from django.http import QueryDict

from policies.listing.pages import search_briefs_page, search_policies_page
from policies.models import Brief, Policy
from policies.search.index import reindex_all
from policies.search.query import parse_query, translations

from .factories import make_archive_brief, make_brief_item, make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    english = make_policy(title="Notice on Promoting New Energy Vehicles in Rural Areas",
                          agencies=("MIIT", "NDRC"))
    chinese = make_policy(title="Plan for Something Else", chinese_title="新能源汽车下乡实施方案",
                          agencies=("NDRC",))
    quiet = make_policy(title="Guidelines on Equipment Standards", agencies=("SAMR",))
    brief = make_archive_brief(title="China Industries Brief May 2024")
    make_brief_item(brief, policy=quiet, headline="Standards",
                    summary="The guidelines ask makers of <b>industrial boilers</b> to cut "
                            "hydrogen leaks by half before 2027.")
    make_brief_item(brief, policy=chinese, headline="Rural vehicles")
    reindex_all()
    return {"english": english, "chinese": chinese, "quiet": quiet, "brief": brief}


def titles(results) -> set[str]:
    return {row.title for row in results.queryset}


def test_the_glossary_pairs_each_term_with_the_other_language():
    assert "new energy" in translations("新能源")
    assert "新能源" in translations("New Energy")
    assert translations("storage") == ()
    assert parse_query("新能源").expansions() == ["new energy"]
    assert parse_query('"new energy"').expansions() == []  # a quoted phrase is as typed


def test_a_chinese_query_finds_english_only_records_and_says_what_it_also_searched(archive):
    results = search_policies_page(QueryDict("q=新能源"))
    assert archive["english"].title in titles(results)  # English only
    assert archive["chinese"].title in titles(results)  # by its Chinese title
    assert results.filterset.search.expansions == ("new energy",)


def test_an_english_query_finds_chinese_only_titles(archive):
    results = search_policies_page(QueryDict("q=new energy vehicles"))
    assert archive["chinese"].title in titles(results)
    assert "新能源汽车" in results.filterset.search.expansions


def test_the_page_shows_what_was_also_searched_and_which_agency_a_name_named(client, archive):
    body = html.unescape(client.get("/policies/?q=新能源").content.decode())
    assert 'Also searched: <span lang="en">new energy</span>.' in body
    body = html.unescape(client.get("/policies/?q=工信部").content.decode())
    assert "“工信部” names MIIT: its records match too." in body
    results = search_policies_page(QueryDict("q=工信部"))
    assert results.filterset.search.named == (("工信部", "MIIT"),)
    assert archive["english"].title in titles(results)


def test_a_row_found_by_what_its_briefs_say_shows_that_stretch_with_the_words_marked(
        client, archive):
    results = search_policies_page(QueryDict("q=hydrogen"))
    assert titles(results) == {archive["quiet"].title}  # only its brief item mentions it
    row = results.rows[0]
    marked = [text for text, is_match in row.match_segments if is_match]
    assert marked == ["hydrogen"]
    body = client.get("/policies/?q=hydrogen").content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', body, flags=re.S).group(1)
    assert "<mark>hydrogen</mark>" in snippet
    assert "&lt;b&gt;industrial boilers&lt;/b&gt;" in snippet  # ingested text stays data
    assert "<b>" not in snippet


def test_a_title_match_needs_no_snippet(archive):
    results = search_policies_page(QueryDict("q=rural"))
    row = next(r for r in results.rows if r.pk == archive["english"].pk)
    assert row.title_segments and row.match_segments is None


def test_a_brief_is_found_by_the_chinese_title_of_a_policy_it_discusses(client, archive):
    results = search_briefs_page(QueryDict("q=下乡"))
    assert {b.pk for b in results.queryset} == {archive["brief"].pk}
    results = search_briefs_page(QueryDict("q=boilers"))
    row = results.rows[0]
    assert any(text == "boilers" for text, is_match in row.match_segments if is_match)
    assert "<mark>boilers</mark>" in client.get("/briefs/?q=boilers").content.decode()


def test_editing_a_policys_chinese_title_reindexes_the_briefs_that_discuss_it(
        admin_client, archive, django_capture_on_commit_callbacks):
    from .admin_forms import edit_policy

    with django_capture_on_commit_callbacks(execute=True):
        edit_policy(admin_client, Policy.objects.get(pk=archive["chinese"].pk),
                    chinese_title="新能源汽车进村方案")
    assert not Brief.objects.search("下乡").exists()
    assert Brief.objects.search("进村").filter(pk=archive["brief"].pk).exists()
