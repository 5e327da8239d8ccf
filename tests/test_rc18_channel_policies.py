"""RC18 and three labelling policies of tests/field/README.md: "channel start with nothing after it" (a provider's
start-up lines are no fault, whatever line the paste stops on), "channel reconnect burst" (one drop followed by a
scheduled or made reconnect is no fault; a cycle repeated, a back-off or counter past its first step, a give-up stay
RC18) and "one idle-watchdog reconnect" (one WhatsApp idle-watchdog firing is no fault whatever its idle count;
firings a minute apart with the count growing, retries past the first stay RC18). Lines written for these tests, of
the shapes OpenClaw logs."""

from __future__ import annotations

from tests.test_pasted_readings import analyze_text, primary


def rc18(*lines: str) -> str | None:
    """The severity of the RC18 finding the lines make, or None when they make none."""
    analysis = analyze_text(*lines)
    found = [e.primary for e in [*analysis.incidents, *analysis.episodes] if e.primary and e.primary.rule.id == "RC18"]
    return max((f.severity.value for f in found), key=("info", "warning", "error").index, default=None)


# -- channel start with nothing after it

def test_a_discord_start_that_stops_awaiting_readiness_is_no_fault() -> None:
    start = "[discord] [ops] starting provider (@Pilot)"
    waiting = "[discord] client initialized as 1500000000000000042 (Pilot); awaiting gateway readiness"
    assert rc18(start, waiting) is None
    assert rc18(waiting) is None
    assert rc18(start, waiting, "(nothing after this, bot silent)") is None  # (a reporter's remark is prose)


def test_a_start_with_its_own_failure_lines_stays_rc18() -> None:
    waiting = "[discord] client initialized as 1500000000000000042 (Pilot); awaiting gateway readiness"
    closed = "discord gateway: Gateway websocket closed: 1006"
    opened = "discord gateway: Gateway websocket opened"
    assert rc18(waiting, opened, closed, opened, closed, opened, closed) == "warning"


# -- channel reconnect burst

def test_one_untimed_error_and_the_first_reconnect_it_schedules_is_no_fault() -> None:
    assert rc18("[QQ] WebSocket error: Error: read ECONNRESET", "[QQ] Disconnected. Reconnecting in 3s...") is None


def test_one_heartbeat_timeout_and_its_close_is_no_fault() -> None:
    assert rc18("[openclaw-channel-qq:connection] Heartbeat timeout for account helper",
                "[openclaw-channel-qq:connection] Connection closed for account helper: 1006 - Abnormal closure") is None


def test_one_token_timeout_then_the_sdk_reconnect_is_no_fault() -> None:
    assert rc18("2026-03-02T08:00:00 [error]: AxiosError: timeout of 30000ms exceeded\n"
                "    url: 'https://open.feishu.cn/open-apis/auth/v3/tenant_access_token/internal'",
                "2026-03-02T08:00:41 [info]: [ '[ws]', 'reconnect' ]") is None


def test_a_reconnect_whose_back_off_or_counter_grew_past_its_first_step_stays_rc18() -> None:
    # Boundary: the same drop, but the back-off is a later step (30000 ms against Discord's 1000 ms first step)
    assert rc18("discord gateway error: AggregateError",
                "discord gateway: WebSocket connection closed with code 1006",
                "discord gateway: Reconnecting with backoff: 30000ms") == "warning"
    assert rc18("[QQ] WebSocket error: Error: read ECONNRESET", "[QQ] Disconnected. Reconnecting in 30s...") == "warning"
    # a counter past the first attempt after the drop keeps it RC18 (said as before, at least at info)
    assert rc18("09:00:01 [qqbot] [qqbot:ops] WebSocket closed: 4903 create session error",
                "09:00:01 [qqbot] [qqbot:ops] Reconnecting in 2000ms (attempt 2)") is not None


# QQ Bot's gateway client backs off 1, 2, 5, 10, 30, 60 s (tencent-connect/qqbot-nodejs
# src/protocol/gateway/constants.ts, RECONNECT_DELAYS; sliverp/qqbot's gateway.ts the same): lines written from its
# templates through the plugin's logger ("[<accountId>] " before the SDK's own "[<accountId>] ").
QQ_OUTAGE = (
    "2026-11-20T10:00:00.000Z [gateway/channels/qqbot] [default] Gateway ready",
    "2026-11-20T10:05:00.000Z [gateway/channels/qqbot] [default] [default] WebSocket error: read ECONNRESET",
    "2026-11-20T10:05:00.001Z [gateway/channels/qqbot] [default] Gateway error: read ECONNRESET",
    "2026-11-20T10:05:00.003Z [gateway/channels/qqbot] [default] [default] WebSocket closed: 1006 ",
    "2026-11-20T10:05:01.010Z [gateway/channels/qqbot] [default] [default] Connection failed: getaddrinfo ENOTFOUND "
    "bots.qq.com",
    "2026-11-20T10:05:01.011Z [gateway/channels/qqbot] [default] Gateway error: getaddrinfo ENOTFOUND bots.qq.com",
    "2026-11-20T10:05:03.020Z [gateway/channels/qqbot] [default] [default] Connection failed: getaddrinfo ENOTFOUND "
    "bots.qq.com",
    "2026-11-20T10:05:08.030Z [gateway/channels/qqbot] [default] [default] Connection failed: getaddrinfo ENOTFOUND "
    "bots.qq.com",
    "2026-11-20T10:05:08.031Z [gateway/channels/qqbot] [default] Gateway error: getaddrinfo ENOTFOUND bots.qq.com",
)
QQ_HEALED = "2026-11-20T10:05:18.800Z [gateway/channels/qqbot] [default] Gateway ready"


def test_one_qq_outage_healed_by_its_back_off_is_no_reconnect_loop() -> None:
    assert rc18(*QQ_OUTAGE, QQ_HEALED) is None


def test_a_qq_outage_not_healed_or_failing_again_stays_rc18() -> None:
    assert rc18(*QQ_OUTAGE) == "warning"  # (boundary: no session up after the retries)
    again = "2026-11-20T10:20:00.000Z [gateway/channels/qqbot] [default] [default] WebSocket error: read ECONNRESET"
    assert rc18(*QQ_OUTAGE, QQ_HEALED, again) == "warning"  # (the same account failing again later)


def test_the_same_drop_again_and_again_stays_rc18() -> None:
    error = "[QQ] WebSocket error: Error: read ECONNRESET"
    again = "[QQ] Disconnected. Reconnecting in 3s..."
    assert rc18(error, again, error, again, error, again) == "warning"


