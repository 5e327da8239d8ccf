"""The typed event: what every parsed log line becomes."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import field
from datetime import datetime, timedelta
from typing import Any

from stuckscan._dataclass import dataclass

FieldValue = Any  # str | int | float | bool | None | list[str]

GENERIC_KIND = "generic"
UNPARSED_KIND = "unparsed"
NOTE_KIND = "note"  # a reporter's remark in a pasted excerpt (not a log line)


@dataclass(slots=True)
class Event:
    """One log line, parsed.

    ``fields`` holds typed values (units stripped: ``age=757s`` -> 757); ``raw`` holds
    the text as printed; ``seconds`` holds every duration normalised to seconds.
    """

    source: str
    line: int
    time: datetime | None
    level: str | None
    subsystem: str | None
    kind: str
    message: str
    shape: str
    fields: dict[str, FieldValue] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] | None = None
    truncated: bool = False

    def get(self, key: str, default: FieldValue = None) -> FieldValue:
        return self.fields.get(key, default)

    def has(self, key: str) -> bool:
        return key in self.fields

    def identity_names(self) -> tuple[str | None, str | None, str | None]:
        """(sessionKey, sessionId, runId) as the event itself states them: the first usable
        text value of ``sessionKey``/``laneSessionKey``, ``sessionId``/``lockSessionId``/
        ``activeSessionId`` and ``runId`` (``unknown``, ``n/a`` and empty values are not)."""
        fields = self.fields
        return (_stated(fields, "sessionKey", "laneSessionKey"),
                _stated(fields, "sessionId", "lockSessionId", "activeSessionId"),
                _stated(fields, "runId"))

    def compact(self) -> None:
        """Drop what can be rebuilt from the line's text (see ``parser.LazyEvent``); here, nothing."""

    def fields_at_most(self) -> int:
        """An upper bound of ``len(self.fields)`` (exact here; see ``parser.LazyEvent``)."""
        return len(self.fields)

    def peekable_keys(self) -> Container[str]:
        """What answers, for a key of ``parser.PEEKABLE`` that a line states itself (not the derived
        ``laneSessionKey`` or ``lockSessionId``), whether the line has that field, as cheaply as it can: ``fields``
        here; a lazy event's key=value words, untokenized (see ``parser.LazyEvent``). A key in it is then read with
        :meth:`get`."""
        return self.fields

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}"


def timestamp_or_inf(moment: datetime | None) -> float:
    return moment.timestamp() if moment is not None else float("inf")


def event_order(event: Event) -> tuple[float, str, int]:
    """Time order, then file and line: how incidents, evidence and timelines are sorted."""
    return (timestamp_or_inf(event.time), event.source, event.line)


# The stall detector's three warning forms (format reference 2.1), by event kind.
ATTENTION_LABELS = {"session.stuck": "stuck", "session.stalled": "stalled", "session.long_running": "long-running"}




def usable_name(text: str) -> str | None:
    """``text`` as a session name, unless it is empty, ``unknown``, ``n/a`` or elided
    (``…``, ``...``, ``<id>``, ``[redacted]``, ``xxx``: see :func:`elided_parts`). An
    elided name never links or merges sessions; a partly elided one can still be matched
    against the names seen in full (``stuckscan._identity``)."""
    if not text or text.lower() in ("unknown", "n/a"):
        return None
    known = _USABLE_CACHE.get(text)
    if known is None:
        known = _ELISION.search(text) is None
        if len(_USABLE_CACHE) >= _USABLE_CACHE_SIZE:
            _USABLE_CACHE.clear()
        _USABLE_CACHE[text] = known
    return text if known else None


# What reporters put where they cut a value: an ellipsis, a placeholder in angle, square or
# curly brackets, a run of x/*/#, or a word saying so. An x-run counts only at the end of a
# segment and not after a letter (``0829a221-xxxx``, ``7012xxxxxx``), a word only as a whole
# segment, so ``box``, ``taxxi`` or ``hidden-agent`` stay names.
_ELISION = re.compile(
    r"…|\.{3,}|<[^<>\s]{0,40}>|\[[^\[\]\s]{0,40}\]|\{[^{}\s]{0,40}\}|\*{3,}|#{3,}"
    r"|(?<![A-Za-z])[xX]{3,}(?![A-Za-z0-9])"
    r"|(?<![\w-])(?i:redacted|removed|hidden|elided|masked|omitted|snipped|anonymi[sz]ed|scrubbed|censored"
    r"|truncated)(?![\w-])"
)
_USABLE_CACHE: dict[str, bool] = {}
_USABLE_CACHE_SIZE = 8192


def is_elided(text: str) -> bool:
    """Whether ``text`` holds an elision mark (a cut or masked value)."""
    return _ELISION.search(text) is not None


def elided_parts(text: str) -> tuple[str, str] | None:
    """(what precedes the first elision mark, what follows the last one) of an elided
    value, e.g. ``0829a221…`` -> (``0829a221``, ``""``) and ``8f800c79…b8f9`` ->
    (``8f800c79``, ``b8f9``); None when ``text`` is not elided."""
    first = _ELISION.search(text)
    if first is None:
        return None
    last_end = first.end()
    for later in _ELISION.finditer(text, first.end()):
        last_end = later.end()
    return text[:first.start()], text[last_end:]


def _stated(fields: dict[str, FieldValue], *keys: str) -> str | None:
    for key in keys:
        value = fields.get(key)
        if isinstance(value, str) and usable_name(value):
            return value
    return None


def isoformat_utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    text = moment.isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def event_to_dict(event: Event) -> dict[str, Any]:
    """The JSON form of an event (``stuckscan events --format jsonl``)."""
    record: dict[str, Any] = {
        "file": event.source,
        "line": event.line,
        "time": isoformat_utc(event.time),
        "level": event.level,
        "subsystem": event.subsystem,
        "kind": event.kind,
        "shape": event.shape,
        "message": event.message,
        "fields": event.fields,
    }
    if event.seconds:
        record["seconds"] = event.seconds
    if event.raw:
        record["raw"] = event.raw
    if event.truncated:
        record["truncated"] = True
    return record


IDENTITY_FIELDS = ("sessionKey", "sessionId", "runId", "laneSessionKey", "lockSessionId", "activeSessionId")


def mentions(event: Event, identifier: str) -> bool:
    """Whether the event names ``identifier`` as a session key, session id, run id or lane."""
    return any(event.fields.get(key) == identifier for key in IDENTITY_FIELDS)


# A manual compaction call this long held its session (see compaction_rpc).
COMPACTION_RPC_SECONDS = 60.0
# A gateway response this slow is worth the correlator's attention (the fast path passes on no faster one).
SLOW_RESPONSE_SECONDS = 10.0


def compaction_rpc(event: Event) -> bool:
    """A ``sessions.compact`` call (a manual ``/compact``) that took a minute or more: the session
    was held by its compaction that long (the gateway's answer is slow because the compaction
    was, not because its event loop starved)."""
    return event.kind == "ws.response" and event.fields.get("method") == "sessions.compact" \
        and event.seconds.get("durationMs", 0.0) >= COMPACTION_RPC_SECONDS


def browser_request_failed(event: Event) -> bool:
    """A browser-control call the gateway answered with a failure after ten seconds or more (``⇄ res ✗
    browser.request 10023ms errorCode=UNAVAILABLE errorMessage=Error: Chrome CDP websocket for profile "openclaw" is
    not reachable after start.``): the browser tool's call waited on a browser that never answered."""
    return event.kind == "ws.response" and event.fields.get("method") == "browser.request" \
        and event.fields.get("status") == "✗" and event.seconds.get("durationMs", 0.0) >= SLOW_RESPONSE_SECONDS


# "[timeout-compaction] LLM timed out with high prompt token usage (<n>%); attempting compaction before retry": logged
# only for an attempt that timed out outside a compaction and a tool call (src/agents/pi-embedded-runner/run.ts).
TIMEOUT_COMPACTION_START = "LLM timed out"


# A raw provider error that is an HTTP answer (``rawError=503 "inference service unavailable"``, ``rawError=HTTP 429
# ...``): OpenClaw may still word the turn's error "LLM request timed out.", but the call was answered, not left hanging.
_PROVIDER_ANSWERED = re.compile(r"\s*[\"']?(?:HTTP\s*)?[45]\d\d\b")


# The error of a provider call that failed on the way ("LLM request failed: network connection error.", a fetch that
# failed or was reset), as an agent end's error gives it.
_PROVIDER_CALL_FAILED = re.compile(r"\bLLM request failed\b|\bnetwork connection error\b|\bfetch failed\b|\bECONNRESET\b|"
                                   r"\bETIMEDOUT\b|\bsocket hang up\b", re.IGNORECASE)


# An agent end's error that is the provider's answer or a connection that failed (labelling policy "embedded run agent
# end with an error"): the raw error decides where the line has one, the error= text otherwise. A timeout in the raw
# error (``rawError=Request timed out.``) is no answer: the model did not reply in time.
# (beyond a refusal's own words, PROVIDER_REFUSED: what else a provider answers with)
_ANSWERED_ERROR = re.compile(
    r"\b529\b|too many requests|insufficient[ _]credit|authentication|\bauth\b|oauth|"
    r"model[ _-]?not[ _-]?found|not available in your region|context overflow|context[ _-]length|maximum context|"
    r"prompt too large|incomplete json|unexpected (?:token|end of json)|api_error|\bHTTP\s*[45]\d\d\b|^\s*[\"']?[45]\d\d\b",
    re.IGNORECASE)
