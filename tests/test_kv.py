from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stuckscan._kv import tokenize


def test_stalled_session_fields_are_typed_with_units() -> None:
    kv = tokenize(
        "sessionId=0829a221-a12c-49cb-9a64-42c2fc1a89ea sessionKey=agent:main:telegram:direct:7012345678 "
        "state=processing age=757s queueDepth=1 reason=active_work_without_progress "
        "lastProgress=model_call:ended lastProgressAge=664s recovery=checking"
    )
    assert kv.fields["sessionId"] == "0829a221-a12c-49cb-9a64-42c2fc1a89ea"
    assert kv.fields["sessionKey"] == "agent:main:telegram:direct:7012345678"
    assert kv.fields["age"] == 757 and kv.raw["age"] == "757s" and kv.seconds["age"] == 757.0
    assert kv.fields["lastProgress"] == "model_call:ended"
    assert kv.fields["queueDepth"] == 1
    assert kv.bare == []


def test_millisecond_keys_normalise_to_seconds() -> None:
    kv = tokenize("lane=main waitedMs=181469 queueAhead=0 durationMs=465554")
    assert kv.fields["waitedMs"] == 181469
    assert kv.seconds["waitedMs"] == 181.469
    assert kv.seconds["durationMs"] == 465.554


def test_quoted_values_keep_spaces_and_escaped_quotes() -> None:
    kv = tokenize(r'lane=session:agent:main:main durationMs=1604 error="FailoverError: HTTP 401: \"User\" not found."')
    assert kv.fields["error"] == 'FailoverError: HTTP 401: "User" not found.'


def test_unterminated_quote_takes_the_rest_of_the_line() -> None:
    kv = tokenize('cronJob="nightly digest age=3s')
    assert kv.fields["cronJob"] == "nightly digest age=3s"


def test_values_with_equals_and_colons_and_unknown() -> None:
    kv = tokenize("url=http://127.0.0.1:18789/?token=a=b sessionId=unknown fwd=n/a")
    assert kv.fields["url"] == "http://127.0.0.1:18789/?token=a=b"
    assert kv.fields["sessionId"] is None and kv.raw["sessionId"] == "unknown"
    assert kv.fields["fwd"] is None


def test_free_text_reason_runs_to_next_key() -> None:
    kv = tokenize("code=1008 reason=connect failed phase=ready")
    assert kv.fields["reason"] == "connect failed"
    assert kv.fields["phase"] == "ready"


def test_bare_tokens_and_booleans() -> None:
    kv = tokenize("conn=3f1 remote=127.0.0.1 client=openclaw-control-ui webchat v2026.5.18 aborted=true drained=false")
    assert kv.fields["aborted"] is True and kv.fields["drained"] is False
    assert kv.bare == ["webchat", "v2026.5.18"]


def test_numeric_looking_identifiers_stay_text() -> None:
    kv = tokenize("chatId=0012345 messageId=77 runId=8e8e44d6 pid=4892")
    assert kv.fields["chatId"] == "0012345"
    assert kv.fields["messageId"] == "77"
    assert kv.fields["pid"] == 4892


def test_bracketed_work_list() -> None:
    kv = tokenize("active=1 work=[active=agent:main:main(processing/embedded_run,q=1,age=300s) waiting=] phase=x")
    assert kv.fields["work"].startswith("active=agent:main:main(")
    assert kv.fields["phase"] == "x"


@given(st.text())
def test_tokenizer_never_raises_on_any_text(text: str) -> None:
    kv = tokenize(text)
    assert set(kv.fields) == set(kv.raw)


def test_a_reporters_range_of_values_is_its_upper_bound() -> None:
    parsed = tokenize("age=586s...796s lastProgressAge=10…40s queueDepth=1...3")
    assert parsed.fields["age"] == 796 and parsed.seconds["age"] == 796.0
    assert parsed.seconds["lastProgressAge"] == 40.0
    assert parsed.fields["queueDepth"] is None  # no unit: an elision, not a range we can read
    assert tokenize("age=…s").fields["age"] is None


def test_a_last_quoted_value_with_quotes_of_its_own_reads_to_the_quote_that_ends_the_line() -> None:
    # OpenClaw writes String(err) between quotes as it is: the lane's own timeout quotes the lane's name
    kv = tokenize('lane=session:agent:main:main durationMs=330003 '
                  'error="CommandLaneTaskTimeoutError: Command lane "main" task timed out after 330000ms"')
    assert kv.fields["error"] == 'CommandLaneTaskTimeoutError: Command lane "main" task timed out after 330000ms'
    assert kv.fields["durationMs"] == 330003 and kv.bare == []
    body = tokenize('error="Error: 429 {"type":"error","error":{"type":"rate_limit_error"}}"  ')
    assert body.fields["error"] == 'Error: 429 {"type":"error","error":{"type":"rate_limit_error"}}'
    # values that close where they should keep doing so: two quoted values, a quote before more fields, bare words
    assert tokenize('a="x" b="y"').fields == {"a": "x", "b": "y"}
    assert tokenize('error="a" detail=b c="d"').fields == {"error": "a", "detail": "b", "c": "d"}
    early = tokenize('msg="a" bare words k=1')
    assert (early.fields, early.bare) == ({"msg": "a", "k": 1}, ["bare", "words"])


def test_compound_durations_as_openclaws_formatters_write_them_are_seconds() -> None:
    # src/infra/format-time/format-duration.ts: formatDurationCompact joins the two largest nonzero units, or spaces
    # them; formatDurationHuman writes one unit, days included; a reporter's "5m 0s" reads the same.
    for text, seconds in [("age=5m0s", 300.0), ("age=5m 0s", 300.0), ("age=2m5s", 125.0), ("age=2m 5s", 125.0),
                          ("age=1h30m", 5400.0), ("age=1h 30m", 5400.0), ("age=1h 2m", 3720.0), ("age=1h5s", 3605.0),
                          ("age=1d2h", 93600.0), ("age=1d 2h", 93600.0), ("age=3d", 259200.0),
                          ("age=1h 2m 3s", 3723.0), ("age=5m 2.5s", 302.5)]:
        kv = tokenize(text + " queueDepth=1")
        assert kv.seconds["age"] == seconds, text
        assert kv.fields["queueDepth"] == 1 and kv.bare == [], text
    assert tokenize("age=5m 0s queueDepth=1").raw["age"] == "5m 0s"


def test_words_after_a_duration_that_are_no_smaller_part_stay_words() -> None:
    assert tokenize("age=289s, 385s").seconds["age"] == 289.0  # a reporter's list of ages: no compound
    kv = tokenize("age=2m, 5s")
    assert kv.seconds["age"] == 120.0 and kv.bare == ["5s"]
    kv = tokenize("age=5s 3m")  # units out of order
    assert kv.seconds["age"] == 5.0 and kv.bare == ["3m"]
    kv = tokenize("age=5m 0s 1s")  # seconds end it
    assert kv.seconds["age"] == 300.0 and kv.bare == ["1s"]
    kv = tokenize("sessionKey=5m 0s")  # identifiers are no durations
    assert kv.fields["sessionKey"] == "5m" and kv.bare == ["0s"]
    assert "age" not in tokenize("age=5m0x").seconds
    assert "age" not in tokenize("age=5m5m").seconds
