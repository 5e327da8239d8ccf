"""Redaction: what is masked, what is kept, consistency, and linear-time matching."""

from __future__ import annotations

import copy
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis_fixtures import SESSION_ID, SESSION_KEY, hostile_analysis, planted_values, reference_analysis
from stuckscan.redact import PLACEHOLDER, Redactor, redact_analysis
from stuckscan.rules import RULES


def redact(text: str) -> str:
    return Redactor().redact_text(text)


# -- secrets (format reference section 4) ------------------------------------------------

SECRETS = [
    ("OPENAI_API_KEY=sk-proj-Fak3K3yF0rT3st1ngOnlyN0tR3al0123456789abcd", "sk-proj-Fak3K3yF0rT3st1ngOnlyN0tR3al0123456789abcd"),
    ("token ghp_Fak3T0kenF0rT3st1ngOnly0123456789ab used", "ghp_Fak3T0kenF0rT3st1ngOnly0123456789ab"),
    ("github_pat_11ABCDEFG0fake_fakefakefakefake used", "github_pat_11ABCDEFG0fake_fakefakefakefake"),
    ("slack xoxb-123456789012-fakefakefake done", "xoxb-123456789012-fakefakefake"),
    ("slack xapp-1-A0FAKE-12345-fakefakefake", "xapp-1-A0FAKE-12345-fakefakefake"),
    ("groq gsk_FakeFakeFakeFake0123456789", "gsk_FakeFakeFakeFake0123456789"),
    ("google AIzaSyFAKEFAKEFAKEFAKEFAKE12345678", "AIzaSyFAKEFAKEFAKEFAKEFAKE12345678"),
    ("oauth ya29.a0FakeFakeFakeFake-token", "ya29.a0FakeFakeFakeFake-token"),
    ("pplx-FakeFakeFakeFake01234 in config", "pplx-FakeFakeFakeFake01234"),
    ("npm_FakeFakeFakeFakeFakeFake0123456789 published", "npm_FakeFakeFakeFakeFakeFake0123456789"),
    ("hf_FakeFakeFakeFakeFakeFake0123 model", "hf_FakeFakeFakeFakeFakeFake0123"),
    ("r8_FakeFakeFakeFakeFakeFake0123 replicate", "r8_FakeFakeFakeFakeFakeFake0123"),
    ("Authorization: Bearer fk_live_9f8e7d6c5b4a3f2e1d0c9b8a", "fk_live_9f8e7d6c5b4a3f2e1d0c9b8a"),
    ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.c2lnbmF0dXJl end", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.c2lnbmF0dXJl"),
    ("GET https://api.telegram.org/bot7712345678:AAHfak3T0kenValue_abcdefghijklmnopq/getMe",
     "7712345678:AAHfak3T0kenValue_abcdefghijklmnopq"),
    ('config {"apiKey":"abc-def-123","token":"t0ken-value"}', "abc-def-123"),
    ('config {"apiKey":"abc-def-123","token":"t0ken-value"}', "t0ken-value"),
    ("curl https://x.example/v1?token=hunter2hunter2&page=2", "hunter2hunter2"),
    ("login --password hunter2-not-real --verbose", "hunter2-not-real"),
    ("db postgres://admin:s3cr3t-pass@db.example.com/app", "s3cr3t-pass"),
    ("masked by the gateway sk-abc123\u2026wxyz here", "abc123\u2026wxyz"),
    ("apple app password abcd-efgh-ijkl-mnop", "abcd-efgh-ijkl-mnop"),
    ("-----BEGIN RSA PRIVATE KEY-----\nMIIEFAKEFAKE\nFAKEFAKE==\n-----END RSA PRIVATE KEY-----", "MIIEFAKEFAKE"),
    ("cut off -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA", "b3BlbnNzaC1rZXktdjEAAAAA"),
]


@pytest.mark.parametrize(("text", "secret"), SECRETS)
def test_secrets_are_replaced(text: str, secret: str) -> None:
    result = redact(text)
    assert secret not in result
    assert "<secret-1>" in result


