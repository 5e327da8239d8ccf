"""Redaction's guards: a step skipped because its literal is missing could not have matched.

:func:`stuckscan.redact.Redactor.redact_text` runs each pattern only when the text holds a
literal every match contains (and so compiles, and imports ``regex``, only then). These
tests run every step on every text, unguarded, and check the guarded result is the same
and that a step whose guard said no would have changed nothing.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis_fixtures import hostile_analysis, reference_analysis
from stuckscan.redact import _TEXT_STEPS, Redactor

ROOT = Path(__file__).resolve().parent.parent

# Pieces of what each pattern matches, near misses, and characters that case-insensitive
# matching or Unicode digits could confuse (long s, dotless i, Kelvin sign, Arabic-Indic
# and Kawi digits).
FRAGMENTS = [
    "agent:main:telegram:direct:", "agent:ops:slack:group:", ":thread:", ":topic:", "7012345678", "+1 415 555 0100",
    "(415) 555-0100", "415-555-0100", "+44 (20) 7946 0958", "user@example.com", "@karen_b", "@", "eyJhbGciOi",
    "eyJzdWIiOiJmYWtlIn0", ".", "-", "--", ":", "::", "://", "/", "\\", "=", '"', " ", "\t", "\n", "Bearer ", "BASIC ",
    "baſic ", "bearer\t", "sk-", "sk_live_", "ghp_", "github_pat_", "xoxb-", "AKIA", "hf_", "r8_", "ya29.", "1//0",
    "Fak3T0kenF0rT3st1ngOnly", "abcd-efgh-ijkl-mnop", "abcd-", "/Users/karen/", "/home/bob/", "C:\\Users\\ann\\",
    "c:/users/ann/", "USERS", "mbp.local", "nas.home.arpa", "box.lan", "192.168.1.10", "10.0.0.1", "127.0.0.1",
    "fe80::1", "2001:db8::7", "apiKey=", "token: ", '"password":"', "host=", "chatId=", "userId=", "sessionId=",
    "--password ", "--api-key=", "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----", "bot",
    "7712345678:AAHfak3T0kenValue_abcdefghijklmnopq", "\u0661\u0662\u0663", "\U00011f50\U00011f51\U00011f52",
    "\u017f", "\u0131", "\u0130", "\u212a", "\u2026", "x", "0", "42", "<peer-1>",
    "06 12 34 56 78", "(06) 12-34-56-78", "0", "(0", "284102390892380161", "<@", "<@!", "\\\\", "\\", "~", "~karen/",
    "/var/lib/users/", "C:/Users/Ann Lee/", "redis://:", "amqp://u:p@ss@", "MTI4NDEwMjM5MDg5MjM4MDE2MQ.GfAkE1.",
    "xai-", "SG.", "AKIAFAKEFAKEFAKE1234", "ASIA", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123", "AC", "SK",
    "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "2001:db8:0:0:1:0:0:1", "1:2:3:4:5:6:", "::add-mask::", "face::add",
    "password=a&b;c,d(e)f", "&page=", "\u0661\u0662",
]

# One text each pattern (and each alternative of it) matches, so a guard that is too
# strict fails here deterministically.
MATCHING = [
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEFAKE\n-----END RSA PRIVATE KEY-----", "cut -----BEGIN EC PRIVATE KEY-----\nb3Bl",
    "postgres://admin:s3cr3t-pass@db.example.com/app", "Authorization: Bearer fk_live_9f8e7d6c5b4a3f2e1d0c9b8a",
    "auth BASIC dXNlcjpwYXNzd29yZA==", "auth ba\u017fic dXNlcjpwYXNzd29yZA==", "auth Bearer\tabc.def-0123456789",
    *(f"key {prefix}FakeFakeFakeFake0123456789 used" for prefix in (
        "sk-", "github_pat_", "xoxb-", "xapp-", "AIza", "ya29.", "1//0", "pplx-", "glpat-", "sk_live_", "sk_test_",
        "rk_live_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "gsk_", "npm_", "hf_", "r8_", "AKID", "AKIA", "LTAI")),
    "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.c2lnbmF0dXJl end",
    "GET https://api.telegram.org/bot7712345678:AAHfak3T0kenValue_abcdefghijklmnopq/getMe",
    "token \u0667\u0667\u0661\u0662\u0663\u0664\u0665\u0666:AAHfakeTokenValue_abcdefghijklmnopqrs end",
    "login --password hunter2-not-real --verbose", "login --api-key=abc123", "apple abcd-efgh-ijkl-mnop",
    "session agent:main:telegram:direct:7012345678 stuck", "agent:ops:slack:group:C0FAKE:thread:1712.5 lane",
    "mail karen.b@example.com now", 'config {"apiKey":"abc-def-123","token":"t0ken-value"}', "host=karens-mbp:18789",
    "chatId=-100123 userId=42 sessionId=blane user=karen", "path /Users/karen/.openclaw/x", "path /home/bob/.openclaw",
    "C:\\Users\\Ann\\AppData", "c:/users/ann/AppData", "origin nas.home.arpa", "from karens-mbp.local ok",
    "peer 2001:db8::7 and fe80::1%en0", "peer 192.168.1.10:18789", "call +1 415 555 0100", "call +44 (20) 7946 0958",
    "call (415) 555-0100", "call 415.555.0100", "call +\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
    "ping @karen_b please",
    "discord <@284102390892380162> and 284102390892380161", "call 06 12 34 56 78 or (06) 12-34-56-78",
    "open \\\\fileserver01\\share", "open \\\\\\\\fileserver02\\\\share", "cfg ~karenb/.openclaw",
    "data /var/lib/users/karenb/x", "C:/Users/Ann Lee/Desktop", "C:\\Documents and Settings\\ann\\x",
    "redis://:r3dis-pass@cache.example.net:6379", "tok MTI4NDEwMjM5MDg5MjM4MDE2MQ.GfAkE1.fakeFakeFakeFakeFakeFakeFake0123",
    "grok xai-Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak30123456789", "mail SG.Fak3Fak3Fak3Fak3Fak3Fa.Fak3Fak3Fak3Fak3Fak3Fak3Fak",
    "s3 AKIAFAKEFAKEFAKE1234 wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123", "s3 ASIAFAKEFAKEFAKE5678",
    "twilio AC0f1e2d3c4b5a69788796a5b4c3d2e1f0", "remote 2001:db8:0:0:1:0:0:1 and 1:2:3:4:5:6:192.0.2.1",
    "login password=s3cr&amp;tail ok",
]

TEXTS = st.lists(st.sampled_from(FRAGMENTS + MATCHING), max_size=12).map("".join)


def unguarded(text: str) -> tuple[str, dict[str, str]]:
    """Every step on ``text`` regardless of its guard; checks each skipped step is a no-op."""
    redactor = Redactor()
    patterned = text
    for guard, step in _TEXT_STEPS:
        before = redactor.mapping
        result = step(redactor, patterned)
        if not guard(patterned):
            assert result == patterned, (step, patterned)
            assert redactor.mapping == before, (step, patterned)
        patterned = result
    return redactor._replace_known(patterned), redactor.mapping


def guarded(text: str) -> tuple[str, dict[str, str]]:
    redactor = Redactor()
    return redactor.redact_text(text), redactor.mapping


def test_guards_pass_every_kind_of_match() -> None:
    for text in MATCHING:
        result, mapping = unguarded(text)
        assert mapping, f"the example matches nothing: {text!r}"
        assert guarded(text) == (result, mapping), text


@settings(max_examples=600, deadline=None)
@given(text=TEXTS)
def test_guards_skip_only_steps_that_would_change_nothing(text: str) -> None:
    assert guarded(text) == unguarded(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=120))
def test_guards_on_arbitrary_text(text: str) -> None:
    assert guarded(text) == unguarded(text)


def _texts_of(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _texts_of(item)]
    if isinstance(value, dict):
        return [text for pair in value.items() for item in pair for text in _texts_of(item)]
    slots = getattr(type(value), "__dataclass_fields__", None)
    if slots is not None:
        return [text for name in slots for text in _texts_of(getattr(value, name))]
    return []


def test_guards_on_every_text_of_the_sample_reports() -> None:
    texts = _texts_of(reference_analysis()) + _texts_of(hostile_analysis())
    assert len(texts) > 100
    for text in texts:
        assert guarded(text) == unguarded(text), text


def test_guards_on_sample_log_lines() -> None:
    lines = [line for path in sorted((ROOT / "sample_logs").rglob("*.log"))
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[:400]]
    assert len(lines) > 1000
    for line in lines:
        assert guarded(line) == unguarded(line), line
