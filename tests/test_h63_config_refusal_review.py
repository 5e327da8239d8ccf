"""h63, review of n66 (c0ec13a4): a config file OpenClaw refuses (config.invalid) is no stall, but not "no fault".

A gateway whose service manager restarts it on a config that fails validation refuses it every time and never runs:
fifty `Gateway aborted: config is invalid.` (or the loader's `Invalid config at <path>:`) read as "No stuck sessions and
no gateway-wide problems found" said nothing of a gateway that cannot start, where fifty `Gateway failed to start: ...`
are named ("read, short of a stall"). config.invalid is now read as gateway.start_failed is: an empty result names the
lines, with a sentence on what they mean, and still passes `--fail-on warning` (no class names it, nothing is held).
A service diagnostic (gateway.service_diagnostic) stays no fault. A refusal in a busy log hides no stall after it.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner

from stuckscan.cli import cli
from stuckscan.unexplained import CONFIG_REFUSAL_READING, NOT_A_STALL_KINDS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_logs" / "openclaw-2026-05-21.log"


def _journald_loop(count: int) -> str:
    lines = []
    for n in range(count):
        stamp = f"Feb 25 16:{n // 6:02d}:{(n % 6) * 10:02d} srv1"
        lines += [f"{stamp} node[{9000 + n}]: Gateway aborted: config is invalid.",
                  f"{stamp} node[{9000 + n}]: agents.defaults.pdfModel: Unrecognized key",
                  f'{stamp} node[{9000 + n}]: Fix the config and retry, or run "openclaw doctor" to repair.',
                  f"{stamp} systemd[1]: openclaw-gateway.service: Main process exited, code=exited, "
                  "status=1/FAILURE"]
    return "\n".join(lines) + "\n"


def _loader_loop(count: int) -> str:
    return "".join(f"2026-02-25T16:{n // 6:02d}:{(n % 6) * 10:02d}.000Z [gateway] Invalid config at "
                   "/home/u/.openclaw/openclaw.json:\\n- agents.defaults.pdfModel: Unrecognized key\n"
                   for n in range(count))


def _jsonl_loop(count: int) -> str:
    lines = []
    for n in range(count):
        time = f"2026-02-25T16:{n // 6:02d}:{(n % 6) * 10:02d}.000Z"
        lines.append(json.dumps({"0": "Gateway aborted: config is invalid.",
                                 "_meta": {"name": "openclaw", "date": time, "logLevelId": 5,
                                           "logLevelName": "ERROR"}, "time": time}))
    return "\n".join(lines) + "\n"


def _scan(tmp_path: Path, text: str, *args: str) -> tuple[int, str]:
    log = tmp_path / "gateway.log"
    log.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", "--date", "2026-02-25", *args, str(log)], catch_exceptions=False)
    return result.exit_code, result.output


def test_a_gateway_refusing_its_config_fifty_times_is_named_not_an_all_clear(tmp_path: Path) -> None:
    for text in (_journald_loop(50), _loader_loop(50), _jsonl_loop(50)):
        code, output = _scan(tmp_path, text, "--fail-on", "warning")
        assert code == 0, output
        assert "No stuck sessions and no gateway-wide problems found" not in output
        assert "No fault in these lines" not in output
        assert "No stall in these lines, though some are warnings or errors" in output
        assert "config.invalid \u00d750" in output
        assert "OpenClaw refused as invalid" in " ".join(output.split())


def test_the_json_report_counts_the_refusals_as_judged_lines(tmp_path: Path) -> None:
    code, output = _scan(tmp_path, _loader_loop(50), "--format", "json", "--fail-on", "warning")
    assert code == 0
    summary = json.loads(output)["summary"]
    assert summary["judged"]["lines"] == 50
    assert not summary.get("unexplained", {}).get("lines")
    assert any(CONFIG_REFUSAL_READING in text for text in summary["explanations"])


def test_config_invalid_is_read_short_of_a_stall_and_a_service_diagnostic_stays_no_fault(tmp_path: Path) -> None:
    assert "config.invalid" not in NOT_A_STALL_KINDS and "gateway.service_diagnostic" in NOT_A_STALL_KINDS
    code, output = _scan(tmp_path, "Gateway service disabled.\n", "--fail-on", "warning")
    assert code == 0 and "No fault in these lines" in output


def test_a_refusal_in_a_busy_log_then_a_restart_hides_no_stall_after_it(tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    time = "2026-05-21T00:03:10.000Z"
    refusal = [json.dumps({"0": text, "_meta": {"name": "openclaw", "date": time, "logLevelId": 5,
                                                "logLevelName": "ERROR"}, "time": time})
               for text in ("Config invalid", "Gateway aborted: config is invalid.",
                            "Invalid config at /home/u/.openclaw/openclaw.json:\\n- agents.x.y: Unrecognized key")]
    for text in ("\n".join(lines) + "\n", "\n".join([*lines[:10], *refusal, *lines[10:]]) + "\n"):
        code, output = _scan(tmp_path, text, "--format", "json", "--fail-on", "never")
        report = json.loads(output)
        rules = sorted(item["rootCause"]["rule"] for item in [*report["incidents"], *report["episodes"]]
                       if item.get("rootCause"))
        assert rules == ["RC02", "RC12"]


class _Undecoded:
    """A lazy event's stand-in whose fields must not be read (decoding them is what costs)."""

    kind = "lane.task_done"
    subsystem = None
    message = "lane task done: lane=main durationMs=10"

    def __init__(self, time: datetime) -> None:
        self.time = time

    @property
    def fields(self) -> dict:
        raise AssertionError("fields decoded for a line outside the episode's window")