# The Lark SDK's console note after a failed reconnect attempt (larksuite/node-sdk ws-client/index.ts: the attempts of
# one reconnect loop counted from 1, the next one scheduled unless the count reached its reconnectCount).
def lark_tried(attempt: int, clock: str = "") -> str:
    return (f"2026-03-02T{clock}.000+08:00 " if clock else "") \
        + f"[info]: [ 'ws', 'unable to connect to the server after trying {attempt} times\")' ]"


def test_one_lark_reconnect_failing_at_its_first_attempt_is_no_fault() -> None:
    # f5622's shape: a write EPIPE (the drop) and the first reconnect attempt failing, untimed, nothing else
    assert rc18("[error]: [ '[ws]', 'write EPIPE' ]", lark_tried(1)) is None
    assert rc18(lark_tried(1)) is None
    assert rc18(lark_tried(1, "08:00:00")) is None
    assert rc18("[ws] unable to connect to the server after trying 1 times") is None  # (pasted as a console line)
    assert rc18("[info]: [ '[ws]', 'reconnect' ]", lark_tried(1)) is None  # (with the reconnect note before it)
    assert rc18(lark_tried(1), "[info]: [ '[ws]', 'ws client ready' ]") is None  # (and up again after it)


def test_a_lark_reconnect_failing_again_past_its_first_attempt_or_giving_up_stays_rc18() -> None:
    assert rc18(lark_tried(1), lark_tried(2)) == "warning"  # (the counter past its first step)
    assert rc18(lark_tried(1, "08:00:00"), lark_tried(1, "08:30:00")) == "info"  # (a second loop, later)
    assert rc18(lark_tried(1), lark_tried(1)) == "warning"  # (untimed: two failures)
    assert rc18(lark_tried(3)) == "info"  # (a lone line past the first attempt: as before)
    assert rc18("[error]: [ '[ws]', 'connect failed' ]", lark_tried(1)) == "warning"  # (a connect failure beside it)
    assert rc18(lark_tried(1, "08:00:00"),
                "2026-03-02T08:00:01.000+08:00 [feishu] [default] channel exited: Error: connect ETIMEDOUT") == "warning"
    assert rc18(lark_tried(1, "08:00:00"),
                "2026-03-02T08:00:01.000+08:00 [feishu] [default] giving up after 10 restart attempts") == "warning"
    assert rc18(lark_tried(1, "08:00:00"), "2026-03-02T08:05:00.000+08:00 [health-monitor] [feishu:default] "
                "health-monitor: restarting (reason: stale-socket)") == "info"  # (one restart, read as its own)

# -- one idle-watchdog reconnect

def test_one_idle_watchdog_firing_is_no_fault_whatever_the_idle_count() -> None:
    for minutes in (30, 97, 240):
        fired = f"[whatsapp] No messages received in {minutes}m - restarting connection"
        closed = "[whatsapp] Web connection closed (status 499). Retry 1/12 in 2.05s…"
        assert rc18(fired, closed) is None, minutes
        assert rc18("warn web-heartbeat  Message timeout detected - forcing reconnect", fired) is None, minutes


def test_idle_watchdog_firings_far_apart_each_handled_are_no_fault() -> None:
    assert rc18("2026-03-02T08:00:00 [whatsapp] No messages received in 31m - restarting connection",
                "2026-03-02T08:00:01 [whatsapp] Web connection closed (status 499). Retry 1/12 in 2.05s…",
                "2026-03-02T10:40:00 [whatsapp] No messages received in 33m - restarting connection",
                "2026-03-02T10:40:01 [whatsapp] Web connection closed (status 499). Retry 1/12 in 1.90s…") is None


def test_an_idle_watchdog_loop_or_a_retry_past_the_first_stays_rc18() -> None:
    # firings a minute apart with the count still growing: the reconnect did not reset the idle clock
    assert rc18("2026-03-02T08:00:00 [whatsapp] No messages received in 64m - restarting connection",
                "2026-03-02T08:01:02 [whatsapp] No messages received in 65m - restarting connection") == "warning"
    assert rc18("[whatsapp] No messages received in 64m - restarting connection",
                "[whatsapp] No messages received in 65m - restarting connection") == "warning"
    # one firing, but its reconnect retried past the first attempt
    assert rc18("[whatsapp] No messages received in 45m - restarting connection",
                "[whatsapp] Web connection closed (status 499). Retry 3/12 in 8.40s…") == "warning"
    # one firing beside a session conflict: closed for good
    assert primary("[whatsapp] No messages received in 45m - restarting connection",
                   "[whatsapp] Web connection closed (status 440: session conflict)") == "RC18"


# -- one channel request failure, and one drop shown once

_PROBE = ("2026-05-14T10:00:00.000Z [fetch-timeout] fetch timeout after 10000ms (elapsed 10000ms) "
          "operation=fetchWithTimeout url=https://api.telegram.org/bot<TOKEN-A>/getMe")
_CLOSE = "2026-03-06T10:38:48.561Z discord gateway: WebSocket connection closed with code 1006"


def test_one_channel_api_request_timing_out_on_time_is_no_fault() -> None:
    assert rc18(_PROBE) is None
    assert rc18(_PROBE.split("Z ", 1)[1]) is None  # (untimed, as pasted)


def test_one_channel_api_request_timing_out_late_is_no_channel_fault() -> None:
    # (2.6 s past its budget: the timer ran late, the loop's evidence, not the channel's)
    assert rc18(_PROBE.replace("(elapsed 10000ms)", "(elapsed 12600ms)")) is None


def test_channel_api_requests_failing_for_several_accounts_or_with_an_exit_stay_rc18() -> None:
    # Boundary: the channel's requests failing repeatedly (two accounts at once), or the channel exiting beside it
    assert rc18(_PROBE, _PROBE.replace("<TOKEN-A>", "<TOKEN-B>")) is not None
    assert rc18(_PROBE, "2026-05-14T10:00:01.000Z [telegram] [default] channel exited: Error: fetch timeout") \
        is not None


def test_one_socket_close_shown_once_is_no_fault() -> None:
    assert rc18(_CLOSE) is None
    assert rc18("- [discord] gateway: Gateway websocket closed: 1006") is None


def test_one_close_and_the_untagged_resume_at_its_first_step_is_no_fault() -> None:
    assert rc18(_CLOSE, "2026-03-06T10:38:48.579Z Attempting resume with backoff: 1000ms after code 1006") is None


