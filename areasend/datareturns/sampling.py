"""Choosing the children and young people to track (framework spec §3.2 step 6).

Inspectors track a handful of children and young people "with a range of needs, ages and
services"; usually at least one is in alternative provision (AP), and the sample takes in children
at SEN support as well as those with an EHC plan [S36][S37]. This module proposes such a sample
from the partnership's case list. It is pure Python (no Django) so that it can be property-tested
on its own, and it is reproducible: the same entries and seed always give the same proposal.

How it picks, one entry at a time:
1. Requirements first. While a requirement is unmet (no AP case yet although the list has AP
   cases; no SEN support case yet although the list has both kinds; likewise for EHC plans), only
   entries that meet one are eligible, those meeting most first.
2. Then spread: prefer the entry that brings the most values not yet in the sample across age
   band, need, provision and setting, then the one whose values are least represented.
3. Remaining ties are broken by a random order drawn from random.Random(seed) over the entries
   sorted by reference. The seed decides nothing else, so the input order never matters.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Protocol, TypeVar

EHC_PLAN = "ehc_plan"
SEN_SUPPORT = "sen_support"
ALTERNATIVE_PROVISION = "alternative_provision"

# The dimensions the spread is measured on.
DIMENSIONS = ("age_band", "need", "provision", "setting")


class Candidate(Protocol):
    """What the selector needs to know about one child or young person on the case list."""

    @property
    def reference(self) -> str: ...
    @property
    def age_band(self) -> str: ...
    @property
    def need(self) -> str: ...
    @property
    def provision(self) -> str: ...
    @property
    def setting(self) -> str: ...
    @property
    def in_alternative_provision(self) -> bool: ...


C = TypeVar("C", bound=Candidate)
Rule = Callable[[Candidate], bool]


def in_ap(entry: Candidate) -> bool:
    """Attends alternative provision, whether as the main setting or alongside another."""
    return bool(entry.in_alternative_provision) or entry.setting == ALTERNATIVE_PROVISION


def _is_sen_support(entry: Candidate) -> bool:
    return entry.provision == SEN_SUPPORT


def _has_ehc_plan(entry: Candidate) -> bool:
    return entry.provision == EHC_PLAN


RULES: tuple[Rule, ...] = (in_ap, _is_sen_support, _has_ehc_plan)


def _unique(entries: Iterable[C]) -> list[C]:
    """Entries sorted by reference, the first of any repeated reference kept."""
    seen: dict[str, C] = {}
    for entry in entries:
        seen.setdefault(entry.reference, entry)
    return [seen[ref] for ref in sorted(seen)]


def _tie_break(entries: Sequence[Candidate], seed: int | str) -> dict[str, int]:
    """A rank for every reference, drawn from the seed: the only use of randomness."""
    order = sorted(e.reference for e in entries)
    random.Random(seed).shuffle(order)
    return {ref: rank for rank, ref in enumerate(order)}


def _pick(
    candidates: list[C], chosen: list[C], rules: Sequence[Rule], rank: dict[str, int]
) -> C:
    unmet = [rule for rule in rules if not any(rule(c) for c in chosen)]
    counts = {dim: Counter(getattr(c, dim) for c in chosen) for dim in DIMENSIONS}
    eligible = [c for c in candidates if any(rule(c) for rule in unmet)] or candidates

    def score(entry: C) -> tuple[int, int, int, int]:
        met = sum(1 for rule in unmet if rule(entry))
        new_values = sum(1 for dim in DIMENSIONS if counts[dim][getattr(entry, dim)] == 0)
        crowding = sum(counts[dim][getattr(entry, dim)] for dim in DIMENSIONS)
        return (-met, -new_values, crowding, rank[entry.reference])

    return min(eligible, key=score)


def _select(pool: list[C], chosen: list[C], n: int, seed: int | str, everyone: list[C]) -> list[C]:
    """Add up to n entries from pool to chosen. Rules are active where `everyone` (the available
    entries plus those already chosen) has an entry meeting them."""
    rules = [rule for rule in RULES if any(rule(e) for e in everyone)]
    rank = _tie_break(everyone, seed)
    candidates, picked = list(pool), list[C]()
    while candidates and len(picked) < n:
        entry = _pick(candidates, chosen + picked, rules, rank)
        picked.append(entry)
        candidates = [c for c in candidates if c.reference != entry.reference]
    return picked


def propose_cases(
    entries: Iterable[C], n: int, seed: int | str, exclude: Collection[Candidate] = ()
) -> list[C]:
    """Propose min(n, available) distinct entries, never one in `exclude` (matched by reference),
    spread across age bands, needs, provision and settings."""
    excluded = {e.reference for e in exclude}
    pool = [e for e in _unique(entries) if e.reference not in excluded]
    return _select(pool, [], max(n, 0), seed, pool)


def replacement_for(
    entries: Iterable[C], selected: Collection[C], declined: Collection[Candidate], seed: int | str
) -> C | None:
    """One entry to track instead of the declined one(s), keeping the spread of the cases still
    tracked; None when nobody is left. `selected` are the cases tracked now; `declined` every
    entry that may not be picked again (declined, withdrawn or swapped out). An entry in both
    counts as declined."""
    gone = {e.reference for e in declined}
    kept = [e for e in _unique(selected) if e.reference not in gone]
    taken = gone | {e.reference for e in kept}
    pool = [e for e in _unique(entries) if e.reference not in taken]
    picked = _select(pool, kept, 1, seed, pool + kept)
    return picked[0] if picked else None
