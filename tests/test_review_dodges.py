"""Ways an editor could dodge a rule by how a page is written, found in review: each one on a
real git site with a real ``mkdocs build`` — the page must not reach the site."""

from __future__ import annotations

import json

import pytest
from gitsite import GitSite, article

SPELLING = """\
version: 1
site: {name: 测试大学, publisher: 测试大学}
units:
  office: 党政办公室
roles:
  head: {name: 单位负责人, units: {office: [hana]}}
  secrecy_office: {name: 保密委员会办公室, members: [mi]}
  deputy: {name: 分管校领导, members: [dong]}
  chief: {name: 校长, members: [zhu]}
  secrecy: {name: 保密审查员, members: [bao]}
  owners: {name: 规则负责人, members: [gui]}
  committee: {name: 保密委员会, members: [wei]}
secrecy: {label: 保密审查通过, role: secrecy}
screening: {clear: {role: committee}}
fields:
  touches_secrecy: 涉及保密事项
  level: {name: 会议级别, choices: [重要, 一般]}
categories:
  notice:
    name: 通知
    rules: [R-15]
    steps:
      - role: head
      - when: {touches_secrecy: true}
        rule: R-03
        steps: [{role: secrecy_office}]
        otherwise: [{role: deputy}]
  meeting:
    name: 会议
    rules: [R-15]
    steps:
      - role: head
      - when: {level: 重要}
        steps: [{role: chief}]
  policy:
    name: 规则与配置
    secrecy_review: false
    steps: [{role: owners}]
columns:
  .: {name: 首页, category: notice, unit: office}
  notices: {name: 通知公告, category: notice, unit: office}
  meetings: {name: 会议, category: meeting, unit: office}
"""

#: page -> (front matter, approvers): each is approved for the branch NOT taken by its meaning.
DODGES: dict[str, tuple[dict[str, object], list[tuple[str, str]]]] = {
    # the condition's field written under its declared display name
    "notices/by-name.md": ({"涉及保密事项": "true"}, [("approve", "hana"), ("approve", "dong"), ("label", "bao")]),
    # the condition's value with a space the choices check forgives
    "meetings/spaced.md": ({"level": '"重要 "'}, [("approve", "hana"), ("label", "bao")]),
    "meetings/by-name.md": ({"会议级别": "重要"}, [("approve", "hana"), ("label", "bao")]),
}
LAWFUL = {
    "notices/plain.md": ({"touches_secrecy": "false"}, [("approve", "hana"), ("approve", "dong"), ("label", "bao")]),
    "meetings/major.md": ({"会议级别": "重要"}, [("approve", "hana"), ("approve", "zhu"), ("label", "bao")]),
}


@pytest.fixture(scope="module")
def spelled(tmp_path_factory: pytest.TempPathFactory) -> tuple[GitSite, dict[str, dict]]:
    s = GitSite(tmp_path_factory.mktemp("spelling"), policy=SPELLING)
    s.approve_inputs()
    s.merge_in_turn(["docs/index.md"], [("approve", "hana"), ("approve", "dong")])
    for rel, (meta, turns) in {**DODGES, **LAWFUL}.items():
        s.write(f"docs/{rel}", article(f"页面 {rel}", **meta))
        s.commit(rel)
        s.merge_in_turn([f"docs/{rel}"], turns)
    result = s.build()
    assert result.returncode == 0, result.log
    report = json.loads((s.root / ".govreview" / "report.json").read_text(encoding="utf-8"))
    return s, {f["path"]: f for f in report["files"]}


@pytest.mark.parametrize("rel", sorted(DODGES))
def test_a_condition_cannot_be_dodged_by_how_the_field_is_spelled(spelled: tuple[GitSite, dict[str, dict]], rel: str) -> None:
    site, files = spelled
    assert site.html(rel.removesuffix(".md") + "/index.html") is None, files[rel]
    assert not files[rel]["approved"] and "step_missing" in [r["code"] for r in files[rel]["reasons"]], files[rel]["reasons"]


@pytest.mark.parametrize("rel", sorted(LAWFUL))
def test_a_field_written_by_its_display_name_takes_its_branch(spelled: tuple[GitSite, dict[str, dict]], rel: str) -> None:
    site, files = spelled
    assert files[rel]["approved"], files[rel]["reasons"]
    assert site.html(rel.removesuffix(".md") + "/index.html") is not None
