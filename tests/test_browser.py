"""Real Chromium against the live server with the five seed briefs ingested: faceting and the
URL, Back, Chinese search, permalinks, keyboard-only use, axe-core, and the 375 px layout.

Uses Debian's /usr/bin/chromium (Playwright's own browser download cannot work here): skipped
when it is missing, a failure under CI=true (`make test` installs it). One browser per module,
a fresh context and page per test.
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import expect, sync_playwright

from policies.models import Agency, AgencyAlias, Company, CompanyAlias, Sector
from policies.registry import sync_registry

from .conftest import ROOT, SEEDS

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    # Without these Chromium keeps calling home on a network that is closed here.
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
TIMEOUT_MS = 10_000
# The pages the accessibility and narrow-screen checks visit ("{policy}" and "{brief}" are
# filled in with a permalink and a brief page, from the JSON API).
MAIN_PAGES = [
    "/", "/policies/", "/policies/?q=storage", "{policy}", "/agencies/", "/agencies/miit/",
    "/sectors/", "/sectors/energy/", "/companies/", "/companies/byd/", "/briefs/", "{brief}",
    "/news/", "/api/",
]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module", autouse=True)
def sync_orm_beside_playwright():
    """Let the ORM run in this thread while Playwright's event loop does, for this module only.

    Playwright's sync API runs an asyncio event loop in the test's thread. Django's async-safety
    guard sees that running loop and refuses the ORM calls the fixtures make from the same
    thread (the registry and the seed ingest, transactional_db's flush) with
    SynchronousOnlyOperation. Those calls are plain synchronous code on the thread that owns the
    connection, so the guard is a false alarm here. The variable is set while this module runs
    (autouse, module scope: before the browser starts) and removed afterwards, so the rest of
    the suite, and the deploy checks, keep the guard.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def chromium():
    """One headless Debian Chromium for the whole module."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        message = "Debian's chromium is not installed: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI must run the browser tests)", pytrace=False)
        pytest.skip(message)
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def load_registry() -> None:
    """The curated agencies, sectors and companies, loaded the way migration 0002 loads them."""
    sync_registry(Agency=Agency, AgencyAlias=AgencyAlias, Sector=Sector, Company=Company,
                  CompanyAlias=CompanyAlias)


@pytest.fixture(scope="module")
def registry_back_afterwards(django_db_setup, django_db_blocker):
    """After the module's last test (and its flush), the registry again, as migrations left it:
    tests that run later (a transactional test that ingests, say) expect it."""
    yield
    with django_db_blocker.unblock():
        load_registry()
        # This thread's connection while the event loop runs is its own object: close it, or
        # PostgreSQL cannot drop the test database ("being accessed by other users").
        connection.close()


@pytest.fixture
def site(transactional_db, live_server, registry_back_afterwards) -> str:
    """The live server's base URL, with the seed briefs ingested and indexed.

    The live server answers from another thread, so the data must be committed: transactional_db,
    which empties every table after each test, the registry loaded by migration 0002 included;
    it is put back here first. (Serialized rollback cannot do it: once Playwright's event loop
    runs in this thread, asgiref gives the thread another connection object, without the
    serialized contents pytest-django stored on the first one.)
    """
    if not Agency.objects.exists():  # present for the module's first test, from migrations
        load_registry()
    call_command("ingest", str(SEEDS), verbosity=0)  # which also updates the search index
    return live_server.url


def _new_page(chromium, **context_options):
    context = chromium.new_context(**context_options)
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def tab(chromium, site):
    """A fresh context and page on the seeded live server (not named `page`, which is
    pytest-playwright's, for Playwright's own browser that cannot be downloaded here)."""
    context, page = _new_page(chromium, base_url=site)
    yield page
    context.close()


# --------------------------------------------------------------------------- helpers


def count_in(sentence: str) -> int:
    """The number a results sentence starts with: '17 policies in Automotive' -> 17."""
    match = re.match(r"\s*([\d,]+)\s", sentence)
    assert match, f"no count at the start of {sentence!r}"
    return int(match.group(1).replace(",", ""))


def sentence(page) -> str:
    return page.locator("#results-heading").inner_text()


def rows(page):
    return page.locator("ol.results > li.policy-row")


def facet_links(page, name: str):
    return page.locator(f"nav.facet[aria-labelledby='facet-{name}'] a")


def facet_count(link_text: str) -> int:
    """'Automotive (5)' -> 5."""
    match = re.search(r"\((\d+)\)\s*$", link_text)
    assert match, f"no count in facet link {link_text!r}"
    return int(match.group(1))


def api_count(page, url: str) -> int:
    """The JSON twin's count for the same query string as `url`."""
    query = urlsplit(url).query
    response = page.request.get(f"/api/policies/?{query}")
    assert response.ok, response.status
    return response.json()["count"]


def first_unselected_narrowing(page, name: str, total: int):
    """The first link of facet `name` that narrows the list (count below `total`)."""
    links = facet_links(page, name)
    for i in range(links.count()):
        link = links.nth(i)
        if link.get_attribute("aria-current") != "true" and facet_count(
                link.inner_text()) < total:
            return link
    raise AssertionError(f"no {name} value narrows {total} rows")


def fill_placeholders(page) -> list[str]:
    """MAIN_PAGES with a real policy permalink and brief page (from the JSON API)."""
    policy = page.request.get("/api/policies/?q=automotive").json()["results"][0]["url"]
    brief = page.request.get("/api/briefs/").json()["results"][0]["url"]
    return [url.format(policy=urlsplit(policy).path, brief=urlsplit(brief).path)
            for url in MAIN_PAGES]


# --------------------------------------------------------------------------- tests


def test_facets_narrow_the_list_and_the_url_follows_and_back_restores(tab):
    tab.goto("/policies/")
    everything = sentence(tab)
    total = count_in(everything)
    assert total == api_count(tab, tab.url) > 0

    # A sector: the URL gains sector=, the sentence and rows shrink to the facet's count.
    sector = first_unselected_narrowing(tab, "sector", total)
    expected = facet_count(sector.inner_text())
    sector.click()
    tab.wait_for_url(re.compile(r"[?&]sector="))
    expect(tab.locator("#results-heading")).not_to_have_text(everything)
    by_sector = sentence(tab)
    assert count_in(by_sector) == expected == api_count(tab, tab.url)
    expect(rows(tab)).to_have_count(min(expected, 25))
    sector_url = tab.url

    # Then an agency within it: both parameters in the URL, fewer rows again.
    agency = first_unselected_narrowing(tab, "agency", expected)
    expected_after = facet_count(agency.inner_text())
    agency.click()
    tab.wait_for_url(re.compile(r"[?&]agency="))
    query = parse_qs(urlsplit(tab.url).query)
    assert set(query) >= {"sector", "agency"}, tab.url
    expect(tab.locator("#results-heading")).not_to_have_text(by_sector)
    assert count_in(sentence(tab)) == expected_after == api_count(tab, tab.url)
    expect(rows(tab)).to_have_count(expected_after)
    # The facets of the narrowed list add up with what the sentence says: the selected sector's
    # count is the number of rows.
    selected = facet_links(tab, "sector").and_(tab.locator("[aria-current='true']"))
    assert facet_count(selected.inner_text()) == expected_after

    # Back: the sector-only view, its URL and its rows, return.
    tab.go_back()
    tab.wait_for_url(sector_url)
    expect(tab.locator("#results-heading")).to_have_text(by_sector)
    expect(rows(tab)).to_have_count(min(expected, 25))


def facet_counts(page, name: str) -> dict[str, int]:
    links = facet_links(page, name)
    return {links.nth(i).get_attribute("href"): facet_count(links.nth(i).text_content())
            for i in range(links.count())}


def test_a_facet_click_updates_results_counts_and_url_without_a_new_document(tab):
    loads = []
    tab.on("load", lambda _: loads.append(tab.url))
    tab.goto("/policies/")
    tab.evaluate("window.stillThisDocument = true")
    everything = sentence(tab)
    agency_counts = facet_counts(tab, "agency")

    sector = first_unselected_narrowing(tab, "sector", count_in(everything))
    expected = facet_count(sector.inner_text())
    with tab.expect_request(lambda r: r.headers.get("hx-request") == "true"):
        sector.click()
    tab.wait_for_url(re.compile(r"[?&]sector="))
    expect(tab.locator("#results-heading")).not_to_have_text(everything)
    assert tab.evaluate("window.stillThisDocument") is True, "the page was reloaded"
    assert len(loads) == 1, loads
    by_sector = sentence(tab)
    assert count_in(by_sector) == expected == api_count(tab, tab.url)
    # The other facets were counted again, within the sector; the chip and the count are there.
    assert facet_counts(tab, "agency") != agency_counts
    expect(tab.locator(".chips .chip")).to_have_count(1)
    expect(tab.locator("#live-status")).to_have_text(by_sector)  # announced (aria-live)
    assert tab.locator("#live-status").get_attribute("aria-live") == "polite"
    expect(tab.locator("a[aria-current='true'].selected")).to_have_count(1)

    # The form is live too: a search applies in place and keeps the sector.
    tab.locator("#f-q").fill("development")
    tab.locator("#f-q").press("Enter")
    wait_for_query(tab, "q", "development")
    assert set(parse_qs(urlsplit(tab.url).query, keep_blank_values=True)) == {"q", "sector"}, \
        tab.url  # the form's empty fields are left out
    expect(tab.locator("#results-heading")).not_to_have_text(by_sector)
    searched_url, searched = tab.url, sentence(tab)
    expect(tab).to_have_title(re.compile(r"^“development” · Policies"))
    assert count_in(searched) == api_count(tab, tab.url)

    # A chip removes its filter in place.
    tab.locator(".chips .chip").filter(has_text="development").click()
    tab.wait_for_url(lambda url: "q=" not in url)
    expect(tab.locator("#results-heading")).to_have_text(by_sector)

    # Back and Forward restore each view, still in the same document.
    tab.go_back()
    tab.wait_for_url(searched_url)
    expect(tab.locator("#results-heading")).to_have_text(searched)
    tab.go_back()
    tab.wait_for_url(lambda url: "q=" not in url and "sector=" in url)
    expect(tab.locator("#results-heading")).to_have_text(by_sector)
    tab.go_back()
    tab.wait_for_url(re.compile(r"/policies/$"))
    expect(tab.locator("#results-heading")).to_have_text(everything)
    tab.go_forward()
    tab.wait_for_url(re.compile(r"[?&]sector="))
    expect(tab.locator("#results-heading")).to_have_text(by_sector)
    assert tab.evaluate("window.stillThisDocument") is True
    assert len(loads) == 1, loads


def test_the_next_page_comes_in_place_and_shows_its_top(tab):
    tab.goto("/policies/?page_size=5")
    tab.evaluate("window.stillThisDocument = true")
    first = rows(tab).first.inner_text()
    next_link = tab.locator(".pagination a[rel=next]")
    next_link.scroll_into_view_if_needed()
    next_link.click()
    wait_for_query(tab, "page", "2")
    expect(rows(tab).first).not_to_have_text(first)
    assert tab.evaluate("window.stillThisDocument") is True
    expect(tab.locator("#results-heading")).to_be_in_viewport()


def test_with_javascript_off_the_same_clicks_work_by_navigation(chromium, site):
    context, tab = _new_page(chromium, base_url=site, java_script_enabled=False)
    try:
        tab.goto("/policies/")
        everything = sentence(tab)
        sector = first_unselected_narrowing(tab, "sector", count_in(everything))
        expected = facet_count(sector.inner_text())
        with tab.expect_navigation():
            sector.click()
        assert "sector=" in tab.url
        assert count_in(sentence(tab)) == expected == api_count(tab, tab.url)
        by_sector = sentence(tab)

        # The form submits with the facets' choices kept (hidden fields): a company by name.
        tab.locator("#f-company").fill("BYD")
        with tab.expect_navigation():
            tab.get_by_role("button", name="Apply").click()
        query = parse_qs(urlsplit(tab.url).query)
        assert query.get("company") == ["BYD"] and "sector" in query, tab.url
        assert count_in(sentence(tab)) == api_count(tab, tab.url)
        expect(tab.locator(".chips .chip")).to_have_count(2)

        # A chip removes its filter; Back returns to the sector alone.
        with tab.expect_navigation():
            tab.locator(".chips .chip").filter(has_text="BYD").click()
        expect(tab.locator("#results-heading")).to_have_text(by_sector)
        tab.go_back()
        assert "company=BYD" in tab.url
    finally:
        context.close()


def test_the_company_picker_suggests_names_from_the_registry(tab):
    tab.goto("/policies/")
    tab.locator("#f-company").focus()
    options = tab.locator("#f-company-options option")
    expect(options.first).to_be_attached()
    assert "BYD" in [options.nth(i).get_attribute("value") for i in range(options.count())]


def test_a_long_facet_is_searchable_by_name(tab):
    tab.goto("/policies/")
    find = tab.locator("[data-facet-find]").first
    expect(find).to_be_visible()
    facet = tab.locator("nav.facet", has=find)
    find.fill("industry and information")
    visible = facet.locator("li:visible")
    expect(visible).to_have_count(1)
    expect(visible.first).to_contain_text("MIIT")


def test_a_histogram_bar_click_narrows_the_list_to_its_year_and_then_its_months(tab):
    tab.goto("/policies/")
    bars = tab.locator("figure.timeline svg a")
    assert bars.count() > 1
    label = next(bars.nth(i).get_attribute("aria-label") for i in range(bars.count())
                 if not bars.nth(i).get_attribute("aria-label").startswith(("Undated", "0"))
                 and not bars.nth(i).get_attribute("aria-label").endswith(": 0 policies"))
    year, count = re.match(r"(\d{4}): (\d+) polic", label).groups()
    tab.locator(f"figure.timeline svg a[aria-label='{label}']").click()
    tab.wait_for_url(re.compile(rf"date_from={year}&date_to={year}"))
    assert count_in(sentence(tab)) == int(count) == api_count(tab, tab.url)
    # one year chosen: its twelve months, each a link
    months = tab.locator("figure.timeline svg a")
    expect(months).to_have_count(12)
    assert months.first.get_attribute("aria-label").startswith(f"January {year}: ")


def wait_for_query(page, name: str, value: str) -> None:
    """Wait until the URL's query string has `name=value` (compared decoded)."""
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get(name) == [value])


