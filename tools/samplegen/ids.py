"""Deterministic, realistic-looking identifiers drawn from one seeded RNG."""
from __future__ import annotations

import random
import string
import uuid

_ALNUM = string.ascii_letters + string.digits


class Ids:
    """Identifier factory; the same seed always yields the same sequence."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def hex(self, length: int) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(length))

    def alnum(self, length: int) -> str:
        return "".join(self.rng.choice(_ALNUM) for _ in range(length))

    def tool_call_id(self) -> str:
        """OpenAI-compatible tool call id, e.g. ``call_6f1d0c2a9b7e4d3f8a1c5e20``."""
        return "call_" + self.hex(24)

    def snowflake(self, near: int = 1371964406528393237) -> str:
        """A Discord-style snowflake close to ``near``."""
        return str(near + self.rng.randrange(10**12, 10**14))

    def wa_message_id(self) -> str:
        return "3EB0" + "".join(self.rng.choice("0123456789ABCDEF") for _ in range(16))

    def between(self, low: float, high: float) -> float:
        return self.rng.uniform(low, high)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, items):  # type: ignore[no-untyped-def]
        return items[self.rng.randrange(len(items))]

    def int(self, low: int, high: int) -> int:
        """Inclusive integer range."""
        return self.rng.randint(low, high)
