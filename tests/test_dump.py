"""The bulk dump round-trips: export, import into an empty database, same ids and permalinks."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from policies.dump import HISTORY, MODELS
from policies.models import Agency, Brief, BriefItem, NewsItem, Policy, PolicyAgency


def snapshot():
    return {
        "policies": sorted(
            (p.pk, p.get_absolute_url(), p.title, p.chinese_title, p.issued_on, p.document_type,
             tuple(p.policy_agencies.order_by("position").values_list("agency__abbreviation",
                                                                      flat=True)),
             tuple(sorted(p.sectors.values_list("slug", flat=True))), p.needs_review)
            for p in Policy.objects.all()
        ),
        "briefs": sorted(Brief.objects.values_list("pk", "slug", "title", "published_on",
                                                   "sha256")),
        "items": sorted(BriefItem.objects.values_list("pk", "brief_id", "position", "policy_id",
                                                      "summary")),
        "news": sorted((n.pk, n.date, n.text, tuple(sorted(n.companies.values_list("slug",
                                                                                   flat=True))))
                       for n in NewsItem.objects.all()),
        "agencies": sorted(Agency.objects.values_list("pk", "abbreviation", "slug",
                                                      "chinese_name")),
    }


@pytest.mark.django_db(transaction=True)
def test_export_then_import_into_an_empty_database_gives_identical_records(seeded, tmp_path):
    policy = Policy.objects.get(title__startswith="Guidelines for Equipment Renewal")
    policy.title = "Guidelines for Equipment Renewal (corrected)"
    policy.slug = ""
    policy.mark_corrected("title")
    policy.save()
    before = snapshot()
    dump = tmp_path / "archive.jsonl"
    call_command("export", format="jsonl", output=str(dump), stderr=StringIO())
    header = json.loads(dump.read_text(encoding="utf-8").splitlines()[0])
    assert header["format"] == "policy-briefs-archive" and header["counts"]["policies.policy"] == 17
    assert "工业和信息化部" in dump.read_text(encoding="utf-8")  # Chinese kept as text

    for model in (NewsItem, BriefItem, PolicyAgency, Policy, Brief):
        model.objects.all().delete()
    Agency.objects.filter(abbreviation="MIIT").update(chinese_name="changed before import")
    out = StringIO()
    call_command("import_dump", str(dump), stdout=out)
    assert "Imported" in out.getvalue()
    assert snapshot() == before
    restored = Policy.objects.get(pk=policy.pk)
    assert restored.corrected_fields == ["title"]
    # new rows after the import do not collide with restored ids
    assert Policy.objects.create(title="New after import").pk > max(p[0] for p in
                                                                    before["policies"])


@pytest.mark.django_db
def test_import_refuses_a_database_that_already_has_briefs(seeded, tmp_path):
    dump = tmp_path / "archive.jsonl"
    call_command("export", output=str(dump), stderr=StringIO())
    with pytest.raises(CommandError, match="already holds briefs"):
        call_command("import_dump", str(dump))


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "message"), [
    ("", "empty"), ("not json\n", "not a dump header"),
    ('{"format": "other"}\n', "wrong header"),
    ('{"format": "policy-briefs-archive", "version": 1}\n{"model": "policies.nothing"}\n',
     "line 2"),
])
def test_bad_dumps_are_refused_with_a_message_and_nothing_imported(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    agencies = Agency.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("import_dump", str(path))
    assert Agency.objects.count() == agencies


def history_snapshot():
    """Every policy version: (policy, when, kind, title, editor's username)."""
    return sorted((h.history_id, h.id, h.history_date, h.history_type, h.title,
                   h.history_user.username if h.history_user else None)
                  for h in Policy.history.all())


@pytest.mark.django_db(transaction=True)
def test_history_round_trips_with_its_editors_by_name_and_nothing_secret(seeded, tmp_path):
    editor = User.objects.create_user("eddie", password="correct horse battery", is_staff=True)
    policy = Policy.objects.order_by("pk").first()
    policy.title = "Corrected by an editor"
    policy._history_user = editor
    policy.save()
    editor.email = "eddie@example.org"
    editor.save()
    before = history_snapshot()
    assert ("Corrected by an editor", "eddie") in [(h[4], h[5]) for h in before]
    counts = {m: apps.get_model(m).objects.count() for m in HISTORY}

    dump = tmp_path / "archive.jsonl"
    call_command("export", output=str(dump), stderr=StringIO())
    text = dump.read_text(encoding="utf-8")
    assert editor.password not in text and "eddie@example.org" not in text
    assert '"history_user": ["eddie"]' in text

    for model in (NewsItem, BriefItem, PolicyAgency, Policy, Brief):
        model.objects.all().delete()
    editor.delete()  # a restore elsewhere: the editor's account is not there
    call_command("import_dump", str(dump), stdout=StringIO())
    after = history_snapshot()
    assert [h[0] for h in after] == [h[0] for h in before], set(after) ^ set(before)
    assert after == before
    assert {m: apps.get_model(m).objects.count() for m in HISTORY} == counts
    restored = User.objects.get(username="eddie")
    assert not restored.is_active and not restored.has_usable_password()
    assert restored.email == ""


def test_every_historical_model_is_in_the_dump():
    historical = {m._meta.label_lower for m in apps.get_app_config("policies").get_models()
                  if m.__name__.startswith("Historical")}
    assert historical == set(HISTORY)


@pytest.mark.django_db(transaction=True)
def test_a_version_1_dump_without_history_still_imports(seeded, tmp_path):
    dump = tmp_path / "archive.jsonl"
    call_command("export", output=str(dump), stderr=StringIO())
    lines = dump.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    old = {**header, "version": 1, "models": MODELS,
           "counts": {k: v for k, v in header["counts"].items() if k in MODELS}}
    kept = [line for line in lines[1:-1] if json.loads(line)["model"] in MODELS]  # no end line
    dump.write_text(json.dumps(old) + "\n" + "".join(kept), encoding="utf-8")
    policies = Policy.objects.count()
    for model in (NewsItem, BriefItem, PolicyAgency, Policy, Brief):
        model.objects.all().delete()
    call_command("import_dump", str(dump), stdout=StringIO())
    assert Policy.objects.count() == policies


def _cut_after_the_last_row(lines):
    return lines[:-1]


def _cut_in_the_middle(lines):
    return lines[: len(lines) // 2]


def _end_line_miscounts(lines):
    return [*lines[:-1], '{"end": true, "records": 1}\n']


def _more_after_the_end(lines):
    return [*lines, lines[1]]


@pytest.mark.django_db
@pytest.mark.parametrize(("damage", "message"), [
    (_cut_after_the_last_row, "no end line: the dump was cut short"),
    (_cut_in_the_middle, "no end line: the dump was cut short"),
    (_end_line_miscounts, "the end line counts 1 rows"),
    (_more_after_the_end, "more after the end line"),
])
def test_a_dump_cut_short_or_miscounted_is_refused_and_nothing_imported(seeded, tmp_path, damage,
                                                                        message):
    dump = tmp_path / "archive.jsonl"
    call_command("export", output=str(dump), stderr=StringIO())
    lines = dump.read_text(encoding="utf-8").splitlines(keepends=True)
    assert json.loads(lines[-1]) == {"end": True, "records": len(lines) - 2}
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_text("".join(damage(lines)), encoding="utf-8")
    for model in (NewsItem, BriefItem, PolicyAgency, Policy, Brief):
        model.objects.all().delete()
    agencies = sorted(Agency.objects.values_list("pk", "chinese_name"))
    with pytest.raises(CommandError, match=f"{message}.*nothing was imported"):
        call_command("import_dump", str(damaged))
    assert not Policy.objects.exists() and not Brief.objects.exists()
    assert sorted(Agency.objects.values_list("pk", "chinese_name")) == agencies


def test_the_dump_writes_exactly_what_djangos_serializer_writes(seeded):
    """export_lines reads tuples, not model instances; every line is still the one Django's
    jsonl serializer makes (keys, order, values, m2m lists, editors by username), chunked."""
    from policies.dump import _serialised, django_lines
    from policies.models import Company

    editor = User.objects.create_user("eddie", password="correct horse battery", is_staff=True)
    policy = Policy.objects.order_by("pk").first()
    policy.title = "Corrected by an editor"
    policy._history_user = editor
    policy.save()
    policy.companies.add(*Company.objects.order_by("-name")[:3])
    for label in MODELS + HISTORY:
        model = apps.get_model(label)
        ours = "".join(text for _, text in _serialised(model, 7))
        theirs = "".join(django_lines(model, 7))
        assert ours == theirs, label
        assert ours.count("\n") == model.objects.count()
    assert '"history_user": ["eddie"]' in "".join(
        text for _, text in _serialised(apps.get_model("policies.historicalpolicy"), 50))


def test_json_values_times_and_decimals_are_written_as_djangos_serializer_writes_them(seeded):
    """JSON columns are read as text and decoded once per distinct text in a chunk; dates and
    times are written without the encoder calling back: the lines stay Django's."""
    from datetime import UTC, datetime

    from policies.dump import _serialised, django_lines

    first, second, third = Policy.objects.order_by("pk")[:3]
    nested = [{"url": "https://www.gov.cn/zhengce/“通知”.html", "label": 'a "quoted" label',
               "parts": [1, 2.5, None, True, {"深": ["层"]}]}]
    for policy in (first, second):  # one text twice in a chunk: decoded once, written twice
        policy.source_links = nested
        policy.corrected_fields = ["title"]
        policy.correction_times = {"title": "2025-03-01T08:09:10.123456Z"}
        policy.save()
    third.source_links = "one link as a JSON string"  # a scalar, not a list
    third.save()
    item = BriefItem.objects.order_by("pk").first()
    item.key_points = ["产能提升 ≥ 20%", "", "\u2028 and \t escapes", {"empty": {}}]
    item.save()
    # times on the second, with a fraction, in an early year: isoformat's text for each
    for pk, moment in ((first.pk, datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
                       (second.pk, datetime(2024, 1, 2, 3, 4, 5, 120, tzinfo=UTC)),
                       (third.pk, datetime(999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC))):
        Policy.objects.filter(pk=pk).update(created_at=moment)
    for label in ("policies.policy", "policies.briefitem", "policies.historicalpolicy",
                  "policies.policytarget", "policies.brief"):
        model = apps.get_model(label)
        for chunk in (1, 2, 50):
            ours = "".join(text for _, text in _serialised(model, chunk))
            assert ours == "".join(django_lines(model, chunk)), (label, chunk)
    assert "“通知”" in next(text for _, text in _serialised(Policy, 1))