def test_one_close_with_its_back_off_grown_or_a_failure_beside_it_stays_rc18() -> None:
    # Boundary: the same close, but the resume is a later back-off step, the channel says something else failed, a
    # rejection nothing caught follows, or the close repeats
    assert rc18(_CLOSE, "2026-03-06T10:38:48.579Z Attempting resume with backoff: 30000ms after code 1006") is not None
    assert rc18("[discord] gateway: Gateway websocket closed: 1006",
                "[discord] invalid rest proxy: Error: Proxy URL must target a loopback host") is not None
    assert rc18(_CLOSE, "Unhandled promise rejection: Error: connect ECONNREFUSED 127.0.0.1:443") is not None
    assert rc18(_CLOSE, _CLOSE.replace("48.561Z", "58.561Z")) is not None


# -- one Telegram webhook-cleanup failure

_DELETE_FAILED = "[telegram] deleteWebhook failed: Network request for 'deleteWebhook' failed!"


def _cleanup_retry(delay: str) -> str:
    return f"[telegram] Telegram webhook cleanup failed: Network request for 'deleteWebhook' failed!; retrying in {delay}."


def test_one_webhook_cleanup_failure_told_twice_with_its_first_retry_is_no_fault() -> None:
    # the Bot API wrapper's line and the polling session's retry notice quoting the same error: one failed request
    assert rc18(_DELETE_FAILED, _cleanup_retry("2.04s")) is None


def test_a_webhook_cleanup_retry_past_its_first_step_or_a_second_cycle_stays_rc18() -> None:
    # Boundary: a back-off at its second step (3.6 s) says the cleanup failed before; so does a second cycle
    assert rc18(_DELETE_FAILED, _cleanup_retry("3.61s")) == "warning"
    assert rc18(_DELETE_FAILED, _cleanup_retry("2.04s"), _DELETE_FAILED, _cleanup_retry("3.61s")) == "warning"


# -- one channel request failure: timeouts that name no request, beside a channel's start

_BARE_FETCH_TIMEOUT = "[fetch-timeout] fetch timeout reached; aborting operation"


def test_two_unnamed_fetch_timeouts_beside_a_channel_start_are_its_requests_failing() -> None:
    start = "[telegram] [ops] starting provider"
    assert rc18(_BARE_FETCH_TIMEOUT, start, _BARE_FETCH_TIMEOUT) == "warning"
    assert rc18(start, _BARE_FETCH_TIMEOUT, _BARE_FETCH_TIMEOUT) == "warning"


def test_one_unnamed_fetch_timeout_or_none_beside_a_start_stays_no_fault() -> None:
    # Boundary: one start-up request timing out is one request failure; with no start nothing names the channel
    start = "[telegram] [ops] starting provider"
    assert rc18(start, _BARE_FETCH_TIMEOUT) is None
    assert rc18(_BARE_FETCH_TIMEOUT, _BARE_FETCH_TIMEOUT) is None
    # nor a start far from the timeouts (other lines between): nothing ties them to it
    far = [f"[gateway] note {n}" for n in range(6)]
    assert rc18(start, *far, _BARE_FETCH_TIMEOUT, _BARE_FETCH_TIMEOUT) is None


# -- dingtalk-stream-rotation: the Stream SDK's untagged lines in a file that shows DingTalk

_DINGTALK_LINE = "10:00:00 [dingtalk-connector] [DingTalk] 流式响应完成，共 120 字符"
_SDK_CONNECT_FAILED = "ERROR Error: connect ETIMEDOUT 10.0.0.5:443"


def _sdk_up(second: int) -> str:
    return f"10:00:{second:02d} [2026-03-11T02:00:{second:02d}.120Z] connect success"


def test_sdk_connect_errors_between_connect_successes_in_a_dingtalk_file_are_rc18() -> None:
    assert rc18(_DINGTALK_LINE, f"10:00:01 {_SDK_CONNECT_FAILED}", _sdk_up(2), f"10:00:02 {_SDK_CONNECT_FAILED}",
                _sdk_up(3), f"10:00:04 {_SDK_CONNECT_FAILED}", _sdk_up(5)) == "warning"


def test_sdk_lines_without_dingtalk_or_without_errors_stay_no_fault() -> None:
    # Boundary: the same untagged errors in a file no DingTalk line marks name no channel
    assert rc18(f"10:00:01 {_SDK_CONNECT_FAILED}", _sdk_up(2), f"10:00:02 {_SDK_CONNECT_FAILED}", _sdk_up(3)) is None
    # and the rotation itself ("Disconnecting." then "connect success", every 30 s) is no fault
    assert rc18(_DINGTALK_LINE, _sdk_up(1), "10:00:30 Disconnecting.", _sdk_up(31), "10:01:00 Disconnecting.",
                "10:01:00 [2026-03-11T02:01:00.400Z] connect success") is None


# -- uncaught exception in a channel's transport: the stack frames name the channel


_CRASH = "2026-03-15T04:20:12.766+00:00 [openclaw] Uncaught exception: Error: WebSocket is not open: readyState 0"


def test_an_uncaught_crash_whose_frames_run_through_a_channel_plugin_or_its_sdk_is_rc18() -> None:
    assert rc18(_CRASH, "    at WebSocket.ping (/root/.openclaw/extensions/dingtalk-connector/node_modules/ws/lib/"
                        "websocket.js:363:13)", "    at listOnTimeout (node:internal/timers:585:17)") == "warning"
    # a frame inside a client library only a channel bundles, wherever it is installed
    assert rc18("2026-03-15T04:20:12.766+00:00 [openclaw] Unhandled promise rejection: Error: socket hang up",
                "    at processTicksAndRejections (node:internal/process/task_queues:95:5)",
                "    at Client.poll (/usr/lib/node_modules/openclaw/node_modules/grammy/out/core/client.js:9:2)") \
        == "warning"
    # the same crash as one record, its stack inside the message
    assert rc18('{"0":"Uncaught exception: Error: read ECONNRESET\\n    at TLSWrap.onread (/home/u/.openclaw/'
                'extensions/feishu/node_modules/ws/lib/websocket.js:9:1)","_meta":{"name":"openclaw",'
                '"logLevelName":"ERROR","date":"2026-03-15T04:20:12.766Z"},"time":"2026-03-15T04:20:12.766Z"}') \
        == "warning"


def test_nodes_bare_print_of_an_uncaught_error_through_a_channels_code_is_rc18() -> None:
    # Node's own stderr print of an exception nothing caught: the error alone on an untimed line, frames right after it
    # (indented or not, as a write-up may keep them), the frames in an e-mail channel plugin and its IMAP client
    head = "Error: No mailbox is currently selected"
    imap = "at Connection._search (/Users/u/.openclaw/extensions/email/node_modules/imap/lib/Connection.js:571:11)"
    timer = "at Timeout.checkEmail (/Users/u/.openclaw/extensions/email/src/runtime.ts:168:18)"
    assert rc18(head, imap, timer) == "warning"
    assert rc18("TypeError: Cannot read properties of undefined (reading 'id')",
                "    at Timeout._onTimeout (/root/.openclaw/extensions/dingtalk/src/monitor.ts:42:9)") == "warning"


