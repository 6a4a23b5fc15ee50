"""The records' pure core (R-50, R-51): which review a form shows for each step, the
secrecy review and the merge, with plain evidence."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from evidence import PR, t
from govreview.core.evidence import PullRecord
from govreview.core.recordbook import AGREED, MERGED, NOT_SIGNED, SECRECY_PASSED, Item, form_of, info_type, ledger_rows
from govreview.core.verdict import ATTACHMENT, PAGE, StepOutcome, Verdict


def shown(login: str, at: datetime) -> str:
    return f"<{login}>"


def _item(pull: PullRecord, verdict: Verdict) -> Item:
    return Item("news/a.md", "docs/news/a.md", "B2", PAGE, pull, verdict, pull.merged_at, False)


def test_the_form_shows_the_approval_given_on_the_published_content_with_its_opinion() -> None:
    pr = PR(author="ed").push(0, {"docs/news/a.md": "B1"})
    pr.approve("hana", 5)  # on B1: voided by the next push
    pr.push(10, {"docs/news/a.md": "B2"})
    pr.clear("hana", 20, "同意发布。", state="APPROVED")
    pr.clear("hana", 30, "再次同意。", state="APPROVED")  # approving again changes nothing: the earliest binding one counts
    pr.label("保密审查通过", "bao", 25)
    pull = replace(pr.merged(40), merged_by="lin")
    verdict = Verdict(
        "news/a.md",
        PAGE,
        (),
        category_name="工作动态",
        unit_name="办公室",
        column_name="工作动态",
        steps=(
            StepOutcome("s1", "处室负责人", ("head",), 1, ("hana",), ()),
            StepOutcome("secrecy", "保密审查", ("secrecy",), 1, ("bao",), ()),
            StepOutcome("s2", "分管领导", ("deputy",), 1, (), ("dong",)),
            StepOutcome("publish", "网站办公室", ("office",), 1, ("lin",), ()),
        ),
        fields={"title": "标题甲", "author": "经办人乙", "channels": ["微信公众号"]},
    )
    form = form_of(_item(pull, verdict), shown, "https://forge/o/r/pull/1")
    [head, deputy, publisher] = form.steps
    [sig] = head.signatures
    assert (sig.shown, sig.opinion, sig.decision, sig.at) == ("<hana>", "同意发布。", AGREED, t(20))
    assert deputy.signatures == () and not deputy.satisfied
    assert [(s.decision, s.at) for s in publisher.signatures] == [(MERGED, t(40))]
    assert form.secrecy is not None and [(s.shown, s.decision, s.at) for s in form.secrecy.signatures] == [("<bao>", SECRECY_PASSED, t(25))]
    assert form.handler == "经办人乙" and form.wechat and form.platforms == ("微信公众号",)
    [row] = ledger_rows([form])
    assert row.approvers == f"处室负责人：<hana>；分管领导：{NOT_SIGNED}；网站办公室：<lin>"
    assert row.deputy == "" and row.secrecy == "<bao>"


def test_without_an_author_field_the_handler_is_the_pull_requests_author() -> None:
    pull = PR(author="ed").push(0, {"docs/news/a.md": "B2"}).merged(10)
    form = form_of(_item(pull, Verdict("news/a.md", PAGE, (), fields={})), shown, "#1")
    assert form.handler == "<ed>" and form.title == "a.md" and not form.wechat


def test_information_types_of_r51() -> None:
    assert info_type("news/a.md", PAGE) == "文字"
    assert info_type("news/p.JPG", ATTACHMENT) == "图片"
    assert info_type("data/t.xlsx", ATTACHMENT) == "表格"
    assert info_type("v/x.mp4", ATTACHMENT) == "音视频"
    assert info_type("f/x.pdf", ATTACHMENT) == "文字"


def test_people_read_as_title_and_name_where_the_archive_has_a_roster() -> None:
    from govreview.archive_jsonl import Archive
    from govreview.core.records import Person, Roster
    from govreview.records_archive import person_shown

    early = Roster(t(0), (Person("li-qiang", "李强", "科员"),))
    later = Roster(t(100), (Person("li-qiang", "李强", "处室负责人"),))
    shown_by = person_shown(Archive((), {}, rosters=(later, early)))
    assert shown_by("li-qiang", t(50)) == "科员 李强"  # as the roster stood when they acted
    assert shown_by("li-qiang", t(150)) == "处室负责人 李强"
    assert shown_by("zhou", t(150)) == "@zhou"  # outside the roster: the login
    assert person_shown(Archive((), {}))("li-qiang", t(1)) == "@li-qiang"
