"""RC18: a channel stopped delivering messages; the health monitor keeps restarting it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from stuckscan.channels import (
    CHANNEL_NAMES,
    CHANNEL_RECONNECT_KIND,
    RESUME_SCHEDULED,
    UNHANDLED_REJECTION,
    bare_fetch_crash,
    channel_from_subsystem,
    channel_of,
    channel_of_url,
    channel_subsystem,
    credentials_refused,
    display_name,
    gateway_ports,
    listening_ports,
    login_refused,
    refused_off_gateway,
    send_broken,
    send_refused,
    sentence_start,
    token_refused,
)
from stuckscan.events import (
    ACCOUNTS_STARTED_FIELD,
    CHANNEL_START_KIND,
    DELIVERY_REFUSED_KIND,
    INBOUND_SILENCE,
    INBOUND_UNSERVED_KIND,
    REPLAY_KIND,
    START_LOOP_KIND,
    beside_start,
    discord_listener_timeout,
    event_order,
    refused_port,
    replay_all_failed,
    unnamed_fetch_timeout,
    usable_name,
)
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import Candidate, cite, field_text, first_time, metric, quote, stall_spans_a_freeze
from stuckscan.rules._rule import Fix, FixContext, Rule
from stuckscan.signals import MINED_LEVELS

if TYPE_CHECKING:
    from stuckscan.classifier import EpisodeView
    from stuckscan.events import Event


# A channel's transport idle this long (the polling watchdog fires at about 90 s) is a stall on its own.
LONG_CHANNEL_STALL_SECONDS = 300.0
# Carbon's event queue gives a listener 30 s by default ("Listener DiscordMessageListener timed out after 30000ms for
# event MESSAGE_CREATE", the budget `channels.discord.eventQueue.listenerTimeout` sets): a listener slower than that
# held the queue past its own budget (one timed out at that budget alone shows the queue enforcing it). A slow
# listener is logged from 1 s on.
LISTENER_BUDGET_SECONDS = 30.0


def _credentials(context: FixContext) -> bool:
    return bool(context.fact("credentials_refused"))


def _credentials_missing(context: FixContext) -> bool:
    return bool(context.fact("credentials_missing"))


def _port_taken(context: FixContext) -> bool:
    return bool(context.fact("eaddrinuse"))


def _shared_app(context: FixContext) -> bool:
    return bool(context.fact("shared_connections"))


def _closed_for_good(context: FixContext) -> bool:
    return bool(context.fact("terminal"))


def _not_closed_for_good(context: FixContext) -> bool:
    return not context.fact("terminal")


def _listener_held(context: FixContext) -> bool:
    return bool(context.fact("listener_held"))


def _another_poller(context: FixContext) -> bool:
    return bool(context.fact("poll_conflict"))


def _handler_broken(context: FixContext) -> bool:
    return bool(context.fact("handler_broken"))


def _host_mismatch(context: FixContext) -> bool:
    return bool(context.fact("host_mismatch"))


def _plugin_not_loaded(context: FixContext) -> bool:
    return bool(context.fact("plugin_not_loaded"))


def _code_not_whole(context: FixContext) -> bool:
    return _handler_broken(context) or _plugin_not_loaded(context)


def _inbound_refused(context: FixContext) -> bool:
    return bool(context.fact("inbound_refused"))


def _inbound_unauthorized(context: FixContext) -> bool:
    return bool(context.fact("inbound_unauthorized"))


def _claimed_twice(context: FixContext) -> bool:
    return bool(context.fact("claimed_twice"))


def _replay_lost(context: FixContext) -> bool:
    return bool(context.fact("replay_lost"))


def _start_blocked(context: FixContext) -> bool:
    return bool(context.fact("start_blocked"))


def _deliveries_lost(context: FixContext) -> bool:
    return bool(context.fact("deliveries_refused"))


def _no_restart_cure(context: FixContext) -> bool:
    """A cause a restart of the channel does not remove: its code, a second plugin claiming it, replies already lost,
    a build that refuses the channel's work as if draining, another process holding what its start needs, inbound
    messages already refused, a webhook's token check that its own config fails."""
    return _code_not_whole(context) or _claimed_twice(context) or _replay_lost(context) or _inbound_refused(context) \
        or _start_blocked(context) or _deliveries_lost(context) or _credentials_missing(context) \
        or _inbound_unauthorized(context)


def _found_stable(context: FixContext) -> bool:
    """The monitor's restarts ended with the channel found stable (n54's healed loop): the channel is up again, so a
    restart of it has nothing left to do; what may still help is what keeps the loop from coming back."""
    return bool(context.fact("healed"))


def _restart_may_help(context: FixContext) -> bool:
    return _not_closed_for_good(context) and not _no_restart_cure(context) and not _found_stable(context)


def _typing_only(context: FixContext) -> bool:
    return bool(context.fact("typing_only"))


def _restarted_by_monitor(context: FixContext) -> bool:
    """Not when only a typing indicator's failures showed the channel failing: no monitor restarted anything."""
    return _not_closed_for_good(context) and not _no_restart_cure(context) and not _typing_only(context)


def _stale_socket(context: FixContext) -> bool:
    return "stale-socket" in (context.fact("reasons") or ())


