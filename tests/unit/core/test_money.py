from decimal import Decimal

import pytest

from desktop.core.money import Money, fee_breakdown, format_rate, parse_rate


def test_fee_and_net_add_up_to_the_gross_for_awkward_amounts() -> None:
    for amount in ["0.01", "0.05", "19.99", "333.33", "1000.00", "12345.67"]:
        for rate in ["0", "0.05", "0.10", "0.125", "0.15"]:
            split = fee_breakdown(Money.of(amount), Decimal(rate))
            assert split.fee + split.net == split.gross
            assert split.fee.amount == split.fee.amount.quantize(Decimal("0.01"))


def test_fee_rounds_half_up_to_the_cent() -> None:
    # 0.10 * 0.05 = 0.005 -> 0.01 (banker's rounding would give 0.00)
    assert fee_breakdown(Money.of("0.05"), Decimal("0.10")).fee == Money.of("0.01")
    assert fee_breakdown(Money.of("500"), Decimal("0.10")).net == Money.of("450.00")


def test_the_rate_comes_from_the_server_and_is_validated() -> None:
    assert parse_rate("0.15") == Decimal("0.15")
    for bad in ["1", "-0.1", "abc", "NaN"]:
        with pytest.raises(ValueError, match=r"out of range|not a decimal|not a finite"):
            parse_rate(bad)


def test_money_refuses_floats_and_mixed_currencies() -> None:
    with pytest.raises(TypeError):
        Money.of(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="currency mismatch: USD vs EUR"):
        Money.of("1", "USD") + Money.of("1", "EUR")


def test_format_is_what_a_freelancer_reads() -> None:
    assert Money.of("1234.5").format() == "$1,234.50"
    assert Money.of("-20").format() == "-$20.00"
    assert Money.of("3", "CHF").format() == "3.00 CHF"
    assert format_rate(Decimal("0.10")) == "10%"
    assert format_rate(Decimal("0.125")) == "12.5%"


def test_wire_form_is_a_decimal_string() -> None:
    assert Money.of("10.005").to_wire() == {"amount": "10.01", "currency": "USD"}
