"""One verdict as the lines a person reads in a build log or on a terminal:
the file (and line), every reason, and — for a file no approved merge produced —
the approvals it will need and who can give them."""

from __future__ import annotations

from . import messages
from .core.verdict import BUILD_INPUT, Verdict


def describe(path: str, verdict: Verdict, lang: str | None = None) -> str:
    t = messages.text
    lines = []
    for reason, rendered in zip(verdict.reasons, messages.render_all(verdict.reasons, lang), strict=True):
        where = f"{path}:{reason.line}" if reason.line else path
        if reason.line and reason.col:
            where += f":{reason.col}"
        lines.append(f"{where}: {rendered}")
    if verdict.pull is None:  # not produced by any approved merge: say what it will need
        needed = [s for s in verdict.steps if not s.satisfied]
        if needed:
            parts = [f"{s.name}（{messages.render_people(s.can_supply, lang)}）" + (f"[{s.rule}]" if s.rule else "") for s in needed]
            lines.append(t("需要的审批：", "approvals needed: ", lang) + "；".join(parts))
    head = (
        t("未审批，不予发布", "not approved, withheld", lang)
        if verdict.kind != BUILD_INPUT
        else t("构建输入未审批", "build input not approved", lang)
    )
    return f"{path}: {head}\n  " + "\n  ".join(lines)