def test_secret_context_stays_readable() -> None:
    assert redact("Authorization: Bearer fk_live_9f8e7d6c5b4a3f2e1d0c9b8a") == "Authorization: Bearer <secret-1>"
    assert redact("OPENAI_API_KEY=sk-proj-Fak3K3yF0rT3st1ngOnlyN0tR3al0123456789abcd ok") == "OPENAI_API_KEY=<secret-1> ok"
    assert redact("postgres://admin:s3cr3t@db.example.com/app") == "postgres://<secret-1>@db.example.com/app"


@pytest.mark.parametrize("text", [
    "compactionTokens=48211 maxTokens=4096 contextTokens=200000",
    "basic configuration applied",
    "bearer token missing",
    "npm_config_cache=/tmp/npm hf_transfer=1",
    "task-runner finished; desk-lamp",
    "reason=token_mismatch auth=token",
    "sessionKey=agent:main:main sessionId=main",
    "durationMs=290063 handshakeMs=10000 code=1008",
])
def test_ordinary_fields_are_left_alone(text: str) -> None:
    assert redact(text) == text


# -- personal data -----------------------------------------------------------------------


def test_session_key_keeps_its_structure() -> None:
    redactor = Redactor()
    assert redactor.redact_text(f"sessionKey={SESSION_KEY} lane=session:{SESSION_KEY}") == (
        "sessionKey=agent:main:telegram:direct:<peer-1> lane=session:agent:main:telegram:direct:<peer-1>")
    assert redactor.redact_session_key("agent:main:slack:channel:C0123ABCD:thread:1716200000.1234") == (
        "agent:main:slack:channel:<peer-2>:thread:<thread-1>")
    assert redactor.redact_session_key("agent:main:main") == "agent:main:main"
    assert redactor.redact_session_key("agent:main:cron:nightly-digest") == "agent:main:cron:nightly-digest"


def test_session_key_of_unknown_shape_masks_after_the_channel() -> None:
    assert Redactor().redact_session_key("agent:main:imessage:karen-iphone") == "agent:main:imessage:<peer-1>"
    assert Redactor().redact_session_key("agent:main:whatsapp:+16179300916") == "agent:main:whatsapp:<phone-1>"


def test_liveness_work_labels_are_redacted() -> None:
    text = "work=[active=agent:main:telegram:direct:7012345678(processing/embedded_run,q=1,age=443s last=model_call:ended)]"
    assert redact(text) == ("work=[active=agent:main:telegram:direct:<peer-1>(processing/embedded_run,q=1,age=443s "
                            "last=model_call:ended)]")


