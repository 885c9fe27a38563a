"""A Chinese edition of a generated site (benchmarks/generate.py), so that the benchmark can
build it with `-D language=zh_CN` as `make html-zh` builds the real site.

    python benchmarks/generate.py /tmp/kb-300 300 --chinese

As the real site does (docs/locale/, `make translations`): Sphinx's gettext builder extracts
every page's messages, and each page gets its catalog `locale/zh_CN/LC_MESSAGES/<page>.po`,
with a made-up Chinese `msgstr` for every message. The registry's values and the pages'
summaries get their Chinese forms in `_data/renderings/zh_CN.yaml`, as on the real site. The
Chinese is nonsense built from a small word list, one word for each English word, so it has
about the length of a translation; what a translation must keep is kept: the roles' targets,
`{fact}` keys, asset codes and numbers. A glossary term becomes `中文名（term）`, and every
`{term}` role names its term's Chinese name with the English target, as the real catalogs do.
Nothing here is true of anything, as with the rest of the synthetic site.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any

import polib
import yaml
from generate import PEOPLE, TERMS

LANGUAGE = "zh_CN"
#: The settings the real site's conf.py has for its catalogs (one per page, in locale/).
CONF_SETTINGS = """
# The Chinese edition (benchmarks/chinese.py): one catalog per page in locale/, as the real site.
locale_dirs = ["locale"]
gettext_compact = False
gettext_uuid = False
gettext_additional_targets = []
kb_languages = ["en", "zh_CN"]
kb_titles = {"zh_CN": "合成知识库"}
"""

#: A small vocabulary: each English word of the filler becomes one of these, always the same.
WORDS = (
    "团队 审阅 日程 样本 报告 流程 会议 手册 记录 预算 调查 笔记本 库存 清单 模板 请求 数据集 "
    "日历 摘要 档案 草稿 培训 轮值 交接 工单 预测 审计 路线图 待办 里程碑 计划 估算 合同 订单 "
    "货运 标签 冰箱 工作台 仪器 方法 仔细 稳定 共享 季度 内部 详细 实用 早期 例行 区域 清晰 "
    "适度 标准 每周 季节性 简单 彻底 书面 本地 正式 简短 年度 核心 数字化 手工 公开 计划中 "
    "独立 更新 描述 跟踪 比较 收集 准备 检查 支持 整理 分享 确认 列出 修订 当前 准确 可见 完整 "
    "一致 有用 整洁 易读 之前 期间 之后 旁边 为了 作为 部分 每个 一个 这个 那个 所有 以及 "
    "通常 经常 有时 随后 之后 同时 偶尔 一般 合成 公司 资产 页面 新闻 研究 临床 生产 质量 "
    "运营 人员 合作 数据 安全 设施 概览 细节 引用 负责人 状态 条目 进行中 已完成 暂停"
).split()
#: The syllables of the glossary terms' Chinese names: each term gets a name of its own.
TERM_SYLLABLES = "泽奎莫德特凯普苏奥维努卡弗加赫伊贾伦内沃普伦索雷乌万温西约菲"
PUNCTUATION = {
    ".": "。", ",": "，", ";": "；", ":": "：", "(": "（", ")": "）",
}  # fmt: skip
#: What the extension itself says of the platforms' count (a fact it computes).
COMPUTED = {
    "Counted from the platforms in platforms.yaml.": "根据 platforms.yaml 中的平台计数。",
    **dict(
        zip(
            "one two three four five six seven eight nine ten".split(),
            "一两三四五六七八九十",
            strict=True,
        )
    ),
}
#: `{role}`text <target>`` or `{role}`target``, or inline code: kept, or for `{term}`, given
#: the term's Chinese name.
MARKUP = re.compile(r"\{(?P<role>[a-z:-]+)\}`(?P<body>[^`]*)`|`[^`]+`")
EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\w-]*(?:[.,]\d+)*|[^\sA-Za-z\d]")
#: Words kept as they are: names, and anything with a digit or in capitals (SX12, FDA).
KEEP = set(PEOPLE)


def term_name(term: str) -> str:
    """The Chinese name of glossary term `term`, unique among the terms."""
    number = TERMS.index(term)
    first = TERM_SYLLABLES[number % len(TERM_SYLLABLES)]
    second = TERM_SYLLABLES[(number * 7 + 3) % len(TERM_SYLLABLES)]
    return f"{first}{second}素"


def chinese_word(word: str) -> str:
    if word in KEEP or any(c.isdigit() for c in word) or (word.isupper() and len(word) > 1):
        return f" {word} "
    if word in PUNCTUATION:
        return PUNCTUATION[word]
    if not word[0].isalpha():
        return word
    return WORDS[zlib.crc32(word.lower().encode()) % len(WORDS)]


def chinese_text(text: str) -> str:
    """Plain English text as made-up Chinese of about the same length."""
    words = "".join(chinese_word(word) for word in WORD.findall(text))
    return re.sub(r"\s+", " ", words).strip()


def translate(message: str) -> str:
    """A message (MyST source, roles and all) in made-up Chinese, its markup kept."""
    if message in TERMS:
        return f"{term_name(message)}（{message}）"
    out, position = [], 0
    for match in MARKUP.finditer(message):
        out.append(chinese_text(message[position : match.start()]))
        out.append(translated_markup(match))
        position = match.end()
    out.append(chinese_text(message[position:]))
    return "".join(out).strip()


def translated_markup(match: re.Match[str]) -> str:
    if match.group("role") != "term":
        return match.group(0)
    body = match.group("body")
    explicit = EXPLICIT.match(body)
    target = explicit.group("target") if explicit else body
    return f"{{term}}`{term_name(target)} <{target}>`"


def write_catalogs(gettext_dir: Path, locale_dir: Path) -> int:
    """A catalog for every template, each message translated; returns how many messages."""
    count = 0
    for template in sorted(gettext_dir.rglob("*.pot")):
        catalog = polib.pofile(str(template))
        catalog.metadata["Language"] = LANGUAGE
        catalog.metadata["Content-Type"] = "text/plain; charset=utf-8"
        for entry in catalog:
            entry.msgstr = translate(entry.msgid)
            count += 1
        target = locale_dir / LANGUAGE / "LC_MESSAGES" / template.relative_to(gettext_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        catalog.save(str(target.with_suffix(".po")))
    return count


#: Registry fields that are identifiers, dates or links, never shown as words.
NOT_WORDS = {
    "id", "code", "page", "source", "file", "date", "identifier", "news", "link", "date_fact",
    "audience", "kind", "pattern", "fact", "compare", "region_code", "stages",
}  # fmt: skip


def registry_values(node: Any, key: str = "") -> list[str]:
    """Every text in a registry file that a page can show."""
    if isinstance(node, dict):
        return [text for k, value in node.items() for text in registry_values(value, k)]
    if isinstance(node, list):
        return [text for item in node for text in registry_values(item, key)]
    if isinstance(node, str) and key not in NOT_WORDS:
        return [node]
    return []


def renderings(site: Path) -> dict[str, str]:
    """The Chinese form of every registry value and page summary the pages show."""
    texts: list[str] = []
    for path in sorted((site / "_data").glob("*.yaml")):
        if path.stem != "rules":
            texts += registry_values(yaml.safe_load(path.read_text(encoding="utf-8")))
    data = yaml.safe_load((site / "_data" / "pipeline.yaml").read_text(encoding="utf-8"))
    texts += data["stages"]
    for source in yaml.safe_load((site / "_data" / "sources.yaml").read_text())["sources"]:
        texts.append(source["kind"])
    for page in sorted(site.rglob("*.md")):
        texts += front_matter_texts(page.read_text(encoding="utf-8"))
    return {text: translate_value(text) for text in dict.fromkeys(texts)} | COMPUTED


def translate_value(text: str) -> str:
    """A registry value; a milestone title's `{fact.key}` placeholders are kept."""
    parts = re.split(r"(\{[\w.-]+\})", text)
    return "".join(part if part.startswith("{") else chinese_text(part) for part in parts)


def front_matter_texts(text: str) -> list[str]:
    if not text.startswith("---\n"):
        return []
    meta = yaml.safe_load(text[4 : text.index("\n---", 4)]) or {}
    return [str(meta[key]) for key in ("summary", "date_note") if key in meta]


def write_chinese_edition(site: Path) -> int:
    """Add the Chinese edition to the generated site in `site`; returns how many messages
    its catalogs translate. Runs Sphinx's gettext builder over the site."""
    with tempfile.TemporaryDirectory(prefix="kb-gettext-") as tmp:
        command = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-W"]
        command += ["-D", "gettext_compact=0", str(site), tmp]
        subprocess.run(command, check=True)
        count = write_catalogs(Path(tmp), site / "locale")
    table = renderings(site)
    target = site / "_data" / "renderings" / f"{LANGUAGE}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    header = "# Made-up Chinese renderings of the synthetic registry (benchmarks/chinese.py).\n"
    body = yaml.safe_dump({"renderings": table}, allow_unicode=True, sort_keys=False, width=1000)
    target.write_text(header + body, encoding="utf-8")
    with (site / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(CONF_SETTINGS)
    return count
