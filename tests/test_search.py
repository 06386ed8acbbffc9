"""Full-text search: the same answers on SQLite (FTS5) and PostgreSQL (tsvector), Chinese by
bigrams, registry-aware agency names, ranking, hostile input and highlighted snippets."""

from __future__ import annotations

import hashlib
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from policies.models import (
    Agency,
    AgencyAlias,
    Brief,
    BriefItem,
    NewsItem,
    Policy,
    SearchDocument,
)
from policies.search.index import reindex, reindex_all
from policies.search.query import QueryError
from policies.search.snippets import snippet

from .factories import make_policy

# --------------------------------------------------------------------------- helpers


def make_brief(*, title: str = "China Industries Brief", topics=(), body: str = "",
               published_on: date | None = None) -> Brief:
    key = hashlib.sha256(f"{title}{Brief.objects.count()}".encode()).hexdigest()
    return Brief.objects.create(
        title=title, topics=list(topics), body=body, published_on=published_on,
        source_file=f"{key[:12]}.txt", sha256=key, raw_text=body or title, slug=key[:20],
    )


def make_item(brief: Brief, policy: Policy | None, *, headline: str = "An item",
              summary: str = "", key_points=(), comment: str = "") -> BriefItem:
    return BriefItem.objects.create(
        brief=brief, position=brief.items.count() + 1, headline=headline, summary=summary,
        key_points=list(key_points), comment=comment, policy=policy,
    )


def make_news(brief: Brief, text: str, *, agencies=(), sources=()) -> NewsItem:
    item = NewsItem.objects.create(
        brief=brief, position=brief.news_items.count() + 1, kind="policy", text=text,
        sources=list(sources), date=date(2025, 1, 1),
    )
    item.agencies.set(Agency.objects.filter(abbreviation__in=agencies))
    return item


def titles(queryset) -> set[str]:
    return {p.title for p in queryset}


def found(q: str) -> set[str]:
    return titles(Policy.objects.all().search(q))


def ranked(q: str) -> list[str]:
    return [p.title for p in Policy.objects.all().search(q).order_by("-rank", "pk")]


STORAGE = "Action Plan for the High-Quality Development of the New Energy Storage Industry"
BATTERY = "Notice on Battery Recycling Standards"
AUTO = "Implementation Plan for the Digital Transformation of the Automotive Industry"
CARBON = "Notice on the Pilot Work of Product Carbon Footprint Labeling Certification"
IOT = "Notice on Promoting the Development of the Mobile Internet of Things"
SOLAR = "Opinions on Promoting the Large-Scale Development of Concentrated Solar Power"


@pytest.fixture
def archive(db):
    """Six policies, one brief discussing some of them, two news items; indexed."""
    miit = Agency.objects.get(abbreviation="MIIT")
    AgencyAlias.objects.get_or_create(name="工信部", defaults={"agency": miit})
    policies = {
        "storage": make_policy(title=STORAGE, chinese_title="新型储能制造业高质量发展行动方案",
                               agencies=("MIIT",)),
        "battery": make_policy(title=BATTERY, chinese_title="关于动力电池回收标准的通知",
                               agencies=("SAMR",)),
        "auto": make_policy(title=AUTO, chinese_title="汽车行业数字化转型实施方案",
                            agencies=("MIIT", "MOE", "SAMR", "NDA")),
        "carbon": make_policy(title=CARBON,
                              chinese_title="市场监管总局等部门关于开展产品碳足迹标识认证试点工作的通知",
                              agencies=("SAMR",)),
        "iot": make_policy(title=IOT, chinese_title="关于推进移动物联网发展的通知",
                           agencies=("MIIT",)),
        "solar": make_policy(title=SOLAR, chinese_title="关于推动光热发电规模化发展有关事项的通知",
                             agencies=("NDRC", "NEA")),
    }
    brief = make_brief(title="Digitalization of China's auto industry + Concentrated solar power",
                       topics=["Counting Carbon: rollout of a footprint system for batteries"])
    make_item(brief, policies["auto"], headline="Digitalization held back by parts suppliers",
              summary="A plan for the digitalization of vehicle manufacturers.",
              key_points=["Raise labor productivity by 10 percent"],
              comment="Data silos between companies prevent synergies; hydrogen trucks lag.")
    make_item(brief, policies["solar"], headline="China wants to lead in concentrated solar",
              summary="Install 15 GW of capacity and cut the cost of heat absorption.",
              comment="Spain leads with 2.3 GW (西班牙).")
    make_news(brief, "The Ministry published rules on lithium battery exports.",
              agencies=("MIIT",), sources=["Caixin"])
    make_news(brief, "Regulators fined three carmakers over data handling.",
              agencies=("SAMR",), sources=["Xinhua"])
    reindex_all()
    return policies