# (with OpenClaw's own copy of a connect that failed at once, formatTransportErrorCopy in
# src/agents/pi-embedded-helpers/errors.ts, which an agent end prints as its error= with no raw error kept: "LLM request
# failed: connection refused by the provider endpoint.", "... DNS lookup for the provider endpoint failed.", "... the
# provider endpoint is unreachable from this host."; not "network connection was interrupted.", a connection reset or a
# socket hang up, which may cut a request that waited long)
_CONNECTION_FAILED = re.compile(r"network connection error|connection error|fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|"
                                r"network_error|connection refused|DNS lookup for the provider endpoint failed|"
                                r"provider endpoint is unreachable", re.IGNORECASE)
# (and a stream the provider broke off mid-answer, t49b source audit: pi-ai's Bedrock ConverseStream event
# modelStreamErrorException, "Model stream error: <msg>" (packages/ai/src/providers/amazon-bedrock.ts). The provider
# was streaming, so the break is no hang of its own; but it may end a call that had waited long, so the same wait bar)
_STREAM_BROKEN = re.compile(r"\bModel stream error: ")
_RAW_TIMEOUT = re.compile(r"time[ds]?[_ -]?out|\babort", re.IGNORECASE)
# undici's own stream timeouts (HeadersTimeoutError "Headers Timeout Error", code UND_ERR_HEADERS_TIMEOUT; BodyTimeoutError
# "Body Timeout Error", UND_ERR_BODY_TIMEOUT): the provider sent no response headers, or no body bytes, for the
# dispatcher's whole timeout (undici's default 300 s; OpenClaw's global dispatcher sets at least 30 minutes,
# DEFAULT_UNDICI_STREAM_TIMEOUT_MS in src/infra/net/undici-global-dispatcher.ts). However short the paste, the model call
# waited that long with nothing: a hang, not a refusal.
UNDICI_STREAM_TIMEOUT = re.compile(r"\b(?:Headers|Body) ?Timeout ?Error\b|\bUND_ERR_(?:HEADERS|BODY)_TIMEOUT\b", re.IGNORECASE)
# pi-ai's own stream timers (t49f: packages/ai/src/api/openai-codex-responses.ts of earendil-works/pi, where pi-ai now
# lives): "WebSocket idle timeout after <n>ms" (no frame from the socket for <n> ms) and "Codex SSE response headers
# timed out after <n>ms" (no headers for <n> ms; a "Codex Responses SSE ..." wording reads alike). pi-ai sets no
# default of its own: <n> is the caller's request timeout (the pi coding agent's httpIdleTimeoutMs, 5 minutes by default). The line states the
# wait, so a bare one of minutes is a model call that sent nothing that long; a short one proves no hang by itself.
_STREAM_TIMER = re.compile(r"\b(?:WebSocket idle timeout|SSE response headers timed out) after (?P<ms>\d{1,10})ms\b")


def stream_timer_seconds(text: str) -> float:
    """The wait (seconds) a pi-ai stream timer's error states (:data:`_STREAM_TIMER`), 0 when ``text`` has none."""
    found = _STREAM_TIMER.search(text)
    return int(found.group("ms")) / 1000.0 if found is not None else 0.0


# Set by the correlator on an agent end whose run's start it saw: the seconds from that start to the end.
AGENT_END_WAIT_FIELD = "runWaited"
# A connection failure that ends a run open this long was no failure "at once": the model call held the session (the
# warn threshold, as the policy "failed turn in a session transcript" has it).
CONNECTION_WAIT_BAR_SECONDS = 120.0


def agent_end_provider_answered(event: Event) -> bool:
    """An ``embedded run agent end ... isError=true`` whose error (its raw error where the line has one) is the
    provider's answer (overloaded or 529, a rate limit, billing, auth, a 4xx/5xx body, an unknown model, a context
    overflow, a stream it could not parse) or a connection that failed at once (``fetch failed``, ``Connection
    error``, ``ECONNREFUSED``): nothing was left waiting on the model, whatever ``failoverReason`` or
    ``providerRuntimeFailureKind`` OpenClaw attached (it files a network failure under reason "timeout"). A connection
    failure that ended a run open the warn threshold or more (its start seen) is not "at once"."""
    if event.kind != "embedded.agent_end":
        return False
    raw = str(event.fields.get("rawError", "")).strip()
    said = raw or str(event.fields.get("error", "")).strip()
    if not said or _RAW_TIMEOUT.search(said) is not None:
        return False
    if PROVIDER_REFUSED.search(said) or _ANSWERED_ERROR.search(said) or _PROVIDER_ANSWERED.match(said) \
            or _SERVER_ERROR_WORDS.search(said):
        return True
    return (_CONNECTION_FAILED.search(said) is not None or _STREAM_BROKEN.search(said) is not None) \
        and event.seconds.get(AGENT_END_WAIT_FIELD, 0.0) < CONNECTION_WAIT_BAR_SECONDS


def connection_cut_after_wait(event: Event) -> bool:
    """An agent end whose error is undici's bare ``terminated`` (the connection cut by a proxy's or the server's idle
    limit while the request waited) after its run or retry had been open :data:`QUICK_REFUSAL_SECONDS` or more: a
    model call that answered nothing in that time (labelling policy "embedded run agent end with an error"). With no
    wait visible, the cut may have come at once, and says nothing of a hang."""
    said = str(event.fields.get("rawError", "")).strip() or str(event.fields.get("error", "")).strip()
    return said.lower() == "terminated" and event.seconds.get(AGENT_END_WAIT_FIELD, 0.0) >= QUICK_REFUSAL_SECONDS


def model_call_timed_out(event: Event) -> bool:
    """A turn or lane task that ended on the provider's timeout (``embedded run agent end: error=LLM
    request timed out``, ``lane task error: ... error="FailoverError: LLM request timed out."``: OpenClaw's
    wording for a model call that hit its timeout), that error printed on its own, or the timeout recovery's
    compaction starting after it (:data:`TIMEOUT_COMPACTION_START`)."""
    if event.kind == "model.request_timeout":
        return True
    if event.kind == "compaction.timeout_recovery":
        return event.fields.get("stage") == TIMEOUT_COMPACTION_START
    if agent_end_provider_answered(event):
        return False  # (the provider answered or the connection failed at once: the raw error decides)
    if event.kind == "embedded.agent_end" and event.fields.get("providerRuntimeFailureKind") == "timeout":
        return True  # (the file record's own classification of the provider's failure)
    if event.kind == "embedded.agent_end" and event.fields.get("failoverReason") == "timeout" \
            and _PROVIDER_CALL_FAILED.search(str(event.fields.get("error", ""))) is not None:
        return True  # (... or its failover's, for a provider call that failed on the network; a run aborted mid-call,
        # by a recovery, a /stop or its own run timeout, is classed a timeout too, whatever held it)
    if event.kind == "embedded.agent_end" and connection_cut_after_wait(event):
        return True
    if event.kind == "embedded.agent_end" and any(UNDICI_STREAM_TIMEOUT.search(str(event.fields.get(key, "")))
                                                  for key in ("error", "rawError")):
        return True  # (undici's headers or body timeout: nothing from the provider for the dispatcher's whole timeout)
    if event.kind == "embedded.agent_end" and any(
            stream_timer_seconds(str(event.fields.get(key, ""))) >= CONNECTION_WAIT_BAR_SECONDS
            for key in ("error", "rawError")):
        return True  # (pi-ai's idle or header timer, its stated wait the warn threshold or more: nothing came that long)
    if _PROVIDER_ANSWERED.match(str(event.fields.get("rawError", ""))) is not None:
        return False  # (the provider's own HTTP answer, rawError=503 "...": it refused at once, nothing hung)
    # (a paste that kept only the error of a lane task error, 'lane task error: FailoverError: LLM request timed
    # out.', has no error= field: the message after the label is that error, String(err) in src/process/command-queue.ts)
    said = event.fields["error"] if "error" in event.fields else \
        event.message.partition(":")[2] if event.kind == "lane.task_error" else ""
    error = str(said).lower()
    return event.kind in ("embedded.agent_end", "lane.task_error") and "request timed out" in error \
        and "compaction" not in error and _AUTH_REFRESH_TIMED_OUT.search(error) is None  # (the auth refresh's own)


# OpenClaw files a provider's transient server error (HTTP 500, 502, 503, "Internal Server Error") under failover reason
# "timeout" (classifyFailoverReason in src/agents/pi-embedded-helpers/errors.ts), status 408. The error text a fallback
# decision keeps says which: the provider's answer (:data:`_PROVIDER_ANSWERED`, or a server error's words) is no hung
# call, unless it is a timeout of its own (504 Gateway Timeout, 522, 524, a timed-out request).
# (with the provider libraries' own wordings of an answered failure that carry no leading status: pi-ai's Bedrock stream
# exceptions "Internal server error: <msg>", "Service unavailable: <msg>" (packages/ai/src/providers/amazon-bedrock.ts),
# and a status in an "API error" text, pi-ai's Gemini CLI "Cloud Code Assist API error (503): <msg>"
# (packages/ai/src/providers/google-gemini-cli.ts) and the Ollama stream's older "Ollama API error 404: <body>"
# (extensions/ollama/src/stream.ts); a timeout's own status, 408, 504, 522, 524, stays a timeout; and the error event an
# OpenAI Responses stream answered with, "Error Code <code>: <message>" (packages/ai/src/providers/openai-responses-shared.ts);
# not OpenRouter's "Provider returned error", which OpenClaw files under "timeout" (failover-matches.ts): its upstream
# failure often ends a call that waited with nothing, as in a cron run silent for 125 s, f3202)
# (t49b: also the Bedrock stream's other refusals, "Throttling error: <msg>" and "Validation error: <msg>"
# (amazon-bedrock.ts), and the failures OpenClaw's OpenAI WebSocket stream reads off the socket, a response.failed event
# "OpenAI WebSocket response failed: <msg>" and an error event "OpenAI WebSocket error: <msg> (code=<code>)"
# (src/agents/openai-ws-stream.ts): the provider answered)
# (t49f: and a provider that answered with nothing, no hang: pi-ai's Responses stream failing on response.failed with
# only incomplete_details, "incomplete: max_output_tokens" or "incomplete: content_filter" (openai-responses-shared.ts;
# the output budget spent, often on reasoning), its Gemini CLI stream ending empty after its own retries, "Cloud Code
# Assist API returned an empty response" (google-gemini-cli.ts), and the Ollama stream's "Ollama API returned empty
# response body" (extensions/ollama/src/stream.ts: headers came, no body))
_SERVER_ERROR_WORDS = re.compile(r"\b(?:Internal Server Error|Bad Gateway|Service Unavailable)\b|"
                                 r"\bAPI error:? \(?(?!408|504|522|524)[45]\d\d\b|\bError Code [\w.-]+: |"
                                 r"\b(?:Throttling|Validation) error: |\bOpenAI WebSocket (?:response failed|error): |"
                                 r"\bincomplete: (?:max_output_tokens|content_filter)\b|"
                                 r"\bCloud Code Assist API returned an empty response\b|"
                                 r"\bOllama API returned empty response body\b",
                                 re.IGNORECASE)
