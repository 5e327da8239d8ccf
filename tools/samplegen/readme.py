"""Renders ``sample_logs/README.md`` from the corpus (one line per file)."""
from __future__ import annotations

from .corpus import Corpus

_HEAD = """# sample_logs

OpenClaw gateway logs for stuckscan's tests, docs and demos. Every file listed
below is written by the generator in `tools/samplegen/` (stdlib Python, fixed
seeds and dates); do not edit them by hand — change the generator and run

    python -m tools.samplegen               # rewrite sample_logs/ in place
    python -m tools.samplegen --out DIR     # write the corpus somewhere else
    python -m tools.samplegen --list        # list files and descriptions

`tests/test_samples_regenerate.py` regenerates into a temporary directory and
fails if any listed file differs byte for byte from the committed one.  Files
in this directory that are not listed here are maintained by other tooling.

Message templates, field names, units and the `_meta` shape follow
`openclaw-log-format.md`; the incidents and their expectations follow
`root-causes.md` (the shared reference pages).
"""

_SECTIONS = (
    ("", "## The 2026-05-21 incident"),
    ("console/", "## Console form"),
    ("shapes/", "## Shapes (every form a log reaches us in)"),
    ("rules/", "## Root-cause scenarios (one file each class must fire on, one near miss)"),
)

_SIDECARS = """## Expectation sidecars (`*.expected.json`)

Written from the precedence rules of root-causes.md, not from any implementation.

- `incidents[]`: `session` (sessionKey, sessionId or runId) must be reported as
  an incident; `status` is its final state (`recovered`, `still_stuck`,
  `resolved_by_itself`, `false_positive`); `primary` is the primary class;
  every class in `contributing` must be among the contributing findings (others
  may appear too); no class in `mustNotInclude` may appear in that incident.
- `episodes[]`: gateway-wide episodes that must be reported, by `rule`.
- `mustNotFire`: classes that must not appear anywhere in the analysis.
- Keys that do not apply are omitted; near-miss files often carry only
  `mustNotFire`.
"""

_NOTES = """## Conventions and judgment calls

- Timing: 30 s heartbeat ticks with a few ms of timer jitter (late and irregular
  while the event loop starves); warn at 120 s; abort eligibility at 360 s
  (`recovery=none` before, `checking` from it; blocked tool calls wait for the
  15-minute floor); `stalled session` repeats every tick; `stuck session` and
  `long-running session` back off with `age ≥ max(last+120, 2×last)` evaluated on
  tick ages, so they land at e.g. 122/272/572 s.  Builds ≤ 2026.4.12 print
  reason-less `stuck session` on every tick.  `age` is the time since the session
  went `processing`; `lastProgressAge` is the time since the run's last progress
  event, so `time − lastProgressAge` is constant within an incident.
- 2026.5.x builds report a silent model call as `stalled` at 120 s; from 2026.6.x
  (after #88062) it is `long-running` until the 360 s abort threshold.
- `long-running session` with an empty queue is logged at debug, everything else
  about attention at warn.
- `_meta`: subsystem lines carry `parentNames` and point at `logToFile`;
  root-logger lines (`name:"openclaw"`, text in `"0"`) have no `parentNames` (a
  tslog root has none) and point at the helper that called the logger
  (`logError`, `console.warn`).  `hostname` is `"unknown"` before the mid-2026
  builds.  `time` is UTC `Z` for builds ≤ 2026.3.1, local with offset after.
- ANSI colour codes are baked into `gateway/ws` messages: they are kept in file
  records, in `gateway.log` and in redirected `openclaw logs --plain` output, and
  absent from text copied out of a terminal (pretty console, journald, pastes).
- The `closed before connect` meta object repeats the text's `n/a` values as
  strings (`origin`, `userAgent`, `forwardedFor`).
- 2026-05-21: the reported `removed stale session lock … (dead-pid)` during the
  recovery (the reference only documents it at startup) is reproduced as
  reported.  `recovery=checking` is printed from the first late tick (age 443 s)
  but the abort only completes at 18:48:22-25: the recovery request is taken to
  be in flight on the starving event loop.  Afterwards the run handle is force-
  cleared, the session goes idle and the queued message is answered (status
  `recovered`); the run 8e8e44d6 never logs anything after `model_call:ended`
  except the abort-settle timeout.
- RC08 needs the gateway PID from `listening on … (PID n)`, which was replaced
  by `ready (…)` on 2026-04-03, so that scenario uses a 2026.4.2 build; the
  scenarios use `SessionWriteLockTimeoutError … alive= ageMs=` where the
  reference's RC08/RC09 signatures do.
- Not in the reference and still not checked against the source: channel
  `[default] starting provider (…)`, the WhatsApp `Inbound message` detail (real
  logs also show `(direct, N chars)`), `[tools] … failed: …` texts other than the
  browser tool's, and the `--json` notice text.
"""

