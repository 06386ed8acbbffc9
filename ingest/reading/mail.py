"""E-mail newsletters (.eml, .mbox): one brief per message, read with the standard library.

A message's brief is its text/plain part, else its HTML part through the HTML reader; its
Subject and Date become the brief's title and date hints. An mbox gives one source per message,
named `<file>#<Message-ID>` (or `<file>#<n>`, its position from 1, when the Message-ID is missing
or repeated), so re-reading the same mbox, or one that grew, finds the same names.
"""

from __future__ import annotations

import email
import email.policy
import mailbox
from datetime import date
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

from .html import html_to_text
from .source import SourceText, UnreadableFile, UnreadablePart, check_size, make_source, read_capped
from .text import decode_brief_bytes

SUFFIXES = (".eml", ".mbox")
NO_TEXT_PART = "no text part: the message has neither text/plain nor text/html content"
MAX_NAME = 255  # Brief.source_file


def read(path: Path, *, max_bytes: int) -> list[SourceText | UnreadablePart]:
    if path.suffix.lower() == ".mbox":
        return read_mbox(path, max_bytes=max_bytes)
    data = read_capped(path, max_bytes)
    if not data.strip():
        raise UnreadableFile("empty file")
    return [message_source(path, _parse(data), name=path.name)]


def read_mbox(path: Path, *, max_bytes: int) -> list[SourceText | UnreadablePart]:
    check_size(path, max_bytes)
    try:
        box = mailbox.mbox(path, create=False)
        raw = [box.get_bytes(key) for key in box.iterkeys()]
    except (OSError, mailbox.Error) as exc:
        raise UnreadableFile(f"cannot read the mbox ({exc})") from None
    if not raw:
        raise UnreadableFile("no messages in the mbox (each starts with a 'From ' line)")
    messages = [_parse(data) for data in raw]
    ids = [_message_id(m) for m in messages]
    sources: list[SourceText | UnreadablePart] = []
    for n, (message, mid) in enumerate(zip(messages, ids, strict=True), start=1):
        name = f"{path.name}#{mid if mid and ids.count(mid) == 1 else n}"[:MAX_NAME]
        try:
            sources.append(message_source(path, message, name=name))
        except UnreadableFile as exc:
            sources.append(UnreadablePart(path=path, name=name, reason=str(exc)))
    return sources


def message_source(path: Path, message: EmailMessage, *, name: str) -> SourceText:
    return make_source(path, message_text(message), name=name,
                       title_hint=" ".join(str(message.get("Subject", "")).split()),
                       date_hint=_date(message))


def message_text(message: EmailMessage) -> str:
    """The brief in one message: its text/plain part, else its HTML part made text."""
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None:
        text = _content(plain)
        if text.strip():
            return decode_brief_bytes(text.encode("utf-8"))
    html = message.get_body(preferencelist=("html",))
    if html is not None:
        return html_to_text(_content(html))
    raise UnreadableFile(NO_TEXT_PART)


def _parse(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def _content(part) -> str:
    try:
        return part.get_content()
    except (LookupError, ValueError):  # an unknown charset or a broken transfer encoding
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", "replace")


def _message_id(message: EmailMessage) -> str:
    return str(message.get("Message-ID", "")).strip().strip("<>").strip()


def _date(message: EmailMessage) -> date | None:
    value = message.get("Date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(str(value)).date()
    except (TypeError, ValueError, IndexError):
        return None
