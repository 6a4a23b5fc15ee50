#!/usr/bin/env bash
# Adopting a real MkDocs site (not committed: fetched from its public repository).
#
#   benchmarks/adopt_real_site.sh CTF_WIKI_CLONE [WORK]
#
# CTF_WIKI_CLONE: a work tree of https://github.com/ctf-wiki/ctf-wiki (measured at b80b319c8);
# its Simplified Chinese site (docs/zh: mkdocs.yml, 379 pages) is copied into a fresh git
# repository, "deployed" with a plain `mkdocs build`, two pages are edited after the deploy,
# then `govreview adopt` and `govreview build` run. Expected: every page deployed and unchanged
# is published; the two edited pages are withheld until approved.
# (The minify plugin is dropped: not installed here; the rest of mkdocs.yml is kept.)
set -euo pipefail
src=$1
work=${2:-$(mktemp -d)}
site=$work/site
deployed=$work/deployed
rm -rf "$site" "$deployed"
mkdir -p "$site"
cp -r "$src/docs/zh/." "$site/"
cd "$site"
python3 - <<'PY'
s = open("mkdocs.yml").read().replace("- minify:\n    minify_html: true\n", "")
open("mkdocs.yml", "w").write(s)
PY
export NO_MKDOCS_2_WARNING=1
git init -q -b main && git add -A && git -c user.email=o@x -c user.name=o commit -qm "site as published"
python -m mkdocs build -q -d "$deployed"
pages=$(find docs -name "*.md" | sort)
for n in 10 200; do printf '\n部署之后才写的一段。\n' >> "$(echo "$pages" | sed -n ${n}p)"; done
git -c user.email=o@x -c user.name=o commit -qam "edits after the deploy"
time govreview adopt --deployed "$deployed" --source "纸质审批表（示例）" --by office --archive-out archive/approvals.jsonl --report "$work/baseline.csv"
git add -A && git -c user.email=o@x -c user.name=o commit -qm "adopt govreview"
time govreview build
echo "deployed pages:  $(find "$deployed" -name index.html | wc -l)"
echo "published pages: $(find site -name index.html | wc -l)"
grep -v "已公开，列入基线\|构建输入" "$work/baseline.csv" || true
