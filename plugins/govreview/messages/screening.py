"""The editors' catalogue for what screening says about a place inside a file: attachment
readers, SVG and HTML text, details of findings.

Each entry is (Simplified Chinese, English); parameters in braces. Codes by prefix:

* ``place.*`` — a step of a place inside a file (:data:`govreview.core.findings.Place`):
  ``(("place.cell_comment", {"sheet": "Sheet1", "cell": "B3"}),)`` is 「批注 Sheet1 B3」;
  steps are joined by a space in Chinese and by a comma in English;
* ``label.*`` — a name in a document's or a photo's properties: a step of a place
  (「文档属性 标题」) or the label of a labelled value (「作者：张三」);
* ``detail.*`` — a fact's detail that is a sentence (a finding's ``detail_code``);
  a parameter that is a list of ``(code, parameters)`` is rendered item by item;
* ``screening.*`` — lines of the ``govreview screen`` command.

Rendered by :func:`govreview.messages.place_text` and :func:`govreview.messages.finding_text`.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, tuple[str, str]] = {
    # ---- places inside a file
    "place.paragraph": ("第{n}段", "paragraph {n}"),
    "place.table": ("表格", "table"),
    "place.text_box": ("文本框", "text box"),
    "place.header": ("页眉", "header"),
    "place.footer": ("页脚", "footer"),
    "place.even_header": ("偶数页页眉", "even-page header"),
    "place.even_footer": ("偶数页页脚", "even-page footer"),
    "place.first_header": ("首页页眉", "first-page header"),
    "place.first_footer": ("首页页脚", "first-page footer"),
    "place.footnotes": ("脚注", "footnotes"),
    "place.endnotes": ("尾注", "endnotes"),
    "place.comments": ("批注", "comments"),
    "place.revisions": ("修订", "tracked changes"),
    "place.deleted_text": ("修订（已删除文字）", "tracked deletion"),
    "place.properties": ("文档属性", "document properties"),
    "place.watermark": ("水印或艺术字 {part}", "watermark or WordArt in {part}"),
    "place.formula": ("公式 {part}", "formula in {part}"),
    "place.number_format": ("数字格式 {part}", "number format in {part}"),
    "place.embedded_objects": ("内嵌对象", "embedded objects"),
    "place.embedded_picture": ("内嵌图片 {name}", "embedded picture {name}"),
    "place.sheets": ("工作表", "sheets"),
    "place.sheet": ("工作表 {sheet}", "sheet {sheet}"),
    "place.sheet_name": ("工作表名称", "sheet name"),
    "place.cell": ("工作表 {sheet} {cell}", "sheet {sheet}, cell {cell}"),
    "place.cell_comment": ("批注 {sheet} {cell}", "comment on sheet {sheet}, cell {cell}"),
    "place.slides": ("幻灯片", "slides"),
    "place.slide": ("第{n}张幻灯片", "slide {n}"),
    "place.notes": ("备注", "notes"),
    "place.page": ("第{n}页", "page {n}"),
    "place.form_field": ("表单域 {name}", "form field {name}"),
    "place.picture_description": ("图片说明", "picture description"),
    "place.picture_comment": ("图片注释", "picture comment"),
    "place.picture_text": ("图片文本 {key}", "picture text {key}"),
    "place.xmp": ("XMP 元数据", "XMP metadata"),
    "place.front_matter": ("页首信息 {key}", "front matter {key}"),
    "place.yaml_value": ("YAML 值", "YAML value"),
    "place.rendered": ("渲染后正文（源文件中此行附近）", "rendered text (near this line of the source)"),
    "place.title": ("页面标题", "page title"),
    # ---- names in document and photo properties
    "label.title": ("标题", "title"),
    "label.subject": ("主题", "subject"),
    "label.keywords": ("关键词", "keywords"),
    "label.comments": ("备注", "comments"),
    "label.category": ("类别", "category"),
    "label.author": ("作者", "author"),
    "label.modified_by": ("最后修改者", "last modified by"),
    "label.company": ("单位", "company"),
    "label.manager": ("主管", "manager"),
    "label.copyright": ("版权", "copyright"),
    "label.camera_owner": ("相机所有者", "camera owner"),
    "label.serial_number": ("机身序列号", "body serial number"),
    "label.camera": ("相机", "camera"),
    "label.description": ("图片说明", "image description"),
    "label.user_comment": ("用户注释", "user comment"),
    # ---- details of findings: files that cannot be read or screened
    "detail.unscreened_format": (
        "无法自动检查 {kind} 文件，请人工审查",
        "{kind} files cannot be checked automatically: review it by hand",
    ),
    "detail.unscreened_format_convert": (
        "无法自动检查 {kind} 文件，请人工审查（也可转换为 {hint} 后重新提交）",
        "{kind} files cannot be checked automatically: review it by hand (or convert it to {hint} and submit again)",
    ),
    "detail.unscreened_no_suffix": (
        "无法自动检查 无扩展名 文件，请人工审查",
        "files without a suffix cannot be checked automatically: review it by hand",
    ),
    "detail.unscreened_kind": (
        "无法自动检查此类文件（{suffix}），请人工审查",
        "files of this kind ({suffix}) cannot be checked automatically: review it by hand",
    ),
    "detail.unscreened_kind_no_suffix": (
        "无法自动检查此类文件（无扩展名），请人工审查",
        "files of this kind (no suffix) cannot be checked automatically: review it by hand",
    ),
    "detail.too_large": ("文件超过 {mb} MB，未自动检查，请人工审查", "the file is over {mb} MB and was not checked"),
    "detail.component_missing": (
        "缺少读取 {kind} 文件的组件（{component}），无法自动检查",
        "no component to read {kind} files ({component})",
    ),
    "detail.corrupt": (
        "文件已损坏或不是有效的 {kind} 文件，无法自动检查",
        "the file is damaged or not a valid {kind} file, so it cannot be checked",
    ),
    "detail.not_utf8": (
        "文件不是 UTF-8 编码，无法自动检查；请另存为 UTF-8 后重新提交",
        "the file is not UTF-8; save it as UTF-8 and submit again",
    ),
    "detail.not_utf8_gb": (
        "文件不是 UTF-8 编码（看起来是 GBK/GB18030 编码），无法自动检查；请另存为 UTF-8 后重新提交",
        "the file is not UTF-8 (it looks like GBK/GB18030); save it as UTF-8 and submit again",
    ),
    "detail.text_not_utf8": ("不是 UTF-8 编码的文本", "the text is not UTF-8"),
    "detail.zip_bomb": (
        "文件解压后超过 {mb} MB 或成员过多（疑似压缩炸弹），已拒绝自动检查",
        "the file would unpack to over {mb} MB or too many members (a zip bomb?): refused",
    ),
    "detail.picture_bomb": (
        "图片像素过多（疑似解压炸弹），已拒绝自动检查",
        "the picture has too many pixels (a decompression bomb?): refused",
    ),
    "detail.embedded_files": (
        "文件内嵌了 {n} 个其他文件（如 {first}），无法自动检查，请人工审查",
        "{n} embedded files (e.g. {first}) cannot be checked automatically: review them by hand",
    ),
    "detail.embedded_picture_damaged": (
        "内嵌图片已损坏，无法检查其元数据",
        "an embedded picture is damaged; its metadata cannot be checked",
    ),
    "detail.workbook_too_large": (
        "表格过大（工作表数据约 {mb} MB），无法自动检查，请人工审查",
        "the workbook is too large (about {mb} MB of sheet data) to check automatically: review it by hand",
    ),
    "detail.slide_missing": ("第{n}张幻灯片缺失，文件已损坏", "slide {n} is missing: the file is damaged"),
    "detail.slide_reference_missing": ("幻灯片引用缺失，文件已损坏", "a slide reference is missing: the file is damaged"),
    "detail.pdf_encrypted_no_crypto": (
        "PDF 文件已加密，缺少解密组件（cryptography），无法自动检查",
        "the PDF is encrypted and no decryption component (cryptography) is installed",
    ),
    "detail.pdf_encrypted": (
        "PDF 文件已加密（需要密码才能打开），无法自动检查",
        "the PDF is encrypted (it needs a password to open)",
    ),
    # ---- details of findings: what a file holds
    "detail.pdf_no_text": (
        "PDF 没有可提取的文字（可能是扫描件），需要人工审查或先做文字识别",
        "the PDF has no text to extract (a scan?): it needs a manual review or OCR",
    ),
    "detail.hidden_slides": ("隐藏的幻灯片：{slides}", "hidden slides: {slides}"),
    "detail.slide_number": ("第{n}张", "slide {n}"),
    "detail.hidden_no_text": ("（隐藏内容不含文字）", "(the hidden content has no text)"),
    "detail.gps": ("纬度 {lat}，经度 {lon}", "latitude {lat}, longitude {lon}"),
    "detail.gps_unreadable": ("含 GPS 坐标（无法解析具体数值）", "GPS coordinates (their values cannot be read)"),
    # ---- govreview screen
    "screening.finding": ("{name}：{finding}", "{name}: {finding}"),
    "screening.again": ("（同一数值另见第 {lines} 行）", " (the same value again on line {lines})"),
    # ---- SVG images (govreview.svg)
    "place.svg_element": ("SVG 元素 {element} 的文字", "text of SVG element {element}"),
    "place.svg_attribute": ("SVG 元素 {element} 的属性 {name}", "attribute {name} of SVG element {element}"),
    "place.svg_comment": ("SVG 注释", "SVG comment"),
    "place.svg_entity": ("SVG 实体声明 {name}", "SVG entity declaration {name}"),
    "detail.svg_unparsed": (
        "SVG 图片无法解析（第{line}行起格式有误），已按纯文本检查全部内容（含路径数据），请人工审查",
        "the SVG image cannot be parsed (malformed from line {line}): all of it, path data included, was screened as plain text; review it by hand",
    ),
    "detail.svg_entity_bomb": (
        "SVG 图片的实体展开过多（疑似实体炸弹），已拒绝自动检查",
        "the SVG image expands entities too far (an entity bomb?): refused",
    ),
    "detail.svg_embedded": (
        "SVG 中嵌入的 {kind} 数据无法作为文字检查，须人工核实",
        "data of type {kind} embedded in the SVG cannot be screened as text: check it by hand",
    ),
}

#: Places named the same in every language (a format's own name): not messages, so
#: not in the catalogue (whose Chinese entries must hold Chinese).
NAMES: Mapping[str, str] = {"place.exif": "EXIF"}
