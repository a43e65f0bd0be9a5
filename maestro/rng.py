"""A seeded random number generator the JavaScript runtime can reproduce exactly.

Python's :mod:`random` is not specified across versions or languages, so levels come from
mulberry32 (32-bit state, one multiply-xorshift round per draw): a few lines in any language, and
``Math.imul`` gives JavaScript the same numbers.
"""

import hashlib
from collections.abc import MutableSequence, Sequence
from typing import TypeVar

T = TypeVar("T")

_MASK = 0xFFFFFFFF


def derive_seed(seed: int, *labels: object) -> int:
    """A 32-bit seed for a named part of the work (``derive_seed(seed, "level", 2)``).

    Hashing keeps parts independent: adding a level does not change the ones before it.
    """
    text = ":".join([str(seed), *(str(label) for label in labels)])
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


class Rng:
    """mulberry32."""

    def __init__(self, seed: int) -> None:
        self.state = seed & _MASK

    def next_u32(self) -> int:
        self.state = (self.state + 0x6D2B79F5) & _MASK
        t = self.state
        t = ((t ^ (t >> 15)) * (t | 1)) & _MASK
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & _MASK)) & _MASK
        return (t ^ (t >> 14)) & _MASK

    def below(self, n: int) -> int:
        """An integer in ``[0, n)``."""
        if n <= 0:
            raise ValueError("below() needs a positive bound")
        return self.next_u32() % n

    def between(self, low: int, high: int) -> int:
        """An integer in ``[low, high]`` (both included)."""
        if high < low:
            low, high = high, low
        return low + self.below(high - low + 1)

    def chance(self, numerator: int, denominator: int) -> bool:
        """True with probability ``numerator / denominator``."""
        return self.below(denominator) < numerator

    def choice(self, items: Sequence[T]) -> T:
        return items[self.below(len(items))]

    def shuffle(self, items: MutableSequence[T]) -> None:
        """Fisher-Yates, in place."""
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]

    def fork(self, *labels: object) -> "Rng":
        """An independent generator for a sub-part, derived from this one's current state."""
        return Rng(derive_seed(self.state, *labels))
