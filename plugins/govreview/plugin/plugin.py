"""MkDocs event wiring. Every decision is made by the pure core via :mod:`govreview.review`.

build: every page, attachment and build input goes through the gate; what is
not approved is left out (``InclusionLevel.EXCLUDED``) or stops the build; a
build input that is not approved always stops it (invariant 7).
serve: nothing is left out; unapproved pages carry a "未审批 · 不得发布" banner.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .. import messages
from ..archive_jsonl import Archive, ArchiveError
from ..calendar_data import calendar_for_policy, next_year_warning
from ..core.verdict import ATTACHMENT, BUILD_INPUT, PAGE, Verdict
from ..listing import Entry, page_path, render_pages
from ..policy_yaml import PolicyError, load_policy_dir
from ..report import write_report
from ..review import SiteReview, input_paths, open_review, review_from
from ..site_config import raw_inputs
from ..timefmt import SHANGHAI
from .blocks import banner_html, disclosure_html
from .config import GovreviewConfig

log = logging.getLogger("mkdocs.plugins.govreview")
_EMPTY_FRONT_MATTER = "---\n{}\n---\n"
#: Notes on approved pages that people must see (and that make --strict fail).
WARNED_NOTES = frozenset({"published_field_ignored", "urgent_waiver"})


class GovreviewPlugin(BasePlugin[GovreviewConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serve = False
        self.dirty = False
        self.review: SiteReview | None = None
        self.texts: dict[str, str] = {}
        self.parsed: dict[str, tuple[str, dict[str, Any]]] = {}  # body and front matter, read once
        self.judged: set[str] = set()
        self.pages: list[tuple[File, Verdict]] = []  # pages in the site, with their verdicts
        self.intro_lists: dict[str, str] = {}
        self.root = Path.cwd()

    # -- lifecycle ---------------------------------------------------------
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serve = command == "serve"
        self.dirty = dirty

    def _t(self, zh: str, en: str) -> str:
        return messages.text(zh, en, self.config.lang)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        os.environ["GOVREVIEW_LANG"] = self.config.lang
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.texts, self.parsed, self.judged, self.pages, self.intro_lists = {}, {}, set(), [], {}
        if self.dirty and not self.serve:
            raise PluginError(
                self._t(
                    "不得使用 --dirty 构建：旧的输出可能留下已撤下或未审批的页面。请完整构建。",
                    "--dirty builds are refused: old output could keep withdrawn or unapproved pages. Build in full.",
                )
            )
        if self.config.per_page < 1:
            raise PluginError(self._t("per_page 必须是正整数", "per_page must be a positive integer"))
        policies_dir = self.root / self.config.policies
        archive_path = self.root / self.config.archive
        try:
            self.review = open_review(self.root, policies_dir, archive_path)
        except PolicyError as err:
            raise PluginError(self._t("发布规则有误，无法构建：\n", "the policy is invalid; cannot build:\n") + str(err)) from None
        except ArchiveError as err:
            if not self.serve:
                raise PluginError(
                    self._t(
                        "审批档案不可用，任何内容都不发布（失败即关闭）：",
                        "the approval archive is unusable; nothing is published (fail closed): ",
                    )
                    + str(err)
                ) from None
            log.warning(str(err))
            policy = load_policy_dir(policies_dir)
            self.review = review_from(self.root, policy, Archive((), {}), archive_path, policies_dir)
        self._gate_inputs(config)
        calendar = calendar_for_policy(self.review.policy)
        warning = next_year_warning(calendar, datetime.now(SHANGHAI).date())
        if warning:
            log.warning(warning)
        if self.config.column_index and config.nav is None:
            config.nav = self._nav(config)
        return config

    def _gate_inputs(self, config: MkDocsConfig) -> None:
        assert self.review is not None
        blocked: list[str] = []
        raw = raw_inputs(Path(config.config_file_path or self.root / "mkdocs.yml"))
        loaded = [*(config.hooks or ()), *([config.theme.custom_dir] if config.theme.custom_dir else [])]
        for path in input_paths(self.root, raw.configs[0], self.config.policies, [*self.config.inputs, *loaded], raw):
            rel = self.review.repo_path(path)
            _, verdict = self.review.judge_path(path, rel, BUILD_INPUT)
            if not verdict.approved:
                blocked.append(self._describe(rel, verdict))
        blocked += raw.problems
        if blocked:
            head = self._t(
                "以下构建输入未经审批（类别 policy，须规则负责人审批），停止发布：",
                "these build inputs are not approved (category policy, needs the policy owners); publishing stopped:",
            )
            if self.serve:
                for line in blocked:
                    log.warning(line)
            else:
                raise PluginError(head + "\n" + "\n".join(blocked))

    def _nav(self, config: MkDocsConfig) -> list[Any]:
        assert self.review is not None
        nav: list[Any] = []
        docs = Path(config.docs_dir)
        if (docs / "index.md").is_file():
            nav.append({self._t("首页", "Home"): "index.md"})
        for column in self.review.policy.columns.values():
            if column.path != "." and (docs / column.path).is_dir():
                nav.append({column.name: page_path(column.path, 1)})
        return nav

    # -- files ---------------------------------------------------------------
    @event_priority(100)
    def _on_files_first(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Judge every file under docs/ before any other plugin sees it.

        Files another plugin would exclude and then use anyway (blog posts,
        .meta.yml) are judged too; in a build, what is withheld leaves ``files``
        altogether, so no plugin can render, index or list it.
        """
        self._judge_files(files, config)
        return files

    @event_priority(-100)
    def _on_files_last(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Judge what other plugins added from docs/, then generate the column pages."""
        self._judge_files(files, config)
        if self.config.column_index:
            self._column_pages(files, config)
        return files

    on_files = CombinedEvent(_on_files_first, _on_files_last)

    def _judge_files(self, files: Files, config: MkDocsConfig) -> None:
        assert self.review is not None
        docs_prefix = self.review.repo_path(Path(config.docs_dir)) + "/"
        docs_src = os.path.normpath(config.docs_dir)
        stops: list[str] = []
        for file in list(files):
            if file.generated_by or not file.abs_src_path or file.src_uri in self.judged:
                continue
            if file.src_dir is None or os.path.normpath(file.src_dir) != docs_src:
                continue  # the theme's own files (theme.custom_dir is gated as a build input)
            self.judged.add(file.src_uri)
            read, verdict = self.review.judge_path(Path(file.abs_src_path), file.src_uri, repo=docs_prefix + file.src_uri)
            if read.text is not None:
                self.texts[file.src_uri] = read.text
            if read.body is not None and read.source.meta is not None:
                self.parsed[file.src_uri] = (read.body, dict(read.source.meta))
            for note in verdict.notes:
                if note.code in WARNED_NOTES:
                    log.warning(f"{file.src_uri}: {messages.render(note, self.config.lang)}")
            if verdict.approved:
                if verdict.kind == PAGE and file.inclusion is not InclusionLevel.EXCLUDED:
                    self.pages.append((file, verdict))
                continue
            line = self._describe(file.src_uri, verdict)
            log.warning(line)
            excluded = file.inclusion is InclusionLevel.EXCLUDED
            if (verdict.kind == BUILD_INPUT and not excluded) or self.config.on_blocked == "fail":
                stops.append(line)
            if self.serve and read.text is not None:
                self.pages.append((file, verdict))  # previewed with its banner
            elif self.serve:
                file.inclusion = InclusionLevel.EXCLUDED  # cannot be rendered (not UTF-8, unreadable)
            else:
                files.remove(file)
        if stops and not self.serve:
            head = self._t("存在未经审批的内容，构建停止：", "unapproved content; the build stops:")
            raise PluginError(head + "\n" + "\n".join(stops))

    def _collect(self, file: File, verdict: Verdict, entries: dict[str, list[Entry]]) -> None:
        """Put an article in its column's listing and keep it out of the navigation."""
        assert self.review is not None
        column = self.review.policy.column_of(file.src_uri)
        if column is None or column.path == "." or file.src_uri == page_path(column.path, 1):
            return
        if self.config.column_index:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        title = verdict.fields.get("title")
        if not isinstance(title, str):
            meta = self.review.verdicts[file.src_uri]
            title = str(meta.fields.get("title") or Path(file.src_uri).stem)
        note = "" if verdict.approved else self._t(" 【未审批】", " [NOT APPROVED]")
        entries.setdefault(column.path, []).append(Entry(file.src_uri, title, verdict.merged_at if verdict.approved else None, note))

    def _column_pages(self, files: Files, config: MkDocsConfig) -> None:
        assert self.review is not None
        entries: dict[str, list[Entry]] = {}
        for file, verdict in self.pages:
            if files.get_file_from_path(file.src_uri) is file:
                self._collect(file, verdict, entries)
        docs = Path(config.docs_dir)
        for column in self.review.policy.columns.values():
            if column.path == "." or not (docs / column.path).is_dir():
                continue
            pages = render_pages(column.path, column.name, entries.get(column.path, []), self.config.per_page)
            for number, (path, markdown) in enumerate(pages, start=1):
                existing = files.get_file_from_path(path)
                if number == 1 and existing is not None and existing.inclusion is not InclusionLevel.EXCLUDED:
                    self.intro_lists[path] = markdown.split("\n", 2)[2] if markdown.startswith("# ") else markdown
                    continue
                if existing is not None:
                    files.remove(existing)
                generated = File.generated(config, path, content=markdown)
                if number > 1:
                    generated.inclusion = InclusionLevel.NOT_IN_NAV
                files.append(generated)

    # -- pages ---------------------------------------------------------------
    def on_page_read_source(self, page: Page, *, config: MkDocsConfig) -> str | None:
        """Render exactly the text the gate judged, not whatever is on disk by now.

        Its front matter was already parsed, with the loader MkDocs uses, when the
        file was judged; MkDocs gets the body behind an empty front matter (so it
        neither parses it again nor reads body lines as metadata), and the parsed
        front matter goes back on the page first thing in ``on_page_markdown``.
        """
        uri = page.file.src_uri
        if uri in self.parsed:
            return _EMPTY_FRONT_MATTER + self.parsed[uri][0]
        return self.texts.get(uri)

    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        assert self.review is not None
        uri = page.file.src_uri
        if uri in self.parsed:
            page.meta = dict(self.parsed[uri][1])
        verdict = self.review.verdicts.get(uri)
        if uri in self.intro_lists:
            markdown = markdown.rstrip() + "\n\n" + self.intro_lists[uri]
        if verdict is None or verdict.kind != PAGE:
            return markdown
        if not verdict.approved:
            return banner_html(verdict, self.config.lang) + markdown
        return markdown

    @event_priority(-100)
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        # Added after the Markdown is rendered and after search has indexed the page:
        # the block is metadata, not text to convert or to index (and costs neither).
        assert self.review is not None
        uri = page.file.src_uri
        verdict = self.review.verdicts.get(uri)
        if not self.config.disclosure or verdict is None or verdict.kind != PAGE or not verdict.approved:
            return context
        column = self.review.policy.column_of(uri)
        if column is not None and uri != page_path(column.path, 1) and page.content is not None:
            page.content = disclosure_html(verdict, self.review.policy.site, self.config.lang) + page.content
        return context

    # -- after the build ---------------------------------------------------------
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.review is not None
        site_dir = Path(config.site_dir).resolve()
        if self.serve:
            return
        report = (self.root / self.config.report).resolve()
        if report.is_relative_to(site_dir):
            raise PluginError(
                self._t(f"审批报告不得写入公开站点目录：{report}", f"the verdict report must not go into the public site folder: {report}")
            )
        write_report(report, self.review.verdicts.values(), self.config.lang)
        total = sum(1 for v in self.review.verdicts.values() if v.kind in (PAGE, ATTACHMENT))
        blocked = [v for v in self.review.verdicts.values() if v.kind in (PAGE, ATTACHMENT) and not v.approved]
        log.info(
            self._t(
                f"govreview：{total - len(blocked)} 个文件已发布，{len(blocked)} 个被拦截；报告见 {report}",
                f"govreview: {total - len(blocked)} files published, {len(blocked)} withheld; report at {report}",
            )
        )

    def _describe(self, path: str, verdict: Verdict) -> str:
        reasons = messages.render_all(verdict.reasons, self.config.lang)
        lines = []
        for reason, rendered in zip(verdict.reasons, reasons, strict=True):
            where = f"{path}:{reason.line}" if reason.line else path
            if reason.line and reason.col:
                where += f":{reason.col}"
            lines.append(f"{where}: {rendered}")
        if verdict.pull is None:  # not produced by any approved merge: say what it will need
            needed = [s for s in verdict.steps if not s.satisfied]
            if needed:
                parts = [
                    f"{s.name}（{messages.render_people(s.can_supply, self.config.lang)}）" + (f"[{s.rule}]" if s.rule else "")
                    for s in needed
                ]
                lines.append(self._t("需要的审批：", "approvals needed: ") + "；".join(parts))
        head = (
            self._t("未审批，不予发布", "not approved, withheld")
            if verdict.kind != BUILD_INPUT
            else self._t("构建输入未审批", "build input not approved")
        )
        return f"{path}: {head}\n  " + "\n  ".join(lines)
