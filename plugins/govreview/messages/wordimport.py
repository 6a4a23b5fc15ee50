"""The editors' catalogue for ``govreview import``: turning a Word/WPS document into a page.

Each entry is (Simplified Chinese, English); parameters in braces. The ``import_page_*``
entries are written into the page itself (the site's language, Chinese).
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, tuple[str, str]] = {
    # -- refusals: nothing is written -------------------------------------------------------------
    "import_no_file": ("{file}：文件不存在或无法读取", "{file}: no such file, or it cannot be read"),
    "import_legacy_format": (
        "{file}：这是旧版 Word/WPS 格式（.doc、.wps 等二进制文件），无法可靠转换。请在 WPS 或 Word 中“另存为”Word 文档（*.docx）后再导入",
        "{file}: an old binary Word/WPS file (.doc, .wps …) that cannot be converted reliably. In WPS or Word use 'Save as' Word document (*.docx), then import that",
    ),
    "import_encrypted": (
        "{file}：文件设置了打开密码（或是旧版二进制格式），无法读取。请在 WPS 中取消密码并另存为 .docx 后再导入",
        "{file}: the file is password-protected (or an old binary format) and cannot be read. Remove the password in WPS and save as .docx, then import that",
    ),
    "import_gbk_text": (
        "{file}：这是 GBK（国标）编码的文本文件，不是 Word 文档。请在 WPS 中打开后另存为 .docx，或另存为 UTF-8 编码的文本后直接写成页面",
        "{file}: a GBK-encoded text file, not a Word document. Open it in WPS and save as .docx, or save it as UTF-8 text and write the page from that",
    ),
    "import_not_docx": (
        "{file}：只能导入 Word 文档（.docx）；其他格式请先在 WPS 或 Word 中另存为 .docx",
        "{file}: only Word documents (.docx) can be imported; save other formats as .docx in WPS or Word first",
    ),
    "import_unreadable": (
        "{file}：无法读取这份 Word 文档（{detail}），没有导入任何内容",
        "{file}: this Word document cannot be read ({detail}); nothing was imported",
    ),
    "import_has_revisions": (
        "{file}：文档含未处理的修订痕迹（{detail} 处，第一处约在第 {line} 段），不能导入（R-03：被删除的文字仍在文件中）。"
        "请在 WPS 或 Word 中“审阅 → 接受（或拒绝）所有修订”，保存后再导入",
        "{file}: the document has tracked changes ({detail}, the first near paragraph {line}) and is refused (R-03: deleted text is still in the file). "
        "In WPS or Word use Review → Accept (or Reject) all changes, save, then import again",
    ),
    "import_has_comments": (
        "{file}：文档含批注（{detail} 条），不能导入（R-03：批注是内部意见，不得公开）。请在 WPS 或 Word 中“审阅 → 删除所有批注”，保存后再导入",
        "{file}: the document has comments ({detail}) and is refused (R-03: comments are internal opinions, never published). "
        "In WPS or Word use Review → Delete all comments, save, then import again",
    ),
    "import_has_hidden_text": (
        "{file}：文档含隐藏文字（{detail}），不能导入（R-03：转换后隐藏文字会显示出来）。请删除隐藏文字，保存后再导入",
        "{file}: the document has hidden text ({detail}) and is refused (R-03: it would show once converted). Delete the hidden text, save, then import again",
    ),
    "import_unknown_column": (
        "栏目“{column}”不在发布规则中。可用的栏目：{known}",
        "the column '{column}' is not in the policy. Columns: {known}",
    ),
    "import_bad_date": ("--date 的值“{value}”不是日期：请写作 2026-03-01", "--date '{value}' is not a date: write it as 2026-03-01"),
    "import_bad_name": (
        "--name 的值“{value}”不能作文件名：只用字母、数字、汉字和连字符，不含“/”",
        "--name '{value}' cannot be a file name: use letters, digits, Chinese characters and hyphens, no '/'",
    ),
    "import_page_exists": (
        "{page} 已经存在，没有覆盖。请用 --name 另起文件名，或先删除旧文件",
        "{page} exists already and was not overwritten. Choose another name with --name, or remove the old file first",
    ),
    "import_no_site": (
        "找不到站点配置 mkdocs.yml（当前目录及上级目录中都没有）；请在站点仓库中运行，或用 -f 指定",
        "no site configuration mkdocs.yml here or above; run this inside the site's repository, or name it with -f",
    ),
    "import_site_unreadable": ("无法读取站点配置或发布规则：{detail}", "cannot read the site configuration or the policy: {detail}"),
    # -- done, and what the editor must still do ------------------------------------------------
    "import_done": (
        "已导入 {file} → {page}（{images} 张图片，{tables} 个表格，{notes} 条脚注/尾注）",
        "imported {file} → {page} ({images} images, {tables} tables, {notes} footnotes/endnotes)",
    ),
    "import_title_from": ("标题取自{origin}：{title}", "title taken from {origin}: {title}"),
    "import_origin_option": ("--title 参数", "the --title option"),
    "import_origin_heading": ("文档的第一个标题", "the document's first heading"),
    "import_origin_properties": ("文档属性中的标题", "the title in the document's properties"),
    "import_no_title": (
        "文档中没有找到标题：页首的 title 已留空，请填写（或用 --title 指定）",
        "no title found in the document: title is left blank in the front matter; fill it in (or pass --title)",
    ),
    "import_fill_fields": (
        "请在 {page} 的页首填写栏目“{column}”要求的项目：{fields}（导入时留空，未填写前 govreview check 会提示缺少）",
        "fill in the fields the column '{column}' requires in the front matter of {page}: {fields} (left blank on import; govreview check reports them until filled)",
    ),
    "import_fill_date": (
        "文档中没有找到成文日期（文末单独一行的“2026年9月1日”或“二〇二六年九月一日”）：页首的 date 已留空，请按文件填写，或用 --date 指定",
        "the document states no date (a closing line holding only the date): date is left blank in the front matter; write it as the document says, or pass --date",
    ),
    "import_date_from": ("成文日期取自文档末尾的日期行：{date}", "the date is the document's closing date line: {date}"),
    "import_merged_cells": (
        "第 {table} 个表格有合并单元格：合并格的内容只写在左上角一格，页面中已加注说明，请核对",
        "table {table} has merged cells: each merged cell's content is in its top-left cell only, and the page carries a note saying so; check it",
    ),
    "import_image_format": (
        "图片 {image} 是 {kind} 格式，浏览器无法显示：请在 WPS 中把该图片另存为 PNG 或 JPG 后替换",
        "image {image} is {kind}, which browsers cannot show: save that image as PNG or JPG in WPS and replace it",
    ),
    "import_strikethrough": (
        "文档中有带删除线的文字，已原样保留（<s>…</s>）：删除线常是“删掉但没删”的内容，请确认是否应当公开",
        "the document has struck-through text, kept as it is (<s>…</s>): such text is often meant to be deleted; check it should be public",
    ),
    "import_dropped": (
        "部分内容无法转换，没有写入页面（{count} 处，如：{example}）：请与原文核对",
        "some content could not be converted and is not in the page ({count}, e.g. {example}); compare with the original",
    ),
    "import_footnotes_plain": (
        "站点没有启用 footnotes 扩展：脚注写成了页末的“注释”段落；启用该扩展（mkdocs.yml 的 markdown_extensions）后再导入可得到链接式脚注",
        "the site does not enable the footnotes extension: footnotes are written as a 'notes' paragraph at the end; enable it (markdown_extensions in mkdocs.yml) and import again for linked footnotes",
    ),
    "import_source_in_docs": (
        "注意：原文 {file} 位于 {docs} 中，提交后会作为附件发布。如不打算发布原文，请把它移出 {docs}",
        "note: the original {file} lies in {docs} and would be published as an attachment once committed. Move it out of {docs} unless it is meant to be published",
    ),
    "import_original_attached": (
        "已按要求把原文复制为附件 {attachment} 并在页末链接；附件与页面一同审批和检查",
        "the original was copied as the attachment {attachment} and linked at the end of the page, as asked; it is approved and screened with the page",
    ),
    "import_next": (
        "下一步：检查页面内容 govreview screen {page}，检查页首 govreview check；提交后按栏目的审批流程发布",
        "next: screen the page with govreview screen {page}, check the front matter with govreview check; once committed it publishes through the column's approvals",
    ),
    # -- written into the page (Chinese: the site's language) -----------------------------------
    "import_page_fill": ("以下为本栏目必填项目，导入时留空，请填写", "fields this column requires, left blank on import: fill them in"),
    "import_page_required": ("必填", "required"),
    "import_page_date": (
        "成文日期：请按文件填写（如 2026-03-01），填写后去掉行首的 #",
        "date: write it as the document says (e.g. 2026-03-01) and remove the leading #",
    ),
    "import_page_merged": (
        "（注：原表有合并单元格，合并格的内容只写在第一格：{cells}。）",
        "(Note: the original table has merged cells; each merged cell's content is in its first cell only: {cells}.)",
    ),
    "import_page_merged_cell": ("第 {row} 行第 {col} 列（{span}）", "row {row}, column {col} ({span})"),
    "import_page_rows": ("跨 {n} 行", "spans {n} rows"),
    "import_page_cols": ("跨 {n} 列", "spans {n} columns"),
    "import_page_notes": ("注释：", "Notes:"),
    "import_page_original": ("原文下载", "Download the original"),
}
