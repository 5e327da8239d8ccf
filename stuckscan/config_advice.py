"""Fixes that name the user's own config values, and the contradictions between them.

The rules' fixes say which knob to turn; with the gateway's config at hand, this module
adds what the knob is set to now and where two settings work against each other (a
provider timeout at or above the abort threshold, so the watchdog aborts the run before
the provider can fail over: #121018). :func:`advice_for` is applied to each finding after
classification (``analysis.py``); the rule modules' own fix lists are not touched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from stuckscan._dataclass import dataclass
from stuckscan.config import ABORT_KEY, WARN_KEY, GatewayConfig, number_at
from stuckscan.thresholds import Thresholds

IDLE_KEY = "agents.defaults.llm.idleTimeoutSeconds"
RUN_TIMEOUT_KEY = "agents.defaults.timeoutSeconds"
COMPACTION_KEY = "agents.defaults.compaction.timeoutSeconds"
FALLBACKS_KEY = "agents.defaults.model.fallbacks"
MAX_CONCURRENT_KEYS = ("agents.defaults.maxConcurrent", "agents.defaults.subagents.maxConcurrent")
PROVIDERS_KEY = "models.providers"
# Upstream defaults (root-causes.md, "Config and command knobs"): used when the config leaves a value unset.
RUN_TIMEOUT_DEFAULT = 600.0
COMPACTION_DEFAULT = 900.0
MAX_PROVIDERS_NAMED = 5
STALL_CLASSES = frozenset({"RC01", "RC02", "RC03", "RC05", "RC06", "RC07", "RC15", "RC16", "RC17"})


@dataclass(frozen=True, slots=True)
class AdviceContext:
    config: GatewayConfig
    thresholds: Thresholds

    @property
    def abort(self) -> float:
        return self.thresholds.abort_seconds


Advisor = Callable[[AdviceContext], list[str]]


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _abort_phrase(context: AdviceContext) -> str:
    origin = "your `diagnostics.stuckSessionAbortMs`" if context.thresholds.abort_origin == ABORT_KEY else "the default"
    return f"the abort threshold ({_seconds(context.abort)}, {origin})"


def idle_timeout_vs_abort(context: AdviceContext) -> list[str]:
    idle = number_at(context.config, IDLE_KEY)
    if idle is None or idle < context.abort:
        return []
    return [f"Your `{IDLE_KEY}` ({idle:g}) is at or above {_abort_phrase(context)}: the watchdog aborts the run "
            f"before the idle timeout can fail over. Set it below {_seconds(context.abort)} (#121018)."]


def provider_timeouts_vs_abort(context: AdviceContext) -> list[str]:
    too_long = [(name, value) for name, value in provider_timeouts(context.config) if value >= context.abort]
    if not too_long:
        return []
    named = ", ".join(f"`{PROVIDERS_KEY}.{name}.timeoutSeconds` ({value:g})" for name, value in too_long[:MAX_PROVIDERS_NAMED])
    more = f" and {len(too_long) - MAX_PROVIDERS_NAMED} more" if len(too_long) > MAX_PROVIDERS_NAMED else ""
    return [f"Your {named}{more} {'is' if len(too_long) == 1 else 'are'} at or above {_abort_phrase(context)}: "
            f"the watchdog aborts before the provider timeout can fail over. Keep them below "
            f"{_seconds(context.abort)} (#121018)."]


def timeouts_unset(context: AdviceContext) -> list[str]:
    if number_at(context.config, IDLE_KEY) is not None or provider_timeouts(context.config):
        return []
    return [f"Your config sets neither `{IDLE_KEY}` nor any `{PROVIDERS_KEY}.<id>.timeoutSeconds`: set one below "
            f"{_abort_phrase(context)} so a hung call times out and fails over before the watchdog aborts it."]


def no_fallbacks(context: AdviceContext) -> list[str]:
    fallbacks = context.config.get(FALLBACKS_KEY)
    if isinstance(fallbacks, list) and any(isinstance(item, str) and item for item in fallbacks):
        return []
    return [f"Your config lists no fallback models (`{FALLBACKS_KEY}` is empty or unset): add at least one so a "
            "hung or failing provider can fail over to another model."]


def warn_vs_abort(context: AdviceContext) -> list[str]:
    thresholds = context.thresholds
    if thresholds.warn_origin == "default" and thresholds.abort_origin != ABORT_KEY:
        return []
    if thresholds.abort_seconds > thresholds.warn_seconds:
        return []
    return [f"Your `{ABORT_KEY}` ({_seconds(thresholds.abort_seconds)}) is not above `{WARN_KEY}` "
            f"({_seconds(thresholds.warn_seconds)}): sessions are aborted before or as they are first warned about."]


def abort_threshold_lowerable(context: AdviceContext) -> list[str]:
    if context.thresholds.abort_origin != ABORT_KEY:
        return []
    return [f"Your `{ABORT_KEY}` is {_seconds(context.abort)}: a stuck session waits that long before the gateway "
            "aborts it; lower it if runs this long are never legitimate."]


def abort_threshold_raisable(context: AdviceContext) -> list[str]:
    thresholds = context.thresholds
    origin = f"your `{ABORT_KEY}`" if thresholds.abort_origin == ABORT_KEY else "the default"
    return [f"The abort threshold is {_seconds(thresholds.abort_seconds)} ({origin}); raise `{ABORT_KEY}` above the "
            "longest healthy silence of this backend so healthy runs are not aborted."]


def run_timeout_vs_abort(context: AdviceContext) -> list[str]:
    run = number_at(context.config, RUN_TIMEOUT_KEY)
    if run is None or run < context.abort:
        return []
    return [f"Your `{RUN_TIMEOUT_KEY}` ({run:g}) is at or above {_abort_phrase(context)}: the stall watchdog acts "
            "before the run timeout and its cleanup do."]


def compaction_vs_run_timeout(context: AdviceContext) -> list[str]:
    compaction = number_at(context.config, COMPACTION_KEY)
    run = number_at(context.config, RUN_TIMEOUT_KEY)
    if compaction is None and run is None:
        return []
    compaction_value = compaction if compaction is not None else COMPACTION_DEFAULT
    run_value = run if run is not None else RUN_TIMEOUT_DEFAULT
    lines: list[str] = []
    if compaction_value > run_value:
        lines.append(f"`{COMPACTION_KEY}` ({_described(compaction, COMPACTION_DEFAULT)}) is longer than "
                     f"`{RUN_TIMEOUT_KEY}` ({_described(run, RUN_TIMEOUT_DEFAULT)}): the run times out while compaction "
                     "is still allowed to run. Set the compaction timeout below the run timeout.")
    if compaction is not None and compaction >= context.abort:
        lines.append(f"Your `{COMPACTION_KEY}` ({compaction:g}) is at or above {_abort_phrase(context)}: a slow "
                     "compaction is aborted as a stuck session before its own timeout fires.")
    return lines


def max_concurrent(context: AdviceContext) -> list[str]:
    found = [(key, value) for key in MAX_CONCURRENT_KEYS if (value := number_at(context.config, key)) is not None]
    if not found:
        return []
    named = " and ".join(f"`{key}` is {value:g}" for key, value in found)
    return [f"Your {named}: lower it to relieve the event loop."]


def _described(value: float | None, default: float) -> str:
    return f"{value:g}" if value is not None else f"unset: {default:g} s by default"


def provider_timeouts(config: GatewayConfig) -> list[tuple[str, float]]:
    """(provider id, timeoutSeconds) for each configured provider that sets one."""
    providers = config.get(PROVIDERS_KEY)
    if not isinstance(providers, Mapping):
        return []
    found: list[tuple[str, float]] = []
    for name, settings in providers.items():
        value: Any = settings.get("timeoutSeconds") if isinstance(settings, Mapping) else None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            found.append((str(name), float(value)))
    return found


ADVISORS: dict[str, tuple[Advisor, ...]] = {
    "RC01": (idle_timeout_vs_abort, provider_timeouts_vs_abort, timeouts_unset, no_fallbacks),
    "RC03": (abort_threshold_lowerable,),
    "RC04": (abort_threshold_raisable,),
    "RC07": (abort_threshold_lowerable,),
    "RC10": (no_fallbacks,),
    "RC12": (max_concurrent,),
    "RC15": (run_timeout_vs_abort,),
    "RC16": (compaction_vs_run_timeout,),
}


def advice_for(rule_id: str, config: GatewayConfig | None, thresholds: Thresholds) -> list[str]:
    """The config-specific fix lines for a finding of ``rule_id`` (none without a config)."""
    if config is None:
        return []
    context = AdviceContext(config, thresholds)
    lines: list[str] = []
    advisors = ADVISORS.get(rule_id, ())
    if rule_id in STALL_CLASSES:
        advisors = (*advisors, warn_vs_abort)
    for advisor in advisors:
        lines.extend(line for line in advisor(context) if line not in lines)
    return lines
