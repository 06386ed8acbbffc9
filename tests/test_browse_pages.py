"""The browse pages: home, the faceted policy list, permalinks, agencies, sectors, companies,
briefs and news; the sentence, chips, search tabs and suggestions; escaping; query budgets."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policies.listing.filtersets import ENTRIES
from policies.listing.rows import ROWS
from policies.models import Policy
from policies.search.index import reindex_all

from .conftest import ROOT
from .factories import (
    add_companies,
    make_archive_brief,
    make_brief_item,
    make_news_item,
    make_policy,
    make_sample_archive,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    data = make_sample_archive()
    reindex()
    return data


def reindex():
    """Bring the full-text index up to date."""
    reindex_all()


def text_of(response) -> str:
    """The page's visible text, tags stripped, whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def hrefs(response) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', response.content.decode())]


# --------------------------------------------------------------------------- home


def test_home_says_what_the_archive_holds(client, archive):
    response = client.get("/")
    assert response.status_code == 200
    text = text_of(response)
    assert "10 policies" in text and "1 brief" in text and "3 news items" in text
    assert "8 issuing agencies" in text  # MIIT NDRC MOF STA CAC SAMR NEA MOST
    assert "China Industries Brief March 2024" in text
    assert "MIIT (6)" in text and "NDRC (5)" in text  # busiest agencies, with counts
    assert "Manufacturing (4)" in text and "Energy (4)" in text
    assert 'role="search"' in response.content.decode()


def test_home_timeline_is_an_accessible_server_side_svg(client, archive):
    body = client.get("/").content.decode()
    svg = body[body.index("<svg"):body.index("</svg>")]
    assert 'role="img"' in svg and "aria-label=" in svg
    assert "<title>Policies per year</title>" in svg and "<desc>" in svg
    for year in ("2021", "2022", "2023", "2024", "2025"):
        assert f">{year}</text>" in svg
    assert "2024: 5 policies" in svg
    # drawn on the server: no inline script (the JSON-LD block is data, tests/test_meta.py;
    # the site's script files only enhance the list pages)
    data_blocks = r'<script type="application/ld\+json">[^<]*</script>'
    assert not re.search(r"<script(?![^>]*\ssrc=)", re.sub(data_blocks, "", body))


# --------------------------------------------------------------------------- the list


def test_list_rows_show_title_chinese_title_date_agencies_and_sectors(client, archive):
    response = client.get("/policies/?agency=MIIT&type=plan")
    text = text_of(response)
    assert "Hydrogen Industry Development Plan" in text and "氢能产业发展规划" in text
    assert "15 Mar 2024" in text and "Energy" in text and "Manufacturing" in text
    body = response.content.decode()
    assert 'class="agency lead"' in body
    assert "Notice on Grid Storage" not in text


def test_the_sentence_says_the_active_filters(client, archive):
    response = client.get("/policies/?lead=MIIT&sector=manufacturing&date_from=2024")
    assert "3 policies led by MIIT in Manufacturing since 2024" in text_of(response)
    response = client.get("/policies/?agency=MIIT&agency=CAC&date_from=2024-01&date_to=2024-06")
    assert ("3 policies issued by MIIT or CAC from January 2024 to June 2024"
            in text_of(response))
    response = client.get("/policies/?date_from=2024&date_to=2024&type=notice")
    assert "2 policies of type Notice in 2024" in text_of(response)
    response = client.get("/policies/?company=byd")
    assert "2 policies naming BYD" in text_of(response)


def test_partial_dates_cover_whole_periods(client, archive):
    # 2024-05-31 (storage) is inside date_to=2024-05; 2024-06-30 (digital) is not.
    text = text_of(client.get("/policies/?date_from=2024-05&date_to=2024-05"))
    assert "Notice on Grid Storage" in text and "Manufacturing Digitalisation" not in text
    # date_from=2024 starts on 1 January: the data security plan of 2024-01-01 is in.
    text = text_of(client.get("/policies/?date_from=2024&date_to=2024-01-01"))
    assert "Action Plan for Data Security" in text
    assert "Hydrogen" not in text


def test_repeated_values_are_ored_and_parameters_anded(client, archive):
    text = text_of(client.get("/policies/?sector=data&sector=robotics"))
    assert "3 policies" in text
    text = text_of(client.get("/policies/?sector=data&sector=robotics&agency=CAC"))
    assert "1 policy" in text and "Action Plan for Data Security" in text


