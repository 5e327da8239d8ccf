"""Container samples under ``sample_logs/shapes/``: the gateway run in a container.

A containerised gateway writes its console (compact style: stdout is not a TTY) and the
container runtime stores or prints each line in its own wrapping. Each sample here takes
the console lines of the 2026-05-21 incident (18:20-19:00 +08:00, info and above: the same
window as ``console/gateway-2026-05-21.log``) and renders them as one runtime shows them:

* ``docker logs -t``: an RFC 3339 time with nine fraction digits, a space, the line;
* docker's json-file driver: ``{"log":"<line>\\n","stream":"stdout|stderr","time":"..."}``,
  Go's JSON escaping (``<``, ``>``, ``&`` as ``\\u003c`` ...); docker splits only lines over
  16 KiB (entries whose ``log`` lacks the final newline), which no line here is;
* CRI (containerd / CRI-O under Kubernetes): ``<time> stdout|stderr F|P <line>``; this node
  sets containerd's ``max_container_log_line_size = 1024`` (default 16 KiB), so the long
  tool-failure line comes in ``P`` pieces ended by an ``F`` piece;
* ``kubectl logs``: the plain lines, then ``kubectl logs --prefix`` for a while.

Warnings and errors go to stderr (Node's ``console.warn``/``console.error``), the rest to
stdout. The runtime's own time is a little after the gateway's (it stamps on receipt).
"""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta

from .clock import UTC
from .console import compact_line
from .corpus import Corpus
from .corpus_day import DATE as DAY
from .corpus_day import TZ as DAY_TZ
from .corpus_day import build_day
from .records import Event

DOCKER_SPLIT_BYTES = 16 * 1024  # docker's json-file driver cuts a longer line into pieces of this size
CRI_SPLIT_BYTES = 1024  # containerd's max_container_log_line_size on this node (default 16 KiB)
POD = "openclaw-gateway-6c9f7d9b8-x2k4q"
COMPOSE_SERVICE = "openclaw-gateway-1"


def _lines(items: list[str]) -> str:
    return "\n".join(items) + "\n"


def _events() -> tuple[list[Event], str]:
    """The incident window's console events (plus one long tool-output line) and its session key."""
    day = build_day()
    tl = day.tl
    events = tl.ordered(tl.at(f"{DAY} 18:20:00"), tl.at(f"{DAY} 19:00:00"), min_level="info")
    long_output = Event(tl.at(f"{DAY} 18:31:07.412"), "error", None, _long_tool_failure(), method="console.error")
    events = sorted([*events, long_output], key=lambda e: e.at)
    return events, day.incident.key


def _long_tool_failure() -> str:
    """A captured ``[tools]`` failure whose text is one line of some 3.5 KB (a stack trace
    printed on one line), longer than the node's CRI piece size."""
    frames = "".join(f"at chunk{n:04d} (file:///app/node_modules/.cache/vite/deps/chunk-{n:04d}.js:1:{n * 37 + 11}) "
                     for n in range(44))
    return f"[tools] exec failed: Error: build exited with code 1 {frames}".rstrip()


def _stream(event: Event) -> str:
    return "stderr" if event.level in ("warn", "error", "fatal") else "stdout"


def _received(events: list[Event], seed: int) -> list[datetime]:
    """When the runtime stamped each line: 40 to 900 microseconds after the gateway wrote it,
    in nanoseconds (kept as an integer count past the millisecond), never out of order."""
    rng = random.Random(seed)
    stamps: list[datetime] = []
    for event in events:
        stamp = event.at.astimezone(UTC) + timedelta(microseconds=rng.randint(40, 900))
        if stamps and stamp <= stamps[-1]:
            stamp = stamps[-1] + timedelta(microseconds=1)
        stamps.append(stamp)
    return stamps


def _nanos(stamp: datetime, seed: int) -> str:
    """Nine fraction digits: the microsecond time and three more digits."""
    return f"{stamp.microsecond:06d}{(stamp.microsecond * 7 + seed) % 1000:03d}"


def rfc3339_fixed(stamp: datetime, seed: int = 0) -> str:
    """``docker logs -t``: always nine digits."""
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + _nanos(stamp, seed) + "Z"


def rfc3339_nano(stamp: datetime, seed: int = 0) -> str:
    """Go's RFC3339Nano (json-file ``time``, CRI): trailing zeros of the fraction dropped."""
    fraction = _nanos(stamp, seed).rstrip("0")
    return stamp.strftime("%Y-%m-%dT%H:%M:%S") + (f".{fraction}" if fraction else "") + "Z"


def _pieces(line: str, size: int) -> list[str]:
    """``line`` cut into pieces of at most ``size`` UTF-8 bytes (never inside a character)."""
    data = line.encode("utf-8")
    pieces: list[str] = []
    while len(data) > size:
        cut = size
        while cut > 0 and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        pieces.append(data[:cut].decode("utf-8"))
        data = data[cut:]
    pieces.append(data.decode("utf-8"))
    return pieces


