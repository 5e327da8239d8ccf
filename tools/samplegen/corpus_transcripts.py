"""Session transcripts under ``sample_logs/shapes/``: ``agents/<agent>/sessions/<id>.jsonl``.

A transcript is not a gateway log, but it is what a backed-up state directory holds when the
gateway log is gone, and people paste it into issues. One JSON entry per line: the session
header, ``custom`` entries (the model snapshot, ``openclaw:prompt-error``), and ``message``
entries whose ``message.role`` is ``user``, ``assistant`` or ``toolResult``.

An assistant entry is written when its turn ends. Its own ``message.timestamp`` (epoch ms) is
when the model request began, the entry's ISO ``timestamp`` when it was written, so the gap
between the two is how long the turn waited. A turn that fails has ``stopReason`` ``error`` or
``aborted``, an ``errorMessage``, and no usage when nothing came back.

Three sessions, each in its own file (2026.6.2, Linux host, times in UTC ``Z``):

* a Telegram DM whose model call never answers: the request waits 300 s for a first token,
  the idle timeout fails the run: its prompt-error entry, then the turn with no output; the
  user's next message is answered at once (RC01);
* the near miss: a turn refused with HTTP 429 after the client's retries took 150 s; a
  refusal however long retried is the provider saying no, not a hung call (nothing to report);
* an agent that restarts its own gateway from an ``exec`` call: no tool result ever follows
  the call and the user's next message opens a new turn (RC17, the restart cut the run).
"""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta

from .clock import UTC, iso_utc, millis
from .corpus import Corpus

PROVIDER = "openrouter"
MODEL = "deepseek/deepseek-chat-v3.1"
API = "openai-completions"


class _Transcript:
    """Writes one session's entries in order, each linked to the one before it."""

    def __init__(self, session_id: str, start: datetime, seed: int) -> None:
        self.rng = random.Random(seed)
        self.lines: list[str] = []
        self.parent: str | None = None
        self._emit({"type": "session", "version": 3, "id": session_id, "timestamp": iso_utc(start),
                    "cwd": "/home/ops/.openclaw/workspace"}, linked=False)

    def _id(self) -> str:
        return f"{self.rng.getrandbits(32):08x}"

    def _emit(self, entry: dict, linked: bool = True) -> None:
        if linked:
            entry_id = self._id()
            entry = {**entry, "id": entry_id, "parentId": self.parent}
            self.parent = entry_id
        self.lines.append(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))

    def snapshot(self, at: datetime) -> None:
        self._emit({"type": "custom", "customType": "model-snapshot",
                    "data": {"timestamp": millis(at - EPOCH), "provider": PROVIDER, "modelApi": API, "modelId": MODEL},
                    "timestamp": iso_utc(at)})

    def user(self, at: datetime, text: str) -> None:
        self._message(at, {"role": "user", "content": [{"type": "text", "text": text}],
                           "timestamp": millis(at - EPOCH)})

    def assistant(self, asked: datetime, written: datetime, *, text: str = "", tool: dict | None = None,
                  stop: str = "stop", error: str | None = None, tokens: tuple[int, int] = (0, 0)) -> None:
        content: list[dict] = [{"type": "text", "text": text}] if text else []
        if tool:
            content.append({"type": "toolCall", **tool})
        tokens_in, tokens_out = tokens
        message = {"role": "assistant", "content": content, "api": API, "provider": PROVIDER, "model": MODEL,
                   "usage": _usage(tokens_in, tokens_out), "stopReason": stop, "timestamp": millis(asked - EPOCH)}
        if error:
            message["errorMessage"] = error
        self._message(written, message)

    def tool_result(self, at: datetime, call_id: str, tool: str, text: str) -> None:
        self._message(at, {"role": "toolResult", "toolCallId": call_id, "toolName": tool,
                           "content": [{"type": "text", "text": text}], "isError": False,
                           "timestamp": millis(at - EPOCH)})

    def prompt_error(self, at: datetime, run_id: str, session_id: str, error: str) -> None:
        self._emit({"type": "custom", "customType": "openclaw:prompt-error",
                    "data": {"timestamp": millis(at - EPOCH), "runId": run_id, "sessionId": session_id,
                             "provider": PROVIDER, "model": MODEL, "api": API, "error": error},
                    "timestamp": iso_utc(at)})

    def failed_run(self, asked: datetime, failed: datetime, run_id: str, session_id: str, error: str) -> None:
        """A run that failed with no output: its prompt-error entry, then the failed turn written just after it."""
        self.prompt_error(failed, run_id, session_id, error)
        self.assistant(asked + timedelta(milliseconds=5), failed + timedelta(milliseconds=3), stop="error", error=error)

    def _message(self, at: datetime, message: dict) -> None:
        self._emit({"type": "message", "timestamp": iso_utc(at), "message": message})

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _usage(tokens_in: int, tokens_out: int) -> dict:
    zero = {"input": 0, "output": 0, "cacheRead": 0, "cacheWrite": 0, "total": 0}
    return {"input": tokens_in, "output": tokens_out, "cacheRead": 0, "cacheWrite": 0,
            "totalTokens": tokens_in + tokens_out, "cost": zero}


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _telegram(text: str, message_id: int, at: datetime) -> str:
    return f"[Telegram Ops (@ops_example) id:7012345678 {at:%Y-%m-%d %H:%M} UTC] {text}\n[message_id: {message_id}]"


