"""Event parsing on GitHub's own webhook examples (npm @octokit/webhooks-examples)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from govreview.checkpr import pull_from_event

EXAMPLES = Path(__file__).resolve().parent.parent / "node_modules" / "@octokit" / "webhooks-examples"


def examples(name: str) -> list[dict]:
    assert EXAMPLES.is_dir(), "run npm ci (as .ci/run does)"
    out = []
    for index in sorted(EXAMPLES.glob("*/index.json")):
        for event in json.loads(index.read_text(encoding="utf-8")):
            if event["name"] == name:
                out += event["examples"]
    return out


@pytest.mark.parametrize("name", ["pull_request", "pull_request_review"])
def test_pull_request_events_name_their_pull_request(name):
    found = examples(name)
    assert len(found) > 5
    for event in found:
        assert pull_from_event(event) == (event["repository"]["full_name"], event["pull_request"]["number"])


@pytest.mark.parametrize("name", ["push", "issues", "label"])
def test_other_events_name_none(name):
    assert all(pull_from_event(event) is None for event in examples(name))
