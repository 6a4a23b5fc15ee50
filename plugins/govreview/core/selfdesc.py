"""Sentences in which a document describes itself as classified, internal or sealed (pure).

"本期简报内容属机密，请勿扩散", "本纪要为绝密材料", "（本件带红头，加盖公章）": no
marking format, yet the document says what it is. A finding needs, within one
sentence (ended by 。！？； or a line break):

* a **subject** that is the document itself (本件, 本期, 本纪要, 本文, 此件, 本通知 …) at
  the start of a clause: after the start of a line, punctuation, an opening bracket
  or a tag, markup and blanks skipped ("日本文化", "基本文件", "根据本通知" are not);
* then, at most :data:`GAP` folded characters later, a **predicate** that calls it
  classified (属机密, 为绝密材料, 系秘密级, 涉及国家秘密 → ``secrecy-marking``),
  restricted (请勿扩散, 不得转发, 为内部资料, 阅后收回 → ``internal-marking``; 不予公开,
  仅供领导参阅 → ``internal-use``, like 仅供内部), or sealed (带红头 → ``red-header``,
  加盖公章 → ``seal-signature``);
* and nothing that makes the sentence about something else or not a statement:
  a negation or condition right before the predicate (不属机密, 是否涉密, 如属秘密,
  须加盖公章), reported speech or explanation between subject and predicate (本期培训
  强调…, 本文所称…, 未经许可不得…), 解密 soon after it in the sentence, 加盖公章后 (an instruction).

Matched on folded text (markup, Traditional characters and look-alikes undone);
sentence ends are read in the original, where punctuation still is. Work is linear:
one pass for subjects, per subject a bounded window after it, and each position of the
text tried for a predicate at most once however many windows cover it.
"""

from __future__ import annotations

import bisect
import re

from .hits import Hit
from .textfold import SEPARATOR, Folded

#: Most folded characters between the subject and its predicate ("本期《人防工作简报》内容").
GAP = 24
#: How far back a clause start is looked for, over markup and blanks.
_LOOK_BACK = 16

_SUBJECT = re.compile(
    "(?:本|此)(?:次会议纪要|会议纪要|纪要|文件|简报|专报|快报|通知|通报|报告(?!期)|材料|资料|汇编|意见|方案|名单|记录|清单)"
    "|本件(?!事)|此件(?!事)|本刊(?!讯)|本文|此文|本函|本稿|本页"
    # 本期 is this issue of a publication only when one is named (本期工程, 本期债券 are not)
    f"|本期(?=[^{SEPARATOR}]{{0,8}}?(?:简报|专报|快报|要报|通讯|动态|内参|刊|内容|资料|材料|信息|摘编|汇编))"
)
#: A clause starts after these (or at the start of the text), markup and blanks skipped.
_CLAUSE_START = frozenset("\n。！？；，、：:,;!?.（(【[〔「『“\"‘'<>）)】]〕」』”|—…")
_SKIPPED = frozenset(" \t\u3000*_~`#>-+\u00a0")
#: Sentence ends, in the original text.
_SENDS = "。！？；!?\n\uff61"
_SENTENCE_END = re.compile(f"[{_SENDS}]")

#: Right before a predicate: a negation, a condition or an instruction (不属机密, 是否涉密,
#: 如属秘密, 须加盖公章, 务必): the sentence does not say what the document is.
_NEGATION = frozenset("不非未无没否如若须需应拟曾原要请必")
_LEVEL = "(?:绝密|机密|秘密)"
_VERB = "(?:属于|属|为|系|是|列为|定为|确定为|标为|标注为|标记为|作为|按)"
#: Predicates by check code.
_PREDICATES = {
    "secrecy-marking": (
        rf"{_VERB}(?:国家)?{_LEVEL}(?:级)?(?:材料|文件|资料|信息|事项|内容)?|密级(?:为|是|属)?{_LEVEL}|(?:涉及|含有|含|包含)国家秘密"
        "|涉密(?!人员|岗位|载体|设备|计算机|网络|单位|信息系统|场所|部位|工程|项目|会议|事项|资质|管理|人)"
    ),
    "internal-marking": (
        "(?:请勿|不得|严禁|禁止|切勿|不准|不要|勿)(?:扩散|外传|外泄|转发|翻印|上网)"
        f"|{_VERB}(?:内部资料|内部材料|密件|内部刊物)|内部传阅|(?:阅|用)后(?:收回|退回|销毁|交回)"
    ),
    "internal-use": "(?:不得|不宜|不予|不可|不能|不|请勿|严禁)(?:对外)?公开|仅供[^\x00]{0,8}?参阅|仅限内部",
    "red-header": "(?:带有|带|附有|附|套用|套|使用|印有|为|是|系)红头",
    "seal-signature": (
        "(?:加盖|盖有|盖了|已盖|带有|带|附有|印有|有)[^\x00电]{0,6}?(?:公章|印章|骑缝章|钢印|签名|签字)(?!后)"
        "|(?:已|均已)(?:盖章|签字|签名)(?!后)"
    ),
}
_GROUPS = {code: code.replace("-", "_") for code in _PREDICATES}
_PREDICATE = re.compile("|".join(f"(?P<{_GROUPS[code]}>{p})" for code, p in _PREDICATES.items()))
#: Every character a predicate can start with (a test checks the list): the predicate is
#: tried only where one of them stands.
_FIRST = re.compile("[属为系是列定确标作按密涉含包请不严禁切勿内阅用仅带附套使印加盖已有均]")
#: Between subject and predicate: the sentence is about something else, or reports or explains.
_ABOUT_ELSE = re.compile(
    "所称|所述|所指|所列|所说|所附|提到|提及|介绍|讲解|讲述|解读|规定|是指|指的|关于|有关|如何|怎样|哪些|什么|区分|分为|包括"
    "|强调|要求|指出|提出|提醒|表示|明确|认为|告知|传达|宣讲|报道"
    "|未经|授权|许可|同意|版权|回执|申请表|报名表|登记表|表格"
)
#: A secret that was lifted: the sentence tells its history, not its state.
_LIFTED = re.compile("解密|降密|解除密级|已公开")
#: How strong a finding of the secrecy and internal checks is: in one sentence only the
#: strongest is reported (属机密，请勿扩散 is one classified document, not two findings).
RANK = {"secrecy-marking": 3, "internal-marking": 2, "internal-use": 1}