_TIMED_OUT = r"time[ds]?[_ -]?out"  # timeout, timed out, timed_out (ETIMEDOUT too)
_TIMEOUT_WORDS = re.compile(_TIMED_OUT + r"|aborted|deadline|\b(?:504|522|524)\b", re.IGNORECASE)
_FAILOVER_ERROR_FIELDS = ("errorPreview", "fallbackStepFromFailureDetail", "detail", "rawError", "error")


def timeout_failover_was_server_error(event: Event) -> bool:
    """A model fallback decision or failover filed under reason=timeout whose error is the provider's server error
    (``"reason":"timeout","status":408,"errorPreview":"500 Internal Server Error"``): the call was answered with a
    failure at once, not left hanging."""
    errors = [str(event.fields[key]) for key in _FAILOVER_ERROR_FIELDS if key in event.fields]
    answered = any(_PROVIDER_ANSWERED.match(error) is not None or _SERVER_ERROR_WORDS.search(error) is not None
                   for error in errors)
    return answered and not any(_TIMEOUT_WORDS.search(error) is not None for error in errors)


# The provider auth's token refresh timing out before any model call ("detail=auth refresh request timed out after
# 10s" on an openai-codex OAuth profile: the Codex app-server's own deadline on refreshing its OAuth tokens): a
# credential step that failed within its seconds, no model call left hanging (labelling policy "Codex auth refresh
# timeout"), whether the fallback moves the turn on or the run fails on it.
_AUTH_REFRESH_TIMED_OUT = re.compile(r"\b(?:auth|oauth|token)\b[\w ]{0,20}?\brefresh\b[^.;\n]{0,40}?\b" + _TIMED_OUT,
                                     re.IGNORECASE)


def timeout_failover_was_auth_refresh(event: Event) -> bool:
    """A model fallback decision or failover filed under reason=timeout whose detail is the auth token refresh's own
    timeout, not a model call's, with or without a next candidate to take the turn."""
    said = " ".join([str(event.fields[key]) for key in _FAILOVER_ERROR_FIELDS if key in event.fields] + [event.message])
    return _AUTH_REFRESH_TIMED_OUT.search(said) is not None


def timeout_failover_was_no_hang(event: Event) -> bool:
    """A timeout failover that shows no model call left hanging: the provider answered with a server error, or the
    timeout was the auth refresh's before the call."""
    return timeout_failover_was_server_error(event) or timeout_failover_was_auth_refresh(event)


# A failure the lanes logged this soon after the task began was answered, not left hanging: model timeouts are
# configured in tens of seconds at the least.
FAST_FAILURE_SECONDS = 30.0
SAME_FAILURE_SECONDS = 2.0  # a failover and the lane task errors of the same failed request, apart
_REASON_WORD = re.compile(r"\b(?:failover)?reason=\S*", re.IGNORECASE)


def timeout_failover_failed_fast(event: Event, lane_errors: list[Event]) -> bool:
    """A fallback decision filed under reason=timeout whose error names no timeout, while the lane tasks that failed
    with it in the same second held their lanes only seconds (``lane task error: lane=main durationMs=9001
    error="FailoverError: An unknown error occurred"`` beside ``decision=candidate_failed ... reason=timeout
    detail=An unknown error occurred``), or failed on the model's timeout within those seconds (``durationMs=19784
    error="FailoverError: LLM request timed out."``: no model call hangs that briefly): the provider refused the request
    at once."""
    # (a console line's detail runs to the line's end: its words past the first are not in the field)
    said = " ".join([str(event.fields[key]) for key in _FAILOVER_ERROR_FIELDS if key in event.fields]
                    + [_REASON_WORD.sub("", event.message)])
    if event.time is None or _TIMEOUT_WORDS.search(said) is not None:
        return False
    beside = [e for e in lane_errors if e.time is not None and abs((e.time - event.time).total_seconds()) <= SAME_FAILURE_SECONDS
              and (not _TIMEOUT_WORDS.search(e.message) or model_call_timed_out(e))]
    return lane_tasks_failed_fast(beside)


def lane_tasks_failed_fast(tasks: list[Event]) -> bool:
    """Whether ``tasks`` (lane task errors of one failed request) that say how long they held their lanes all held
    them under :data:`FAST_FAILURE_SECONDS`, and at least one says so: the request failed at once, nothing hung."""
    timed = [task.seconds["durationMs"] for task in tasks if "durationMs" in task.seconds]
    return bool(timed) and all(held < FAST_FAILURE_SECONDS for held in timed)


def model_timeout_failed_fast(event: Event, lane_errors: list[Event]) -> bool:
    """A model timeout (``embedded run agent end: ... error=LLM request timed out.``, or the lane task error saying it)
    logged inside a lane task that failed on that same timeout after holding its lane under
    :data:`FAST_FAILURE_SECONDS` (``lane task error: lane=nested durationMs=19784 error="FailoverError: LLM request timed
    out."``): whatever called itself a timeout answered within seconds, so no model call hung. So did a record that
    carries its own run's duration under :data:`QUICK_REFUSAL_SECONDS` (a cron run record, ``"status":"error","error":
    "LLM request timed out.","durationMs":7372``)."""
    if timeout_record_ran_briefly(event):
        return True
    if event.time is None:
        return False
    for task in lane_errors:
        held = task.seconds.get("durationMs")
        if task.time is None or held is None or held >= FAST_FAILURE_SECONDS or not model_call_timed_out(task):
            continue
        began = task.time - timedelta(seconds=held + SAME_FAILURE_SECONDS)
        if began <= event.time <= task.time + timedelta(seconds=SAME_FAILURE_SECONDS):
            return True
    return False


# A record that carries only its run's duration (a cron run record ``"error":"LLM request timed out.","durationMs":N``)
# shows how long the run waited, not its attempts: the run's duration is the wait, and a wait of 10 s or more ending in
# the model's timeout is a hang, well past first-token latency (labelling policies "cron run record with a
# model-timeout error" and "model-timeout lane task: judge the wait"). A lane task's duration may instead cover a
# fallback chain's several attempts, each failing within seconds (f2573), so FAST_FAILURE_SECONDS bounds those.
QUICK_REFUSAL_SECONDS = 10.0


def timeout_record_ran_briefly(event: Event) -> bool:
    """A model timeout whose own record says the run it ended lasted under :data:`QUICK_REFUSAL_SECONDS`."""
    held = event.seconds.get("durationMs")
    return event.kind == "model.request_timeout" and held is not None and held < QUICK_REFUSAL_SECONDS


# The error a Claude live-session turn reports when the CLI failed the turn over: the error's name on older builds
# (``error=FailoverError``), its failover reason on newer ones (``error=timeout``).
CLI_FAILOVER_ERRORS = frozenset({"FailoverError", "timeout"})


def cli_turn_failed_over_after_wait(event: Event) -> bool:
    """A CLI backend's turn that failed over after waiting :data:`QUICK_REFUSAL_SECONDS` or more (``claude live
    session turn failed: ... durationMs=153625 error=FailoverError``): the CLI itself gave the turn up with no answer
    after a wait well past first-token latency, a model call that hung (labelling policy "watchdog abort of a run at
    the abort point"). An ``AbortError`` turn is the watchdog's or a user's abort, and says nothing of the CLI."""
    held = event.seconds.get("durationMs")
    return event.kind == "cli.turn_failed" and str(event.fields.get("error", "")) in CLI_FAILOVER_ERRORS \
        and held is not None and held >= QUICK_REFUSAL_SECONDS


def lane_held_until_model_timeout(event: Event, warn_seconds: float) -> bool:
    """A lane task that ended on the model's timeout after holding its lane at least the stall detector's warn
    threshold (``lane task error: lane=cron durationMs=600046 error="FailoverError: LLM request timed out."``;
    src/process/command-queue.ts logs the task's own durationMs): its model call hung that long. So did one that
    waited that long on a Codex app-server that never finished starting (``error="Error: codex app-server startup
    aborted"``)."""
    if event.kind != "lane.task_error" or recall_lane_task(event) or echoes_busy_run_cap(event) \
            or not (model_call_timed_out(event) or codex_startup_never_finished(event)):
        return False
    held = event.seconds.get("durationMs")
    if held is None:
        return False
    budget = event.seconds.get(RUN_BUDGET_FIELD)  # (set by the correlator: the task spent its run's whole budget)
    return held >= warn_seconds - LANE_TIMER_SLACK or (budget is not None and held >= budget - LANE_TIMER_SLACK)