@pytest.mark.parametrize(("text", "expected"), [
    ("Inbound message +15551234567 -> +1 555-765-4321 (direct)", "Inbound message <phone-1> -> <phone-2> (direct)"),
    ("call (617) 555-0142 now", "call <phone-1> now"),
    ("mail karen.mueller@example.org please", "mail <email-1> please"),
    ("ping @karen_m_private and @openclaw/plugin-sdk", "ping <handle-1> and @openclaw/plugin-sdk"),
    ("remote=203.0.113.77 fwd=10.1.2.3", "remote=<ip-1> fwd=<ip-2>"),
    ("remote=2001:db8:85a3::8a2e:370:7334 peer=[fe80::1%en0]:5000", "remote=<ip-1> peer=[<ip-2>%en0]:5000"),
    ("listening on ws://127.0.0.1:18789, ws://[::1]:18789 bind 0.0.0.0", "listening on ws://127.0.0.1:18789, ws://[::1]:18789 bind 0.0.0.0"),
    ("lock /Users/karen.mueller/.openclaw/x.lock", "lock /Users/<user-1>/.openclaw/x.lock"),
    ("file:///home/ryan/.npm-global/lib", "file:///home/<user-1>/.npm-global/lib"),
    (r"C:\Users\Karen\AppData\Local\Temp\openclaw", r"C:\Users\<user-1>\AppData\Local\Temp\openclaw"),
    ("host=karens-mbp.local:18789 origin=http://127.0.0.1:18789", "host=<host-1>:18789 origin=http://127.0.0.1:18789"),
    ("origin=https://karens-mbp.local:3000 instance=studio-7", "origin=https://<host-1>:3000 instance=<host-2>"),
    ("resolved nas.home and build.internal", "resolved <host-1> and <host-2>"),
    ("chatId=7012345678 userId=U0423 user=karen", "chatId=<peer-1> userId=<id-1> user=<user-1>"),
    ("at 10:02:14.123 on 2026-05-21T10:02:14+02:00 mac aa:bb:cc:dd:ee:ff", "at 10:02:14.123 on 2026-05-21T10:02:14+02:00 mac aa:bb:cc:dd:ee:ff"),
])
def test_personal_data(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_session_ids_uuid_kept_names_replaced() -> None:
    redactor = Redactor()
    assert redactor.redact_session_id(SESSION_ID) == SESSION_ID
    assert redactor.redact_session_id("main") == "main"
    assert redactor.redact_session_id("unknown") == "unknown"
    assert redactor.redact_session_id("blane") == "<session-1>"
    assert redactor.redact_text(f"sessionId={SESSION_ID} runId=8e8e44d6-3f1b-4c2e-9a57-d1c06b4e2f83") == (
        f"sessionId={SESSION_ID} runId=8e8e44d6-3f1b-4c2e-9a57-d1c06b4e2f83")
    assert redactor.redact_text("stuck session: sessionId=blane age=121s; blane again") == (
        "stuck session: sessionId=<session-1> age=121s; <session-1> again")


def test_same_value_same_placeholder_everywhere() -> None:
    redactor = Redactor()
    first = redactor.redact_text(f"stalled session: sessionKey={SESSION_KEY}")
    second = redactor.redact_text("message processed: channel=telegram chatId=7012345678 messageId=18293")
    third = redactor.redact_text("[telegram] Inbound message 7012345678 -> bot")
    assert first.endswith("direct:<peer-1>")
    assert "chatId=<peer-1>" in second and "messageId=18293" in second
    assert third == "[telegram] Inbound message <peer-1> -> bot"
    assert redactor.mapping["7012345678"] == "<peer-1>"


def test_placeholders_survive_a_second_pass() -> None:
    redactor = Redactor()
    once = redactor.redact_text(f"user=karen@example.org key={SESSION_KEY} remote=203.0.113.9 Bearer abcdefghijkl0")
    assert redactor.redact_text(once) == once
    assert Redactor().redact_text(once) == once


def test_catalog_fixes_and_titles_are_untouched() -> None:
    redactor = Redactor()
    for rule in RULES.values():
        for text in (*rule.fixes, rule.title, rule.summary):
            assert redactor.redact_text(text) == text, text


# -- the Analysis walk -------------------------------------------------------------------


def test_redact_analysis_copies_and_masks() -> None:
    analysis = reference_analysis()
    before = copy.deepcopy(analysis)
    redacted = redact_analysis(analysis)
    assert analysis == before, "the original analysis must not change"
    incident = redacted.incidents[0]
    assert incident.session_key == "agent:main:telegram:direct:<peer-1>"
    assert incident.session_id == SESSION_ID
    assert incident.run_ids == analysis.incidents[0].run_ids
    assert all("7012345678" not in evidence.text for evidence in incident.timeline)
    assert incident.primary is not None and incident.primary.rule == analysis.incidents[0].primary.rule  # type: ignore[union-attr]
    assert incident.primary.fixes == analysis.incidents[0].primary.fixes  # type: ignore[union-attr]
    assert incident.start == analysis.incidents[0].start and incident.status is analysis.incidents[0].status


def test_redact_analysis_is_deterministic() -> None:
    assert redact_analysis(hostile_analysis()) == redact_analysis(hostile_analysis())


def test_hostile_analysis_has_no_planted_value_left() -> None:
    redacted = redact_analysis(hostile_analysis())
    text = repr(redacted)
    for value in planted_values():
        assert value not in text and repr(value)[1:-1] not in text, value


# -- robustness --------------------------------------------------------------------------

ADVERSARIAL = [
    "a:" * 50_000,
    "a=" * 50_000,
    "@" * 100_000,
    "a@" * 50_000,
    "1." * 50_000,
    "+1 " * 30_000,
    ":" * 100_000,
    "agent:main:telegram:direct:" * 4_000,
    "-----BEGIN PRIVATE KEY-----" * 4_000,
    "x" * 100_000 + "@",
    "ab." * 30_000 + "local",
    "/Users/" * 15_000,
    "eyJ" + "a" * 100_000,
    "Bearer " * 15_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=[text[:12] for text in ADVERSARIAL])
def test_crafted_input_is_fast(text: str) -> None:
    started = time.perf_counter()
    Redactor().redact_text(text)
    assert time.perf_counter() - started < 2.0


TOKENS = st.sampled_from([
    "sk-proj-Fak3K3yF0rT3st1ngOnlyN0tR3al0123456789abcd",
    "ghp_Fak3T0kenF0rT3st1ngOnly0123456789ab",
    "karen.mueller@example.org",
    "+15551234567",
    "203.0.113.77",
])
FILLER = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(before=FILLER, token=TOKENS, after=FILLER)
def test_secret_between_separators_is_always_masked(before: str, token: str, after: str) -> None:
    result = redact(f"{before} {token} {after}")
    assert token not in result


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_redacts_without_error_and_is_stable(text: str) -> None:
    redactor = Redactor()
    once = redactor.redact_text(text)
    assert redactor.redact_text(once) == once
    for placeholder in PLACEHOLDER.findall(once):
        assert placeholder in redactor.mapping.values() or placeholder in text


def test_a_node_builtin_in_a_stack_frame_is_no_host() -> None:
    from stuckscan.redact import Redactor

    redactor = Redactor()
    text = "at listenInCluster (node:net:1997:12) at processTicksAndRejections (node:internal/process/task_queues:90:21)"
    assert redactor.redact_text(text) == text
    assert "worker-3" not in redactor.redact_text("node=worker-3 host=karens-mbp.local:18789")


def test_a_value_continued_by_a_reporters_mask_is_taken_whole() -> None:
    # `chatId=telegram:<chatId>` (f437): "telegram:" alone is no personal id; learning it
    # masked every later "telegram:" (in session keys too).
    redactor = Redactor()
    once = redactor.redact_text("chatId=telegram:<chatId> channel=telegram")
    assert once == "chatId=<peer-1> channel=telegram"
    assert redactor.redact_text("lane=session:agent:main:telegram:direct:42 telegram: ok").count("telegram:") == 2


def test_a_session_key_word_keeps_its_closing_quote() -> None:
    # a word cut out of `Session "agent:…:<chatId>" changed` keeps its quote; the quote
    # is not part of the key, so redacting the word must not learn it (and later
    # swallow the quote that closes the same key in another line).
    redactor = Redactor()
    key = "agent:main:telegram:direct:<chatId>"
    assert redactor.redact_field("words", f'{key}"').endswith('"')
    line = f'dispatch failed: Error: Session "{key}" changed while starting work. Retry.'
    assert '" changed while' in redactor.redact_text(line)


def test_a_service_account_named_after_the_product_is_no_personal_name() -> None:
    # f6102: `/home/openclaw/...` learned "openclaw" as a user name, and a learned value is replaced in every text, so
    # the fix's `openclaw plugins update <id>` came out as `<user-1> plugins update <id>`
    redactor = Redactor()
    for text in ("Cannot find module '/home/openclaw/.npm-global/lib/node_modules/openclaw/dist/plugin-sdk'",
                 r"C:\Users\clawdbot\.openclaw\logs\gateway.log", "/Users/node/app/openclaw.mjs"):
        assert "<user-" not in redactor.redact_text(text), text
    assert redactor.redact_text("Run `openclaw plugins update qqbot`.") == "Run `openclaw plugins update qqbot`."
    # a person's name still is one
    assert redact("/home/karen/.openclaw/openclaw.json") == "/home/<user-1>/.openclaw/openclaw.json"
