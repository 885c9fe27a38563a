"""The registry and the pages agree: every asset and platform shown in this edition has its
page, and every page in their folders has its registry entry. Facts not yet confirmed are
listed as a to-do for their owners (not failures)."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.config import holds_entry
from ..core.visibility import visible
from ..registry.entries import Origin, Registry
from ..registry.problems import display_path
from .cases import Check
from .report import Case


class RegistryPagesCheck(Check):
    def site(self) -> Iterator[Case]:
        registry = self.context.registry
        if registry is None:
            return
        pages = self.registered_pages(registry)
        found = self.context.env.found_docs
        for page, (what, name, origin) in pages.items():
            exists = page in found
            message = (
                f"{what} {name} has its page {page}"
                if exists
                else (f"{what} {name}: no page {page!r}")
            )
            status = "passed" if exists else "failed"
            yield Case("registry", display_path(origin.path), origin.line, status, message)
        config = self.context.config
        for folder, what in ((config.kb_asset_dir, "asset"), (config.kb_platform_dir, "platform")):
            for docname in sorted(found):
                # Index pages of sub-folders (pipeline/oncology/index) only list the pages.
                if holds_entry(folder, docname):
                    ok = docname in pages
                    message = (
                        f"page is the registered {what} page"
                        if ok
                        else f"page under {folder}/ has no {what} entry in the registry"
                    )
                    yield self.context.case("registry", docname, 1, ok, message)

    def registered_pages(self, registry: Registry) -> dict[str, tuple[str, str, Origin]]:
        config = self.context.config
        pages = {
            asset.page: ("asset", asset.code, registry.page_origins[asset.page])
            for asset in registry.assets.values()
            if visible(config, asset.audience)
        }
        pages |= {
            platform.page: ("platform", platform.name, registry.page_origins[platform.page])
            for platform in registry.platforms
            if visible(config, platform.audience)
        }
        return pages


class FactsToConfirm(Check):
    def site(self) -> Iterator[Case]:
        registry = self.context.registry
        if registry is None:
            return
        for fact in registry.facts.values():
            if fact.status != "confirmed":
                note = fact.note or "no note"
                message = f"{fact.key} is {fact.status}: {note} (source: {fact.source.title})"
                where = display_path(fact.origin.path)
                yield Case("to confirm", where, fact.origin.line, "to confirm", message)
