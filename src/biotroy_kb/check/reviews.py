"""Every page's review date: listed as overdue once it has passed (a to-do, not a failure)."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.collector import front_matter
from ..editions.edition import is_overdue, today
from .cases import Check, CheckedPage
from .report import Case


class ReviewCheck(Check):
    def page(self, page: CheckedPage) -> Iterator[Case]:
        context = self.context
        care = front_matter(context.env, page.docname).page
        if care.review_by is None:
            return
        owner = care.owner or "no owner named"
        due = care.review_by.display()
        if is_overdue(care, today(context.config)):
            message = f"review was due by {due} (owner: {owner})"
            yield Case("review", context.filename(page.docname), 1, "overdue", message)
        else:
            message = f"review due by {due} (owner: {owner})"
            yield context.case("review", page.docname, 1, True, message)
