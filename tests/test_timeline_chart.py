"""`{% timeline_chart %}` writes the markup the include it replaced wrote, byte for byte, for any
chart (`timeline.chart` of any buckets: empty, without links, with links and a selected bar,
texts with markup in them), and ingested or typed text in a chart is escaped."""

from __future__ import annotations

from pathlib import Path

from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from policies.timeline import Bucket, chart, timeline

# includes/_timeline.html as it was, kept beside the tests: the reference
INCLUDE = (Path(__file__).parent / "reference" / "timeline_include.html").read_text()
TAG = "{% load charts %}{% timeline_chart timeline %}"

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
buckets = st.lists(st.builds(Bucket, label=texts, count=st.integers(0, 10**6), name=texts,
                             url=st.one_of(st.just(""), texts), selected=st.booleans()),
                   max_size=40)


def both(chart_):
    context = {"timeline": chart_}
    return (Template(INCLUDE).render(Context(context)), Template(TAG).render(Context(context)))


@settings(max_examples=300, deadline=None)
@given(buckets, texts)
def test_the_tag_writes_what_the_include_wrote_for_any_chart(drawn, title):
    old, new = both(chart(drawn, title=title, noun=("policy", "policies"), empty="None yet."))
    assert new == old


def test_the_home_chart_and_an_empty_chart_are_written_as_before():
    for chart_ in (timeline([(2019, 3), (2021, 12), (2024, 1)]), timeline([])):
        old, new = both(chart_)
        assert new == old and "<svg" in new


def test_text_in_a_chart_is_escaped():
    hostile = chart([Bucket('<script>alert("x")</script>', 3, url='/p/?q="><b>', selected=True)],
                    title="Policies & <i>more</i>", noun=("policy", "policies"), empty="")
    _, new = both(hostile)
    assert "<script>" not in new and "<b>" not in new and "<i>" not in new
    assert "&lt;script&gt;" in new and "&amp;" in new and 'aria-current="true"' in new