def test_a_bare_error_line_without_channel_frames_right_after_it_names_no_channel() -> None:
    channel_frame = "at Bot.start (/root/.openclaw/extensions/telegram/src/bot.ts:4:5)"
    # Boundary: the bare print's frames only in the core
    assert rc18("Error: No mailbox is currently selected",
                "at Agent.emit (/usr/lib/node_modules/openclaw/dist/gateway.js:120:7)") is None
    # a reporter's sentence between the error and a frame: no stack print
    assert rc18("Error: No mailbox is currently selected", "then the bot went quiet for a while",
                channel_frame) is None
    # the error written by the gateway's logger (its time and tag) was caught and logged
    assert rc18("2026-02-19T10:00:00.000Z [email] Error: No mailbox is currently selected", channel_frame) is None


def test_an_uncaught_crash_whose_frames_are_the_cores_or_another_plugins_names_no_channel() -> None:
    # Boundary: frames only in the core and node's internals
    assert rc18(_CRASH, "    at Agent.emit (/usr/lib/node_modules/openclaw/dist/gateway.js:120:7)",
                "    at listOnTimeout (node:internal/timers:585:17)") is None
    # a plugin that is no channel's (telemetry)
    assert rc18(_CRASH, "    at Exporter.flush (/root/.openclaw/extensions/diagnostics-otel/index.js:40:3)") is None
    # a channel frame after the next timed line belongs to no crash
    assert rc18(_CRASH, "2026-03-15T04:20:13.000+00:00 [gateway] ready",
                "    at Bot.start (/root/.openclaw/extensions/telegram/src/bot.ts:4:5)") is None


def test_prose_opening_with_at_after_an_error_line_is_no_stack_frame() -> None:
    # A write-up's sentence that opens with "at" and names a channel's folder has no frame's shape (a function and a
    # path with its line number, or a path that runs to the end of a wrapped line): no channel crash.
    assert rc18("Error: the bot stopped replying",
                "at first I thought it was the network (/root/.openclaw/extensions/telegram/ was fine)") is None
    assert rc18(_CRASH, "at first I thought it was the network (/root/.openclaw/extensions/telegram/ was fine)") is None
    # Boundary: a real frame, and one wrapped mid-path, still do
    assert rc18("Error: the bot stopped replying",
                "    at Bot.start (/root/.openclaw/extensions/telegram/src/bot.ts:4:5)") == "warning"
    assert rc18("Error: the bot stopped replying",
                "    at async Bot.start [as run] (/root/.openclaw/extensions/telegram/src/bo") == "warning"


def test_a_channel_frame_far_below_a_logged_crash_line_belongs_to_no_crash() -> None:
    # After a logged crash line, untimed lines may be its wrapped stack, but not dozens of lines of prose on.
    frame = "    at Bot.start (/root/.openclaw/extensions/telegram/src/bot.ts:4:5)"
    prose = ["then I restarted it", "nothing in the logs for an hour", "config below:"] * 30
    assert rc18(_CRASH, *prose, frame) is None
    # Boundary: within the window (wrapped lines, a few notes) the frame is the crash's
    assert rc18(_CRASH, *prose[:60], frame) == "warning"


def test_a_frame_in_any_package_of_a_channels_scope_names_the_channel() -> None:
    # "@grammyjs" and "@slack" are scopes: a frame in any package under them is the channel's (docs/formats.md says
    # `@slack/*`), which a lookup of "@scope/name" alone never matched for @grammyjs.
    from stuckscan.channels import channel_of_stack

    assert channel_of_stack("    at Runner.poll (/app/node_modules/@grammyjs/runner/out/runner.js:9:2)") == "telegram"
    assert channel_of_stack("    at Logger.x (/app/node_modules/@slack/socket-mode/dist/client.js:1:1)") == "slack"
    assert channel_of_stack("    at Logger.x (/app/node_modules/@slack/logger/dist/index.js:1:1)") == "slack"
    # Boundary: another scope's package names no channel
    assert channel_of_stack("    at Runner.poll (/app/node_modules/@grammy/runner/out/runner.js:9:2)") is None


def test_a_moltbot_subsystem_is_the_gateways_own() -> None:
    # One set of product names (brand.PRODUCT_NAME_SET) for the gateway's own subsystems and root logger names.
    from types import SimpleNamespace

    from stuckscan.brand import PRODUCT_NAME_SET
    from stuckscan.channels import GATEWAY_SUBSYSTEMS, channel_from_subsystem
    from stuckscan.shapes import ROOT_LOGGER_NAMES

    assert PRODUCT_NAME_SET <= GATEWAY_SUBSYSTEMS and ROOT_LOGGER_NAMES == PRODUCT_NAME_SET
    assert channel_from_subsystem(SimpleNamespace(subsystem="moltbot", fields={})) == ""
    assert channel_from_subsystem(SimpleNamespace(subsystem="telegram", fields={})) == "telegram"


def test_moltbot_era_plugin_tags_name_their_channel() -> None:
    # Commit a3cc8655: a Moltbot-era channel plugin's package name reads like the other two products' names.
    from stuckscan.channels import channel_plugin, channel_subsystem

    for product in ("openclaw", "clawdbot", "moltbot"):
        assert channel_plugin(f"{product}-channel-telegram") == "telegram"
        assert channel_subsystem(f"gateway/channels/{product}-channel-feishu") == "feishu"
    # Boundary: another prefix is no product's
    assert channel_plugin("acmebot-channel-telegram") is None


# -- one channel request failure: a channel SDK's own HTTP request (axios), and the Lark SDK failing to reach Feishu

_WS_STARTED = "2026-05-27T09:32:23+00:00 info channels/feishu feishu[default]: WebSocket client started"


def _axios_timeout(time: str) -> tuple[str, ...]:
    return (f"{time} info [error]: [", "  AxiosError: timeout of 10000ms exceeded",
            "      at createTimeoutError (/srv/node_modules/axios/dist/node/axios.cjs:3205:14)",
            "      at listOnTimeout (node:internal/timers:605:17) {", "    isAxiosError: true,",
            "    code: 'ECONNABORTED',")


