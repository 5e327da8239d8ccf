"""RC18 and the labelling policy "one health-monitor restart" (tests/field/README.md): one restart of one channel
account, with or without the disconnect before it or the reconnect after it, is the monitor doing its job (an info
note, no warning); two restarts, the channel's own restart cycle past its first attempt, or the channel still failing
after the restart stay a restart loop at warning. Lines written for these tests, of the shapes OpenClaw logs."""

from __future__ import annotations

from stuckscan.model import Analysis
from tests.test_pasted_readings import analyze_text


def restart(account: str = "zulu:ops", reason: str = "stale-socket", clock: str = "2026-02-03T04:05:06.000Z") -> str:
    return f"{clock} [health-monitor] [{account}] health-monitor: restarting (reason: {reason})"


def at(clock: str, text: str) -> str:
    return f"2026-02-03T{clock}.000Z {text}"


def rc18_severity(analysis: Analysis) -> str | None:
    """The severity of the RC18 finding the lines make ("info", "warning"), or None when they make none."""
    found = [e.primary for e in [*analysis.incidents, *analysis.episodes] if e.primary and e.primary.rule.id == "RC18"]
    return max((f.severity.value for f in found), key=("info", "warning", "error").index, default=None)


def test_one_restart_of_one_account_is_said_at_info_whatever_its_reason() -> None:
    for reason in ("stale-socket", "disconnected", "stopped", "stuck"):
        analysis = analyze_text(restart("signal:home", reason))
        assert rc18_severity(analysis) == "info", reason
        assert "monitor doing its job" in analysis.episodes[0].primary.summary


def test_one_restart_with_the_disconnect_before_it_or_the_provider_starting_after_it_is_said_at_info() -> None:
    dropped = at("04:05:00", "[slack] slack socket disconnected (close); reconnecting in 2s (attempt 1/12)")
    one = restart("slack:team", "disconnected")
    starting = at("04:05:07", "[slack] [team] starting provider")
    assert rc18_severity(analyze_text(dropped, one)) == "info"
    assert rc18_severity(analyze_text(one, starting)) == "info"
    # the manager's first attempt right after the monitor's restart is that restart, not a cycle
    first = at("04:05:06", "[team] auto-restart attempt 1/10 in 5s")
    assert rc18_severity(analyze_text(one, first)) == "info"


def test_a_reporters_note_that_a_restart_repeats_is_prose_not_a_second_restart() -> None:
    assert rc18_severity(analyze_text(restart("telegram:ops"), "[ops] starting provider (@relayBot)",
                                      "# this repeats every ~40 min")) == "info"


def test_two_restarts_of_one_account_or_restarts_of_several_accounts_stay_a_loop_at_warning() -> None:
    again = restart("signal:home", "stale-socket", "2026-02-03T04:40:06.000Z")
    assert rc18_severity(analyze_text(restart("signal:home"), again)) == "warning"
    assert rc18_severity(analyze_text(restart("signal:home"), restart("signal:work"))) == "warning"


def test_one_restart_beside_the_channels_own_cycle_past_its_first_attempt_stays_at_warning() -> None:
    one = restart("line:shop", "stopped")
    assert rc18_severity(analyze_text(one, at("04:05:09", "[shop] auto-restart attempt 4/10 in 40s"))) == "warning"
    assert rc18_severity(analyze_text(one, at("04:05:09", "[shop] giving up after 10 restart attempts"))) == "warning"
    dropped = at("04:05:00", "[slack] slack socket disconnected (close); reconnecting in 2s (attempt 1/12)")
    dropped_again = at("04:05:10", "[slack] slack socket disconnected (close); reconnecting in 4s (attempt 2/12)")
    assert rc18_severity(analyze_text(dropped, restart("slack:team", "disconnected"), dropped_again)) == "warning"


def test_one_restart_with_the_channel_still_failing_after_it_stays_at_warning() -> None:
    one = restart("telegram:ops")
    hung = at("04:06:00", "[telegram] [ops] channel stop exceeded 5000ms after abort; continuing shutdown")
    assert rc18_severity(analyze_text(one, hung)) == "warning"
    refused = at("04:06:00", "[telegram] getMe attempt 3/3 failed: fetch timeout after 15000ms")
    assert rc18_severity(analyze_text(one, refused)) == "warning"
    no_listener = at("04:06:00", "Error: No active WhatsApp Web listener (account: default). Start the gateway, "
                                 "then link WhatsApp")
    assert rc18_severity(analyze_text(restart("whatsapp:default"), no_listener)) == "warning"