# The Codex harness's app-server start given up on: "codex app-server startup timed out" (its own startup timeout) or
# "... startup aborted" (the run's abort signal fired while it was still starting: the turn's deadline), thrown to the
# run's lane task (extensions/codex): the model backend never answered at all.
_CODEX_STARTUP_FAILED = re.compile(r"codex app-server startup (?:aborted|timed out)", re.IGNORECASE)


def codex_startup_never_finished(event: Event) -> bool:
    """A lane task that failed because the Codex app-server it waited on never finished starting."""
    said = event.fields["error"] if "error" in event.fields else event.message
    return _CODEX_STARTUP_FAILED.search(str(said)) is not None


# The budget (seconds) of the run timeout a lane task ended with, having lasted all of it on the model's timeout.
RUN_BUDGET_FIELD = "spentRunBudget"
# The budget (seconds) of a run timeout that the run's own failed end (``[agent] run <id> ended with stopReason=
# error``), or its lane task lasting that whole budget (``lane task done: lane=subagent durationMs=300093``), closed:
# set by the correlator. The run used all of its time and ended with no answer.
TIMED_OUT_RUN_FIELD = "timedOutRunBudget"
# Lines that show a run still held after its own timeout fired: the active-runs wait at a restart timing out on it,
# its abort failing to settle or crashing the process, the aborted stream going on, its cleanup so slow that the
# registry force-detached it (stuckscan.rules._detect.run_held_after; the correlator keeps them with the timeout).
HELD_AFTER_TIMEOUT_KINDS = ("run.wait_active_timeout", "abort.settle_timeout", "abort.settle_failed", "run.abort_failed",
                            "run.aborted_error", "embedded.abort_still_streaming", "run.force_detached")
# Lines that name a CLI backend running the turn (its exec, live session and turn lines, agent/cli-backend, and a run's
# start, whose provider may name one): they name no session, and the stall detector of those builds did not record
# that turn's progress.
CLI_BACKEND_KINDS = frozenset({"cli.exec", "cli.live_session", "cli.turn", "embedded.run_start"})


def lane_held_by_own_task(event: Event) -> bool:
    """A ``lane wait exceeded`` with nothing queued ahead (``queueAhead=0``, or not said): the lane's own task held it,
    not a backlog."""
    return event.kind == "lane.wait_exceeded" and event.fields.get("queueAhead") in (0, "0", None)


# Lines that say nothing of a run's model call, a tool, a compaction, a lock, a held lane or a stall, before or after
# a run timeout: the gateway's own start (its start, listening and ready lines, the agent model and log file it names,
# the health monitor's start), a channel starting or its healthy housekeeping (a menu trimmed, a stranger's payload
# refused, a relay set aside), and the memory, logging, config, heartbeat, cron-reaper, plugin-stop and client-auth
# housekeeping unexplained.NOT_A_STALL_KINDS lists (memory search answered by the builtin index, an embedding retry, a
# log rotation or size cap, a reload skipped, a plugin service's stop failing, an unauthorized client). The labelling
# policy "lone embedded run timeout" asks for "no other line about the model call, a tool, a compaction, a lock or a
# held lane", so a timeout beside only these is still lone; a later line of any kind still shows the log going on
# (stuckscan.rules._detect.run_held_after's minute). NOT_A_STALL_KINDS about a run (a model fetch retry, a tool's
# refusal, a compaction's recovery, a transcript repair, an ACP or cron run, a restart) stay out.
NAMES_NO_RUN_KINDS = frozenset({
    "gateway.starting", "gateway.listening", "gateway.ready", "gateway.agent_model", "gateway.log_file",
    "health.started",
    "channel.starting", "channel.polling_started", "channel.menu_trimmed", "channel.payload_rejected",
    "channel.relay_set_aside",
    "memory.search_fallback", "memory.embedding_retry", "logging.rotation_failed", "logging.size_cap",
    "gateway.reload_skipped", "heartbeat.housekeeping", "cron.housekeeping", "plugin.service_stop_failed",
    "ws.unauthorized",
})
# What may stand beside a lone run timeout in an excerpt: the timeout itself, the run's end after it (or an abort
# finding no run left to abort), the lines that show it held, the lines that name nothing of a run (the labelling
# policy "lone embedded run timeout").
LONE_TIMEOUT_COMPANIONS = frozenset({"embedded.timeout", "run.cleanup", "embedded.run_end", "embedded.run_done",
                                     "lane.task_done", "run.cleared", "run.abort_no_run", "session.state",
                                     "run.timed_out_no_reply", "lane.wait_exceeded", *HELD_AFTER_TIMEOUT_KINDS,
                                     *NAMES_NO_RUN_KINDS})
# What the correlator writes into an event's ``seconds``: not in the line's text, so a lazy event it marked is never
# compacted back to its text (parser.LazyEvent.compact).
# (set by the correlator on a transcript's silent timeout: the waits, in ms, of the silent timeouts of its turn so far)
SILENT_STREAK_FIELD = "silentStreakMs"
# (set by the correlator on a failover decision it read as the echo of its run's own timeout just before it, see
# Correlator._failover_after_its_run_timeout: beside that timeout it is no other fault, and the timeout stays lone)
RUN_TIMEOUT_ECHO_FIELD = "runTimeoutEcho"
# (set by the correlator on a channel's ingress start that names its account: how many accounts of that channel the
# input's starts named up to it, capped at 2; RC18 pairs lines that name no account with a start only when one did)
ACCOUNTS_STARTED_FIELD = "accountsStarted"
# (set by the correlator on a run timeout whose run's tool lines went on until shortly before it: how long before the
# cap the last tool line came, see busy_until_cap)
BUSY_AT_CAP_FIELD = "busyUntilCapSeconds"
# (set by the correlator on an untimed run timeout alone in its paste, still waiting for its cleanup when the input
# ended: no counted line before it, one or more recognised untimed lines of its file after it (their number), none of
# them its run's end and none opening a fault signal of its own; see PendingSignal.paste_lines_after)
LONE_IN_PASTE_FIELD = "loneInPaste"
# (set by the correlator on the failover's own lines after such a timeout: the run's lane task ending on "LLM request
# timed out." and the auth profile's "Profile <id> timed out": the cap's echo, see echoes_busy_run_cap)
CAP_ECHO_FIELD = "echoesBusyRunCap"
# (set by the correlator on a compaction start or retry with no end yet when its run's own timeout fires, or when its
# wait for an end passed with later lines read: how long (s) the lines show it open, the compaction holding the run
# (labelling policy "compaction start with no time shown after it"))
COMPACTION_HELD_FIELD = "compactionShownOpenSeconds"
# (set by the correlator on the CLI's `gateway closed (<code> ...)` that the newest CLI follows with its "The request
# was already sent to the gateway, ..." paragraph (gateway.request_dispatched, src/gateway/transport-error.ts): the
# close came after the request went out, so after the connect handshake; how many lines after the close it came)
DISPATCHED_CLOSE_FIELD = "requestDispatchedLinesAfter"
# (how far below its close the paragraph may come: the connection details and the 1006 close's causes between)
DISPATCHED_CLOSE_REACH = 24
CORRELATOR_MARKS = frozenset({RUN_BUDGET_FIELD, TIMED_OUT_RUN_FIELD, SILENT_STREAK_FIELD, BUSY_AT_CAP_FIELD,
                              CAP_ECHO_FIELD, COMPACTION_HELD_FIELD, DISPATCHED_CLOSE_FIELD})


# The lane task's duration and the model call's timeout are timed apart (the timeout starts once the call is made): a
# call that timed out on a 120 s timeout may report a task of 119,986 ms (f1151).
LANE_TIMER_SLACK = 0.5  # seconds

# A run's lines that begin a model turn: the run or its prompt starting, or a tool's result going back to the model.
_TURN_BEGINS = frozenset({"embedded.run_start", "embedded.agent_start", "embedded.prompt_start", "embedded.tool_end"})


def busy_until_cap(run_lines: Iterable[Event], cap: Event, warn_seconds: float) -> float | None:
    """How long before its ``embedded run timeout`` (``cap``) the run's last tool line came, when that shows the run
    still working at the cap (labelling policies "model-timeout lane task: judge the wait" and "run timeout with a
    timeout failover decision"), else None. ``run_lines`` are the run's own lines before the cap, in order. The run was
    working when its last tool line is a call still open under the warn threshold (a tool running, not the model), or
    a tool's end followed by a model turn that had waited under :data:`QUICK_REFUSAL_SECONDS`, or no longer than the
    slowest of the run's earlier model turns that answered (a tool start ends one) and under the warn threshold: no
    model wait past the run's own pace is shown. A tool call that returned on its own short deadline
    (:func:`returned_on_short_timeout`) is such a tool's end."""
    if cap.time is None:
        return None
    slowest, began, last = 0.0, None, None
    for line in run_lines:
        if line.time is None or line.time > cap.time:
            continue
        if line.kind == "embedded.tool_start":
            if began is not None:
                slowest = max(slowest, (line.time - began).total_seconds())
            began, last = None, line
        elif line.kind in _TURN_BEGINS or returned_on_short_timeout(line, warn_seconds):
            began = line.time  # (a model turn begins: after the run's start, its prompt, or a tool's end)
            if line.kind == "embedded.tool_end" or line.kind == "tools.timeout":
                last = line
    if last is None or last.time is None:
        return None
    gap = (cap.time - last.time).total_seconds()
    if last.kind == "embedded.tool_start":
        return gap if gap < warn_seconds else None
    return gap if gap < QUICK_REFUSAL_SECONDS or (gap <= slowest and gap < warn_seconds) else None