def test_lead_means_position_zero(client, archive):
    text = text_of(client.get("/policies/?lead=NDRC"))
    assert "Notice on Industrial Upgrading" in text and "Hydrogen" not in text
    text = text_of(client.get("/policies/?agency=NDRC"))
    assert "Notice on Industrial Upgrading" in text and "Hydrogen" in text


def test_facets_show_counts_in_text_and_mark_the_selection(client, archive):
    response = client.get("/policies/?agency=MIIT")
    text = text_of(response)
    assert "MIIT (6)" in text and "NDRC (5)" in text  # siblings keep their counts
    body = response.content.decode()
    # the value by its name, its code beside it, then the count
    assert re.search(r'<a [^>]*aria-current="true"[^>]*><span class="facet-label">Ministry of '
                     r'Industry and Information Technology <abbr>MIIT</abbr></span> '
                     r'<span class="facet-count">\(6\)</span></a>', body)
    assert "Robotics and automation (1)" in text
    assert "Aerospace" not in text  # zero counts are hidden


def test_chips_remove_one_filter_and_clear_all_removes_every_one(client, archive):
    response = client.get("/policies/?agency=MIIT&sector=energy&page=1")
    body = response.content.decode()
    chips = re.findall(r'class="chip" href="([^"]*)"', body)
    assert [html.unescape(c) for c in chips] == ["/policies/?sector=energy",
                                                 "/policies/?agency=MIIT"]
    assert re.search(r'class="clear-all" href="/policies/"', body)


def test_links_keep_the_state_and_reset_the_page(client, archive):
    for i in range(30):
        make_policy(title=f"Filler plan {i}", agencies=("MIIT",), issued_on=date(2020, 1, 1))
    response = client.get("/policies/?agency=MIIT&page=2")
    assert response.status_code == 200
    links = hrefs(response)
    facet_links = [h for h in links if h.startswith("/policies/?") and "page=" not in h]
    assert any("agency=MIIT" in h and "agency=NDRC" in h for h in facet_links)
    assert "/policies/?agency=MIIT" in links  # previous page: page 1 has no page parameter
    assert not any(h.endswith("page=3") for h in links)


def test_twenty_five_rows_a_page(client, archive):
    for i in range(30):
        make_policy(title=f"Filler {i}", issued_on=date(2019, 1, 1 + i % 28))
    first = client.get("/policies/")
    assert first.content.decode().count('class="policy-row"') == 25
    assert "Page 1 of 2" in text_of(first)
    second = client.get("/policies/?page=2")
    assert second.content.decode().count('class="policy-row"') == 15


def test_the_html_pages_take_a_page_size_and_every_link_keeps_it(client, archive):
    for i in range(30):
        make_policy(title=f"Filler {i}", agencies=("MIIT",), issued_on=date(2019, 1, 1 + i % 28))
    response = client.get("/policies/?page_size=10")
    assert response.status_code == 200
    assert response.content.decode().count('class="policy-row"') == 10
    total = Policy.objects.count()
    assert f"Page 1 of {-(-total // 10)}" in text_of(response)
    links = hrefs(response)
    assert "/policies/?page_size=10&page=2" in links  # next page
    facet_links = [h for h in links if h.startswith("/policies/?") and "agency=" in h]
    assert facet_links and all("page_size=10" in h for h in facet_links)
    export = next(h for h in links if h.startswith("/policies/export.csv"))
    assert "page_size" not in export  # every matching row, whatever the page size
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', response.content.decode())
    assert canonical.group(1).endswith("/policies/")  # the reader's choice, not the list's
    for bad in ("0", "101", "ten"):
        refused = client.get(f"/policies/?page_size={bad}")
        assert refused.status_code == 400
        assert "is not a page size: use 1 to 100" in html.unescape(refused.content.decode())
        assert refused.content.decode().count('class="policy-row"') == 25


def test_default_order_is_newest_first_and_undated_last(client, archive):
    titles = [p.title for p in client.get("/policies/").context["results"].rows]
    assert titles[0] == "Robot Industry Plan" and titles[-1] == "Outline of an Undated Strategy"
    titles = [p.title for p in client.get("/policies/?sort=date").context["results"].rows]
    assert titles[0] == "Notice Without Agencies"