def test_one_restart_with_the_same_channels_connect_failing_later_in_the_log_stays_at_warning() -> None:
    # (a failure hours later, in an episode of its own: the log still shows the channel failing after the restart)
    later = at("12:05:06", "[signal] Signal SSE stream error: TypeError: fetch failed")
    assert analyze_text(restart("signal:home"), later).episodes[0].severity.value == "warning"
    # (another channel's failure is not this channel still failing)
    assert analyze_text(restart("zulu:ops"), later).episodes[0].severity.value == "info"


# -- f57: the monitor's own count, "restarting (reason: <r>, consecutive: <n>)" (a stored build of
# src/gateway/channel-health-monitor.ts with back-off: n restarts of the account with no stable stretch between them)

def counted(n: int, account: str = "zalo:default", clock: str = "2026-02-03T04:05:06.000Z") -> str:
    return f"{clock} [health-monitor] [{account}] health-monitor: restarting (reason: disconnected, consecutive: {n})"


def test_a_lone_restart_at_consecutive_1_reads_as_one_restart_today() -> None:
    plain = analyze_text(restart("zalo:default", "disconnected"))
    first = analyze_text(counted(1))
    assert rc18_severity(first) == rc18_severity(plain) == "info"
    assert "monitor doing its job" in first.episodes[0].primary.summary


def test_a_lone_restart_past_its_first_count_reads_as_two_restarts_today() -> None:
    two_lines = analyze_text(restart("zalo:default", "disconnected"),
                             restart("zalo:default", "disconnected", "2026-02-03T04:40:06.000Z"))
    assert rc18_severity(two_lines) == "warning"
    for n in (2, 4):
        analysis = analyze_text(counted(n))
        assert rc18_severity(analysis) == rc18_severity(two_lines), n
        assert f"consecutive: {n}" in analysis.episodes[0].primary.summary
    # (a count of another channel's restart says nothing of this one's: each counted line is its own account's)
    assert rc18_severity(analyze_text(counted(3, "signal:home"))) == "warning"


def test_a_restart_without_the_count_stays_one_restart() -> None:
    assert rc18_severity(analyze_text(restart("zalo:default", "disconnected"))) == "info"


def test_a_healthy_sequence_at_consecutive_1_stays_as_today() -> None:
    up = "2026-02-03T04:05:16.000Z [zalo] [default] Zalo polling loop started timeout=30s"
    assert rc18_severity(analyze_text(restart("zalo:default", "disconnected"), up)) is None
    assert rc18_severity(analyze_text(counted(1), up)) is None
    # (the count past 1 with the channel up after it is a loop the last restart ended, as two restart lines are)
    two_lines = analyze_text(restart("zalo:default", "disconnected", "2026-02-03T03:30:06.000Z"),
                             restart("zalo:default", "disconnected"), up)
    assert rc18_severity(analyze_text(counted(3), up)) == rc18_severity(two_lines) == "warning"


# -- n54: the monitor's own heal, "[<ch>:<acct>] health-monitor: channel stable after <n> restart(s), resetting
# counter" (the same back-off build: logged once the restarted account has been healthy at every check for 5 min)

def stable(n: int, account: str = "zalo:default", clock: str = "2026-02-03T04:11:06.000Z") -> str:
    return (f"{clock} [health-monitor] [{account}] health-monitor: channel stable after {n} restart(s), "
            "resetting counter")


def test_a_counted_restart_the_monitor_then_found_stable_is_said_as_recovered_at_info() -> None:
    analysis = analyze_text(counted(2), stable(2))
    primary = analysis.episodes[0].primary
    assert primary.rule.id == "RC18"  # (the restarts stay a loop; the loop ended)
    assert rc18_severity(analysis) == "info"
    assert primary.confidence.value == "low"
    assert "stable after 2 restart(s)" in primary.summary and "came back" in primary.summary
    assert "stopped delivering" not in primary.summary
    # two restart lines of the account and its stable line after both: the same heal
    two_lines = analyze_text(restart("zalo:default", "disconnected", "2026-02-03T03:30:06.000Z"),
                             restart("zalo:default", "disconnected"), stable(2))
    assert rc18_severity(two_lines) == "info"


def test_a_restart_after_the_stable_line_or_a_failure_after_it_stays_a_loop_at_warning() -> None:
    again = counted(1, clock="2026-02-03T05:11:06.000Z")
    assert rc18_severity(analyze_text(counted(2), stable(2), again)) == "warning"
    # (a stable line before the restarts heals none of them)
    assert rc18_severity(analyze_text(stable(1, clock="2026-02-03T03:00:06.000Z"), counted(2))) == "warning"
    # (another account's stable line says nothing of this one)
    assert rc18_severity(analyze_text(counted(2), stable(2, "signal:home"))) == "warning"
    # (nor does one account's heal cover another account still restarting)
    assert rc18_severity(analyze_text(counted(2), counted(3, "signal:home"), stable(2))) == "warning"
    no_listener = at("04:12:00", "Error: No active WhatsApp Web listener (account: default). Start the gateway, "
                                 "then link WhatsApp")
    assert rc18_severity(analyze_text(counted(2, "whatsapp:default"), stable(2, "whatsapp:default"),
                                      no_listener)) == "warning"
    # (the monitor's hourly limit hit on the way is a loop it counted, whatever followed)
    limit = "2026-02-03T04:06:06.000Z [health-monitor] [zalo:default] health-monitor: hit 10 restarts/hour limit, skipping"
    assert rc18_severity(analyze_text(counted(2), limit, stable(2))) == "warning"