def test_one_sdk_request_timing_out_on_its_own_budget_is_no_fault() -> None:
    # Policy "one channel request failure": one axios timeout, no second failure, retry counter, exit or give-up
    # after the channel's client said it started (a request of a running channel)
    assert rc18(_WS_STARTED, *_axios_timeout("2026-05-27T09:32:34+00:00")) is None
    assert rc18(_WS_STARTED, "2026-05-27T09:32:34+00:00 [error]: [ AxiosError: timeout of 30000ms exceeded") is None
    # Boundary: with no line of the channel up before it, it is the start failing to connect (f654), said at info
    assert rc18(*_axios_timeout("2026-05-27T09:32:34+00:00")) == "info"


def test_the_same_sdk_request_failing_again_later_stays_rc18() -> None:
    # Boundary: the same account failing twice, minutes apart (two episodes), is RC18 (said at least at info)
    assert rc18(_WS_STARTED, *_axios_timeout("2026-05-27T09:32:34+00:00"),
                *_axios_timeout("2026-05-27T09:40:34+00:00")) is not None


def test_feishu_failing_twice_at_start_up_on_dns_is_rc18_whatever_tag_the_paste_kept() -> None:
    # #54769's shape: the SDK's request ("AxiosError: getaddrinfo ENOTFOUND open.feishu.cn") and its ws-client ("[ws]
    # getaddrinfo ...", console-cut) both failing on the platform host, untimed, no line of a working connection
    for host in ("open.feishu.cn", "open.larksuite.com"):
        for error in (f"getaddrinfo ENOTFOUND {host}", f"getaddrinfo EAI_AGAIN {host}", f"connect ECONNREFUSED {host}"):
            assert rc18("[feishu] starting feishu[default] (mode: websocket)", f"AxiosError: {error}",
                        "[feishu] feishu[default]: bot open_id resolved: unknown",
                        "[feishu] feishu[default]: WebSocket client started", f"[ws] {error}") == "warning", error
            assert rc18(f"AxiosError: {error}", f"[error]: [ '[ws]', '{error}' ]") == "warning", error


def test_one_feishu_dns_failure_beside_its_client_started_is_no_fault_and_alone_said_at_info() -> None:
    # Policies "one channel request failure" and "a channel failure followed by a working connection"; alone, with no
    # line of the channel up, it is the start's connect failing (f654's reading), said at info
    start = "[feishu] starting feishu[default] (mode: websocket)"
    started = "[feishu] feishu[default]: WebSocket client started"
    failed = "AxiosError: getaddrinfo ENOTFOUND open.feishu.cn"
    assert rc18(start, started, failed) is None
    assert rc18(start, failed, started) is None
    assert rc18(failed) == "info"
    # (the ws-client's own connect failing, console-cut, reads as its whole line does)
    assert rc18("[ws] getaddrinfo ENOTFOUND open.feishu.cn") == \
        rc18("[error]: [ '[ws]', 'getaddrinfo ENOTFOUND open.feishu.cn' ]")


def test_the_feishu_plugins_client_started_after_its_stop_heals_no_failure() -> None:
    # The official plugin (larksuite/openclaw-lark) writes "WebSocket client started" only once the account's stop has
    # run, after "disconnecting WebSocket (accountId=...)": the channel was not up, so a failure before it stays one
    start = "[feishu] feishu[default]: starting WebSocket connection..."
    failed = "AxiosError: getaddrinfo ENOTFOUND open.feishu.cn"
    stop = ("[feishu/core/lark-client] feishu: disconnecting WebSocket (accountId=default)",
            "[feishu/core/lark-client] feishu: disposing message dedup (accountId=default, size=0)",
            "[feishu] feishu[default]: bot open_id resolved: unknown")
    started = "[feishu] feishu[default]: WebSocket client started"
    monitor = "[feishu/channel/monitor] feishu: websocket started for account default"
    assert rc18(start, failed, *stop, started, monitor) == rc18(start, failed) == "info"
    assert rc18(start, failed, f"[ws] {failed[12:]}", *stop, started, monitor) == "warning"
    # nor does it make the next process's one failure a request of a running channel
    assert rc18(*stop, started, monitor, "2026-05-27T09:32:34+00:00 [error]: [ AxiosError: timeout of 10000ms exceeded") \
        == "info"
    # Boundary: the bundled channel's order, its start logged as the client starts, heals the one failure
    assert rc18(start, failed, started) is None


def test_a_dingtalk_connector_stopped_and_started_again_is_no_failing_transport() -> None:
    # zhanglilong23/dingtalk-openclaw-connector src/core/connection.ts: its start note names its backoff policy
    # ("..., 指数退避重连"), and its close listener logs the close of its own stop with isStopped=true (it reconnects
    # only when false): a gateway restart is neither a drop nor a reconnect loop
    def start(at: str) -> tuple[str, ...]:
        return (f"2026-05-21T09:{at}.000+08:00 [dingtalk-connector] [__default__] starting provider",
                f"2026-05-21T09:{at}.500+08:00 [DingTalk:__default__] Connected to DingTalk Stream successfully",
                f"2026-05-21T09:{at}.500+08:00 [DingTalk:__default__] ✅ 自定义 keepAlive: true (10 秒心跳，90 秒超时), "
                "指数退避重连")
    stop = ("2026-05-21T09:10:00.000+08:00 [gateway] signal SIGTERM received",
            "2026-05-21T09:10:00.010+08:00 [DingTalk:__default__] Abort signal received, stopping...",
            "2026-05-21T09:10:00.020+08:00 [DingTalk:__default__] WebSocket close: code=1000, reason=未知, isStopped=true")
    assert rc18(*start("00:01"), *stop, *start("10:11")) is None
    assert rc18(*start("00:01"), *stop) is None
    # Boundary: closes it reconnects from (isStopped=false), with no reconnect after them, are still the drops they were
    dropped = "[DingTalk:__default__] WebSocket close: code=1006, reason=未知, isStopped=false"
    assert rc18(*start("00:01"), f"2026-05-21T10:00:00.000+08:00 {dropped}",
                f"2026-05-21T10:00:05.000+08:00 {dropped}") == "warning"


def test_a_wecom_account_stopped_by_its_abort_is_no_drop() -> None:
    # WecomTeam/wecom-openclaw-plugin src/monitor.ts and @wecom/aibot-node-sdk: the abort handler's "Connection
    # aborted", then the SDK closing its socket with 1000 "Manual disconnect" and the monitor's "WebSocket disconnected"
    lines = ("2026-05-21T09:00:01.000+08:00 [wecom] [default] starting provider",
             "2026-05-21T09:10:00.010+08:00 [wecom] [default] Connection aborted",
             "2026-05-21T09:10:00.020+08:00 [wecom] [default] WARN: WebSocket connection closed: Manual disconnect",
             "2026-05-21T09:10:00.020+08:00 [wecom] [default] WebSocket disconnected: Manual disconnect")
    analysis = analyze_text(*lines)
    assert rc18(*lines) is None
    assert not analysis.unexplained.count


