"""A period of whole months in words, as an agreement says it: «én måned», «seks måneder», «ett år».

The notice period (R5) and other terms are the network's data (R13), so every text that names
them is built here, in the reader's language, with the right plural.
"""

from __future__ import annotations

from django.utils.translation import ngettext, pgettext_lazy

# The words an agreement uses for the short periods; longer ones are written with digits.
MONTHS_IN_WORDS = {
    1: pgettext_lazy("periode", "én måned"),
    2: pgettext_lazy("periode", "to måneder"),
    3: pgettext_lazy("periode", "tre måneder"),
    4: pgettext_lazy("periode", "fire måneder"),
    5: pgettext_lazy("periode", "fem måneder"),
    6: pgettext_lazy("periode", "seks måneder"),
    7: pgettext_lazy("periode", "sju måneder"),
    8: pgettext_lazy("periode", "åtte måneder"),
    9: pgettext_lazy("periode", "ni måneder"),
    10: pgettext_lazy("periode", "ti måneder"),
    11: pgettext_lazy("periode", "elleve måneder"),
}
YEARS_IN_WORDS = {
    1: pgettext_lazy("periode", "ett år"),
    2: pgettext_lazy("periode", "to år"),
    3: pgettext_lazy("periode", "tre år"),
    4: pgettext_lazy("periode", "fire år"),
    5: pgettext_lazy("periode", "fem år"),
}


def months_in_words(months: int) -> str:
    """`months` as a period: whole years as years, short periods in words, the rest in digits."""
    if months <= 0:
        raise ValueError(f"a period is at least one month, not {months}")
    years, rest = divmod(months, 12)
    if rest == 0 and years in YEARS_IN_WORDS:
        return str(YEARS_IN_WORDS[years])
    if months in MONTHS_IN_WORDS:
        return str(MONTHS_IN_WORDS[months])
    if rest == 0:
        return ngettext("%(count)s år", "%(count)s år", years) % {"count": years}
    return ngettext("%(count)s måned", "%(count)s måneder", months) % {"count": months}


def years_in_words(years: int) -> str:
    return months_in_words(12 * years)