def test_a_healthy_sequence_with_the_stable_line_stays_quiet() -> None:
    # the stable line alone (its restarts before the excerpt) is no fault
    alone = analyze_text(stable(1))
    assert rc18_severity(alone) is None and not alone.episodes
    # one restart then stable: one restart, the monitor doing its job, as before
    assert rc18_severity(analyze_text(counted(1), stable(1))) == "info"
    up = "2026-02-03T04:05:16.000Z [zalo] [default] Zalo polling loop started timeout=30s"
    assert rc18_severity(analyze_text(counted(1), up, stable(1))) is None


# -- n56: the fixes of a healed loop: the channel came back on its own, so no restart is advised; what keeps the loop
# from coming back (the monitor's thresholds; the stale-socket upgrade when the restarts were for stale sockets) stays

RESTART_FIX = "Restart the channel or the gateway."


def rc18_fixes(analysis: Analysis) -> list[str]:
    [finding] = [e.primary for e in [*analysis.incidents, *analysis.episodes] if e.primary and e.primary.rule.id == "RC18"]
    return finding.fixes


def test_a_loop_the_monitor_found_stable_is_not_told_to_restart_the_channel() -> None:
    fixes = rc18_fixes(analyze_text(counted(2), stable(2)))
    assert RESTART_FIX not in fixes
    assert "Tune the health-monitor thresholds." in fixes
    stale = rc18_fixes(analyze_text(restart("zalo:default", "stale-socket", "2026-02-03T03:30:06.000Z"),
                                    restart("zalo:default", "stale-socket"), stable(2)))
    assert RESTART_FIX not in stale
    assert stale[0].startswith("Upgrade (PR #34113") and "Tune the health-monitor thresholds." in stale


def test_a_loop_still_failing_keeps_the_restart_fix() -> None:
    # (the other RC18 readings keep their fixes: a loop with no stable line, a restart after the stable line, one
    # restart said at info)
    assert rc18_fixes(analyze_text(counted(2)))[0] == RESTART_FIX
    assert rc18_fixes(analyze_text(counted(2), stable(2), counted(1, clock="2026-02-03T05:11:06.000Z")))[0] == RESTART_FIX
    assert rc18_fixes(analyze_text(restart("signal:home")))[0] == RESTART_FIX


# -- h56 review: an elided account (a paste that hid the names) may be several accounts under one mark

def test_elided_accounts_one_healed_and_one_still_restarting_stay_a_loop_at_warning() -> None:
    # two Telegram accounts, both shown as [telegram:…]: each counts 1, then 2; one stable line follows. It may be
    # either account's, so the other may still be restarting: no heal
    # (named, the same lines keep the warning too: one account has no stable line)
    for first, second in (("telegram:…", "telegram:…"), ("telegram:default", "telegram:work")):
        lines = analyze_text(counted(1, first, "2026-02-03T03:30:06.000Z"), counted(1, second, "2026-02-03T03:31:06.000Z"),
                             counted(2, first, "2026-02-03T03:40:06.000Z"), counted(2, second, "2026-02-03T03:41:06.000Z"),
                             stable(2, first, "2026-02-03T03:50:06.000Z"))
        assert rc18_severity(lines) == "warning", (first, second)


def test_one_elided_account_whose_count_runs_up_to_its_stable_line_is_healed() -> None:
    one = analyze_text(counted(1, "telegram:…", "2026-02-03T03:30:06.000Z"),
                       counted(2, "telegram:…", "2026-02-03T03:40:06.000Z"),
                       stable(2, "telegram:…", "2026-02-03T03:50:06.000Z"))
    assert rc18_severity(one) == "info"
    # (a stable line stating another count than the last restart's is not that run's end)
    other = analyze_text(counted(1, "telegram:…", "2026-02-03T03:30:06.000Z"),
                         counted(2, "telegram:…", "2026-02-03T03:40:06.000Z"),
                         stable(1, "telegram:…", "2026-02-03T03:50:06.000Z"))
    assert rc18_severity(other) == "warning"
