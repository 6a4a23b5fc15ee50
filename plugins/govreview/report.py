"""The machine-readable verdict report (JSON), written beside the site, never into it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .atomic import write_text_atomically
from .core.verdict import Verdict
from .explain import Said, said, step_people
from .timefmt import shanghai

REPORT_VERSION = 1


def _reason(said: Said) -> dict[str, Any]:
    out: dict[str, Any] = {"code": said.code, "rule": said.rule, "line": said.line, "message": said.text}
    if said.col is not None:
        out["col"] = said.col
    if "check" in said.reason.params:  # a screening finding: which check, how severe
        out["check"], out["severity"] = said.reason.params["check"], said.reason.params.get("severity")
    return out


def verdict_json(verdict: Verdict, lang: str) -> dict[str, Any]:
    # Only the reasons and notes are put in words here: the rest of an explanation (status,
    # origin, who can supply a step) is not in the report, and wording it per file cost more
    # than the rest of the report.
    return {
        "path": verdict.path,
        "kind": verdict.kind,
        "approved": verdict.approved,
        "category": verdict.category,
        "category_name": verdict.category_name,
        "unit": verdict.unit,
        "column": verdict.column,
        "pull": verdict.pull,
        # Approved as content public before adoption: where its paper approval is kept.
        **({"baseline": verdict.baseline} if verdict.baseline is not None else {}),
        "merged_at": shanghai(verdict.merged_at).isoformat() if verdict.merged_at else None,
        "reasons": [_reason(said(r, lang, verdict.people)) for r in verdict.reasons],
        "notes": [_reason(said(r, lang, verdict.people)) for r in verdict.notes],
        "steps": [
            {
                "step": s.step,
                "name": s.name,
                "needed": s.needed,
                "filled_by": list(s.filled_by),
                "can_supply": list(s.can_supply),
                "rule": s.rule,
                "pending": s.pending,  # judged at the merge (the publisher): to come, not missing
                "people": step_people(s, lang, verdict),  # by name and title: who approved, else who can
            }
            for s in verdict.steps
        ],
    }


def report_json(verdicts: Iterable[Verdict], lang: str) -> dict[str, Any]:
    items = [verdict_json(v, lang) for v in sorted(verdicts, key=lambda v: (v.kind, v.path))]
    return {
        "format": "govreview-report",
        "version": REPORT_VERSION,
        "approved": sum(1 for i in items if i["approved"]),
        "blocked": sum(1 for i in items if not i["approved"]),
        "files": items,
    }


def write_report(path: Path, verdicts: Iterable[Verdict], lang: str) -> None:
    write_text_atomically(path, json.dumps(report_json(verdicts, lang), ensure_ascii=False, separators=(",", ":")) + "\n")
