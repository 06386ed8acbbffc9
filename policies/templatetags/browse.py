"""The browse pages' helpers: `{% hidden_state results.state "q date_from date_to" %}` carries
the list's other filters (set by the facets and chips) through a submit of its form,
`{% facet_values facet facet.first %}` writes a facet's links and `{% policy_rows rows %}` a
policy list's rows.

The last two are written in Python rather than an include per value or row: a list page has
hundreds of facet values and 25 rows, and their includes were most of its rendering time. Every
piece goes through `markup.html` or `markup.join`, which escape what is not already safe exactly
as Django's format_html does, without its per-call overhead; the names, slugs and
counts that recur on every page (the registry's agencies and sectors, types, years) are escaped
once and remembered (`_escaped`), since Django's escape() costs a few microseconds a call, and a
result row without search highlights is written once per `rows.Source` (`_plain_row`).
"""

import functools

from django import template
from django.utils.html import escape
from django.utils.text import slugify

from ..markup import NOTHING, joined
from ..markup import html as _html
from ..markup import join as _join
from ..models.base import url_of

register = template.Library()

# a facet value's id: the same few hundred agencies, sectors, types and years on every page
_slug = functools.lru_cache(maxsize=4096)(slugify)
# escape() of what recurs from page to page (names, slugs, counts, URLs of registry records)
_escaped = functools.lru_cache(maxsize=8192)(escape)


# constant markup, as safe strings ("{}" takes an empty string)
SELECTED = _html('{} class="selected" aria-current="true"', "")
SELECTED_NOTE = _html('{}<span class="visually-hidden"> (selected; follow the link to remove)'
                      '</span>', "")
LINK = ('<li><a id="facet-{}-{}" href="{}"{}{}><span class="facet-label">{}</span> '
        '<span class="facet-count">({})</span></a>{}</li>')


@functools.lru_cache(maxsize=4096)
def _named(hint: str, label: str):
    """(title attribute, label) of a value with a longer name: an agency's."""
    return _html(' title="{}"', hint), _html("{} <abbr>{}</abbr>", hint, label)


@register.inclusion_tag("includes/_hidden_state.html")
def hidden_state(state, shown: str):
    """Hidden inputs for every value of `state` whose parameter has no visible control (`shown`:
    the names, space-separated, of the ones the form shows)."""
    visible = set(shown.split())
    return {"pairs": [(name, value) for name, values in state.lists() if name not in visible
                      for value in values]}


@functools.lru_cache(maxsize=8192)
def _value_pieces(value: str, label: str, hint: str) -> tuple:
    """(its id's slug, escaped, or None when it has none; title attribute; label) of a facet
    value: the same few hundred agencies, sectors, types and years on every page, each written
    once."""
    slug = _slug(value)
    if hint and hint != label:
        title, shown = _named(hint, label)
    else:
        title, shown = NOTHING, _escaped(label)
    return (_escaped(slug) if slug else None), title, shown


@register.simple_tag(takes_context=True)
def facet_values(context, facet, values):
    """The <li> link of each facet value: its label (an agency's name with its abbreviation),
    its count, selected or not, and the list's query string with the value toggled."""
    path = context["request"].path
    name = _escaped(facet.name)

    def links():
        for counter, value in enumerate(values, start=1):
            slug, title, label = _value_pieces(value.value, value.label, value.hint)
            query = value.query_string
            if value.selected:
                yield (name, slug or counter, f"{path}?{query}" if query else path, SELECTED,
                       title, label, value.count, SELECTED_NOTE)
            else:
                yield (name, slug or counter, f"{path}?{query}" if query else path, NOTHING,
                       title, label, value.count, NOTHING)

    return _join(LINK, links())


# includes/_facet.html as it was, per facet: its <nav>, the search box of a long one, the first
# values and the rest under "more" (the template's whitespace kept, so the page is unchanged)
FACET_NAV = ('<nav class="facet" aria-labelledby="facet-{}"{}>\n'
             '  <h3 id="facet-{}">{}</h3>\n'
             '  {}\n</nav>\n')
FACET_PROBLEM = _html('{} aria-describedby="problems"', "")
FACET_NONE = _html('{}\n  <p class="meta">No values.</p>\n  ', "")
FACET_FIRST = '\n  {}\n  <ul>{}</ul>\n  {}\n  '
FACET_SEARCH = ('<p class="facet-search" hidden><label class="visually-hidden" '
                'for="facet-{}-find">Find a {} by name</label><input id="facet-{}-find" '
                'type="search" placeholder="Find by name" autocomplete="off" '
                'data-facet-find></p>')
FACET_MORE = ('\n  <details class="facet-more">\n    <summary>{} more</summary>\n'
              '    <ul>{}</ul>\n  </details>\n  ')


@register.simple_tag(takes_context=True)
def facets(context, results):
    """Each facet's <nav> (what `{% for facet in results.facets %}{% include
    "includes/_facet.html" %}{% endfor %}` wrote, a fifth of a list page's rendering in five
    includes and their conditions)."""
    return joined([_facet_nav(context, facet, results.messages) for facet in results.facets])