def test_the_url_alone_reproduces_the_view(client, archive):
    url = "/policies/?agency=MIIT&sector=manufacturing&type=plan&date_from=2024&sort=date"
    first = client.get(url)
    assert first.content == client.get(url).content  # (the second from the response cache)
    results = first.context["results"]
    assert results.state.urlencode() == "agency=MIIT&sector=manufacturing&type=plan&" \
                                        "date_from=2024&sort=date"


def test_every_parameter_has_a_labelled_control(client, archive):
    """The facets are the controls of the values they count (links with counts); the form has
    the rest, and carries the facets' choices through its submit as hidden fields."""
    body = client.get("/policies/?agency=MIIT&sort=date").content.decode()
    form = body[body.index('<form class="filter-form"'):body.index("</form>", body.index(
        '<form class="filter-form"'))]
    for name in ("q", "company", "date_from", "date_to"):
        assert re.search(rf'<input (?![^>]*type="hidden")[^>]*name="{name}"', form), name
    for name, value in (("agency", "MIIT"), ("sort", "date")):
        assert f'<input type="hidden" name="{name}" value="{value}">' in form, name
    links = [html.unescape(h) for h in re.findall(r'<nav class="facet".*?</nav>', body, re.S)]
    for name in ("agency", "sector", "lead", "type", "date_from"):
        assert any(f"{name}=" in facet for facet in links), name
    assert "sort=title" in html.unescape(body)  # the sort links above the results
    for control_id in re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', form):
        assert f'for="{control_id}"' in form, control_id
    assert 'method="get"' in form
    assert "<select" not in form and "multiple" not in form  # no second, code-based picker


# --------------------------------------------------------------------------- search


def test_search_finds_policies_and_counts_briefs_and_news(client, archive):
    response = client.get("/policies/?q=hydrogen")
    assert response.status_code == 200
    results = response.context["results"]
    assert "Hydrogen Industry Development Plan" in [p.title for p in results.rows]
    assert results.sort == "relevance"  # the default when searching
    text = text_of(response)
    assert "1 brief" in text and "1 news item" in text
    links = hrefs(response)
    assert "/briefs/?q=hydrogen" in links and "/news/?q=hydrogen" in links


def test_briefs_and_news_are_searchable(client, archive):
    text = text_of(client.get("/briefs/?q=hydrogen"))
    assert "China Industries Brief March 2024" in text
    text = text_of(client.get("/news/?q=hydrogen"))
    assert "MIIT met BYD about hydrogen buses." in text and "Tesla" not in text


def test_search_highlights_matches_with_mark(client, archive):
    body = client.get("/policies/?q=hydrogen").content.decode()
    assert re.search(r"<mark>Hydrogen</mark>", body)


def test_an_empty_result_suggests_which_filter_to_drop(client, archive):
    response = client.get("/policies/?agency=CAC&sector=energy&type=plan")
    assert response.status_code == 200
    text = text_of(response)
    assert "0 policies" in text and "Nothing matches" in text
    suggestions = {s.name: s for s in response.context["results"].suggestions}
    assert suggestions["agency"].count == 1  # energy plans: hydrogen
    assert suggestions["sector"].count == 0  # CAC's one policy is an action plan
    assert suggestions["type"].count == 0
    assert "/policies/?sector=energy&type=plan" in hrefs(response)


# --------------------------------------------------------------------------- permalinks


def test_permalink_shows_the_whole_record(client, archive):
    policy = archive["policies"]["hydrogen"]
    policy.source_links = [
        {"url": "https://www.miit.gov.cn/a.html", "kind": "official"},
        {"url": "javascript:alert(1)", "kind": "news"},
        {"url": "data:text/html,x", "kind": "news"},
    ]
    policy.save()
    response = client.get(policy.get_absolute_url())
    assert response.status_code == 200
    text, body = text_of(response), response.content.decode()
    for expected in ("Hydrogen Industry Development Plan", "氢能产业发展规划", "15 March 2024",
                     "Plan", "Ministry of Industry and Information Technology (MIIT)", "lead",
                     "Energy", "Manufacturing", "BYD", "MIIT plans a hydrogen industry",
                     "A plan for hydrogen.", "Goal: 50,000 vehicles", "Ambitious.",
                     "China Industries Brief March 2024"):
        assert expected in text, expected
    assert text.index("Ministry of Industry") < text.index("National Development")  # lead first
    assert 'href="https://www.miit.gov.cn/a.html"' in body
    assert "javascript:" not in body and "data:text" not in body
    url = f"http://testserver{policy.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in body
    assert 'property="og:title" content="Hydrogen Industry Development Plan"' in body
    assert f'href="/api/policies/{policy.pk}/"' in body
    cite = re.findall(r"<pre>(.*?)</pre>", body, flags=re.S)
    assert len(cite) == 2
    assert "MIIT, NDRC. Hydrogen Industry Development Plan (氢能产业发展规划)." in cite[0]
    assert html.unescape(cite[1]).startswith(f"@misc{{policy{policy.pk},")
    assert "author = {{MIIT} and {NDRC}}" in html.unescape(cite[1])


