"""The seed briefs as other formats, made with real writers: PDF (fpdf2, a CJK font embedded),
a saved web page (navigation, cookie banner, header, footer around the brief), and e-mail
(the standard library's EmailMessage and mailbox). Plain functions, like factories.py."""

from __future__ import annotations

import html
import mailbox
import os
import re
import shutil
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from fpdf import FPDF
from PIL import Image, ImageDraw

# Debian's fonts-noto-cjk (scripts/install-system-deps.sh installs it); index 2 of the
# collection is Noto Sans CJK SC, which has Latin glyphs too.
CJK_FONTS = [Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")]
RUNNING_HEAD = "MERICS China Industries | Monthly brief"


def require_pdf_tools() -> Path:
    """The CJK font path; skips (fails under CI=true) when the font or pdftotext is missing."""
    font = next((f for f in CJK_FONTS if f.exists()), None)
    missing = [what for what, ok in [("fonts-noto-cjk", font), ("poppler-utils (pdftotext)",
                                                                  shutil.which("pdftotext"))]
               if not ok]
    if missing:
        reason = f"needs Debian's {' and '.join(missing)}: run scripts/install-system-deps.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return font


# --- PDF -------------------------------------------------------------------------------------


class _BriefPDF(FPDF):
    def header(self):
        self.set_font("cjk", size=8)
        self.cell(0, 6, RUNNING_HEAD, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        self.set_font("cjk", size=10)

    def footer(self):
        self.set_y(-15)
        self.set_font("cjk", size=8)
        self.cell(0, 10, f"Page {self.page_no()}", align="C")


def _pdf(font: Path) -> _BriefPDF:
    pdf = _BriefPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("cjk", fname=str(font), collection_font_number=2)
    pdf.set_font("cjk", size=10)
    return pdf


def brief_pdf(text: str, path: Path, *, font: Path, columns: int = 1) -> Path:
    """One text line a PDF line (wrapped when too wide, then a paragraph's spacing); a blank
    line a blank line's height; a running header and a page number on every page."""
    pdf = _pdf(font)
    pdf.add_page()
    lines = [ln.replace("\t", " ").strip() for ln in text.split("\n")]
    if columns == 2:
        with pdf.text_columns(ncols=2, gutter=8, text_align="LEFT", line_height=1.2) as cols:
            for line in lines:
                if line:
                    cols.write(line + "\n")
                else:
                    cols.ln()
    else:
        for line in lines:
            if not line:
                pdf.ln(5)
                continue
            wrapped = pdf.get_string_width(line) > pdf.epw
            pdf.multi_cell(0, 5, line, align="L", new_x="LMARGIN", new_y="NEXT")
            if wrapped:
                pdf.ln(3)
    pdf.output(str(path))
    return path


def lines_pdf(lines: list[str], path: Path, *, font: Path) -> Path:
    """Exactly these lines, one PDF line each (for hyphenation and URL breaks)."""
    pdf = _pdf(font)
    pdf.add_page()
    for line in lines:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def image_only_pdf(path: Path) -> Path:
    """A 'scan': one page holding a picture of text, and no text layer."""
    picture = Image.new("RGB", (800, 300), "white")
    ImageDraw.Draw(picture).text((20, 20), "At a glance: this text is only pixels", fill="black")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(picture, x=10, y=10, w=190)
    pdf.output(str(path))
    return path


def encrypted_pdf(path: Path, *, user_password: str | None = "secret") -> Path:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password=user_password)
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for n in range(30):
        pdf.cell(0, 6, f"At a glance: line {n} of a brief behind a password.",
                 new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def corrupt_pdf(path: Path, *, font: Path, seed_text: str) -> Path:
    """A real PDF cut after its first third: no cross-reference table, no trailer."""
    whole = brief_pdf(seed_text, path.with_suffix(".whole.pdf"), font=font)
    data = whole.read_bytes()
    whole.unlink()
    path.write_bytes(data[: len(data) // 3])
    return path


# --- a saved web page ------------------------------------------------------------------------

_BULLET_RE = re.compile(r"(?:[-–=*·®©]\s+|[•■▪●◦►➢✓□❖→]\s*)(?=[A-Z0-9“\"(\u4e00-\u9fff])")
_HEADLINE_RE = re.compile(r"\d{1,2}\.\s*[A-Z]")


def brief_page(text: str, *, title: str = "MERICS China Industries") -> str:
    """The brief inside a realistic page: a text block (lines between blank lines) is a <p>
    with <br> between its lines; bullets are <li>, numbered headlines <h2>."""
    body: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        body += _block_html([ln.strip() for ln in block.split("\n") if ln.strip()])
    return PAGE.format(title=html.escape(title), content="\n".join(body))


def _block_html(lines: list[str]) -> list[str]:
    out: list[str] = []
    para: list[str] = []
    items: list[list[str]] = []

    def flush():
        if para:
            out.append("<p>" + "<br>\n".join(html.escape(x) for x in para) + "</p>")
            para.clear()
        if items:
            lis = "\n".join(f"  <li>{'<br>'.join(html.escape(x) for x in item)}</li>"
                            for item in items)
            out.append(f"<ul>\n{lis}\n</ul>")
            items.clear()

    for line in lines:
        bullet = _BULLET_RE.match(line)
        if bullet:
            if para:
                flush()
            items.append([line[bullet.end():]])
        elif _HEADLINE_RE.match(line):
            flush()
            out.append(f"<h2>{html.escape(line)}</h2>")
        elif items and not para:
            items[-1].append(line)
        else:
            if items:
                flush()
            para.append(line)
    flush()
    return out


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | MERICS</title>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{event: "pageview"}});</script>
<style>body {{ font-family: sans-serif; }} .cookie-consent {{ position: fixed; }}</style></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience.
By continuing to browse you agree to our use of cookies.</p><button>Accept all cookies</button>
<a href="/privacy">Privacy policy</a></div>
<header class="site-header"><a href="/" class="logo">MERICS</a>
<nav class="main-nav"><ul><li><a href="/research">Research</a></li><li><a href="/topics">Topics</a>
</li><li><a href="/events">Events</a></li><li><a href="/about">About us</a></li>
<li><a href="/newsletter">Newsletter</a></li></ul></nav>
<form class="search"><input name="q" placeholder="Search the site"></form></header>
<nav class="breadcrumb"><a href="/">Home</a> › <a href="/briefs">Briefs</a> › China Industries</nav>
<main><article class="brief">
{content}
</article>
<aside class="related"><h3>Related content</h3><ul><li><a href="/a">China's chip strategy</a></li>
<li><a href="/b">EU-China trade tensions</a></li></ul></aside>
</main>
<footer class="site-footer"><p>© 2024 Mercator Institute for China Studies. All rights reserved.</p>
<ul><li><a href="/imprint">Imprint</a></li><li><a href="/privacy">Data protection</a></li>
<li><a href="/contact">Contact</a></li></ul><p>Follow us on LinkedIn and Bluesky</p></footer>
<script>document.getElementById("cookie-banner").hidden = false; alert("executed");</script>
</body></html>
"""

# Words of the page around the brief: none may reach the brief's text.
PAGE_FURNITURE = ["cookies", "Accept all", "Privacy policy", "Research", "About us", "Newsletter",
                  "Search the site", "Home ›", "Related content", "chip strategy", "Imprint",
                  "All rights reserved", "Follow us", "dataLayer", "alert", "font-family"]


# --- e-mail ----------------------------------------------------------------------------------

SENT = datetime(2024, 12, 5, 9, 30, tzinfo=UTC)


def brief_email(text: str, *, subject: str, sent: datetime = SENT, html_only: bool = False,
                message_id: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "MERICS China Industries <newsletter@merics.example>"
    message["To"] = "archive@briefs.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    if message_id:
        message["Message-ID"] = message_id
    if html_only:
        message.set_content(brief_page(text, title=subject), subtype="html")
    else:
        message.set_content(text)
        message.add_alternative(brief_page(text, title=subject), subtype="html")
    return message


def attachment_only_email(*, subject: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "newsletter@merics.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(SENT)
    message.add_attachment(b"\x89PNG\r\n\x1a\n" + bytes(200), maintype="image", subtype="png",
                           filename="chart.png")
    return message


def write_eml(message: EmailMessage, path: Path) -> Path:
    path.write_bytes(bytes(message))
    return path


def write_mbox(messages: list[EmailMessage], path: Path) -> Path:
    box = mailbox.mbox(path)
    try:
        for message in messages:
            box.add(message)
        box.flush()
    finally:
        box.close()
    return path


def run_ingest(*paths) -> tuple[str, str, bool]:
    """`manage.py ingest PATHS`: (stdout, stderr, whether it succeeded)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue() + str(exc), False
    return out.getvalue(), err.getvalue(), True