RULE = Rule(
    "RC18", "channel-ingress-stall", "Channel ingress stall (session idle, bot silent)",
    "A channel stopped delivering messages: the health monitor keeps restarting it; no session is processing.",
    "warning", Severity.WARNING, "gateway",
    ("`[health-monitor] [<ch>:<acct>] health-monitor: restarting (reason: stale-socket|stuck|stopped|disconnected)` loops",
     "`[<ch>:<acct>] health-monitor: hit N restarts/hour limit, skipping` (a restart loop the monitor counted)",
     "`[<ch>:<acct>] health-monitor: restart failed: ...` after a restart",
     "`[<acct>] auto-restart attempt N/M in Ns` past the first attempt, or followed by a failed start",
     "`[<acct>] giving up after N restart attempts`, `Max reconnect attempts (N) reached after code <code>`",
     "one transport stall of five minutes or more (`Polling stall detected (active getUpdates stuck for 1323.85s)`)",
     "one Telegram `Polling stall detected (no getUpdates for 117.39s); forcing restart` of any length, with or "
     "without the runner's routine restart after it (the watchdog fires only past its own 90 s): low confidence; not "
     "when a `host timing gap detected: process was frozen ~Nms` beside it covers the stall and is most of it (the poll "
     "was in flight while the process did not run)",
     "the channel's transport watchdog (`polling stall detected`, `transport watchdog timeout`) twice, or with a "
     "restart, or followed by `Polling runner stop timed out after 15s; forcing restart cycle` (the runner itself "
     "wedged; medium confidence); `channel exited` / `channel startup failed` with a restart, or the same channel exiting again "
     "(within three hours)",
     "not: one health-monitor restart of one account, whatever its reason, with or without the disconnect before it "
     "(`slack socket disconnected ... (attempt 1/12)`), the manager's first `auto-restart attempt 1/N` beside it, or "
     "the provider starting after it, and nothing after it showing the channel still failing (a connect failure, "
     "`channel stop exceeded`, a send refused for lack of a listener): the monitor doing its job, said at info, "
     "low confidence; a reporter's note that it repeats (`# repeats every ~35 min`) is prose, not a second restart",
     "`[<acct>] channel stop exceeded 5000ms after abort; continuing shutdown` with a restart, a stall or a transport "
     "error of that channel, or twice for one channel (the old connection outlived its stop); alone, low confidence",
     "a channel transport's own errors or reconnects (`feishu[<acct>]: polling error: ...`, `Signal SSE stream "
     "error: ...`, `Signal SSE connection lost, reconnecting in <s>s...`, Carbon's Discord lines pasted bare, "
     "`Gateway websocket closed: 1006` then `Unexpected server response: 403` for each refused resume, a channel's "
     "own request timing out with no timer delay: `[telegram] getMe attempt 1/3 failed: fetch timeout after 15000ms`, or a request to its "
     "platform's API timed out under any logger: `[fetch-timeout] fetch timeout after 10000ms ... "
     "url=https://api.telegram.org/bot<token>/getMe`, or one that names no request within a few lines of a channel's "
     "start, read as that channel's start-up request: `[fetch-timeout] fetch timeout reached; aborting operation` "
     "beside `[telegram] [<acct>] starting provider`; the DingTalk Stream SDK's untagged socket errors, "
     "`ERROR Error: connect ETIMEDOUT <addr>:443` between its `[<ISO time>] connect success` lines, in a file that "
     "shows the DingTalk channel; or any unrecognised "
     "failure logged under the channel's subsystem in the words of a connection failing: `[slack] ... WebSocket ... "
     "not ready`) twice, or once with a restart",
     "no `Inbound message` / `polling ingress started`", "`EADDRINUSE`",
     "one restart with the channel still failing after it, one channel's `EADDRINUSE` alone (logged by a known channel; a plugin's own server failing to bind is no channel's), or one `channel exited` (a channel plugin that failed to "
     "load, `<id> failed to load from <path>: ...` or only its tail `<path>: TypeError: ...`, or whose account failed "
     "to start, `startAccount error: ...`, among them; a channel plugin is one whose id or plugin folder names a "
     "messaging channel or chat platform, `zulip`, `openclaw-lark`, or takes the channel form, "
     "`openclaw-channel-<name>`, `channel-<name>`; not: a load failure of any other plugin, telemetry, memory or "
     "tools, which leaves message handling untouched; or the manager's first "
     "`auto-restart attempt 1/N`, which it schedules only for a task that ended) with nothing after it that started "
     "the channel again: low confidence",
     "one Telegram `getUpdates conflict ... (409: Conflict: terminated by other getUpdates request ...)` (or "
     "`... terminated by setWebhook request`, or a `[telegram][diag] polling cycle error ... err=...` with either): "
     "medium confidence (another poller, or a webhook, holds the token)",
     "not: one WhatsApp `No messages received in <n>m - restarting connection`, whatever the idle count, with only "
     "its status-499 first retry beside it (`Retry 1/12`), or firings far apart (30 minutes or more), each handled: "
     "the watchdog restarting a quiet connection; firings closer than that (untimed: the count still growing), a "
     "retry past the first, a 440 conflict or a failure of the connection beside it are its loop; its record "
     "`minutesSinceLastMessage: N, forcing reconnect` and that twin are one fire",
     "not: one drop of a channel's transport (a close code, one `ECONNRESET`, `fetch failed`, a token-request or "
     "heartbeat timeout) followed by the reconnect its client schedules at its first step or makes (`Disconnected. "
     "Reconnecting in 5s...`, `Attempting resume with backoff: 1000ms`, `[ws] reconnect`); the cycle twice with no "
     "working connection between, or a counter or back-off past its first step (`attempt 2`, `backoff: 30000ms`, "
     "more than 5 s) stays a loop",
     "not: one Slack socket drop seen twice and healed (`slack socket disconnected ... (attempt 1/12)`, the health "
     "monitor's one `restarting (reason: disconnected)`, then `slack socket mode connected`)",
     "not: one channel start failing at its first retry step (`[slack] socket mode failed to start. retry 1/12 in "
     "2s`, with its error line below it) and no second failure line: a reporter's note that the retries went on "
     "(`... (12 retries, all 403)`, `# repeats every few seconds`) is prose; the counter past its first step "
     "(`retry 3/12`) or a second failure line stays a loop",
     "not: the Lark SDK's `[info]: [ '[ws]', 'reconnect' ]` notes with no `connect failed` or `unable to connect` "
     "beside them (the socket renewed); a Telegram typing indicator's `sendChatAction failed: ...` with no poll or "
     "reply of the channel failing while the lines show the turn or the channel going on (a run's tool or model "
     "progress, a run that ended well, a message served, the channel's ingress up after it); with none of that, the "
     "same account's indicator failing at the network level twice or more is its requests failing (low confidence); "
     "one failure that announced its retry (`...; retrying in 30s.`) with no further "
     "failure of that channel anywhere later while the log goes on five minutes and more",
     "a disconnect the channel itself calls final (`WhatsApp session logged out`, `... (status 440: session "
     "conflict)`, `discord: gateway closed with code 4014 (...)`, the manager's `auto-restart skipped, terminal "
     "disconnect` beside one; the Discord library's `Fatal Gateway error: 4014`; Slack's `An API error occurred: "
     "account_inactive|invalid_auth|token_revoked|...`; Telegram's `Call to '<method>' failed! (401: Unauthorized)`, the "
     "bot token refused): medium confidence from one line",
     "the gateway process ending on a network failure nothing caught (`[openclaw] Unhandled promise rejection: "
     "Error: ... getaddrinfo ENOTFOUND ...`, builds before the transient-network guard) as a channel's exit: low "
     "confidence alone, medium after a channel transport's own error; undici's bare `TypeError: fetch failed` names "
     "no channel and counts only beside a channel's own network failure or over a channel frame (alone: an unjudged "
     "crash)",
     "an uncaught crash whose stack frames run through a channel's code (its plugin folder, an `email` plugin's too, or "
     "a client library only a channel bundles), after `Uncaught exception:` or as Node's own bare print of the error "
     "with its frames right after it (`Error: No mailbox is currently selected`, `at Timeout.checkEmail (.../extensions/"
     "email/src/runtime.ts:168:18)`): that channel exiting",
     "`slack socket mode reports N active connections for this Slack app` with N of 2 or more (low confidence once)",
     "one channel request whose own error says it hung past the warn threshold (`Request to 'getUpdates' timed out "
     "after 500 seconds`): medium confidence",
     "Discord's `Slow listener detected: DiscordMessageListener took <n> seconds for event MESSAGE_CREATE` past the "
     "event queue's own 30 s listener budget, or slow listeners again and again (builds before 2026.3.13 awaited "
     "the turn in the listener), Carbon's `[EventQueue] Listener <name> timed out after <n>ms` counted with them: "
     "medium confidence",
     "a channel's own sends or polls refused for its credentials, twice (`[qqbot] sendText failed: HTTP 401: "
     "Unauthorized`), or its connects failing twice on an access token refused for the app's id and secret "
     "(`[qqbot:default] Connection failed: Error: Failed to get access_token: {\"code\":100016,\"message\":\"invalid "
     "appid or secret\"}`), its sends refused with an HTTP error twice (`消息发送失败 ... status code 403`), or aborting "
     "on their timeout under the channel's tag (`[weixin] typing send error: AbortError: "
     "...`, `weixin reply final: AbortError: ...`)",
     "a channel SDK's own transport errors repeated: Slack's `bolt-app|web-api:WebClient:<n> http request failed "
     "<err>`, grammY's `Network request for '<Bot API method>' failed!`",
     "a webhook channel refusing inbound events for a reason of its own config (Google Chat's `[<account>] Google "
     "Chat webhook auth rejected: missing add-on principal binding`, `unexpected add-on principal: <id>`, `Wrong "
     "recipient, payload audience != requiredAudience`, `missing audience`) with nothing served after it: every "
     "message meets the same refusal; medium confidence at two refusals at different times (a stray request's "
     "`missing token` or a bad signature is no fault)",
     "Telegram's polling lease refusing a poller (`Telegram polling already active for bot token ...; refusing "
     "duplicate poller ...`): medium confidence from one line, as a 409 getUpdates conflict",
     "one failure of a channel's intake (its poll, socket, stream or RPC; not a reconnect, not an attempt that says "
     "more follow, `attempt 1/3`, not a long poll timing out under the warn threshold, not a call that sends a reply "
     "or a typing indicator, `sendMessage`, `sendChatAction`, `chat.postMessage`) with nothing after it that shows "
     "the channel or the gateway serving again: low confidence, reported at info (a blip the channel healed fails "
     "no CI)",
     "not: one request of a channel's platform API timing out, shown once (`[fetch-timeout] fetch timeout after "
     "10000ms (elapsed 10000ms) ... url=https://api.telegram.org/bot<token>/getMe`; one firing 2 s or more late is "
     "the loop's evidence, not the channel's), or one socket close shown once (`discord gateway: WebSocket connection "
     "closed with code 1006` or `discord gateway error: Error: WebSocket was closed before the connection was "
     "established`, with at most the untagged `Attempting resume with backoff: 1000ms` after it; the same line printed "
     "twice at once is one drop, three copies a storm), or one reconnect attempt failing at its first step (the Lark "
     "SDK's `unable to connect to the server after trying 1 times`, with at most its drop or its `[ws] reconnect` "
     "beside it), with no other line of the channel failing, no rejection nothing caught and no inbound lost beside it: one request or "
     "one drop is no fault; the same account twice, several accounts at once, a back-off past its first step, a "
     "give-up, an exit or a channel line saying something else failed (`[discord] invalid rest proxy: Error: ...`) "
     "stay RC18",
     "not: a provider's start-up lines with nothing after them (`starting provider`, Discord's `client initialized "
     "as <id> (<name>); awaiting gateway readiness`, `socket mode connected`, `isolated polling ingress started`), "
     "whatever line the paste stops on: what every healthy start prints, and a start that never finished could "
     "only be read from lines that are not there (its own failure lines, an exit, a restart, a stall, decide)",
     "a channel's handler throwing on an inbound message on a fault of its code, or its own send failing on one "
     "(`NapCat message send failed: TypeError: Failed to parse URL from ...`), with nothing served after it "
     "(`feishu[<acct>]: failed to dispatch message: Error: ... must declare ...`, QQ Bot's `Message processing "
     "failed: Cannot read properties of undefined (reading 'run')`, Telegram's `[diag] spooled update <id> failed; "
     "keeping for retry: ... Cannot find module ...` or `... Bot not initialized!`): low confidence once, medium "
     "when repeated",
     "a channel's handling of an inbound message refused with `GatewayDrainingError: Gateway is draining; new tasks "
     "are not accepted` (`[line] auto-reply failed: ...`, `[slack] inbound debounce flush failed: ...`) while no "
     "restart signal, drain, stop or suspension closed the gateway's admission in the lines, for two or more inbound "
     "messages at different times (medium confidence); one refusal within milliseconds, with the channel's own "
     "report or diagnostic record of it, is one task turned away at admission and no fault (labelling policy "
     "\"draining refusal that names no restart\")",
     "a channel accepting an inbound message (Telegram's `isolated polling update spooled updateId=<id>`, `offset "
     "persisted`) and a later dated line of the same gateway 30 s or more after "
     "it with no dispatch, claim, session, run or lane line in between: low confidence; an accepting line that is the "
     "last line, or followed only by a reporter's note, is no evidence (labelling policy \"inbound accepted, then a "
     "dated silence\")",
     "one account's provider started three or more times in a row at a regular interval (`[default] starting "
     "provider` every 35 minutes), with no gateway start, restart or shutdown line between the starts, even when each "
     "start connects: the channel restarting in a loop; medium confidence at most (no line says why); not: starts "
     "with a gateway start, restart or shutdown line between them, two starts, or starts at irregular times far apart",
     "a channel daemon's start held by another instance of it: signal-cli's `Config file is in use by another "
     "instance, waiting…` (another signal-cli holds the account's config file) with no `Config file lock acquired` "
     "after it: the Signal channel cannot start; low confidence alone",
     "a webhook channel's sender refused by the gateway's port twice or more (`BB dispatches msg 1 → connect "
     "ECONNREFUSED 127.0.0.1:18789`): the inbound messages those deliveries carried never reached the gateway; "
     "medium confidence; one refused delivery alone is no loss shown",
     "delivery recovery's summary after a start with nothing delivered (`Delivery recovery complete: 0 recovered, 6 "
     "failed, ...`): the replies queued across the restart did not reach their chats; medium confidence when it "
     "counts several failures"),
    ("no session is processing: the problem is channel-level",),
    (Fix("Free the port another process holds (`EADDRINUSE`), or stop the second gateway.", _port_taken,
         "a restart failed with EADDRINUSE"),
     Fix("Give each gateway its own Slack app, or stop the other gateways and scripts that use this app token.",
         _shared_app, "Slack reports several socket-mode connections for the app"),
     Fix("Relink the account (`openclaw channels login --channel <channel>`), or fix its token or the privileged "
         "intents the bot needs: a channel closed for good does not come back on a restart.", _closed_for_good,
         "the channel disconnected for good (logged out, a session conflict, a close code never resumed)"),
     Fix("Upgrade to 2026.3.13 or later: Discord's message listener no longer waits for the turn it starts (#39274), "
         "so one slow turn no longer holds the channel's intake.", _listener_held,
         "Discord's message listener was held by slow turns"),
     Fix("Stop the other process polling this bot token (a second gateway, another host or container, a long poll "
         "a hung channel stop left open, or one that set a webhook on the token): Telegram serves getUpdates to one "
         "poller at a time, and not at all while a webhook is set, and ends the others with 409 Conflict.",
         _another_poller, "Telegram refused a poll as another getUpdates request (or a webhook) held the token"),
     Fix("Check the channel's credentials (app id and secret, bot token): the platform refuses the calls made with "
         "them, and a restart does not change that.", _credentials, "the channel's calls were refused for its credentials"),
     Fix("Set the channel's credentials in its config (Teams: `channels.msteams.appId`, `appPassword` and `tenantId`, or "
         "`MSTEAMS_APP_ID`, `MSTEAMS_APP_PASSWORD` and `MSTEAMS_TENANT_ID`) and restart the gateway: with none configured the channel does not start, and a restart alone does not "
         "change that.", _credentials_missing, "the channel exited because no credentials are configured"),
     Fix("Bring the channel plugin and OpenClaw to versions that fit, then restart the gateway: the plugin found "
         "OpenClaw's runtime without the API it was built against (QQ Bot's line names the running OpenClaw, and "
         "the version the plugin requires when it says), so it drops every message. Upgrade OpenClaw to the version the "
         "plugin requires (its release notes say which when the line does not), or install the plugin's release built "
         "for the OpenClaw you run.", _host_mismatch,
         "the channel plugin found OpenClaw's runtime without the API it needs (a version mismatch)"),
     Fix("Make the channel's code whole again, then restart the gateway: update the channel plugin to the release "
         "built for this OpenClaw version (`openclaw plugins update <id>`), reinstall OpenClaw if a module of its own "
         "is missing, and restart a process whose client was never initialised. A fault of the code or the install "
         "meets every message alike, whatever the channel's connection does.", _code_not_whole,
         "the channel's plugin did not load, or its handler failed on an error of its code or install"),
     Fix("Upgrade OpenClaw and the channel's plugin: from 2026.7 a channel's work that went on after its webhook "
         "request was answered inherited that request's admission, released when the handler returned, and the "
         "gateway refused it as if draining (#107732, #108135; fixed for LINE in PR #107734, which gives post-ack "
         "webhook work its own admission). A restart does not help: every message meets the same refusal.",
         _inbound_refused, "the channel's inbound work was refused as if the gateway were draining, with no drain"),
     Fix("Fix the webhook's verification settings in the channel's config (Google Chat: `audience` must be the app URL "
         "or project number Google signs its tokens for, with the matching `audienceType`; an add-on app on a personal "
         "account also needs `appPrincipal`, the add-on's numeric OAuth client id, the number an `unexpected add-on "
         "principal: <id>` rejection names), then restart the gateway: every inbound event is refused the same way "
         "until then, and a restart alone does not change that.", _inbound_unauthorized,
         "the channel's webhook refused inbound events for a reason of its own config"),
     Fix("Keep one plugin per channel: `openclaw plugins list --enabled --verbose` shows which enabled plugins claim "
         "the channel id; disable or remove the one you do not use (most often an external copy beside a bundled plugin "
         "that now provides the channel), then restart the gateway.", _claimed_twice,
         "two enabled plugins claimed the same channel id"),
     Fix("Tell the users whose replies were queued across the restart that those replies were lost, and check the "
         "channel came up (its connected line after the start): a replay that runs before the channel has reconnected "
         "fails every entry, and each failure spends one of the entry's retries (#91212).", _replay_lost,
         "delivery recovery delivered none of the replies it replayed"),
     Fix("Stop the other process that holds the channel's account (for Signal, `pgrep -af signal-cli`: a daemon an "
         "earlier gateway left running shows PPID 1), then start the gateway again: while it holds the account's "
         "config file, every new signal-cli daemon waits and the channel does not start. Upgrade to a build whose "
         "Signal stop waits for its daemon to exit before the channel starts again (#22676).", _start_blocked,
         "the channel's daemon waits on a lock another instance holds"),
     Fix("Keep the gateway's port answering while the channel's sender delivers (restart rather than stop and start, "
         "and check the gateway is up again before messages arrive): a webhook sender that gets connection refused may "
         "not retry, and the messages it carried are lost unless the channel fetches what it missed after the start; "
         "ask the senders to send them again.", _deliveries_lost,
         "the channel's webhook deliveries were refused on the gateway's port"),
     Fix("Check that the gateway host reaches api.telegram.org (DNS, a proxy or firewall in the way, an IPv6 route "
         "that goes nowhere): the typing indicator's requests failed at the network level, and the channel's replies "
         "and polls go the same way.", _typing_only,
         "only the Telegram typing indicator's failures show the channel's requests failing"),
     Fix("Restart the channel or the gateway.", _restart_may_help,
         "the channel can come back on a restart, and has not come back on its own"),
     Fix("Upgrade (PR #34113 fixes the multi-account stale-socket loop).", _stale_socket,
         "the restarts are for stale sockets"),
     Fix("Tune the health-monitor thresholds.", _restarted_by_monitor, "the channel can come back on a restart")),
    ("#34113",),
    confirm="A longer log would show whether the restarts keep coming and whether inbound messages resume after them.",
)


# A channel that exits at start because it has no credentials configured (Teams' "msteams credentials not
# configured", extensions/msteams/src/monitor.ts): a configuration gap, which a restart does not close.
_CREDENTIALS_MISSING = re.compile(r"\bcredentials not configured\b", re.IGNORECASE)


_HUNG_FOR = re.compile(r"timed out after (\d+(?:\.\d+)?) ?(ms|milliseconds|s|sec|secs|seconds)\b")


def _hung_for(event: Event) -> float:
    """How long a channel's own request hung before it timed out, in seconds, as its error says ("Request to
    'getUpdates' timed out after 500 seconds"); 0 when it does not say. One such request hanging for the stall
    detector's warn threshold is the channel's ingress stalled that long, not a blip."""
    found = _HUNG_FOR.search(event.message)
    if found is None:
        return 0.0
    value = float(found.group(1))
    return value / 1000 if found.group(2).startswith("m") else value


def _tied_to_starts(timeouts: list[Event], starts: list[Event]) -> list[Event]:
    """The fetch timeouts that name no request (see :func:`unnamed_fetch_timeout`), each as a request of the channel
    whose start is nearest beside it (``[telegram] [acc1] starting provider`` between two ``fetch timeout reached;
    aborting operation``): a channel's start-up requests are sent right after its start, and nothing else in the lines
    names a request that could have timed out there."""
    tied: list[Event] = []
    for timeout in timeouts:
        near = [s for s in starts if beside_start(s, timeout)] if unnamed_fetch_timeout(timeout) else []
        if near:
            start = min(near, key=lambda s: (abs(s.line - timeout.line), s.line))
            name, _, account = channel_of(start).partition(":")
            tied.append(replace(timeout, fields={**timeout.fields, "channel": name, "account": account}))
    return tied


_ABORTED = re.compile(r"AbortError|\baborted\b|operation was aborted", re.IGNORECASE)
_ERROR_JSON = re.compile(r'"statusCode":\s*(?P<status>\d{3}).*?"message":\s*"(?P<message>[^"\\]{1,120})"', re.DOTALL)


# A channel's own report of a request failing on the network: the line that ties a bare fetch failure ending the
# process to that channel ("telegram setMyCommands failed: HttpError: Network request for 'setMyCommands' failed!").
_NETWORK_FAILURE = re.compile(r"Network request for|fetch failed|\bECONN[A-Z]{1,10}\b|\bETIMEDOUT\b|\bENOTFOUND\b"
                              r"|\bEAI_AGAIN\b|socket hang up|getaddrinfo", re.IGNORECASE)
# How far from such a line a bare fetch crash is still beside it: in time when both are dated, else in lines.
FETCH_CRASH_TIE = timedelta(seconds=120)
FETCH_CRASH_TIE_LINES = 30


