"""The kinds of regulatory event, in one table: how each ranks against the others in a region,
and how it is worded, the agency in its place. The FDA *clears* an IND; the NMPA/CDE *approves*
a clinical trial application; acceptance for review only starts a step.

The wording is English and a message of the extension's catalog: `N_` marks it for the
catalog here, where no translation machinery is loaded, and the directives translate it where
they show it (`core.messages._`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


def N_(message: str) -> str:
    return message


@dataclass(frozen=True)
class EventKind:
    name: str
    #: within a region, the latest event of the highest rank is the asset's status there
    rank: int
    #: the decision in words, `{agency}` where the agency goes
    decision: str

    def in_english(self, agency: str) -> str:
        return self.decision.format(agency=agency)


EVENT_KINDS: dict[str, EventKind] = {
    kind.name: kind
    for kind in (
        EventKind("ind-clearance", 1, N_("IND cleared by the {agency}")),
        EventKind(
            "cta-acceptance",
            0,
            N_("Clinical trial application accepted for review by the {agency}"),
        ),
        EventKind("cta-approval", 1, N_("Clinical trial application approved by the {agency}")),
    )
}
#: What `kind:` may say in pipeline.yaml: the table's names (Literal flattens the tuple).
EventKindName = Literal[tuple(EVENT_KINDS)]  # type: ignore[valid-type]