def test_chinese_search_then_permalink_and_its_canonical_redirect(tab):
    tab.goto("/policies/")
    search = tab.get_by_role("searchbox", name="Search policies")  # the header's search box
    search.fill("汽车")
    search.press("Enter")
    wait_for_query(tab, "q", "汽车")
    automotive = rows(tab).filter(has_text="Digital Transformation of the Automotive Industry")
    expect(automotive).to_have_count(1)
    expect(automotive.locator(".zh")).to_contain_text("汽车")

    search.fill("物联网")
    search.press("Enter")
    wait_for_query(tab, "q", "物联网")
    iot = rows(tab).filter(has_text="Internet of Things")
    expect(iot.first).to_be_visible()
    assert iot.count() >= 2, sentence(tab)
    for i in range(iot.count()):
        expect(iot.nth(i).locator(".zh")).to_contain_text("物联网")

    # The permalink of the first of them: its title, and the one canonical URL.
    link = iot.first.locator("a.policy-title")
    title = link.inner_text().strip()
    link.click()
    tab.wait_for_url(re.compile(r"/policies/\d+/[\w-]+/$"))
    expect(tab.locator("h1")).to_have_text(title)
    expect(tab.locator("article .zh")).to_contain_text("物联网")
    assert title in tab.title()
    canonical = tab.url
    pk = re.search(r"/policies/(\d+)/", canonical).group(1)
    for wrong in (f"/policies/{pk}/not-the-slug/", f"/policies/{pk}/"):
        response = tab.goto(wrong)
        assert tab.url == canonical
        assert response.status == 200
        hop = response.request.redirected_from
        assert hop is not None, f"{wrong} was not redirected"
        assert hop.response().status == 301, hop.url
        expect(tab.locator("h1")).to_have_text(title)


