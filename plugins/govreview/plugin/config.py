"""Options of the govreview MkDocs plugin, each typed, with its default."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from ..defaults import CACHE_FOLDER


class _FolderOrOff(c.OptionallyRequired[str]):
    """A folder (relative to mkdocs.yml), or ``false`` / ``""`` for none (read as ``""``);
    ``true`` or no value is the default folder."""

    def run_validation(self, value: object) -> str:
        if value is True:
            return str(self.default)
        if value is False:
            return ""
        if isinstance(value, str):
            return value.strip()
        raise ValidationError(f"expected a folder name or false, got {type(value).__name__}: {value!r}")


class GovreviewConfig(Config):
    #: The approval archive (JSON Lines). In production the publish workflow
    #: puts it here from the bot's archive branch before building.
    archive = c.Type(str, default="archive/approvals.jsonl")
    #: Folder of the publishing policy, relative to mkdocs.yml.
    policies = c.Type(str, default="policies")
    #: What a blocked page or attachment does to ``mkdocs build``:
    #: ``withhold`` leaves it out of the site, ``fail`` stops the build.
    on_blocked = c.Choice(("withhold", "fail"), default="withhold")
    #: Where the full verdict report goes. Never inside site_dir: reasons and
    #: reviewer accounts are not for the public.
    report = c.Type(str, default=".govreview/report.json")
    #: Language of messages, banners and the report: zh or en.
    lang = c.Choice(("zh", "en"), default="zh")
    #: Generate column index pages (newest first, paginated) and keep articles
    #: out of the navigation, so the build stays linear in the number of pages.
    column_index = c.Type(bool, default=True)
    per_page = c.Type(int, default=20)
    #: The newest items of each column listed on an approved home page (docs/index.md),
    #: with their dates; 0 lists none.
    home_items = c.Type(int, default=5)
    #: Show the disclosure block (发布机构, 文号, 成文日期, 发布日期, 栏目) on approved pages.
    disclosure = c.Type(bool, default=True)
    #: Write Atom feeds of the whole site and of each column into the approved snapshot (``govreview stage``/``build``).
    feeds = c.Type(bool, default=True)
    #: Further build inputs outside docs/ (folders or files, relative to mkdocs.yml),
    #: e.g. snippet folders; theme.custom_dir and hooks are always included.
    inputs = c.ListOfItems(c.Type(str), default=[])
    #: Which pages include which files (snippets, inlined images, included Markdown),
    #: as observed by the last build from an approved snapshot. Kept beside the report.
    includes = c.Type(str, default=".govreview/includes.json")
    #: Largest file judged, in megabytes; a larger file is withheld (a build input stops the build).
    max_file_mb = c.Type(int, default=200)
    #: Where findings of screening are remembered between runs, shared by check, stage, build
    #: and this plugin (restore it in CI to keep it warm). Never inside site_dir or docs_dir;
    #: safe to delete. ``false`` or ``""``: screen every file every time.
    cache = _FolderOrOff(default=CACHE_FOLDER)