def _go_json(obj: dict) -> str:
    """Go's ``encoding/json``: compact, UTF-8 kept, HTML characters escaped."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def docker_logs_t(corpus: Corpus) -> None:
    events, key = _events()
    stamps = _received(events, 11)
    out = [f"{rfc3339_fixed(stamp, n)} {compact_line(event, DAY_TZ)}" for n, (event, stamp) in
           enumerate(zip(events, stamps, strict=True))]
    corpus.add("shapes/docker-logs-t.log", _lines(out),
               "docker logs -t openclaw-gateway 2>&1 (2026.5.18 in a container, console compact style): each "
               "console line of the 2026-05-21 incident (18:20-19:00 +08:00) after the runtime's RFC 3339 "
               "time with nanoseconds (UTC).")
    _expect(corpus, "shapes/docker-logs-t", key)


def docker_json_file(corpus: Corpus) -> None:
    events, key = _events()
    stamps = _received(events, 23)
    out: list[str] = []
    for n, (event, stamp) in enumerate(zip(events, stamps, strict=True)):
        pieces = _pieces(compact_line(event, DAY_TZ), DOCKER_SPLIT_BYTES)
        for index, piece in enumerate(pieces):
            final = index == len(pieces) - 1
            out.append(_go_json({"log": piece + ("\n" if final else ""), "stream": _stream(event),
                                 "time": rfc3339_nano(stamp + timedelta(microseconds=index), n)}))
    corpus.add("shapes/docker-json-file.log", _lines(out),
               "docker's json-file driver (/var/lib/docker/containers/<id>/<id>-json.log) of the same "
               "console lines: {\"log\",\"stream\",\"time\"} objects with Go's escaping, warnings and errors on "
               "stderr.")
    _expect(corpus, "shapes/docker-json-file", key)


def cri(corpus: Corpus) -> None:
    events, key = _events()
    stamps = _received(events, 37)
    out: list[str] = []
    for n, (event, stamp) in enumerate(zip(events, stamps, strict=True)):
        pieces = _pieces(compact_line(event, DAY_TZ), CRI_SPLIT_BYTES)
        for index, piece in enumerate(pieces):
            flag = "F" if index == len(pieces) - 1 else "P"
            out.append(f"{rfc3339_nano(stamp + timedelta(microseconds=index), n)} {_stream(event)} {flag} {piece}")
    corpus.add("shapes/cri-containerd.log", _lines(out),
               "CRI log of the same console lines (/var/log/pods/openclaw_<pod>/gateway/0.log under "
               "containerd, max_container_log_line_size = 1024): '<time> stdout|stderr F|P <line>', a 3.5 KB "
               "tool-failure line in P pieces ended by an F piece.")
    _expect(corpus, "shapes/cri-containerd", key)


def kubectl(corpus: Corpus) -> None:
    events, key = _events()
    half = len(events) // 2
    out = [f"Found 2 pods, using pod/{POD}"]
    out += [compact_line(event, DAY_TZ) for event in events[:half]]
    out += [f"[pod/{POD}/gateway] {compact_line(event, DAY_TZ)}" for event in events[half:]]
    corpus.add("shapes/kubectl-logs.log", _lines(out),
               "kubectl logs -n openclaw deploy/openclaw-gateway of the same console lines: kubectl's own "
               "'Found 2 pods' note, the plain lines, then (a second command with --prefix) "
               "'[pod/<pod>/gateway] <line>'.")
    _expect(corpus, "shapes/kubectl-logs", key)


def compose(corpus: Corpus) -> None:
    events, key = _events()
    out = [f"{COMPOSE_SERVICE}  | {compact_line(event, DAY_TZ)}" for event in events]
    corpus.add("shapes/docker-compose-logs.log", _lines(out),
               "docker compose logs openclaw-gateway of the same console lines: '<service>-<replica>  | <line>', "
               "the service name padded by compose to the widest service's name.")
    _expect(corpus, "shapes/docker-compose-logs", key)


def _expect(corpus: Corpus, stem: str, key: str) -> None:
    """The container's lines analyse as the console lines do (console/gateway-2026-05-21.log)."""
    corpus.add_json(f"{stem}.expected.json", {
        "description": ("The 2026-05-21 ghost-run incident read through a container runtime's wrapping: the same "
                        "incident (force-cleared by the recovery's abort with released=0), event-loop starvation and "
                        "lane backlog as the console lines give."),
        "incidents": [{"session": key, "status": "force_cleared", "contributing": ["RC12", "RC14"],
                       "mustNotInclude": ["RC08", "RC11"]}],
        "episodes": [{"rule": "RC12"}],
        "mustNotFire": ["RC11", "RC13", "RC18"],
    }, f"Expected stuckscan analysis of {stem.split('/', 1)[1]}.")


def add_containers(corpus: Corpus) -> None:
    docker_logs_t(corpus)
    docker_json_file(corpus)
    cri(corpus)
    kubectl(corpus)
    compose(corpus)


__all__ = ["add_containers", "rfc3339_fixed", "rfc3339_nano"]