def find_self_descriptions(folded: Folded, text: str) -> list[Hit]:
    """Hits in folded offsets, from the subject to the end of its predicate: per sentence the
    strongest secrecy or internal predicate, and each red-header or seal predicate once."""
    ends: list[int] | None = None
    predicates = _Predicates(folded.text)
    seen: dict[int, dict[str, Hit]] = {}  # sentence (its end in the original) → its hits by family
    body = folded.text
    for subject in _SUBJECT.finditer(body):
        origin = folded.origin(subject.start())
        if not _starts_clause(text, origin):
            continue
        if ends is None:  # sentence ends: once per text, and only when there is a subject
            ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        k = bisect.bisect_right(ends, origin)
        sentence_end = ends[k] if k < len(ends) else len(text)
        found = seen.setdefault(sentence_end, {})
        for code, end in _described(folded, subject.end(), sentence_end, predicates):
            family = "rank" if code in RANK else code
            kept = found.get(family)
            if kept is None or (family == "rank" and RANK[code] > RANK[kept.code]):
                found[family] = Hit(code, subject.start(), end, {"match": body[subject.start() : end], "self_description": True})
    return [hit for found in seen.values() for hit in found.values()]


class _Predicates:
    """Predicates in folded text, each position tried once however many subjects' windows
    cover it (windows overlap in a run of subjects): work linear in the text."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.starts: list[int] = []
        self.found: list[tuple[int, int, str]] = []  # (start, end, code), by start
        self.until = 0  # scanned up to here

    def starting_in(self, begin: int, stop: int) -> list[tuple[int, int, str]]:
        """Predicates starting in ``begin:stop`` (``begin`` never before an earlier call's)."""
        at = max(begin, self.until)
        while (first := _FIRST.search(self.body, at, stop)) is not None:
            at = first.end()
            m = _PREDICATE.match(self.body, first.start())  # bounded: the patterns are
            if m is not None:
                code = next(code for code, group in _GROUPS.items() if m.group(group) is not None)
                self.starts.append(m.start())
                self.found.append((m.start(), m.end(), code))
        self.until = max(self.until, stop)
        return self.found[bisect.bisect_left(self.starts, begin) : bisect.bisect_left(self.starts, stop)]


def _described(folded: Folded, begin: int, sentence_end: int, predicates: _Predicates) -> list[tuple[str, int]]:
    """(code, end) of the predicates that say what the subject ending at ``begin`` is."""
    body = folded.text
    stop = body.find(SEPARATOR, begin, begin + GAP + 1)
    out: list[tuple[str, int]] = []
    lifted: bool | None = None
    for start, end, code in predicates.starting_in(begin, begin + GAP + 1 if stop == -1 else stop):
        if folded.origin(start) >= sentence_end:
            break
        if (start > begin and body[start - 1] in _NEGATION) or _ABOUT_ELSE.search(body, begin, start):
            continue
        if code in RANK:
            if lifted is None:
                found = _LIFTED.search(body, begin, end + GAP)
                lifted = found is not None and folded.origin(found.start()) < sentence_end
            if lifted:
                continue
        out.append((code, end))
    return out


def _starts_clause(text: str, at: int) -> bool:
    """Is ``at`` (in the original) the start of a clause, markup and blanks before it skipped?"""
    i = at
    while i > 0 and at - i < _LOOK_BACK and text[i - 1] in _SKIPPED:
        i -= 1
    return i == 0 or text[i - 1] in _CLAUSE_START