def _tied_fetch_crashes(view: EpisodeView) -> list[Event]:
    """The bare ``Unhandled promise rejection: TypeError: fetch failed`` lines of the episode that a channel's own
    network failure beside them ties to that channel, read as its exit (as before p54); one with no such line names no
    channel and stays an unjudged crash (field policy "bare undici fetch failure as an unhandled rejection": f644,
    f5738 apart from f642, f2055, f5057)."""
    failures = [e for e in view.events("channel.transport_error") if _NETWORK_FAILURE.search(e.message)]

    def beside(crash: Event, failure: Event) -> bool:
        if crash.time is not None and failure.time is not None:
            return abs(crash.time - failure.time) <= FETCH_CRASH_TIE
        return crash.source == failure.source and abs(crash.line - failure.line) <= FETCH_CRASH_TIE_LINES

    return [replace(e, kind="channel.exited") for e in view.events("gateway.crashed")
            if bare_fetch_crash(e) and any(beside(e, f) for f in failures)]


def _process_ended(event: Event) -> bool:
    """An exit that is the gateway process ending on a network failure nothing caught (families: the unhandled
    rejection handler's line), not one channel's task ending."""
    return event.message.startswith("Unhandled promise rejection: ")


def _error_words(error: str) -> str:
    """An exit's error as words: a Boom error object printed as JSON says its status and message."""
    found = _ERROR_JSON.search(error)
    return f"status {found['status']}: {found['message']}" if found else quote(error, 160)


def _came_back(view: EpisodeView, restarts: list[Event]) -> bool:
    """Whether the channel a lone restart was for reported its ingress up again after it, in the order of the lines
    ("slack socket mode connected" after "health-monitor: restarting (reason: disconnected)"): it recovered. Not for a
    restart for a stale socket or a stuck channel: the monitor found the ingress dead for its whole stale window
    (30 min by default) before it restarted it, so messages were lost even if it came back."""
    if not restarts or any(field_text(e, "reason") in ("stale-socket", "stuck") for e in restarts):
        return False
    return _up_again_after(view, max(restarts, key=event_order))


def _up_again_after(view: EpisodeView, failure: Event) -> bool:
    """Whether the channel of ``failure`` (a restart, a drop) said its ingress was up again after it ("[qqbot:default]
    Gateway ready", "slack socket mode connected"): it recovered (QQ Bot's server asks for a reconnect every 30
    minutes, f1530)."""
    name = _channel_name(failure)
    return any(event_order(e) > event_order(failure) and _channel_name(e) in (name, "a channel")
               for e in view.events("channel.polling_started"))


def _one_disconnect_healed(view: EpisodeView, restarts: list[Event], auto: list[Event]) -> bool:
    """One disconnect seen twice, and healed: the transport's own first reconnect ("slack socket disconnected
    (disconnect); reconnecting in 2s (attempt 1/12)", extensions/slack/src/monitor/provider.ts), the health monitor's
    one restart for the same disconnect (reason: disconnected), and the channel's ingress up after both ("slack socket
    mode connected"). A socket rotation, not a loop; a channel manager's "auto-restart attempt" (its task ended) is
    never part of one."""
    return len(restarts) == 1 and field_text(restarts[0], "reason") == "disconnected" \
        and all(_attempt(e) <= 1 and "auto-restart attempt" not in e.message for e in auto) \
        and _came_back(view, restarts + auto)


def _first_attempt_of_one_restart(restarts: list[Event], auto: list[Event]) -> bool:
    """One health-monitor restart and, of the channel's own restart cycle, only its first attempt for each channel
    ("auto-restart attempt 1/10 in 5s", "slack socket disconnected ... (attempt 1/12)"): the disconnect the monitor
    reacted to, or the restart it asked for, not a cycle past its first attempt (attempt 5/10, a give-up)."""
    channels = [channel_of(e) for e in auto]
    return len(restarts) == 1 and all(_attempt(e) == 1 for e in auto) and len(set(channels)) == len(channels)


# A channel failing after a restart in words of its own, not a transport error, a stall or an exit (those make the
# restart part of a loop on their own): its handler or its sends failing, its work refused, replies lost.
STILL_FAILING_KINDS = ("channel.no_listener", "channel.inbound_failed", "channel.ingress_stalled",
                       "channel.handler_broken", "channel.inbound_refused", "channel.shared_connections",
                       "channel.inbound_unauthorized")


def _drop_the_restart_answers(drop: Event, restarts: list[Event]) -> bool:
    """Whether ``drop`` (one transport error or reconnect of a channel) is the disconnect that the log's only
    health-monitor restart, of the same channel and after it, reacted to: one drop and the restart that answered it are
    one restart (labelling policy "one health-monitor restart": null "whether the lines before it show the disconnect
    it reacts to"), not a drop and a restart each."""
    if len(restarts) != 1 or event_order(restarts[0]) < event_order(drop):
        return False
    return _channel_root(drop) in ("", _channel_root(restarts[0]))


def _routine_restart(view: EpisodeView, restart: Event) -> bool:
    """One health-monitor restart of one account with nothing after it showing the channel still failing: the monitor
    doing its job (OpenClaw logs it at info level), whether or not the lines show the disconnect before it or the
    reconnect after it. What the restart does not show is a loop or lost messages (a second restart, the channel's
    own cycle past its first attempt, a failure after it)."""
    after = [e for e in view.events(*STILL_FAILING_KINDS) if event_order(e) > event_order(restart)]
    replays = [e for e in view.events(REPLAY_KIND) if replay_all_failed(e) and event_order(e) > event_order(restart)]
    # (a transport failure of the same channel later in the log, outside this episode: its connect still failing)
    root = _channel_root(restart)
    later = restart.time is not None and any(
        moment > restart.time and channel.split(":", 1)[0].strip() in ("", root)
        for channel, moment in view.record.last_transport_failure.items())
    return not (after or replays or later)


def _monitor_found_stable(view: EpisodeView, restarts: list[Event]) -> list[Event]:
    """The health monitor's own word that every account it restarted held afterwards: for each restarted account, a
    "[<ch>:<acct>] health-monitor: channel stable after <n> restart(s), resetting counter" of that account after its
    last restart (src/gateway/channel-health-monitor.ts, the back-off build: logged once the account has been healthy
    at every check for its 5-minute stability window, its count of restarts in a row reset). Those stable lines, or
    none when an account has none after its last restart (a restart after the stable line is a repeat of its own), or
    when the channel fails again after the stable line in words of its own."""
    stable = view.events("health.channel_stable")
    if not restarts or not stable:
        return []
    found = []
    for account in dict.fromkeys(channel_of(e) for e in restarts):
        mine = sorted((e for e in restarts if channel_of(e) == account), key=event_order)
        heal = next((s for s in stable if channel_of(s) == account and event_order(s) > event_order(mine[-1])), None)
        if heal is None or not _one_account(account, mine, heal):
            return []
        found.append(heal)
    latest = max(found, key=event_order)
    if any(event_order(e) > event_order(latest) for e in view.events(*STILL_FAILING_KINDS)):
        return []
    return found


def _one_account(account: str, restarts: list[Event], heal: Event) -> bool:
    """Whether the restarts of ``account`` that its stable line ``heal`` follows are one account's. A named account
    is; an elided one (``[telegram:…]``, ``[telegram:<acct>]``: a paste that hid the names) may be several accounts
    under one mark, one healed and another still restarting, so it is only when its restarts read as one run of the
    monitor's count, 1, 2, ... each one up from the last, ending on the count the stable line states."""
    name = account.partition(":")[2]
    if name and usable_name(name):
        return True
    counts = [_consecutive(e) for e in restarts]
    restarts_stated = heal.fields.get("restarts")
    return all(counts) and all(later == earlier + 1 for earlier, later in zip(counts, counts[1:])) \
        and str(counts[-1]) == str(restarts_stated)


# The WhatsApp Web monitor's inbound watchdog closes a connection that had no message for its idle threshold (30
# minutes; its own close, status 499) and reconnects: on a quiet account that is routine, whatever the idle count (a
# quiet account receives nothing, so 97 or 118 minutes shows no lost message). A reconnect resets the idle clock, so
# the watchdog cannot fire again within its threshold: two firings closer than that (or, untimed, a count still
# growing) are the watchdog looping on a connection that gets nothing.
WHATSAPP_IDLE_THRESHOLD = timedelta(minutes=30)


def _without_frozen_through(stalls: list[Event], gaps: list[Event]) -> list[Event]:
    """``stalls`` less a channel's only stall when a host timing gap beside it covers it (see
    :func:`stall_spans_a_freeze`); a second stall of the channel is its own, so then all are kept."""
    per_channel = Counter(channel_of(e) for e in stalls)
    return [e for e in stalls if per_channel[channel_of(e)] > 1 or not stall_spans_a_freeze(e, gaps)]


def _routine_idle_reconnect(stalls: list[Event], auto: list[Event]) -> bool:
    """Whether ``stalls`` are WhatsApp idle-watchdog firings only, each one on its own (firings far apart, the idle
    clock reset in between), and the channel's own reconnects beside them (``auto``) only their status-499 first
    retry (``Retry 1/12``): the watchdog restarting a quiet connection, not a loop."""
    if not stalls or any(_stall_minutes(e) is None for e in stalls):
        return False
    if not all("(status 499)" in e.message and _attempt(e) <= 1 for e in auto):
        return False
    ordered = sorted(stalls, key=event_order)
    return not any(_idle_clock_not_reset(earlier, later) for earlier, later in zip(ordered, ordered[1:]))


def _idle_clock_not_reset(earlier: Event, later: Event) -> bool:
    """Two idle-watchdog firings that show its loop: closer together than its idle threshold (a reconnect resets the
    clock, so a second firing that soon means the clock was not reset), or, untimed, a later count still growing
    ("No messages received in 150m" then "... in 151m")."""
    if earlier.time is not None and later.time is not None:
        return later.time - earlier.time < WHATSAPP_IDLE_THRESHOLD
    return (_stall_minutes(later) or 0) > (_stall_minutes(earlier) or 0)


