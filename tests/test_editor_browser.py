"""The admin app written by ``govreview editor build`` in a real browser: Debian's chromium
(puppeteer-core, tests/editor_browser.mjs) opens it from 127.0.0.1, signed out (Decap's login
page in Chinese) and signed in with a token in the browser's storage, as the OAuth relay's
pop-up leaves it. The GitHub API's few answers Decap needs to render are given by the script
itself at an api_root on 127.0.0.1 (canned, so this checks the rendering alone; the whole round
against tests/fakegithub.py, which serves Decap's endpoints, is tests/test_editor_flow_browser.py):
the collections are the policy's columns, the new-item form has the policy's fields, the
workflow board has no 就绪 (publish) column (R-04), and no request leaves 127.0.0.1 — the
githubstatus.com check included. Screenshots go to $GOVREVIEW_SCREENSHOTS or the tmp folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from editor_admin import CANNED_GITHUB, CHROMIUM, EDITOR_USER, run_plan, screenshots, served_admin
from gitsite import example_repo

COLUMNS = ["首页", "工作动态", "通知公告", "政策文件", "政策解读", "媒体转载", "活动预告", "留言答复", "机构概况"]


@pytest.fixture(scope="module")
def visits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("editor-browser")
    with served_admin(tmp, example_repo(tmp / "site")) as admin:
        plan = {
            "chromium": str(CHROMIUM),
            "profile": str(tmp / "profile"),
            "base": admin.base,
            "apiRoot": admin.api_root,
            "screenshots": str(screenshots(tmp, "editor")),
            "github": CANNED_GITHUB,
            "user": EDITOR_USER,
            "loginText": "使用 GitHub 登录",
            "collectionsText": "机构概况",
            "workflowText": "审查中",
            "newEntryText": "文号",
        }
        report = run_plan("editor_browser.mjs", plan, tmp)
    return {v["name"]: v for v in report["visits"]}


def test_every_visit_rendered_and_nothing_left_127_0_0_1(visits):
    assert set(visits) == {"login", "collections", "workflow", "new-entry"}
    for name, v in visits.items():
        assert v["found"], name + ": " + v["text"][:300]
        assert v["errors"] == [], name
        assert any(url.endswith("/decap-cms.js") for url in v["requests"]), name  # the copied bundle is the one served
        outside = [url for url in v["requests"] if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))]
        assert outside == [], name
        assert not any("githubstatus" in url for url in v["requests"]), name
        assert Path(v["screenshot"]).stat().st_size > 5000, name


def test_signed_out_the_login_page_is_in_chinese_and_asks_nothing_of_github(visits):
    login = visits["login"]
    assert "使用 GitHub 登录" in login["text"]
    assert login["api"] == []


def test_signed_in_the_collections_are_the_policys_columns(visits):
    v = visits["collections"]
    text = v["text"]
    positions = [text.find("\n" + name + "\n") for name in COLUMNS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), text[:400]  # policy order
    assert "GET /user" in v["api"] and "GET /repos/jiangan/site/git/trees/main:docs/news" in v["api"]


def test_the_new_item_form_has_the_categorys_fields(visits):
    text = visits["new-entry"]["text"]
    for label in ("标题", "成文日期", "经办人", "文号", "依据 R-13", "不解读理由 (可选)", "主题分类 (可选)", "正文"):
        assert label in text, label
    assert "保存" in text
    assert "领导批示" not in text  # a news escalation's field, not a policy document's


def test_the_workflow_board_has_no_publish_column(visits):
    v = visits["workflow"]
    assert "草稿" in v["text"] and "审查中" in v["text"]
    assert "\n就绪\n" not in v["text"]
    assert any(h.startswith("就绪") for h in v["hidden"])  # removed by the R-04 script, not missing by chance
