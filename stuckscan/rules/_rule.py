"""What a rule is: its public metadata, its fixes with the conditions under which they apply,
and what a longer log would confirm when its evidence is thin.

Each rule lives in its own module (``rc02_ghost_run.py``...) with its detector beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from stuckscan._dataclass import dataclass
from stuckscan.model import RuleRef, Severity

if TYPE_CHECKING:
    from stuckscan.rules._detect import Candidate

WEDGED_POLICY = "error when the session is wedged longer than the abort threshold (360 s by default), otherwise warning"


class FixContext:
    """What a fix's condition may look at: the finding (``candidate``), the incident or episode
    view it was found on (``view``), and the OpenClaw build the log shows (``build``)."""

    __slots__ = ("candidate", "view", "build")

    def __init__(self, candidate: Candidate, view: Any, build: Any) -> None:
        self.candidate = candidate
        self.view = view
        self.build = build

    def fact(self, name: str, default: Any = None) -> Any:
        return self.candidate.facts.get(name, default)


@dataclass(frozen=True, slots=True)
class Fix:
    """One action, most direct first in a rule's list. ``when`` decides whether the evidence
    calls for it (None: always); ``condition`` says so in words for the rule's page."""

    text: str
    when: Callable[[FixContext], bool] | None = None
    condition: str = ""

    def applies(self, context: FixContext) -> bool:
        return self.when is None or bool(self.when(context))


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    slug: str
    title: str
    summary: str
    severity_policy: str
    default_severity: Severity
    scope: str                      # "session" or "gateway"
    signature: tuple[str, ...]
    evidence: tuple[str, ...]
    actions: tuple[Fix, ...]
    references: tuple[str, ...] = ()
    benign: bool = False
    notes: tuple[str, ...] = ()     # facts worth knowing that are not actions
    confirm: str = ""               # what a longer log would confirm, for findings on thin evidence

    @property
    def fixes(self) -> tuple[str, ...]:
        """Every fix's text, in order (the rule's page; a finding shows only those that apply)."""
        return tuple(fix.text for fix in self.actions)

    @property
    def short_severity(self) -> str:
        if self.severity_policy == WEDGED_POLICY:
            return "warning, error if wedged > 360 s"
        return self.default_severity.value

    @property
    def ref(self) -> RuleRef:
        return RuleRef(self.id, self.slug, self.title)

    def fixes_for(self, context: FixContext) -> list[str]:
        return [fix.text for fix in self.actions if fix.applies(context)]