def _focused(tab) -> dict:
    """What has the focus: tag, classes, id, closest facet, and its computed outline."""
    return tab.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return {tag: el.tagName, id: el.id, cls: el.className, text: (el.innerText || "").trim(),
                inFacet: !!el.closest("nav.facet"), focusVisible: el.matches(":focus-visible"),
                outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth};
    }""")


def _assert_focus_visible(focus: dict) -> None:
    assert focus["focusVisible"], focus
    assert focus["outlineStyle"] != "none" and focus["outlineWidth"] != "0px", focus


def test_keyboard_only_skip_link_search_and_facets(tab):
    tab.goto("/policies/")
    tab.keyboard.press("Tab")
    focus = _focused(tab)
    assert "skip-link" in focus["cls"], focus
    _assert_focus_visible(focus)
    skip_box = tab.locator(".skip-link").bounding_box()
    assert skip_box and skip_box["x"] >= 0 and skip_box["y"] >= 0, "skip link is off screen"
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"#main$"))

    # The next Tab lands in <main>: the filter form's search field.
    tab.keyboard.press("Tab")
    focus = _focused(tab)
    assert focus["id"] == "f-q", focus
    _assert_focus_visible(focus)
    before = sentence(tab)
    tab.keyboard.type("storage")
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"[?&]q=storage"))
    expect(tab.locator("#results-heading")).not_to_have_text(before)
    searched = sentence(tab)
    assert "storage" in searched and count_in(searched) > 0

    # Tab on, through the form, to the first facet link, and follow it with Enter.
    url = tab.url
    for _ in range(80):
        tab.keyboard.press("Tab")
        focus = _focused(tab)
        if focus["inFacet"] and focus["tag"] == "A":
            break
    else:
        raise AssertionError("80 Tabs never reached a facet link")
    _assert_focus_visible(focus)
    tab.keyboard.press("Enter")
    tab.wait_for_url(lambda new: new != url)
    query = parse_qs(urlsplit(tab.url).query)
    assert query["q"] == ["storage"], tab.url
    assert set(query) & {"agency", "sector", "type", "year"}, tab.url
    expect(tab.locator(".chips")).to_be_visible()


def test_api_reference_renders_the_operations_from_local_assets_and_runs_a_request(tab, site):
    """The docs page: Swagger UI, vendored, draws every operation of /api/openapi.json, and
    "Try it out" on the policy list gets a real answer; no request leaves the live server."""
    elsewhere = []
    tab.on("request", lambda request: None if request.url.startswith(site)
           or request.url.startswith("data:") else elsewhere.append(request.url))
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto("/api/docs/")
    expect(tab.locator(".opblock-summary-path").first).to_be_visible()
    paths = tab.locator(".opblock-summary-path").all_inner_texts()
    spec = tab.request.get(f"{site}/api/openapi.json").json()
    assert sorted(p.replace("\u200b", "") for p in paths) == sorted(spec["paths"])
    operation = tab.locator("#operations-policies-policy-list")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    status = operation.locator(".live-responses-table .response .response-col_status").first
    expect(status).to_have_text("200")
    assert not elsewhere and not errors, (elsewhere, errors)


AXE_RUN = """async () => {
    const r = await axe.run(document, {resultTypes: ["violations"]});
    return r.violations.filter(v => ["serious", "critical"].includes(v.impact))
        .map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: "
                                                 + n.failureSummary)}));
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_axe_violations(chromium, site, scheme):
    """Every public page, in light and dark colours (contrast is checked on each)."""
    context, tab = _new_page(chromium, base_url=site, color_scheme=scheme)
    try:
        report = {}
        tab.context.add_init_script(path=str(AXE))  # axe-core in every page from now on
        for url in [*fill_placeholders(tab), "/policies/?sector=energy&agency=MIIT"]:
            response = tab.goto(url)
            assert response.ok, (url, response.status)
            if result := tab.evaluate(AXE_RUN):
                report[url] = result
        # the filter panel as a phone shows it, open
        tab.set_viewport_size(PHONE)
        tab.goto("/policies/")
        tab.locator(".filters-toggle").click()
        if result := tab.evaluate(AXE_RUN):
            report["/policies/ (phone, filters open)"] = result
        assert not report, "axe-core violations:\n" + json.dumps(report, indent=2,
                                                                 ensure_ascii=False)
    finally:
        context.close()


