"""Dollar amounts as people read them on a certificate: ``$1,000,000``."""

from __future__ import annotations

from functools import lru_cache


# Certificates use a small vocabulary of amounts ($1,000,000, $2,000,000, ...): cache them.
@lru_cache(maxsize=4096)
def format_money(amount: int | None) -> str:
    """``1000000 -> "$1,000,000"``; ``None`` (an amount not shown) -> ``"not shown"``."""
    if amount is None:
        return "not shown"
    if amount < 0:
        return f"-${-amount:,}"
    return f"${amount:,}"
