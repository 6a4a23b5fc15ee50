"""The editors' catalogue for what screening says about a place inside a file: attachment
readers, SVG and HTML text, details of findings.

Each entry is (Simplified Chinese, English); parameters in braces.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, tuple[str, str]] = {}
