import pytest
from tests.test_browser import site  # noqa
from policies.models import Agency, Policy
from policies import search
def test_t(site, client):
    r = client.get("/agencies/miit/")
    print(r.status_code, r.content[:3000].decode())
    for p in Policy.objects.all(): print(p.pk, p.title, p.chinese_title)
    import urllib.request
    try: print(urllib.request.urlopen(site + "/agencies/miit/").status)
    except Exception as e: print(e)
