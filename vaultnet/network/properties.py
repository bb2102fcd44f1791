"""Property reading: canonical keys, Russian aliases and values, dates, numbers (§4.3).

Obsidian gives one property name one type across the vault and Dataview lower-cases keys and
turns spaces into dashes, so both spellings are folded to one canonical English key here.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

# Russian key → canonical key (networking-model.md §4.3).
RUSSIAN_KEYS: dict[str, str] = {
    "тип": "type",
    "компания": "company",
    "должность": "role",
    "познакомились": "met",
    "через_кого": "met_via",
    "где_познакомились": "met_at",
    "источник": "source",
    "круг": "tier",
    "частота": "cadence",
    "сила": "strength",
    "цели": "goals",
    "цель": "goals",
    "знает": "knows",
    "последний_контакт": "last_contact",
    "день_рождения": "birthday",
    "статус": "status",
    "оценка": "rating",
    "вид": "kind",
    "участники": "with",
    "направление": "direction",
    "дата": "date",
    "запланировано": "planned",
    "событие": "event",
    "мероприятие": "event",
}

# Inline fields use the singular (`[goal:: …]`); properties use the plural (`goals:`).
SINGULAR_KEYS: dict[str, str] = {"goal": "goals", "participants": "with", "person": "with"}

# Russian (and a few English) values → canonical values, per key family.
RUSSIAN_VALUES: dict[str, str] = {
    # kinds
    "встреча": "meeting",
    "звонок": "call",
    "созвон": "call",
    "сообщение": "message",
    "письмо": "email",
    "разговор на мероприятии": "event_chat",
    "event conversation": "event_chat",
    "event-chat": "event_chat",
    "event chat": "event_chat",
    "знакомство": "intro",
    "представление": "intro",
    "рекомендация": "referral",
    "приглашение": "invitation",
    "результат": "outcome",
    # directions
    "получено": "received",
    "получил": "received",
    "получила": "received",
    "входящее": "received",
    "дано": "given",
    "дал": "given",
    "дала": "given",
    "исходящее": "given",
    # person status
    "активен": "active",
    "активный": "active",
    "пауза": "paused",
    "на паузе": "paused",
    "архив": "archived",
    # goal status
    "не начато": "todo",
    "в процессе": "doing",
    "достигнуто": "done",
    "отменено": "dropped",
    # tiers
    "ближний": "inner",
    "внутренний": "inner",
    "близкий": "close",
    "знакомый": "casual",
    "поддерживать": "keep-warm",
    "спящий": "dormant",
    # sources (the seed's four methods)
    "сообщество": "community",
    "соцсети": "social",
    "свое мероприятие": "own_event",
    "своё мероприятие": "own_event",
    "волонтерство": "volunteering",
    "волонтёрство": "volunteering",
    "работа": "work",
    "другое": "other",
    # booleans written in Russian
    "да": "true",
    "нет": "false",
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def canonical_key(key: str) -> str:
    """Fold a property or inline-field key to its canonical English spelling."""
    folded = key.strip().lower().replace(" ", "_")
    folded = RUSSIAN_KEYS.get(folded, folded)
    dashed = folded.replace("_", "-")
    folded = RUSSIAN_KEYS.get(dashed, folded)  # Dataview's `через-кого` form
    folded = SINGULAR_KEYS.get(folded, folded)
    if folded in ("met-via", "met-at", "last-contact", "cadence-max", "past-companies"):
        folded = folded.replace("-", "_")
    return folded


def canonical_properties(properties: dict[str, Any] | None) -> dict[str, Any]:
    """The note's properties under canonical keys; the English key wins when both are set."""
    result: dict[str, Any] = {}
    if not properties:
        return result
    for key, value in properties.items():
        canon = canonical_key(str(key))
        if canon in result and canon != str(key).strip().lower():
            continue  # both spellings present: keep the English one (the linter warns)
        result[canon] = value
    return result


def canonical_value(value: Any) -> str | None:
    """A scalar as a canonical lower-case word (`Встреча` → `meeting`); None when empty."""
    if value is None or isinstance(value, (list, dict)):
        return None
    text = str(value).strip().lower()
    if not text:
        return None
    return RUSSIAN_VALUES.get(text, text)


def parse_date(value: Any) -> date | None:
    """An ISO date (`2025-01-10`, with an optional time) or a `yyyymmdd` string; else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip().strip("[]").strip()
    match = _ISO_DATE.match(text) or _COMPACT_DATE.match(text)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def parse_int(value: Any) -> int | None:
    """An integer property (`4`, `"4"`, `4.0`); booleans and other text give None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        return int(value)
    return None


def parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    word = canonical_value(value)
    if word in ("true", "yes", "1"):
        return True
    if word in ("false", "no", "0"):
        return False
    return None


_DURATION = re.compile(r"^\s*(\d+)\s*([^\d\s]*)\s*$")
_UNIT_DAYS = (
    (("d", "day", "days", "д", "дн", "дня", "дней", "день"), 1),
    (("w", "wk", "week", "weeks", "нед", "неделя", "недели", "недель"), 7),
    (("m", "mo", "month", "months", "мес", "месяц", "месяца", "месяцев"), 30),
    (("y", "yr", "year", "years", "г", "год", "года", "лет"), 365),
)


def parse_days(value: Any) -> int | None:
    """A cadence: a positive number of days, or a duration like "3 months" / "3 мес"."""
    number = parse_int(value)
    if number is not None:
        return number if number > 0 else None
    if not isinstance(value, str):
        return None
    match = _DURATION.match(value.lower().rstrip("."))
    if match is None:
        return None
    count, unit = int(match.group(1)), match.group(2).rstrip(".")
    for names, days in _UNIT_DAYS:
        if unit in names:
            return count * days if count > 0 else None
    return None


def as_list(value: Any) -> list[Any]:
    """A property that may be written as a scalar or a list, as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