def test_an_answered_or_progress_line_outside_an_open_episode_window_is_not_decoded() -> None:
    # (h63 measure: n64 made every answered/progress line of an open episode decode its fields for its channel, even
    # past the episode's window where nothing can come of it: +20 % CPU on the turns benchmark; the time test first)
    from stuckscan.correlator import EPISODE_GAP, EpisodeRecord, note_answered, note_progress

    start = datetime(2026, 5, 21, 10, 0, tzinfo=timezone.utc)
    episode = EpisodeRecord(seq=1, start=start, end=start + timedelta(minutes=1))
    episode.answered_after = episode.progressed_after = start + timedelta(seconds=30)
    late = _Undecoded(start + timedelta(minutes=1) + EPISODE_GAP + timedelta(seconds=1))
    note_answered(episode, late)  # type: ignore[arg-type]
    note_progress(episode, late)  # type: ignore[arg-type]
    assert episode.answered_by == {} and episode.progressed_by == {}


def test_the_channel_of_a_lazy_line_is_read_without_tokenizing_it_and_as_tokenizing_would() -> None:
    # (h63 measure: served_channel tokenized every lazy line served after an episode to read its channel fields)
    from stuckscan.channels import served_channel
    from stuckscan.parser import LazyEvent

    messages = {
        "lane task done: lane=session:agent:main:telegram:direct:42 durationMs=12 active=0 queued=0": "telegram",
        "lane task done: lane=main durationMs=12 active=0 queued=0": "",
        "message processed: sessionKey=agent:main:discord:channel:9 outcome=completed duration=5ms": "discord",
        "message processed: sessionKey=agent:main:main outcome=completed duration=5ms": "",
        "message queued: sessionKey=agent:main:main source=telegram queueDepth=1": "telegram",
        "message processed: channel=slack sessionKey=agent:main:main outcome=completed": "slack",
        "message processed: messageChannel=whatsapp sessionKey=agent:main:main outcome=completed": "whatsapp",
    }
    for message, channel in messages.items():
        start = message.index(": ") + 2
        lazy = LazyEvent.deferred("<h63>", 1, None, "info", None, "lane.task_done", message, start)
        tokenized = LazyEvent.deferred("<h63>", 1, None, "info", None, "lane.task_done", message, start)
        assert tokenized.fields is not None  # (tokenized now)
        assert served_channel(lazy) == served_channel(tokenized) == channel, message
        assert lazy._kv is not None, message  # (still lazy: its channel keys peeked, PEEKABLE, nothing tokenized)