def echoes_busy_run_cap(event: Event) -> bool:
    """A failover line the correlator tied to a run timeout whose run was still working at the cap
    (:func:`busy_until_cap`): its "timed out" is only the failover's name for the run's cap, no model wait."""
    return CAP_ECHO_FIELD in event.seconds


def hung_model_fetch(event: Event, warn_seconds: float) -> bool:
    """A model request that failed after running at least the stall detector's warn threshold
    (``[model-fetch] error provider=ollama model=... elapsedMs=1133471 name=AbortError``): the call hung that long
    before something aborted it."""
    elapsed = event.fields.get("elapsedMs")
    return event.kind == "model_fetch.end" and event.fields.get("stage") == "error" \
        and isinstance(elapsed, (int, float)) and elapsed >= warn_seconds * 1000


# How long after a run's own timeout its failover decision may come: the abort unwinds first, waiting on a tool in
# flight (the correlator's wait for a timed-out run's cleanup).
RUN_TIMEOUT_ECHO = timedelta(seconds=60)


def failover_echoes_run_timeout(failover: Event, run_timeouts: Iterable[Event]) -> bool:
    """A failover decision of a run logged at most :data:`RUN_TIMEOUT_ECHO` after that run's own ``embedded run
    timeout``: the run failed over because its time ran out, whatever held it, so the decision's ``reason=timeout``
    is no evidence that the model call was what hung."""
    run_id = failover.fields.get("runId")
    said = failover.time
    if not run_id or said is None:
        return False
    return any(timeout.fields.get("runId") == run_id and timeout.time is not None
               and timedelta(0) <= said - timeout.time <= RUN_TIMEOUT_ECHO for timeout in run_timeouts)


# A provider's refusal, however long its client retried before giving up: a rate limit, an overloaded engine, a
# quota or billing stop, a rejected key. The provider answered; no call hung.
PROVIDER_REFUSED = re.compile(r"\b(?:429|401|402|403)\b|rate.?limit|overloaded|quota|billing|insufficient.balance|"
                              r"unauthori[sz]ed|forbidden|invalid.{0,20}(?:api.?)?key", re.IGNORECASE)


# What a stream that stopped after its first few tokens holds, at most, in characters (a thinking fragment), and the
# fewest characters a working stream yields per second of its wait (half a token: the slowest model streams tens).
FIRST_TOKENS_CHARS = 100
WORKING_STREAM_CHARS_PER_SECOND = 2.0
CHARS_PER_TOKEN = 4  # (a rough size of a token in characters, for text the transcript counts only in tokens)


TRANSCRIPT_FAILED_KIND = "transcript.turn_failed"
TRANSCRIPT_PROMPT_ERROR_KIND = "transcript.prompt_error"  # (a prompt-error entry whose error no family reads)


# OpenClaw's model stream watchdog fails a request that got no event for 120 s (DEFAULT_LLM_IDLE_TIMEOUT_MS, also the
# cloud first-event timeout), the stall detector's default warn threshold too. Its abort is written a moment after the
# request's recorded start, or a moment before it by the entries' clocks: a wait this close under the threshold is
# that watchdog firing, not a shorter wait.
WATCHDOG_SLACK_MS = 1000.0


def waited_the_threshold(waited_ms: float, warn_seconds: float) -> bool:
    """Whether a transcript's wait reached the warn threshold, within :data:`WATCHDOG_SLACK_MS`."""
    return waited_ms >= warn_seconds * 1000 - WATCHDOG_SLACK_MS


def transcript_wait_ms(event: Event) -> float:
    """How long a transcript's failed turn waited on its model request: from the request's start its own record
    gives (``waitedMs``), or from the entry before it (``sinceEntryMs``, see the parser), whichever is longer."""
    waits = [event.fields.get(name) for name in ("waitedMs", "sinceEntryMs")]
    return max((float(wait) for wait in waits if isinstance(wait, (int, float)) and not isinstance(wait, bool)),
               default=0.0)


def silent_prompt_failure(event: Event, warn_seconds: float) -> bool:
    """A session transcript's prompt failure that no family reads (``aborted``, ``terminated``) written at least the
    warn threshold after the entry before it, that entry not a tool call the run was still waiting on, and not on a
    refusal: the run's model request was all that was going on, and it produced nothing in that time."""
    return event.kind == TRANSCRIPT_PROMPT_ERROR_KIND and not event.fields.get("afterToolCall") \
        and waited_the_threshold(transcript_wait_ms(event), warn_seconds) \
        and PROVIDER_REFUSED.search(event.message) is None


def hung_transcript_turn(event: Event, warn_seconds: float) -> bool:
    """A transcript's failed assistant turn that waited on its model request for at least the stall detector's warn
    threshold and produced nothing, or no more than its first few tokens (:data:`FIRST_TOKENS_CHARS`), or far less
    than a working stream yields in that time (:data:`WORKING_STREAM_CHARS_PER_SECOND`), and not on a refusal
    (:data:`PROVIDER_REFUSED`): the model call hung, before its first token or mid-stream. A turn cut while it
    streamed was working."""
    waited, output = transcript_wait_ms(event), event.fields.get("outputTokens", 0)
    produced = event.fields.get("contentChars", 0)
    if event.kind != TRANSCRIPT_FAILED_KIND or output != 0 or not isinstance(produced, int) \
            or not waited_the_threshold(waited, warn_seconds):
        return False
    return short_of_a_working_stream(produced, waited) and not refused(event)


def refused(event: Event) -> bool:
    """Whether a failed turn's error is a provider's refusal (:data:`PROVIDER_REFUSED`)."""
    return PROVIDER_REFUSED.search(str(event.fields.get("error", ""))) is not None


def short_of_a_working_stream(produced_chars: float, waited_ms: float) -> bool:
    """Whether a model request that waited ``waited_ms`` produced no more than its first few tokens
    (:data:`FIRST_TOKENS_CHARS`) or far less than a working stream yields in that time
    (:data:`WORKING_STREAM_CHARS_PER_SECOND`)."""
    return produced_chars < max(FIRST_TOKENS_CHARS, waited_ms / 1000 * WORKING_STREAM_CHARS_PER_SECOND)


# A client's own request timeout that no token beat ("Request timed out.", the OpenAI SDK's; "LLM request timed out"),
# or the connection cut while it waited (undici's bare "terminated": a proxy's or the server's idle limit), and the
# shortest wait that is a timeout at all rather than a request refused at once.
CLIENT_TIMEOUT = re.compile(r"timed out|timeout|^terminated$", re.IGNORECASE)
MIN_CLIENT_TIMEOUT_MS = 15_000.0


def silent_client_timeout(event: Event) -> bool:
    """A transcript's failed turn that produced nothing and ended on its request's own timeout after waiting at least
    :data:`MIN_CLIENT_TIMEOUT_MS`: one is a slow provider's blip, the same again in the session is a model that does
    not answer within its budget (see Correlator._repeated_silent_timeout)."""
    return event.kind == TRANSCRIPT_FAILED_KIND and event.fields.get("outputTokens", 0) == 0 \
        and int(event.fields.get("contentChars", 0) or 0) <= FIRST_TOKENS_CHARS \
        and transcript_wait_ms(event) >= MIN_CLIENT_TIMEOUT_MS \
        and CLIENT_TIMEOUT.search(str(event.fields.get("error", ""))) is not None and not refused(event)


def slow_answered_turn(event: Event, warn_seconds: float) -> bool:
    """A transcript's turn that ended without failing but had waited on its model request for the warn threshold or
    more and then produced little (:func:`short_of_a_working_stream`): the call sat silent for minutes before its
    first token, a stall the detector would have warned of, though the model answered in the end. Its output tokens
    count too (at :data:`CHARS_PER_TOKEN`): a reasoning model's hidden thinking is work the content does not show."""
    waited, produced, tokens = transcript_wait_ms(event), event.fields.get("contentChars"), event.fields.get("outputTokens")
    if event.kind != "transcript.turn_ended" or not isinstance(produced, int) or waited < warn_seconds * 1000:
        return False
    return short_of_a_working_stream(max(produced, tokens * CHARS_PER_TOKEN if isinstance(tokens, int) else 0), waited)


def overdue_channel_turn(event: Event, warn_seconds: float) -> bool:
    """A channel worker that aborted the inbound turn it ran because the turn outlived the worker's own budget
    (Discord's inbound worker, 30 min by default), a budget at least the stall detector's warn threshold. A
    listener's short budget running out under a long reply (Carbon's 30 s) says nothing of a hang."""
    budget = event.fields.get("timeoutSeconds")
    return event.kind == "channel.handler_timeout" and event.fields.get("handler") == "inbound worker" \
        and isinstance(budget, (int, float)) and budget >= warn_seconds


def discord_listener_timeout(event: Event) -> bool:
    """Discord's listener wrapper timing a gateway event's listener out ("discord handler timed out after <n> seconds[
    (<context>)]", extensions/discord/src/monitor/listeners.ts, runDiscordListenerWithSlowLog): the same listener held
    past its budget that Carbon's "Listener <name> timed out after <n>ms" and the slow-listener warning report, so the
    channel's intake waited that long (RC18 reads it beside them). Not the inbound worker's turn budget, nor the
    wrapper's later "canceled/failed after timeout" lines, nor a QQ plugin's reply wait."""
    return event.kind == "channel.handler_timeout" and "handler" not in event.fields \
        and isinstance(event.fields.get("timeoutSeconds"), (int, float))