def test_a_bare_axios_error_is_a_channels_only_by_the_platform_host_it_names() -> None:
    from tests.test_pasted_readings import kinds

    assert kinds("AxiosError: getaddrinfo ENOTFOUND open.feishu.cn") == [(1, "channel.transport_error")]
    assert kinds("[ws] getaddrinfo ENOTFOUND open.larksuite.com") == [(1, "channel.transport_error")]
    # Boundary: another host, the error inside another message, or a cause under a stack, is no channel's failure
    assert kinds("AxiosError: getaddrinfo ENOTFOUND api.example.com") == []
    assert kinds("AxiosError: Request failed with status code 502") == []
    assert kinds("[agent] failed to add typing indicator: Error: getaddrinfo ENOTFOUND open.feishu.cn") == []
    assert kinds("    cause: Error: getaddrinfo ENOTFOUND open.feishu.cn") == []
    start = "[feishu] starting feishu[default] (mode: websocket)"
    other = "AxiosError: getaddrinfo ENOTFOUND api.example.com"
    assert rc18(start, other, "[feishu] feishu[default]: WebSocket client started", other) is None


# -- `openclaw channels status` pasted while the bot is silent (src/commands/channels/status.ts)

def test_a_channel_status_listing_an_enabled_account_stopped_on_an_error_is_rc18() -> None:
    head = "Gateway reachable."
    serving = "- Discord default: enabled, configured, running, connected, in:5m ago, bot:@pilot, token:config, works"
    stopped = ("- Telegram default: enabled, configured, stopped, disconnected, mode:polling, bot:@pilot, token:config, "
               "error:Network request for 'getUpdates' failed!")
    assert rc18(head, stopped, serving) == "warning"
    # one account running but disconnected: said, at info (one failure alone)
    assert rc18(head, "- WhatsApp default: enabled, configured, linked, running, disconnected, in:5h ago, "
                      "error:status 408") == "info"
    # Boundary: an enabled account stopped with no error is one the manager has not started, no failure (policy
    # "channel status snapshot without an error or a stop time")
    assert rc18(head, "- Slack default: enabled, configured, stopped, disconnected") is None
    assert rc18(head, "- Telegram default: enabled, configured, stopped, disconnected, mode:polling, token:config") is None
    # a listing of serving, disabled or unconfigured accounts is no fault
    assert rc18(head, serving, "- Slack work (Acme): disabled, configured, stopped, token:config",
                "- Signal default: enabled, not configured, stopped") is None


def test_one_feishu_bot_info_probe_timeout_at_start_is_one_request_failure() -> None:
    # extensions/feishu/src/monitor.startup.ts: the start-up bot-info request timing out, the start going on. Policy
    # "one channel request failure": alone, or with the account's client started after it, no fault
    probe = "2026-11-20T10:00:00.000Z [feishu] feishu[main]: bot info probe timed out after 30000ms; continuing startup"
    start = "2026-11-20T10:00:00.200Z [feishu] feishu[main]: starting WebSocket connection..."
    started = "2026-11-20T10:00:01.000Z [feishu] feishu[main]: WebSocket client started"
    assert rc18(probe) is None
    assert rc18(probe, start, started) is None
    # Boundary: two accounts' probes timing out at once, or the same account's socket failing too, is RC18
    other = "2026-11-20T10:00:00.010Z [feishu] feishu[work]: bot info probe timed out after 30000ms; continuing startup"
    assert rc18(probe, other, start) is not None
    failed = ("2026-11-20T10:00:02.000Z [feishu] feishu[main]: WebSocket start failed, retrying in 1000ms: "
              "connect ETIMEDOUT open.feishu.cn:443")
    assert rc18(probe, start, failed) is not None


def test_a_qq_bot_session_refused_on_resume_then_ready_again_is_a_healed_blip() -> None:
    # sliverp/qqbot src/gateway.ts: the server asks for a reconnect (op 7), the resume on the new socket is answered
    # with op 9 (can resume: false), the plugin identifies again and its READY ("Ready with <intents>, session: <id>")
    # or RESUMED ("Session resumed") shows the channel receiving again: a routine reconnect, no stall
    tag = "[qqbot] [qqbot:default]"
    lines = ("2026-11-20T09:00:00.200+08:00 [qqbot] [default] starting provider",
             f"2026-11-20T09:00:00.800+08:00 {tag} Ready with 群聊+私信+频道+交互, session: 9a8b7c6d",
             f"2026-11-20T11:00:00.000+08:00 {tag} Server requested reconnect",
             f"2026-11-20T11:00:00.001+08:00 {tag} Reconnecting in 1000ms (attempt 1)",
             f"2026-11-20T11:00:01.300+08:00 {tag} WebSocket connected",
             f"2026-11-20T11:00:01.360+08:00 {tag} Attempting to resume session 9a8b7c6d",
             f"2026-11-20T11:00:01.500+08:00 {tag} Invalid session (群聊+私信+频道+交互), can resume: false, "
             'raw: {"op":9,"d":false}',
             f"2026-11-20T11:00:01.502+08:00 {tag} Reconnecting in 3000ms (attempt 1)",
             f"2026-11-20T11:00:05.000+08:00 {tag} WebSocket connected",
             f"2026-11-20T11:00:05.300+08:00 {tag} Ready with 群聊+私信+频道+交互, session: 0b0b0b0b",
             f"2026-11-20T11:05:00.000+08:00 {tag} Processing message from 7A1B2C3D4E5F: 在吗")
    assert rc18(*lines) is None
    resumed = (*lines[:6], lines[6].replace("false", "true"), lines[7], lines[8],
               f"2026-11-20T11:00:05.100+08:00 {tag} Session resumed")
    assert rc18(*resumed) is None
    from tests.conftest import tslog_line
    records = [tslog_line(line[:29], "gateway/channels/qqbot", line[30:].split("] ", 1)[1],
                          level="ERROR" if "Invalid session" in line else "INFO") for line in lines]
    assert rc18(*records) is None
    # Boundary: the same refusal with nothing after it showing the channel up is still said (at info)
    assert rc18(*lines[:8]) == "info"