def hung_model_call() -> str:
    session = "4d1c7a2e-6b0f-4f3e-9a55-2c8e1b7d9f10"
    t = _Transcript(session, _at("2026-06-09 08:58:11.204"), seed=61)
    first = _at("2026-06-09 09:02:40.118")
    t.snapshot(first - timedelta(milliseconds=9))
    t.user(first, _telegram("what's on my calendar today?", 4120, first))
    call = "call_7f2c1d9a0b3e4c55"
    t.assistant(first + timedelta(milliseconds=4), first + timedelta(seconds=3.871),
                tool={"id": call, "name": "calendar_list", "arguments": {"day": "2026-06-09"}},
                stop="toolUse", tokens=(14231, 38))
    t.tool_result(first + timedelta(seconds=4.402), call, "calendar_list", "09:30 stand-up; 14:00 dentist")
    t.assistant(first + timedelta(seconds=4.409), first + timedelta(seconds=7.955),
                text="Two things today: the 09:30 stand-up and the dentist at 14:00.", tokens=(14302, 21))
    asked = _at("2026-06-09 09:14:02.530")
    t.user(asked, _telegram("and tomorrow?", 4122, asked))
    t.failed_run(asked, asked + timedelta(seconds=300, milliseconds=41), "b3e9f0a1-2c4d-4e6f-8a7b-9c0d1e2f3a4b", session,
                 "LLM idle timeout (300s): no response from model")
    again = _at("2026-06-09 09:21:47.610")
    t.user(again, _telegram("hello?", 4125, again))
    t.assistant(again + timedelta(milliseconds=4), again + timedelta(seconds=2.318),
                text="Sorry, that took too long. Tomorrow is free until 11:00.", tokens=(14388, 17))
    return t.text()


def refused_after_retries() -> str:
    session = "9a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    t = _Transcript(session, _at("2026-06-09 11:40:03.877"), seed=62)
    asked = _at("2026-06-09 11:41:15.002")
    t.snapshot(asked - timedelta(milliseconds=8))
    t.user(asked, _telegram("summarise the thread from this morning", 4140, asked))
    t.failed_run(asked, asked + timedelta(seconds=150, milliseconds=312), "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", session,
                 "429 Rate limit exceeded: free-models-per-min. Retry after 60s.")
    later = _at("2026-06-09 11:52:30.440")
    t.user(later, _telegram("try again please", 4143, later))
    t.assistant(later + timedelta(milliseconds=5), later + timedelta(seconds=6.204),
                text="This morning's thread agreed to move the launch to Thursday.", tokens=(9120, 64))
    return t.text()


def restart_cut_run() -> str:
    session = "c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f"
    t = _Transcript(session, _at("2026-06-09 15:02:18.005"), seed=63)
    asked = _at("2026-06-09 15:05:44.317")
    t.snapshot(asked - timedelta(milliseconds=7))
    t.user(asked, _telegram("the telegram plugin update is in, please restart yourself to load it", 4160, asked))
    call = "call_3b5d7f9a1c2e4f60"
    t.assistant(asked + timedelta(milliseconds=5), asked + timedelta(seconds=2.944),
                text="Restarting the gateway now.",
                tool={"id": call, "name": "exec", "arguments": {"command": "openclaw gateway restart"}},
                stop="toolUse", tokens=(11020, 29))
    back = _at("2026-06-09 15:09:12.081")
    t.user(back, _telegram("are you back? you never said", 4163, back))
    t.assistant(back + timedelta(milliseconds=4), back + timedelta(seconds=3.507),
                text="I'm back. The restart went through; the plugin is loaded.", tokens=(11102, 18))
    return t.text()


def add_transcripts(corpus: Corpus) -> None:
    corpus.add("shapes/session-transcript.jsonl", hung_model_call(),
               "A session transcript (agents/main/sessions/<id>.jsonl, 2026.6.2): a Telegram DM whose model "
               "request waits 300 s without a token until the idle timeout fails it (the openclaw:prompt-error "
               "entry, then the failed turn with no usage); the user's next message is answered at once.")
    corpus.add_json("shapes/session-transcript.expected.json", {
        "description": "A failed assistant turn with no output after a 300 s wait is a model call that hung.",
        "incidents": [{"session": "4d1c7a2e-6b0f-4f3e-9a55-2c8e1b7d9f10", "primary": "RC01",
                       "mustNotInclude": ["RC15", "RC17"]}],
        "mustNotFire": ["RC08", "RC09", "RC10", "RC17"],
    }, "Expected stuckscan analysis of shapes/session-transcript.jsonl.")
    corpus.add("shapes/session-transcript-rate-limited.jsonl", refused_after_retries(),
               "Near miss for the transcript reading (2026.6.2): a turn refused with HTTP 429 after 150 s of "
               "client retries, no output; a later message is answered. A refusal is no hung call.")
    corpus.add_json("shapes/session-transcript-rate-limited.expected.json", {
        "description": "A turn the provider refused (429) after retries is not a model-call hang.",
        "incidentCount": 0,
        "mustNotFire": ["RC01", "RC15", "RC17"],
    }, "Expected stuckscan analysis of shapes/session-transcript-rate-limited.jsonl.")
    corpus.add("shapes/session-transcript-restart-cut.jsonl", restart_cut_run(),
               "A session transcript (2026.6.2) where the agent runs `openclaw gateway restart` from an exec "
               "call: no tool result follows, the user's next message opens a new turn 3.5 min later.")
    corpus.add_json("shapes/session-transcript-restart-cut.expected.json", {
        "description": "A gateway restart called from a run, whose tool result never comes, cut that run.",
        "incidents": [{"session": "c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f", "primary": "RC17"}],
        "mustNotFire": ["RC01", "RC15"],
    }, "Expected stuckscan analysis of shapes/session-transcript-restart-cut.jsonl.")
