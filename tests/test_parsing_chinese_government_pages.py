"""Chinese government pages and the briefs around them (branch parse-297): a page's field list
whose values stand on the line below their labels, the page's title as its one document's
Chinese title. Pure parser, no database."""

from __future__ import annotations

from datetime import date

from ingest.parsing import parse_brief

FIELD_LIST_PAGE = """返回顶部

某某县人民政府小部件管理办法

  • 索引号:

    1234567890/2031-000001
  • 主题分类:

  • 来源:

  • 发文机关:

    某某县人民政府
  • 发文字号:

    某政发〔2031〕3号
  • 成文日期:

    2031年05月07日 10:20
  • 有效性:

  • 内容概述:

某某县人民政府小部件管理办法

第一章总则

一、为了规范小部件的生产和销售,保障群众的合法权益,根据有关法律法规的规定,结合本县实际,制定本办法。
"""


def test_a_label_alone_on_its_line_takes_the_value_below_it_and_the_page_title_names_the_document():
    """'• 发文机关:' / '某某县人民政府': one block of fields (not one per label), its document
    the page's title, dated by its 成文日期; 'back to top' is furniture, not the title."""
    brief = parse_brief(FIELD_LIST_PAGE, filename="x.txt")
    policies = [item.policy for item in brief.items if item.policy]
    assert len(policies) == 1
    policy = policies[0]
    assert policy.chinese_title == "某某县人民政府小部件管理办法"
    assert policy.agency_refs == ["某某县人民政府"]
    assert policy.issued_on == date(2031, 5, 7)
    assert brief.title == "某某县人民政府小部件管理办法"


def test_a_label_alone_on_its_line_keeps_no_label_or_sentence_below_it_as_its_value():
    """'• 发文机关:' over another label, or over a sentence, has no value."""
    brief = parse_brief(FIELD_LIST_PAGE.replace("    某某县人民政府\n", ""), filename="x.txt")
    policies = [item.policy for item in brief.items if item.policy]
    assert [p.agency_refs for p in policies] == [[]]