def _facet_nav(context, facet, problems):
    body = FACET_NONE
    if facet.values:
        more = facet.more
        search = (_html(FACET_SEARCH, facet.name, str(facet.title).lower(), facet.name)
                  if more else NOTHING)
        rest = (_html(FACET_MORE, len(more), facet_values(context, facet, more)) if more
                else NOTHING)
        body = _html(FACET_FIRST, search, facet_values(context, facet, facet.first), rest)
    return _html(FACET_NAV, facet.name, FACET_PROBLEM if facet.name in problems else NOTHING,
                 facet.name, facet.title, body)


MARKED = _html("{}<mark>", ""), _html("{}</mark>", "")
REVIEW_BADGE = _html('{}<span class="badge">needs review</span>', "")
UNDATED = _html('{}<span class="undated">undated</span>', "")
ROW = ('<li class="policy-row">\n'
       '  <a class="policy-title" href="{}">{}</a>\n'
       '  {}\n'
       '  {}\n'
       '  <span class="meta">\n'
       '    {}\n'
       '    · {}\n'
       '    {}\n'
       '    {}\n'
       '    {}\n'
       '  </span>\n'
       '</li>\n')


def _segments(segments):
    """includes/_segments.html: a text with its matched stretches marked."""
    return _join("{}{}{}", ((MARKED[0], text, MARKED[1]) if is_match else (NOTHING, text, NOTHING)
                            for text, is_match in segments))


@functools.lru_cache(maxsize=4096)
def _agency_link(agency):
    return _html('<a href="{}" class="agency{}" title="{}{}">{}</a>', agency.url,
                 " lead" if agency.lead else "", "lead agency: " if agency.lead else "",
                 agency.name, agency.abbreviation)


@functools.lru_cache(maxsize=4096)
def _sector_link(sector):
    return _html('<a href="{}" class="sector">{}</a>', sector.url, sector.name)


FIRST_LINK, NEXT_LINK = _html("{} · ", ""), _html("{}, ", "")


def _links(links):
    """' · ' and the links, comma-separated; nothing without links."""
    if not links:
        return NOTHING
    return _join("{}{}", ((NEXT_LINK if n else FIRST_LINK, link) for n, link in enumerate(links)))


def _row(policy) -> tuple:
    """includes/_policy_row.html's pieces for a `listing.rows.PolicyRow`."""
    title = _segments(policy.title_segments) if policy.title_segments else policy.title
    chinese = NOTHING
    if policy.chinese_title:
        chinese = _html('<span class="zh" lang="zh">{}</span>',
                        _segments(policy.chinese_title_segments)
                        if policy.chinese_title_segments else policy.chinese_title)
    snippet = (_html('<p class="snippet">{}</p>', _segments(policy.match_segments))
               if policy.match_segments else NOTHING)
    if policy.issued_on:
        issued = policy.issued
        when = _html('<time datetime="{}">{}</time>', issued.iso, issued.short)
    else:
        when = UNDATED
    return (policy.get_absolute_url(), title, chinese, snippet, when,
            _escaped(policy.get_document_type_display()),
            _links([_agency_link(agency) for agency in policy.agencies]),
            _links([_sector_link(sector) for sector in policy.sectors]),
            REVIEW_BADGE if policy.needs_review else NOTHING)


@functools.lru_cache(maxsize=8192)
def _plain_row(source):
    """The <li> of a row without search segments: its `rows.Source` alone decides it, so it is
    written once for the rows that come back page after page (the newest, under most filters)."""
    return _html(ROW, *_row(source.row()))


def _row_markup(policy):
    if policy.source is not None and not (policy.title_segments or policy.match_segments
                                          or policy.chinese_title_segments):
        return _plain_row(policy.source)
    return _html(ROW, *_row(policy))


@register.simple_tag
def policy_rows(rows):
    """The <li> of each result row (`listing.rows.PolicyRow`s)."""
    return joined([_row_markup(policy) for policy in rows])


CO_ISSUER_ROW = ('\n      <tr><th scope="row"><a href="{}" title="{}">{}</a></th>{}<td>{}</td></tr>'
                 '\n    ')


@register.simple_tag
def co_issuance_rows(network):
    """The co-issuance table's rows (`network.AgencyNetwork.rows`): an agency with dozens of
    co-issuers over a dozen years has a thousand cells, which a template loop took 14 ms to
    write."""
    cells = "<td>{}</td>" * len(network.years)  # a row's cells: one format per row
    return _join(CO_ISSUER_ROW, (
        (url_of("policies:agency-detail", slug=co_issuer.slug), co_issuer.name,
         co_issuer.abbreviation, _html(cells, *map(_escaped, counts)) if counts else NOTHING,
         _escaped(co_issuer.total))
        for co_issuer, counts in network.rows))
