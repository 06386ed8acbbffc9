import pytest
from tests.test_browser import site, chromium, tab  # noqa
def test_t(tab):
    for u in ["/", "/agencies/", "/agencies/miit/"]:
        r = tab.goto(u); print(u, r.status, tab.url)
