"""w54: the newest CLI's wording of a gateway call's close (src/gateway/transport-error.ts, createGatewayCloseTransportError,
the stored version at commit d1c52c6111462f64ce8681b2c8c8ebee0cd558e7).

Older CLIs print ``gateway closed (<code> <hint>): <reason>``, the connection details and, under a 1006, the possible
causes (not yet ready, TLS mismatch, ``Gateway crashed or was terminated unexpectedly``). The newest know whether the
request had gone out: the request is sent only after the connect handshake's hello, and a close after it gets a
paragraph of its own, ``The request was already sent to the gateway, so the operation may have been applied even though
no response arrived; its outcome is unknown. ...``, and under a 1006 only ``Connection dropped without a close frame
(check network and gateway load)``. A close after the handshake is no handshake cut short: RC11's guess from the bare
close must not stand then. Every 1006 now ends its causes with ``- Gateway process stopped or became unreachable
(confirm it is still running)``, a hint, not the status row's ``unreachable (<reason>)``.
"""

from __future__ import annotations

from pathlib import Path

from stuckscan.analysis import analyze_events
from stuckscan.fastscan import iter_scan_events
from stuckscan.parser import ParseOptions, ParseStats, parse_text_lines

DETAILS = ["Gateway target: ws://127.0.0.1:18789", "Source: local loopback", "Config: /home/u/.openclaw/openclaw.json",
           "Bind: loopback"]
DISPATCHED = ("The request was already sent to the gateway, so the operation may have been applied even though no "
              "response arrived; its outcome is unknown. Verify the current state (for example, re-run the equivalent "
              "read-only command) before retrying, especially for write actions.")
CLOSE_1006 = "Error: gateway closed (1006 abnormal closure (no close frame)): no close reason"
CLOSE_1000 = "Error: gateway closed (1000 normal closure): no close reason"
NEW_HINTS_AFTER_DISPATCH = ["", "Possible causes:",
                            "- Connection dropped without a close frame (check network and gateway load)",
                            "- Gateway process stopped or became unreachable (confirm it is still running)",
                            "Run `openclaw doctor` for diagnostics."]
NEW_HINTS_BEFORE_DISPATCH = ["", "Possible causes:",
                             "- Connection dropped without a close frame (retry; check network and gateway load)",
                             "- Gateway not yet ready to accept connections (retry after a moment)",
                             "- TLS mismatch (connecting with ws:// to a wss:// gateway, or vice versa)",
                             "- Gateway process stopped or became unreachable (confirm it is still running)",
                             "Run `openclaw doctor` for diagnostics."]
OLD_HINTS = ["", "Possible causes:", "- Gateway not yet ready to accept connections (retry after a moment)",
             "- TLS mismatch (connecting with ws:// to a wss:// gateway, or vice versa)",
             "- Gateway crashed or was terminated unexpectedly", "Run `openclaw doctor` for diagnostics."]


def _analysis(lines: list[str]):
    return analyze_events(parse_text_lines(lines), ParseStats())


def _episode_classes(lines: list[str]) -> list[str | None]:
    return [e.primary and e.primary.rule.id for e in _analysis(lines).episodes]


def test_a_1006_after_the_request_went_out_is_no_handshake_guess() -> None:
    new = [CLOSE_1006, *DETAILS, *NEW_HINTS_AFTER_DISPATCH, "", DISPATCHED]
    assert _episode_classes(new) == []


def test_the_older_1006_and_the_newest_one_before_dispatch_keep_the_low_confidence_guess() -> None:
    old = [CLOSE_1006, *DETAILS, *OLD_HINTS]
    new_before_dispatch = [CLOSE_1006, *DETAILS, *NEW_HINTS_BEFORE_DISPATCH]
    assert _episode_classes(old) == _episode_classes(new_before_dispatch) == ["RC11"]


def test_a_normal_close_after_the_request_went_out_is_no_handshake_sign() -> None:
    assert _episode_classes([CLOSE_1000, *DETAILS]) == ["RC11"]
    assert _episode_classes([CLOSE_1000, *DETAILS, "", DISPATCHED]) == []


def test_the_paragraph_marks_only_the_close_just_above_it() -> None:
    # (a close far above, with another paste's lines between, keeps its reading)
    far = [CLOSE_1006, *DETAILS, *[f"line {n} of something else" for n in range(30)], DISPATCHED]
    assert _episode_classes(far) == ["RC11"]


def test_the_fast_path_reads_the_paragraph_too(tmp_path: Path) -> None:
    log = tmp_path / "cli.txt"
    log.write_text("\n".join([CLOSE_1006, *DETAILS, *NEW_HINTS_AFTER_DISPATCH, "", DISPATCHED]) + "\n")
    stats = ParseStats()
    analysis = analyze_events(iter_scan_events([str(log)], ParseOptions(), stats), stats)
    assert [e.primary and e.primary.rule.id for e in analysis.episodes] == []


def test_the_newest_unreachable_hint_is_not_the_status_rows_unreachable() -> None:
    hint, row = parse_text_lines([
        "- Gateway process stopped or became unreachable (confirm it is still running)",
        "Gateway │ local · ws://127.0.0.1:18789 (local loopback) · unreachable (timeout)",
    ])
    assert hint.kind == "generic"
    assert row.kind == "gateway.unreachable"
    assert row.fields["reason"] == "timeout"
    (paragraph,) = parse_text_lines([DISPATCHED])
    assert paragraph.kind == "gateway.request_dispatched"
