"""RC18 on three shapes the field corpus showed (f489, f652, f838): one account's provider started again and again at a
regular interval with no gateway restart line between (labelling policy "channel reconnect burst"), signal-cli's start
held by another instance's lock, and a webhook channel's deliveries refused on the gateway's port. Lines written for
these tests, of the shapes OpenClaw, signal-cli and a webhook sender log."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from stuckscan.analysis import analyze_paths
from stuckscan.channels import regular_steps
from stuckscan.parallel import analyze_paths_fast
from tests.test_pasted_readings import analyze_text

SLACK = '{"subsystem":"gateway/channels/slack"}'


def rc18(*lines: str):
    """The RC18 finding the lines make (the first), or None."""
    analysis = analyze_text(*lines)
    found = [e.primary for e in [*analysis.incidents, *analysis.episodes] if e.primary and e.primary.rule.id == "RC18"]
    return found[0] if found else None


def start(clock: str, account: str = "default", channel: str = "slack") -> str:
    return f'2026-04-14T{clock}.000-07:00 info {{"subsystem":"gateway/channels/{channel}"}} [{account}] starting provider'


def connected(clock: str) -> str:
    return f"2026-04-14T{clock}.500-07:00 info {SLACK} slack socket mode connected"


# -- a provider started at a regular interval

def test_three_regular_starts_with_no_restart_line_between_are_a_restart_loop_at_medium_confidence() -> None:
    finding = rc18(start("11:27:24"), connected("11:27:25"), start("12:02:24"), connected("12:02:26"),
                   start("12:37:24"), connected("12:37:25"))
    assert finding is not None
    assert finding.confidence.value == "medium"
    assert "3 times in a row" in finding.summary and "35 min" in finding.summary
    assert "no gateway start, restart or shutdown line" in finding.summary


def test_a_fast_regular_loop_and_one_that_goes_on_count_every_start() -> None:
    clocks = ["10:00:00", "10:00:30", "10:01:01", "10:01:30", "10:02:00"]
    finding = rc18(*(start(c) for c in clocks))
    assert finding is not None and "5 times in a row" in finding.summary and "30 s" in finding.summary


def test_two_starts_only_are_no_fault() -> None:
    assert rc18(start("11:27:24"), connected("11:27:25"), start("12:02:24"), connected("12:02:26")) is None


def test_starts_with_a_gateway_restart_line_between_are_the_gateways_starts() -> None:
    restart = '2026-04-14T{}.000-07:00 info {{"subsystem":"gateway"}} signal SIGUSR1 received'
    ready = '2026-04-14T{}.000-07:00 info {{"subsystem":"gateway"}} listening on ws://127.0.0.1:18789 (PID 4242)'
    lines = []
    for clock, before in (("11:27:24", "11:27:20"), ("12:02:24", "12:02:20"), ("12:37:24", "12:37:20")):
        lines += [restart.format(before[:-2] + "10"), ready.format(before), start(clock), connected(clock)]
    assert rc18(*lines) is None


def test_starts_at_irregular_times_far_apart_are_no_fault() -> None:
    # (a gateway started by hand now and then: steps of 50 min and 2 h 10 min, or days apart)
    assert rc18(start("09:05:00"), start("09:55:00"), start("12:05:00")) is None
    days = [f"2026-04-{day}T09:0{day[-1]}:00.000-07:00 info {SLACK} [default] starting provider" for day in ("12", "13", "14")]
    assert rc18(*days) is None


def test_starts_of_different_accounts_are_not_one_loop() -> None:
    assert rc18(start("11:00:00", "a"), start("11:30:00", "b"), start("12:00:00", "c")) is None


def test_the_regular_steps_bound() -> None:
    t0 = datetime(2026, 4, 14, tzinfo=timezone.utc)
    at = [t0, t0 + timedelta(minutes=35), t0 + timedelta(minutes=70)]
    assert regular_steps(at) == timedelta(minutes=35)
    assert regular_steps(at[:2]) is None
    assert regular_steps([t0, t0 + timedelta(minutes=35), t0 + timedelta(minutes=75)]) is None  # (35 vs 40 min)
    assert regular_steps([t0, t0 + timedelta(hours=4), t0 + timedelta(hours=8)]) is None  # (hours apart: no loop)


def test_the_fast_path_reads_a_start_loop_as_the_full_one(tmp_path) -> None:
    log = tmp_path / "channels.log"
    lines = [start("11:27:24"), connected("11:27:25"), start("12:02:24"), connected("12:02:26"), start("12:37:24")]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    full, fast = analyze_paths([str(log)]), analyze_paths_fast([str(log)])
    assert [e.primary.rule.id for e in full.episodes if e.primary] == ["RC18"]
    assert [e.primary.rule.id for e in fast.episodes if e.primary] == ["RC18"]
    assert full.episodes[0].primary.summary == fast.episodes[0].primary.summary


# -- a channel daemon's start held by another instance

LOCKED = "signal-cli: Config file is in use by another instance, waiting…"


def test_signal_cli_waiting_on_the_config_lock_is_the_signal_channel_unable_to_start() -> None:
    for line in (LOCKED, f"- Log shows: `{LOCKED}`",
                 "2026-01-28T10:00:00Z [signal] signal-cli: INFO  SignalAccount - Config file is in use by another "
                 "instance, waiting..."):
        finding = rc18(line)
        assert finding is not None, line
        assert "could not start" in finding.summary and "exited" not in finding.summary
        assert any("signal-cli" in fix for fix in finding.fixes)


def test_the_lock_acquired_after_the_wait_is_no_fault() -> None:
    assert rc18("2026-01-28T10:00:00Z [signal] signal-cli: Config file is in use by another instance, waiting…",
                "2026-01-28T10:00:04Z [signal] signal-cli: Config file lock acquired.") is None


# -- a webhook channel's deliveries refused on the gateway's port

def test_webhook_deliveries_refused_on_the_gateway_port_are_lost_inbound_messages() -> None:
    rows = ["| Time (local) | Event |", "|---|---|",
            "| 11:08:35 | BB dispatches msg 1 → `connect ECONNREFUSED 127.0.0.1:18789`, no retry logged |",
            "| 11:08:53 | BB dispatches msg 2 → `ECONNREFUSED`, no retry |"]
    finding = rc18(*rows)
    assert finding is not None and finding.confidence.value == "medium"
    assert "refused 2 times" in finding.summary and "127.0.0.1:18789" in finding.summary
    sender = ("2026-04-14T11:08:{} [WebhookService] Failed to dispatch new-message to webhook "
              "http://127.0.0.1:18789/bluebubbles-webhook: connect ECONNREFUSED 127.0.0.1:18789")
    assert rc18(sender.format("35Z"), sender.format("53Z")) is not None


def test_one_refused_delivery_or_refusals_by_another_port_are_no_fault() -> None:
    assert rc18("11:08:35 BB dispatches msg 1 → connect ECONNREFUSED 127.0.0.1:18789") is None
    other = "2026-04-14T11:08:{} [delivery] deliver failed: connect ECONNREFUSED 127.0.0.1:1234"
    assert rc18(other.format("35Z"), other.format("53Z")) is None
    # (refusals that name no target are read only beside one that names the gateway's port)
    unnamed = "2026-04-14T11:08:{} webhook delivery failed: ECONNREFUSED"
    assert rc18(unnamed.format("35Z"), unnamed.format("53Z")) is None
    # (a CLI client refused by the gateway is no delivery)
    assert rc18("gateway connect failed: Error: connect ECONNREFUSED 127.0.0.1:18789",
                "gateway connect failed: Error: connect ECONNREFUSED 127.0.0.1:18789") is None


# -- deliveries refused on a gateway port other than the default (gateway.port, --port, OPENCLAW_GATEWAY_PORT)

_REFUSED_19001 = "2026-04-14T11:08:{} [WebhookService] Failed to dispatch new-message to webhook " \
    "http://127.0.0.1:19001/bluebubbles-webhook: connect ECONNREFUSED 127.0.0.1:19001"
_LISTENING_19001 = "2026-04-14T{} [gateway] listening on ws://127.0.0.1:19001, ws://[::1]:19001 (PID 4242)"


def test_refusals_on_the_port_the_gateway_start_line_names_are_read_before_or_after_it() -> None:
    refusals = [_REFUSED_19001.format("35Z"), _REFUSED_19001.format("53Z")]
    for lines in ([_LISTENING_19001.format("10:02:00Z"), *refusals],  # (the gateway started on it, then went away)
                  [*refusals, _LISTENING_19001.format("11:40:00Z")]):  # (the start that followed the refusals)
        finding = rc18(*lines)
        assert finding is not None and finding.confidence.value == "medium", lines
        assert "refused 2 times" in finding.summary and "127.0.0.1:19001" in finding.summary


def test_refusals_on_a_port_the_log_does_not_name_as_the_gateways_stay_unexplained_lines() -> None:
    refusals = [_REFUSED_19001.format("35Z"), _REFUSED_19001.format("53Z")]
    # (no start line: a delivery to another service, as before the family read the port; no episode)
    # (nor a start on another port, nor a plugin's own http server on that one)
    for lines in (refusals, [_LISTENING_19001.replace("19001", "19002").format("10:02:00Z"), *refusals],
                  ["2026-04-14T10:02:00Z [gateway] listening on ws://127.0.0.1:18789 (PID 4242)",
                   "2026-04-14T10:02:01Z [relay] listening on http://127.0.0.1:19001", *refusals]):
        analysis = analyze_text(*lines)
        assert not analysis.episodes and not analysis.incidents, lines
        assert analysis.unexplained.count == 2 and analysis.judged.count == 0, lines


def test_refusals_on_the_default_port_are_read_beside_a_start_on_another() -> None:
    refused = "2026-04-14T11:08:{} BB dispatches msg → connect ECONNREFUSED 127.0.0.1:18789"
    finding = rc18(_LISTENING_19001.format("10:02:00Z"), refused.format("35Z"), refused.format("53Z"))
    assert finding is not None and "127.0.0.1:18789" in finding.summary


def test_one_refusal_on_the_named_port_is_judged_short_of_a_stall() -> None:
    analysis = analyze_text(_LISTENING_19001.format("10:02:00Z"), _REFUSED_19001.format("35Z"))
    assert not analysis.episodes and analysis.unexplained.count == 0 and analysis.judged.count == 1


def test_refusals_while_the_gateway_restarts_are_said_at_info() -> None:
    """q54: a planned restart (SIGUSR1): the sender's deliveries refused for the seconds the gateway was down, then its
    start line on that port and messages served: a restart's window, at most info. A start on another port, or one
    that came back only after the stall detector's warn threshold, leaves the refusals a warning."""
    refused = "2026-04-14T11:08:{} [WebhookService] Failed to dispatch {} to webhook " \
        "http://127.0.0.1:18789/bluebubbles-webhook: connect ECONNREFUSED 127.0.0.1:18789"
    listening = "2026-04-14T{} [gateway] listening on ws://127.0.0.1:18789, ws://[::1]:18789 (PID {})"
    restart = [listening.format("11:00:00Z", 4242), "2026-04-14T11:08:00Z [gateway] signal SIGUSR1 received",
               "2026-04-14T11:08:00Z [gateway] received SIGUSR1; restarting",
               refused.format("04Z", "new-message"), refused.format("19Z", "updated-message"),
               listening.format("11:08:25Z", 4251),
               "2026-04-14T11:08:41Z [agent/embedded] embedded run start: runId=r1 sessionId=s1 provider=openai "
               "model=gpt-5 thinking=off messageChannel=bluebubbles",
               "2026-04-14T11:08:45Z [agent/embedded] embedded run done: runId=r1 sessionId=s1 durationMs=4000 "
               "aborted=false"]
    analysis = analyze_text(*restart)
    (episode,) = analysis.episodes
    assert episode.severity.value == "info" and episode.primary.confidence.value == "low"
    assert "while the gateway was down" in episode.primary.summary
    later = [line.replace("11:08:25Z", "11:40:00Z") for line in restart]  # (down half an hour: messages lost)
    elsewhere = [line.replace("18789, ws://[::1]:18789 (PID 4251)", "19001 (PID 4251)") for line in restart]
    for lines in (later, elsewhere):
        finding = rc18(*lines)
        assert finding is not None and finding.confidence.value == "medium" and finding.severity.value == "warning"


