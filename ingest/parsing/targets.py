"""Quantitative targets read from a policy's summary and key points: "increase labor productivity
by 10 percent compared to 2025 ... until 2027" -> one `ParsedTarget`.

Nothing is invented: a target needs a number and a target year in its sentence, or a number in a
key point under a lead-in that states the year ("Key goals by 2027 include:"). Years, numbers glued
to letters ("5G", "1+N"), durations written with a hyphen ("15-year plan") and the size of what is
counted ("companies worth CNY 100 billion") are no targets of their own.
"""

from __future__ import annotations

import re

from .structures import ParsedTarget

_WORD_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = (r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\+?|"
           r"(?:" + "|".join(_WORD_VALUES) + r")")
_QUALIFIER = (r"(?:more\s+than|fewer\s+than|less\s+than|no\s+(?:less|fewer|more)\s+than|"
              r"at\s+least|at\s+most|up\s+to|over|under|above|below|around|about|"
              r"approximately|nearly|between|within|some)")
_CURRENCY = r"(?:CNY|RMB|USD|US\$|EUR|yuan\s+)"
_UNITS = {
    "percent": "percent", "per cent": "percent", "%": "percent",
    "percentage points": "percentage points", "percentage point": "percentage points",
}
_MEASURE_WORDS = (
    r"gigawatts?|megawatts?|kilowatts?|terawatt[- ]hours?|gigawatt[- ]hours?|kilowatt[- ]hours?|"
    r"GW|MW|kW|TWh|GWh|kWh|tons?|tonnes?|kilometers?|kilometres?|km|square\s+meters?|"
    r"hectares?|months?|years?|days?|levels?|sets?|units?|pieces?|yuan|households?|"
    r"percentage\s+points?|percent|per\s+cent"
)
_QUANTITY_RE = re.compile(
    r"(?<![\w.+\-/])"
    r"(?P<qual>" + _QUALIFIER + r"\s+)?"
    r"(?P<cur>" + _CURRENCY + r"\s*)?"
    r"(?P<num>" + _NUMBER + r")"
    r"(?:\s*(?:to|-|–|and)\s*(?P<num2>" + _NUMBER + r"))?"
    r"(?:\s+(?P<scale>" + "|".join(_SCALES) + r"))?"
    r"(?:\s*(?P<unit>%|(?:" + _MEASURE_WORDS + r")\b))?"
    r"(?P<more>\s+or\s+(?:more|above|higher))?",
    re.IGNORECASE,
)
_YEAR = r"(?:19|20)\d\d"
_TARGET_YEAR_RE = re.compile(
    r"\b(?:by|until|till|before|for|through|to)\s+(?:the\s+end\s+of\s+)?(?P<year>" + _YEAR
    + r")\b(?![-–]\d)",
    re.IGNORECASE,
)
_BASELINE_YEAR_RE = re.compile(
    r"\b(?:compared\s+(?:to|with)|relative\s+to|than\s+(?:in\s+)?|from|over)\s+(?:the\s+)?"
    r"(?:(?:level|levels)\s+(?:of|in)\s+)?(?P<year>" + _YEAR + r")\b(?![-–]\d)",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z“\"(])")
_CLAUSE_SPLIT_RE = re.compile(r",(?!\d{3}\b)|;|:|\s[–—]\s")
_SIZE_OF_COUNTED_RE = re.compile(
    r"\b(?:worth|valued\s+at|revenues?\s+of|output\s+of|value\s+of|each\s+with|income\s+of)"
    r"(?:\s+" + _QUALIFIER + r")?\s*$",
    re.IGNORECASE,
)
_GOAL_VERBS = (
    "achieve", "add", "boost", "bring", "build", "construct", "create", "cultivate", "cut",
    "decrease", "deploy", "develop", "establish", "expand", "foster", "grow", "improve",
    "increase", "install", "lower", "promote", "raise", "reach", "reduce", "revise", "shorten",
    "speed up", "train", "upgrade", "lift", "double", "curb", "limit", "support", "form",
)
_GOAL_VERB_RE = re.compile(r"\b(?:" + "|".join(v.replace(" ", r"\s+") for v in _GOAL_VERBS)
                           + r")(?:s|es|ed|d|ing)?\b", re.IGNORECASE)