# --------------------------------------------------------------------------- English


@pytest.mark.parametrize("q", ["storage", "Storage", "STORAGE", "energy storage"])
def test_english_words_are_case_insensitive(archive, q):
    assert STORAGE in found(q)


def test_stemming_finds_other_forms(archive):
    assert found("batteries") == {BATTERY}
    assert found("recycled standard") == {BATTERY}
    assert STORAGE in found("developing")


def test_all_bare_words_must_match(archive):
    assert found("notice battery") == {BATTERY}
    assert found("battery hydrogen") == set()


def test_quoted_phrase_keeps_word_order(archive):
    assert found('"energy storage"') == {STORAGE}
    assert found('"storage energy"') == set()
    assert found('"internet of things"') == {IOT}


def test_or_matches_either(archive):
    assert found("battery OR footprint") == {BATTERY, CARBON}
    assert found('"carbon footprint" OR recycling notice') == {BATTERY, CARBON}


def test_lower_case_or_is_an_ordinary_word(archive):
    # "or" is a stop word, so this is "battery footprint": nothing has both.
    assert found("battery or footprint") == set()


def test_minus_excludes(archive):
    assert found("notice -battery") == {CARBON, IOT}
    assert found('notice -"internet of things"') == {BATTERY, CARBON}


def test_body_text_from_brief_items_is_searched(archive):
    assert found("silos") == {AUTO}
    assert found("spain") == {SOLAR}
    assert found("labor") == {AUTO}  # a key point


# --------------------------------------------------------------------------- Chinese


@pytest.mark.parametrize(
    "q, expected",
    [
        ("汽车", {AUTO}),
        ("数字化", {AUTO}),
        ("数字化转型", {AUTO}),
        ("物联网", {IOT}),
        ("碳足迹", {CARBON}),
        ("储能", {STORAGE}),
        ("电池", {BATTERY}),
        ("通知", {BATTERY, CARBON, IOT, SOLAR}),
        ("西班牙", {SOLAR}),  # in a brief item's comment
        ("稀土", set()),
        ("芯片", set()),
        ("汽行", set()),  # both characters are in a title, but not next to each other
        ("行业数字", {AUTO}),
    ],
)
def test_chinese_words_inside_unspaced_titles(archive, q, expected):
    assert found(q) == expected


def test_chinese_phrase_does_not_span_separate_runs(archive):
    Policy.objects.filter(title=SOLAR).update(chinese_title="光热 发电")
    reindex(policies=Policy.objects.filter(title=SOLAR))
    assert found("光热") == {SOLAR}
    assert found("热发") == set()


@pytest.mark.parametrize(
    "q, expected",
    [("车", {AUTO}), ("碳", {CARBON}), ("网", {IOT}), ("案", {STORAGE, AUTO}), ("鑫", set())],
)
def test_single_chinese_character(archive, q, expected):
    assert found(q) == expected


def test_chinese_and_english_together(archive):
    assert found("汽车 digital") == {AUTO}
    assert found("汽车 battery") == set()
    assert found("电池 OR footprint") == {BATTERY, CARBON}
    assert found("通知 -物联网") == {BATTERY, CARBON, SOLAR}


def test_full_width_letters_are_normalised(archive):
    assert found("ＳＴＯＲＡＧＥ") == {STORAGE}


