"""The markup helpers (policies/markup.py: `html`, `join`), which write the list pages' facet
links and rows, write what Django's format_html and format_html_join write for the same
arguments: safe markup kept as it is, everything else escaped, lazy strings read; `joined`
refuses what they did not make."""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from hypothesis import given
from hypothesis import strategies as st

from policies.markup import html as _html
from policies.markup import join as _join
from policies.markup import joined

lazy_text = lazy(lambda text: text, str)
texts = st.text(alphabet=st.sampled_from(list("ab<>&\"'=/ 汽车\u00a0")), max_size=12)
arguments = st.one_of(
    texts,
    texts.map(mark_safe),
    texts.map(lazy_text),
    st.integers(-10**6, 10**6),
    st.none(),
)
formats = st.lists(st.sampled_from(['<a href="{}">', "{}", " title='{}' ", "<b>{}</b>"]),
                   min_size=1, max_size=4).map("".join)


@given(formats.flatmap(lambda f: st.tuples(st.just(f), st.lists(
    arguments, min_size=f.count("{}"), max_size=f.count("{}")))))
def test_html_escapes_as_format_html_does(case):
    format_string, args = case
    made = _html(format_string, *args)
    assert made == format_html(format_string, *args)
    assert isinstance(made, SafeString)


@given(formats.flatmap(lambda f: st.tuples(st.just(f), st.lists(st.lists(
    arguments, min_size=f.count("{}"), max_size=f.count("{}")), max_size=4))))
def test_join_escapes_as_format_html_join_does(case):
    format_string, rows = case
    made = _join(format_string, rows)
    assert made == format_html_join("", format_string, rows)
    assert isinstance(made, SafeString)


def test_markup_in_ingested_text_comes_out_as_text():
    assert _html("<td>{}</td>", '<script>alert("x")</script>') == (
        "<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>")
    assert _html("<td>{}</td>", SafeString("<b>kept</b>")) == "<td><b>kept</b></td>"


def test_joined_refuses_text_not_made_safe():
    import pytest
    assert joined([_html("<i>{}</i>", "<"), _join("{}", [("&",)])]) == "<i>&lt;</i>&amp;"
    with pytest.raises(TypeError):
        joined([_html("<i>{}</i>", "a"), "<script>"])
