"""What a brief says about each policy beyond its title, issuers and date: its targets and its
relations to other policies (from the item's summary and key points), its document number and
effective date (from the item's block of text: the lines from the item to the next one; in an
article, its body, or from the policy's title to the next policy's title when it reports on
several)."""

from __future__ import annotations

from .document_numbers import document_number, effective_date
from .relations import find_relations
from .structures import ParsedBrief, ParsedItem
from .targets import find_targets


def read_policy_facts(brief: ParsedBrief, lines: list[str]) -> None:
    """Fill each item's policy's targets, document number and effective date in place; `lines`
    are the text's lines, numbered from 1 as the items' `line` are."""
    starts = [_start(item) for item in brief.items]
    for n, item in enumerate(brief.items):
        policy = item.policy
        if policy is None:
            continue
        policy.targets = find_targets(item.summary, item.key_points)
        shared = starts[n] is not None and starts.count(starts[n]) > 1
        text = _block(brief, item, lines, None if shared else starts[n], _next_start(starts, n))
        policy.document_number = document_number(text)
        policy.effective_on = effective_date(text)
        policy.relations = find_relations(policy.title, policy.chinese_title,
                                          "\n".join([item.summary, *item.key_points]))


def _start(item: ParsedItem) -> int | None:
    known = [line for line in (item.line, item.policy.line if item.policy else None) if line]
    return min(known) if known else None


def _next_start(starts: list[int | None], n: int) -> int | None:
    later = [s for s in starts[n + 1:] if s and starts[n] and s > starts[n]]
    return min(later) if later else None


def _block(brief: ParsedBrief, item: ParsedItem, lines: list[str], start, end) -> str:
    policy = item.policy
    parts = [policy.title, policy.chinese_title, item.summary, *item.key_points, item.extra]
    if brief.kind == "article":
        parts.append(_article_window(brief, policy))
    elif start:
        parts += lines[start - 1:(end - 1) if end else None]
    return "\n".join(part for part in parts if part)


def _article_window(brief: ParsedBrief, policy, size: int = 800) -> str:
    """The article's body from where it names this policy to where it names the next one."""
    body = brief.body or ""
    folded = body.casefold()

    def position(p) -> int:
        found = [folded.find(t.casefold()) for t in (p.title, p.chinese_title) if t]
        found = [f for f in found if f >= 0]
        return min(found) if found else -1

    start = position(policy)
    if start < 0:  # named otherwise: the article's own subject, if it reports on one policy
        return body if sum(item.policy is not None for item in brief.items) == 1 else ""
    others = [position(item.policy) for item in brief.items
              if item.policy is not None and item.policy is not policy]
    end = min([o for o in others if o > start] + [start + size])
    return body[start:end]
