"""The website office's catalogue for configuration (mkdocs.yml, plugin options), commands, git,
the snapshot and the forge.

Each entry is (Simplified Chinese, English); parameters in braces.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, tuple[str, str]] = {}
