"""The website office's catalogue for mistakes in policies/ (the publishing policy files),
the YAML limits every YAML reader applies, and the working-day calendar's notices.

Each entry is (Simplified Chinese, English); parameters in braces. Codes starting
``policy.hint_`` are hints: the second half of a problem, saying how to fix it.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, tuple[str, str]] = {
    # -- the files ------------------------------------------------------------------------
    "policy.no_folder": ("找不到发布规则目录", "policy folder not found"),
    "policy.no_files": ("发布规则目录中没有 .yml 文件", "no .yml files in the policy folder"),
    "policy.not_utf8": ("文件不是 UTF-8 编码，请另存为 UTF-8", "the file is not UTF-8: save it as UTF-8"),
    "policy.top_not_mapping": ("文件顶层必须是映射（键: 值）", "the top level must be a mapping (key: value)"),
    # -- YAML that cannot be read -----------------------------------------------------------
    "policy.yaml_tab": (
        "YAML 语法错误：这一行用了制表符（Tab）",
        "YAML syntax error: this line has a tab character",
    ),
    "policy.hint_tab": (
        "YAML 只能用空格缩进，请把制表符换成空格（编辑器中可设置“用空格代替 Tab”）",
        "YAML is indented with spaces only: replace the tabs with spaces (most editors can insert spaces for Tab)",
    ),
    "policy.yaml_indent": (
        "YAML 语法错误：这一行的缩进与上文不一致",
        "YAML syntax error: the indentation of this line does not match the lines above",
    ),
    "policy.hint_indent": (
        "对照上面几行检查这一行开头的空格数：同一层的键缩进相同，下一层多缩进两个空格",
        "compare the spaces at the start of this line with the lines above: keys on one level are indented alike, the next level two spaces more",
    ),
    "policy.yaml_list_and_keys": (
        "YAML 语法错误：同一层里既有列表项（- …）又有“键: 值”",
        "YAML syntax error: one level mixes list items (- …) and keys (key: value)",
    ),
    "policy.yaml_colon_in_value": (
        "YAML 语法错误：值里有“冒号加空格”，被当成了又一个键",
        "YAML syntax error: the value contains a colon followed by a space, read as another key",
    ),
    "policy.hint_quote_value": (
        '给整个值加上引号，例如 name: "测试: 示例"',
        'put the whole value in quotes, e.g. name: "a: b"',
    ),
    "policy.yaml_chinese_colon": (
        "YAML 语法错误：这一行用了中文冒号“：”",
        "YAML syntax error: this line uses a full-width colon instead of ':'",
    ),
    "policy.yaml_colon_no_space": (
        "YAML 语法错误：这一行的冒号后面缺少空格",
        "YAML syntax error: the colon on this line is not followed by a space",
    ),
    "policy.yaml_missing_colon": (
        "YAML 语法错误：这一行缺少键和值之间的冒号",
        "YAML syntax error: this line lacks the colon between key and value",
    ),
    "policy.hint_colon_space": (
        "键和值之间写英文冒号加一个空格，例如 name: 办公室",
        "write an ASCII colon and a space between key and value, e.g. name: Office",
    ),
    "policy.yaml_unclosed_quote": (
        "YAML 语法错误：这一行的引号没有闭合",
        "YAML syntax error: the quote opened on this line is never closed",
    ),
    "policy.hint_unclosed_quote": (
        "在值的末尾补上同样的引号（\" 或 '），或者去掉开头的引号",
        "close the quote (\" or ') at the end of the value, or remove the opening one",
    ),
    "policy.yaml_unclosed_bracket": (
        "YAML 语法错误：这一行的括号 [ 或 {{ 没有闭合",
        "YAML syntax error: the [ or {{ opened on this line is never closed",
    ),
    "policy.hint_unclosed_bracket": (
        "检查方括号和花括号是否成对，列表项之间用英文逗号分隔，例如 [office, planning]",
        "check that brackets and braces come in pairs and items are separated by commas, e.g. [office, planning]",
    ),
    "policy.yaml_extra_bracket": (
        "YAML 语法错误：多了一个“{char}”",
        "YAML syntax error: an extra '{char}'",
    ),
    "policy.yaml_text_after_quote": (
        "YAML 语法错误：引号闭合之后还有文字",
        "YAML syntax error: there is text after the closing quote",
    ),
    "policy.yaml_bad_escape": (
        "YAML 语法错误：双引号中的反斜杠 \\ 后面跟了不认识的字符",
        "YAML syntax error: a backslash in double quotes is followed by a character it cannot escape",
    ),
    "policy.hint_bad_escape": (
        "双引号中的反斜杠要写两次（\\\\），或者改用单引号，例如 'C:\\资料'",
        "write backslashes in double quotes twice (\\\\) or use single quotes, e.g. 'C:\\files'",
    ),
    "policy.yaml_reserved_character": (
        "YAML 语法错误：值不能以“{char}”开头",
        "YAML syntax error: a value cannot start with '{char}'",
    ),
    "policy.yaml_undefined_alias": (
        "YAML 语法错误：以 * 开头的值是对别名的引用，但没有这个别名",
        "YAML syntax error: a value starting with * refers to an alias that is not defined",
    ),
    "policy.yaml_anchor": (
        "YAML 语法错误：& 或 * 后面应是别名的名称",
        "YAML syntax error: & or * must be followed by an alias name",
    ),
    "policy.yaml_two_documents": (
        "YAML 语法错误：文件中有第二个文档（另起一行的 ---）",
        "YAML syntax error: the file holds a second document (a line ---)",
    ),
    "policy.hint_two_documents": (
        "一个规则文件只写一个文档：删去 ---，或把后面的内容移到另一个文件",
        "write one document per policy file: remove the --- or move what follows to another file",
    ),
    "policy.yaml_unfinished": (
        "YAML 语法错误：文件在这里意外结束，内容没有写完整",
        "YAML syntax error: the file ends before what starts here is complete",
    ),
    "policy.yaml_bad_character": (
        "文件中有不可见的控制字符 {char}",
        "the file contains an invisible control character {char}",
    ),
    "policy.hint_bad_character": (
        "删去这一行中的控制字符（常见于从网页或 Word 复制的文字），必要时整行重新输入",
        "delete the control character from this line (it often comes with text copied from web pages or Word), or retype the line",
    ),
    "policy.yaml_duplicate_key": (
        "键“{key}”重复：第 {first} 行已经写过，第 {line} 行又写了一次",
        "duplicate key '{key}': written on line {first} and again on line {line}",
    ),
    "policy.hint_duplicate_key": (
        "同一映射中每个键只能写一次：删去其中一处，或把两处合并",
        "each key may appear once in a mapping: delete one of them or merge the two",
    ),
    "policy.yaml_other": (
        "YAML 语法错误，无法读取（{original}）",
        "YAML syntax error; the file cannot be read ({original})",
    ),
    "policy.hint_yaml_other": (
        "检查这一行和上一行的缩进、冒号、引号与括号",
        "check the indentation, colons, quotes and brackets of this line and the one before",
    ),
    "policy.bad_date": ("“{value}”不是有效日期", "'{value}' is not a valid date"),
    "policy.hint_bad_date": ("日期写作 年-月-日，例如 2027-01-01", "write dates as year-month-day, e.g. 2027-01-01"),
    "policy.bad_value": ("无效的值：{original}", "invalid value: {original}"),
    # -- YAML limits (policies, front matter, mkdocs.yml) ---------------------------------
    "yaml.too_deep": (
        "YAML 嵌套超过 {limit} 层，不予读取：请减少嵌套",
        "the YAML nests deeper than {limit} levels and is refused: nest less",
    ),
    "yaml.alias_cycle": (
        "YAML 别名（*名称）引用了包含它自身的内容，不予读取：请直接写出内容",
        "a YAML alias (*name) refers to a value that contains it, which is refused: write the values out",
    ),
    "yaml.alias_bomb": (
        "YAML 别名（*名称）展开后过大，不予读取（别名最多可增加 {nodes} 个值、{chars} 个字符）：请直接写出内容，不要层层引用",
        "YAML aliases (*name) expand too far and are refused (aliases may add at most {nodes} values "
        "and {chars} characters): write the values out instead of nesting aliases",
    ),
    # -- the shape of the language ----------------------------------------------------------
    "policy.unknown_section": (
        "未知的节“{name}”（可用：{known}）",
        "unknown section '{name}' (known: {known})",
    ),
    "policy.unknown_key": (
        "“{what}”中未知的键“{key}”（可用：{known}）",
        "unknown key '{key}' in '{what}' (known: {known})",
    ),
    "policy.missing_key": (
        "缺少 {key}（{path}）",
        "missing {key} ({path})",
    ),
    "policy.hint_fullwidth_space": (
        "这个键前后有全角空格（　），请改成半角空格",
        "the key has a full-width space next to it: use ordinary spaces",
    ),
    "policy.hint_did_you_mean": ("您是否想写 {name}？", "did you mean {name}?"),
    "policy.hint_id_not_name": (
        "“{name}”是显示名称，这里要写它的标识 {id}",
        "'{name}' is a display name; write its id {id} here",
    ),
    "policy.defined_twice": (
        "“{what}”已在 {first} 中定义",
        "'{what}' is already defined at {first}",
    ),
    "policy.bad_version": (
        "不支持的规则版本“{value}”（应为 {wanted}）",
        "unsupported policy version '{value}' (expected {wanted})",
    ),
    "policy.lifecycle_label_empty": (
        "“lifecycle.minor_label”不能为空：写上网站管理部门认定轻微修改时添加的标签名，或删去此项",
        "'lifecycle.minor_label' cannot be empty: name the label the website office adds to approve a minor edit, or leave the key out",
    ),
    "policy.missing_site": (
        "缺少“site”节（网站名称与发布机构）",
        "missing section 'site' (site name and publisher)",
    ),
    "policy.missing_secrecy": (
        "缺少“secrecy”节（保密审查标签与审查员角色，R-03）",
        "missing section 'secrecy' (secrecy label and reviewer role, R-03)",
    ),
    "policy.missing_policy_category": (
        "必须定义 policy 类别：规则、配置、模板与插件的修改由谁审批",
        "a 'policy' category is required: who approves changes to rules, configuration, templates and the plugin",
    ),
    "policy.missing_calendar": ("缺少 calendar 节", "missing section 'calendar'"),
    # -- values of the wrong kind ----------------------------------------------------------
    "policy.need_mapping": ("“{what}”必须是映射（键: 值）", "'{what}' must be a mapping (key: value)"),
    "policy.need_text": ("“{what}”必须是非空文本", "'{what}' must be non-empty text"),
    "policy.need_string": ("“{what}”必须是文本", "'{what}' must be text"),
    "policy.need_texts": ("“{what}”必须是文本或文本列表", "'{what}' must be text or a list of text"),
    "policy.need_flag": ("“{what}”必须是 true 或 false", "'{what}' must be true or false"),
    "policy.need_positive": ("“{what}”必须是正整数", "'{what}' must be a positive integer"),
    "policy.need_days": ("“{what}”必须是非负整数（工作日数）", "'{what}' must be a non-negative number of working days"),
    "policy.need_list": ("“{what}”必须是列表", "'{what}' must be a list"),
    "policy.need_steps": ("“{what}”必须是非空列表", "'{what}' must be a non-empty list"),
    "policy.need_rule_id": ("“{what}”应为规则编号（如 R-21）", "'{what}' should be a rule id such as R-21"),
    "policy.need_years": ("“{what}”必须是年份列表，如 [2027]", "'{what}' must be a list of years such as [2027]"),
    "policy.need_dates": ("“{what}”必须是日期列表", "'{what}' must be a list of dates"),
    # -- names that refer to something -----------------------------------------------------
    "policy.unknown_role": ("“{what}”：未知的角色“{name}”", "'{what}': unknown role '{name}'"),
    # -- disclosure: 索引号, 主题分类, 发布机构 (guide/disclosure.md) -------------------------------
    "policy.disclosure_bad_prefix": (
        "“disclosure.index_prefix”：“{value}”不能含空格或“/”（索引号写作 前缀/年份-序号）",
        "'disclosure.index_prefix': '{value}' may not contain spaces or '/' (an index number reads prefix/year-sequence)",
    ),
    "policy.disclosure_unknown_topic": (
        "“disclosure.category_topics.{category}”：主题分类代码“{topic}”不在 disclosure.topics 中，可选 {known}",
        "'disclosure.category_topics.{category}': topic code '{topic}' is not in disclosure.topics, one of {known}",
    ),
    "policy.disclosure_unknown_id": (
        "“{what}”：未知的标识“{name}”，可选 {known}",
        "'{what}': unknown id '{name}', one of {known}",
    ),
    "policy.unknown_unit": ("“{what}”：未知的单位“{name}”", "'{what}': unknown unit '{name}'"),
    "policy.role_unit_unknown": (
        "“{what}”：未知的单位“{name}”（units 中没有定义）",
        "'{what}': unknown unit '{name}' (not defined in units)",
    ),
    "policy.unknown_category": ("“{what}”：未知的类别“{name}”", "'{what}': unknown category '{name}'"),
    "policy.column_policy_category": (
        "“{what}”：页面不能选 policy 类别（它只用于发布规则与站点配置）",
        "'{what}': pages cannot choose the policy category (it is for rules and site configuration)",
    ),
    "policy.unknown_field": (
        "“{what}”：“{name}”不是页面字段，也没有在 fields 节中声明",
        "'{what}': '{name}' is no page field and is not declared in the fields section",
    ),
    "policy.hint_field_suggest": (
        "您是否想写 {name}？自定义字段须先在 fields 节中声明",
        "did you mean {name}? Custom fields must be declared in the fields section first",
    ),
    "policy.hint_declare_field": (
        "如果这是本单位自定义的页首字段，请在 fields 节中声明，例如 fields: {{{name}: 中文名称}}",
        "if this is a front-matter field of your own, declare it in the fields section, e.g. fields: {{{name}: Display name}}",
    ),
    "policy.field_built_in": (
        "字段“{name}”是页面自带的字段，不必在 fields 中声明",
        "'{name}' is a built-in page field and needs no declaration in fields",
    ),
    # -- categories and steps --------------------------------------------------------------
    "policy.step_repeats": ("“{what}”中环节“{step}”重复", "step '{step}' repeats in '{what}'"),
    "policy.hint_step_id": (
        "同一角色在一个类别中出现两次时，给每个环节写不同的 id",
        "when one role appears twice in a category, give each step its own id",
    ),
    "policy.policy_step_per_unit": (
        "“categories.policy.steps[{index}]”使用了按单位设置的角色“{role}”：构建输入不属于任何单位，请用 unit 指定单位",
        "'categories.policy.steps[{index}]' uses the per-unit role '{role}': build inputs belong to no unit, so set 'unit'",
    ),
    "policy.required_rule": ("“{what}”的值应为规则编号（如 R-12）", "'{what}' should be a rule id such as R-12"),
    "policy.when_one_field": ("“{what}”须且仅须写一个字段", "'{what}' must name exactly one field"),
    "policy.before_or_within": ("“{what}”须且仅须写 before 或 within 之一", "'{what}' needs exactly one of before and within"),
    # -- field rules, deadline terms, the publisher -------------------------------------------
    "policy.need_values": (
        "“{what}”必须是一个值或值的列表（文本、整数、true/false）",
        "'{what}' must be a value or a list of values (text, whole numbers, true/false)",
    ),
    "policy.need_day_counting": (
        "“{what}”必须是 working（工作日）或 calendar（日历日）",
        "'{what}' must be working or calendar",
    ),
    "policy.need_met_by": (
        "“{what}”必须是 publication（发布，即合并）或 application（提交申请，即拉取请求标记为待审）",
        "'{what}' must be publication (the merge) or application (the pull request marked ready for review)",
    ),
    "policy.never_publish_needs_choices": (
        "“{what}”：写了不得发布的值，就必须用 choices 列出这个字段的全部可选值（否则“是 ”“yes”之类的写法会绕过它）",
        "'{what}': a field with values never published needs choices listing all its values (else a variant spelling would slip past)",
    ),
    "policy.not_a_choice": (
        "“{what}”：“{value}”不在该字段的可选值 {choices} 之中",
        "'{what}': '{value}' is not one of the field's choices {choices}",
    ),
    "policy.not_before_itself": (
        "“{what}”：字段不能与自己比较先后",
        "'{what}': a field cannot be compared with itself",
    ),
    "policy.hint_field_rules_only": (
        "页面自带的字段只能在 fields 中写规则（choices、never_publish、required_when、not_before、rule），不能写 name",
        "a built-in page field may be listed in fields only with rules (choices, never_publish, required_when, not_before, rule), without name",
    ),
    # -- the shape of a chain: conditional steps, the secrecy review's place, a unit from the page (issue 13) --
    "policy.step_text": (
        "“{what}”：环节“{value}”应写成映射（如 {{role: unit_head}}）；只有 secrecy_review 可以单独写，表示保密审查在审批链中的位置",
        "'{what}': step '{value}' must be a mapping (e.g. {{role: unit_head}}); only secrecy_review stands alone, "
        "marking where the secrecy review comes in the chain",
    ),
    "policy.secrecy_place_nested": (
        "“{what}”：secrecy_review（保密审查的位置）只能写在类别自己的 steps 中，不能写在升级或条件环节里：保密审查对每个页面都适用（R-03）",
        "'{what}': secrecy_review (the secrecy review's place) belongs in the category's own steps, not in an escalation "
        "or a conditional step: the secrecy review applies to every page (R-03)",
    ),
    "policy.secrecy_place_twice": (
        "“{what}”中 secrecy_review 写了不止一次：保密审查在审批链中只有一个位置",
        "secrecy_review is written more than once in '{what}': the secrecy review has one place in the chain",
    ),
    "policy.secrecy_placed_but_off": (
        "“{what}”既写了 secrecy_review: false，又在 steps 中安排了保密审查的位置：请删去其中之一",
        "'{what}' says secrecy_review: false yet places the secrecy review in its steps: remove one of them",
    ),
    "policy.secrecy_waiver_missing": (
        "“{what}”写了 secrecy_review: false，但没有写免于保密审查的理由：R-03 要求每条信息发布前都经保密审查，"
        "不审查的类别须用 secrecy_waiver 声明理由（此要求是新增的，原有规则须补写）",
        "'{what}' says secrecy_review: false but gives no reason: R-03 requires a secrecy review of every item before "
        "publication, so a category without one declares why in secrecy_waiver (a new requirement: existing policies must add it)",
    ),
    "policy.hint_secrecy_waiver": (
        "在该类别下加一行 secrecy_waiver: 理由（例如“只转发原发布单位已保密审查并公开的文件”），理由会显示在该类别每个页面的判定中；"
        "或者删去 secrecy_review: false，恢复保密审查",
        "add a line secrecy_waiver: <reason> to the category (e.g. 'only reposts documents the issuing body reviewed and "
        "published'); every verdict on its pages shows the reason. Or remove secrecy_review: false to keep the review",
    ),
    "policy.secrecy_waiver_unused": (
        "“{what}”：该类别需要保密审查，免审理由不适用；只有写了 secrecy_review: false 的类别才写 secrecy_waiver",
        "'{what}': the category has the secrecy review, so a waiver does not apply; write secrecy_waiver only with secrecy_review: false",
    ),
    "policy.branch_nested": (
        "“{what}”：条件环节（when）只能写在类别自己的 steps 中，不能嵌套在升级或另一个条件环节里",
        "'{what}': a conditional step (when) belongs in the category's own steps, not inside an escalation or another conditional step",
    ),
    "policy.policy_step_from_page": (
        "“categories.policy.steps”中不能写条件环节（when）或 unit_from：构建输入没有页首字段，条件和单位都无从取得",
        "'categories.policy.steps' cannot hold conditional steps (when) or unit_from: build inputs have no front matter to take them from",
    ),
    "policy.unit_and_unit_from": (
        "“{what}”同时写了 unit 和 unit_from：环节的单位要么固定（unit），要么取自页面字段（unit_from），只能写一个",
        "'{what}' has both unit and unit_from: a step's unit is either fixed (unit) or named by a page field (unit_from), not both",
    ),
    "policy.unit_from_global_role": (
        "“{what}”：unit_from 只对按单位设置的角色（roles 中写 units 的角色）有意义，这个环节的角色都是全局角色",
        "'{what}': unit_from only matters for per-unit roles (roles with units), and this step's roles are all global",
    ),
    # -- build --------------------------------------------------------------------------------
    "policy.bad_pattern": (
        "“build.not_read”中的模式“{pattern}”无效：{original}",
        "invalid pattern '{pattern}' in 'build.not_read': {original}",
    ),
    "policy.pattern_too_broad": (
        "“build.not_read”中的模式“{pattern}”过宽：只能列出构建确实不读取的文件或目录（如 README.md、tests/）",
        "pattern '{pattern}' in 'build.not_read' is too broad: list only files or folders the build never reads (README.md, tests/)",
    ),
    # -- screening and word lists ----------------------------------------------------------
    "policy.unknown_check": ("未知的检查项“{name}”（可用：{known}）", "unknown check '{name}' (known: {known})"),
    "policy.bad_severity": ("“{what}”应为 block、warn 或 off", "'{what}' must be block, warn or off"),
    "policy.check_always_blocks": (
        "检查项“{check}”（{name}）必须阻止发布，不能改为 {level}",
        "check '{check}' ({name}) always blocks publication and cannot be set to {level}",
    ),
    "policy.term_or_terms": ("“{what}”须写 term（一个词）或 terms（词的列表），二者选一", "'{what}' needs either term or terms"),
    "policy.bad_word_severity": ("“{what}”应为 block 或 warn", "'{what}' must be block or warn"),
    "policy.term_without_letters": (
        "“{what}”中的“{term}”不含文字，无法匹配",
        "'{what}' has '{term}', which has no letters to match",
    ),
    # -- the calendar -------------------------------------------------------------------------
    "policy.not_a_date": (
        "“{what}”中的“{value}”不是日期（应写作 2027-01-01）",
        "'{value}' in '{what}' is not a date (write 2027-01-01)",
    ),
    "policy.year_incomplete": (
        "calendar.years 列出了 {year} 年，但没有列出该年放假的工作日：列入 years 的年份须按国务院办公厅的安排完整填写",
        "calendar.years names {year} but lists none of its holidays: a year in 'years' must be entered in full",
    ),
    "policy.day_off_and_worked": ("日期 {day} 同时列为放假和上班", "{day} is listed both as a holiday and as a working day"),
    "policy.weekend_not_holiday": (
        "{day} 本来就是周末，不必列入 calendar.holidays（holidays 写放假的工作日，workdays 写调休上班的周末）",
        "{day} needs no entry in calendar.holidays (holidays lists weekdays off, workdays lists weekend days worked)",
    ),
    "policy.weekday_not_workday": (
        "{day} 本来就是工作日，不必列入 calendar.workdays（holidays 写放假的工作日，workdays 写调休上班的周末）",
        "{day} needs no entry in calendar.workdays (holidays lists weekdays off, workdays lists weekend days worked)",
    ),
    "calendar.unknown_year": (
        "没有 {year} 年的节假日安排，无法计算工作日：请在 {file} 的 calendar 节中加入 years: [{year}]，"
        "并按国务院办公厅公布的安排列出该年的 holidays（放假的工作日）和 workdays（调休上班的周末）",
        "no holiday schedule for {year}, so working days cannot be counted: add years: [{year}] to the calendar "
        "section of {file}, listing that year's holidays (weekdays off) and workdays (weekend days worked) "
        "as the State Council published them",
    ),
    "calendar.next_year_missing": (
        "尚未录入 {year} 年的节假日安排（国务院办公厅通常在 11 月前后公布），请及时补入 {file}",
        "the {year} holiday schedule is not entered yet (usually published around November): add it to {file}",
    ),
    # -- clearing a false block (R-03) -----------------------------------------------------
    "policy.missing_clear": (
        "缺少“screening”节中的解除角色 clear（如 screening: {{clear: {{role: secrecy_committee}}}}）：由谁解除内容检查的误拦（R-03：单位定不了的由保密委决定）",
        "missing the clearing role 'clear' of section 'screening' (e.g. screening: {{clear: {{role: secrecy_committee}}}}): "
        "who clears a false screening block (R-03: where a unit cannot decide, the secrecy committee decides)",
    ),
    # -- the roster (R-18) -----------------------------------------------------------------
    "policy.need_day": ("“{what}”必须是日期（如 2027-01-01）", "'{what}' must be a date (e.g. 2027-01-01)"),
    "policy.need_members": (
        "“{what}”必须是文本或成员列表：账号、组织/团队，或 {{login: 账号, from: 日期, until: 日期}}",
        "'{what}' must be text or a list of members: logins, org/team, or {{login: LOGIN, from: DATE, until: DATE}}",
    ),
    "policy.person_team": (
        "“{what}”：名册中只写个人账号，团队不是一个人（团队写在角色的成员中）",
        "'{what}': the roster lists personal logins; a team is no person (name teams among a role's members)",
    ),
    "policy.term_team": (
        "“{what}”：团队 {team} 不能带任职期限（期限写给个人账号）",
        "'{what}': team {team} cannot have a term (terms are for personal logins)",
    ),
    "policy.term_no_dates": (
        "“{what}”：{login} 写成了带期限的成员，却没有 from 或 until；没有期限的成员直接写账号",
        "'{what}': {login} is written as a member with a term but has neither from nor until; write a member without a term as the login alone",
    ),
    "policy.term_backwards": (
        "“{what}”：期限止于 {until}，早于起始日 {since}",
        "'{what}': the period ends on {until}, before it begins on {since}",
    ),
    "policy.acting_kind": (
        "“{what}”：kind 写作“{value}”，应为“代理”或“授权”",
        "'{what}': kind is '{value}'; write acting or delegated",
    ),
    "policy.acting_team": (
        "“{what}”：代理人、被代理人和决定人都必须是个人账号，不能是团队",
        "'{what}': the acting holder, the person stood in for and the deciding person must be personal logins, not teams",
    ),
    "policy.acting_principal_unknown": (
        "“{what}”：for 写的 {login} 不是这个角色的成员；代理或授权只能替本角色的成员（R-18）",
        "'{what}': {login} (for) is not a member of this role; an acting or delegated holder stands in for a member of the role (R-18)",
    ),
    "policy.acting_self": ("“{what}”：{login} 不能代理自己", "'{what}': {login} cannot stand in for themself"),
    "policy.acting_by_not_holder": (
        "“{what}”：决定人 by 写的 {by} 不担任“{role}”，也不担任 appointed_by 中的角色，无权代理授权（R-18）；"
        "请写担任该角色的人（本人授权）或上级角色的人（指定代理），必要时在 appointed_by 中列出上级角色",
        "'{what}': {by} (by) holds neither '{role}' nor a role in appointed_by, and cannot make anyone act for it (R-18); "
        "name a holder of the role (delegating their own approval) or of a superior role (appointing an acting holder), "
        "listing that role in appointed_by",
    ),
}
