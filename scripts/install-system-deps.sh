#!/usr/bin/env bash
# Install what the test suite needs from Debian when it is missing: Chromium for the browser tests,
# the PostgreSQL server for the PostgreSQL half, poppler's pdftotext (the PDF reader) and the Noto
# CJK fonts (the PDFs the reader's tests write embed them), and redis-server (the several-nodes test
# shares a real Redis between two app processes). Only as root with apt-get; otherwise
# say what is missing and carry on (the suite then skips those parts, and says why).
set -uo pipefail
need=()
command -v chromium >/dev/null 2>&1 || [[ -x /usr/bin/chromium ]] || need+=(chromium)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]] || need+=(fonts-noto-cjk)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [[ ${#need[@]} -eq 0 ]]; then exit 0; fi
if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "== Missing system packages: ${need[*]} (install them with apt-get as root)."
  exit 0
fi
echo "== Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-noto-cjk >/dev/null \
  || { echo "ERROR: apt-get install ${need[*]} failed" >&2; exit 1; }
