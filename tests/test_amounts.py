"""Money in French and English: examples users read every day, and properties over random values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mercato.extract.amounts import parse_amounts, parse_count, parse_percent, to_usd

EUR = to_usd(1, "EUR")


@pytest.mark.parametrize(
    "text, lang, usd, qualifier",
    [
        ("Nvidia a injecté 14 milliards de dollars dans Orbit Labs", "fr", 14e9, None),
        ("a $14.3 billion investment", "en", 14.3e9, None),
        ("des offres de 100 M$", "fr", 1e8, None),
        ("1,7 milliard d'euros", "fr", 1.7e9 * EUR, None),
        ("a €2bn deal", "en", 2e9 * EUR, None),
        ("up to $100M", "en", 1e8, "up_to"),
        ("jusqu'à 1 milliard de dollars", "fr", 1e9, "up_to"),
        ("plus de 14 milliards de dollars", "fr", 14e9, "over"),
        ("pay in the seven to nine figures", "en", 1e8, "range"),
        ("des salaires à neuf chiffres", "fr", 1e8, None),
    ],
)
def test_examples(text, lang, usd, qualifier):
    (amount,) = parse_amounts(text, lang)
    assert amount.value_usd == pytest.approx(usd)
    assert amount.qualifier == qualifier
    assert text[amount.start : amount.end] == amount.text


def test_periods_bare_amounts_and_non_money():
    (pkg,) = parse_amounts("a $300 million package over four years", "en")
    assert (pkg.period, pkg.years) == ("total", 4)
    total, part = parse_amounts("300 millions € d'investissement, dont 100 millions fournis par le groupe", "fr")
    assert part.currency == "EUR" and part.value_usd == pytest.approx(1e8 * EUR)
    assert parse_amounts("He ran 3 m in 2025 with 10 friends", "en") == []
    assert parse_amounts("100 millions de personnes", "fr") == []


def test_rates_are_dated():
    assert to_usd(100, "EUR", "2023-06-15") == pytest.approx(108)
    assert to_usd(100, "USD") == 100
    with pytest.raises(ValueError, match="rates.yaml"):
        to_usd(1, "XYZ")


def test_counts_and_percentages():
    assert parse_count("au moins 10 chercheurs", "fr") == 10
    assert parse_count("four researchers", "en") == 4
    assert parse_count("more than a dozen engineers", "en") == 12
    assert parse_count("une dizaine d'ingénieurs", "fr") == 10
    assert parse_percent("a 49% stake") == 49 and parse_percent("49 pour cent du capital") == 49


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=9),
    st.sampled_from(["en", "fr"]),
    st.sampled_from(["million", "billion"]),
)
def test_formatted_values_parse_back(units, tenth, lang, scale):
    value = units + tenth / 10
    factor = 1e6 if scale == "million" else 1e9
    if lang == "en":
        text = f"The deal is worth ${value:.1f} {scale}."
    else:
        word = "millions" if scale == "million" else "milliards"
        text = f"L'accord vaut {str(round(value, 1)).replace('.', ',')} {word} de dollars."
    (amount,) = parse_amounts(text, lang)
    assert amount.value_usd == pytest.approx(value * factor)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["en", "fr", "de", None]))
def test_never_raises_on_random_text(text, lang):
    for amount in parse_amounts(text, lang):
        assert amount.value_usd >= 0 and 0 <= amount.start < amount.end <= len(text)


def test_amounts_spelled_with_number_words() -> None:
    """ "two billion dollars", "quatre milliards d'USD", "un milliard et demi": a number word before a
    scale word is an amount; a vague plural ("des dizaines de millions") stays no amount."""
    from mercato.extract.amounts import parse_amounts

    assert [a.value_usd for a in parse_amounts("It raised two billion dollars.", "en")] == [2e9]
    assert [a.value_usd for a in parse_amounts("Elle a reçu quatre milliards d'USD.", "fr")] == [4e9]
    assert [a.value_usd for a in parse_amounts("un milliard et demi de dollars", "fr")] == [1.5e9]
    assert parse_amounts("des dizaines de millions de dollars", "fr") == []
    assert parse_amounts("one million users", "en") == []


@pytest.mark.parametrize(
    ("text", "lang", "usd"),
    [
        ("It raised two hundred million dollars.", "en", 2e8),
        ("It raised three hundred and fifty million dollars.", "en", 3.5e8),
        ("It raised twenty-five million dollars.", "en", 2.5e7),
        ("Elle a levé deux cents millions de dollars.", "fr", 2e8),
        ("Elle a levé soixante-dix millions de dollars.", "fr", 7e7),
        ("Elle a levé quatre-vingts millions de dollars.", "fr", 8e7),
    ],
)
def test_number_words_in_a_row_make_one_number(text: str, lang: str, usd: float) -> None:
    """A hundred multiplies the words before it, the others add up; a hyphenated word the lexicon
    knows whole ("quatre-vingts") is one number."""
    from mercato.extract.amounts import parse_amounts

    assert [a.value_usd for a in parse_amounts(text, lang)] == [usd]


def test_a_range_between_two_amounts_is_its_ceiling() -> None:
    """ "between $40 million and $60 million", "entre 200 millions et 1 milliard de dollars": one amount,
    the largest; years joined by "between" stay no range."""
    (en,) = parse_amounts("Quillon could raise between $40 million and $60 million.", "en")
    assert (en.value_usd, en.qualifier) == (60e6, "range")
    (fr,) = parse_amounts("Zentor investirait entre 200 millions et 1 milliard de dollars.", "fr")
    assert (fr.value_usd, fr.qualifier) == (1e9, "range")
    assert [a.value_usd for a in parse_amounts("between 2019 and 2022 it raised $5 million", "en")] == [5e6]
    assert [a.value_usd for a in parse_amounts("it grew from $5 million to $9 million", "en")] == [5e6, 9e6]


def test_a_converted_amount_in_parentheses_is_the_same_sum() -> None:
    """ "US$400 million (S$540 million)": one amount, in US dollars; when the parenthesis gives the
    dollars of a sum in euros, those dollars are taken."""
    (usd,) = parse_amounts("Zentor will pay Quillon US$400 million (S$540 million) for its software.", "en")
    assert usd.value_usd == 400e6 and usd.currency == "USD"
    (eur,) = parse_amounts("Quillon raised €300 million ($333 million) last year.", "en")
    assert eur.value_usd == 333e6
    (sgd,) = parse_amounts("a S$100 million grant", "en")
    assert sgd.currency == "SGD"


def test_us_dollars_written_out() -> None:
    """ "3 billion US dollars", "500 million U.S. dollars": dollars, as "$3 billion" is."""
    assert [a.value_usd for a in parse_amounts("Zentor paid 3 billion US dollars for Quillon.", "en")] == [3e9]
    assert [a.value_usd for a in parse_amounts("a 500 million U.S. dollars deal", "en")] == [5e8]
