"""The tracking-case selector, on its own: no database."""

from __future__ import annotations

import random
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from areasend.datareturns.sampling import in_ap, propose_cases, replacement_for

FAST = settings(max_examples=150, deadline=None, database=None)
AGES = ["0-4", "5-10", "11-15", "16-19", "20-25"]
NEEDS = ["ASD", "SLCN", "SEMH", "MLD", "SLD", "PMLD", "SpLD", "HI", "VI", "MSI", "PD", "OTH"]
PROVISIONS = ["ehc_plan", "sen_support"]
SETTINGS = ["early_years", "mainstream_school", "special_school", "further_education",
            "alternative_provision", "neet"]


@dataclass(frozen=True)
class Entry:
    reference: str
    age_band: str
    need: str
    provision: str
    setting: str
    in_alternative_provision: bool = False


def mainstream(ref: str, **kw: object) -> Entry:
    values: dict[str, object] = {"age_band": "5-10", "need": "ASD", "provision": "ehc_plan",
                                 "setting": "mainstream_school"}
    values.update(kw)
    return Entry(ref, **values)  # type: ignore[arg-type]


def refs(entries: list[Entry]) -> list[str]:
    return [e.reference for e in entries]


entry_lists = st.lists(
    st.builds(
        Entry,
        reference=st.text("ABC0123456789-", min_size=1, max_size=8),
        age_band=st.sampled_from(AGES),
        need=st.sampled_from(NEEDS),
        provision=st.sampled_from(PROVISIONS),
        setting=st.sampled_from(SETTINGS),
        in_alternative_provision=st.booleans(),
    ),
    max_size=40,
    unique_by=lambda e: e.reference,
)


def test_the_only_child_in_alternative_provision_is_always_chosen() -> None:
    entries = [mainstream(f"R{i:02}") for i in range(30)] + [mainstream("AP-1", in_alternative_provision=True)]
    for seed in range(20):
        assert "AP-1" in refs(propose_cases(entries, 6, seed))


def test_alternative_provision_as_the_setting_counts_as_in_ap() -> None:
    entries = [mainstream(f"R{i:02}") for i in range(10)] + [mainstream("AP-2", setting="alternative_provision")]
    assert in_ap(entries[-1])
    assert "AP-2" in refs(propose_cases(entries, 3, seed=1))


def test_both_sen_support_and_ehc_plan_are_chosen_when_both_exist() -> None:
    entries = [mainstream(f"E{i:02}") for i in range(20)] + [mainstream("S-1", provision="sen_support")]
    picked = propose_cases(entries, 2, seed=7)
    assert {e.provision for e in picked} == {"ehc_plan", "sen_support"}


def test_the_proposal_spreads_across_age_bands_and_needs() -> None:
    entries = [mainstream(f"A{i:02}") for i in range(20)]  # twenty alike
    entries += [mainstream("B-1", age_band="16-19", need="HI", setting="further_education"),
                mainstream("B-2", age_band="0-4", need="SLCN", setting="early_years")]
    picked = refs(propose_cases(entries, 3, seed=3))
    assert {"B-1", "B-2"} <= set(picked)


def test_the_same_seed_gives_the_same_proposal_in_any_input_order() -> None:
    entries = [mainstream(f"R{i:02}", age_band=AGES[i % 5], need=NEEDS[i % 12]) for i in range(50)]
    shuffled = entries[:]
    random.Random(0).shuffle(shuffled)
    assert propose_cases(entries, 6, 99) == propose_cases(shuffled, 6, 99)


def test_different_seeds_can_give_different_proposals() -> None:
    entries = [mainstream(f"R{i:02}") for i in range(50)]
    assert len({tuple(refs(propose_cases(entries, 6, seed))) for seed in range(10)}) > 1


def test_fewer_entries_than_cases_proposes_them_all() -> None:
    entries = [mainstream("R1"), mainstream("R2")]
    assert sorted(refs(propose_cases(entries, 6, 0))) == ["R1", "R2"]
    assert propose_cases([], 6, 0) == []


def test_replacement_keeps_an_ap_case_when_the_ap_case_declines() -> None:
    entries = [mainstream(f"R{i:02}") for i in range(20)]
    entries += [mainstream("AP-1", in_alternative_provision=True), mainstream("AP-2", in_alternative_provision=True)]
    picked = propose_cases(entries, 6, 5)
    declined = next(e for e in picked if in_ap(e))
    kept = [e for e in picked if e is not declined]
    replacement = replacement_for(entries, kept, [declined], 5)
    assert replacement is not None and in_ap(replacement)
    assert replacement.reference not in refs(picked)


def test_replacement_is_none_when_nobody_is_left() -> None:
    entries = [mainstream("R1"), mainstream("R2")]
    assert replacement_for(entries, [entries[0]], [entries[1]], 0) is None


@FAST
@given(entries=entry_lists, n=st.integers(0, 10), seed=st.integers(0, 2**31 - 1), data=st.data())
def test_proposal_properties(entries: list[Entry], n: int, seed: int, data: st.DataObject) -> None:
    exclude = data.draw(st.lists(st.sampled_from(entries), unique_by=lambda e: e.reference)) if entries else []
    picked = propose_cases(entries, n, seed, exclude=exclude)
    available = [e for e in entries if e not in exclude]
    assert picked == propose_cases(list(reversed(entries)), n, seed, exclude=exclude)  # deterministic
    assert len(picked) == min(n, len(available))
    assert len(set(refs(picked))) == len(picked)  # distinct
    assert not set(refs(picked)) & set(refs(exclude))  # never excluded
    if n >= 1 and any(in_ap(e) for e in available):
        assert any(in_ap(e) for e in picked)  # the AP rule
    if n >= 2:
        for provision in PROVISIONS:
            if any(e.provision == provision for e in available):
                assert any(e.provision == provision for e in picked)


@FAST
@given(entries=entry_lists, seed=st.integers(0, 2**31 - 1))
def test_replacement_properties(entries: list[Entry], seed: int) -> None:
    picked = propose_cases(entries, 6, seed)
    if not picked:
        return
    declined, kept = picked[0], picked[1:]
    replacement = replacement_for(entries, kept, [declined], seed)
    assert replacement == replacement_for(list(reversed(entries)), kept, [declined], seed)
    if len(entries) == len(picked):
        assert replacement is None
        return
    assert replacement is not None
    assert replacement.reference not in refs(picked)
    if in_ap(declined) and not any(in_ap(e) for e in kept) and any(
        in_ap(e) for e in entries if e not in picked
    ):
        assert in_ap(replacement)