_CHECKED = """## Templates checked against the OpenClaw source

These were first written from the reference alone; each was then looked up in
`openclaw/openclaw` (paths below; `pi-embedded-runner/` was later renamed
`embedded-agent-runner/`). The generator and `stuckscan/families.py` follow
what was found.

- `agent/cli-backend`: there is no `cli run start|done` line. A CLI turn logs
  `cli exec: provider=<p> model=<m> promptChars=<n>` (newer builds append
  `trigger= useResume= session= resumeSession= reuse= historyPrompt=`),
  `src/agents/cli-runner/execute.ts`; the live Claude session logs
  `claude live session turn: provider= model= durationMs= rawLines=`, on an abort
  `claude live session close: … reason=abort` and `claude live session turn
  failed: … error=AbortError`, `src/agents/cli-runner/claude-live-session.ts`;
  the subsystem is `agent/cli-backend` (`src/agents/cli-runner/log.ts`; older
  builds used `agent/claude-cli`). None of these lines names a runId or sessionId.
- `context overflow detected (attempt <n>/<max>); attempting auto-compaction for
  <provider>/<model>` (older: without the attempt counter), `auto-compaction
  failed for <provider>/<model>: <reason>`, `contextEngine.compact() threw during
  overflow recovery for <provider>/<model>: <err>` and `[compaction-diag]
  start|end|decision|contributors …`: `src/agents/pi-embedded-runner/run.ts` and
  `compact.ts` (agent/embedded). `Compaction timed out` is the compaction safety
  timeout's error text (`src/agents/pi-embedded-runner/compaction-safety-timeout.ts`).
- `[model-fetch] start provider= api= model= method= url= timeoutMs= proxy=
  policy=`, then `[model-fetch] response … status= elapsedMs= contentType=` or
  `[model-fetch] error …`; there is no `[model-fetch] end`
  (`src/agents/provider-transport-fetch.ts`, subsystem `provider-transport-fetch`).
- `[main-session-restart-recovery]` is the subsystem's console tag, not message
  text. Its lines: `marked <n> interrupted main session(s) from stale transcript
  locks` (later `… for restart recovery`), `resumed interrupted main session:
  <sessionKey>`, `main-session restart recovery complete: recovered= failed=
  skipped=` (`src/agents/main-session-restart-recovery.ts`, later
  `src/agents/main-session-recovery/`). `abortedLastRun` is a session-store field
  these set; no restart-recovery line prints `abortedLastRun=true` (the only log
  text with it found is a verbose subagent-kill persistence failure).
- Model-fallback decisions: file message `model fallback decision`, meta
  `event`, `tags` `["error_handling","model_fallback",<decision>]`, `runId`,
  `decision`, `requestedProvider`/`requestedModel`,
  `candidateProvider`/`candidateModel`, `attempt`, `total`, `reason`, `status`,
  `code`, `errorPreview` (and other error-observation fields),
  `nextCandidateProvider`/`nextCandidateModel`, `isPrimary`,
  `requestedModelMatched`, `fallbackConfigured`, `consoleMessage` (`model fallback
  decision: decision= requested=<p>/<m> candidate=<p>/<m> reason= next=[ detail=]`);
  no `sessionKey` (`src/agents/model-fallback-observation.ts`).
- `fetch timeout after <n>ms (elapsed <n>ms) timer delayed <n>ms, likely
  event-loop starvation[ operation=][ url=]` is the console text; the file record
  says `fetch timeout reached; aborting operation` with `timerDelayMs` in its meta
  (`src/utils/fetch-timeout.ts`, subsystem `fetch-timeout`).
- `[<channel>:<account>] health-monitor: restarting (reason: <r>)`, at info
  (`src/gateway/channel-health-monitor.ts`).
- `[warn] Subagent announce give up (retry-limit|expiry) run= child= requester=
  retries= endedAgo=Ns[ deliveryError="…"]` (`src/agents/subagent-registry-helpers.ts`).
- `[tools] browser failed: <error>` (logError); the browser client's errors are
  `timed out. Restart the OpenClaw gateway (…)` and `Can't reach the OpenClaw
  browser control service (timed out after <n>ms). <hint>`; Clawdbot-era builds
  said `Can't reach the clawd browser control server at <url> (…)`
  (`src/browser/client-fetch.ts`, later `extensions/browser/src/browser/client-fetch.ts`).
- `visible channel turn dispatched with no queued reply payloads: channel=
  messageId= sessionKey=[ cause=]` (`src/channels/turn/kernel.ts`, warn).
- `EmbeddedAttemptSessionTakeoverError: session file changed while embedded
  prompt lock was released: <sessionFile>` (newer: `session changed while …`),
  `src/agents/pi-embedded-runner/run/attempt.session-lock.ts`.
- `CommandLaneTaskTimeoutError: Command lane "<lane>" task timed out after <n>ms`
  (newer: `… task timed out: elapsed <n>ms reached task budget <n>ms` and other
  causes), `src/process/command-queue.ts`; a timed-out task that rejects later
  logs `lane task rejected after timeout: lane= timeoutMs= error="<err>"`
  (diagnostic, warn, same file).
- `[<channel>:<account>] health-monitor: hit <n> restarts/hour limit, skipping`
  (warn; n is `maxRestartsPerHour`, 10 by default, 3 in early builds) and
  `[<channel>:<account>] health-monitor: restart failed: <err>` (error),
  `src/gateway/channel-health-monitor.ts` (gateway/health-monitor).
- `[model-fetch] retry provider= api= model= attempt=<n>/<max> elapsedMs= name=
  code= causeName= causeCode= message=` (warn): one retry of a transient network
  error before the body was sent (`src/agents/provider-transport-fetch.ts`).
- `[context-overflow-diag] sessionKey= provider=<p>/<m> source= messages=
  sessionFile= [diagId=] compactionAttempts= [observedTokens=
  preflightEstimatedTokens= compactionTokens= providerPayloadBytes=] error=<200
  chars>` (agent/embedded, warn; fields vary by build), logged before the
  overflow recovery decision (`src/agents/pi-embedded-runner/run.ts`, later
  split under `embedded-agent-runner/run/`).
- `[timeout-compaction] LLM timed out with high prompt token usage (<n>%);
  attempting compaction before retry (attempt <n>/<max>)[ diagId=]` (only above
  65 % of the context window), then `compaction succeeded for <p>/<m>; retrying
  prompt` (info), `compaction did not reduce context for <p>/<m>; falling
  through to normal handling`, `contextEngine.compact() threw during timeout
  recovery for <p>/<m>: <err>`, or `already attempted timeout compaction <n>
  time(s); falling through to failover rotation` (agent/embedded, warn;
  `src/agents/pi-embedded-runner/run.ts`, later `embedded-agent-runner/run.ts`).
- `cli terminal failure: provider= model= durationMs= runId= error=<text>`
  (agent/cli-backend, warn), once every CLI recovery path is exhausted
  (`src/agents/cli-runner/cli-run-recovery.ts`).
- Found in pasted excerpts (issues #64288, #7255, #75944, #54993) and then in the
  source: the Telegram polling watchdog's `[telegram] Polling stall detected (<no
  completed getUpdates|no getUpdates|active getUpdates stuck|getUpdates in-flight>
  for <d>[, no pending updates]); forcing restart.[ [diag k=v …]]`, `[telegram]
  Polling runner stop timed out after <d>; forcing restart cycle.`, `Telegram
  polling runner stopped (<reason>); restarting in <d>.` (older builds:
  `[telegram] polling runner stopped (…)`) and `[telegram][diag] polling cycle
  finished|error reason=… <fields>` (`extensions/telegram/src/polling-session.ts`);
  a channel task's failure `[<accountId>] channel exited: <error>` at error
  (`src/gateway/server-channels.ts`); a slow run start `[trace:embedded-run]
  startup stages: runId= sessionId= phase= totalMs= stages=<name>:<n>ms@<n>ms,…`
  (warn when slow, else trace; `src/agents/embedded-agent-runner/run.ts`); the
  CLI's `Gateway not reachable. Is it running and accessible?` before its
  connection details (`src/cli/logs-cli.ts` and the other gateway RPC commands).
- From the field corpus (`tests/field/`), then the source: the channel manager's
  back-off `[<accountId>] auto-restart attempt <n>/<max> in <s>s` (info) and
  `[<accountId>] giving up after <max> restart attempts` (error),
  `src/gateway/server-channels.ts`; `embedded run auto-compaction start|complete`
  (info, meta event `embedded_run_compaction_start`, reason `threshold|overflow`;
  pasted logs also show `incomplete` and the reason in parentheses), the
  compaction handler of `src/agents/pi-embedded-subscribe.handlers.compaction.ts`.
"""


_HOSTILE = """## Hostile input (written by `sample_logs/hostile/generate.py`)

- `hostile/hostile.log` — a WhatsApp session wedged in an `exec` tool call whose log text
  carries terminal escapes (ANSI, OSC 8), rich markup, HTML, Markdown, backtick runs,
  Mermaid syntax, GitHub workflow commands, XML-invalid characters, fake secrets and
  personal data; every report must render it inert and redacted.
- `hostile/planted.json` — every planted secret and personal value (none may appear in
  a report with default settings).
- `hostile/hostile.expected.json` — the expected analysis, as for the other samples.
"""


def render(corpus: Corpus) -> str:
    parts = [_HEAD]
    for prefix, title in _SECTIONS:
        rows = [f for f in corpus.files
                if (f.path.startswith(prefix) if prefix else "/" not in f.path)]
        if not rows:
            continue
        parts.append(title + "\n")
        parts.append("\n".join(f"- `{f.path}` — {f.description}" for f in rows) + "\n")
    parts.append(_HOSTILE)
    parts.append(_SIDECARS)
    parts.append(_NOTES)
    parts.append(_CHECKED)
    return "\n".join(parts)


def add_readme(corpus: Corpus) -> None:
    corpus.add("README.md", render(corpus), "This file.")