# --------------------------------------------------------------------------- registry-aware


@pytest.mark.parametrize(
    "q",
    ["工信部", "工业和信息化部", "Ministry of Industry and Information Technology", "MIIT", "miit",
     '"Ministry of Industry and Information Technology"', "ministry of industry & information "
     "technology", "Industry Ministry"],
)
def test_query_naming_an_agency_finds_its_policies(archive, q):
    storage = archive["storage"]
    assert "MIIT" not in storage.title and "工信部" not in storage.chinese_title
    assert "工业和信息化部" not in storage.chinese_title
    assert found(q) == {STORAGE, AUTO, IOT}


def test_agency_name_combines_with_other_words(archive):
    assert found("MIIT storage") == {STORAGE}
    assert found("工信部 汽车") == {AUTO}
    assert found("MIIT -汽车") == {STORAGE, IOT}
    assert found("MIIT OR NDRC") == {STORAGE, AUTO, IOT, SOLAR}
    assert found("发改委") == {SOLAR}


def test_words_that_are_not_a_whole_agency_name_do_not_use_the_registry(archive):
    assert found("Ministry") == set()
    assert found("Information Technology") == set()


def test_registry_match_follows_the_links_after_reindex(archive):
    storage = archive["storage"]
    storage.policy_agencies.all().delete()
    reindex(policies=[storage])
    assert found("MIIT") == {AUTO, IOT}


# --------------------------------------------------------------------------- ranking


def test_title_hit_ranks_above_body_hit(archive):
    hydrogen_title = make_policy(title="Guidelines for the Hydrogen Energy Industry")
    reindex(policies=[hydrogen_title])
    assert ranked("hydrogen") == [hydrogen_title.title, AUTO]  # AUTO: only in a comment


def test_chinese_title_hit_ranks_above_body_hit(archive):
    spain = make_policy(title="Notice on Cooperation", chinese_title="关于与西班牙合作的通知")
    reindex(policies=[spain])
    assert ranked("西班牙") == [spain.title, SOLAR]


def test_rank_is_a_float_and_orders(archive):
    rows = list(Policy.objects.all().search("notice").order_by("-rank"))
    assert rows and all(isinstance(p.rank, float) and p.rank > 0 for p in rows)
    assert [p.rank for p in rows] == sorted((p.rank for p in rows), reverse=True)


def test_blank_query_keeps_everything_with_rank_zero(archive):
    rows = list(Policy.objects.all().search("   "))
    assert len(rows) == 6 and {p.rank for p in rows} == {0.0}


# --------------------------------------------------------------------------- hostile input


