"""The check's results as data, and the two ways they are written: `output.txt` for people and
`output.json` for machines (as Sphinx's `linkcheck` writes its `linkstat` records)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

Status = Literal["passed", "failed", "to confirm", "exempted", "overdue"]


@dataclass(frozen=True)
class Case:
    """One thing checked: where (file and line), what kind of check, and what was found."""

    kind: str
    filename: str
    lineno: int
    status: Status
    message: str

    def line(self) -> str:
        return f"{self.filename}:{self.lineno}: [{self.kind}] {self.message}"


@dataclass
class Report:
    cases: list[Case] = field(default_factory=list)

    def add(self, case: Case) -> None:
        self.cases.append(case)

    def extend(self, cases: list[Case]) -> None:
        self.cases.extend(cases)

    def with_status(self, status: Status) -> list[Case]:
        return sorted(
            (c for c in self.cases if c.status == status),
            key=lambda c: (c.filename, c.lineno, c.kind, c.message),
        )

    @property
    def passed(self) -> int:
        return sum(c.status == "passed" for c in self.cases)

    @property
    def failed(self) -> int:
        return sum(c.status == "failed" for c in self.cases)

    def summary(self) -> str:
        return f"{self.passed} passed, {self.failed} failed"

    def per_kind(self) -> list[str]:
        counts: Counter[tuple[str, str]] = Counter((c.kind, c.status) for c in self.cases)
        rows = []
        for kind in sorted({kind for kind, _ in counts}):
            passed, failed = counts[kind, "passed"], counts[kind, "failed"]
            listed = counts[kind, "to confirm"] + counts[kind, "exempted"] + counts[kind, "overdue"]
            counted = f"{passed:>5} passed, {failed:>3} failed" if passed or failed else ""
            extra = f"  ({listed} listed)" if listed else ""
            rows.append(f"  {kind:<12} {counted}{extra}".rstrip())
        return rows

    def render_text(self) -> str:
        lines = ["Knowledge base check", ""]
        failures = self.with_status("failed")
        lines += ["Failures:", *(c.line() for c in failures)] if failures else ["No failures."]
        confirm = self.with_status("to confirm")
        if confirm:
            lines += [
                "",
                "To confirm (not failures: facts whose value is not stated or unconfirmed):",
            ]
            lines += [c.line() for c in confirm]
        overdue = self.with_status("overdue")
        if overdue:
            lines += ["", "Overdue for review (not failures):", *(c.line() for c in overdue)]
        exempted = self.with_status("exempted")
        if exempted:
            lines += ["", "Exempted quotations:", *(c.line() for c in exempted)]
        lines += ["", "Cases by kind:", *self.per_kind(), "", self.summary()]
        return "\n".join(lines) + "\n"

    def render_json(self) -> str:
        payload = {
            "passed": self.passed,
            "failed": self.failed,
            "cases": [
                asdict(c) for c in sorted(self.cases, key=lambda c: (c.filename, c.lineno, c.kind))
            ],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"

    def write(self, outdir: Path) -> None:
        outdir.mkdir(parents=True, exist_ok=True)
        (outdir / "output.txt").write_text(self.render_text(), encoding="utf-8")
        (outdir / "output.json").write_text(self.render_json(), encoding="utf-8")
