"""Fuzzing in the suite: about 1,200 mutated real briefs (text, web page, e-mail, PDF) through
the readers and the parser, and random query strings through every list endpoint. A reader
or the parser may refuse an input with its one-line reason; anything else it raises is a crash.
A page may answer 200, 301, 400 or 404; never a 500, and never the input echoed unescaped.
The long run (100,000 inputs and more, time per MB) is scripts/fuzz_ingest.py."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policies.search.index import reindex_all

from . import fuzzing
from .factories import make_sample_archive

TEXT_SEEDS = fuzzing.text_seeds()

steps = st.lists(st.tuples(st.sampled_from(fuzzing.OPERATIONS), st.integers(0, 1 << 20),
                           st.integers(0, 1 << 12), st.binary(max_size=64)),
                 min_size=1, max_size=8)


def fuzz(examples: int) -> settings:
    # function-scoped fixtures (the database, a folder) are shared by a test's examples: fine,
    # each example only reads the database, and overwrites its one file in the folder
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def format_seeds(tmp_path_factory):
    return fuzzing.format_seeds(tmp_path_factory.mktemp("seeds"))


@fuzz(800)
@given(seed=st.sampled_from(TEXT_SEEDS), steps=steps)
def test_mutated_text_briefs_are_read_or_refused_never_crash(tmp_path, seed, steps):
    assert fuzzing.run_one(seed, fuzzing.mutate(seed.data, steps), tmp_path) in ("ok", "refused")


@pytest.mark.parametrize("suffix,examples", [(".html", 150), (".eml", 200), (".pdf", 60)])
def test_mutated_pages_mails_and_pdfs_are_read_or_refused_never_crash(
        tmp_path, format_seeds, suffix, examples):
    seeds = [seed for seed in format_seeds if seed.suffix == suffix]
    outcomes = []

    @fuzz(examples)
    @given(seed=st.sampled_from(seeds), steps=steps)
    def check(seed, steps):
        outcomes.append(fuzzing.run_one(seed, fuzzing.mutate(seed.data, steps), tmp_path))

    check()
    assert len(outcomes) >= examples * 0.9
    assert "ok" in outcomes  # the mutants are not all refused: the fuzz reaches the parser


def test_unmutated_seeds_read_and_parse(tmp_path, format_seeds):
    """The fuzz starts from inputs that work: every seed, in every format, parses as it is."""
    for seed in [*TEXT_SEEDS[-5:], *format_seeds]:
        assert fuzzing.run_one(seed, seed.data, tmp_path) == "ok", seed.name


# --------------------------------------------------------------------------- query strings

LISTS = ["/policies/", "/news/", "/briefs/", "/agencies/", "/sectors/", "/companies/",
         "/agencies/miit/", "/sectors/energy/", "/api/policies/", "/api/news/", "/api/briefs/",
         "/api/agencies/", "/api/agencies/miit/", "/policies/export.csv", "/news/export.csv",
         "/policies/feed/"]
NAMES = ["q", "agency", "agency_match", "sector", "lead", "company", "type", "kind",
         "date_from", "date_to", "undated", "sort", "include_subordinate", "page", "page_size",
         "year", "utm_source", "Agency", "q[]", ""]
HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "' OR 1=1 --",
           "\x00", "%00", "../../etc/passwd", "MIIT", "2024", "2024-02-30", "-1", "99999999999",
           "工信部", "新能源", "all", "1", "relevance", "\ud800".encode("utf-8", "surrogatepass")
           .decode("utf-8", "replace"), "a" * 600]
JSON_LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
queries = st.lists(st.tuples(st.one_of(st.sampled_from(NAMES), st.text(max_size=12)), values),
                   max_size=6)


@pytest.fixture
def archive(db):
    data = make_sample_archive()
    reindex_all()
    return data


@pytest.mark.django_db
@fuzz(300)
@given(url=st.sampled_from(LISTS), query=queries)
def test_no_query_string_gives_a_server_error_or_an_unescaped_echo(client, archive, url, query):
    response = client.get(f"{url}?{urlencode(query)}" if query else url)
    # 429: the per-client limit of the exports and feeds, which 300 requests from one client meet
    assert response.status_code in (200, 301, 400, 404, 429), (url, query, response.status_code)
    if response["Content-Type"].startswith("text/html"):
        body = response.content.decode()
        # JSON-LD is data inside a script element: JSON-escaped, and never a raw "<" that could
        # close the element; the rest of the page must escape what it echoes
        for data in JSON_LD_RE.findall(body):
            assert "<" not in data, (url, query)
        body = JSON_LD_RE.sub("", body)
        for _, value in query:
            if any(c in value for c in "<>\"'&") and len(value) > 3:
                # the escaped echo may hold the raw value ("000&amp;" holds "000&"): look for
                # the value outside its escaped form
                assert value not in body.replace(html.escape(value), ""), (url, query)