_CUT_VERB_RE = re.compile(r"\b(?:reduc|cut|lower|shorten|decreas|curb|limit|speed(?:ing)?\s+up)"
                          r"\w*|\bdown\b", re.IGNORECASE)
_RAISE_VERB_RE = re.compile(r"\b(?:increas|rais|expand|boost|grow(?!th)|lift|doubl|enhanc)\w*",
                            re.IGNORECASE)
_TRAILING_WORDS = {
    "to", "by", "ensure", "it", "exceeds", "exceed", "exceeding", "should", "will", "reach",
    "reaches", "be", "at", "least", "over", "more", "than", "so", "that", "of", "from", "around",
    "about", "up", "is", "are", "above", "below", "under", "within", "and", "a", "an", "the",
    "with", "total", "totalling", "totaling", "some", "nearly", "between", "each",
}
_LEADING_WORDS = {"and", "while", "whereas", "also", "the", "a", "an", "its", "their", "to",
                  "with", "of", "in", "as", "well", "further"}
_COUNTED_STOP_RE = re.compile(
    r",(?!\d{3}\b)|;|:|\.(?:\s|$)|\(|\s(?:to|by|in|for|that|which|who|across|through|from|"
    r"per|at|on|under|within|while|so)\s|"
    # "one platform and 30+ data nodes", "five clusters and build ten bases", not "R&D and design"
    r"\sand\s(?=\d|(?:" + "|".join(_WORD_VALUES) + "|several|" + "|".join(_GOAL_VERBS)
    + r")\b)",
    re.IGNORECASE,
)
_OF_PHRASE_RE = re.compile(r"^\s*(?:\([^)]{1,20}\)\s*)?of\s+(?P<what>.+)", re.IGNORECASE)


def find_targets(summary: str, key_points: list[str]) -> list[ParsedTarget]:
    """The targets an item states about its policy, in the order of the text."""
    targets: list[ParsedTarget] = []
    sentences = _sentences(summary)
    lead_year = None
    if sentences and sentences[-1].rstrip().endswith(":"):
        lead_year = _target_year(sentences[-1])
    for sentence in sentences:
        targets += _targets_in(sentence, None)
    for point in key_points:
        for sentence in _sentences(point):
            targets += _targets_in(sentence, lead_year)
    return targets


def _sentences(text: str) -> list[str]:
    text = " ".join((text or "").split())
    return [s.strip() for s in _SENTENCE_END_RE.split(text) if s.strip()]


def _target_year(text: str) -> int | None:
    for m in _TARGET_YEAR_RE.finditer(text):
        if not re.search(r"compared\s*$", text[:m.start()], re.IGNORECASE):
            return int(m.group("year"))
    return None


def _targets_in(sentence: str, context_year: int | None) -> list[ParsedTarget]:
    year = _target_year(sentence) or context_year
    if year is None:
        return []
    found: list[ParsedTarget] = []
    quantities = [m for m in _QUANTITY_RE.finditer(sentence) if _is_quantity(sentence, m)]
    skip_next = False
    for n, m in enumerate(quantities):
        if skip_next:
            skip_next = False
            continue
        before = sentence[:m.start()]
        if _SIZE_OF_COUNTED_RE.search(before) and found:
            continue  # "companies worth CNY 100 billion": the size of what is counted
        if re.search(r"\bper\s*$", before, re.IGNORECASE):
            continue  # "per 10,000 people"
        baseline_value = None
        target, value_group = m, "num"
        following = quantities[n + 1] if n + 1 < len(quantities) else None
        from_here = re.search(r"\bfrom\s*$", before, re.IGNORECASE)
        if (from_here and following is not None
                and re.fullmatch(r"\s*to\s*", sentence[m.end():following.start()])):
            baseline_value, target, skip_next = _value(m), following, True
        elif from_here and m.group("num2"):  # "from 15 to 56 percent"
            baseline_value, value_group = _value(m), "num2"
        elif _is_duration(m) and not (m.group("qual") or from_here):
            continue  # "concluded four days of meetings", "run for three years"
        value = _value(target, value_group)
        found.append(_target(sentence, m.start(), target, year, value, baseline_value))
    return found


