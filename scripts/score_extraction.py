#!/usr/bin/env python
"""Score the parser against the hand-written truth of the extraction corpus (fixtures/corpus/).

    .venv/bin/python scripts/score_extraction.py [--split tune|holdout|all|seeds] [--layout X]
                                                 [--numbers 47-67] [--verbose] [--json]

Every corpus text `fixtures/corpus/<stem>.txt` has its truth in `<stem>.json`; the five seeds
have theirs in `fixtures/corpus/seeds/<seed>.json`, whose `text_file` names the seed text. Each
text goes through `parse_brief` (a seed under its own file name, a corpus text under its number
alone, "017.txt", so nothing of the slug reaches the parser), each parsed policy's
`agency_refs` through an `AgencyMatcher` built from policies/data/agencies.json (the entries
the ingest builds from the same registry), and the result is compared with the truth.

Headlines and titles are compared case-, whitespace- and punctuation-insensitively; a stated
policy is found when a parsed policy shares its English or Chinese title (parsed policies with
no title at all are not counted). Issuers, issuer links and policy dates are judged on the
found policies; an issuing token the registry lacks counts as "?" + its name (the name alone
of "Name (ABBR)", as the truth writes it). A date is
compared with its precision: "2016-03" is March 2016; a parsed day the truth states only to
the month, a date the truth does not state or states otherwise is invented; a month where the
truth states the day is missing. A stated target (`targets`: year, value, unit, metric; a truth
without the key states none) is found by a parsed target of any of the text's policies with its
year and value; the other parsed targets are extra. A stated relation (`relations`: policy,
kind, target title) is found by a parsed relation of its kind to that title (English or Chinese).

A `ParseError` is a failure. `parse_brief` turns a bug into `ParseError("internal parser
error ...")`, so that message, or any other exception, counts as a crash. Prints a table per
split and layout (the holdout's with two more rows: its texts whose publisher also has tune
texts, and the others), its "layout" column the share of texts the detector read in the layout
the truth names; the last line is a one-line summary (with `--json`, the whole output is one
JSON document and the summary line is its "summary"). No database, no network.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.matching import AgencyMatcher, normalise_name  # noqa: E402
from ingest.matching.agencies import named_part  # noqa: E402
from ingest.parsing import ParseError, parse_brief  # noqa: E402
from policies.registry import load  # noqa: E402

CORPUS = ROOT / "fixtures" / "corpus"
SEEDS = CORPUS / "seeds"
SPLITS = ("tune", "holdout")
LAYOUTS = ("merics_industries", "merics_essentials", "numbered_newsletter", "label_blocks",
           "tracker", "digest", "article")
CRASH_PREFIX = "internal parser error"


# ---- loading


@dataclass
class Case:
    """One text and its truth."""

    name: str
    text: str
    truth: dict
    filename: str


def load_cases(split: str = "all", layout: str | None = None,
               numbers: tuple[int, int] | None = None) -> list[Case]:
    """The corpus texts of a split ("tune", "holdout", "all") or the five seeds ("seeds");
    `numbers` (first, last): only the corpus texts numbered so (a batch added together)."""
    if split == "seeds":
        cases = [
            Case(path.stem, (ROOT / truth["text_file"]).read_text(encoding="utf-8"), truth,
                 Path(truth["text_file"]).name)
            for path in sorted(SEEDS.glob("*.json"))
            for truth in [json.loads(path.read_text(encoding="utf-8"))]
        ]
    else:
        cases = [
            Case(path.stem, path.read_text(encoding="utf-8"),
                 json.loads(path.with_suffix(".json").read_text(encoding="utf-8")),
                 f"{path.stem[:3]}.txt")
            for path in sorted(CORPUS.glob("*.txt"))
        ]
        if split != "all":
            cases = [c for c in cases if c.truth["split"] == split]
        if numbers:
            cases = [c for c in cases if numbers[0] <= int(c.name[:3]) <= numbers[1]]
    if layout:
        cases = [c for c in cases if c.truth["layout"] == layout]
    return cases


def numbers_range(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    try:
        return int(first), int(last or first)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected FIRST-LAST, e.g. 47-67") from None


def agency_matcher() -> AgencyMatcher:
    """The registry's agencies by abbreviation, English and Chinese name and aliases."""
    return AgencyMatcher(
        (rec["abbreviation"],
         [n for n in (rec.get("abbreviation"), rec.get("name"), rec.get("chinese_name"),
                      *(rec.get("aliases") or [])) if n])
        for rec in load("agencies")
    )