def test_any_other_slug_answers_301_to_the_canonical_one(client, archive):
    policy = archive["policies"]["hydrogen"]
    for url in (f"/policies/{policy.pk}/", f"/policies/{policy.pk}/old-title/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == policy.get_absolute_url()
    assert client.get("/policies/999999/x/").status_code == 404


@pytest.mark.parametrize("facet_index", [False, True], ids=["sql", "index"])
def test_related_policies_share_agencies_or_sectors_nearest_in_time(client, archive, settings,
                                                                   facet_index):
    settings.FACET_INDEX = facet_index
    policy = archive["policies"]["hydrogen"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(policy.get_absolute_url())
    related = response.context["related"]
    assert 0 < len(related) <= 5
    assert policy not in related
    # Three shared (MIIT, NDRC, manufacturing): the November 2024 notice is nearer than the
    # 2025 robots plan; two shared: storage (NDRC, energy) is nearer than digitalisation
    # (MIIT, manufacturing); then the nearest of those sharing one.
    assert [p.title for p in related] == [
        "Notice on Industrial Upgrading", "Robot Industry Plan", "Notice on Grid Storage",
        "Guiding Opinions on Manufacturing Digitalisation", "Action Plan for Data Security",
    ]
    assert [p.shared for p in related] == [3, 3, 2, 2, 1]
    # by SQL one query counts the shared links; by the index none does
    counting = sum("shared" in q["sql"].lower() for q in queries.captured_queries)
    assert counting == (0 if facet_index else 1)


def test_related_policies_break_ties_by_nearest_date(client, db):
    base = make_policy(title="Base", agencies=("SAMR",), issued_on=date(2024, 6, 1))
    make_policy(title="Far", agencies=("SAMR",), issued_on=date(2019, 6, 1))
    make_policy(title="Near", agencies=("SAMR",), issued_on=date(2024, 7, 1))
    make_policy(title="Later", agencies=("SAMR",), issued_on=date(2025, 6, 1))
    make_policy(title="Undated", agencies=("SAMR",))
    related = client.get(base.get_absolute_url()).context["related"]
    assert [p.title for p in related] == ["Near", "Later", "Far", "Undated"]


# --------------------------------------------------------------------------- registries


def test_agencies_grouped_by_kind_with_counts(client, archive):
    text = text_of(client.get("/agencies/"))
    assert "Ministry" in text and "Commission" in text and "Administration" in text
    assert "MIIT" in text and "(6 policies, 3 as lead)" in text


def test_agency_page_has_its_policies_facets_co_issuers_and_news(client, archive):
    response = client.get("/agencies/miit/")
    assert response.status_code == 200
    results = response.context["results"]
    assert results.count == 6
    assert [f.name for f in results.facets] == ["sector", "lead", "type", "year"]
    co = {row["agency__abbreviation"]: row["n"] for row in response.context["co_issuers"]}
    assert co == {"NDRC": 3, "MOF": 1, "STA": 1, "CAC": 1, "MOST": 1}
    text = text_of(response)
    assert "NDRC (3 policies)" in text
    assert "MIIT met BYD about hydrogen buses." in text
    assert "6 policies issued by MIIT" in text
    text = text_of(client.get("/agencies/miit/?sector=data"))
    assert "2 policies issued by MIIT in Data" in text
    assert client.get("/agencies/nonexistent/").status_code == 404


def test_sector_and_company_pages(client, archive):
    response = client.get("/sectors/energy/")
    facets = [f.name for f in response.context["results"].facets]
    assert facets == ["agency", "lead", "type", "year"]
    assert "4 policies in Energy" in text_of(response)
    text = text_of(client.get("/sectors/"))
    assert "Energy (4 policies)" in text
    response = client.get("/companies/byd/")
    text = text_of(response)
    assert "2 policies naming BYD" in text and "MIIT met BYD about hydrogen buses." in text
    assert "BYD (2 policies, 1 news item)" in text_of(client.get("/companies/"))


def test_brief_list_and_the_whole_brief(client, archive):
    text = text_of(client.get("/briefs/"))
    assert "China Industries Brief March 2024" in text and "2 items" in text
    brief = archive["brief"]
    response = client.get(brief.get_absolute_url())
    text = text_of(response)
    for expected in ("MIIT plans a hydrogen industry", "At a glance", "A plan for hydrogen.",
                     "Goal: 50,000 vehicles", "Analyst's comment", "Ambitious.",
                     "Storage on the grid", "News", "Tesla opened a factory."):
        assert expected in text, expected
    assert archive["policies"]["hydrogen"].get_absolute_url() in hrefs(response)


def test_news_is_faceted_by_kind_agency_company_and_year(client, archive):
    response = client.get("/news/?kind=policy")
    results = response.context["results"]
    assert [f.name for f in results.facets] == ["kind", "agency", "company", "year"]
    text = text_of(response)
    assert "2 news items of kind Policy news" in text
    assert "Corporate news (1)" in text and "Policy news (2)" in text
    assert "MIIT (2)" in text and "NDRC (1)" in text
    text = text_of(client.get("/news/?agency=NDRC&date_from=2024-02&date_to=2024-02"))
    assert "1 news item issued by NDRC in February 2024" in text


# --------------------------------------------------------------------------- escaping


def test_script_in_a_title_is_escaped_on_every_page(client, db):
    evil = '<script>alert("x")</script> & Co'
    policy = make_policy(title=evil, chinese_title="<b>粗</b>", agencies=("MIIT",),
                         sectors=("energy",), issued_on=date(2024, 1, 2))
    add_companies(policy, "byd")
    brief = make_archive_brief(title=evil, published_on=date(2024, 2, 2))
    make_brief_item(brief, policy=policy, headline=evil, summary=evil, key_points=(evil,),
                    comment=evil)
    make_news_item(brief, text=evil, agencies=("MIIT",), companies=("byd",),
                   sources=(evil,), on=date(2024, 2, 3))
    reindex()
    pages = ["/", "/policies/", "/policies/?q=alert", policy.get_absolute_url(),
             "/agencies/miit/", "/sectors/energy/", "/companies/byd/", "/briefs/",
             brief.get_absolute_url(), "/news/", "/news/?q=alert", "/briefs/?q=alert"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "<script>alert" not in body, url
        assert "<b>粗</b>" not in body, url
        assert "&lt;script&gt;" in body, url  # shown, as text
    data = client.get("/api/policies/").json()
    assert data["results"][0]["title"] == evil
    assert client.get(f"/api/policies/{policy.pk}/").json()["briefs"][0]["comment"] == evil


def test_no_template_or_module_turns_off_escaping():
    forbidden = re.compile(r"\|\s*safe\b|mark_safe|autoescape\s+off|format_html\(|safeseq")
    # Every module of the public site (the admin's own links are its business).
    modules = [path for path in Path(ROOT, "policies").rglob("*.py")
               if path.name != "admin.py" and "migrations" not in path.parts]
    files = [*Path(ROOT, "templates").rglob("*.html"), *modules]
    assert len(modules) > 20 and Path(ROOT, "policies", "listing", "pages.py") in modules
    offenders = [str(f) for f in files if forbidden.search(f.read_text())]
    assert offenders == []
    # Safe strings are made in two places only: the markup helpers, which escape as Django's
    # format_html does (tests/test_markup_helpers.py), and the JSON-LD filter, which retypes
    # json_script's element (tests/test_page_head_metadata.py).
    made_safe = re.compile(r"SafeString\(|SafeText\(")
    sanctioned = {Path(ROOT, "policies", "markup.py"),
                  Path(ROOT, "policies", "templatetags", "seo.py")}
    assert all(made_safe.search(path.read_text()) for path in sanctioned)
    assert [str(f) for f in files if f not in sanctioned and made_safe.search(f.read_text())] == []


# --------------------------------------------------------------------------- query budgets


LIST_URLS = [
    "/policies/",
    "/policies/?agency=MIIT",
    "/policies/?agency=MIIT&agency=NDRC&sector=energy&sector=manufacturing",
    "/policies/?agency=MIIT&sector=energy&lead=MIIT&company=byd&type=plan&type=notice"
    "&date_from=2020&date_to=2025&sort=date",
    "/policies/?q=hydrogen",
    "/policies/?q=hydrogen&agency=MIIT&sector=energy&lead=MIIT&company=byd&type=plan"
    "&date_from=2020&date_to=2025",
    "/policies/?agency=CAC&sector=robotics",  # empty: suggestions instead of rows
    "/policies/?page=2",
]


@pytest.mark.parametrize("url", LIST_URLS)
def test_policy_list_stays_within_twelve_queries(client, archive, url,
                                                 django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code in (200, 404)


def queries_for(client, url) -> int:
    """The queries of a page whose rows and registry values no earlier request read (the most
    it makes)."""
    ROWS.clear()
    ENTRIES.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def add_rows(n: int) -> None:
    for i in range(n):
        policy = make_policy(
            title=f"Hydrogen bulk policy {i}", agencies=("MIIT", "NDRC", "MOST")[: 1 + i % 3],
            sectors=("energy", "manufacturing", "automotive")[: 1 + i % 3],
            issued_on=date(2018 + i % 8, 1 + i % 12, 1), document_type=("plan", "notice")[i % 2],
        )
        add_companies(policy, "byd")
        brief = make_archive_brief(title=f"Brief {i}", published_on=date(2020, 1, 1 + i % 28))
        make_brief_item(brief, policy=policy, headline=f"Hydrogen item {i}")
        make_news_item(brief, text=f"Hydrogen news {i}", agencies=("MIIT",), companies=("byd",),
                       on=date(2024, 1, 1 + i % 28))
    reindex()


PAGES = [
    "/", "/policies/", *LIST_URLS[3:6], "/agencies/", "/agencies/miit/",
    "/agencies/miit/?q=hydrogen&sector=energy", "/sectors/", "/sectors/energy/",
    "/companies/", "/companies/byd/", "/briefs/", "/briefs/?q=hydrogen", "/news/",
    "/news/?q=hydrogen&agency=MIIT&company=byd&kind=policy", "/api/policies/",
    "/api/policies/?q=hydrogen&agency=MIIT&sector=energy", "/api/agencies/",
    "/api/agencies/miit/", "/api/sectors/", "/api/companies/", "/api/briefs/", "/api/news/",
]


def test_query_counts_do_not_grow_with_rows(client, db):
    add_rows(5)
    policy = Policy.objects.first()
    pages = [*PAGES, policy.get_absolute_url(), f"/api/policies/{policy.pk}/"]
    small = {url: queries_for(client, url) for url in pages}
    add_rows(35)
    large = {url: queries_for(client, url) for url in pages}
    assert large == small
    assert max(small[url] for url in pages if url.startswith("/policies/")) <= 12
    assert all(n <= 14 for n in small.values()), small


# --------------------------------------------------------------------------- seeded archive


def test_every_page_renders_on_the_seeded_archive(client, seeded):
    reindex()
    policy = Policy.objects.filter(brief_items__isnull=False).first()
    urls = ["/", "/policies/", "/policies/?q=battery", "/policies/?q=汽车", "/agencies/",
            "/sectors/", "/companies/", "/briefs/", "/news/", "/api/policies/",
            "/api/news/", policy.get_absolute_url(), f"/api/policies/{policy.pk}/"]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_form_offers_joint_issuance_and_the_page_says_it(client, archive):
    # offered once it means something: two agencies or more chosen
    assert 'name="agency_match"' not in client.get("/policies/?agency=MIIT").content.decode()
    form = client.get("/policies/?agency=MIIT&agency=NDRC").content.decode()
    assert 'name="agency_match" value="all"' in form
    response = client.get("/policies/?agency=MIIT&agency=NDRC&agency_match=all")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="agency_match" value="all" checked' in body
    assert "policies issued jointly by MIIT and NDRC" in text_of(response)
    assert "agency_match" not in client.get("/agencies/miit/").content.decode()


def test_sort_by_title_is_a_to_z_whatever_the_case(client, archive):
    make_policy(title="aardvark Measures", issued_on=date(2020, 1, 1))
    response = client.get("/policies/?sort=title&page_size=100")
    titles = [p.title for p in response.context["results"].rows]
    assert titles == sorted(Policy.objects.values_list("title", flat=True), key=str.lower)
    assert titles[0] == "aardvark Measures"
    assert "?sort=title" in response.content.decode()
    refused = client.get("/news/?sort=title")  # news items have no title
    assert refused.status_code == 400
    assert "use -date, date or relevance" in html.unescape(refused.content.decode())