def _is_quantity(sentence: str, m: re.Match) -> bool:
    num = m.group("num")
    after = sentence[m.end():m.end() + 2]
    if re.fullmatch(_YEAR, num) and not (m.group("unit") or m.group("scale") or m.group("cur")):
        return False
    if re.match(r"[-–]\w|\+\w|[A-Za-z]", after) or re.match(r"\s*-\s*year", sentence[m.end():]):
        return False
    if num.isalpha() and not m.group("unit") and not m.group("scale"):
        rest = sentence[m.end():].lstrip()
        if not rest or not rest[0].isalpha() or re.match(r"(?:of|to|or|and|in)\b", rest, re.I):
            return False
    # "the one", "one of": a word, not a count
    return not (num.isalpha() and re.search(r"\b(?:the|of|only)\s*$", sentence[:m.start()], re.I))


def _number(text: str) -> float:
    text = text.lower().rstrip("+")
    if text in _WORD_VALUES:
        return float(_WORD_VALUES[text])
    return float(text.replace(",", ""))


def _is_duration(m: re.Match) -> bool:
    return bool(re.fullmatch(r"(?:day|month|year)s?", (m.group("unit") or "").lower()))


def _value(m: re.Match, group: str = "num") -> float:
    """The quantity's number: its range's start, or its end with `group="num2"`."""
    value = _number(m.group(group))
    if m.group("scale"):
        value *= _SCALES[m.group("scale").lower()]
    return value


def _unit(m: re.Match) -> str:
    unit = m.group("unit") or ""
    unit = " ".join(unit.split())
    if m.group("cur"):
        currency = m.group("cur").strip().rstrip("$").upper().replace("US", "USD")
        return {"YUAN": "CNY", "RMB": "CNY"}.get(currency, currency)
    return _UNITS.get(unit.lower(), unit)


def _target(sentence: str, start: int, m: re.Match, year: int, value: float,
            baseline_value: float | None) -> ParsedTarget:
    """The target of quantity `m`, whose phrase begins at `start` (at its baseline's quantity in
    "from 24 months to under 18 months")."""
    unit = _unit(m)
    clause_start = max([0, *(c.end() for c in _CLAUSE_SPLIT_RE.finditer(sentence, 0, start))])
    clause_end = next((c.start() for c in _CLAUSE_SPLIT_RE.finditer(sentence, m.end())),
                      len(sentence))
    before = sentence[clause_start:start]
    after = sentence[m.end():]
    clause = sentence[clause_start:clause_end]
    baseline = _BASELINE_YEAR_RE.search(clause)
    baseline_year = int(baseline.group("year")) if baseline else None
    if m.group("unit") or m.group("cur"):
        of = _OF_PHRASE_RE.match(after)
        metric = _trim(_COUNTED_STOP_RE.split(of.group("what"), maxsplit=1)[0]) if of else ""
    else:  # a count: what is counted follows the number ("30+ data nodes")
        metric = _trim(_COUNTED_STOP_RE.split(after, maxsplit=1)[0])
    if baseline_value is not None or not metric:  # "grow X from 2.5 to 3.7 trillion"
        metric = _metric_before(before) or metric
    return ParsedTarget(
        metric=metric[:300],
        value=value,
        value_text=" ".join(m.group(0).split()),
        unit=unit,
        direction=_direction(before + " " + _COUNTED_STOP_RE.split(after, maxsplit=1)[0],
                             value, baseline_value),
        target_year=year,
        baseline_value=baseline_value,
        baseline_year=baseline_year if baseline_year != year else None,
        sentence=sentence[:1000],
    )


def _metric_before(before: str) -> str:
    verbs = list(_GOAL_VERB_RE.finditer(before))
    text = before[verbs[-1].end():] if verbs else before
    return _trim(text)


def _trim(text: str) -> str:
    words = text.split()
    while words and words[-1].lower().strip(",") in _TRAILING_WORDS:
        words.pop()
    while words and words[0].lower() in _LEADING_WORDS:
        words.pop(0)
    return " ".join(words[:14]).strip(" ,;:").strip("“”\"")


def _direction(context: str, value: float, baseline_value: float | None) -> str:
    if baseline_value is not None and baseline_value != value:
        return "cut" if value < baseline_value else "raise"
    if _CUT_VERB_RE.search(context):
        return "cut"
    if _RAISE_VERB_RE.search(context):
        return "raise"
    return "reach"
