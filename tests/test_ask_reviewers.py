"""The pull-request check asks, by name and once, exactly the people who can supply each
missing step, and tells them through a messaging robot they read (WeCom / DingTalk).

Real PyGithub against the local fake GitHub; the robot is a local HTTP server answering
as WeCom and DingTalk robots answer."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fakegithub import FakeGitHub
from github import Auth, Github
from gitsite import MKDOCS, POLICY, article
from govreview.checkpr import MARKER, check_pull, publish, render_comment, wanted_reviewers
from govreview.forge import Forge
from govreview.notify import Channel, NotifyError, channel_from_env, payload, send, signed_url

PAGE = "docs/news/a.md"
ROSTER = """\
people:
  hana: {name: 韩娜, title: 办公室主任}
  dong: {name: 董力, title: 副局长}
  bao: {name: 包静, title: 保密审查员}
"""


class Robot:
    """A local stand-in for a group robot: records each POST and answers like WeCom/DingTalk."""

    def __init__(self, answer: dict[str, Any] | None = None, status: int = 200) -> None:
        self.received: list[tuple[str, dict[str, Any]]] = []
        self.answer = answer if answer is not None else {"errcode": 0, "errmsg": "ok"}
        self.status = status
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                robot.received.append((self.path, json.loads(self.rfile.read(length))))
                data = json.dumps(robot.answer).encode()
                self.send_response(robot.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/cgi-bin/webhook/send?key=k"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        yield server


@pytest.fixture
def robot() -> Iterator[Robot]:
    r = Robot()
    yield r
    r.stop()


def forge(fake: FakeGitHub) -> Forge:
    client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, seconds_between_writes=0, retry=None, per_page=100)
    return Forge(client, "city/site")


def site(fake: FakeGitHub, policy: str = POLICY + ROSTER):
    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": MKDOCS, "policies/site.yml": policy, "docs/index.md": article("首页")}, actor="admin")
    return repo


def requests_to(fake: FakeGitHub) -> list[dict[str, Any]]:
    return [r.body for r in fake.calls("/repos/city/site/pulls/", "POST") if r.path.endswith("/requested_reviewers")]


def test_the_people_of_each_missing_step_are_asked_by_name_once(fake, robot, monkeypatch):
    monkeypatch.setenv("GOVREVIEW_NOTIFY_URL", robot.url)
    monkeypatch.setenv("GOVREVIEW_NOTIFY_KIND", "wecom")
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
    pr.review("hana")  # the unit head's step is filled: she is not asked
    f = forge(fake)
    check = check_pull(f, pr.number)
    assert wanted_reviewers(check) == ("dong", "bao")
    publish(f, check)
    assert requests_to(fake) == [{"reviewers": ["dong", "bao"], "team_reviewers": []}]
    assert pr.requested_reviewers == ["dong", "bao"]
    body = next(c.body for c in repo.comments.values() if MARKER in c.body)
    assert "📨 已请求以下人员审批：副局长 董力（@dong）、保密审查员 包静（@bao）（已通过企业微信通知）" in body
    [(path, message)] = robot.received
    assert path == "/cgi-bin/webhook/send?key=k" and message["msgtype"] == "text"
    text = message["text"]["content"]
    assert "#1" in text and "动态" not in text.split("\n")[1] and "副局长 董力、保密审查员 包静" in text
    assert "@dong" not in text, "the robot's readers know names, not forge accounts"

    # A push that changes the page voids the head's approval: she is asked now, once.
    # Reruns ask nobody again and tell nobody again.
    pr.push({PAGE: article("动态（修改）")})
    publish(f, check_pull(f, pr.number))
    publish(f, check_pull(f, pr.number))
    assert requests_to(fake)[1:] == [{"reviewers": ["hana"], "team_reviewers": []}]
    assert len(robot.received) == 2 and "办公室主任 韩娜" in robot.received[1][1]["text"]["content"]
    pr.label("保密审查通过", actor="bao")
    publish(f, check_pull(f, pr.number))
    assert len(requests_to(fake)) == 2 and len(robot.received) == 2
    body = next(c.body for c in repo.comments.values() if MARKER in c.body)
    assert "@dong" in body and "已通过企业微信通知" in body, "the comment keeps saying who was asked and how"


def test_a_draft_asks_nobody_until_it_is_ready(fake, robot, monkeypatch):
    monkeypatch.setenv("GOVREVIEW_NOTIFY_URL", robot.url)
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")}, draft=True)
    f = forge(fake)
    publish(f, check_pull(f, pr.number))
    assert requests_to(fake) == [] and robot.received == []
    pr.mark_ready(actor="ed")
    publish(f, check_pull(f, pr.number))
    assert requests_to(fake) == [{"reviewers": ["hana", "dong", "bao"], "team_reviewers": []}]
    assert len(robot.received) == 1


def test_the_author_and_people_who_filled_a_step_are_never_asked(fake):
    repo = site(fake)
    pr = repo.open_pull("hana", "news-a", files={PAGE: article("动态")})  # the unit head wrote it herself
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    f = forge(fake)
    check = check_pull(f, pr.number)
    assert not check.ok
    # Only the head's step is missing; its only holder is the author: nobody to ask.
    assert wanted_reviewers(check) == ()
    publish(f, check)
    assert requests_to(fake) == []
    assert "已请求以下人员审批" not in render_comment(check)


def test_an_approved_pull_request_asks_nobody(fake):
    repo = site(fake)
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
    pr.review("hana")
    pr.review("dong")
    pr.label("保密审查通过", actor="bao")
    f = forge(fake)
    check = check_pull(f, pr.number)
    assert check.ok
    publish(f, check)
    assert requests_to(fake) == []


def test_a_refused_request_is_said_and_does_not_change_the_verdict(fake, robot, monkeypatch):
    monkeypatch.setenv("GOVREVIEW_NOTIFY_URL", robot.url)
    repo = site(fake)
    repo.not_collaborators.add("bao")
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
    pr.review("hana")
    f = forge(fake)
    check = check_pull(f, pr.number)
    publish(f, check)
    assert repo.statuses[-1].state == "failure" and len(requests_to(fake)) == 1
    body = next(c.body for c in repo.comments.values() if MARKER in c.body)
    assert "未能请求 副局长 董力（@dong）、保密审查员 包静（@bao） 审批" in body and "collaborator" in body
    assert "<!-- govreview:asked" not in body and robot.received == [], "nobody was asked, so nobody is told"
    # Once the account is a collaborator, the next run asks (it was never asked).
    repo.not_collaborators.clear()
    publish(f, check_pull(f, pr.number))
    assert requests_to(fake)[-1] == {"reviewers": ["dong", "bao"], "team_reviewers": []}
    assert len(robot.received) == 1


def test_a_robot_that_refuses_the_message_is_said_in_the_comment(fake, monkeypatch):
    refusing = Robot({"errcode": 93000, "errmsg": "invalid webhook url"})
    try:
        monkeypatch.setenv("GOVREVIEW_NOTIFY_URL", refusing.url)
        monkeypatch.setenv("GOVREVIEW_NOTIFY_KIND", "dingtalk")
        repo = site(fake)
        pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
        f = forge(fake)
        publish(f, check_pull(f, pr.number))
        body = next(c.body for c in repo.comments.values() if MARKER in c.body)
        assert "未能通过钉钉通知审批人：errcode 93000: invalid webhook url" in body
        assert "已请求以下人员审批" in body and "已通过钉钉通知" not in body
    finally:
        refusing.stop()


def test_teams_of_the_repository_owner_are_requested_as_teams(fake):
    policy = POLICY.replace("secrecy: {name: 保密审查员, members: [bao]}", "secrecy: {name: 保密审查员, members: [city/baomi, other/x]}")
    fake.team("city", "baomi", {"bao": "active"})
    fake.team("other", "x", {"xu": "active"})
    repo = site(fake, policy)
    pr = repo.open_pull("ed", "news-a", files={PAGE: article("动态")})
    pr.review("hana")
    pr.review("dong")
    f = forge(fake)
    check = check_pull(f, pr.number)
    publish(f, check)
    assert requests_to(fake) == [{"reviewers": [], "team_reviewers": ["baomi"]}]
    body = next(c.body for c in repo.comments.values() if MARKER in c.body)
    assert "团队 other/x 不属于本仓库所在的组织" in body


def test_channel_settings_and_payloads():
    assert channel_from_env({}) is None
    assert channel_from_env({"GOVREVIEW_NOTIFY_URL": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1"}) == Channel(
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1", "wecom"
    )
    ding = channel_from_env({"GOVREVIEW_NOTIFY_URL": "https://oapi.dingtalk.com/robot/send?access_token=t", "GOVREVIEW_NOTIFY_SECRET": "s"})
    assert ding is not None and ding.kind == "dingtalk" and ding.secret == "s"
    assert channel_from_env({"GOVREVIEW_NOTIFY_URL": "https://chat.example.gov.cn/hook"}).kind == "json"  # type: ignore[union-attr]
    for bad in ({"GOVREVIEW_NOTIFY_URL": "ftp://x"}, {"GOVREVIEW_NOTIFY_URL": "https://x", "GOVREVIEW_NOTIFY_KIND": "smoke"}):
        with pytest.raises(NotifyError):
            channel_from_env(bad)
    long = "审" * 2000
    content = payload("wecom", long)["text"]["content"]  # type: ignore[index]
    assert len(content.encode()) <= 2000 and content.endswith("…")
    assert payload("json", "x") == {"text": "x"}
    # DingTalk signing: HMAC-SHA256 over "timestamp\nsecret", base64, URL-encoded (a known vector).
    signed = urlsplit(signed_url("https://oapi.dingtalk.com/robot/send?access_token=t", "SEC", 1700000000000))
    query = parse_qs(signed.query)
    assert query["timestamp"] == ["1700000000000"] and query["access_token"] == ["t"]
    expected = base64.b64encode(hmac.new(b"SEC", b"1700000000000\nSEC", hashlib.sha256).digest()).decode()
    assert query["sign"] == [expected]


def test_an_unreachable_robot_is_one_attempt_and_a_message(robot):
    url = robot.url
    robot.stop()
    with pytest.raises(NotifyError):
        send(Channel(url, "wecom"), "x", timeout=2)
