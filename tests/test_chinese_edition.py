"""The Chinese edition of the real site (`make html-zh`): every page there, in Chinese, with
facts rendered from the registry and the regulatory words exactly as the notes give them."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from sitebuild import DOCS_DIR, SiteBuild, run_sphinx


def pages(site: SiteBuild) -> list[str]:
    return sorted(p.relative_to(site.outdir).as_posix() for p in site.outdir.rglob("*.html"))


def main_text(site: SiteBuild, page: str) -> str:
    soup = BeautifulSoup((site.outdir / page).read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("article") or soup.body
    return " ".join(main.get_text(" ").split())


def test_the_chinese_edition_builds_strictly_with_every_english_page(
    real_site: SiteBuild, real_site_zh: SiteBuild
) -> None:
    assert real_site_zh.warnings == ""
    assert pages(real_site_zh) == pages(real_site)


def test_every_chinese_page_says_it_is_chinese(real_site_zh: SiteBuild) -> None:
    """Built alone, as `make html-zh` on a fresh clone, the edition offers no switcher: it
    would lead to a missing page (the browser tests build both and follow it both ways)."""
    for page in pages(real_site_zh):
        soup = BeautifulSoup(
            (real_site_zh.outdir / page).read_text(encoding="utf-8"), "html.parser"
        )
        assert soup.html["lang"] == "zh-CN", page
        assert soup.select_one(".kb-language-switch a") is None, page


def test_facts_come_from_the_registry_in_chinese_form(real_site_zh: SiteBuild) -> None:
    company = main_text(real_site_zh, "company/index.html")
    assert "超过1.5亿元人民币" in company
    assert "over 150 million RMB" not in company
    bt02 = main_text(real_site_zh, "pipeline/bt02.html")
    assert "2023年9月" in bt02
    assert "September 2023" not in bt02


@pytest.mark.parametrize(
    ("page", "labels"),
    [
        (
            "pipeline/index.html",
            ["候选药物", "靶点", "药物模态", "适应症", "各地区进展", "IND获FDA许可"],
        ),
        (
            "pipeline/bt02.html",
            ["BT02概览", "监管进展", "药物临床试验申请获国家药监局药审中心批准"],
        ),
        ("company/timeline.html", ["2020年", "BioTroy Therapeutics在上海成立"]),
        ("news/index.html", ["日期未说明", "标签："]),
        ("onboarding/index.html", ["合计：约", "分钟"]),
    ],
)
def test_what_the_extension_draws_is_chinese_too(
    real_site_zh: SiteBuild, page: str, labels: list[str]
) -> None:
    text = main_text(real_site_zh, page)
    for label in labels:
        assert label in text, label


def test_the_themes_own_words_are_chinese_on_every_page(real_site_zh: SiteBuild) -> None:
    for page in pages(real_site_zh):
        soup = BeautifulSoup(
            (real_site_zh.outdir / page).read_text(encoding="utf-8"), "html.parser"
        )
        footer = "".join(soup.select_one(".bottom-of-page").get_text().split())
        assert footer.startswith("版权所有©2020–2026,BioTroyTherapeutics构建工具："), page
        assert "Sphinx和@pradyunsg的Furo" in footer, page
        assert "Made with" not in footer and "'s" not in footer, page
        if soup.select_one(".last-updated"):
            assert re.search(r"最后更新于\d{4}年\d{1,2}月\d{1,2}日", footer), page


def test_no_page_says_the_fda_approved_or_names_biotroy_or_xu_in_characters(
    real_site_zh: SiteBuild,
) -> None:
    for page in pages(real_site_zh):
        soup = BeautifulSoup(
            (real_site_zh.outdir / page).read_text(encoding="utf-8"), "html.parser"
        )
        for block in soup.find_all(["p", "dt", "h1", "h2", "h3"]):
            text = " ".join(block.get_text(" ").split())
            assert not re.search(r"FDA[^。；;，,]*?批准", text), (page, text)
            assert not re.search(r"[徐许] ?博士|百奥泰", text), (page, text)


def test_the_glossary_gives_each_term_in_chinese_with_its_english_beside_it(
    real_site_zh: SiteBuild,
) -> None:
    soup = BeautifulSoup(
        (real_site_zh.outdir / "glossary.html").read_text(encoding="utf-8"), "html.parser"
    )
    terms = [
        " ".join(dt.get_text(" ").split()).removesuffix(" ¶")
        for dt in soup.select("dl.glossary dt")
    ]
    assert "受理号（acceptance number）" in terms
    assert "新药临床试验申请（IND）" in terms
    assert "药审中心（CDE）" in terms
    assert len(terms) == len(set(terms))


def test_card_titles_keep_their_icons_in_front_of_the_translated_words(
    real_site: SiteBuild, real_site_zh: SiteBuild
) -> None:
    def card_titles(site: SiteBuild) -> list[tuple[list[str], str]]:
        soup = BeautifulSoup(
            (site.outdir / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        return [
            ([svg["class"][-1] for svg in title.select("svg.sd-octicon")], title.get_text().strip())
            for title in soup.select(".sd-card-title")
        ]

    english, chinese = card_titles(real_site), card_titles(real_site_zh)
    assert [icons for icons, _ in chinese] == [icons for icons, _ in english]
    assert english[0] == (["sd-octicon-rocket"], "Start here")
    assert chinese[0] == (["sd-octicon-rocket"], "从这里开始")


def soup_of(site: SiteBuild, page: str) -> BeautifulSoup:
    return BeautifulSoup((site.outdir / page).read_text(encoding="utf-8"), "html.parser")


def test_the_reading_path_shows_each_pages_summary_in_chinese(
    real_site: SiteBuild, real_site_zh: SiteBuild
) -> None:
    summaries = [
        p.get_text()
        for p in soup_of(real_site_zh, "onboarding/index.html").select(".kb-reading-summary")
    ]
    english = soup_of(real_site, "onboarding/index.html").select(".kb-reading-summary")
    assert len(summaries) == len(english) > 1
    for summary in summaries:
        assert len(re.findall(r"[\u4e00-\u9fff]", summary)) >= 10, summary
        assert not re.search(r"\b[a-z]{3,}\b", summary), summary


def test_a_pages_description_is_its_summary_in_the_readers_language(
    real_site: SiteBuild, real_site_zh: SiteBuild
) -> None:
    """What search engines and link previews show: the page's summary, not its first text
    nodes joined with spaces (the step note, a fact's print-only source number)."""
    english = soup_of(real_site, "company/index.html")
    chinese = soup_of(real_site_zh, "company/index.html")
    summary = "Who BioTroy Therapeutics is, what it works on and how it goes about finding new"
    assert english.select_one('meta[name="description"]')["content"].startswith(summary)
    for soup in (chinese, soup_of(real_site_zh, "pipeline/bt02.html")):
        shown = {
            soup.select_one(f"meta[{key}]")["content"]
            for key in ('name="description"', 'property="og:description"')
        }
        assert len(shown) == 1
        (description,) = shown
        assert re.search(r"[\u4e00-\u9fff]{10}", description), description
        assert "阅读路径" not in description, description
        assert not re.search(r"[\u4e00-\u9fff] | [\u4e00-\u9fff]", description), description


def test_a_descriptions_summary_is_plain_text_in_both_languages(
    real_site: SiteBuild, real_site_zh: SiteBuild
) -> None:
    """The check page's summary holds code (`make check`): a link preview shows its words,
    not the backticks around them."""
    for site in (real_site, real_site_zh):
        soup = soup_of(site, "maintainers/check.html")
        for key in ('name="description"', 'property="og:description"'):
            description = soup.select_one(f"meta[{key}]")["content"]
            assert "make check" in description and "`" not in description, description


def test_chinese_reading_times_count_characters_not_words(
    real_site: SiteBuild, real_site_zh: SiteBuild
) -> None:
    """The same pages take about as long in either language: Chinese at 255 characters a
    minute, English at 200 words (the words of a Chinese page were a third of the time)."""

    def total(site: SiteBuild) -> int:
        text = soup_of(site, "onboarding/index.html").select_one(".kb-reading-total").get_text()
        return int(re.search(r"\d+", text).group(0))

    english, chinese = total(real_site), total(real_site_zh)
    assert 0.8 * english <= chinese <= 1.6 * english, (english, chinese)


@pytest.mark.parametrize(
    ("page", "labels"),
    [
        ("pipeline/index.html", ["靶点：", "药物模态：", "适应症：", "阶段："]),
        ("pipeline/bt02.html", ["地区：", "决定：", "编号："]),
    ],
)
def test_a_phones_card_labels_are_chinese(
    real_site_zh: SiteBuild, page: str, labels: list[str]
) -> None:
    found = {td["data-label"] for td in soup_of(real_site_zh, page).select("td[data-label]")}
    assert found == set(labels)


def test_no_css_writes_an_english_label(real_site_zh: SiteBuild) -> None:
    css = (real_site_zh.outdir / "_static" / "kb.css").read_text(encoding="utf-8")
    assert not re.search(r'content:\s*"[A-Za-z]', css)


def test_generated_chinese_takes_full_width_punctuation(real_site_zh: SiteBuild) -> None:
    def compact(page: str) -> str:
        """The page's text as it reads, its tags' boundaries adding no space."""
        return "".join(soup_of(real_site_zh, page).select_one("article").get_text().split())

    bt02 = compact("pipeline/bt02.html")
    assert "药物模态：" in bt02
    assert "CXSL2300740（药审中心受理号）" in bt02
    timeline = compact("company/timeline.html")
    assert "BT02：IND获FDA许可（美国）" in timeline
    assert not re.search(r"[\u4e00-\u9fff][:(]|[:)][\u4e00-\u9fff]", bt02 + timeline)


def test_the_charts_caption_and_the_404_page_are_chinese(real_site_zh: SiteBuild) -> None:
    chart = soup_of(real_site_zh, "pipeline/index.html").select_one("table.kb-pipeline caption")
    assert chart.get_text().strip().startswith("BioTroy的管线")
    missing = soup_of(real_site_zh, "404.html")
    assert missing.title.get_text().startswith("找不到页面")
    assert "这个地址没有页面。" in missing.get_text()


def test_the_general_index_is_grouped_and_ordered_by_pinyin(real_site_zh: SiteBuild) -> None:
    soup = soup_of(real_site_zh, "genindex.html")
    letters = [a.get_text() for a in soup.select(".genindex-jumpbox a")]
    assert letters == sorted(letters) and all(re.fullmatch("[A-Z]", letter) for letter in letters)
    under_s = soup.select_one("section#S").get_text()
    assert "受理号（acceptance number）" in under_s
    under_b = [a.get_text().strip() for a in soup.select("section#B td > ul > li > a")]
    assert under_b.index("靶点（target）") < under_b.index("BioTroy Engine")


def test_the_glossary_is_ordered_by_pinyin(real_site_zh: SiteBuild) -> None:
    from biotroy_kb.core.writing import collation_key

    entries = soup_of(real_site_zh, "glossary.html").select(
        "dl.glossary > dt:first-child, dl.glossary > dd + dt"
    )
    firsts = [dt.get_text().strip().rstrip("¶") for dt in entries]
    assert firsts[0].startswith("靶点")
    assert firsts == sorted(firsts, key=lambda term: collation_key(term, cjk=True))


def test_the_glossarys_letter_bar_gives_pinyin_letters(real_site_zh: SiteBuild) -> None:
    """靶点 is filed under B, 受理号 under S: each letter once, in order, leading to the first
    entry filed under it."""
    page = soup_of(real_site_zh, "glossary.html")
    letters = [a.get_text() for a in page.select("nav.kb-letters a")]
    assert letters[0] == "B" and "S" in letters
    assert len(letters) == len(set(letters))
    latin = [letter for letter in letters if letter != "#"]
    assert latin == sorted(latin)
    first_under_b = page.find(id=page.select_one("nav.kb-letters a")["href"][1:])
    assert first_under_b.parent.get_text().strip().startswith("靶点")


def test_the_themes_english_only_words_are_chinese(real_site_zh: SiteBuild) -> None:
    soup = soup_of(real_site_zh, "index.html")
    assert soup.select_one(".skip-to-content").get_text().strip() == "跳到正文"
    assert soup.select_one(".theme-toggle")["aria-label"] == "切换浅色、深色或自动配色"
    assert [t.get_text() for t in soup.select("svg symbol title")][:3] == ["目录", "菜单", "展开"]
    logo = soup.select_one("img.sidebar-logo.only-light")
    assert (logo["alt"], logo["src"]) == ("BioTroy知识库", "_static/logo-light.zh_CN.svg")
    site_name = soup.select_one('meta[property="og:site_name"]')["content"]
    assert site_name == "BioTroy知识库"


def test_the_feed_gives_its_summaries_and_categories_in_chinese(real_site_zh: SiteBuild) -> None:
    feed = (real_site_zh.outdir / "news" / "atom.xml").read_text(encoding="utf-8")
    assert 'xml:lang="zh-CN"' in feed
    assert "<summary>继BT02的IND获FDA许可之后" in feed
    assert '<category term="regulatory" label="监管"/>' in feed
    assert "<title>BioTroy知识库：新闻</title>" in feed


def test_glossary_tooltips_are_one_sentence_without_paths(real_site_zh: SiteBuild) -> None:
    titles = set()
    for page in pages(real_site_zh):
        titles |= {a["title"] for a in soup_of(real_site_zh, page).select("a.kb-term[title]")}
    assert len(titles) > 20
    for title in titles:
        assert "/pipeline/" not in title and "/platforms/" not in title, title
        assert title.count("。") <= 1 and title.endswith("。"), title


def test_the_how_it_works_diagrams_are_translated(real_site_zh: SiteBuild) -> None:
    diagrams = soup_of(real_site_zh, "maintainers/how-it-works.html").select(".kb-diagram pre")
    assert len(diagrams) == 3
    assert "每个页面一个Markdown文件" in diagrams[0].get_text()
    assert "the content" not in diagrams[0].get_text()


def test_the_chinese_edition_passes_the_check_on_what_its_reader_sees(
    real_site_zh: SiteBuild,
) -> None:
    """`make check` for the Chinese edition, on the build the other specs read: catalogs
    current and well-formed, every page in Chinese, the spacing rule kept."""
    check = run_sphinx(
        DOCS_DIR,
        real_site_zh.outdir.parent,
        "kbcheck",
        {"language": "zh_CN", "nitpicky": True, "kb_check_html_dir": str(real_site_zh.outdir)},
    )
    assert check.failures() == []
    kinds = {case["kind"] for case in check.report()["cases"]}
    assert {"catalogs", "language", "spacing"} <= kinds