def _stall_minutes(event: Event) -> int | None:
    """Whole minutes a WhatsApp watchdog stall gives (its "No messages received in <n>m", or its record's
    minutesSinceLastMessage), else None."""
    minutes = event.fields.get("minutesSinceLastMessage")
    if isinstance(minutes, int):
        return minutes
    seconds = event.seconds.get("stalledFor")
    return int(seconds // 60) if seconds and event.message.startswith("No messages received in ") else None


def _polling_watchdog_stall(event: Event) -> bool:
    """Telegram's polling watchdog forcing a restart ("Polling stall detected (no getUpdates for 117.39s); forcing
    restart"): it fires only after its own stall threshold (90 s) passed with no completed getUpdates."""
    return "olling stall detected" in event.message


def _distinct_stalls(stalls: list[Event]) -> list[Event]:
    """Each watchdog fire once: the WhatsApp watchdog writes a record (minutesSinceLastMessage) and its "No messages
    received in <n>m" twin for one fire (under two loggers, so the subsystems differ), so stalls of the same minutes
    at the same second (or both untimed) are one."""
    seen: set[tuple[int, object]] = set()
    distinct = []
    for event in stalls:
        minutes = _stall_minutes(event)
        key = (minutes, event.time.replace(microsecond=0) if event.time else None) if minutes is not None else None
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        distinct.append(event)
    return distinct


# A client logs one drop in several lines at once ("WebSocket connection closed: code: 1006", "WebSocket disconnected",
# "Reconnecting in 1000ms (attempt 1)..."): different lines of one channel and kind this close together are one drop.
# (The same line again at once is another socket dropping: a storm of "TERMINATE SOCKET" lines is many drops; and two
# sends refused at once are two replies lost, not one drop. A socket's close is the exception: one close printed
# twice at once, with no line of its channel between, as Discord's "gateway error" can be, is one drop until a third
# copy shows the sockets dying again, cycle after cycle.)
SAME_DROP = timedelta(seconds=3)
STORM_LINES = 3


def _drops_by_channel(events: list[Event]) -> Counter[tuple[str, str]]:
    """How many separate drops each channel's transport lines of each kind tell (untimed lines: each one). A channel
    whose intake failed counts its intake's failures only: the calls it made to send or change something failing in
    the same outage (Telegram's command sync after a failed getUpdates, f4479) are that outage again."""
    drops: Counter[tuple[str, str]] = Counter()
    bursts: dict[tuple[str, str], tuple[datetime, set[str]]] = {}
    repeats: Counter[tuple[str, str, str]] = Counter()  # (copies of one line within its channel's current burst)
    intake_failed = {channel_of(e) for e in events if not _outbound_call(e)}
    previous: dict[str, Event] = {}
    for event in sorted(events, key=event_order):
        if _outbound_call(event) and channel_of(event) in intake_failed:
            continue
        key = (channel_of(event), event.kind)
        before, previous[key[0]] = previous.get(key[0]), event
        if (_schedules_first_reconnect(event) or _first_retry_of(before, event) or _disconnect_told_of(before, event)) \
                and _next_untimed_line(before, event):
            continue  # (an untimed error and the reconnect or retry it schedules on the next line: one drop)
        burst = bursts.get(key)
        if event.time is not None and burst is not None and event.time - burst[0] <= SAME_DROP \
                and (event.message not in burst[1] or _routine_reconnect(event)) and not send_refused(event):
            burst[1].add(event.message)
            continue
        if event.time is not None and burst is not None and event.time - burst[0] <= SAME_DROP \
                and before is not None and before.message == event.message and _socket_closed(event):
            repeats[(*key, event.message)] += 1
            copies = repeats[(*key, event.message)] + 1
            drops[key] += 0 if copies < STORM_LINES else 2 if copies == STORM_LINES else 1
            continue
        drops[key] += 1
        if event.time is not None:
            bursts[key] = (event.time, {event.message})
            repeats = Counter({k: n for k, n in repeats.items() if k[:2] != key})
    return drops


# QQ Bot's gateway client retries a lost connection on a back-off of 1, 2, 5, 10, 30 and then 60 s, reset only once a
# session is up again (READY or RESUMED): tencent-connect/qqbot-nodejs src/protocol/gateway/constants.ts and
# reconnect.ts (RECONNECT_DELAYS), the same steps in sliverp/qqbot's gateway.ts before it. Each failed attempt writes
# its own lines ("Connection failed: <err>", "WebSocket error: <err>", the plugin's "Gateway error: <err>"), so one
# outage of 20 s shows failures at 0, 1, 3, 8 and 18 s: more than SAME_DROP apart, yet one drop healed by the back-off
# (its upgrade waits up to 30 s, HANDSHAKE_TIMEOUT_MS, so an attempt's line may come that much after its step).
# The WeChat plugin's long-poll monitor (Tencent/openclaw-weixin src/monitor/monitor.ts) retries a failed poll after
# 2 s and, at its third failure in a row ("weixin getUpdates error|failed ... (3/3)"), writes "weixin getUpdates: 3
# consecutive failures, backing off 30s", sleeps 30 s and goes on polling in the same loop (the count back at 0): a
# (1/3)..(3/3) cycle is its back-off, not a give-up, and only the account's abort ends the loop.
BACKOFF_CHANNELS = frozenset({"qqbot", "weixin"})
BACKOFF_LONGEST_GAP = timedelta(seconds=60 + 30)
# An outage healed only after longer than this is the channel's intake down on its own (see LONG_CHANNEL_STALL_SECONDS).
BACKOFF_LONGEST_OUTAGE = timedelta(seconds=LONG_CHANNEL_STALL_SECONDS)
_NOT_ONE_OUTAGE = re.compile(r"Invalid session|Too many quick disconnects|Max reconnect attempts")


def _one_outage_healed(view: EpisodeView, lines: list[Event]) -> bool:
    """Whether one channel's transport lines (of a channel whose client backs off, :data:`BACKOFF_CHANNELS`) are one
    outage its own back-off healed: every line timed, each within :data:`BACKOFF_LONGEST_GAP` of the one before, all
    within :data:`BACKOFF_LONGEST_OUTAGE`, the channel up again after the last ("[qqbot:default] Gateway ready") and
    failing no more in the log. No identify loop, quick-disconnect loop or give-up among them (those are loops)."""
    if not lines or _channel_root(lines[0]) not in BACKOFF_CHANNELS:
        return False
    timed = sorted(lines, key=event_order)
    times = [e.time for e in timed]
    if any(t is None for t in times) or any(_NOT_ONE_OUTAGE.search(e.message) for e in timed):
        return False
    if any(b - a > BACKOFF_LONGEST_GAP for a, b in zip(times, times[1:])) or times[-1] - times[0] > BACKOFF_LONGEST_OUTAGE:
        return False
    last = view.record.last_transport_failure.get(channel_of(timed[-1]))
    # (a line that names no account is of the one account the others name: the gateway's file log holds WeChat's
    # failure twice, the channel runtime's "weixin getUpdates error (<n>/3): ..." under no account and the plugin's
    # own record "[<account>] getUpdates error: ..." under its account, one monitor's one failure; n60)
    accounts = {_qq_account(e) for e in timed} - {""} or {""}
    if len(accounts) != 1:
        return False  # (several accounts failing: no one account's outage)
    account, channel = accounts.pop(), _channel_root(timed[0])
    # (lines that name no account, as WeChat's console lines "weixin getUpdates error (<n>/3): ..." do: the start of
    # that channel after them, whichever account it names, when the log's starts of that channel name one account
    # only; with several accounts started the lines cannot tell whose outage it was, and another account's start
    # heals nothing (h57). Lines that name one: that account's start only)
    ready = [e for e in view.events("channel.polling_started")
             if event_order(e) > event_order(timed[-1]) and _channel_root(e) == channel
             and (_qq_account(e) == account if account else e.seconds.get(ACCOUNTS_STARTED_FIELD, 1.0) <= 1.0)]
    return bool(ready) and (last is None or last <= times[-1])


# The account a QQ Bot line is of: the plugin's "[<account>]" (or "[qqbot:<account>]") before its words, or the field.
_QQ_ACCOUNT = re.compile(r"\[(?:qqbot:)?([^\[\]\s:]{1,200})\]")


def _qq_account(event: Event) -> str:
    """The account a QQ Bot line names ("" when none): another account's "Gateway ready" heals no outage of this one
    (q53)."""
    named = field_text(event, "account")
    if named:
        return named
    found = _QQ_ACCOUNT.match(event.message)
    return found.group(1) if found else ""


# A reconnect a channel client schedules ("Reconnecting in 5s...", "Reconnecting in 1s (Attempt 1)", "reconnecting
# with backoff: 1000ms"), and the delay past which it is a back-off grown beyond its first step (clients start at
# 1 to 5 s: Discord's 1000 ms, Signal's 1 to 2 s, QQ's 5 s; Signal's 10 s or Discord's 30000 ms is a later step).
_SCHEDULED_RECONNECT = re.compile(r"\breconnect(?:ing)?\b[^0-9]{0,24}?(?:\bin|backoff:?)\s*(\d{1,7}(?:\.\d{1,3})?)\s?(ms|s|m)\b",
                                  re.IGNORECASE)
FIRST_RECONNECT_STEP = timedelta(seconds=5)
_ATTEMPT_SAID = re.compile(r"\battempt\s*#?(\d{1,4})\b", re.IGNORECASE)


def _reconnect_delay(event: Event) -> timedelta | None:
    said = _SCHEDULED_RECONNECT.search(event.message)
    return timedelta(seconds=float(said.group(1)) * _DELAY_UNIT_SECONDS[said.group(2).lower()]) if said else None


def _past_first_step(event: Event) -> bool:
    """A channel line whose retry counter or back-off has grown past its first step (``attempt 2/..``,
    ``Reconnecting in 2000ms (attempt 2)``, ``reconnecting in 10s``, ``backoff: 30000ms``): the reconnect failed at
    least once already."""
    said = _ATTEMPT_SAID.search(event.message)
    delay = _reconnect_delay(event)
    return _attempt(event) >= 2 or (said is not None and int(said.group(1)) >= 2) \
        or (delay is not None and delay > FIRST_RECONNECT_STEP)


def _schedules_first_reconnect(event: Event) -> bool:
    """A line that schedules the channel's first reconnect (``Disconnected. Reconnecting in 5s...``)."""
    return _reconnect_delay(event) is not None and not _past_first_step(event)


# Telegram's polling session retries a failed setup step (its webhook cleanup, its bot init) on the poll's back-off:
# 2 s with up to 25 % jitter at the first step, 3.6 s at the second (extensions/telegram/src/polling-session.ts).
FIRST_SETUP_RETRY = timedelta(seconds=2.5)


def _first_retry_of(before: Event | None, event: Event) -> bool:
    """Whether ``event`` is the retry notice, at the back-off's first step, of the failure on ``before``: the Bot API
    wrapper logs the failed call ("deleteWebhook failed: <err>") and the polling session then logs the same error with
    its retry ("Telegram webhook cleanup failed: <err>; retrying in 2.04s."), one failed request told twice."""
    if before is None:
        return False
    delay, error = _retry_delay(event), field_text(event, "error").strip()
    return delay is not None and delay <= FIRST_SETUP_RETRY and len(error) >= 8 and error in before.message


# The NapCat OneBot client (Daiyimo/openclaw-napcat src/client.ts) ends every drop in one handler that writes
# "[napcat-QQ] Disconnected from OneBot server": right after its heartbeat check's "Heartbeat timeout, forcing
# reconnect..." or its socket's "WebSocket error: <err>", the same drop told twice.
_ONEBOT_DROP = re.compile(r"Heartbeat timeout, forcing reconnect|WebSocket error\b")
_ONEBOT_DISCONNECTED = re.compile(r"\bDisconnected from OneBot server\s*$")


def _disconnect_told_of(before: Event | None, event: Event) -> bool:
    """Whether ``event`` is the NapCat client's "Disconnected from OneBot server" that closes the drop on ``before``."""
    return before is not None and _ONEBOT_DISCONNECTED.search(event.message) is not None \
        and _ONEBOT_DROP.search(before.message) is not None


def _next_untimed_line(before: Event | None, event: Event) -> bool:
    """Whether ``event`` is an untimed line right below ``before`` (a continuation line or two between them)."""
    return before is not None and before.time is None and event.time is None and before.source == event.source \
        and 0 < event.line - before.line <= 3


def _one_drop_reconnected(failure: Event, transport: list[Event]) -> bool:
    """One drop of a channel's transport followed by its reconnect: ``failure`` is the reconnect its client
    scheduled at its first step, or a line of that channel after it is a reconnect (a close the client reconnects
    from, ``Attempting resume``, ``[ws] reconnect``), and no line of that channel shows the retry counter or the
    back-off past its first step. The client doing its job, as one health-monitor restart is (a second cycle counts
    as a loop before this is asked)."""
    same = [e for e in transport if channel_of(e) == channel_of(failure)]
    if any(_past_first_step(e) for e in same):
        return False
    return _schedules_first_reconnect(failure) or any(
        event_order(e) > event_order(failure) and (e.kind == CHANNEL_RECONNECT_KIND or _schedules_first_reconnect(e))
        for e in same)


def _one_failure_alone(view: EpisodeView, failure: Event, transport: list[Event]) -> bool:
    """One channel request failure or one drop, shown once (a ``fetch timeout`` of its platform API, a socket closed
    with a code, a reconnect attempt failing at its first step: :func:`_first_reconnect_failed`), with at most its
    reconnect at the first step after it: no other transport line, no line of that channel past the first step of its
    back-off or retry counter, no other line of that channel saying something failed, no rejection nothing caught, no
    inbound lost. The channel's client doing its job, or one request failing, is no fault (the labelling policies "one
    channel request failure" and "channel reconnect burst"); repeats, back-off past its first step, a give-up or an
    exit are read before this is asked."""
    if not (failure.kind == "fetch.timeout" or _socket_closed(failure) or _first_reconnect_failed(failure)
            or _sdk_request_failed(failure) and _up_before(view, failure)):
        return False  # (the shapes the policies name: one request of the platform API timing out, one socket closing,
        # one reconnect attempt failing at its first step)
    root = _channel_root(failure)
    if any(e is not failure and not (e.kind == "channel.reconnecting" and not _past_first_step(e)) for e in transport):
        return False
    if any(event_order(e) != event_order(failure) for e in view.events(*STILL_FAILING_KINDS)):
        return False  # (its sends or its handler failing too, its work refused, inbound lost)
    # (the same channel failing again later in the log, outside this episode: the same account twice, not once)
    last = view.record.last_transport_failure.get(channel_of(failure))
    if failure.time is not None and last is not None and last - failure.time > SAME_DROP:
        return False
    for event in view.record.channel_side:
        resume = RESUME_SCHEDULED.search(event.message)
        if resume and int(resume.group(1)) > FIRST_RECONNECT_STEP.total_seconds() * 1000:
            return False  # (a resume past its first back-off step: the reconnect already failed)
        if UNHANDLED_REJECTION.search(event.message) or (root and _channel_root(event) == root and not resume):
            return False
    return True


# The Lark SDK's note after a reconnect attempt failed ("[info]: [ 'ws', 'unable to connect to the server after trying
# <n> times")' ]"): larksuite/node-sdk ws-client/index.ts counts the attempts of one reconnect loop from 1, writes the
# line after each failed one, and then schedules the next attempt unless the count has reached its reconnectCount
# (-1, no limit, unless the server's pong sets one; ws-client/ws-config.ts). At 1 it is the retry counter's first step,
# as "attempt 1/3" is: one drop whose reconnect has not yet got through, not a give-up (f5622).
_RECONNECT_TRIED = "unable to connect to the server after trying "


def _first_reconnect_failed(event: Event) -> bool:
    """The Lark SDK's first reconnect attempt failing (``... after trying 1 times``, see :data:`_RECONNECT_TRIED`)."""
    return event.kind == "channel.transport_error" and _attempt(event) == 1 and _RECONNECT_TRIED in event.message


# A channel SDK's own HTTP request failing, as its client prints it: axios (the Lark SDK's, the Slack Web API's)
# throws "AxiosError: timeout of 10000ms exceeded" (the request's own budget, code ECONNABORTED) or "AxiosError:
# getaddrinfo ENOTFOUND open.feishu.cn" (its connection to the platform host failing). One request of the platform API
# failed, as one "fetch timeout" is: what the policy "one channel request failure" reads alone as no fault.
_SDK_REQUEST_FAILED = re.compile(r"\bAxiosError: (?:timeout of \d+ms exceeded|(?:getaddrinfo|connect|read) "
                                 r"(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b)")


def _sdk_request_failed(event: Event) -> bool:
    """A channel SDK's one HTTP request failing (see :data:`_SDK_REQUEST_FAILED`)."""
    return event.kind == "channel.transport_error" and _SDK_REQUEST_FAILED.search(event.message) is not None


def _up_before(view: EpisodeView, failure: Event) -> bool:
    """Whether the channel of ``failure`` said its client was up before it ("feishu[default]: WebSocket client
    started", "ws client ready"): the failed request is one of a running channel ("one channel request failure"), not
    its start failing to connect (the start policy's connect-failure clause: f654's token request timing out with no
    line of the channel up is RC18)."""
    root = _channel_root(failure)
    return any(event_order(e) < event_order(failure) and _channel_root(e) in ("", root)
               for e in [*view.events("channel.polling_started"), *view.record.first_ingress_up.values()])


_SOCKET_CLOSED = re.compile(r"\bWebSocket was closed before the connection was established\b")


def _socket_closed(event: Event) -> bool:
    """A channel's socket closing: a close with its code, or ws's "WebSocket was closed before the connection was
    established" (the client terminating a socket that had not opened yet: one drop, as a close code is)."""
    return "closeCode" in event.fields or (event.kind == "channel.transport_error"
                                           and _SOCKET_CLOSED.search(event.message) is not None)


def _exits_told_once(exits: list[Event]) -> list[Event]:
    """The exits with each one told twice kept once: a channel's own line for its failed start ("[default] Zalo provider
    startup failed mode=webhook: TypeError: fetch failed", extensions/zalo/src/monitor.ts, which rethrows) and the
    channel manager's "[default] channel exited: TypeError: fetch failed" for the same error within :data:`SAME_DROP`
    are one exit, not two (found by review q50: one failed start read as "exited 2 times")."""
    kept: list[Event] = []
    for event in sorted(exits, key=event_order):
        error = field_text(event, "error").strip()
        if kept and error and event.time is not None:
            k = kept[-1]
            told = field_text(k, "error").strip()
            if k.time is not None and _channel_root(k) == _channel_root(event) \
                    and timedelta(0) <= event.time - k.time <= SAME_DROP and told and (told in error or error in told):
                continue
        kept.append(event)
    return kept


def _without_copies(events: list[Event]) -> list[Event]:
    """The lines with each copy of a line dropped: the same message of the same channel and kind again within
    :data:`SAME_DROP`, with no other line of that channel between (one error printed twice at once is one failure;
    a third copy makes a storm, read before)."""
    kept: list[Event] = []
    last: dict[str, Event] = {}
    for event in sorted(events, key=event_order):
        k = last.get(channel_of(event))
        last[channel_of(event)] = event
        if not (k is not None and k.time is not None and event.time is not None and event.time - k.time <= SAME_DROP
                and (k.kind, k.message) == (event.kind, event.message) and _socket_closed(event)):
            kept.append(event)
    return kept


def _routine_reconnect(event: Event) -> bool:
    """A reconnect the channel's client notes at info level or below ("[ws] reconnect", the Lark SDK's): the same line
    twice within a burst is the one reconnect logged twice, not two drops (an ERROR repeated is a storm, f1275)."""
    return event.kind == CHANNEL_RECONNECT_KIND and event.level in ("info", "debug", "trace")


def _sdk_reconnect(event: Event) -> bool:
    """The Lark SDK's own note that its socket closed and it is reconnecting (``[info]: [ '[ws]', 'reconnect' ]``). It
    logs a reconnect that failed ('connect failed', 'unable to connect to the server after trying <n> times') and
    a success only at debug level, so without a failure beside them these notes are the socket renewed, hourly or
    when the server closed it (f4558), not a failing transport."""
    return event.kind == CHANNEL_RECONNECT_KIND and "'[ws]', 'reconnect'" in event.message


def _typing_indicator(event: Event) -> bool:
    """A Telegram typing indicator that failed to send (``sendChatAction failed: Network request for 'sendChatAction'
    failed!``): with no poll or reply of the channel failing, a cosmetic loss while the turn goes on (f4918), or the
    channel's requests failing when nothing shows the turn going on (f6019; :func:`_turn_went_on`)."""
    return event.kind == "channel.transport_error" and "sendChatAction" in event.message \
        and "consecutive" not in event.message


def _turn_went_on(view: EpisodeView, typing: list[Event]) -> bool:
    """Whether the lines show the turn or the channel working around a channel's failed typing indicators: a run's tool
    or model progress, a run, lane task or message that ended well, a message served after them, or the channel's
    ingress up after the first of them. Then the failures are a cosmetic loss (f4918: run 3c6de29f kept calling
    tools and ended ``aborted=false``); with none of it, the same account's typing indicator failing again and again
    is the channel's requests failing repeatedly (labelling policy "one channel request failure"; f6019)."""
    record = view.record
    roots = {_failing_root(e) for e in typing} or {""}
    # (another channel's turn going on is not this channel's: Discord's run progressing says nothing of Telegram's
    # typing indicator; a line naming no channel reads as before, n64)
    if all(record.progressed_for(r) is not None or record.answered_for(r) is not None or record.served_for(r) is not None
           for r in roots):
        return True
    return bool(typing) and _up_again_after(view, min(typing, key=event_order))


def _failing_root(event: Event) -> str:
    """The known channel a failing line is of (``telegram``), or "" when it names none we know (then any channel's
    traffic after it reads as before: the evidence cannot tell whose it was)."""
    return channel_subsystem(_channel_root(event)) or ""


def _served_for(view: EpisodeView, events: list[Event]) -> bool:
    """Whether the gateway served after the episode's trouble (``served_after``) in a way that bears on every channel
    ``events`` are of: a message of that channel, or one naming no channel (an untagged line: as before). A message
    another channel served is no sign this one works (Telegram's polling dead while Discord keeps answering, n64).
    With no events, or none naming a channel we know, any message served."""
    record = view.record
    if record.served_after is None:
        return False
    return all(record.served_for(root) is not None for root in {_failing_root(e) for e in events} or {""})


def _others_served(view: EpisodeView, events: list[Event]) -> str:
    """The reasoning's clause when other channels went on serving after ``events`` and their own channel did not
    ("; Discord went on answering after it; Telegram did not"), else ""."""
    record = view.record
    roots = sorted({_failing_root(e) for e in events} - {""})
    if record.served_after is None or not roots or _served_for(view, events):
        return ""
    others = sorted(c for c in record.served_by if c and c not in roots)
    if not others:
        return ""
    said = " and ".join(display_name(c) for c in others[:3]) + (" and others" if len(others) > 3 else "")
    return f"; {said} went on answering after it; {' and '.join(display_name(r) for r in roots)} did not"


def _listener_seconds(event: Event) -> float:
    """How long a slow listener took, in seconds, in whichever form its line gave it."""
    seconds = [event.seconds.get(name, 0.0) for name in ("tookMs", "durationMs", "listenerMs", "timeoutMs")]
    seconds += [float(event.fields[name]) for name in ("tookSeconds", "durationSeconds", "timeoutSeconds")
                if isinstance(event.fields.get(name), (int, float))]
    return max(seconds)


# A channel API call that sends or changes something, named as the call that failed (Telegram's 'sendMessage',
# 'sendChatAction', 'editMessageText' quoted, or "sendChatAction failed"; Slack's chat.postMessage): its failure is a
# reply or a typing indicator lost, not the channel's intake. (Only as the failing call: a poll's 409 "terminated by
# setWebhook request" names a method too, and is the intake failing.)
_OUTBOUND_CALL = re.compile(r"'(?:send|edit|delete|answer|pin|unpin|forward|copy|set)[A-Z]\w*'"
                            r"|\b(?:send|edit|delete|answer)[A-Z]\w* failed"
                            r"|\bchat\.(?:postMessage|update|delete)|\breactions\.add")


def _outbound_call(event: Event) -> bool:
    """Whether a channel's transport error is about a call it made to send or change something."""
    return _OUTBOUND_CALL.search(event.message) is not None


def _retry_under_way(event: Event) -> bool:
    """A failed attempt that says more attempts follow (``getMe attempt 1/3 failed``): the next one may succeed."""
    attempt, most = _attempt(event), event.fields.get("maxAttempts")
    if not (attempt and isinstance(most, int)):
        said = _ATTEMPT_OF.search(event.message)  # (a family that keeps no attempt field: "fetch timeout" after it)
        attempt, most = (int(said.group(1)), int(said.group(2))) if said else (0, 0)
    return attempt < most


_ATTEMPT_OF = re.compile(r"\battempt (\d{1,4})/(\d{1,4})\b")


def _intake_failures(transport: list[Event], warn_seconds: float) -> list[Event]:
    """The transport lines that are the channel's intake failing: not a reconnect (the recovery), not a call that sent
    something (:func:`_outbound_call`), not an attempt that says more follow, and not a long poll timing out under the
    warn threshold (the poll's own budget, a blip)."""
    return [e for e in transport if e.kind != "channel.reconnecting" and not _outbound_call(e)
            and not _retry_under_way(e) and not ("getUpdates" in e.message and 0 < _hung_for(e) < warn_seconds)]


_RETRY_DELAY = re.compile(r"\bretrying in (\d{1,6}(?:\.\d{1,3})?)\s?(ms|s|m)\b")
_DELAY_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0}
# How long a log must go on, past a failure that announced its retry, with no further failure of that channel before
# the retry is taken to have got through (a poll still down fails again at each retry, every 30 s or so).
QUIET_AFTER_RETRY = timedelta(minutes=5)


