"""``govreview editor build OUT``: the web editor's admin app, generated from the site's policy.

    govreview editor build OUT --repo OWNER/NAME --auth-url https://RELAY [--api-root URL]
                               [--branch main] [--decap-js PATH] [-f mkdocs.yml]

Exit 0 when written, 2 when refused (OUT inside site_dir or docs_dir, no Decap bundle, an
unreadable configuration); a policy with problems is reported with file and line (exit 1).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from ..messages import lang_of, msg, say
from ..policy_yaml import load_policy_dir
from ..settings import SettingsError, settings_on_disk
from .build import EditorError, Written, find_bundle, refuse_inside, write_admin
from .config import GITHUB_API, Backend

EXIT_OK, EXIT_USAGE = 0, 2
_HELP_CONFIG = "站点配置文件（默认在当前目录或上级目录中查找 mkdocs.yml）/ site configuration"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("editor", help="网页编辑后台（Decap CMS），由发布规则生成 / the web editor, generated from the policy")
    actions = p.add_subparsers(dest="editor_command", required=True)
    b = actions.add_parser(
        "build", help="写出编辑后台（不能在 site_dir 或 docs_dir 中）/ write the admin app (never inside site_dir or docs_dir)"
    )
    b.add_argument("out", metavar="OUT", help="编辑后台目录 / the admin app's folder")
    b.add_argument("--repo", default=None, help="OWNER/NAME（默认 GITHUB_REPOSITORY）/ the repository")
    b.add_argument("--branch", default="main", help="发布分支（默认 main）/ the published branch")
    b.add_argument(
        "--api-root",
        default=None,
        help=f"GitHub API 地址（默认 GITHUB_API_URL 或 {GITHUB_API}；GitHub Enterprise Server 为 https://主机/api/v3）/ API root",
    )
    b.add_argument(
        "--auth-url", required=True, help="OAuth 中转服务的源地址，只写协议和主机（保管 client secret）/ the OAuth relay's origin"
    )
    b.add_argument("--auth-endpoint", default="auth", help="OAuth 中转服务的登录路径（默认 auth）/ the relay's login path")
    b.add_argument("--decap-js", default=None, help="decap-cms.js 的位置（默认在 node_modules/decap-cms/dist 中查找）/ Decap's bundle")
    b.add_argument("-f", "--config-file", default=None, help=_HELP_CONFIG)
    b.set_defaults(func=cmd_editor)
    return p


def cmd_editor(args: argparse.Namespace) -> int:
    lang = lang_of(getattr(args, "lang", None))
    try:
        written = _build(args)
    except (EditorError, SettingsError) as err:
        print(f"govreview: {err.text(lang)}", file=sys.stderr)
        return EXIT_USAGE
    names = "、".join(written.collections)
    print(say(msg("editor_written", out=written.out, collections=len(written.collections), names=names), lang))
    return EXIT_OK


def _build(args: argparse.Namespace) -> Written:
    from ..cli import find_config  # the CLI imports this module when it builds its parser

    found = find_config(args.config_file)
    if found is None or not found.is_file():
        raise EditorError(msg("editor_no_site", config=args.config_file or "mkdocs.yml"))
    root = found.resolve().parent
    settings = settings_on_disk(found)
    out = Path(args.out).absolute().resolve()
    refuse_inside(out, [("site_dir", (root / settings.site_dir).resolve()), ("docs_dir", (root / settings.docs_dir).resolve())])
    repo = args.repo or os.environ.get("GITHUB_REPOSITORY")
    if not repo or repo.count("/") != 1:
        raise EditorError(msg("editor_no_repo", repo=repo or ""))
    auth = urlsplit(args.auth_url)
    # Decap accepts the relay's pop-up messages only from exactly this origin: no path here (it goes in --auth-endpoint).
    if auth.scheme not in ("https", "http") or not auth.netloc or auth.path.strip("/") or auth.query or auth.fragment:
        raise EditorError(msg("editor_auth_url", url=args.auth_url))
    bundle = find_bundle(Path(args.decap_js).absolute() if args.decap_js else None, [root, Path.cwd()])
    policy = load_policy_dir(root / settings.policies)  # PolicyError: reported by main() with file and line
    api_root = args.api_root or os.environ.get("GITHUB_API_URL") or GITHUB_API
    backend = Backend(repo=repo, auth_url=args.auth_url, branch=args.branch, api_root=api_root, auth_endpoint=args.auth_endpoint)
    return write_admin(out, bundle, policy, settings.docs_dir, backend)
