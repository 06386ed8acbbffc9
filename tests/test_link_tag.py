"""`{% link %}` (policies/templatetags/links.py) writes what `{% url %}` writes, remembered per
URLconf and script prefix: the same path for the same name, another under another prefix."""

import pytest
from django.template import Context, Template
from django.urls import get_script_prefix, set_script_prefix

NAMES = ["'policies:home'", "'policies:policy-list'", "'policies:agency-list'",
         "'policies:sector-list'", "'policies:company-list'", "'policies:brief-list'",
         "'policies:news-list'", "'policies:api-index'", "'policies:dump'",
         "'policies:api:policy-list'", "'policies:names' kind='companies'"]


@pytest.fixture
def prefix():
    before = get_script_prefix()
    yield set_script_prefix
    set_script_prefix(before)


@pytest.mark.parametrize("name", NAMES)
def test_a_link_is_the_url_tags_under_each_script_prefix(name, prefix):
    for script_prefix in ("/", "/archive/", "/"):
        prefix(script_prefix)
        expected = Template(f"{{% url {name} %}}").render(Context())
        assert Template(f"{{% load links %}}{{% link {name} %}}").render(Context()) == expected
        assert expected.startswith(script_prefix)
