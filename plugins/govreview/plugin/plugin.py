"""MkDocs event wiring. Every decision is made by the pure core via :mod:`govreview.review`.

Three modes:

snapshot: inside ``govreview build`` (the published build). Everything on disk was
written from approved git objects; the plugin is the second line: every file is
checked against the snapshot's manifest (nothing is judged again), anything not
in it stops the build, and the files each page opens are recorded (inclusions).
build: ``mkdocs build`` on a work tree (an editor's local build). Every page,
attachment and build input goes through the gate; what is not approved is left
out or stops the build. This is a preview, not a publication: hooks and plugins
listed in mkdocs.yml ran before any plugin could judge them.
serve: nothing is left out; unapproved pages carry a "未审批 · 不得发布" banner.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE

from .. import messages
from ..blockplace import cut_block, with_block_html
from ..core.html_text import visible_text
from ..core.verdict import ATTACHMENT, BUILD_INPUT, PAGE, Verdict
from ..frontmatter import decode
from ..messages import Message, msg
from ..snapshot.includes import IncludeObserver
from ..snapshot.manifest import ENV, FOLDER, INCLUDES_OBSERVED, RENDERED_OBSERVED, Manifest, sha256
from .config import GovreviewConfig

if TYPE_CHECKING:
    from ..core.policy import Policy
    from ..review import SiteReview

# Inside a snapshot build the plugin only checks files against the manifest: what judging
# needs (the gate, the archive, the policy language) is imported where it is used, so
# the published build does not load it.

log = logging.getLogger("mkdocs.plugins.govreview")

#: Notes for the office already given in this process: ``mkdocs serve`` loads the
#: configuration more than once, and each note is said once.
_SAID: set[str] = set()


def _once(say: Any, text: str) -> None:
    if text not in _SAID:
        _SAID.add(text)
        say(text)


_EMPTY_FRONT_MATTER = "---\n{}\n---\n"
#: Notes on approved pages that people must see (and that make --strict fail).
WARNED_NOTES = frozenset({"published_field_ignored", "urgent_waiver"})
#: Notes the build log shows without warning: a block finding cleared by the secrecy committee,
#: a category's declared waiver of the secrecy review (R-03).
LOGGED_NOTES = frozenset({"screen_cleared", "secrecy_waived", "secrecy_waived_unstated"})


class GovreviewPlugin(BasePlugin[GovreviewConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serve = False
        self.dirty = False
        self.review: SiteReview | None = None
        self.policy: Policy | None = None
        self.manifest: Manifest | None = None  # set in a snapshot build
        self.observer: IncludeObserver | None = None
        self.texts: dict[str, str] = {}
        self.parsed: dict[str, tuple[str, dict[str, Any]]] = {}  # body and front matter, read once
        self.judged: set[str] = set()
        self.pages: list[tuple[File, Verdict]] = []  # pages in the site, with their verdicts
        self.intro_lists: dict[str, str] = {}
        self.blocks: dict[str, str] = {}  # docs path -> disclosure block to add after conversion
        self.facts: dict[str, Any] | None = None  # docs path -> the disclosure block's facts (serve and local builds)
        self.expected: dict[str, str] = {}  # snapshot pages: docs path -> sha256 the manifest lists
        self.withheld: dict[str, str] = {}  # docs path -> why, for messages when another plugin misses it
        self.rendered: dict[str, list[str]] = {}  # snapshot pages: repository path -> [title, text a visitor reads]
        self.root = Path.cwd()
        self.docs_repo = "docs"

    # -- lifecycle ---------------------------------------------------------
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serve = command == "serve"
        self.dirty = dirty

    def _say(self, message: Message) -> str:
        return messages.say(message, self.config.lang)

    def _detail(self, err: Exception) -> str:
        """An error's text in the site's language (one carrying messages), else as it says itself."""
        text = getattr(err, "text", None)
        return str(text(self.config.lang)) if callable(text) else str(err)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.texts, self.parsed, self.judged, self.pages, self.intro_lists, self.withheld = {}, {}, set(), [], {}, {}
        self.manifest, self.observer, self.review = None, None, None
        self.blocks, self.expected, self.rendered = {}, {}, {}
        self.facts = None
        self.docs_repo = Path(os.path.relpath(os.path.abspath(config.docs_dir), self.root)).as_posix()
        if self.dirty and not self.serve:
            raise PluginError(self._say(msg("plugin_dirty_refused")))
        if self.config.per_page < 1:
            raise PluginError(self._say(msg("plugin_per_page")))
        policies_dir = self.root / self.config.policies
        if os.environ.get(ENV) and not self.serve:
            # The note about next year's holidays is given by ``govreview build`` itself,
            # which judged with this very policy.
            self._open_snapshot(Path(os.environ[ENV]), policies_dir)
        else:
            self._open_review(policies_dir)
            self._gate_inputs(config)
            self._calendar_note()
        if self.config.column_index and config.nav is None:
            config.nav = self._nav(config, policies_dir)
        self._portal_extra(config, policies_dir)
        return config

    def _portal_extra(self, config: MkDocsConfig, policies_dir: Path) -> None:
        """The policy's site name and publisher for the portal template (overrides/), as
        ``extra.govreview``: the header and the footer name the office as the policy does."""
        if self.policy is None:
            self._load_policy(policies_dir)
        assert self.policy is not None
        site = self.policy.site
        config.extra["govreview"] = {"site_name": site.name, "publisher": site.publisher}

    def _calendar_note(self) -> None:
        from datetime import datetime

        from ..calendar_data import calendar_for_policy, next_year_warning
        from ..timefmt import SHANGHAI

        assert self.policy is not None
        warning = next_year_warning(calendar_for_policy(self.policy), datetime.now(SHANGHAI).date(), self.config.lang)
        if warning:
            _once(log.warning, warning)

    def _open_snapshot(self, manifest_file: Path, policies_dir: Path) -> None:
        """A build inside an approved snapshot: trust the manifest, verify every file against it."""
        if manifest_file.resolve().parent != (self.root / FOLDER).resolve():
            raise PluginError(self._say(msg("plugin_manifest_foreign", manifest=manifest_file)))
        try:
            self.manifest = Manifest.read(manifest_file)
        except ValueError as err:
            raise PluginError(self._say(msg("plugin_snapshot_unusable", detail=self._detail(err)))) from None
        problems = sorted(self._wrong_outside_docs(self.manifest))
        if problems:
            raise PluginError(self._say(msg("plugin_snapshot_files_wrong", paths="、".join(problems))))
        self.observer = IncludeObserver.install(self.root)

    def _wrong_outside_docs(self, manifest: Manifest) -> list[str]:
        """Files of the snapshot outside docs_dir that are not the ones the manifest lists
        (evidence aside; docs files are checked as MkDocs collects them). Anything that is
        not a regular file counts as wrong: a link, a folder where a file should be."""
        root = str(self.root)
        skip = {os.path.join(root, FOLDER), os.path.join(root, *self.docs_repo.split("/"))}
        wrong = []
        for folder, dirs, names in os.walk(root):
            kept = []
            for name in dirs:
                full = os.path.join(folder, name)
                if os.path.islink(full):
                    names.append(name)  # never followed: checked (and refused) as a file
                elif full not in skip and name != "__pycache__":
                    kept.append(name)
            dirs[:] = kept
            for name in names:
                if name == "__pycache__":
                    continue
                full = os.path.join(folder, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                item = manifest.files.get(rel)
                data = _read_regular(full) if item is not None else None
                if data is None or item is None or sha256(data) != item.sha256:
                    wrong.append(rel)
        return wrong

    def _open_review(self, policies_dir: Path) -> None:
        from ..archive_jsonl import Archive, ArchiveError
        from ..policy_yaml import PolicyError, load_policy_dir
        from ..review import open_review, review_from

        archive_path = self.root / self.config.archive
        try:
            self.review = open_review(self.root, policies_dir, archive_path)
        except PolicyError as err:
            raise PluginError(self._say(msg("plugin_policy_invalid", detail=self._detail(err)))) from None
        except ArchiveError as err:
            if not self.serve:
                raise PluginError(self._say(msg("plugin_archive_unusable", detail=self._detail(err)))) from None
            log.warning(self._detail(err))
            policy = load_policy_dir(policies_dir)
            self.review = review_from(self.root, policy, Archive((), {}), archive_path, policies_dir)
        self.policy = self.review.policy

    def _gate_inputs(self, config: MkDocsConfig) -> None:
        from ..explain import describe
        from ..findings_cache import open_cache
        from ..review import input_paths
        from ..site_config import raw_inputs

        assert self.review is not None
        self.review.cache = open_cache(self.root, self.config.cache, config.site_dir, config.docs_dir)
        blocked: list[str] = []
        raw = raw_inputs(Path(config.config_file_path or self.root / "mkdocs.yml"))
        loaded = [*(config.hooks or ()), *([config.theme.custom_dir] if config.theme.custom_dir else [])]
        for path in input_paths(self.root, raw.configs[0], self.config.policies, [*self.config.inputs, *loaded], raw):
            rel = self.review.repo_path(path)
            _, verdict = self.review.judge_path(path, rel, BUILD_INPUT)
            if not verdict.approved:
                blocked.append(describe(rel, verdict, self.config.lang))
        blocked += raw.problems
        if blocked:
            head = self._say(msg("plugin_inputs_blocked"))
            if self.serve:
                for line in blocked:
                    log.warning(line)
            else:
                raise PluginError(head + "\n" + "\n".join(blocked))

    def _load_policy(self, policies_dir: Path) -> None:
        """The policy of a snapshot build (which judges nothing itself)."""
        from ..policy_yaml import PolicyError, load_policy_dir

        try:
            self.policy = load_policy_dir(policies_dir)
        except PolicyError as err:
            raise PluginError(self._say(msg("plugin_snapshot_unusable", detail=self._detail(err)))) from None

    def _nav(self, config: MkDocsConfig, policies_dir: Path) -> list[Any]:
        from ..sitepages import navigation

        if self.policy is None:  # a snapshot build whose staged configuration has no nav
            self._load_policy(policies_dir)
        assert self.policy is not None
        docs = Path(config.docs_dir)
        entries = navigation(self.policy, (docs / "index.md").is_file(), lambda column: (docs / column).is_dir(), self.config.lang)
        return [{title: path} for title, path in entries]

    # -- files ---------------------------------------------------------------
    @event_priority(100)
    def _on_files_first(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Judge every file under docs/ before any other plugin sees it.

        Files another plugin would exclude and then use anyway (blog posts,
        .meta.yml) are judged too; in a build, what is withheld leaves ``files``
        altogether, so no plugin can render, index or list it.
        """
        if self.manifest is not None:
            self._check_manifest(files, config)
        else:
            self._judge_files(files, config)
        return files

    @event_priority(-100)
    def _on_files_last(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Judge what other plugins added from docs/, then generate the column pages."""
        if self.manifest is not None:
            self._check_manifest(files, config)
        else:
            self._judge_files(files, config)
            if self.config.column_index:
                self._column_pages(files, config)
            self._search_files(files, config)
        self._prune_nav(files, config)
        return files

    on_files = CombinedEvent(_on_files_first, _on_files_last)

    def _unseen_docs_files(self, files: Files, config: MkDocsConfig) -> list[File]:
        """Files from docs_dir not looked at yet (each once, though on_files runs twice).
        The theme's own files are not inputs (theme.custom_dir is gated as one)."""
        docs_src = os.path.normpath(config.docs_dir)
        fresh = []
        for file in list(files):
            if file.generated_by or not file.abs_src_path or file.src_uri in self.judged:
                continue
            if file.src_dir is None or os.path.normpath(file.src_dir) != docs_src:
                continue
            self.judged.add(file.src_uri)
            fresh.append(file)
        return fresh

    def _check_manifest(self, files: Files, config: MkDocsConfig) -> None:
        """Second line in a snapshot build: every docs file must be the one the manifest lists."""
        assert self.manifest is not None
        wrong: list[str] = []
        for file in self._unseen_docs_files(files, config):
            item = self.manifest.files.get(f"{self.docs_repo}/{file.src_uri}")
            if item is not None and file.is_documentation_page() and file.inclusion is not InclusionLevel.EXCLUDED:
                self.expected[file.src_uri] = item.sha256  # checked as MkDocs reads it (on_page_read_source)
            elif item is None or (data := _read_regular(file.abs_src_path or "")) is None or sha256(data) != item.sha256:
                wrong.append(file.src_uri)
                files.remove(file)
                continue
            if item.column is not None and self.config.column_index and file.inclusion is not InclusionLevel.EXCLUDED:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            if item.generated == "search":
                file.inclusion = InclusionLevel.NOT_IN_NAV
        if wrong:
            raise PluginError(self._say(msg("plugin_snapshot_files_wrong", paths="、".join(wrong))))

    def _judge_files(self, files: Files, config: MkDocsConfig) -> None:
        from ..explain import describe

        assert self.review is not None
        docs_prefix = self.review.repo_path(Path(config.docs_dir)) + "/"
        stops: list[str] = []
        for file in self._unseen_docs_files(files, config):
            read, verdict = self.review.judge_path(Path(file.abs_src_path), file.src_uri, repo=docs_prefix + file.src_uri)
            if read.text is not None:
                self.texts[file.src_uri] = read.text
            if read.body is not None and read.source.meta is not None:
                self.parsed[file.src_uri] = (read.body, dict(read.source.meta))
            for note in verdict.notes:
                if note.code in WARNED_NOTES:
                    log.warning(f"{file.src_uri}: {messages.render(note, self.config.lang, verdict.people)}")
                elif note.code in LOGGED_NOTES:
                    log.info(
                        f"{file.src_uri}{':' + str(note.line) if note.line else ''}: {messages.render(note, self.config.lang, verdict.people)}"
                    )
            if verdict.approved:
                if verdict.kind == PAGE and file.inclusion is not InclusionLevel.EXCLUDED:
                    self.pages.append((file, verdict))
                continue
            line = describe(file.src_uri, verdict, self.config.lang)
            log.warning(line)
            excluded = file.inclusion is InclusionLevel.EXCLUDED
            if (verdict.kind == BUILD_INPUT and not excluded) or self.config.on_blocked == "fail":
                stops.append(line)
            if self.serve and read.text is not None:
                self.pages.append((file, verdict))  # previewed with its banner
            elif self.serve:
                file.inclusion = InclusionLevel.EXCLUDED  # cannot be rendered (not UTF-8, unreadable)
            else:
                self.withheld[file.src_uri] = (
                    messages.render_all(verdict.reasons, self.config.lang, verdict.people)[0] if verdict.reasons else ""
                )
                files.remove(file)
        if stops and not self.serve:
            head = self._say(msg("plugin_unapproved_stop"))
            raise PluginError(head + "\n" + "\n".join(stops))

    def _column_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Column index pages, from the same function ``govreview stage`` writes them with."""
        from datetime import UTC, datetime

        from ..core import lifecycle
        from ..core.corrections import is_withdrawal
        from ..listing import page_path
        from ..sitepages import HOME, article_column, column_pages, home_latest, listing_entry

        assert self.policy is not None
        now = datetime.now(UTC)
        articles = []
        for file, verdict in self.pages:
            column = article_column(file.src_uri, self.policy)
            if files.get_file_from_path(file.src_uri) is not file or column is None:
                continue
            if verdict.approved and is_withdrawal(verdict.fields):  # built at its address, listed nowhere
                file.inclusion = InclusionLevel.NOT_IN_NAV
                continue
            file.inclusion = InclusionLevel.NOT_IN_NAV
            if verdict.approved and lifecycle.expired(verdict.fields, now):
                continue  # past its end: built with its banner, listed nowhere
            note = "" if verdict.approved else self._say(msg("plugin_not_approved_mark"))
            articles.append((column, listing_entry(file.src_uri, verdict, note)))
        docs = Path(config.docs_dir)
        folders = [c.path for c in self.policy.columns.values() if (docs / c.path).is_dir()]
        own = {}
        for column in self.policy.columns.values():
            first = files.get_file_from_path(page_path(column.path, 1))
            own[page_path(column.path, 1)] = first is not None and first.inclusion is not InclusionLevel.EXCLUDED
        pages = column_pages(self.policy, articles, self.config.per_page, folders, own)
        self.intro_lists = pages.intros
        home = files.get_file_from_path(HOME)
        if home is not None and home.inclusion is not InclusionLevel.EXCLUDED and any(f is home for f, _ in self.pages):
            latest = home_latest(self.policy, articles, self.config.home_items)
            if latest:
                self.intro_lists[HOME] = latest
        for number_path, markdown in pages.generated.items():
            existing = files.get_file_from_path(number_path)
            if existing is not None:
                files.remove(existing)
            generated = File.generated(config, number_path, content=markdown)
            if not number_path.endswith("/index.md") or "/page/" in f"/{number_path}":
                generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)

    def _search_files(self, files: Files, config: MkDocsConfig) -> None:
        """The search page and its client, as staging writes the page into the snapshot
        (the index is written after the build: :meth:`on_post_build`)."""
        from ..search_index import CLIENT, FOLDER, PAGE, client_script, page_markdown

        if files.get_file_from_path(PAGE) is not None or files.get_file_from_path(PAGE.replace("/index.md", ".md")) is not None:
            return
        page = File.generated(config, PAGE, content=page_markdown(self.config.lang))
        page.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(page)
        files.append(File.generated(config, f"{FOLDER}/{CLIENT}", content=client_script()))

    def _prune_nav(self, files: Files, config: MkDocsConfig) -> None:
        """A withheld page leaves no entry in the navigation (``--strict`` passes)."""
        if config.nav is not None:
            config.nav = prune_nav(config.nav, lambda path: files.get_file_from_path(path) is not None)

    # -- pages ---------------------------------------------------------------
    @event_priority(1000)
    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when the policy or the archive changes, as when a page does: both decide
        what the preview shows."""
        for path in (self.root / self.config.policies, self.root / self.config.archive):
            if path.exists():
                server.watch(str(path))
        return server

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        if self.observer is not None:  # everything opened from here to on_page_content is included text
            self.observer.start(f"{self.docs_repo}/{page.file.src_uri}")
        return page

    def on_page_read_source(self, page: Page, *, config: MkDocsConfig) -> str | None:
        """Render exactly the text the gate judged, not whatever is on disk by now.

        Its front matter was already parsed, with the loader MkDocs uses, when the
        file was judged; MkDocs gets the body behind an empty front matter (so it
        neither parses it again nor reads body lines as metadata), and the parsed
        front matter goes back on the page first thing in ``on_page_markdown``.
        """
        uri = page.file.src_uri
        expected = self.expected.get(uri)
        if expected is not None:  # a snapshot build: read once, checked against the manifest
            if self.observer is not None:
                self.observer.stop()  # the page's own file is no inclusion of it
            data = _read_regular(page.file.abs_src_path or "")
            if self.observer is not None:
                self.observer.start(f"{self.docs_repo}/{uri}")
            if data is None or sha256(data) != expected:
                raise PluginError(self._say(msg("plugin_snapshot_page_wrong", uri=uri)))
            return decode(data)
        if uri in self.parsed:
            return _EMPTY_FRONT_MATTER + self.parsed[uri][0]
        text = self.texts.get(uri)
        if text is not None:
            # A front matter the gate refused (malformed, an alias bomb …) is never handed to
            # MkDocs to parse again: the preview shows the body behind an empty one.
            block = YAML_RE.match(text)
            if block:
                return _EMPTY_FRONT_MATTER + text[block.end() :]
        return text

    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        uri = page.file.src_uri
        if self.review is None or self.policy is None:
            # A snapshot build: listings and disclosure blocks are in the files; the block
            # goes back into the page after conversion (on_page_context), as the plugin adds it.
            markdown, block = cut_block(markdown)
            if block is not None:
                self.blocks[uri] = block
            return markdown
        if uri in self.parsed:
            page.meta = dict(self.parsed[uri][1])
        verdict = self.review.verdicts.get(uri)
        if uri in self.intro_lists:
            markdown = markdown.rstrip() + "\n\n" + self.intro_lists[uri]
        if verdict is None or verdict.kind != PAGE:
            return markdown
        from ..sitepages import disclosure_html, shows_disclosure
        from .blocks import banner_html

        if not verdict.approved:
            return banner_html(verdict, self.config.lang) + markdown
        from ..sitelife import corrections_html, corrections_of, notice_markdown, with_corrections, withdrawal_notice

        repo_path = f"{self.docs_repo}/{uri}"
        notice = withdrawal_notice(uri, repo_path, verdict, self.review.after)
        if notice is not None:  # the notice at the old address, nothing of the body
            return notice_markdown(notice, self.config.lang)
        markdown = with_corrections(markdown, corrections_html(corrections_of(repo_path, verdict, self.review.after), self.config.lang))
        if self.config.disclosure and shows_disclosure(uri, verdict, self.policy):
            facts = self._disclosure_facts().get(uri)
            self.blocks[uri] = disclosure_html(verdict, self.policy.site, self.config.lang, facts, config.use_directory_urls)
        return self._with_lifecycle_banner(markdown, uri, verdict, config)

    def _with_lifecycle_banner(self, markdown: str, uri: str, verdict: Verdict, config: MkDocsConfig) -> str:
        """已过期 / 已失效 / 已废止 as ``govreview stage`` writes them (R-43), by the current time."""
        from datetime import UTC, datetime

        from ..banners import banner_html
        from ..blockplace import with_block
        from ..core import lifecycle

        now = datetime.now(UTC)
        link = None
        value = lifecycle.repealed_by_of(verdict.fields)
        if value is not None:
            pages = {f.src_uri: v for f, v in self.pages if v.approved}
            target = lifecycle.repeal_target(uri, value, pages)
            if target is not None and target.url is not None:
                link = (target.url, target.url)
            elif target is not None and target.path is not None:
                title = pages[target.path].fields.get("title")
                link = (lifecycle.relative_url(uri, target.path, config.use_directory_urls), str(title or target.path))
        banner = banner_html(verdict.fields, now, self.config.lang, link)
        return markdown if banner is None else with_block(markdown, banner)

    def _disclosure_facts(self) -> dict[str, Any]:
        """索引号, 主题分类, 有效性 and policy–interpretation links of the approved pages,
        worked out once all files are judged (as ``govreview stage`` does)."""
        if self.facts is None:
            from datetime import UTC, datetime

            from ..core.disclosure import first_carried
            from ..sitepages import disclosure_facts

            assert self.review is not None and self.policy is not None
            pages = {file.src_uri: verdict for file, verdict in self.pages if verdict.approved}
            changes = [(c.path, pull.merged_at) for pull in self.review.index.pulls for c in pull.files]
            first = first_carried(changes, [], self.docs_repo + "/")
            self.facts = disclosure_facts(self.policy, pages, first, datetime.now(UTC))
        return self.facts

    @event_priority(-1000)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        # MkDocs reads and converts every page (on_pre_page … on_page_content) before it
        # copies other files and renders templates: the window ends with the conversion.
        if self.observer is not None:
            self.observer.stop()
        if self.manifest is not None:  # what a visitor reads: ``govreview build`` screens it
            # the title as a browser shows it: templates write it unescaped into <title> (&#49; reads 1)
            self.rendered[f"{self.docs_repo}/{page.file.src_uri}"] = [visible_text(page.title or ""), visible_text(html)]
        return html

    @event_priority(-100)
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        # Added after search has indexed the page: the block is metadata, neither Markdown
        # to convert nor text to index.
        block = self.blocks.pop(page.file.src_uri, None)
        if block is not None and self.manifest is not None:  # a staged block links Markdown files
            from ..sitepages import source_links_to_urls

            block = source_links_to_urls(block, page.file.src_uri, config.use_directory_urls)
        if block is not None and page.content is not None:
            page.content = with_block_html(page.content, block)
        return context

    # -- after the build ---------------------------------------------------------
    def on_build_error(self, *, error: Exception) -> None:
        """Another plugin failed, perhaps for want of a file the gate withheld: say which."""
        if self.withheld and not self.serve:
            listed = "\n".join(f"  {path}: {why}" for path, why in sorted(self.withheld.items()))
            log.error(self._say(msg("plugin_build_failed_withheld", listed=listed)))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.serve:
            return
        if self.manifest is not None:
            assert self.observer is not None
            folder = self.root / FOLDER
            (folder / INCLUDES_OBSERVED).write_text(json.dumps(self.observer.observed(), ensure_ascii=False), encoding="utf-8")
            (folder / RENDERED_OBSERVED).write_text(json.dumps(self.rendered, ensure_ascii=False), encoding="utf-8")
            return
        from ..report import write_report

        assert self.review is not None
        site_dir = Path(config.site_dir).resolve()
        report = (self.root / self.config.report).resolve()
        if report.is_relative_to(site_dir):
            raise PluginError(self._say(msg("plugin_report_in_site", report=report)))
        write_report(report, self.review.verdicts.values(), self.config.lang)
        self._search_index(site_dir)
        total = sum(1 for v in self.review.verdicts.values() if v.kind in (PAGE, ATTACHMENT))
        blocked = [v for v in self.review.verdicts.values() if v.kind in (PAGE, ATTACHMENT) and not v.approved]
        log.info(self._say(msg("plugin_done", published=total - len(blocked), withheld=len(blocked), report=report)))

    def _search_index(self, site_dir: Path) -> None:
        """The search index of a plain ``mkdocs build``: its approved pages only."""
        from ..search_index import infos, write_index
        from ..snapshot.manifest import Item
        from ..timefmt import shanghai

        assert self.policy is not None
        listed = Manifest(None, "", self.docs_repo)
        columns: dict[str, str] = {}
        dates: dict[str, str] = {}
        for file, verdict in self.pages:
            if not verdict.approved:
                continue
            path = f"{self.docs_repo}/{file.src_uri}"
            listed.files[path] = Item("", "page", generated="column_list" if file.src_uri in self.intro_lists else None)
            column = self.policy.column_of(file.src_uri)
            if column is not None and column.path != ".":
                columns[path] = column.name
            if verdict.merged_at is not None:
                dates[path] = shanghai(verdict.merged_at).strftime("%Y-%m-%d")
        write_index(site_dir, listed, infos(columns, dates))


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _read_regular(path: str) -> bytes | None:
    """The bytes of a regular file, or None for anything else (a link is not followed,
    a pipe never waited on) or a file that cannot be read."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    try:
        size = os.fstat(fd)
        if not stat.S_ISREG(size.st_mode):
            return None
        chunks = []
        while chunk := os.read(fd, max(size.st_size, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def prune_nav(nav: Any, exists: Any) -> Any:
    """The navigation without entries for pages that are not in the site."""
    if isinstance(nav, list):
        kept = [pruned for item in nav if (pruned := prune_nav(item, exists)) is not None]
        return kept
    if isinstance(nav, dict):
        out = {}
        for title, value in nav.items():
            pruned = prune_nav(value, exists)
            if pruned is not None and pruned != []:
                out[title] = pruned
        return out or None
    if isinstance(nav, str):
        if "://" in nav or nav.startswith(("/", "#")) or not nav.endswith(".md"):
            return nav
        return nav if exists(nav) else None
    return nav
