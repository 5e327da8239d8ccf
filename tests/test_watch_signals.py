"""`watch` stops on Ctrl-C, SIGTERM and SIGHUP even when the signal's exception is lost.

Python runs a signal's handler at the next check point of the main thread; when that is
inside a finalizer (a ``__del__``), the exception the handler raises is reported as
"Exception ignored in ..." and dropped. ``regex`` parse-tree nodes have a ``__del__`` and the
redaction patterns are compiled while the first incidents are printed, so a Ctrl-C at that
moment was lost and the watch ran on for ever (the flaky
``test_watch_process_stopped_with_sigint``: the child did not exit within 30 s of SIGINT).
These tests lose the exception on purpose: a finalizer raises the signal, so its handler
runs inside the ``__del__``.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from stuckscan.cli import main
from stuckscan.commands import watch as watch_module
from stuckscan.commands._options import restore_handlers

SAMPLE = Path(__file__).resolve().parent.parent / "sample_logs" / "hostile" / "hostile.log"
GUARD_SECONDS = 10
# the exception lost in the finalizer is reported, by design
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class _WatchIgnoredTheSignal(Exception):
    pass


class _RaisesInFinalizer:
    """Raises ``signum`` at itself from its finalizer: the handler runs inside ``__del__``."""

    def __init__(self, signum: int) -> None:
        self.signum = signum

    def __del__(self) -> None:
        signal.raise_signal(self.signum)


@pytest.fixture
def guard() -> Iterator[None]:
    """Fail (rather than hang) a watch that keeps running after its stop signal."""
    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise _WatchIgnoredTheSignal

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def python_signal_actions() -> Iterator[None]:
    """Ctrl-C raising KeyboardInterrupt, SIGTERM and SIGHUP at their default (which main() replaces),
    whatever the suite was started with (``nohup``, a background job); put back afterwards."""
    wanted = {number: signal.default_int_handler if number == signal.SIGINT else signal.SIG_DFL
              for number in STOP_SIGNALS}
    previous = {number: signal.signal(number, handler) for number, handler in wanted.items()}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _signal_from_a_finalizer_at_the_first_change(monkeypatch: pytest.MonkeyPatch, signum: int) -> list[int]:
    handled: list[int] = []
    original = watch_module.IncidentPrinter.handle

    def handle(self: Any, change: Any, incident: Any) -> None:
        original(self, change, incident)
        if not handled:
            handled.append(signum)
            _RaisesInFinalizer(signum)  # dropped at once: its __del__ raises the signal

    monkeypatch.setattr(watch_module.IncidentPrinter, "handle", handle)
    return handled


def _watch(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["watch", "--format", "jsonl", "--from-start", "--poll", "0.05", str(SAMPLE)])
    return exit_info.value.code, capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix" or sys.platform == "darwin", reason="SIGALRM guard and raise_signal in a finalizer")
@pytest.mark.parametrize(("name", "code"), [("SIGINT", 0), ("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_stop_signal_lost_in_a_finalizer_still_stops_the_watch(
        name: str, code: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        python_signal_actions: None, guard: None) -> None:
    signum = getattr(signal, name)
    handled = _signal_from_a_finalizer_at_the_first_change(monkeypatch, signum)
    exit_code, err = _watch(capsys)
    assert handled == [signum]
    assert exit_code == code, err
    assert "stopped; 1 incident(s) opened" in err


@pytest.mark.skipif(os.name != "posix", reason="signal handlers")
def test_the_watch_puts_the_signal_handlers_back(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                                 python_signal_actions: None, guard: None) -> None:
    """A healthy stop (the exception arrives) exits as before and leaves no wrapper behind."""
    before = {number: signal.getsignal(number) for number in STOP_SIGNALS}
    original = watch_module.IncidentPrinter.handle

    def handle(self: Any, change: Any, incident: Any) -> None:
        original(self, change, incident)
        raise KeyboardInterrupt

    monkeypatch.setattr(watch_module.IncidentPrinter, "handle", handle)
    exit_code, err = _watch(capsys)
    assert exit_code == 0, err
    assert {number: signal.getsignal(number) for number in STOP_SIGNALS} == before


def test_a_signal_left_to_its_default_action_or_ignored_is_not_wrapped() -> None:
    import threading

    ignored = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        replaced = watch_module.stop_on_signals(threading.Event(), [])
        assert signal.SIGINT not in replaced
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        restore_handlers(replaced)
    finally:
        signal.signal(signal.SIGINT, ignored)