def test_a_dingtalk_ai_card_update_answered_with_its_qps_limit_is_no_refused_send() -> None:
    # soimy/openclaw-channel-dingtalk src/card-service.ts: a streaming update answered 403 or 429 (DingTalk's QPS
    # limit) turns the account's AI card off for a while and the reply goes out as markdown: not a reply lost
    tag = "[dingtalk]"
    lines = ("2026-11-20T09:00:00.200+08:00 [dingtalk] [default] starting provider",
             f"2026-11-20T09:00:00.900+08:00 {tag} [default] DingTalk Stream client connected successfully",
             f"2026-11-20T09:30:04.000+08:00 {tag} [DingTalk][AICard] Streaming update failed: key=msgContent Request "
             "failed with status code 403",
             f"2026-11-20T09:30:04.001+08:00 {tag} [DingTalk][AICard][Degrade] Activated for account=default, "
             "minutes=30, reason=card.stream:403",
             f"2026-11-20T09:30:04.500+08:00 {tag} [DingTalk][AICard] Streaming update failed: key=msgContent Request "
             "failed with status code 429",
             f"2026-11-20T09:30:04.501+08:00 {tag} [DingTalk][AICard][Degrade] Extended for account=default, "
             "minutes=30, reason=card.stream:429")
    assert rc18(*lines) is None
    # Boundary: a 5xx there, or the retry after a token refresh refused, is still a send refused
    assert rc18(*lines[:2], lines[2].replace("403", "500"), lines[4].replace("429", "502")) == "warning"


# -- a channel client closed by the process stopping

QQ_STOPPED = (
    "2026-11-20T09:00:00.200+08:00 [qqbot] [default] starting provider",
    "2026-11-20T09:00:00.800+08:00 [qqbot] [qqbot:default] Ready with 群聊+私信, session: 9a8b7c6d-1111-2222-3333-444455556666",
    "2026-11-20T10:00:00.000+08:00 [gateway] signal SIGTERM received",
    "2026-11-20T10:00:00.005+08:00 [gateway] received SIGTERM; shutting down",
    "2026-11-20T10:00:00.010+08:00 [qqbot] [qqbot:default] WebSocket closed: 1005 ",
    "2026-11-20T10:00:00.020+08:00 [qqbot] [qqbot:default] Connection failed: Error: Network error getting access_token: fetch failed",
    "2026-11-20T10:00:00.021+08:00 [qqbot] [qqbot:default] Max reconnect attempts reached or aborted",
)


def test_a_channel_client_giving_up_as_the_process_stops_is_no_fault() -> None:
    # (QQ Bot's "reached or aborted" is also its aborted branch: a connect failing after the stop's abort writes it)
    assert rc18(*QQ_STOPPED) is None
    untimed = [line.split(" ", 1)[1] for line in QQ_STOPPED]
    assert rc18(*untimed) is None


def test_a_channel_client_giving_up_with_no_stop_or_long_after_it_stays_rc18() -> None:
    no_stop = [line for line in QQ_STOPPED if "SIGTERM" not in line]
    assert rc18(*no_stop) == "warning"
    later = [*QQ_STOPPED[:4], *(line.replace("10:00:00.0", "10:01:00.0") for line in QQ_STOPPED[4:])]
    assert rc18(*later) == "warning"
    untimed_far = [line.split(" ", 1)[1] for line in QQ_STOPPED[:4]] + ["[qqbot] [qqbot:default] poll"] * 8 + \
        [line.split(" ", 1)[1] for line in QQ_STOPPED[4:]]
    assert rc18(*untimed_far) == "warning"


# -- review q50: healthy Nostr and Zalo logs

NOSTR = "[nostr] [default]"
DEAD = "wss://relay.dead.example"


def _nostr_relay_down() -> list[str]:
    lines = [f"2026-11-20T09:00:00.200+08:00 {NOSTR} starting Nostr provider (pubkey: 3bf0c63fcb93463407af97a5e5ee64fa)",
             f"2026-11-20T09:00:01.000+08:00 {NOSTR} Nostr provider started with 3 configured relay(s)"]
    lines += [f"2026-11-20T09:0{m}:00.000+08:00 {NOSTR} Nostr error (publish to {DEAD}): connection failure"
              for m in range(1, 6)]
    for m in range(5, 9):  # (each reply 30 s or more after the last tries the dead relay again, and it opens again)
        lines += [f"2026-11-20T09:0{m}:00.001+08:00 {NOSTR} Circuit breaker opened for relay: {DEAD}"]
    return lines


def test_one_nostr_relay_of_several_set_aside_by_its_breaker_again_and_again_is_no_fault() -> None:
    # extensions/nostr/src/nostr-bus.ts: every reply goes to each relay whose breaker allows it; a dead relay's breaker
    # opens after five failures and again at each half-open try, while the other relays carry every reply
    assert rc18(*_nostr_relay_down()) is None


def test_replies_no_nostr_relay_took_stay_rc18() -> None:
    failed = f"{NOSTR} Nostr final reply failed: Error: Failed to publish to any relay: connection failure"
    lines = [*_nostr_relay_down()[:2], f"2026-11-20T09:01:00.001+08:00 {failed}", f"2026-11-20T09:02:00.001+08:00 {failed}",
             f"2026-11-20T09:02:00.002+08:00 {NOSTR} Circuit breaker opened for relay: {DEAD}"]
    assert rc18(*lines) == "warning"


def test_a_request_refused_as_no_message_is_no_fault_line() -> None:
    analysis = analyze_text(
        "2026-11-20T09:30:00.000+08:00 [zalo] [default] Zalo webhook admission failed: ZaloWebhookPayloadError: Zalo "
        "webhook body contains invalid JSON.",
        f"2026-11-20T09:31:00.000+08:00 {NOSTR} Nostr error (durable admission for event 9f2c41ab): Nostr event exceeds "
        "the durable ingress size limit.")
    assert not analysis.incidents and not analysis.episodes and analysis.unexplained.count == 0
    # Boundary: the spool or the queue failing to store a user's message is still an inbound failure
    analysis = analyze_text("[default] Zalo webhook admission failed: Error: ENOSPC: no space left on device")
    assert analysis.unexplained.count == 1


def test_a_zalo_start_failure_and_the_managers_exit_line_for_it_are_one_exit() -> None:
    # extensions/zalo/src/monitor.ts logs its failed start and rethrows; the channel manager logs the same error
    lines = ("2026-11-20T09:00:00.200+08:00 [zalo] [default] starting provider",
             "2026-11-20T09:00:10.300+08:00 [zalo] [default] Zalo provider startup failed mode=webhook: TypeError: fetch "
             "failed",
             "2026-11-20T09:00:10.301+08:00 [zalo] [default] Zalo provider stopped mode=webhook",
             "2026-11-20T09:00:10.302+08:00 [zalo] [default] channel exited: TypeError: fetch failed")
    (episode,) = analyze_text(*lines).episodes
    assert "2 times" not in episode.primary.summary and episode.primary.confidence.value == "low"
    # Boundary: the same exit again a minute later is two exits
    again = lines[3].replace("09:00:10.302", "09:01:10.302")
    (episode,) = analyze_text(*lines, again).episodes
    assert "2 times" in episode.primary.summary