def sign_in_to_the_admin(tab) -> None:
    from django.contrib.auth.models import User

    User.objects.create_superuser("axe-admin", password=ADMIN_PASSWORD)
    tab.goto("/admin/login/")
    tab.get_by_label("Username").fill("axe-admin")
    tab.get_by_label("Password").fill(ADMIN_PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(re.compile(r"/admin/$"))


def test_the_admin_pages_editors_use_have_no_serious_axe_violations(chromium, site):
    context, tab = _new_page(chromium, base_url=site, viewport={"width": 1280, "height": 900})
    try:
        sign_in_to_the_admin(tab)
        tab.context.add_init_script(path=str(AXE))
        policy = tab.request.get("/api/policies/?q=automotive").json()["results"][0]["id"]
        pages = {"admin-changelist": "/admin/policies/policy/",
                 "admin-change-form": f"/admin/policies/policy/{policy}/change/",
                 "admin-review-queue": "/admin/review-queue/",
                 "admin-history": f"/admin/policies/policy/{policy}/history/"}
        report = {}
        SCREENSHOTS.mkdir(exist_ok=True)
        for name, url in pages.items():
            response = tab.goto(url)
            assert response.ok, (url, response.status)
            if result := tab.evaluate(AXE_RUN):
                report[url] = result
            tab.screenshot(path=SCREENSHOTS / f"{name}-1280.png", full_page=True)
        # The change form's title field is as wide as the form, not 20 characters.
        tab.goto(pages["admin-change-form"])
        title = tab.locator("input[name=title]").bounding_box()
        assert title and title["width"] > 500, title
        assert not report, "axe-core violations:\n" + json.dumps(report, indent=2,
                                                                 ensure_ascii=False)
    finally:
        context.close()


SCREENSHOTS = ROOT / "test-screenshots"  # git-ignored: look at them after a change of layout
PHONE = {"width": 375, "height": 667}
LIST_PAGES = ["/policies/", "/policies/?q=storage", "/agencies/miit/", "/briefs/", "/news/"]


def shot_name(url: str, width: int, scheme: str = "") -> str:
    name = re.sub(r"[^\w]+", "-", url).strip("-") or "home"
    return f"{name}-{width}{'-' + scheme if scheme else ''}.png"


def too_wide(tab, width: int) -> list[str]:
    """What sticks out to the right of a `width`-pixel viewport, if the page scrolls sideways."""
    if tab.evaluate("document.documentElement.scrollWidth") <= width:
        return []
    return tab.evaluate("""(width) => [...document.querySelectorAll("body *")]
        .filter(el => el.getBoundingClientRect().right > width + 0.5)
        .slice(0, 5).map(el => el.outerHTML.slice(0, 120))""", width)


def small_targets(tab, selector: str) -> list[str]:
    """The visible elements matching `selector` less than 44 px high (tap targets)."""
    return tab.evaluate("""(selector) => [...document.querySelectorAll(selector)]
        .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < 43.5)
        .slice(0, 5).map(el => el.outerHTML.slice(0, 100)
                         + " " + el.getBoundingClientRect().height)""", selector)


@pytest.mark.parametrize("width", [1280, 375])
def test_no_page_scrolls_sideways_and_each_is_photographed(chromium, site, width):
    """Every main page fits its width (no horizontal scroll) at 1280 and 375 px; a full-page
    screenshot of each, light and (on the phone) dark, lands in test-screenshots/."""
    viewport = {"width": width, "height": 900} if width > 375 else PHONE
    SCREENSHOTS.mkdir(exist_ok=True)
    problems = []
    for scheme in ("light", "dark") if width == 375 else ("light",):
        context, tab = _new_page(chromium, base_url=site, viewport=viewport, color_scheme=scheme)
        try:
            for page, url in zip(MAIN_PAGES, fill_placeholders(tab), strict=True):
                tab.goto(url)
                if wide := too_wide(tab, width):
                    problems.append(f"{url} ({scheme}): scrolls sideways: {wide}")
                if not tab.locator("#site-q").is_visible():
                    problems.append(f"{url}: the header search box is not visible")
                tab.screenshot(path=SCREENSHOTS / shot_name(
                    page, width, "" if scheme == "light" else scheme), full_page=True)
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def test_on_a_phone_the_first_result_is_on_the_first_screen_and_filters_open_from_a_button(
        chromium, site):
    context, tab = _new_page(chromium, base_url=site, viewport=PHONE, has_touch=True)
    try:
        problems = []
        for url in LIST_PAGES:
            tab.goto(url)
            first = tab.locator("ol.results > li, ul.results > li").first
            box = first.bounding_box()
            if not box or box["y"] + 24 > PHONE["height"]:
                problems.append(f"{url}: the first result starts at {box and box['y']} px")
            if tab.locator("#f-q").is_visible():
                problems.append(f"{url}: the filters are open before being asked for")
            problems += [f"{url}: small target {t}" for t in small_targets(
                tab, ".filters-toggle, .chip, .clear-all, .pagination a, .sort-links a, "
                     ".site-header nav a, button")]
        assert not problems, "\n".join(problems)

        # "Filters (n)" opens the panel: the form and the facets, with tap-sized links.
        tab.goto("/policies/?sector=energy")
        toggle = tab.locator(".filters-toggle")
        expect(toggle).to_have_text("Filters (1)")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(tab.locator("#f-q")).to_be_visible()
        expect(facet_links(tab, "agency").first).to_be_visible()
        SCREENSHOTS.mkdir(exist_ok=True)
        tab.screenshot(path=SCREENSHOTS / "policies-375-filters-open.png", full_page=True)
        assert not small_targets(tab, "nav.facet a, .filters button, .filters label.check, "
                                     ".filters input:not([type=checkbox])")

        # A facet tapped in the panel updates the list and the panel stays open for the next.
        before = sentence(tab)
        tab.evaluate("window.stillThisDocument = true")
        agency = first_unselected_narrowing(tab, "agency", count_in(before))
        agency.click()
        tab.wait_for_url(re.compile(r"[?&]agency="))
        expect(tab.locator("#results-heading")).not_to_have_text(before)
        assert tab.evaluate("window.stillThisDocument") is True
        expect(tab.locator(".filters-toggle")).to_have_text("Filters (2)")
        expect(tab.locator("#f-q")).to_be_visible()
        # "Show n results" closes it and takes the reader to them.
        tab.locator(".filters-done a").click()
        expect(tab.locator("#f-q")).to_be_hidden()
        expect(rows(tab).first).to_be_in_viewport()
    finally:
        context.close()


def test_on_a_phone_without_javascript_the_filters_link_opens_them(chromium, site):
    context, tab = _new_page(chromium, base_url=site, viewport=PHONE, java_script_enabled=False)
    try:
        tab.goto("/policies/")
        expect(tab.locator("#f-q")).to_be_hidden()
        tab.locator(".filters-toggle").click()
        tab.wait_for_url(re.compile(r"#filters$"))
        expect(tab.locator("#f-q")).to_be_visible()
        expect(facet_links(tab, "sector").first).to_be_visible()
    finally:
        context.close()


def test_a_policy_prints_without_the_sites_chrome(tab):
    policy = fill_placeholders(tab)[MAIN_PAGES.index("{policy}")]
    tab.goto(policy)
    tab.emulate_media(media="print")
    for chrome in (".site-header", ".site-footer", ".report-problem"):
        expect(tab.locator(chrome)).to_be_hidden()
    expect(tab.locator("article.policy h1")).to_be_visible()
    assert tab.evaluate("getComputedStyle(document.body).backgroundColor") in (
        "rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / "policy-print.png", full_page=True)


def test_chinese_text_is_set_in_a_cjk_face(tab):
    tab.goto("/policies/?q=汽车")
    family = tab.locator(".policy-row .zh").first.evaluate("el => getComputedStyle(el).fontFamily")
    assert "Noto Sans CJK SC" in family or "PingFang SC" in family, family


# ------------------------------------------------------------------ Content-Security-Policy

# Every violation the page reports, with what was refused (added before any page script runs).
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push({directive: event.effectiveDirective, blocked: event.blockedURI,
                               sample: event.sample, line: event.lineNumber});
});
"""
ADMIN_PASSWORD = "a long passphrase for the admin"


def csp_violations(tab) -> list[dict]:
    """The violations reported so far, once the events queued by the last load have fired."""
    return tab.evaluate("() => new Promise((done) => setTimeout(() => "
                        "done(window.cspViolations), 100))")


def test_the_pages_api_docs_and_admin_run_under_the_csp_without_a_violation(tab, site):
    from django.contrib.auth.models import User

    User.objects.create_superuser("csp-admin", password=ADMIN_PASSWORD)
    tab.context.add_init_script(RECORD_CSP_VIOLATIONS)
    report = {}
    for url in fill_placeholders(tab):
        response = tab.goto(url)
        assert response.ok and response.headers["content-security-policy"], url
        report[url] = csp_violations(tab)

    # The API reference: Swagger UI draws the operations and opens one.
    tab.goto("/api/docs/")
    expect(tab.locator(".opblock-summary-path").first).to_be_visible()
    operation = tab.locator("#operations-policies-policy-list")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    expect(operation.locator(".live-responses-table .response .response-col_status").first) \
        .to_have_text("200")
    report["/api/docs/"] = csp_violations(tab)

    # The admin: its sign-in, then the pages an editor uses.
    tab.goto("/admin/login/")
    report["/admin/login/"] = csp_violations(tab)
    tab.get_by_label("Username").fill("csp-admin")
    tab.get_by_label("Password").fill(ADMIN_PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(re.compile(r"/admin/$"))
    policy = tab.request.get("/api/policies/?q=automotive").json()["results"][0]["id"]
    for url in ("/admin/", "/admin/review-queue/", "/admin/policies/policy/",
                "/admin/policies/policy/?q=energy", f"/admin/policies/policy/{policy}/change/",
                f"/admin/policies/policy/{policy}/history/", "/admin/policies/agency/add/"):
        response = tab.goto(url)
        assert response.ok, (url, response.status)
        report[url] = csp_violations(tab)
    found = {url: violations for url, violations in report.items() if violations}
    assert not found, "CSP violations:\n" + json.dumps(found, indent=2, ensure_ascii=False)


def test_an_injected_inline_script_and_style_are_blocked_and_reported(tab):
    """The policy is not a header nobody reads: markup that slipped into a page unescaped runs
    no script and applies no style, and the browser says so."""
    tab.context.add_init_script(RECORD_CSP_VIOLATIONS)

    def inject(route):
        response = route.fetch()
        body = response.text().replace(
            "</main>", '<script>window.injectedScriptRan = true;</script>'
                       '<p id="injected" style="color: rgb(255, 0, 0)">injected</p></main>')
        route.fulfill(response=response, body=body)

    tab.route("**/policies/", inject)
    tab.goto("/policies/")
    expect(tab.locator("#injected")).to_be_attached()
    violations = csp_violations(tab)
    assert tab.evaluate("() => window.injectedScriptRan") is None
    assert tab.evaluate("() => getComputedStyle(document.getElementById('injected')).color") \
        != "rgb(255, 0, 0)"
    directives = {violation["directive"] for violation in violations}
    assert {"script-src-elem", "style-src-attr"} <= directives, violations