HOSTILE = [
    '"', '""', '"storage', 'storage"', '"energy storage', "'", "*", "storage*", "NEAR(",
    "NEAR(storage battery)", "storage AND battery", "storage NOT battery", "OR", "OR storage OR",
    "-", "--storage storage", "- storage", "title:storage", "{title}: storage", "^storage",
    "(storage", "storage)", "'; DROP TABLE policies_policy; --", "<script>alert(1)</script>",
    "storage & | ! <-> :*", "\\", "%", "_", "%storage%", "\x00storage", "储能\"", "「汽车」",
    "汽车*", "storage" + "\u200b" * 5, "a" * 600, "🔋 battery",
    # Long queries: deep nesting overflows FTS5's parser unless the expression stays flat.
    "-汽 " * 120 + "车", "车 " + " ".join(f"-{i % 10}" for i in range(160)),
    " OR ".join(str(i % 10) for i in range(120)), " ".join(str(i) for i in range(200)),
    '"' + "a1 " * 200 + '"', "汽车" * 300, "(" * 500, "MIIT " + " OR ".join(["汽车"] * 95),
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_input_never_reaches_the_database_as_syntax(archive, q):
    try:
        rows = list(Policy.objects.all().search(q).order_by("-rank"))
    except QueryError:
        return
    assert all(isinstance(p.rank, float) for p in rows)
    list(Brief.objects.all().search(q))
    list(NewsItem.objects.all().search(q))


def test_hostile_words_are_searched_as_words(archive):
    assert found("storage*") == {STORAGE}
    assert found("NEAR(storage battery)") == set()  # the phrase "near storage", and battery
    assert found("<script>storage</script>") == set()


def test_ten_kilobyte_query_is_cut_to_500_characters(archive):
    assert found("storage " * 1280) == {STORAGE}
    assert found("storage " * 62 + "battery") == {STORAGE}  # battery lies past character 500


@pytest.mark.parametrize(
    "q, message",
    [("*", "Nothing to search for"), ('"" () !!', "Nothing to search for"),
     ("the of and", "Nothing to search for"), ("-battery", "cannot only exclude"),
     ("-battery -汽车", "cannot only exclude")],
)
def test_unsearchable_query_raises_query_error(archive, q, message):
    with pytest.raises(QueryError, match=message):
        Policy.objects.all().search(q)
    assert isinstance(QueryError(), ValueError)


# --------------------------------------------------------------------------- briefs and news


def test_search_briefs(archive):
    assert {b.title for b in Brief.objects.all().search("concentrated solar")} == {
        "Digitalization of China's auto industry + Concentrated solar power"
    }
    assert Brief.objects.all().search("footprint").count() == 1  # a topic
    assert Brief.objects.all().search("西班牙").count() == 1  # an item's comment
    assert Brief.objects.all().search("稀土").count() == 0


def test_search_news(archive):
    def news(q):
        return {n.text for n in NewsItem.objects.all().search(q).order_by("-rank")}

    lithium = "The Ministry published rules on lithium battery exports."
    fines = "Regulators fined three carmakers over data handling."
    assert news("batteries") == {lithium}
    assert news("carmaker") == {fines}
    assert news("xinhua") == {fines}  # a source
    assert news("工信部") == {lithium}  # linked agency, named by alias
    assert news("SAMR") == {fines}
    assert news("storage") == set()


def test_search_applies_to_a_filtered_queryset(archive):
    qs = Policy.objects.filter(policy_agencies__agency__abbreviation="SAMR").for_list()
    assert titles(qs.search("notice")) == {BATTERY, CARBON}


# --------------------------------------------------------------------------- the index


def test_reindex_follows_edits_and_deletions(archive):
    storage = archive["storage"]
    storage.title = "Action Plan for Grid Flexibility"
    storage.save()
    assert found("flexibility") == set()  # not reindexed yet
    result = reindex(policies=[storage.pk])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    assert found("flexibility") == {storage.title}
    assert found('"energy storage"') == set()
    pk = storage.pk
    storage.delete()
    assert found("flexibility") == set()
    assert not SearchDocument.objects.filter(policy_id=pk).exists()


def test_reindex_of_a_brief_brings_its_news_and_policies(archive):
    BriefItem.objects.filter(policy=archive["auto"]).update(summary="About semiconductors.")
    NewsItem.objects.filter(text__startswith="Regulators").update(text="Regulators and chips.")
    result = reindex(briefs=Brief.objects.all())
    assert result.updated == 3  # the brief, the automotive policy, one news item
    assert found("semiconductor") == {AUTO}
    assert NewsItem.objects.all().search("chips").count() == 1


def test_reindex_all_is_idempotent(archive):
    result = reindex_all()
    assert result.created == result.updated == 0
    assert result.unchanged == Policy.objects.count() + Brief.objects.count() + 2


def test_rebuild_command(archive):
    SearchDocument.objects.all().delete()
    assert found("storage") == set()
    out = StringIO()
    call_command("rebuild_search_index", "--dry-run", stdout=out)
    assert "Would index 9 records: 9 new" in out.getvalue()
    assert found("storage") == set()
    call_command("rebuild_search_index", stdout=out)
    assert found("storage") == {STORAGE}


def test_search_adds_one_query_that_does_not_grow_with_rows(archive):
    def queries(q):
        with CaptureQueriesContext(connection) as ctx:
            list(Policy.objects.all().search(q).order_by("-rank"))
        return len(ctx.captured_queries)

    assert queries("notice") == queries("MIIT 汽车") == 2  # agency names, then the search
    for n in range(20):
        make_policy(title=f"Notice number {n}")
    reindex_all()
    assert queries("notice") == 2


def test_search_uses_the_index(archive):
    sql = str(Policy.objects.all().search("storage").query)
    if connection.vendor == "postgresql":
        assert '"vector" @@' in sql
    else:
        assert "policies_searchdocument_fts" in sql and "MATCH" in sql


# --------------------------------------------------------------------------- snippets


def test_snippet_marks_matches_as_segments():
    text = "MIIT issued a plan on energy storage. Batteries and storage systems follow."
    assert snippet(text, "battery storage") == [
        ("MIIT issued a plan on energy ", False), ("storage", True), (". ", False),
        ("Batteries", True), (" and ", False), ("storage", True), (" systems follow.", False),
    ]


def test_snippet_cuts_around_the_first_match():
    text = " ".join(["filler"] * 100) + " the footprint pilot " + " ".join(["tail"] * 100)
    segments = snippet(text, "footprint", length=80)
    assert segments[0][0].startswith("…") and segments[-1][0].endswith("…")
    assert ("footprint", True) in segments
    assert sum(len(s) for s, _ in segments) <= 80 + 2


def test_snippet_chinese_and_no_match_and_escaping_left_to_templates():
    assert snippet("关于推进移动物联网发展的通知", "物联网") == [
        ("关于推进移动", False), ("物联网", True), ("发展的通知", False)
    ]
    assert snippet("<b>storage</b>", "storage") == [("<b>", False), ("storage", True),
                                                     ("</b>", False)]
    assert snippet("Plain text without hits", "zzz") == [("Plain text without hits", False)]
    # a query with nothing to search (punctuation, a control byte) highlights nothing
    assert snippet("Plain text", "\x80") == snippet("Plain text", "!!") == [("Plain text", False)]
    assert snippet("Plain text", "-") == [("Plain text", False)]  # bad query: no highlight
    assert snippet("", "storage") == []


def test_snippet_does_not_mark_excluded_words():
    assert snippet("storage and batteries", "storage -battery") == [
        ("storage", True), (" and batteries", False)
    ]


# --------------------------------------------------------------------------- the seeds


@pytest.mark.parametrize(
    "q, title_start",
    [
        ("汽车", "Implementation Plan for the Digital Transformation of the Automotive"),
        ("碳足迹", "Notice on Carrying Out the Pilot Work of Product Carbon Footprint"),
        ("物联网", "Notice on Promoting the Development of the Mobile Internet of Things"),
        ("物联网", 'Notice on Issuing the "Three-year Action Plan'),
        ("工信部", "Action Plan for the High-Quality Development of the New Energy Storage"),
    ],
)
def test_seed_queries_on_the_index_the_ingest_keeps(seeded, q, title_start):
    hits = [p.title for p in Policy.objects.all().search(q)]
    assert any(t.startswith(title_start) for t in hits), hits


# ASCII text made of words, stop words among them, and separators: analyse's fast path
_ASCII_TEXT = st.lists(st.sampled_from(["The", "of", "AND", "Notice", "5G", "2024", "a1b2",
                                        "x" * 101, "_", " ", "-", "'s", ", ", "\n", "İ"]),
                       max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8")) | _ASCII_TEXT, max_size=4))
def test_analyse_gives_what_the_query_sides_tokens_give(texts):
    """The index's analyse() (inlined for speed) and tokens(), which the query side reads, agree
    on any text: words lower-cased without stop words, CJK runs as bigrams."""
    from policies.search.analysis import analyse, cjk_tokens, tokens

    words, cjk = [], []
    for text in texts:
        for kind, value in tokens(text):
            words.append(value) if kind == "word" else cjk.extend(cjk_tokens(value))
    assert analyse(texts) == (" ".join(words), " ".join(cjk))