def _retry_delay(event: Event) -> timedelta | None:
    """The retry a failure announced (``...; retrying in 30s.``), or None."""
    said = _RETRY_DELAY.search(field_text(event, "restartDelay") or event.message)
    return timedelta(seconds=float(said.group(1)) * _DELAY_UNIT_SECONDS[said.group(2)]) if said else None


def _retry_got_through(view: EpisodeView, failure: Event, transport: list[Event]) -> bool:
    """Whether a failure that announced its retry was followed by nothing more from its channel's transport while the
    log went on well past the retry, and nowhere later in the log (f4479: one getUpdates network error, then 45
    minutes of other lines; f058: the same error again every 20 minutes is a flaky transport)."""
    delay, end = _retry_delay(failure), view.record.log_end
    if delay is None or failure.time is None or end is None or end - failure.time < max(3 * delay, QUIET_AFTER_RETRY):
        return False
    settled = failure.time + delay + SAME_DROP
    last = view.record.last_transport_failure.get(channel_of(failure))
    if last is not None and last > settled:
        return False
    return not any(e is not failure and channel_of(e) == channel_of(failure) and (e.time is None or e.time > settled)
                   for e in transport)


def _lease_refused(event: Event) -> bool:
    """The polling lease refusing this account's poller because another holds the bot token."""
    return "polling already active for bot token" in event.message


def _poll_conflict(event: Event) -> bool:
    """Telegram's 409 for a poll another getUpdates request ended ("terminated by other getUpdates request"), or
    the polling lease refusing the poller outright (:func:`_lease_refused`)."""
    return "getUpdates conflict" in field_text(event, "reason") or "terminated by other getUpdates" in event.message \
        or "409: Conflict: terminated by setWebhook" in event.message or _lease_refused(event)


def _noted_repeats(view: EpisodeView, restarts: list) -> list:
    """Lines (a channel's own restarts, failed connects, exits) a reporter's note below says kept coming ("# repeats
    every ~35 min"); never passed a health-monitor restart, whose repeat only a second restart line shows, nor a
    failure at its first retry step, whose repeat only a second failure line or a counter past 1 shows."""
    notes = [n for n in view.events("note") if n.fields.get("repeats")]
    repeated = []
    for note in notes:
        above = [r for r in restarts if r.source == note.source and r.line < note.line]
        if above:
            repeated.append((above[-1], note))
    return repeated


# A channel client's own count of its connection drops since it started ("Runtime counters (...): ...
# runtimeDisconnects=193 ..."): this many is a connection that keeps falling over, however well each reconnect went.
COUNTED_DROPS_LOOP = 3
_DROP_COUNTERS = ("runtimeDisconnects", "socketCloseEvents")


def _counted_drops(event: Event) -> int:
    # (QQ Bot's "Too many quick disconnects": its client counted three closes, each within 5 s of their connect)
    if "quickDisconnectLoop" in event.fields:
        return COUNTED_DROPS_LOOP
    return max((n for n in (event.fields.get(name) for name in _DROP_COUNTERS) if isinstance(n, int)), default=0)


def _attempt(event: object) -> int:
    attempt = getattr(event, "fields", {}).get("attempt")
    return attempt if isinstance(attempt, int) else 0


def _consecutive(event: Event) -> int:
    """A health-monitor restart's own count of restarts in a row (``consecutive: <n>``), 0 when the line has none."""
    value = event.fields.get("consecutive")
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _monitor_gave_up(event: Event) -> bool:
    """The health monitor's ``skipping restart, terminal-disconnect``: an account down for good, seen on a pass."""
    return field_text(event, "reason") == "terminal-disconnect"


def _login_gave_up(event: Event) -> bool:
    """WhatsApp's ``WhatsApp login failed: ...``: the login over, its one post-pairing restart (515) used or failed."""
    return field_text(event, "stage") == "login"


def _closed_for_good_candidate(view: EpisodeView) -> Candidate | None:
    """A channel that disconnected for good: logged out, replaced by another session, or closed with a code Discord
    never resumes. The channel stops itself and the manager skips its auto-restart, so no restart brings it back
    until someone relinks the account or fixes its credentials; one such line says so on its own (the manager's
    info-level "auto-restart skipped" only beside one)."""
    closes = view.events("channel.terminal_disconnect")
    # (the health monitor's skip of a terminal disconnect and WhatsApp's login giving up say so at any level: the
    # monitor writes its skip at info on every pass, and the login's give-up may be logged at info; f60)
    said = [e for e in closes if (e.level or "").lower() in MINED_LEVELS or _monitor_gave_up(e) or _login_gave_up(e)]
    if not said:
        return None
    name = channel_of(said[0]).strip(":") or "a"
    first = said[0]
    if all(_monitor_gave_up(e) for e in said):
        # (the console tag "[whatsapp:<account>]" is read as the line's subsystem; the channel named once, h59: "The
        # whatsapp:default channel (account default)")
        name, _, tagged = name.partition(":")
        account = field_text(first, "account") or tagged or (first.subsystem or "").partition(":")[2]
        return Candidate(
            "RC18", Confidence.HIGH if len(closes) >= 2 else Confidence.MEDIUM,
            f"The {name or 'a'} channel" + (f" (account {quote(account, 60)})" if account else "")
            + " is down and will not be restarted: the health monitor found it stopped on a terminal disconnect and"
            " gave up on it, skipping its restart on every pass; it cannot take messages in until the operator acts"
            " (re-link or re-pair the account, or fix its credentials, then start the channel or restart the gateway).",
            cite(said[:2]), onset=view.record.start, facts={"terminal": True},
        )
    if _login_gave_up(first):
        detail = field_text(first, "detail").strip(" .")
        return Candidate(
            "RC18", Confidence.HIGH if len(closes) >= 2 else Confidence.MEDIUM,
            f"The {name} channel's login gave up" + (f" ({quote(detail, 120)})" if detail else "")
            + ": the connection never came up and nothing retries it; the account stays unlinked until the login is"
            " run again (re-pair it, clearing a corrupt session if it keeps failing).",
            cite(said[:2], [e for e in closes if e not in said][:1]), onset=view.record.start, facts={"terminal": True},
        )
    why = "logged out" if "logged out" in first.message else "session conflict" if field_text(first, "status") else \
        field_text(first, "detail").strip(" .") or (f"close code {field_text(first, 'closeCode')}"
                                                   if field_text(first, "closeCode") else "")
    return Candidate(
        "RC18", Confidence.HIGH if len(closes) >= 2 else Confidence.MEDIUM,
        f"The {name} channel disconnected for good" + (f" ({quote(why, 120)})" if why else "")
        + ": it stopped, and no restart brings it back until the account is relinked or its credentials fixed.",
        cite(said[:2], [e for e in closes if e not in said][:1]), onset=view.record.start, facts={"terminal": True},
    )



def _channel_listener(event: Event) -> bool:
    """Whether an ``EADDRINUSE`` line is logged by a channel OpenClaw knows (its subsystem or a child logger of it)."""
    return channel_from_subsystem(event) in CHANNEL_NAMES

