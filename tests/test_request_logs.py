"""Request ids and the access log, with logging configured as settings.py configures it: the
client's X-Request-ID comes back and is on every log line of its request (the access line and
Django's own), a bad one is replaced by a fresh uuid4, and each request ends with one access line
naming its method, path, status, duration and the database it read from."""

from __future__ import annotations

import copy
import json
import logging
import logging.config
import re

import pytest

from briefs_site import settings as production_settings

UUID4_HEX = re.compile(r"[0-9a-f]{32}")
CONFIGURED = ["", "django", "django.request", "django.db.backends", "axes"]


@pytest.fixture
def logs(capsys):
    """`logs(format)` configures logging from the settings' LOGGING, as LOG_FORMAT=format does,
    and returns a function reading the lines printed since. The test settings' quiet logging is
    put back afterwards."""
    saved = {name: (logging.getLogger(name).handlers[:], logging.getLogger(name).level,
                    logging.getLogger(name).filters[:]) for name in CONFIGURED}

    def configure(log_format: str):
        config = copy.deepcopy(production_settings.LOGGING)
        config["handlers"]["stdout"]["formatter"] = log_format
        capsys.readouterr()
        logging.config.dictConfig(config)
        return lambda: capsys.readouterr().out.splitlines()

    yield configure
    for name, (handlers, level, filters) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers[:], logger.filters[:] = handlers, filters
        logger.setLevel(level)


def test_a_clients_request_id_comes_back_and_is_on_every_log_line_of_its_request(client, db,
                                                                                 logs):
    read = logs("json")
    response = client.get("/policies/999999/", HTTP_X_REQUEST_ID="lb-7f3a.2024:01")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "lb-7f3a.2024:01"
    records = {r["logger"]: r for r in map(json.loads, read())}
    assert set(records) == {"django.request", "briefs_site.access"}
    assert {r["request_id"] for r in records.values()} == {"lb-7f3a.2024:01"}
    assert records["django.request"]["message"] == "Not Found: /policies/999999/"


@pytest.mark.parametrize("given", ["two words", "x" * 129, "id\nforged line", "<script>", ""])
def test_a_bad_request_id_is_replaced_by_a_fresh_one(client, db, logs, given):
    read = logs("json")
    response = client.get("/agencies/", HTTP_X_REQUEST_ID=given)
    assert response.status_code == 200
    assert UUID4_HEX.fullmatch(response["X-Request-ID"])
    (access,) = [json.loads(line) for line in read()]
    assert access["request_id"] == response["X-Request-ID"]


def test_requests_without_an_id_get_one_each(client, db):
    first, second = client.get("/agencies/"), client.get("/agencies/")
    assert UUID4_HEX.fullmatch(first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_access_line_names_method_path_status_duration_and_database(client, db, logs):
    read = logs("json")
    client.post("/report/policy/999999/", {"message": "x"}, HTTP_X_REQUEST_ID="post-1")
    client.get("/agencies/?page=1", HTTP_X_REQUEST_ID="get-1")
    lines = [json.loads(line) for line in read()]
    access = {r["request_id"]: r for r in lines if r["logger"] == "briefs_site.access"}
    post, get = access["post-1"], access["get-1"]
    assert (post["method"], post["path"], post["status"]) == ("POST", "/report/policy/999999/",
                                                             404)
    assert (get["method"], get["path"], get["status"]) == ("GET", "/agencies/", 200)
    assert get["database"] == "default"  # one database: every read is on it
    assert isinstance(get["duration_ms"], float) and get["duration_ms"] >= 0
    assert get["message"] == f"GET /agencies/ 200 {get['duration_ms']:.1f} ms db=default"
    assert get["level"] == "INFO" and get["time"].endswith("+00:00")


def test_the_text_format_shows_the_request_id_too(client, db, logs):
    read = logs("text")
    client.get("/agencies/", HTTP_X_REQUEST_ID="text-1")
    (line,) = read()
    assert re.fullmatch(r"\S+ \S+ INFO briefs_site\.access \[text-1\]: GET /agencies/ 200 "
                        r"[0-9.]+ ms db=default", line)


def test_a_log_line_outside_a_request_has_no_request_id(logs):
    read = logs("json")
    logging.getLogger("policies.anything").warning("from a command")
    (record,) = [json.loads(line) for line in read()]
    assert record["request_id"] == "-" and record["message"] == "from a command"