def browser_blocked(event: Event) -> bool:
    """A browser tool line that says the browser did not answer in time, not one that failed at once
    with an error of its own (``Can't reach the ... browser control service ... (Error: Error: tab not
    found)``: a stale tab, nothing blocked)."""
    if event.kind == "tools.browser_failed":
        return True  # "browser failed: timed out"
    if event.kind != "tools.browser_unreachable":
        return False
    message = event.message
    return "timed out" in message or "(Error:" not in message


# The browser tool's own short request timeouts (15 s; 20 s for some actions) as a transcript measures them: from the
# entry of the turn that called the tool to the entry of its result (labelling policy "browser short-timeout failure").
BROWSER_RESULT_WAIT_MS = (14_000.0, 22_000.0)
TRANSCRIPT_BROWSER_KINDS = ("tools.browser_failed", "tools.browser_unreachable")


def browser_result_in_time(event: Event) -> bool:
    """A session transcript's browser tool result carrying the tool's short-timeout failure, written 15 to 20 s after
    the turn that called the tool (``sinceEntryMs``, ``afterToolCall``, set by the parser): the call returned on the
    tool's own timeout. Whether it held its session is for the entry after it to say (the run's next step: it did not)."""
    if event.kind not in TRANSCRIPT_BROWSER_KINDS:
        return False  # (first: every event the correlator takes passes here, and a lazy one's fields cost a decode)
    waited = event.fields.get("sinceEntryMs")
    return event.shape.endswith("transcript") and browser_blocked(event) and bool(event.fields.get("afterToolCall")) \
        and isinstance(waited, (int, float)) and BROWSER_RESULT_WAIT_MS[0] <= waited <= BROWSER_RESULT_WAIT_MS[1]


def recall_lane_task(event: Event) -> bool:
    """A lane task on the active-memory recall's own session lane (``lane=session:agent:<id>:<key>:active-memory:…``):
    the recall runs under a budget of its own, and its task timing out is the recall skipping its context (the
    turn goes on without it), not a user's run that never ended."""
    return event.kind == "lane.task_error" and ":active-memory:" in str(event.fields.get("lane", ""))


_TIMED_OUT_REASON = re.compile(_TIMED_OUT, re.IGNORECASE)


OVERFLOW_KINDS = frozenset({"compaction.overflow", "compaction.overflow_diag"})  # a context overflow, either form

# A compaction that finished 120 s or more after it began (labelling policy "compaction lines: a stall or a compaction
# that ended": a compaction of 120 s or more held the session), built by the correlator from two lines: a session
# transcript's failed turn on a context overflow and the compaction record written next, or a context-engine plugin's
# compaction commit and its end. Its ``durationMs`` is the time between them.
SLOW_COMPACTION_KIND = "compaction.slow"
SLOW_COMPACTION_SECONDS = 120.0
# The stages an ``embedded run compaction <stage>`` line ends a compaction with.
COMPACTION_END_STAGES = ("end", "done", "complete", "succeeded")
# A provider's or the runtime's context-overflow refusal, as a failed turn's error carries it.
_CONTEXT_OVERFLOW_ERROR = re.compile(
    r"context[ _]length[ _]exceeded|maximum context length|context overflow|prompt too large"
    r"|exceed(?:s|ed)? (?:the )?(?:model'?s? )?context (?:limit|window|length)", re.IGNORECASE)
# A context-engine plugin's compaction commit (OpenViking: "openviking: compact committing session=<id> (wait=true,
# tokenBudget=N)", then "openviking: compact committed session=<id>, archived=true, ...").
PLUGIN_COMPACTION_NEEDLE = "compact commit"
_PLUGIN_COMPACT_COMMIT = re.compile(r"\bcompact (?P<stage>committing|committed) session=(?P<session>[^\s,()]{1,200})")


def context_overflow_failure(event: Event) -> bool:
    """A session transcript's failed turn whose error is a context overflow (the provider's 400 or the runtime's)."""
    return event.kind == "transcript.turn_failed" and bool(_CONTEXT_OVERFLOW_ERROR.search(str(event.fields.get("error", ""))))


def transcript_compaction_record(event: Event) -> bool:
    """A session transcript's compaction entry (``{"type":"compaction","tokensBefore":N}``): a compaction that finished."""
    return event.message.startswith("transcript compaction:")


def plugin_compaction_commit(event: Event) -> tuple[str, str] | None:
    """(stage, session) of a context-engine plugin's compaction commit line (``committing`` or ``committed``)."""
    found = _PLUGIN_COMPACT_COMMIT.search(event.message) if PLUGIN_COMPACTION_NEEDLE in event.message else None
    return (found["stage"], found["session"]) if found else None


def compaction_diag_failed(event: Event) -> bool:
    """A ``[compaction-diag]`` line that states a failed outcome for any reason, a skip reason too (``outcome=failed
    reason=already_compacted_recently``, ``reason=guard_blocked``): alone often routine, but after a context overflow
    it says the compaction the overflow needed freed nothing."""
    return event.kind == "compaction.diag" and str(event.fields.get("outcome", "")) == "failed"


# A compaction the gateway started because the context outgrew its budget or overflowed (``trigger=budget``,
# ``cli_budget``, ``overflow``); ``manual`` is a user's /compact (compact.ts defaults the trigger to it).
_NEEDED_TRIGGER = re.compile(r"budget|overflow", re.IGNORECASE)


def needed_compaction_failed(event: Event) -> bool:
    """A ``[compaction-diag]`` failure, for any reason, of a compaction the context's size started (``trigger=budget
    ... outcome=failed reason=no_compactable_entries``): the context stays over its budget, so every turn meets the
    same refusal."""
    return compaction_diag_failed(event) and _NEEDED_TRIGGER.search(str(event.fields.get("trigger", ""))) is not None


# What a failure says when the session file's lock was the problem: held by another turn, or the file changed under a
# turn that had released it (EmbeddedAttemptSessionTakeoverError's text).
LOCK_FAILURE_TEXTS = ("session file locked", "session file changed while embedded prompt lock was released")
# A fallback summary's candidate that failed on its timeout ("... (timeout)", "... timed out").
CANDIDATE_TIMED_OUT = re.compile(r"\(timeout\)|timed out|\btimeout\b", re.IGNORECASE)


def fallback_summary_names_a_hold(event: Event) -> bool:
    """A fallback summary (``All models failed (N): a/m: <error> (<reason>) | ...``) in which a candidate failed on a
    timeout, or on the session's lock or another turn's claim on it: something a class covers. When every candidate was
    refused for another reason (an unknown model id, a rate limit, a live-session model switch), the turn failed at
    once and the user was told: no stall."""
    if event.kind != "model.all_failed":
        return False
    said = " ".join((event.message, *(value for value in event.fields.values() if isinstance(value, str))))
    return CANDIDATE_TIMED_OUT.search(said) is not None or TURN_CLAIM_BUSY in said \
        or any(text in said for text in LOCK_FAILURE_TEXTS)


def refused_for_restart(event: Event) -> bool:
    """Work refused by a drain the gateway began for a restart: ``GatewayDrainingError: Gateway is draining for restart;
    new tasks are not accepted`` (src/process/command-queue.ts names the restart on builds that know it)."""
    return event.kind == "gateway.draining_rejected" and "draining for restart" in event.message.lower()


def work_start_refusal(event: Event) -> bool:
    """A turn refused at admission, at once: ``Session "<key>" changed while starting work. Retry.`` (or ``Session store
    for "<key>" ...``), bare or as a channel's report of it (``[telegram] dispatch failed: Error: ...``). The session-work
    admission guard (src/commands/agent.ts) throws it whenever the session entry it prepared against has changed,
    restart or not, so on its own it marks no restart and no run cut; the restart-recovery refusals ("restart recovery
    claim changed before agent adoption", "Agent run belongs to a stale gateway lifecycle") are not it."""
    if event.kind != "session.work_invalidated" or event.fields.get("action") != "starting work":
        return False
    message = event.message
    return "restart recovery claim changed" not in message and "stale gateway lifecycle" not in message


def cron_timed_out_on_model(event: Event) -> bool:
    """A cron job that ran out its own timeout while its model call was under way: ``cron: job execution timed out
    (last phase: model-call-started)`` (src/cron/execution-error-constants.ts): the model never answered within the
    job's budget."""
    return event.kind == "cron.job_timeout" and str(event.fields.get("phase", "")).startswith("model-call")


# The ``[compaction-diag] end`` outcomes of a compaction that ran to its end (not ``failed``, ``aborted``, ``skipped``).
FINISHED_COMPACTION_OUTCOMES = frozenset({"compacted"})


def slow_finished_compaction_diag(event: Event) -> bool:
    """A ``[compaction-diag] end`` line whose compaction finished (``outcome=compacted``: :data:`FINISHED_COMPACTION_
    OUTCOMES`) after 120 s or more (``durationMs=202000``): compact.ts measures ``durationMs`` from its start line, while
    it held the session's write lock, so the session was held that long (labelling policy "compaction lines: a stall or
    a compaction that ended", the same bar as a transcript's or a plugin's slow compaction). An aborted or skipped
    compaction did not run to its end, and a failed one is read by the failure policies."""
    return event.kind == "compaction.diag" and event.fields.get("stage") == "end" \
        and str(event.fields.get("outcome", "")) in FINISHED_COMPACTION_OUTCOMES \
        and event.seconds.get("durationMs", 0.0) >= SLOW_COMPACTION_SECONDS


def failed_compaction_diag(event: Event) -> bool:
    """A ``[compaction-diag]`` line that states a failed outcome for a timeout (``outcome=failed reason=timeout
    durationMs=181634``, #120162): the compaction timed out."""
    return event.kind == "compaction.diag" and str(event.fields.get("outcome", "")) == "failed" \
        and _TIMED_OUT_REASON.search(str(event.fields.get("reason", ""))) is not None


