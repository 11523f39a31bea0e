"""What every CSV export shares: the defence against spreadsheet formula injection."""

from __future__ import annotations

import unicodedata
from typing import Any

# A spreadsheet may read a cell starting with any of these as a formula, or skip the leading
# whitespace and then read one (OWASP CSV injection guidance, plus ';' for locales that split on it).
_TRIGGERS = frozenset("=+-@;|%") | frozenset(" \t\r\n\v\f\u00a0")


def csv_safe(value: Any) -> str:
    """A cell's text, prefixed with an apostrophe when it could start a formula. The first
    character is compared in NFKC form, so full-width ＝＋－＠ and the like are caught too."""
    text = "" if value is None else str(value)
    if text and (text[0] in _TRIGGERS or unicodedata.normalize("NFKC", text[0])[:1] in _TRIGGERS
                 or unicodedata.category(text[0]) in {"Cc", "Zs", "Zl", "Zp"}):
        return "'" + text
    return text
