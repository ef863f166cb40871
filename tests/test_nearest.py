"""The documented codes related to one we do not document (activation_kb.domain.nearest):
same facility and code with another severity first, then the facility by distance, never
another facility."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from activation_kb.domain.nearest import (
    CLOSEST,
    another_severity,
    family,
    nearest_codes,
    order_key,
)
from tests.documented import DOCUMENTED

KNOWN = sorted(row[0] for row in DOCUMENTED)


def test_another_severity_of_the_same_code_comes_first() -> None:
    # SL_I_NONGENUINE_GRACE_PERIOD 0x4004F065 → the documented 0xC004F065, then the nearest
    # codes of FACILITY_ITF: 0xC004F064 (code distance 1), 0xC004F06C (7).
    assert nearest_codes(0x4004F065, KNOWN) == [0xC004F065, 0xC004F064, 0xC004F06C]
    assert nearest_codes(0x0004F074, KNOWN, count=1) == [0xC004F074]
    assert nearest_codes(0x8004F065, KNOWN, count=1) == [0xC004F065]


def test_never_a_code_of_another_facility() -> None:
    # 0x80090001 is FACILITY_SSPI: one documented code (0x80092328), not three.
    assert nearest_codes(0x80090001, KNOWN) == [0x80092328]
    # 0x887A0005 (FACILITY_DXGI, 2170): none, although 0x8007xxxx codes are numerically near.
    assert nearest_codes(0x887A0005, KNOWN) == []
    # 0x807A0005 is facility 122 (FACILITY_WSBAPP), MS-ERREF's reading of 0x887A0005: none.
    assert nearest_codes(0x807A0005, KNOWN) == []
    # Bit 29 (C) set: another vendor's facility 4, not Microsoft's.
    assert nearest_codes(0xA004F074, KNOWN) == []


def test_the_facility_by_distance_of_the_code() -> None:
    # FACILITY_WIN32, code 0x0006: 0x80070005 (1), 0x8007007B (0x75), 0x80070490 (0x48A).
    assert nearest_codes(0x80070006, KNOWN) == [0x80070005, 0x8007007B, 0x80070490]
    # 0xC004F060: 0xC004F064 (4), 0xC004F065 (5), 0xC004F06C (12); 0xC004F051 is 15 away.
    assert nearest_codes(0xC004F060, KNOWN) == [0xC004F064, 0xC004F065, 0xC004F06C]
    # 0x8004F060 is FACILITY_ITF too: the same codes by their code's distance, although
    # 0x8004FE21 is nearer in value.
    assert nearest_codes(0x8004F060, KNOWN) == [0xC004F064, 0xC004F065, 0xC004F06C]


def test_another_severity_differs_in_bits_31_and_30_only() -> None:
    assert another_severity(0x4004F065, 0xC004F065)
    assert another_severity(0x0004F065, 0x8004F065)
    assert not another_severity(0xC004F065, 0xC004F065)
    assert not another_severity(0xC004F065, 0xE004F065)  # bit 29: another vendor's facility
    assert not another_severity(0xC004F065, 0xC004F064)


def test_the_value_itself_is_left_out() -> None:
    assert 0xC004F074 not in nearest_codes(0xC004F074, KNOWN)
    assert nearest_codes(0xC004F074, KNOWN, count=1) == [0xC004F06C]


def test_the_order_key_is_facility_then_code_then_severity() -> None:
    values = [0xC004F074, 0x4004F074, 0x8004FFFF, 0x80070005, 0x0004_0001, 0xC0070000]
    assert sorted(values, key=order_key) == [
        0x0004_0001,
        0x4004F074,
        0xC004F074,
        0x8004FFFF,
        0xC0070000,
        0x80070005,
    ]
    assert order_key(0xFFFFFFFF) == 0xFFFFFFFF  # a reordering of 32 bits: exact in JavaScript
    assert family(0x887A0005) == 2170 and family(0xA0040001) == 0x2004


uint32 = st.integers(min_value=0, max_value=0xFFFFFFFF)


@given(uint32, st.lists(uint32, max_size=40))
def test_related_codes_share_the_facility_and_come_best_first(value: int, known: list[int]) -> None:
    found = nearest_codes(value, known)
    assert len(found) <= CLOSEST and value not in found
    assert all(family(k) == family(value) for k in found)
    rank = [(abs((k & 0xFFFF) - (value & 0xFFFF)), abs(k - value), k) for k in found]
    assert rank == sorted(rank)
    left_out = set(known) - set(found) - {value}
    if len(found) < CLOSEST:
        assert all(family(k) != family(value) for k in left_out)


@given(uint32)
def test_order_key_is_a_reordering_of_the_bits(value: int) -> None:
    key = order_key(value)
    assert 0 <= key <= 0xFFFFFFFF
    assert key >> 18 == family(value)
    assert key >> 2 & 0xFFFF == value & 0xFFFF
    assert key & 3 == value >> 30
