"""The JSON API (/api/), with django-ninja: `endpoints` (the operations), `schemas` (the shapes
they answer in), `serialise` (records as those shapes), `parameters` (each list's query
parameters, from its FilterSet), `docs` and `pages` (the reference and the overview page)."""
