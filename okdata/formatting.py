"""Swedish formatting and grammar in one place: numbers (`1 234,5`, `76 %`, `<5`), lists (`a, b och c`), runs
of years (`2017–2018, 2020`) and times in Swedish time (`2026-06-15 12:05`); the words themselves are in texts."""

import math
import re
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from okdata import texts
from okdata.clock import in_sweden
from okdata.domain import NOT_QUANTITATIVE
from okdata.file_text import one_line

QUOTED = 60  # characters of a cell, a name or a code a message quotes
SMALL_COUNT = 5  # counts below this may identify people in small municipalities


# A figure is never split over two lines (4 / 000, +9,0 / %): its thousands and its per cent sign are held to it by
# a no-break space, as Swedish typesetting does; shown on screen, in the report files and in messages alike.
NBSP = "\u00a0"
PERCENT = f"{NBSP}%"

_BREAKS = re.compile(r"[ \t\r\n\v\f]+")


def held(*parts) -> str:
    """A symbol, its words and its count, no line broken between them ('⚠ Försenad 2'): a line of the report's
    table broke after '●' and began the next with 'Genomförd 3'. The parts joined by no-break spaces (a line may
    still break inside a part of several words: 'Ingen säker förändring'); empty parts left out."""
    return NBSP.join(str(p) for p in parts if p != "")


def words(text: str) -> list[str]:
    """A text's words as a line may be broken between them: at spaces, never at a no-break space (str.split
    breaks there too, and a wrapped slide or chart title split '8 144' and '9,0 %' again)."""
    return [w for w in _BREAKS.split(text) if w]


SCIENTIFIC_FROM = 1e12  # beyond any real figure of the plan: written 1,0 × 10¹⁵, never with hundreds of digits
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def shown_table(rows, columns=None) -> pd.DataFrame:
    """A table as a page shows it, from Python values already formatted (rows, or a dict of columns): every
    column keeps its Python objects (dtype object). A shown table is not computed on, and pandas 3 would turn
    each text column into Arrow strings value by value: half of what a small reader cost (issue 16)."""
    if isinstance(rows, dict):
        columns, rows = list(rows), list(zip(*rows.values()))
    return pd.DataFrame(list(rows), columns=pd.Index(columns, dtype=object), dtype=object)


def period_label(code: str) -> str:
    """A plan period's years as Swedish writes a range, '2024–2027', from its code '2024-2027'."""
    return code.replace("-", "–")


def fmt_num(x: float | int | None, decimals: int | None = None) -> str:
    """A number the Swedish way: a no-break space between thousands, decimal comma, the minus sign − for negatives;
    '–' for missing; absurd magnitudes in powers of ten (1e308 would otherwise be 309 digits)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if decimals is None and x == int(x) and abs(x) < SCIENTIFIC_FROM:  # a whole number, most counts: as below
        return f"{int(x):,}".replace(",", NBSP).replace("-", "−")
    if abs(x) >= SCIENTIFIC_FROM:
        mantissa, exponent = f"{float(x):.1e}".split("e")
        power = str(int(exponent)).translate(_SUPERSCRIPT)
        return f"{mantissa.replace('.', ',').replace('-', '−')}{NBSP}×{NBSP}10{power}"
    if decimals is None:  # one decimal, none when it would be ,0 (7,04 is '7', not '7,0'): rounded once
        value = rounded(x, 1)
        decimals = 0 if value.is_integer() else 1
    else:
        value = rounded(x, decimals)
    s = f"{value:,.{decimals}f}"
    if s.startswith("-") and not s.strip("-0,."):
        s = s[1:]  # -0,0 after rounding is 0,0
    return s.replace(",", NBSP).replace(".", ",").replace("-", "−")


def exact_digits(x: float | int) -> str:
    """Every digit a number has, with a decimal point: a whole number without decimals ('7824', never '7824.0'),
    any other in Python's shortest exact form ('12.345'; beyond 1e16 with an exponent)."""
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 2 ** 53 else repr(x)


def fmt_exact(x: float | int) -> str:
    """A number the Swedish way with every digit it has (a preview of what a save stores: 12,345 stays 12,345):
    thousands grouped, decimal comma, the minus sign −."""
    whole, _, fraction = exact_digits(x).partition(".")
    if "e" in whole + fraction:  # beyond any figure stored here: as fmt_num writes it
        return fmt_num(x)
    sign, digits = ("−", whole[1:]) if whole.startswith("-") else ("", whole)
    return sign + f"{int(digits):,}".replace(",", NBSP) + ("," + fraction if fraction else "")


def fmt_value(x: float | None, kind: str, text: str | None = None) -> str:
    """A stored value as a user reads it, by indicator kind."""
    if kind in NOT_QUANTITATIVE:
        return text or "–"
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if kind == "share":  # 82,04 is '82 %' as 82 is: '82 % … 82,0 %' read as two figures
        return f"{fmt_num(x)}{PERCENT}"
    if kind == "rate":
        return fmt_num(x, 1)
    return fmt_num(x)


