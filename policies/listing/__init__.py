"""The list engine behind every list page, its JSON twin, CSV export and feed.

`params` (query-string values: parsing and caps), `filters` (the kinds of filter: each declares
its parameter, label, parsing, condition, facet and phrase), `filtersets` (which filters each
list has), `facets` (their counts), `histogram` (the view over time), `sentence` (the active
filters in words), `results` (ListResults: page, chips, suggestions), `pages` (the selectors the
views call).
"""
