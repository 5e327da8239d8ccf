"""Leaks and over-redaction an outside test campaign and users found (each case failed before).

Every value here is fake.
"""

from __future__ import annotations

import pytest

from stuckscan.redact import Redactor


def redact(text: str) -> str:
    return Redactor().redact_text(text)


# (text, values none of which may be left in the redacted text)
LEAKS = [
    # Discord user ids (snowflakes) and mentions
    ("message from 284102390892380161 in guild", ["284102390892380161"]),
    ("ping <@284102390892380162> and <@!284102390892380163> in <#284102390892380164>",
     ["284102390892380162", "284102390892380163", "284102390892380164"]),
    ("author=80351110224678912 replied", ["80351110224678912"]),
    # national-format phone numbers
    ("call 06 12 34 56 78 today", ["06 12 34 56 78", "12 34 56 78"]),
    ("call (06) 12-34-56-78 today", ["(06) 12-34-56-78", "12-34-56-78"]),
    ("call +33 6 12 34 56 78 today", ["6 12 34 56 78"]),
    ("call 06.12.34.56.78 or 020 7946 0958 or 030 12345678", ["06.12.34.56.78", "7946 0958", "12345678"]),
    # UNC host names, single and escaped backslashes
    (r"opened \\fileserver01\share\notes.md", ["fileserver01"]),
    (r'error="copy \\\\fileserver02\\share\\x failed"', ["fileserver02"]),
    (r"mapped \\nas-7.corp.example.com\backups", ["nas-7.corp.example.com"]),
    # user names in private paths other than /home and /Users
    ("config ~karenb/.openclaw/openclaw.json", ["karenb"]),
    ("cd ~karenb", ["karenb"]),
    ("data /var/lib/users/karenb/.openclaw/x", ["karenb"]),
    (r"C:\Users\karenb\AppData\Local", ["karenb"]),
    ("C:/Users/karenb/AppData/Local", ["karenb"]),
    (r"C:\Users\Karin Mueller\AppData\Local", ["Karin", "Mueller"]),
    ("c:/users/Bob Van Dyke/Desktop", ["Bob", "Van Dyke"]),
    (r"C:\Documents and Settings\karenb\Desktop", ["karenb"]),
    # password values holding the punctuation they used to be cut at
    ("login password=s3cr&amptail ok", ["s3cr", "amptail"]),
    ("login password=s3cr;semitail ok", ["s3cr", "semitail"]),
    ("login password=s3cr,commatail ok", ["s3cr", "commatail"]),
    ("login password=s3cr(parentail) ok", ["s3cr", "parentail"]),
    ("login password=s3cr)closetail ok", ["s3cr", "closetail"]),
    ('{"password":"s3cr&amp;tail with spaces"}', ["s3cr", "tail with spaces"]),
    ("login --password s3cr&flagtail --verbose", ["s3cr", "flagtail"]),
    ("login --password='s3cr quoted tail' --verbose", ["s3cr", "quoted tail"]),
    # URL credentials
    ("cache redis://:r3dis-pass-word@cache.example.net:6379/0", ["r3dis-pass-word"]),
    ("queue amqp://mq:mq-p@ss-7@mq.example.net/vhost", ["mq-p", "ss-7"]),
    ("db postgresql://admin:p4ss@db.internal:5432/app", ["p4ss"]),
    # tokens and keys without a telltale key name
    ("login with MTI4NDEwMjM5MDg5MjM4MDE2MQ.GfAkE1.fakeFakeFakeFakeFakeFakeFake0123 failed",
     ["MTI4NDEwMjM5MDg5MjM4MDE2MQ", "fakeFakeFakeFakeFakeFakeFake0123"]),
    ("grok xai-Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak30123456789 rejected", ["Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak30123456789"]),
    ("mail SG.Fak3Fak3Fak3Fak3Fak3Fa.Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak rejected",
     ["Fak3Fak3Fak3Fak3Fak3Fa", "Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak"]),
    ("s3 AKIAFAKEFAKEFAKE1234 wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123 denied",
     ["AKIAFAKEFAKEFAKE1234", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"]),
    ("s3 ASIAFAKEFAKEFAKE5678 secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123",
     ["ASIAFAKEFAKEFAKE5678", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"]),
    ("twilio AC0f1e2d3c4b5a69788796a5b4c3d2e1f0 and SK0f1e2d3c4b5a69788796a5b4c3d2e1f9",
     ["0f1e2d3c4b5a69788796a5b4c3d2e1f0", "0f1e2d3c4b5a69788796a5b4c3d2e1f9"]),
]


@pytest.mark.parametrize(("text", "values"), LEAKS, ids=[text[:40] for text, _ in LEAKS])
def test_no_leak(text: str, values: list[str]) -> None:
    result = redact(text)
    left = [value for value in values if value in result]
    assert left == [], result


@pytest.mark.parametrize(("text", "expected"), [
    ("ping <@284102390892380162> now", "ping <@<id-1>> now"),
    ("call 06 12 34 56 78 today", "call <phone-1> today"),
    (r"opened \\fileserver01\share\notes.md", r"opened \\<host-1>\share\notes.md"),
    (r"opened \\127.0.0.1\share and \\localhost\c$\x", r"opened \\127.0.0.1\share and \\localhost\c$\x"),
    (r"opened \\10.1.2.3\share", r"opened \\<ip-1>\share"),
    ("config ~karenb/.openclaw/openclaw.json", "config ~<user-1>/.openclaw/openclaw.json"),
    (r"C:\Users\Karin Mueller\AppData", r"C:\Users\<user-1>\AppData"),
    ("login password=s3cr&amptail ok", "login password=<secret-1> ok"),
    ("(password=s3cr) and [token=abc123].", "(password=<secret-1>) and [token=<secret-2>]."),
    ("curl https://x.example/v1?token=hunter2hunter2&page=2", "curl https://x.example/v1?token=<secret-1>&page=2"),
    ("cookie=a1b2c3; Path=/", "cookie=<secret-1>; Path=/"),
    ("cache redis://:r3dis-pass@cache.example.net:6379/0", "cache redis://<secret-1>@cache.example.net:6379/0"),
    ("queue amqp://mq:p@ss@mq.example.net/vhost", "queue amqp://<secret-1>@mq.example.net/vhost"),
    ("s3 AKIAFAKEFAKEFAKE1234 wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123", "s3 <secret-2> <secret-1>"),
])
def test_what_remains_is_readable(text: str, expected: str) -> None:
    assert redact(text) == expected


# -- over-redaction -----------------------------------------------------------------------

KEPT = [
    "::add-mask::x",
    "echo ::add-mask::secret-name and ::error::pwned and ::debug::x",
    "std::vector<int> and face::add and dead::beef and Foo::Bar::baz",
    "a::b cafe::babe abc::def::ghi",
    "mac aa:bb:cc:dd:ee:ff at 10:02:14.123",
    "range 2026-05-22 and 05-22-2026 and 01.02.2026 10:00",
    "version 0.12.3 and build 2026.5.20 and 0 800 12",
    "commit 0123456789abcdef0123456789abcdef01234567 with AKIA key id missing",
    "took 1716200000123 ms; count 1234567890123456",
    "http://localhost:18789 and ws://[::1]:18789 bind :: and 0.0.0.0",
    "path ~/.openclaw/openclaw.json and about ~5s",
    r"C:\\Program Files (x86)\\OpenClaw\\node.exe",
    "see @openclaw/plugin-sdk and @scope/pkg",
]


@pytest.mark.parametrize("text", KEPT)
def test_not_over_redacted(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize("address", [
    "2001:db8::1",
    "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
    "2001:db8:85a3::8a2e:370:7334",
    "2001:DB8::ABCD:12",
    "fe80::1",
    "fd00::5",
    "::ffff:192.0.2.128",
    "64:ff9b::192.0.2.33",
    "2001:db8:0:0:1:0:0:1",
    "2001:db8::",
    "::2",
])
def test_real_ipv6_addresses_are_redacted(address: str) -> None:
    for text, expected in [
        (f"remote={address} ok", "remote=<ip-1> ok"),
        (f"connect [{address}]:443 failed", "connect [<ip-1>]:443 failed"),
        (f"peer {address}%en0 lost", "peer <ip-1>%en0 lost"),
        (f"GET http://[{address}]:8080/x", "GET http://[<ip-1>]:8080/x"),
    ]:
        assert redact(text) == expected, text


@pytest.mark.parametrize("address", ["::1", "::", "0:0:0:0:0:0:0:1"])
def test_loopback_and_unspecified_ipv6_are_kept(address: str) -> None:
    assert redact(f"bind [{address}]:18789 and {address}") == f"bind [{address}]:18789 and {address}"


def test_snowflake_learned_as_a_peer_keeps_that_placeholder() -> None:
    redactor = Redactor()
    assert redactor.redact_text("sessionKey=agent:main:discord:channel:1371964406528393237") == (
        "sessionKey=agent:main:discord:channel:<peer-1>")
    assert redactor.redact_text("mentioned <@1371964406528393237> and 1371964406528393238") == (
        "mentioned <@<peer-1>> and <id-1>")


BOT_TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"


@pytest.mark.parametrize("pad", range(0, 90, 3))
def test_a_secret_in_log_text_a_finding_quotes_is_never_cut_to_a_prefix_redaction_misses(tmp_path, pad: int) -> None:
    """A finding's summary quotes a line's text up to a length: cut inside a bot token, the part left is too short
    for the token's pattern and went out as it was (the bot id and most of the secret)."""
    from click.testing import CliRunner

    from stuckscan.cli import cli
    from stuckscan.rules._detect import quote

    log = tmp_path / "gateway.log"
    log.write_text(f"[telegram] getMe attempt 3/3 failed: fetch timeout after 15000ms {'x' * pad} "
                   f"url=https://api.telegram.org/bot{BOT_TOKEN}/getMe\n", encoding="utf-8")
    for fmt in ("text", "json", "markdown", "sarif", "junit", "github"):
        result = CliRunner().invoke(cli, ["scan", str(log), "--format", fmt, "--fail-on", "never"])
        assert "7012345678" not in result.output and "AAHdqTcv" not in result.output, fmt
    cut = quote(f"url=https://api.telegram.org/bot{BOT_TOKEN}/getMe", 30 + pad % 40)
    assert BOT_TOKEN in cut or "7012345678" not in cut


def test_a_quote_is_a_prefix_cut_between_values() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from stuckscan.rules._detect import quote

    separators = set(" \t/?&=,;()[]{}\"'<>|")

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("ab:-_.9 /=()\"")), max_size=80), st.integers(1, 60))
    def check(text: str, limit: int) -> None:
        cut = quote(text, limit)
        whole = text.strip()
        if len(whole) <= limit:
            assert cut == whole
            return
        assert cut.endswith("…") and len(cut) <= limit + 1
        head = cut[:-1]
        assert whole.startswith(head)
        # the cut never splits a run of token characters: what follows the head starts a new value
        rest = whole[len(head):]
        assert not head or head[-1] in separators or rest[:1] in separators or rest[:1] == ""

    check()