def detect(view: EpisodeView) -> Candidate | None:
    closed = _closed_for_good_candidate(view)
    if closed is not None:
        return closed
    restarts = view.events("health.restart")
    per_channel = Counter(channel_of(e) for e in restarts)
    looping = [channel for channel, count in per_channel.items() if count >= 2]
    # (a note may say a channel's failed connect kept coming; not a health-monitor restart: one restart line is one
    # restart, and a reporter's "# repeats every ~35 min" is prose, not a second restart line)
    # (nor a failure whose own counter shows it at its first retry step, "socket mode failed to start. retry 1/12 in
    # 2s": the line says one failure and one retry scheduled, and a note that the retries went on is prose; policies
    # "one channel request failure" and "a channel failure followed by a working connection")
    noted = [(line, note) for line, note in _noted_repeats(
        view, view.events("channel.auto_restart", "channel.transport_error", "channel.exited")) if _attempt(line) != 1]
    looping += [channel for channel in dict.fromkeys(channel_of(r) for r, _ in noted) if channel not in looping]
    # "hit <n> restarts/hour limit" (src/gateway/channel-health-monitor.ts): the monitor itself counted n
    # restarts of that account within the hour, a restart loop even when the log shows fewer of them.
    limits = view.events("health.restart_limit")
    looping += [channel for channel in dict.fromkeys(channel_of(e) for e in limits) if channel not in looping]
    # "restarting (reason: <r>, consecutive: <n>)" (a stored build of src/gateway/channel-health-monitor.ts with
    # back-off): n counts the monitor's restarts of that account with no stable stretch between them (healthy for
    # 5 min resets it), so past 1 the monitor restarted the account before and it did not stay up: a repeat even when
    # the log shows one line (policy "channel reconnect burst": a retry counter past its first step).
    counted = [e for e in restarts if _consecutive(e) >= 2]
    looping += [channel for channel in dict.fromkeys(channel_of(e) for e in counted) if channel not in looping]
    addr_in_use = view.events("net.eaddrinuse")
    failed = view.events("health.restart_failed")
    # The channel's own supervisor counts its attempts: "auto-restart attempt 5/10" is the fifth
    # restart in a row, and any attempt that ends in a failed start (EADDRINUSE) or a give-up is a loop.
    # (the manager's "restarting after timed-out channel stop completed" is a stop that hung, seen when it settled: the
    # aftermath of that hang, read with the hung stops below, not a restart of its own)
    auto, after_hung_stop = [], []
    for event in view.events("channel.auto_restart"):
        (after_hung_stop if field_text(event, "reason") == "timed-out channel stop" else auto).append(event)
    gave_up = view.events("channel.restart_gave_up")
    self_looping = [e for e in auto if _attempt(e) >= 2] + gave_up
    if auto and (addr_in_use or restarts) and not _one_disconnect_healed(view, restarts, auto) \
            and (addr_in_use or not _first_attempt_of_one_restart(restarts, auto)):
        self_looping += auto
    # A channel's own watchdog saying its transport went idle ("polling stall detected", "transport watchdog
    # timeout") twice, or once with a restart or a failed start around it; a channel that exited.
    stalls = _distinct_stalls(view.events("channel.polling_stall"))
    # (a channel's one stall that a host freeze beside it covers is the freeze seen from the channel)
    stalls = _without_frozen_through(stalls, view.events("host.timing_gap"))
    routine = _routine_idle_reconnect(stalls, auto)
    # (routine only with nothing else wrong: beside a close, an exit or a restart it is one more sign)
    trouble = view.events("channel.transport_error", "channel.exited", "health.restart", "channel.reconnecting",
                          "net.eaddrinuse", "channel.terminal_disconnect", "channel.restart_gave_up")
    # (its own reconnect, the status-499 close the watchdog asked for, is no failure either)
    if routine and not trouble:
        stalls, auto, self_looping = [], [], []
    exited = _exits_told_once(view.events("channel.exited") + _tied_fetch_crashes(view))
    # (a daemon's start held by another instance's lock that it then acquired: the start went on)
    exited = [e for e in exited if not (_blocked_start(e) and _up_again_after(view, e))]
    # (a channel plugin reported not loaded whose channel then started, came up or took a message in: a loaded plugin
    # of that channel ran after all, a first load that failed before a later one did; policy
    # "channel-plugin-load-failure" is a channel that never exists)
    exited = [e for e in exited if not _loaded_after_all(view, e)]
    stalled_channels = Counter(channel_of(e) for e in stalls)
    # (a watchdog stall of a channel whose transport also closed or failed in the episode is its second sign)
    failed_channels = {channel_of(e) for e in view.events("channel.transport_error", "channel.reconnecting")}
    # (so is its polling runner failing to stop within its budget after the stall: "Polling runner stop timed out
    # after 15s; forcing restart cycle", the runner itself wedged, not an idle transport the watchdog recycled)
    runner_hung = [e for e in view.events("channel.polling_restart") if "stopTimeout" in e.fields]
    failed_channels |= {channel_of(e) for e in runner_hung}
    self_looping += [e for e in stalls if stalled_channels[channel_of(e)] >= 2 or restarts or auto or exited
                     or channel_of(e) in failed_channels
                     or e.seconds.get("stalledFor", 0.0) >= LONG_CHANNEL_STALL_SECONDS]
    exited_channels = Counter(channel_of(e) for e in exited)
    if exited and (restarts or auto or stalls):
        self_looping += exited
    else:  # the same channel exiting again: something started it again and it fell over again
        self_looping += [e for e in exited if exited_channels[channel_of(e)] >= 2]
    # A channel transport's own errors and reconnects (Feishu polling/webhook errors, Signal's SSE stream): twice
    # for one channel, or once with a restart around it.
    # A channel's own request timing out with the timer on time (no timerDelayMs: not starvation) is its
    # transport failing too ("[telegram] getMe attempt 1/3 failed: fetch timeout after 15000ms").
    # (a request to a channel's platform API is that channel's, whatever logger timed it out: "[fetch-timeout] fetch
    # timeout after 10000ms ... url=https://api.telegram.org/bot<token>/getMe")
    # (a timeout that names no request, beside a channel's start, is a start-up request of that channel)
    transport = view.events("channel.transport_error", "channel.reconnecting") + \
        [e for e in view.events("fetch.timeout") if (channel_subsystem(e.subsystem) or channel_of_url(e.fields.get("url")))
         and "timerDelayMs" not in e.fields] + \
        _tied_to_starts(view.events("fetch.timeout"), view.events(CHANNEL_START_KIND))
    # (a typing indicator's failures are set aside while the turn visibly goes on: :func:`_turn_went_on`)
    # (and so are those that are no network failure: a chat's own refusal says nothing of the channel's requests)
    typing = [e for e in transport if _typing_indicator(e)]
    typing_aside = _turn_went_on(view, typing)
    others_note = "" if typing_aside else _others_served(view, typing)

    def aside(event: Event) -> bool:
        return _sdk_reconnect(event) or _typing_indicator(event) \
            and (typing_aside or not _NETWORK_FAILURE.search(event.message))

    failing = {channel_of(e) for e in transport if not aside(e)}
    transport = [e for e in transport if not aside(e) or channel_of(e) in failing]
    transport_channels = _drops_by_channel(transport)  # (a close and its resume are one blip)
    for channel in {k[0] for k, n in transport_channels.items() if n >= 2}:  # (one outage its back-off healed: one drop)
        if _one_outage_healed(view, [e for e in transport if channel_of(e) == channel]):
            for key in [k for k in transport_channels if k[0] == channel]:
                transport_channels[key] = 1
    # (Telegram's 409 for a poll another getUpdates request ended: while the other poller runs, every poll of this
    # one is refused, so one such line is the channel's intake down, not a blip)
    self_looping += [e for e in transport if transport_channels[(channel_of(e), e.kind)] >= 2
                     or (restarts and not _drop_the_restart_answers(e, restarts)) or auto or exited or _hung_for(e) >= view.thresholds.warn_seconds or _poll_conflict(e)
                     or _counted_drops(e) >= COUNTED_DROPS_LOOP]
    # (a hang seen only when it settled counts as the hung stop when no line of the hang itself is in the lines)
    timed_out_stops = view.events("channel.stop_timeout")
    settled = [e for e in after_hung_stop if not any(_channel_root(s) in ("", _channel_root(e)) for s in timed_out_stops)]
    hung_stops = _hung_stops(timed_out_stops + settled, restarts + auto + stalls + transport)
    self_looping += hung_stops.looping
    # Discord's message listener held past its event queue's own budget, or slow again and again: builds before
    # 2026.3.13 awaited the whole turn in the listener (#39274), so the channel's intake waited behind each slow turn.
    # (Carbon timing the listener out is the same held listener, seen at its budget)
    # (so is Discord's own listener wrapper timing it out, "discord handler timed out after 120 seconds": f481)
    listeners = view.events("channel.slow_listener", "channel.listener_timeout") + \
        [e for e in view.events("channel.handler_timeout") if discord_listener_timeout(e)]
    held = [e for e in listeners if len(listeners) >= 2 or _listener_seconds(e) > LISTENER_BUDGET_SECONDS]
    # (one listener held once, with messages served after it: the channel's intake went on, a slow command's blip; q53)
    others_note = (_others_served(view, listeners) if len(listeners) == 1 and held else "") or others_note
    held = [] if len(listeners) == 1 and _served_for(view, listeners) else held
    self_looping += held
    looping += [channel for channel in dict.fromkeys(channel_of(e) for e in self_looping) if channel not in looping]
    # One account's provider started again and again at a regular interval with no gateway start, restart or shutdown
    # line between (the correlator files such a run of starts as START_LOOP_KIND): a restart loop of the channel even
    # when each start connects; nothing says why, so medium confidence at most when it is all there is.
    start_loops = view.events(START_LOOP_KIND)
    only_start_loop = bool(start_loops) and not looping
    looping += [channel for channel in dict.fromkeys(channel_of(e) for e in start_loops) if channel not in looping]
    total = view.count("health.restart")
    # One restart, or one channel failing to bind its port: the monitor (or the channel) found its ingress
    # down, but a single line cannot tell a loop from one restart that fixed it.
    # (only a channel's own listener: a plugin's embedded server, such as a "[Manifest]" NestJS app, failing to bind
    # is no channel's ingress, whatever its logger is called)
    channel_port_taken = [e for e in addr_in_use if _channel_listener(e)]
    lone = not looping and not ((addr_in_use or failed) and restarts) and total < 2
    # A lone stall counts from the stall detector's own warn threshold without ingress: a shorter one is a blip the
    # watchdog already handled. Messages served after a lone restart show the channel came back.
    # (Telegram's polling watchdog fires only past its own 90 s without a completed getUpdates: its line is itself a
    # timed ingress stall, whatever the warn threshold)
    warn = view.thresholds.warn_seconds
    stalls = [e for e in stalls if not lone or not e.seconds.get("stalledFor", 0.0) or e.seconds.get("stalledFor", 0.0) >= warn
              or _polling_watchdog_stall(e)]
    # Slack reporting several socket-mode connections for one app: it hands each event to one of them.
    shared = [e for e in view.events("channel.shared_connections") if metric(e, "activeConnections") >= 2]
    # (a channel that exited once on an error of its own, with nothing after it that started it again, is down, as
    # after one restart; an exit on an abort may be the gateway stopping it)
    exited = [e for e in exited if not lone or not _ABORTED.search(field_text(e, "error") or e.message)]
    # The channel manager schedules "auto-restart attempt 1/N" only once the account's task has ended: as a
    # lone exit. (Slack's socket reconnects share the kind; they are a transport's retry, not an exit.)
    supervised = [e for e in auto if "auto-restart attempt" in e.message]
    # (one failure of the channel's own intake with nothing after it that shows the channel or the gateway serving
    # again: down, as after one restart)
    # (nor one drop with the reconnect its client scheduled or made after it: the client doing its job)
    intake_failed = [e for e in _intake_failures(transport, view.thresholds.warn_seconds)
                     if not _up_again_after(view, e) and not _retry_got_through(view, e, transport)
                     and not _one_drop_reconnected(e, transport)]
    # (nor one request failure or one drop shown once, with nothing of its channel failing beside it: no fault)
    distinct = _without_copies(intake_failed)
    if lone and len(distinct) == 1 and _one_failure_alone(view, distinct[0], _without_copies(transport)):
        intake_failed = []
    # (messages served after the failures heal them only when of the failing channel or naming none: another
    # channel's traffic is that channel working, not this one, n64)
    lone_failures = [*restarts, *channel_port_taken, *stalls, *hung_stops.all, *exited, *supervised, *intake_failed]
    if lone and (not (total or channel_port_taken or stalls or hung_stops.all or exited or supervised or intake_failed)
                 or _served_for(view, lone_failures) or _came_back(view, restarts + auto)):
        if shared and not _served_for(view, shared):
            return _shared_socket(shared, view)
        broken = view.events("channel.handler_broken")
        if broken and not _served_for(view, broken):
            return _broken_handler(broken, view)
        unauthorized = view.events("channel.inbound_unauthorized")
        if unauthorized and not _served_for(view, unauthorized):
            return _unauthorized_intake(unauthorized, view)
        refused = _refusals_apart(view.events("channel.inbound_refused"))
        if len(refused) >= 2 and not _served_for(view, refused):
            return _refused_as_draining(refused, view)
        replays = [e for e in view.events(REPLAY_KIND) if replay_all_failed(e)]
        if replays and not _served_for(view, replays):
            return _replays_lost(replays)
        unserved = view.events(INBOUND_UNSERVED_KIND)
        if unserved and not _served_for(view, unserved):
            return _accepted_never_dispatched(unserved)
        deliveries = _deliveries_to_gateway(view.events(DELIVERY_REFUSED_KIND), gateway_ports(view.markers))
        if len(deliveries) >= 2:
            return _deliveries_refused(deliveries, _gateway_back_soon(view, deliveries))
        return None
    if lone and not others_note:
        others_note = _others_served(view, lone_failures)
    on_word_only = bool(noted) and not (limits or self_looping or any(count >= 2 for count in per_channel.values()))
    only_held = bool(held) and all(any(e is h for h in held) for e in self_looping)
    # (a transport error and the process ending on an uncaught network failure: two lines, no loop seen)
    crash_only = bool(exited) and all(_process_ended(e) for e in exited)
    one_hung_request = (len(self_looping) == 1 and self_looping[0] in transport or only_held) \
        and not (restarts or auto or (exited and not crash_only))
    # (one stall and the runner's stop that hung after it: two lines of one event, no loop seen)
    one_stall_hung_runner = bool(runner_hung) and len(stalls) == 1 and not (restarts or auto or exited or transport)
    # (only a typing indicator's failures show the channel failing: what they say of replies and polls is inferred)
    typing_only = bool(transport) and not (stalls or restarts or auto or exited or gave_up or limits or failed
                                            or hung_stops.all or held or start_loops or shared or addr_in_use) \
        and all(_typing_indicator(e) for e in transport)
    confidence = Confidence.LOW if lone or typing_only else \
        Confidence.MEDIUM if view.overlapping_incidents or on_word_only or one_hung_request or one_stall_hung_runner \
        or only_start_loop else Confidence.HIGH
    name = (looping or list(per_channel) or ["channel"])[0].strip(":") or "a channel"
    reasons = sorted({field_text(e, "reason") for e in restarts if field_text(e, "reason")})
    latest_attempt = max((e for e in auto if _attempt(e)), key=_attempt, default=None)  # (a line with no count: none)
    stall_note = stalls
    failed_once_only = False
    routine_restart = lone and total == 1 and _routine_restart(view, restarts[0])
    # The monitor's restarts (a count past 1, or several restart lines) with, for every account restarted, its own
    # "channel stable after <n> restart(s)" after the last restart, and nothing else failing: the loop ended and the
    # channel held for the monitor's stability window. Said so, at info and low confidence; the restarts stay RC18
    # (policy "one health-monitor restart": two restarts are a loop even when the channel came back).
    healed = [] if lone or noted or limits or failed or auto or gave_up or stalls or exited or transport or held \
        or hung_stops.all or start_loops or shared or addr_in_use or runner_hung \
        else _monitor_found_stable(view, restarts)
    if healed:
        confidence = Confidence.LOW
    several_accounts = bool(total) and not lone and len(per_channel) > 1
    if routine_restart:
        summary = (f"The health monitor restarted {name} once ({', '.join(reasons) or 'no reason given'}), and "
                   "nothing after it shows the channel still failing: one restart is the monitor doing its job, "
                   "reported at info; a second restart, the channel's own restart cycle past its first attempt, or "
                   "failures after it would make it a restart loop")
    elif lone and total:
        summary = (f"The health monitor restarted {name} once ({', '.join(reasons) or 'no reason given'}): it found "
                   "the channel's ingress down, and lines after it show the channel still failing")
    elif lone and stalls:
        longest = max(e.seconds.get("stalledFor", 0.0) for e in stalls)
        summary = (f"{(channel_of(stalls[0]).strip(':') or 'a channel')}'s transport watchdog found its ingress stalled"
                   + (f" for {longest:.0f} s" if longest else "") + " and restarted it; one stall alone does not show "
                   "whether it recurs")
        stall_note = []  # (said here, not again below)
    elif lone and crash_only and not (channel_port_taken or hung_stops.all):
        summary = (f"The gateway process ended on a network failure nothing caught ({_error_words(field_text(exited[0], 'error'))}), "
                   "and every channel stopped with it; such a failure escapes from a channel's background polling or "
                   "socket loop, which one line cannot name")
    elif lone and exited and all(_blocked_start(e) for e in exited) and not (channel_port_taken or hung_stops.all):
        summary = (f"{_channel_name(exited[0])} could not start: its daemon waits for a lock another instance of it "
                   f"holds ({quote(field_text(exited[0], 'error'), 120)}), and nothing after it shows the lock "
                   "acquired or the channel started")
    elif lone and exited and not (channel_port_taken or hung_stops.all):
        errors = sorted({field_text(e, "error") for e in exited if field_text(e, "error")})
        summary = (f"{_channel_name(exited[0])} exited" + (f" ({_error_words(errors[0])})" if len(errors) == 1 else "")
                   + "; nothing after it shows the channel started again")
    elif lone and hung_stops.all:
        summary = (f"{_channel_name(hung_stops.all[0])}'s stop hung past {_stop_budget(hung_stops.all[0])} after the "
                   "abort: the manager went on "
                   "with the channel still marked running, and its old connection may still hold the transport"
                   + (" (a Telegram long poll answers the next start with 409 conflicts)"
                      if _channel_name(hung_stops.all[0]).lower().startswith("telegram") else "")
                   + "; one hung stop alone does not show whether the channel came back")
    elif lone and supervised and not channel_port_taken:
        summary = (f"{_channel_name(supervised[0])}'s account task ended and its channel manager scheduled restart "
                   f"attempt {supervised[0].fields.get('attempt', '?')}/{supervised[0].fields.get('maxAttempts', '?')}; "
                   "nothing after it shows the channel running again")
        latest_attempt = None  # (said in the summary)
    elif lone and intake_failed and not channel_port_taken:
        failed_once, failed_once_only = intake_failed[0], True
        summary = (f"{_channel_name(failed_once)}'s connection failed "
                   + ("once, its login refused for its credentials" if login_refused(failed_once) else "once")
                   + f" ({quote(failed_once.message.strip().lstrip(':- '), 120)}); nothing after it shows the channel receiving again, "
                   + ("and a login refused for its credentials is refused again on every retry until they are fixed"
                      if login_refused(failed_once) else "and one failure alone does not show whether it came back"))
    elif lone:
        summary = f"{(list(dict.fromkeys(channel_of(e) for e in channel_port_taken)) or ['a channel'])[0].strip(':')} " \
                  "could not bind its port (EADDRINUSE); another process holds it"
    elif healed:
        counts = sorted({int(e.fields.get("restarts", 0)) for e in healed if e.fields.get("restarts")})
        summary = ((f"The health monitor restarted {_accounts_named(per_channel)}" if several_accounts else
                    f"The health monitor restarted {name}")
                   + f" ({', '.join(reasons) or 'no reason given'}"
                   + (f", its own count at {max(_consecutive(e) for e in counted)} restarts in a row" if counted else "")
                   + f"), then found {'them' if several_accounts else 'it'} stable after "
                   + f"{'/'.join(str(n) for n in counts) or 'its'} restart(s): healthy at every check for its 5-minute "
                   "stability window, so the restart loop ended and the channel came back; messages sent to it while "
                   "it was down may not have arrived")
    elif several_accounts:
        summary = (f"The health monitor restarted {_accounts_named(per_channel)} "
                   f"({', '.join(reasons) or 'no reason given'})")
    elif total == 1 and counted:
        summary = (f"The health monitor restarted {name} ({', '.join(reasons) or 'no reason given'}) with its own "
                   f"count at {_consecutive(counted[0])} restarts in a row (consecutive: {_consecutive(counted[0])}), "
                   "the channel not staying up after the earlier ones")
    elif total:
        summary = f"The health monitor restarted {name} {total} time(s) ({', '.join(reasons) or 'no reason given'})"
    elif start_loops and (only_start_loop or not (auto or gave_up or transport or held or hung_stops.all or exited)):
        loop = max(start_loops, key=lambda e: (int(e.fields.get("starts", 0)), event_order(e)))
        summary = (f"{_channel_name(loop)}'s provider was started {loop.fields.get('starts', 3)} times in a row, about "
                   f"every {_step_words(loop.fields.get('stepSeconds'))}, with no gateway start, restart or shutdown "
                   "line between the starts: the channel restarting in a loop, even where a start connected (no line "
                   "says why)")
        stall_note = [] if only_start_loop else stall_note
    elif auto:
        summary = f"{name} kept restarting itself"
    elif gave_up:
        codes = sorted({str(e.fields["closeCode"]) for e in gave_up if "closeCode" in e.fields})
        summary = f"{name} ran out of reconnect attempts" + (f" (close code {', '.join(codes)})" if codes else "")
    elif len(transport) == 1 and _hung_for(transport[0]) >= warn and not stalls:
        summary = (f"{(channel_of(transport[0]).strip(':') or 'a channel')}'s own request hung for "
                   f"{_hung_for(transport[0]):.0f} s before it timed out, so its ingress stalled that long")
    elif held and not (transport or stalls or exited or hung_stops.all):
        longest = max(_listener_seconds(e) for e in held)
        names = sorted({str(e.fields["listener"]) for e in held if e.fields.get("listener")})
        which = (f"Discord's {quote(names[0], 60)}" if len(names) == 1 and names[0] != "DiscordMessageListener"
                 else "Discord's message listener")
        summary = (f"{which} was held for up to {longest:.0f} s ({len(held)} slow or timed-out listener line(s)): "
                   "builds before 2026.3.13 await the whole turn in the listener, so the channel's intake waited "
                   "behind each slow turn")
    elif len(transport) == 1 and _poll_conflict(transport[0]) and not stalls:
        refused = ("poller was refused by the polling lease" if _lease_refused(transport[0])
                   else "getUpdates poll was refused with 409 Conflict")
        summary = (f"{(channel_of(transport[0]).strip(':') or 'Telegram')}'s {refused}: while another poller holds "
                   "this bot token, this one receives nothing")
    elif transport and not stalls and all(token_refused(e) for e in transport):
        summary = (f"{(channel_of(transport[0]).strip(':') or 'a channel')}'s requests for its access token were "
                   f"refused for the app's id and secret ({len(transport)} time(s)): it never connects, and every "
                   "retry fails alike")
    elif transport and not stalls and all(login_refused(e) for e in transport):
        summary = (f"{(channel_of(transport[0]).strip(':') or 'a channel')}'s login to its platform was refused for "
                   f"its credentials ({len(transport)} time(s), e.g. {quote(transport[0].message.strip(), 80)}): it "
                   "never connects, and every retry fails alike")
    elif transport and not stalls and all(credentials_refused(e) for e in transport):
        summary = (f"{(channel_of(transport[0]).strip(':') or 'a channel')}'s calls to its platform were refused for "
                   f"its credentials ({len(transport)} time(s), e.g. HTTP 401): every reply it sends fails alike")
    elif transport and not stalls and all(send_refused(e) for e in transport):
        summary = (f"{(channel_of(transport[0]).strip(':') or 'a channel')}'s sends to its platform were refused "
                   f"{len(transport)} time(s) with an HTTP error: its replies did not reach the chat")
    elif typing_only:
        summary = (f"{_the_channel(_channel_root(transport[0]))}'s requests to the Telegram API were "
                   f"failing: its typing indicator failed {len(transport)} times "
                   f"({quote(transport[0].message.strip(), 100)}) and nothing in the lines shows a reply sent, a poll "
                   "answered or the turn going on; only the typing indicators show it, so its replies and polling "
                   "likely failed too")
    elif transport and not stalls:
        counted = max(_counted_drops(e) for e in transport)
        summary = f"{(channel_of(transport[0]).strip(':') or 'a channel')}'s transport kept failing and reconnecting " \
                  + (f"(its own counters record {counted} connection drops)" if counted >= COUNTED_DROPS_LOOP
                     else f"({len(transport)} error(s) or reconnect(s))")
    elif hung_stops.all and not (stalls or exited):
        summary = (f"{_channel_name(hung_stops.all[0])}'s stop hung past {_stop_budget(hung_stops.all[0])} after the "
                   "abort "
                   f"{len(hung_stops.all)} time(s), its old connection left open")
    elif exited and not stalls:
        errors = sorted({field_text(e, "error") for e in exited if field_text(e, "error")})
        summary = f"{name} exited {len(exited)} times" + (f" ({errors[0]})" if len(errors) == 1 else "")
    else:
        summary = f"{name}'s transport stopped delivering"
    return Candidate(
        "RC18", confidence,
        sentence_start(summary)
        + (f", its own auto-restart reached attempt {latest_attempt.fields.get('attempt')}"
           f"/{latest_attempt.fields.get('maxAttempts')}" if latest_attempt is not None else "")
        + (", and it gave up restarting" if gave_up and (total or auto) else "")
        + (f", hit its limit of {field_text(limits[0], 'maxRestartsPerHour')} restarts/hour" if limits else "")
        + (", and a restart failed" if failed else "")
        + (f"; its transport watchdog reported {len(stall_note)} stall(s)"
           + (f", up to {max(e.seconds.get('stalledFor', 0.0) for e in stall_note):.0f} s"
              if any(e.seconds.get("stalledFor", 0.0) for e in stall_note) else "") if stall_note else "")
        + ("; its polling runner then did not stop within "
           + (f"{runner_hung[0].seconds['stopTimeout']:.0f} s" if "stopTimeout" in runner_hung[0].seconds else "its budget")
           + " (the runner itself was wedged)" if runner_hung and stall_note else "")
        + (("" if "ended" in summary else "; the gateway process then ended on that uncaught network failure")
           if crash_only else "; the channel exited" if exited and "exited" not in summary
           and not all(_blocked_start(e) for e in exited) else "")
        + (f"; its stop hung past the {metric(hung_stops.all[0], 'stopTimeoutMs'):.0f} ms budget after the abort "
           f"({len(hung_stops.all)} time(s))" if hung_stops.all and "stop hung" not in summary else "")
        + ("; the reporter's note says it kept coming" if noted else "")
        + ("; Telegram ended its polls with 409 Conflict (another process polls with this bot token)"
           if any(_poll_conflict(e) and not _lease_refused(e) for e in transport)
           and "409" not in summary else "")
        + ("; the polling lease refused a second poller of this bot token"
           if any(_lease_refused(e) for e in transport) and "polling lease" not in summary else "")
        + (f"; Slack reports {max(metric(e, 'activeConnections') for e in shared):.0f} socket-mode connections for "
           "the app, and hands each event to one of them" if shared else "")
        + others_note
        + ("." if lone or healed else ": the channels stopped delivering messages." if several_accounts
           else ": the channel stopped delivering messages."),
        cite(restarts[:3], restarts[-1:], healed[-1:], [n for _, n in noted[:1]], start_loops[-1:], view.events(CHANNEL_START_KIND)[:1]
             if start_loops else [], auto[-2:], gave_up[:1], limits[:1], failed[:1],
             addr_in_use[:1], stalls[:2], runner_hung[:1] if stalls else [], exited[:1], hung_stops.all[:2], transport[:2], shared[:1], held[:2]),
        onset=view.record.start,
        facts={"eaddrinuse": bool(addr_in_use), "reasons": reasons, "shared_connections": bool(shared),
               "healed": bool(healed),
               "plugin_not_loaded": any(e.fields.get("plugin") and not _claim_refused(e) for e in exited),
               "claimed_twice": any(_claim_refused(e) for e in exited),
               "poll_conflict": any(_poll_conflict(e) for e in transport), "listener_held": bool(held),
               "typing_only": typing_only,
               "credentials_refused": bool(transport) and all(credentials_refused(e) for e in transport),
               "start_blocked": bool(exited) and all(_blocked_start(e) for e in exited),
               "credentials_missing": bool(exited) and all(_CREDENTIALS_MISSING.search(field_text(e, "error") or e.message)
                                                           for e in exited)},
        # (one failure of the intake and nothing else: said, at info, so a blip the channel healed fails no CI)
        # (one health-monitor restart and nothing failing after it: the monitor doing its job, said at info)
        # (restarts the monitor itself then found stable: a loop that ended, said at info)
        severity=Severity.INFO if lone and (failed_once_only or routine_restart) or healed else None,
    )


