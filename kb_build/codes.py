"""Registry of diagnostic codes: KB0xx are errors, KB1xx are warnings.

The contributor guide's table is generated from this registry, so a code is
documented exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    code: str
    title: str
    hint: str

    @property
    def severity(self) -> Severity:
        return "warning" if self.code.startswith("KB1") else "error"


_CODES = [
    Code("KB001", "YAML syntax error", "fix the YAML syntax at the position shown (indentation, quotes, colons)"),
    Code("KB002", "file is not clean UTF-8", "save the file as UTF-8 without a byte-order mark"),
    Code("KB003", "duplicate key", "remove or rename one of the two keys"),
    Code("KB004", "forbidden YAML feature", "do not use anchors, aliases or !!tags; write the value out"),
    Code("KB005", "file too large or too deeply nested", "split long text; entries stay under 512 KB and 40 levels"),
    Code("KB006", "empty file or not a mapping", "the file must be a YAML mapping starting with 'id:'"),
    Code("KB010", "required field missing", "add the field; the JSON Schema in schemas/ lists every field"),
    Code("KB011", "unknown field", "check the spelling; the schema lists the allowed fields"),
    Code("KB012", "missing translation", "every human-readable field needs both 'zh' and 'en' text"),
    Code("KB013", "wrong type", "use the type the schema asks for (text, list, number, true/false)"),
    Code("KB014", "invalid date", "write dates as YYYY-MM-DD with a real calendar day"),
    Code("KB015", "value not allowed", "use one of the values defined in data/vocab.yml"),
    Code("KB016", "id does not match file name", "the file name must be '<id>.yml' with a lowercase kebab-case id"),
    Code("KB017", "duplicate id", "ids are unique across the knowledge base; rename one entry"),
    Code("KB018", "unknown reference", "point to an existing entry id, e.g. 'violations/ip-complaint-utility-patent'"),
    Code("KB019", "unsafe or non-https link", "use an https:// URL"),
    Code("KB020", "raw HTML in text", "write plain text or Markdown emphasis; HTML tags are not allowed"),
    Code("KB021", "dates out of order", "'reviewed' must not be before 'added', and neither may be in the future"),
    Code("KB022", "value out of range", "use a value in the range the schema gives"),
    Code("KB023", "invalid value", "see the message for what the value must look like"),
    Code("KB024", "reserved id", "the build owns a page with this name (index, tags, search …); choose another id"),
    Code(
        "KB025",
        "file or folder is not an entry",
        "data/ holds only data/<collection>/<id>.yml files, vocab.yml and jieba_user.txt: no subfolders or symlinks",
    ),
    Code(
        "KB026",
        "control character or line break in text",
        "delete it: no text takes control characters (\\a, \\e, \\x80 …) and one-line fields take no line breaks",
    ),
    Code(
        "KB101",
        "Chinese text uses half-width punctuation",
        "use full-width punctuation in Chinese text: ，。：；？！（）",
    ),
    Code(
        "KB102",
        "no space between Chinese and Latin text",
        "put one space between Chinese characters and Latin words or numbers",
    ),
    Code("KB103", "CJK characters in English text", "English fields must be written in English"),
    Code("KB104", "translation drift",
         "zh and en need the same paragraphs, list lines, links, bold, code, dates and patent or case numbers"),
    Code("KB105", "stale entry", "re-check the sources and update 'reviewed' (entries are stale after 12 months)"),
    Code(
        "KB106",
        "missing schema comment",
        "start the file with '# yaml-language-server: $schema=...' (kb_build check --fix adds it)",
    ),
    Code(
        "KB107",
        "formatting can be normalised",
        "run 'python -m kb_build check --fix' to normalise whitespace and key order",
    ),
    Code(
        "KB108",
        "link host imitates Amazon",
        "only Amazon's own domains (amazon.com, sellercentral.amazon.de …) may look like Amazon; check the host",
    ),
    Code(
        "KB109",
        "invisible or direction-changing character",
        "delete zero-width and bidi control characters (U+200B–U+200F, U+202A–U+202E, U+2060, U+2066–U+2069, U+FEFF)",
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}

# Chinese title and hint of every code, for the Chinese contributor guide (docs/contributing.md).
ZH: dict[str, tuple[str, str]] = {
    "KB001": ("YAML 语法错误", "按提示的位置修正缩进、引号或冒号"),
    "KB002": ("文件不是干净的 UTF-8", "用 UTF-8（不带 BOM）保存文件"),
    "KB003": ("键重复", "删除或改名其中一个键"),
    "KB004": ("使用了被禁止的 YAML 写法", "不要用锚点（&）、别名（*）或 !!标签，直接写出值"),
    "KB005": ("文件过大或嵌套过深", "拆分长文本；单个条目不超过 512 KB、40 层"),
    "KB006": ("文件为空或不是映射", "文件必须是以 id: 开头的 YAML 映射"),
    "KB010": ("缺少必填字段", "补上该字段；schemas/ 中的 JSON Schema 列出了全部字段"),
    "KB011": ("未知字段", "检查拼写；允许的字段见 schema"),
    "KB012": ("缺少译文", "每个面向读者的字段都要有 zh 和 en"),
    "KB013": ("类型不对", "按 schema 要求的类型填写（文本、列表、数字、true/false）"),
    "KB014": ("日期无效", "日期写成 YYYY-MM-DD，并且是真实存在的日期"),
    "KB015": ("取值不允许", "使用 data/vocab.yml 中定义的值"),
    "KB016": ("id 与文件名不一致", "文件名必须是 <id>.yml，id 用小写字母、数字和连字符"),
    "KB017": ("id 重复", "id 在整个知识库中唯一；给其中一个条目改名"),
    "KB018": ("引用的条目不存在", "指向已存在的条目 id，例如 violations/ip-complaint-utility-patent"),
    "KB019": ("链接不安全或不是 https", "使用 https:// 链接"),
    "KB020": ("文本中含有 HTML", "写纯文本或 Markdown 强调，不要写 HTML 标签"),
    "KB021": ("日期顺序不对", "reviewed 不能早于 added，两者都不能是将来的日期"),
    "KB022": ("数值超出范围", "按 schema 给出的范围填写"),
    "KB023": ("值的格式不对", "按提示信息中的格式填写"),
    "KB024": ("id 是保留名", "构建会生成同名页面（index、tags、search 等），换一个 id"),
    "KB025": (
        "不是条目的文件或文件夹",
        "data/ 下只放 data/<collection>/<id>.yml、"
        "vocab.yml 和 jieba_user.txt，不要子文件夹或符号链接",
    ),
    "KB026": (
        "文本中有控制字符或换行",
        "删除它：文本不能含控制字符（\\a、\\e、\\x80 等"
        "），单行字段（标题、名称、seller_usage）不能换行",
    ),
    "KB101": ("中文里用了半角标点", "中文句子用全角标点：，。：；？！（）"),
    "KB102": ("中英文之间缺空格", "中文与英文单词、数字之间加一个空格；全角标点两侧不加空格"),
    "KB103": ("英文字段里有中文字符", "英文字段只写英文，不用全角标点"),
    "KB104": ("中英文内容不一致", "中英文的段落、列表行、链接、粗体、代码、日期和专利号/案号应一一对应"),
    "KB105": ("条目过期", "重新核对来源并更新 reviewed（超过 12 个月即视为过期）"),
    "KB106": ("缺少 schema 注释", "第一行写 # yaml-language-server: $schema=...（check --fix 会自动加上）"),
    "KB107": ("格式可以规范化", "运行 python -m kb_build check --fix，规范空白和键的顺序"),
    "KB108": (
        "链接域名冒充亚马逊",
        "只有亚马逊自己的域名（amazon.com、sellerce"
        "ntral.amazon.de 等）才能像亚马逊；请核对域名",
    ),
    "KB109": (
        "有不可见或改变文字方向的字符",
        "删除零宽字符和双向控制字符（U+200B–U+200F、U+202A–"
        "U+202E、U+2060、U+2066–U+2069、U+FEFF）",
    ),
}



def get(code: str) -> Code:
    return CODES[code]
