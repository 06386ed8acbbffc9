import pytest
from tests.test_browser import site, chromium, tab  # noqa
from policies.models import Agency
@pytest.mark.parametrize("n", range(4))
def test_t(tab, n):
    print(n, Agency.objects.count(), list(Agency.objects.filter(abbreviation="MIIT").values_list("pk", "slug")))
    r = tab.goto("/agencies/miit/"); print(r.status)
