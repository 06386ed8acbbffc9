from datetime import date
import pytest
from tests.factories import make_policy

@pytest.mark.django_db
def test_smoke(client):
    make_policy(title="Hydrogen <script>alert(1)</script> plan", agencies=("MIIT","NDRC"), sectors=("energy",), issued_on=date(2024,5,3))
    make_policy(title="Car notice", agencies=("NDRC",), sectors=("automotive","energy"), issued_on=date(2023,1,3), document_type="plan")
    for url in ["/", "/policies/", "/policies/?agency=MIIT&sector=energy&date_from=2024", "/policies/?q=hydrogen", "/policies/?q=zzz", "/agencies/", "/agencies/miit/", "/sectors/", "/sectors/energy/", "/companies/", "/companies/byd/", "/briefs/", "/news/", "/api/", "/api/policies/", "/api/policies/?q=hydrogen", "/api/agencies/", "/api/agencies/miit/", "/api/sectors/", "/api/companies/", "/api/briefs/", "/api/news/", "/policies/?page=abc&date_from=2024-13-45&sort=drop&agency=XXX"]:
        r = client.get(url)
        print(url, r.status_code, len(r.content))
        if url.startswith("/api/policies/?q"): print(r.content.decode()[:1500])
    r = client.get("/policies/?agency=MIIT&sector=energy&date_from=2024")
    print(r.content.decode()[r.content.decode().index("<main"):][:6000])