# The `/compact` command's reply to its user (a manual compaction, labelling policy "compact command reply: the
# reason decides"): "⚙️ Compaction failed: <reason> • Context <used>/<window> (<pct>%)". With the compaction library's
# wording for an aborted compaction, "Compaction cancelled" (a safeguard cancel or an abort), the command came back and
# the session answered: no compaction held it, whatever size the context meter shows. A timeout reason is read as a
# compaction timeout (kind ``compaction.timeout``) and stays one.
_CANCELLED_COMPACT_REPLY = re.compile(r"Compaction failed:\s*Compaction cancelled\.?\s*•\s*Context\b")


def cancelled_compact_reply(event: Event) -> bool:
    """A ``/compact`` reply whose reason is ``Compaction cancelled``: a manual compaction cancelled, not a stall."""
    return event.kind == "compaction.failed" and _CANCELLED_COMPACT_REPLY.search(event.message) is not None


AUTH_WARMED_KIND = "auth.warmed"
WARM_BLOCKED_SECONDS = 10.0  # an event-loop pause this long froze the gateway on its own (RC12's FROZEN_MS)


# Delivery recovery's summary after a start (src/infra/outbound, info): "Delivery recovery complete: <n> recovered, <n>
# failed, ...", the replies queued before the restart replayed to their channels.
REPLAY_KIND = "delivery.recovery"


def replay_all_failed(event: Event) -> bool:
    """A delivery recovery that replayed queued replies and delivered none of them ("0 recovered, 6 failed")."""
    failed = event.fields.get("failed")
    return event.kind == REPLAY_KIND and event.fields.get("recovered") == 0 and isinstance(failed, int) and failed >= 1


def warm_blocked_loop(event: Event) -> bool:
    """A provider-auth warm-up whose own measure says the event loop stalled ten seconds or more while it ran."""
    return event.kind == AUTH_WARMED_KIND and event.seconds.get("eventLoopMaxMs", 0.0) >= WARM_BLOCKED_SECONDS


# A turn refused because its session already holds another turn's claim (the session's own ownership, not the model).
TURN_CLAIM_BUSY = "already has an active turn claim"

# A session's run in flight at a process stop: its last run line one of IN_FLIGHT_KINDS (a start, a tool's step, a
# model request begun) with none of RUN_OVER_KINDS after it, shortly before the stop (a run stuck longer has its own
# stall warnings, and its incident). Such a finding is opened by STOPPED_RUN (IncidentRecord.opened_by); RC17 reads it.
# A channel plugin's own record of the agent's tool calls (the Feishu plugin at INFO: "feishu: tool call: <tool>
# params={...}", then "feishu: tool done: <tool> ok (<n>ms)" or "feishu: tool fail: <tool> <error> (<n>ms)"). The lines
# name no session, so they never enter a session's history: the correlator keeps the calls still open itself, and a
# stop shortly after one cuts that tool's run (Correlator._on_stop_with_plugin_tool_open).
PLUGIN_TOOL_CALL_KIND = "plugin.tool_call"
PLUGIN_TOOL_END_KINDS = frozenset({"plugin.tool_done", "plugin.tool_failed"})
# A CLI backend's run (agent/cli-backend, earlier agent/claude-cli; src/agents/cli-runner/execute.ts): "cli exec:
# provider=<p> model=<m> promptChars=<n>[ ...]" (info) is logged as the runner, its turn taken from the backend's queue,
# starts the CLI process, and the run's own ends are "cli turn: provider= model= durationMs= ..." (the turn parsed),
# "claude live session turn: ..." (a live session's turn finished), "claude live session turn failed: ...", "cli
# watchdog timeout: ..." (no output, killed) and "cli terminal failure: ..." (recovery exhausted). Builds before "cli
# turn:" log no end of a run that went well. The lines name no session, so the correlator keeps the runs still open
# itself (an end closes the oldest of the same provider), and a stop shortly after one, with no run of any session
# ending in between, cuts that run (Correlator._on_stop_with_cli_run_open).
# A config file OpenClaw refused (families: config.invalid); read as a refusal, never as a stall (n66, h63)
CONFIG_REFUSAL_KIND = "config.invalid"
CLI_RUN_START_KIND = "cli.exec"
CLI_RUN_END_KINDS = frozenset({"cli.turn", "cli.turn_failed", "cli.terminal_failure", "cli.watchdog_timeout"})


def ends_cli_run(event: Event) -> bool:
    """Whether ``event`` is a CLI backend run's own end (CLI_RUN_END_KINDS, or a live session's finished turn)."""
    return event.kind in CLI_RUN_END_KINDS or event.kind == "cli.live_session" and event.fields.get("stage") == "turn"


IN_FLIGHT_KINDS = frozenset({"embedded.run_start", "embedded.tool_start", "embedded.tool_end", "model_fetch.start",
                             "run.registered", "channel.dispatch_started", PLUGIN_TOOL_CALL_KIND, CLI_RUN_START_KIND})
RUN_OVER_KINDS = frozenset({"embedded.run_done", "embedded.run_end", "embedded.agent_end", "message.processed",
                            "channel.dispatch_completed",
                            "lane.task_done", "run.cleared", "run.cleanup", "embedded.timeout", "lane.task_error", "run.aborted_error",
                            "dispatch.empty_reply", "session.state"})
STOPPED_RUN = "stopped_run"
# The line that closes a run for good, whatever the run came to: a cron job's run record (cron/runs/<jobId>.jsonl,
# read as "cron run finished: jobId=... status=... error=...", written once the run finished, src/cron/service) and the
# newest builds' hook run summary ("hook agent run completed runId=<id> status=<s> ...", src/gateway/server/hooks.ts,
# logged once the hook's isolated run resolved; the builds before it log a run that did not end ok, at the same point,
# as "hook agent run returned non-ok status ..."); and a run's own end lines. A fault read from such a line (the run's
# error "LLM request timed out.") left nothing of the run held: the report's outcome says so (analysis.run_ended).
RUN_TERMINAL_RECORDS = ("cron run finished:", "hook agent run completed", "hook agent run returned non-ok status")
RUN_END_KINDS = frozenset({"embedded.run_done", "embedded.run_end"})


def ends_its_run(event: Event) -> bool:
    """Whether ``event`` is its run's last line: a run's end, or a terminal record of the run (RUN_TERMINAL_RECORDS)
    whatever kind its error was read as. An agent end is not: it closes one attempt, and the run may retry."""
    return event.kind in RUN_END_KINDS or event.message.startswith(RUN_TERMINAL_RECORDS)


# A gateway process that started: nothing of the process before it is still running.
STARTED_KINDS = frozenset({"gateway.ready", "gateway.listening"})
# A webhook channel's delivery refused (the sender's line, families.py) and the gateway's default port; the config's
# gateway.port, `--port` and OPENCLAW_GATEWAY_PORT move it, and the start line then names the other port
# (stuckscan.channels.gateway_ports).
DELIVERY_REFUSED_KIND = "channel.delivery_refused"
DEFAULT_GATEWAY_PORT = 18789


def refused_port(event: Event) -> int | None:
    """The port a refused webhook delivery names (``connect ECONNREFUSED 127.0.0.1:19001`` -> 19001), or None (no
    target named, or another kind)."""
    if event.kind != DELIVERY_REFUSED_KIND:
        return None
    port = event.fields.get("port")
    return int(port) if isinstance(port, int) or isinstance(port, str) and port.isdigit() else None


def refused_off_default_port(event: Event) -> bool:
    """A refused webhook delivery that names a port other than the gateway's default: whether it is the gateway's is
    known only from the whole log (its start line may come after), so no collector judges it while lines stream."""
    port = refused_port(event)
    return port is not None and port != DEFAULT_GATEWAY_PORT


def expired_as_stale(event: Event) -> bool:
    """A lane task that failed because the reply registry expired its reply operation as stale (src/auto-reply/reply/
    reply-run-registry.ts aborts it with "Reply operation expired as stale"): stale state released, not a run whose
    timeout nothing cleaned up."""
    return "Reply operation expired as stale" in (str(event.fields.get("error", "")) or event.message)


# Lines only a run that holds its session's lane writes: one of another run of the session after a run timeout shows
# the timed-out run let go of the lane (Correlator._end_timeouts_by_next_run, RC15).
NEXT_RUN_KINDS = frozenset({"embedded.run_start", "embedded.timeout", "embedded.tool_start", "embedded.tool_end",
                            "embedded.agent_end", "embedded.failover"})
# A restart that waits for active runs: a drain ("draining <n> active task(s) and <n> active embedded run(s) before
# restart") or a deferred config reload ("deferring until ... <n> embedded run(s) complete", "restart still deferred
# after <n>ms with ... active"). A process stop before the wait ends cuts those runs (RC17).
RESTART_WAIT_KINDS = frozenset({"gateway.draining", "gateway.reload_required"})
# Work a restart's drain refuses is turned away at once and never ran; refusals still coming this long after the restart
# marker (with no new process started since) show the gateway stuck in its drain (policy "work refused by a restart
# drain" in tests/field/README.md; RC17 and the correlator's refusal signal share it).
DRAIN_STUCK_AFTER = timedelta(minutes=2)

# A channel reload waits for active work like a restart does (channel.reload_deferred). Still deferred after this
# long (the gateway says so once a minute) with only task runs counted active, and no embedded run, reply or
# operation: the reload waits on task records, which a task that ended without closing its record leaves behind
# (RC05; `openclaw tasks audit` lists them as stale_running). It takes ten minutes, the default 600 s run budget
# (with the 630 s lane-task backstop, what bounds any live run), to show that: a shorter deferral is the reload waiting
# for running work, as it is built to, and no fault (labelling policy "reload deferred behind task runs").
RELOAD_WAIT_ON_TASKS = 600.0  # seconds
# Still deferred after an hour with task runs outnumbering all the other work counted (f1141: 32 task runs beside 7
# operations, replies and runs, three hours on): the work it waits on is not finishing, and most of it is task records.
RELOAD_STUCK_ON_TASKS = 3600.0  # seconds


