"""The Chinese edition of the real site (`make html-zh`): every page there, in Chinese, with
facts rendered from the registry and the regulatory words exactly as the notes give them."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from sitebuild import SiteBuild


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


def test_every_chinese_page_says_it_is_chinese_and_links_to_its_english_twin(
    real_site_zh: SiteBuild,
) -> None:
    for page in pages(real_site_zh):
        soup = BeautifulSoup(
            (real_site_zh.outdir / page).read_text(encoding="utf-8"), "html.parser"
        )
        assert soup.html["lang"] == "zh-CN", page
        depth = page.count("/")
        switch = soup.select_one(".kb-language-switch a")
        assert switch["href"] == "../" * (depth + 1) + "html/" + page, page
        assert switch["hreflang"] == "en"


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
            ["候选药物", "靶点", "药物模态", "适应症", "各地区进展", "IND 获FDA许可"],
        ),
        (
            "pipeline/bt02.html",
            ["BT02 概览", "监管进展", "药物临床试验申请获国家药监局药审中心批准"],
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
        footer = " ".join(soup.select_one(".bottom-of-page").get_text(" ").split())
        assert footer.startswith("版权所有 © 2020–2026, BioTroy Therapeutics 构建工具："), page
        assert "Sphinx 和 @pradyunsg" in footer, page
        assert "Made with" not in footer and " and " not in footer, page


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