class _HungStops(NamedTuple):
    """A channel's stops that outlived their budget (``channel.stop_timeout``): all of them, and those that loop."""

    all: list[Event]
    looping: list[Event]


def _channel_root(event: object) -> str:
    """The channel a line is of, without its account (``telegram`` of ``telegram:default``); "" when it names none."""
    return channel_of(event).split(":", 1)[0].strip()



def _accounts_named(per_channel: Counter[str], shown: int = 4) -> str:
    """Several accounts restarted: '4 channel accounts (discord:default, ...) once each', or with each one's count."""
    ranked = per_channel.most_common()
    once_each = all(count == 1 for _, count in ranked)
    names = [(name.strip(":") or "a channel") + ("" if once_each else f" {count}x") for name, count in ranked]
    listed = ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")
    if once_each:
        return f"{len(names)} channel accounts ({listed}) once each"
    return f"{len(names)} channel accounts {sum(per_channel.values())} times in all ({listed})"


def _channel_name(event: object) -> str:
    return _channel_root(event) or "a channel"


def _hung_stops(hung: list[Event], trouble: list[Event]) -> _HungStops:
    """Stops that hung past the manager's budget, read as an exit is: with a restart, a stall or a transport error of
    the same channel (a line that names no channel counts for any), or the same channel's stop hanging twice, the old
    connection outlived its stop and the channel kept failing, a loop; alone, one stop that hung."""
    counts = Counter(_channel_root(e) for e in hung)
    troubled = {_channel_root(e) for e in trouble}

    def loops(event: Event) -> bool:
        name = _channel_root(event)
        return counts[name] >= 2 or (bool(troubled) and (not name or "" in troubled or name in troubled))

    return _HungStops(hung, [e for e in hung if loops(e)])