# The waits a config change makes for active work, and report while they go on: a channel reload's and a gateway
# restart's ("restart still deferred after <n>ms with <n> task run(s) active").
RELOAD_WAIT_KINDS = frozenset({"channel.reload_deferred", "gateway.reload_required"})


def reload_wait_subject(event: Event) -> str:
    """What a reload wait (RELOAD_WAIT_KINDS) holds back, in words: "a channel reload" or "a gateway restart"."""
    return "a channel reload" if event.kind == "channel.reload_deferred" else "a gateway restart"


def reload_waits_on_task_records(event: Event) -> bool:
    """A channel reload or a gateway restart still deferred (or given up on) after ten minutes or more with only task
    runs active, or after an hour or more with task runs outnumbering the rest of the work it counts."""
    elapsed = event.seconds.get("elapsedMs", 0.0)
    if event.kind not in RELOAD_WAIT_KINDS or elapsed < RELOAD_WAIT_ON_TASKS:
        return False
    counts = {name: event.fields.get(name) for name in ("operations", "pendingReplies", "embeddedRuns", "taskRuns")}
    tasks = counts.pop("taskRuns")
    if not isinstance(tasks, int) or tasks <= 0:
        return False
    others = sum(n for n in counts.values() if isinstance(n, int) and n > 0)
    return not others or (elapsed >= RELOAD_STUCK_ON_TASKS and tasks > others)


# One inbound message whose processing failed this many times (the channel redelivering it), one of them on the reply
# session's initialization conflict: the session entry stays conflicted, not a race one retry gets past (RC05).
REPEATED_MESSAGE_FAILURES = 3
# A placeholder a reporter numbered ("<M1>", "<msg-2>") stands for one value; an unnumbered one ("<id>", "...") may hide
# a different value on every line.
_NUMBERED_PLACEHOLDER = re.compile(r"<[A-Za-z_-]{0,20}\d{1,6}>")


def failed_message_id(event: Event) -> str | None:
    """The id of the message a ``message processed: ... messageId=<id> outcome=error`` line (the diagnostic's end of one
    processing of an inbound message) says failed; None for any other line, for its twin
    ``message dispatch completed:`` (the same processing logged again) and for an id masked beyond telling apart."""
    if event.kind not in ("message.processed", "session.init_conflict") or event.fields.get("outcome") != "error" \
            or not event.message.startswith("message processed:"):
        return None
    message_id = event.fields.get("messageId")
    if not isinstance(message_id, (str, int)) or isinstance(message_id, bool):
        return None
    text = str(message_id)
    return text if not is_elided(text) or _NUMBERED_PLACEHOLDER.fullmatch(text) else None


def reply_handled_elsewhere(event: Event) -> bool:
    """A visible turn dispatched with no reply whose own cause says its message was taken care of another way: a
    plugin's hook handled it (``cause=completed:before_dispatch_handled``), or it was skipped as a duplicate
    (``cause=skipped:duplicate``). The cause is the processed outcome and its reason (src/channels/turn); among the
    skips only an aborted reply operation is a reply lost."""
    if event.kind != "dispatch.empty_reply":
        return False
    outcome, _, reason = str(event.fields.get("cause", "")).partition(":")
    return bool(reason) and (outcome == "completed" or (outcome == "skipped" and "aborted" not in reason))


def tool_timeout_seconds(event: Event) -> float | int | None:
    """A ``tools.timeout`` line's deadline in seconds: ``timeoutSeconds`` (exec), else ``timeoutMs`` (the image and pdf
    tools, the Codex dynamic-tool watchdog)."""
    seconds = event.fields.get("timeoutSeconds")
    if isinstance(seconds, (int, float)):
        return seconds
    return event.seconds.get("timeoutMs")


def blocked_tool_timeout(event: Event, warn_seconds: float) -> bool:
    """An exec tool call that ran until its own timeout, at least the stall detector's warn threshold
    (``Command timed out after <n> seconds``), or that timed out waiting for any output; also a media tool's or the
    Codex bridge's deadline in milliseconds (``pdf failed: ... timed out after 120000ms``, t50l)."""
    if event.kind != "tools.timeout":
        return False
    seconds = tool_timeout_seconds(event)
    return event.fields.get("noOutput") is not None or (isinstance(seconds, (int, float)) and seconds >= warn_seconds)


def returned_on_short_timeout(event: Event, warn_seconds: float) -> bool:
    """A tool call that returned on its own deadline below the stall detector's warn threshold (exec's ``Command timed
    out after 30 seconds``, ``[tools] image failed: ... timed out after 60000ms``, the Codex bridge's 60 s or 90 s
    watchdog): a completed call that returned an error to its run, not a call still open (labelling policy "tool call
    open at the run cap"); a deadline at the threshold or more is :func:`blocked_tool_timeout`'s."""
    seconds = tool_timeout_seconds(event) if event.kind == "tools.timeout" else None
    return isinstance(seconds, (int, float)) and not blocked_tool_timeout(event, warn_seconds)


CHANNEL_START_KIND = "channel.starting"
# A channel's accepted inbound message (channel.inbound_accepted) that the same gateway's clock ran INBOUND_SILENCE or
# more past with no dispatch, claim, session, run or lane line: built by the correlator at the input's end, RC18's
# evidence (labelling policy "inbound accepted, then a dated silence").
INBOUND_UNSERVED_KIND = "channel.inbound_unserved"
# One channel account's provider starting at a regular interval, three times or more, with no gateway start, restart
# or shutdown line between: built by the correlator on the latest start (Correlator._start_loop), RC18's evidence
# (labelling policy "channel reconnect burst").
START_LOOP_KIND = "channel.start_loop"
INBOUND_SILENCE = timedelta(seconds=30)
# A channel's start-up requests (getMe, deleteWebhook, setMyCommands) are sent right after its "starting provider"
# line, so a timeout that names no request is tied to a start only within a few lines of it (and, timed, within a
# start-up's few request budgets).
START_REACH_LINES = 4
START_REACH = timedelta(seconds=60)
LATE_FETCH_SECONDS = 2.0  # (the policy's bar: a timer this late is RC12's evidence, not a request's)


def unnamed_fetch_timeout(event: Event) -> bool:
    """A fetch timeout that names no request (``[fetch-timeout] fetch timeout reached; aborting operation``: no url,
    no operation, no channel's own logger) and whose timer fired on time (no ``timerDelayMs``, elapsed within 2 s of
    its budget)."""
    if event.kind != "fetch.timeout" or event.subsystem not in (None, "", "fetch-timeout"):
        return False
    if any(name in event.fields for name in ("url", "operation", "timerDelayMs")):
        return False
    timeout, elapsed = event.seconds.get("timeoutMs"), event.seconds.get("elapsedMs")
    return timeout is None or elapsed is None or elapsed - timeout < LATE_FETCH_SECONDS


def beside_start(start: Event, event: Event) -> bool:
    """Whether ``event`` sits beside the channel start ``start``: the same file, a few lines apart, and (both timed)
    within a start-up's request budgets. Untimed, the order of lines is all a paste keeps, so either side counts."""
    if start.kind != CHANNEL_START_KIND or start.source != event.source \
            or abs(start.line - event.line) > START_REACH_LINES:
        return False
    return start.time is None or event.time is None or abs(event.time - start.time) <= START_REACH


# The reason a ``message processed`` line gives when its reply operation was aborted (``reply_operation_aborted``;
# pasted cut as ``reply_operation_abort``): an abort that says nothing of who aborted it, unlike ``fast_abort`` (the
# user's /stop fast path).
UNNAMED_ABORT_REASON = "reply_operation_abort"


def long_unnamed_abort(event: Event, abort_seconds: float) -> bool:
    """A ``message processed: ... duration=<N>ms reason=reply_operation_aborted`` whose message was held for the abort
    threshold (360 s by default) or more before its reply operation was aborted: a run held that long, ended by an abort
    that names no source (labelling policy "a long run ended by an abort that names no source")."""
    if event.kind != "message.processed" or not str(event.fields.get("reason", "")).startswith(UNNAMED_ABORT_REASON):
        return False
    return processed_seconds(event) >= abort_seconds


def processed_seconds(event: Event) -> float:
    """How long (s) a ``message processed`` line says its message was held: its ``duration`` or ``durationMs``
    (either form, in seconds once read), the larger when it gives both; 0 when it gives neither."""
    return max(event.seconds.get("duration", 0.0), event.seconds.get("durationMs", 0.0))


# A recovery skip's age quoted at two or more ticks (``age=289s, 385s``): the reporter joined the values the same skip
# printed on several recovery passes, on the skip line itself or on the line under it. The line under it becomes this
# kind in the skip's incident (correlator: _skip_ages_beside).
SKIP_AGES_KIND = "recovery.skip_ages"
_QUOTED_AGES = re.compile(r"\bage=(\d+(?:\.\d+)?)s((?:\s*,\s*\d+(?:\.\d+)?s\b)+)")


def quoted_ages(text: str) -> list[float]:
    """The ages of ``age=289s, 385s`` in a line, in seconds; empty when the line quotes one age or none."""
    quoted = _QUOTED_AGES.search(text) if "age=" in text else None
    if quoted is None:
        return []
    return [float(quoted.group(1)), *(float(v) for v in re.findall(r"(\d+(?:\.\d+)?)s", quoted.group(2)))]
