#!/usr/bin/env bash
# Refreshes the JavaScript and CSS the site serves from static/vendor/ (nothing is loaded from a
# CDN at run time). Each package comes from npm with `npm pack`, pinned here; its licence files
# are kept beside it. Source-map comments are removed: the maps are not vendored, and the
# manifest static storage refuses a reference to a file that does not exist.
set -euo pipefail
cd "$(dirname "$0")/.."

SWAGGER_UI=5.32.0   # the API's docs page (/api/docs/), Apache-2.0
HTMX=2.0.8          # the list pages' in-place updates (results, facets, counts), 0BSD

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

vendor() {  # package version destination files...
  local package=$1 version=$2 destination=static/vendor/$3
  shift 3
  (cd "$work" && npm pack --silent "$package@$version" >/dev/null && tar xzf ./*.tgz && rm ./*.tgz)
  rm -rf "$destination" && mkdir -p "$destination"
  for file in "$@" package.json; do cp "$work/package/$file" "$destination/"; done
  sed -i -E '/sourceMappingURL=/d' "$destination"/*.js "$destination"/*.css 2>/dev/null || true
  rm -rf "$work/package"
  echo "$destination: $package $version"
}

vendor swagger-ui-dist "$SWAGGER_UI" swagger-ui-dist \
  swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css LICENSE NOTICE
vendor htmx.org "$HTMX" htmx.org dist/htmx.min.js LICENSE