# ---- comparing


def norm(text: str) -> str:
    """Case, width, whitespace and punctuation folded away."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in text
                   if not ch.isspace() and unicodedata.category(ch)[0] not in "PS")


def stated_text(parsed: date | None, precision: str = "") -> str | None:
    """A parsed date as the truth writes dates: "2016-03-15", or "2016-03" when stated to
    the month (a policy's MonthDate, or a brief's published_precision)."""
    if parsed is None:
        return None
    text = parsed.isoformat()
    return text[:7] if precision == "month" else text


def date_verdict(parsed: str | None, stated: str | None) -> str | None:
    """The verdict on one date, both as "YYYY-MM-DD" or "YYYY-MM": "correct", "missing"
    (none parsed, or less precise than stated: March for 15 March), "invented" (parsed but
    not stated, stated otherwise, or more precise than stated: a day the text never gives),
    or None when neither states one."""
    if stated is None:
        return "invented" if parsed is not None else None
    if parsed is None:
        return "missing"
    if len(parsed) < len(stated):
        return "missing" if stated.startswith(parsed) else "invented"
    return "correct" if parsed == stated else "invented"


def issuer_key(name: str) -> str:
    """A registry abbreviation as it is; an unregistered body as "?" + its normalised name."""
    return "?" + normalise_name(name[1:]) if name.startswith("?") else name


def parsed_issuers(refs: list[str], matcher: AgencyMatcher) -> list[str]:
    """The registry keys of the issuing tokens; a token the registry lacks as "?" + its name
    (without the abbreviation in parentheses after it)."""
    keys = []
    for ref in refs:
        key = matcher.resolve(ref)
        if key is None:
            key = "?" + normalise_name(named_part(ref))
        if key not in keys:
            keys.append(key)
    return keys


def _title_keys(title: str, chinese: str) -> set[str]:
    return {k for k in (norm(title), norm(chinese)) if k}


# ---- scoring one text


COUNTS = ("texts", "failures", "crashes", "headlines", "headlines_parsed", "headlines_found",
          "policies", "policies_parsed", "policies_found", "with_issuers", "issuer_links",
          "issuer_links_right", "date_correct", "date_missing", "date_invented",
          "brief_date_correct", "brief_date_missing", "brief_date_invented",
          "target_texts", "targets", "targets_parsed", "targets_found",
          "relations", "relations_parsed", "relations_found", "layout_read",
          "page_title_correct", "page_title_missing", "page_title_wrong")


@dataclass
class Result:
    """What one text scored, and what was missed and extra (for --verbose)."""

    name: str
    split: str
    layout: str
    publisher: str
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    notes: list[str] = field(default_factory=list)


def score_case(case: Case, matcher: AgencyMatcher) -> Result:
    truth = case.truth
    result = Result(case.name, truth["split"], truth["layout"], truth["publisher"])
    c, notes = result.counts, result.notes
    c["texts"] = 1
    c["headlines"] = len(truth["headlines"])
    c["policies"] = len(truth["policies"])
    try:
        brief = parse_brief(case.text, filename=case.filename)
    except ParseError as exc:
        kind = "crashes" if str(exc).startswith(CRASH_PREFIX) else "failures"
        c[kind] = 1
        notes.append(f"{kind[:-1] if kind == 'failures' else 'crash'}: {exc}")
        _count_missing_page_facts(truth, c)
        _count_missing_targets(truth, c)
        return result
    except Exception as exc:  # noqa: BLE001 - a crash is what this counts
        c["crashes"] = 1
        notes.append(f"crash: {type(exc).__name__}: {exc}")
        _count_missing_page_facts(truth, c)
        _count_missing_targets(truth, c)
        return result

    c["layout_read"] = int(brief.layout == truth["layout"])
    if not c["layout_read"]:
        notes.append(f"layout read as {brief.layout}")
    _score_headlines(truth["headlines"], [i.headline for i in brief.items if i.headline], c, notes)
    policies = [i.policy for i in brief.items if i.policy is not None]
    _score_policies(truth["policies"], policies, matcher, c, notes)
    _score_targets(truth.get("targets", []), [t for p in policies for t in p.targets], c, notes)
    _score_relations(truth.get("relations", []), [r for p in policies for r in p.relations], c,
                     notes)
    _score_page_title(truth, brief.title, c, notes)
    verdict = date_verdict(stated_text(brief.published_on, brief.published_precision),
                           truth["brief_date"])
    if verdict:
        c[f"brief_date_{verdict}"] += 1
        if verdict != "correct":
            notes.append(f"brief date {verdict}: stated {truth['brief_date']}, "
                         f"parsed {brief.published_on}")
    return result


def title_verdict(parsed: str | None, stated: str) -> str:
    """The verdict on a page's stated title: "correct" (case, spacing and punctuation aside),
    "missing" (none parsed) or "wrong" (another text: a site's name, a first paragraph)."""
    if not parsed:
        return "missing"
    return "correct" if norm(parsed) == norm(stated) else "wrong"


def _score_page_title(truth: dict, parsed: str | None, c: dict, notes: list[str]) -> None:
    """A truth whose `brief_title` states the page's own title. Where it is null (the page
    states none) the parser's title is made up by necessity (a brief has one) and not judged."""
    if not truth.get("brief_title"):
        return
    verdict = title_verdict(parsed, truth["brief_title"])
    c[f"page_title_{verdict}"] += 1
    if verdict != "correct":
        notes.append(f"page title {verdict}: stated {truth['brief_title']!r}, parsed {parsed!r}")


def _count_missing_page_facts(truth: dict, c: dict) -> None:
    """A text that failed: its stated page date and title are missing."""
    if truth["brief_date"]:
        c["brief_date_missing"] += 1
    if truth.get("brief_title"):
        c["page_title_missing"] += 1


def _count_missing_targets(truth: dict, c: dict) -> None:
    """A truth without `targets` states none."""
    c["target_texts"] = 1
    c["targets"] = len(truth.get("targets", []))
    c["relations"] = len(truth.get("relations", []))


def _score_targets(stated: list[dict], parsed: list, c: dict, notes: list[str]) -> None:
    """A stated target is found by the first unclaimed parsed one with its year and value."""
    _count_missing_targets({"targets": stated}, c)
    c["targets_parsed"] = len(parsed)
    unclaimed = list(parsed)
    for want in stated:
        got = next((t for t in unclaimed if t.target_year == want["year"]
                    and abs(t.value - want["value"]) <= 1e-9 * max(1, abs(want["value"]))),
                   None)
        if got is None:
            notes.append(f"missed target: {want['metric']} {want['value']} by {want['year']}")
        else:
            unclaimed.remove(got)
            c["targets_found"] += 1
    notes.extend(f"extra target: {t.metric} {t.value_text} by {t.target_year}"
                 for t in unclaimed)


def _score_relations(stated: list[dict], parsed: list, c: dict, notes: list[str]) -> None:
    """A stated relation is found by the first unclaimed parsed one of its kind whose target
    title (English or Chinese) is the stated target's."""
    c["relations"] = len(stated)
    c["relations_parsed"] = len(parsed)
    unclaimed = list(parsed)
    for want in stated:
        got = next((r for r in unclaimed if r.kind == want["kind"] and norm(want["target"])
                    in {norm(r.target_title), norm(r.target_chinese_title)}), None)
        if got is None:
            notes.append(f"missed relation: {want['policy'][:60]} {want['kind']} "
                         f"{want['target'][:60]}")
        else:
            unclaimed.remove(got)
            c["relations_found"] += 1
    notes.extend(f"extra relation: {r.kind} {r.target_title or r.target_chinese_title}"
                 for r in unclaimed)


def _score_headlines(stated: list[str], parsed: list[str], c: dict, notes: list[str]) -> None:
    c["headlines_parsed"] = len(parsed)
    unclaimed = list(parsed)
    for headline in stated:
        got = next((h for h in unclaimed if norm(h) == norm(headline)), None)
        if got is None:
            notes.append(f"missed headline: {headline}")
        else:
            unclaimed.remove(got)
            c["headlines_found"] += 1
    notes.extend(f"extra headline: {headline}" for headline in unclaimed)


def _score_policies(stated: list[dict], parsed: list, matcher: AgencyMatcher, c: dict,
                    notes: list[str]) -> None:
    """Each stated policy takes the first unclaimed parsed policy sharing a title with it."""
    titled = [p for p in parsed if _title_keys(p.title, p.chinese_title)]
    c["policies_parsed"] = len(titled)
    unclaimed = list(titled)
    for want in stated:
        keys = _title_keys(want["title"], want["chinese_title"])
        got = next((p for p in unclaimed if keys & _title_keys(p.title, p.chinese_title)), None)
        label = want["title"] or want["chinese_title"]
        if got is None:
            notes.append(f"missed policy: {label}")
            continue
        unclaimed.remove(got)
        c["policies_found"] += 1
        stated_issuers = {issuer_key(i) for i in want["issuers"]}
        issuers = parsed_issuers(got.agency_refs, matcher)
        c["issuer_links"] += len(issuers)
        c["issuer_links_right"] += sum(1 for key in issuers if key in stated_issuers)
        if set(issuers) == stated_issuers:
            c["with_issuers"] += 1
        else:
            notes.append(f"issuers of {label[:70]!r}: stated {sorted(stated_issuers)}, "
                         f"parsed {issuers}")
        verdict = date_verdict(stated_text(got.issued_on), want["date"])
        if verdict:
            c[f"date_{verdict}"] += 1
            if verdict != "correct":
                notes.append(f"date {verdict} for {label[:70]!r}: stated {want['date']}, "
                             f"parsed {got.issued_on}")
    for p in unclaimed:
        notes.append(f"extra policy: {p.title or p.chinese_title}")


# ---- reporting


def total(results: list[Result]) -> dict:
    out = dict.fromkeys(COUNTS, 0)
    for r in results:
        for key, value in r.counts.items():
            out[key] += value
    return out


def ratio(found: int, of: int) -> float | None:
    return found / of if of else None


def rates(c: dict) -> dict:
    return {
        "headlines_recall": ratio(c["headlines_found"], c["headlines"]),
        "headlines_precision": ratio(c["headlines_found"], c["headlines_parsed"]),
        "titles_recall": ratio(c["policies_found"], c["policies"]),
        "titles_precision": ratio(c["policies_found"], c["policies_parsed"]),
        "with_issuers_recall": ratio(c["with_issuers"], c["policies"]),
        "issuer_precision": ratio(c["issuer_links_right"], c["issuer_links"]),
        "targets_recall": ratio(c["targets_found"], c["targets"]),
        "targets_precision": ratio(c["targets_found"], c["targets_parsed"]),
        "relations_recall": ratio(c["relations_found"], c["relations"]),
        "relations_precision": ratio(c["relations_found"], c["relations_parsed"]),
    }


def pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


COLUMNS = ("texts", "layout", "fail", "crash", "head R", "head P", "title R", "title P", "+iss R",
           "iss P", "date ok/miss/INV", "brief ok/miss/INV", "page title ok/miss/bad")


def row(label: str, c: dict) -> list[str]:
    r = rates(c)
    return [label, str(c["texts"]), pct(ratio(c["layout_read"], c["texts"])),
            str(c["failures"]), str(c["crashes"]),
            pct(r["headlines_recall"]), pct(r["headlines_precision"]),
            pct(r["titles_recall"]), pct(r["titles_precision"]),
            pct(r["with_issuers_recall"]), pct(r["issuer_precision"]),
            f"{c['date_correct']}/{c['date_missing']}/{c['date_invented']}",
            f"{c['brief_date_correct']}/{c['brief_date_missing']}/{c['brief_date_invented']}",
            f"{c['page_title_correct']}/{c['page_title_missing']}/{c['page_title_wrong']}"]


def familiarity(results: list[Result], tune_publishers: set[str]) -> dict[str, list[Result]]:
    """Holdout texts by whether their publisher also has tune texts: how far a rule written on
    a publisher's tune texts carries to its other texts, against how far it carries to a
    publisher no rule was written on."""
    return {label: group for label, group in (
        ("publisher in tune", [r for r in results if r.publisher in tune_publishers]),
        ("publisher not in tune", [r for r in results if r.publisher not in tune_publishers]),
    ) if group}


def table(title: str, results: list[Result],
          groups: dict[str, list[Result]] | None = None) -> list[str]:
    layouts = [lay for lay in LAYOUTS if any(r.layout == lay for r in results)]
    rows = [row(lay, total([r for r in results if r.layout == lay])) for lay in layouts]
    rows.append(row("all", total(results)))
    rows.extend(row(label, total(group)) for label, group in (groups or {}).items())
    header = ["layout", *COLUMNS]
    widths = [max(len(x[i]) for x in [header, *rows]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return [title, fmt.format(*header), *(fmt.format(*x) for x in rows)]


def intelligence_line(results: list[Result]) -> str:
    """Targets and relations: recall and precision, with the counts behind them."""
    c, r = total(results), rates(total(results))
    return (f"targets on {c['target_texts']} texts: R={pct(r['targets_recall'])}"
            f" P={pct(r['targets_precision'])} ({c['targets_found']} of {c['targets']} stated"
            f" found, {c['targets_parsed']} parsed); relations R={pct(r['relations_recall'])}"
            f" P={pct(r['relations_precision'])} ({c['relations_found']} of {c['relations']}"
            f" found, {c['relations_parsed']} parsed)")


def summary(split: str, results: list[Result]) -> str:
    c, r = total(results), rates(total(results))
    by_split = {s: sum(1 for x in results if x.split == s) for s in SPLITS}
    publishers = len({x.publisher for x in results})
    what = "seeds" if split == "seeds" else "corpus"
    invented = c["date_invented"] + c["brief_date_invented"]
    return (f"{what} {len(results)} texts ({by_split['tune']} tune, {by_split['holdout']} holdout)"
            f" from {publishers} publishers: headlines R={pct(r['headlines_recall'])}"
            f" P={pct(r['headlines_precision'])}, policies with issuers"
            f" R={pct(r['with_issuers_recall'])}, issuer precision {pct(r['issuer_precision'])},"
            f" invented dates {invented}, crashes {c['crashes']}")


def as_json(split: str, results: list[Result], tune_publishers: set[str]) -> dict:
    groups = {}
    for s in sorted({r.split for r in results}):
        in_split = [r for r in results if r.split == s]
        groups[s] = {lay: {**total(g), **rates(total(g))}
                     for lay in LAYOUTS
                     for g in [[r for r in in_split if r.layout == lay]] if g}
        groups[s]["all"] = {**total(in_split), **rates(total(in_split))}
        if s == "holdout":
            groups[s].update({label: {**total(g), **rates(total(g))} for label, g in
                              familiarity(in_split, tune_publishers).items()})
    return {
        "split": split,
        "totals": {**total(results), **rates(total(results))},
        "groups": groups,
        "texts": [{"name": r.name, "split": r.split, "layout": r.layout,
                   "publisher": r.publisher, **r.counts, "notes": r.notes} for r in results],
        "intelligence": intelligence_line(results),
        "summary": summary(split, results),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("tune", "holdout", "all", "seeds"), default="all")
    parser.add_argument("--layout", choices=LAYOUTS)
    parser.add_argument("--numbers", type=numbers_range, metavar="FIRST-LAST",
                        help="only the corpus texts numbered so, e.g. 47-67 (a batch)")
    parser.add_argument("--verbose", action="store_true", help="per text: what was missed/extra")
    parser.add_argument("--json", action="store_true", help="one JSON document instead")
    args = parser.parse_args(argv)

    matcher = agency_matcher()
    results = [score_case(case, matcher)
               for case in load_cases(args.split, args.layout, args.numbers)]
    tune_publishers = {c.truth["publisher"] for c in load_cases("tune")}
    if args.json:
        print(json.dumps(as_json(args.split, results, tune_publishers), ensure_ascii=False,
                         indent=2))
        return 0
    lines = []
    if args.verbose:
        for r in results:
            lines.append(f"{r.name} [{r.split}, {r.layout}]")
            lines.extend(f"  {note}" for note in r.notes or ["all as stated"])
        lines.append("")
    splits = ["seed"] if args.split == "seeds" else [s for s in SPLITS
                                                     if any(r.split == s for r in results)]
    for s in splits:
        in_split = [r for r in results if r.split == s]
        lines.extend(table(f"split {s}", in_split,
                           familiarity(in_split, tune_publishers) if s == "holdout" else None))
        lines.append(intelligence_line([r for r in results if r.split == s]))
        lines.append("")
    lines.append(summary(args.split, results))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