def _the_channel(root: str) -> str:
    """A sentence's subject for a channel: "The WhatsApp channel", or "A channel" when the line named none."""
    return f"The {display_name(root)} channel" if root else "A channel"


def _stop_budget(event: Event) -> str:
    """A hung stop's budget as its line gives it ("its 5000 ms budget"), or "its budget" when the line is the restart
    after it settled, which does not say."""
    budget = metric(event, "stopTimeoutMs")
    return f"its {budget:.0f} ms budget" if budget else "its budget"


def _shared_socket(shared: list[Event], view: EpisodeView) -> Candidate:
    """Slack's socket-mode hello counting more than one connection for the app, and nothing else wrong with the
    channel in the lines: events meant for this gateway go to whichever connection Slack picks (another gateway on
    the same app token, or sockets a reconnect left open), so some never reach it."""
    most = max(metric(e, "activeConnections") for e in shared)
    return Candidate(
        "RC18", Confidence.MEDIUM if len(shared) >= 2 else Confidence.LOW,
        f"Slack reports {most:.0f} socket-mode connections for this app and delivers each event to only one of "
        "them: events go to another gateway sharing the app token, or to connections a reconnect left open, and "
        "this gateway never sees them.",
        cite(shared[:2], shared[-1:]), onset=view.record.start, facts={"shared_connections": True},
    )


def _broken_handler(broken: list[Event], view: EpisodeView) -> Candidate:
    """A channel's handler throwing on an inbound message, on a fault of its code (``channel.handler_broken``), with
    nothing served after it: the message never became a run, and a fault of the code meets every message alike."""
    first = broken[0]
    root = _channel_root(first)
    error = quote(field_text(first, "error") or first.message, 160)
    times = f", {len(broken)} times" if len(broken) >= 2 else ""
    what = (f"{_the_channel(root)} failed to send a reply on a fault of its code or config ({error}){times}: the "
            "reply never reached the chat, so the bot stays silent" if send_broken(first) else
            f"The handler of {display_name(root) if root else 'the channel'} threw on an inbound message before it "
            f"became an agent run ({error}){times}: no session ever saw the message, so the bot stays silent")
    return Candidate(
        "RC18", Confidence.MEDIUM if len(broken) >= 2 else Confidence.LOW,
        what + "; an error of the code or the install like this one meets every message (a "
        "channel plugin built for another OpenClaw version or misconfigured, files an upgrade replaced, a client "
        "never initialised), which one line cannot show.",
        cite(broken[:2], broken[-1:]), onset=view.record.start,
        facts={"handler_broken": True,
               "host_mismatch": any("openclawVersion" in e.fields or "missingApi" in e.fields for e in broken)},
    )


# Two reports of one refused inbound message (the channel's and its diagnostic record) come within milliseconds; two
# messages refused come at different times.
ONE_REFUSAL = timedelta(seconds=1)


def _refusals_apart(refused: list[Event]) -> list[Event]:
    """The channel's draining refusals of distinct inbound messages: a refusal dated within :data:`ONE_REFUSAL` of the
    one kept before it is the same message reported again, and is dropped (labelling policy "draining refusal that
    names no restart": one task refused at once is no silent channel; RC18 needs the refusal for two or more inbound
    messages at different times). An undated refusal line counts as its own message: the channel reports each
    refusal once."""
    kept: list[Event] = []
    for event in sorted(refused, key=event_order):
        last = kept[-1] if kept else None
        if last is not None and last.time is not None and event.time is not None \
                and abs(event.time - last.time) <= ONE_REFUSAL:
            continue
        kept.append(event)
    return kept


def _refused_as_draining(refused: list[Event], view: EpisodeView) -> Candidate:
    """A channel's inbound work refused with GatewayDrainingError while nothing closed the gateway's admission
    (``channel.inbound_refused``, see Correlator._refused_while_admitting), with nothing served after it: the message
    never became a run, and a build that refuses the channel's work this way refuses every message of it."""
    return Candidate(
        "RC18", Confidence.MEDIUM,
        f"{_the_channel(_channel_root(refused[0]))} handed inbound messages on and the gateway refused the work of "
        f"each as if it were draining (GatewayDrainingError, {len(refused)} messages at different times), while no "
        "restart, drain, stop or suspension shows in the lines: the channel's work ran under an admission already "
        "released, so no session saw the messages and the bot stays silent on that channel.",
        cite(refused[:2], refused[-1:]), onset=view.record.start, facts={"inbound_refused": True},
    )


def _unauthorized_intake(refused: list[Event], view: EpisodeView) -> Candidate:
    """A webhook channel refusing inbound events because their tokens fail a check its own config sets up
    (``channel.inbound_unauthorized``: Google Chat's audience or add-on principal), with nothing served after it: the
    events get a 401 and never become runs, and every message meets the same refusal until the config is fixed.
    Medium confidence from two refusals at different times; one alone is low (the family reads only the reasons a
    config gives, but one line does not show that the next message met it too)."""
    apart = _refusals_apart(refused)
    first = refused[0]
    reasons = list(dict.fromkeys(field_text(e, "reason") for e in refused if field_text(e, "reason")))
    times = f" {len(apart)} times" if len(apart) >= 2 else ""
    return Candidate(
        "RC18", Confidence.MEDIUM if len(apart) >= 2 else Confidence.LOW,
        f"{_the_channel(_channel_root(first))}'s webhook refused inbound events{times} for their credentials, on a "
        f"check its own config sets up ({quote(reasons[0], 120) if reasons else 'auth rejected'}): the events were "
        "answered 401 before any session saw them, so the bot stays silent, and every message meets the same refusal "
        "until the channel's verification settings match what the platform signs.",
        cite(refused[:2], refused[-1:]), onset=view.record.start, facts={"inbound_unauthorized": True},
    )


def _accepted_never_dispatched(unserved: list[Event]) -> Candidate:
    """A channel accepted an inbound message and the gateway's own dated lines ran on :data:`INBOUND_SILENCE` or more
    with no dispatch, claim, session, run or lane line (``channel.inbound_unserved``, see Correlator.finish): a
    dispatch follows acceptance within a second, so the message never reached a session (labelling policy "inbound
    accepted, then a dated silence")."""
    first = unserved[0]
    return Candidate(
        "RC18", Confidence.LOW,
        f"{_the_channel(_channel_root(first))} accepted an inbound message ({quote(first.message, 90)}) and the "
        f"gateway's later lines run {INBOUND_SILENCE.total_seconds():.0f} s or more past it with no dispatch, session, "
        "run or lane line for it: the message never reached a session, so the bot stays silent on that channel.",
        cite(unserved[:1]), onset=first.time, facts={"inbound_unserved": True},
    )


def _claim_refused(event: Event) -> bool:
    """A channel exit that is the plugin registry refusing a second plugin's claim on the channel id."""
    return "already registered: " in field_text(event, "error")


def _replays_lost(replays: list[Event]) -> Candidate:
    """Delivery recovery replaying the replies queued before a restart and delivering none: the channels could not take
    them yet (a transport still reconnecting) or at all, and each failed replay costs the entry a retry, so those
    replies are lost. One summary line counts every failure it saw: medium confidence when it counts several."""
    failed = max(int(e.fields.get("failed", 0)) for e in replays)
    return Candidate(
        "RC18", Confidence.MEDIUM if failed >= 2 else Confidence.LOW,
        f"Delivery recovery replayed the replies queued before the restart and delivered none of them (0 recovered, "
        f"{failed} failed): the channel could not take them, so those replies did not reach their chats.",
        cite(replays[:1], replays[-1:]), onset=first_time(replays), facts={"replay_lost": True},
    )


def _loaded_after_all(view: EpisodeView, exit_: Event) -> bool:
    """Whether a channel exit that is its plugin reported not loaded (the loader's or the bundled channel's load
    failure; not a second plugin's refused claim) has its channel starting its provider, reporting its ingress up or
    taking a message in after it, in the order of the lines: only a loaded plugin does any of these."""
    if not exit_.fields.get("plugin") or _claim_refused(exit_):
        return False
    name = _channel_root(exit_)
    return bool(name) and any(event_order(e) > event_order(exit_) and _channel_root(e) == name
                              for e in view.events(CHANNEL_START_KIND, "channel.polling_started", "channel.inbound"))


def _blocked_start(event: Event) -> bool:
    """A channel's start held by a lock another instance holds (signal-cli's "Config file is in use by another
    instance, waiting…"): the start has not failed, it waits, and the channel takes in nothing while it does."""
    return event.kind == "channel.exited" and field_text(event, "stage") == "blocked"


def _step_words(seconds: object) -> str:
    """A start loop's step in words ("35 min", "40 s")."""
    value = float(seconds) if isinstance(seconds, (int, float)) else 0.0
    return f"{value / 60:.0f} min" if value >= 120 else f"{value:.0f} s"


def _deliveries_to_gateway(refused: list[Event], ports: frozenset[int]) -> list[Event]:
    """A webhook channel's deliveries refused on the gateway's own port: its default, or one the input's gateway start
    line names (``ports``, stuckscan.channels.gateway_ports, read from the whole input's markers: a start before the
    refusals or after them). Kept when one of them names such a port (the others, a sender's same deliveries naming
    no target, say less), each delivery once (copies within :data:`SAME_DROP` are one); a refusal on another port is a
    delivery to another service, left out."""
    refused = [e for e in refused if not refused_off_gateway(e, ports)]
    if not any(refused_port(e) is not None for e in refused):
        return []
    kept: list[Event] = []
    for event in sorted(refused, key=event_order):
        last = kept[-1] if kept else None
        if last is not None and last.time is not None and event.time is not None \
                and event.time - last.time <= SAME_DROP and last.message == event.message:
            continue
        kept.append(event)
    return kept


def _gateway_back_soon(view: EpisodeView, refused: list[Event]) -> Event | None:
    """The gateway's start line on a port the refusals name, after the last of them and within the stall detector's
    warn threshold of the first (q54): the gateway was down for a restart's seconds and listened again, the refusals
    its down window (a planned restart, or a supervisor's quick one), not a port nothing listens on."""
    first, last = refused[0].time, refused[-1].time
    ports = {port for port in map(refused_port, refused) if port is not None}
    if first is None or last is None:
        return None
    window = timedelta(seconds=view.thresholds.warn_seconds)
    return next((m for m in view.markers if m.time is not None and last <= m.time and m.time - first <= window
                 and ports & listening_ports(m)), None)


def _deliveries_refused(refused: list[Event], back: Event | None = None) -> Candidate:
    """A webhook channel's sender refused by the gateway's port two times or more: nothing listened where its inbound
    messages go, so the messages those deliveries carried never reached the gateway (a sender that got connection
    refused may not retry, and nothing in the lines shows them fetched again): the channel's ingress lost, no session
    involved. Medium confidence: the lines are the sender's, and a sender may still retry. With the gateway listening
    again soon after them (``back``, :func:`_gateway_back_soon`): a restart's window, low confidence, said at info."""
    first = refused[0]
    target = next((field_text(e, "target") for e in refused if field_text(e, "target")), "the gateway's port")
    channel = field_text(first, "channel")
    who = f"{display_name(channel)}'s webhook" if channel else "A webhook channel's"
    if back is not None and back.time is not None and first.time is not None:
        return Candidate(
            "RC18", Confidence.LOW,
            f"{who} deliveries of inbound messages to the gateway were refused {len(refused)} times (connection "
            f"refused on {target}) while the gateway was down, and it listened on that port again "
            f"{(back.time - first.time).total_seconds():.0f} s after the first: a restart's window; a sender that got "
            "connection refused may not retry, so the messages of those deliveries may need sending again.",
            cite(refused[:2], refused[-1:], [back]), onset=first_time(refused), facts={"deliveries_refused": True},
            severity=Severity.INFO,
        )
    return Candidate(
        "RC18", Confidence.MEDIUM,
        f"{who} deliveries of inbound messages to the gateway were refused {len(refused)} times (connection refused on "
        f"{target}): nothing listened on the gateway's port, so the messages they carried never reached it, and no "
        "line shows them delivered again.",
        cite(refused[:2], refused[-1:]), onset=first_time(refused), facts={"deliveries_refused": True},
    )