# -- healthy starts at a regular interval (q51)

def test_a_gateway_restarted_every_hour_seen_through_a_channel_only_view_is_no_loop() -> None:
    # (`openclaw channels logs --channel slack` keeps none of the gateway's start lines; a cron job restarts it hourly)
    view = ["Log file: /tmp/openclaw/openclaw-2026-04-14.log", "Channel: slack"]
    for clock in ("09:00:03", "10:00:05", "11:00:02", "12:00:04"):
        view += [start(clock), connected(clock)]
    assert rc18(*view) is None
    t0 = datetime(2026, 4, 14, tzinfo=timezone.utc)
    assert regular_steps([t0, t0 + timedelta(hours=2, seconds=3), t0 + timedelta(hours=4, seconds=1)]) is None


def test_a_config_or_secrets_reload_restarting_the_channel_breaks_the_run_of_starts() -> None:
    for restart in ("restarting slack channel", "restarting slack channel after secrets reload"):
        lines = []
        for clock in ("10:00:00", "10:20:00", "10:40:00"):
            lines += [f'2026-04-14T{clock}.000-07:00 info {{"subsystem":"gateway/channels"}} {restart}',
                      start(clock[:-1] + "1"), connected(clock[:-1] + "1")]
        assert rc18(*lines) is None, restart


def test_systemd_starting_the_gateway_unit_breaks_the_run_of_starts() -> None:
    lines = []
    for clock in ("09:00:00", "09:35:00", "10:10:00"):
        lines += [f"2026-04-14T{clock}.000-07:00 systemd[1]: Started openclaw-gateway.service - OpenClaw Gateway.",
                  start(clock[:-1] + "4")]
    assert rc18(*lines) is None
