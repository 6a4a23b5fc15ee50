"""Telling reviewers through a channel they read: an enterprise messaging group robot
(WeCom 企业微信, DingTalk 钉钉) or any webhook that takes JSON.

Configured by the environment (secrets of the pull-request workflow, never in the
repository): ``GOVREVIEW_NOTIFY_URL`` (the robot's webhook address),
``GOVREVIEW_NOTIFY_KIND`` (``wecom`` | ``dingtalk`` | ``json``; by default read from the
address's host) and, for a DingTalk robot with signing on, ``GOVREVIEW_NOTIFY_SECRET``.

Sending is one POST, never retried (a retried POST could tell people twice); a failure is
said, and never changes a verdict.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

from . import messages
from .messages import msg

KINDS = ("wecom", "dingtalk", "json")
_HOSTS = {"qyapi.weixin.qq.com": "wecom", "oapi.dingtalk.com": "dingtalk"}
#: WeCom refuses text over 2,048 bytes; DingTalk's limit is larger. Keep every message under it.
_MAX_BYTES = 2000


class NotifyError(messages.Problem):
    """The channel's setting cannot work, or the message could not be delivered (said in the
    reader's language; the robot's own code and words kept as it gave them)."""


@dataclass(frozen=True)
class Channel:
    url: str
    kind: str
    secret: str | None = None


def channel_from_env(env: Mapping[str, str]) -> Channel | None:
    """The configured channel, or None. Raises NotifyError for a setting that cannot work."""
    url = env.get("GOVREVIEW_NOTIFY_URL", "").strip()
    if not url:
        return None
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("https", "http") or not parsed.netloc:
        raise NotifyError(msg("notify_bad_url"))
    kind = env.get("GOVREVIEW_NOTIFY_KIND", "").strip().lower() or _HOSTS.get(parsed.hostname or "", "json")
    if kind not in KINDS:
        raise NotifyError(msg("notify_bad_kind", kinds="、".join(KINDS), kind=kind))
    return Channel(url, kind, env.get("GOVREVIEW_NOTIFY_SECRET", "").strip() or None)


def _cut(text: str) -> str:
    data = text.encode("utf-8")
    if len(data) <= _MAX_BYTES:
        return text
    return data[: _MAX_BYTES - 3].decode("utf-8", "ignore") + "…"


def payload(kind: str, text: str) -> dict[str, object]:
    """The JSON body each kind of robot takes for plain text."""
    if kind in ("wecom", "dingtalk"):  # both robots take {"msgtype": "text", "text": {"content": …}}
        return {"msgtype": "text", "text": {"content": _cut(text)}}
    return {"text": _cut(text)}


def signed_url(url: str, secret: str, now_ms: int) -> str:
    """A DingTalk robot with signing on: ``timestamp`` and ``sign`` (HMAC-SHA256 of
    "timestamp\\nsecret", base64) added to the address."""
    digest = hmac.new(secret.encode(), f"{now_ms}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest).decode())
    return f"{url}{'&' if '?' in url else '?'}timestamp={now_ms}&sign={sign}"


def send(channel: Channel, text: str, timeout: float = 10) -> None:
    """POST one message. Raises NotifyError (after one attempt)."""
    url = channel.url
    if channel.kind == "dingtalk" and channel.secret:
        url = signed_url(url, channel.secret, int(time.time() * 1000))
    request = urllib.request.Request(
        url,
        data=json.dumps(payload(channel.kind, text), ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # only http(s): checked in channel_from_env
            body = answer.read(65536)
    except urllib.error.HTTPError as err:
        raise NotifyError(msg("notify_http", status=err.code)) from None
    except (OSError, ValueError) as err:
        raise NotifyError(msg("notify_unreachable", error=str(err) or type(err).__name__)) from None
    if channel.kind in ("wecom", "dingtalk"):  # both answer 200 with {"errcode": 0, "errmsg": "ok"} on success
        try:
            answer_json = json.loads(body or b"{}")
        except ValueError:
            raise NotifyError(msg("notify_not_json")) from None
        code = answer_json.get("errcode") if isinstance(answer_json, dict) else None
        if code != 0:
            detail = answer_json.get("errmsg") if isinstance(answer_json, dict) else None
            raise NotifyError(msg("notify_refused", errcode=code, detail=detail))