# -- u49: a channel's ingress-up line after one restart (the restart healed)

def test_one_restart_the_channel_came_back_from_is_no_fault_and_without_its_up_line_stays_rc18() -> None:
    zalo = "2026-11-20T09:00:00.000+08:00 [health-monitor] [zalo:default] health-monitor: restarting (reason: disconnected)"
    telegram = zalo.replace("zalo:default", "telegram:default")
    for restart, up in ((zalo, "[zalo] [default] Zalo polling loop started timeout=30s"),
                        (zalo, "[zalo] [default] Zalo webhook registered path=/zalo-webhook"),
                        (telegram, "[telegram] webhook advertised to telegram on https://bot.example.com/tg-hook")):
        assert rc18(restart) == "info"
        assert rc18(restart, f"2026-11-20T09:00:16.000+08:00 {up}") is None, up
    # Boundary: another channel up says nothing of this one; an exit with the manager's restart stays a loop
    assert rc18(zalo, "2026-11-20T09:00:16.000+08:00 [telegram] webhook advertised to telegram on https://b.example/t") \
        == "info"
    exit_loop = ("2026-11-20T09:00:10.302+08:00 [zalo] [default] channel exited: TypeError: fetch failed",
                 "2026-11-20T09:00:10.303+08:00 [zalo] [default] auto-restart attempt 2/10 in 10s")
    assert rc18(*exit_loop) == "warning"


# -- u50: the DingTalk plugin's state note after one restart (the restart healed)

def test_one_dingtalk_restart_noted_connected_is_no_fault_and_other_states_leave_it_rc18() -> None:
    restart = ("2026-11-20T09:00:00.000+08:00 [health-monitor] [dingtalk:default] health-monitor: restarting "
               "(reason: disconnected)")
    assert rc18(restart) == "info"
    assert rc18(restart, "2026-11-20T09:00:16.000+08:00 [dingtalk] [default] Connection state changed to: CONNECTED") \
        is None
    # Boundary: a connect under way is not the channel back
    assert rc18(restart, "2026-11-20T09:00:16.000+08:00 [dingtalk] [default] Connection state changed to: CONNECTING") \
        == "info"


def test_a_plugins_own_tag_names_the_channel_it_serves_so_its_up_line_heals_the_restart() -> None:
    # (the health monitor names the DingTalk connector's account by the plugin's tag, its up line by the channel)
    restart = ("2026-11-20T09:00:00.000Z [gateway/health-monitor] [dingtalk-connector:__default__] health-monitor: "
               "restarting (reason: disconnected)")
    up = "2026-11-20T09:00:03.000Z [dingtalk-connector] [__default__] Connected to DingTalk Stream successfully"
    assert rc18(restart) == "info"
    assert rc18(restart, up) is None


def test_a_napcat_heartbeat_reconnect_pasted_untimed_is_one_drop_healed() -> None:
    # Daiyimo/openclaw-napcat src/client.ts: its heartbeat check's "Heartbeat timeout, forcing reconnect..." calls the
    # drop handler, which writes "Disconnected from OneBot server" at once: one drop told twice; the forward socket's
    # open after it is the QQ channel up again (q52, a healthy sequence read as a loop).
    timeout = "[napcat-QQ] Heartbeat timeout, forcing reconnect..."
    disconnected = "[napcat-QQ] Disconnected from OneBot server"
    connected = "[napcat-QQ] Connected to OneBot server"
    assert rc18(timeout, disconnected, connected) is None
    assert rc18("[napcat-QQ] WebSocket error: Error: read ECONNRESET", disconnected, connected) is None
    # Boundary: the drop again is a reconnect loop; one drop with nothing after it is said at info.
    assert rc18(timeout, disconnected, timeout, disconnected) == "warning"
    assert rc18(timeout, disconnected) == "info"


def test_the_disconnect_a_lone_health_monitor_restart_answers_is_part_of_that_restart() -> None:
    # Labelling policy "one health-monitor restart": null "whether the lines before it show the disconnect it reacts
    # to". A channel's one transport error, then the monitor's one restart of that channel, is one restart doing its
    # job (said at info at most), not a drop and a restart each (a loop at warning), whatever the channel.
    error = "2026-11-20T11:00:00.000Z [telegram] Polling runner error: Network request for 'getUpdates' failed!"
    restart = ("2026-11-20T11:05:00.000Z [health-monitor] [telegram:default] health-monitor: restarting "
               "(reason: disconnected)")
    start = "2026-11-20T11:05:01.000Z [telegram] [default] starting provider (@mybot)"
    assert rc18(error, restart, start) == "info"
    # NapCat's heartbeat drop (told twice), the monitor's restart under the plugin's own channel id, and the socket up
    # again: healed, no finding (the id "napcat" is the QQ channel, as the plugin's "[napcat-QQ]" tag is).
    assert rc18("2026-11-20T11:00:00.000Z [napcat-QQ] Heartbeat timeout, forcing reconnect...",
                "2026-11-20T11:00:00.010Z [napcat-QQ] Disconnected from OneBot server",
                "2026-11-20T11:05:00.000Z [health-monitor] [napcat:default] health-monitor: restarting "
                "(reason: disconnected)",
                "2026-11-20T11:05:01.000Z [napcat-QQ] Connected to OneBot server") is None
    # Boundaries: a failure after the restart, or a second drop before it, is still the channel failing.
    later = "2026-11-20T11:10:00.000Z [telegram] Polling runner error: Network request for 'getUpdates' failed!"
    assert rc18(error, restart, later) == "warning"
    again = "2026-11-20T11:02:00.000Z [telegram] Polling runner error: Network request for 'getUpdates' failed!"
    assert rc18(error, again, restart, start) == "warning"
    # ... and a drop of another channel beside the restart is no disconnect it answers
    other = "2026-11-20T11:00:00.000Z [discord] gateway error: Error: read ECONNRESET"
    assert rc18(other, restart, start) == "warning"


def test_another_accounts_gateway_ready_heals_no_qq_outage() -> None:
    # (q53: the outage of account bot2, never up again; account default's own session resuming after it says nothing
    # of bot2's)
    outage = tuple(line.replace("[default]", "[bot2]") for line in QQ_OUTAGE[1:])
    assert rc18(QQ_OUTAGE[0], *outage, QQ_HEALED) == "warning"
    assert rc18(QQ_OUTAGE[0], *outage, QQ_HEALED.replace("[default]", "[bot2]")) is None  # (its own: healed)
