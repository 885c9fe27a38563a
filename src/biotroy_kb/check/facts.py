"""Every fact reference resolves, and every sentence a consistency rule matches agrees with the
registry (consistency.py says what agreeing means)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes

from ..core.lines import node_line
from ..registry.entries import Registry
from .cases import Check, CheckedPage
from .consistency import statements
from .report import Case
from .text import FACT_MARK, TextBlock, is_fact

WRITTEN_FACT = re.compile(r"(?:\{fact\}|:fact:)`([^`]*)`")


class FactCheck(Check):
    def page(self, page: CheckedPage) -> Iterator[Case]:
        context, docname = self.context, page.docname
        for node in page.doctree.findall(nodes.reference):
            if is_fact(node):
                key = node.get("kb_fact", "")
                yield context.case("facts", docname, node_line(node), True, f"fact {key} resolves")
        for node in page.doctree.findall(nodes.problematic):
            written = WRITTEN_FACT.fullmatch(node.rawsource.strip())
            if written:
                message = f"unknown fact key {written.group(1)!r}"
                yield context.case("facts", docname, node_line(node), False, message)
        registry = context.registry
        if registry is not None:
            for block in page.blocks:
                yield from self.rules(docname, registry, block)

    def rules(self, docname: str, registry: Registry, block: TextBlock) -> Iterator[Case]:
        context = self.context
        for rule in registry.rules:
            for found in statements(rule, registry, block.text, docname):
                if FACT_MARK in found.text:
                    continue
                line = block.line_at(found.start)
                if block.is_quotation:
                    message = f"{rule.id}: {found.text!r} in a marked quotation, not checked"
                    filename = context.filename(docname)
                    yield Case("consistency", filename, line, "exempted", message)
                    continue
                yield context.case("consistency", docname, line, found.agrees, found.message(rule))