def rounded(x: float, decimals: int) -> float:
    """x rounded as people round: half-way away from zero (1,25 → 1,3; −1,25 → −1,3; 2,5 → 3), where Python rounds
    to the even digit (1,2; 2). A tie is read from the number as written: 2,675 is one, though the float nearest
    to it is a hair below. Only a tie takes the decimal arithmetic; any other figure is rounded as before."""
    x = float(x)
    written = repr(x)
    _, _, fraction = written.partition(".")
    if len(fraction) != decimals + 1 or fraction[-1] != "5" or "e" in written:
        return round(x, decimals)
    return float(Decimal(written).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def as_shown(x: float) -> float:
    """A figure at the precision it is shown with (one decimal at most): changes and directions are read from
    the figures people see, so that '82 % … 82 %' is never called an increase."""
    return rounded(x, 1)


def fmt_change(delta: float, kind: str) -> str:
    """A signed change: '+22 procentenheter' (but '+1 procentenhet') for shares, '+12' otherwise."""
    sign = "+" if delta > 0 else ""
    body = fmt_num(delta, 0 if float(delta).is_integer() else 1)
    if kind == "share":
        return f"{sign}{body} {texts.PERCENTAGE_POINT if abs(delta) == 1 else texts.PERCENTAGE_POINTS}"
    return f"{sign}{body}"


def fmt_relative(delta: float, before: float) -> str:
    """A relative change as a signed percentage: two figures below 10 % ('−0,1 %', '+5,7 %'), whole percent
    above ('+25 %'); never '−0 %': a change that rounds to nothing is 'mindre än 0,1 %'."""
    pct = delta / abs(before) * 100
    decimals = 0 if abs(pct) >= 10 else 1
    if rounded(abs(pct), decimals) == 0:
        return texts.SENTENCE["tiny"]
    return f"{'+' if pct > 0 else '−'}{fmt_num(abs(pct), decimals)}{PERCENT}"


def by_number(n: int, forms: tuple[str, str]) -> str:
    """The singular form for one, else the plural: a noun, or a whole sentence whose words agree with n."""
    return forms[0] if n == 1 else forms[1]


def fmt_quantity(n: int, words: tuple[str, str]) -> str:
    """'1 dag', '3 dagar': a whole number with its noun in the singular or the plural."""
    return f"{fmt_num(n)} {by_number(n, words)}"


def fmt_counted(template: str, words: dict[str, tuple[str, str]], **facts) -> str:
    """`template` filled in with `facts`, each fact named in `words` written as a quantity with its words in the
    singular or the plural: '1 nytt värde, 3 ändrade', never '1 nya värden'."""
    return template.format(**{k: fmt_quantity(v, words[k]) if k in words else v for k, v in facts.items()})


def fmt_contents(goals: int, measures: int, indicators: int, goal_words: tuple[str, str] = texts.GOALS_WORDS) -> str:
    """'8 regionala mål, 55 åtgärder och 120 indikatorer', '1 mål, 1 åtgärd och 1 indikator': what a plan holds."""
    return fmt_list([fmt_quantity(goals, goal_words), fmt_quantity(measures, texts.MEASURES_WORDS),
                     fmt_quantity(indicators, texts.INDICATORS_WORDS)])


def fmt_list(items) -> str:
    """'a, b och c': a Swedish list."""
    items = [str(i) for i in items]
    return texts.AND.join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def fmt_years(years) -> str:
    """'2017–2018, 2020': a set of years as runs of consecutive years."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def fmt_pct(x: float | None, decimals: int = 1) -> str:
    """A ratio (0.407) as a percentage string ('40,7 %')."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{fmt_num(100 * x, decimals)}{PERCENT}"


def fmt_share(x: float | None) -> str:
    """A share of what was expected (514 of 515 → 0.998) in whole per cent, but never "100 %" before it is
    complete nor "0 %" once there is something: where rounding would reach an end it shows one decimal, and at
    most 99,9 % or at least 0,1 % ('99,8 %', '0,2 %'); '–' for none."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if 0 < x < 1 and rounded(100 * x, 0) in (0, 100):
        return f"{fmt_num(min(max(rounded(100 * x, 1), 0.1), 99.9), 1)}{PERCENT}"
    return fmt_pct(x, 0)


def fmt_time(moment: datetime | None, seconds: bool = False) -> str:
    """A stored moment as Swedish time, '2026-06-15 12:05' (with ':00' seconds if asked); '–' for none."""
    if moment is None or moment is pd.NaT:
        return texts.MISSING
    return f"{in_sweden(moment):%Y-%m-%d %H:%M{':%S' if seconds else ''}}"


def fmt_clock(moment: datetime) -> str:
    """The time of day of a stored moment in Swedish time, '12:05'."""
    return f"{in_sweden(moment):%H:%M}"


def quoted(text: str) -> str:
    """A text of a file (a cell, a sheet's name, a code) as a message quotes it: on one line, without controls
    (file_text.one_line: a sheet's name is not cleaned as it is read), whole up to QUOTED characters, else its
    start and its length."""
    text = one_line(str(text))
    return text if len(text) <= QUOTED else texts.QUOTED_CUT.format(start=text[:QUOTED], n=fmt_num(len(text)))
