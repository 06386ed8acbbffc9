"""The settings of several nodes from the environment: DATABASE_REPLICA_URLS (replicas with the
primary's options, the router only when there are any), DB_POOL (psycopg's pool instead of
persistent connections), CACHE_URL (Django's RedisCache) and LOG_FORMAT, and a clear message for
every value they cannot use. settings.py is run afresh in this process for each environment."""

from __future__ import annotations

import importlib.util

import pytest
from django.core.exceptions import ImproperlyConfigured

from briefs_site import settings as settings_file
from briefs_site.settings import cache_from_url

PRIMARY = "postgres://briefs:secret@db-primary:5432/briefs"
REPLICAS = "postgres://briefs:secret@db-replica-1:5432/briefs, postgres://reader@db-replica-2/briefs"


@pytest.fixture
def settings_with(monkeypatch):
    """settings.py's names, as a node with these environment variables would have them."""

    def run(**env: str) -> dict:
        for name in ("DATABASE_URL", "DATABASE_REPLICA_URLS", "DB_POOL", "CACHE_URL",
                     "LOG_FORMAT", "READ_CACHE_SECONDS"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        spec = importlib.util.spec_from_file_location("briefs_site.settings_of_a_node",
                                                      settings_file.__file__)
        module = importlib.util.module_from_spec(spec)  # not in sys.modules: Django's stay
        spec.loader.exec_module(module)
        return vars(module)

    return run


def test_one_database_has_no_router_and_no_replicas(settings_with):
    settings = settings_with(DATABASE_URL=PRIMARY)
    assert list(settings["DATABASES"]) == ["default"]
    assert settings["DATABASE_ROUTERS"] == []


def test_replicas_get_the_primarys_options_and_the_router(settings_with):
    settings = settings_with(DATABASE_URL=PRIMARY, DATABASE_REPLICA_URLS=REPLICAS)
    databases = settings["DATABASES"]
    assert list(databases) == ["default", "replica0", "replica1"]
    assert settings["DATABASE_ROUTERS"] == ["briefs_site.replicas.ReplicaRouter"]
    assert (databases["replica0"]["HOST"], databases["replica1"]["HOST"]) == \
        ("db-replica-1", "db-replica-2")
    assert databases["replica1"]["USER"] == "reader"
    for alias in ("replica0", "replica1"):
        replica = databases[alias]
        assert replica["OPTIONS"]["connect_timeout"] == settings["REPLICA_CONNECT_TIMEOUT"]
        assert replica["TEST"] == {"MIRROR": "default"}
        assert replica["CONN_MAX_AGE"] == databases["default"]["CONN_MAX_AGE"]
        assert replica["CONN_HEALTH_CHECKS"] is True
    assert settings["REPLICA_LAG_SECONDS"] == 5



def test_a_sqlite_connection_is_kept_between_requests_in_wal_mode(settings_with):
    database = settings_with(DATABASE_URL="sqlite:///x.sqlite3")["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"]["init_command"] == "PRAGMA journal_mode=WAL;"

def test_the_pool_replaces_persistent_connections_on_every_database(settings_with):
    settings = settings_with(DATABASE_URL=PRIMARY, DATABASE_REPLICA_URLS=REPLICAS, DB_POOL="1",
                             DB_POOL_MIN_SIZE="1", DB_POOL_MAX_SIZE="8")
    databases = settings["DATABASES"]
    assert databases["default"]["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 8}
    assert databases["replica0"]["OPTIONS"]["pool"]["max_size"] == 8
    assert databases["replica0"]["OPTIONS"]["pool"]["timeout"] > 0  # a replica gives up soon
    assert {d["CONN_MAX_AGE"] for d in databases.values()} == {0}


@pytest.mark.parametrize(("env", "message"), [
    ({"DATABASE_URL": "sqlite:///x.sqlite3", "DATABASE_REPLICA_URLS": REPLICAS},
     "DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL."),
    ({"DATABASE_URL": PRIMARY, "DATABASE_REPLICA_URLS": "mysql://db-2/briefs"},
     "DATABASE_REPLICA_URLS, URL 1: not postgres://"),
    ({"DATABASE_URL": PRIMARY, "DATABASE_REPLICA_URLS": f"{PRIMARY},db-replica-2"},
     "DATABASE_REPLICA_URLS, URL 2:"),
    ({"DATABASE_URL": "sqlite:///x.sqlite3", "DB_POOL": "1"},
     "DB_POOL=1 needs a PostgreSQL DATABASE_URL."),
    ({"CACHE_URL": "memcached://cache:11211"},
     "CACHE_URL must start with redis://, rediss:// or unix:// (not memcached://)."),
    ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be text or json, not 'xml'."),
])
def test_a_value_the_settings_cannot_use_is_refused_with_a_message(settings_with, env, message):
    with pytest.raises(ImproperlyConfigured) as refused:
        settings_with(**env)
    assert str(refused.value).startswith(message)


def test_a_redis_url_gives_djangos_redis_cache_shared_by_every_node(settings_with):
    settings = settings_with(CACHE_URL="redis://:secret@cache:6379/2")
    assert settings["CACHES"]["default"] == cache_from_url("redis://:secret@cache:6379/2")
    assert settings["CACHES"]["default"]["BACKEND"] == \
        "django.core.cache.backends.redis.RedisCache"
    assert settings["CACHES"]["default"]["LOCATION"] == "redis://:secret@cache:6379/2"
    assert settings["READ_CACHE_SECONDS"] == 300
    assert settings_with()["READ_CACHE_SECONDS"] == 0  # no shared cache: reads are fresh
