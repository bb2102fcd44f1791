"""The networking model's settings, read from `vaultnet.config.Config` when it has them.

The configuration object is read with `getattr` so that the model works with any config
version (and without one, in tests); every default here is the one of networking-model.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

NOTE_TYPES = ("person", "goal", "concept", "interaction", "event", "org", "outcome", "report")

DEFAULT_TYPE_TAGS: dict[str, tuple[str, ...]] = {
    "person": ("person", "people", "people/*", "человек", "контакт"),
    "goal": ("goal", "goals", "objectives", "цель", "цели"),
    "concept": ("concept", "понятие"),
    "interaction": ("interaction", "meeting", "call", "встреча", "звонок", "взаимодействие"),
    "event": ("event", "conference", "мероприятие", "событие"),
    "org": ("company", "org", "компания", "организация"),
    "outcome": ("outcome", "результат"),
    "report": ("vaultnet/report",),
}
DEFAULT_TYPE_FOLDERS: dict[str, tuple[str, ...]] = {
    "person": ("People", "Люди", "Контакты"),
    "goal": ("Goals", "Цели"),
    "concept": ("Concepts", "Понятия"),
    "interaction": ("Meetings", "Встречи"),
    "event": ("Events", "Мероприятия"),
    "org": ("Companies", "Компании"),
    "outcome": (),
    "report": (),
}
# Days between contacts per tier (§4.3); 1–5 are the same tiers by number. Dormant has none.
DEFAULT_TIER_CADENCE: dict[str, int | None] = {
    "inner": 14,
    "close": 30,
    "casual": 90,
    "keep-warm": 180,
    "dormant": None,
}
TIER_NUMBERS = {1: "inner", 2: "close", 3: "casual", 4: "keep-warm", 5: "dormant"}
DEFAULT_KIND_WEIGHTS: dict[str, float] = {
    "meeting": 1.0,
    "call": 1.0,
    "event_chat": 0.6,
    "message": 0.3,
    "email": 0.3,
    "intro": 1.5,
    "referral": 1.5,
    "invitation": 1.5,
}
SYNCHRONOUS_KINDS = frozenset({"meeting", "call", "event_chat"})
EXCHANGE_KINDS = frozenset({"intro", "referral", "invitation"})


@dataclass(frozen=True)
class Settings:
    report_folder: str = "vaultnet"
    type_tags: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: DEFAULT_TYPE_TAGS)
    type_folders: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: DEFAULT_TYPE_FOLDERS
    )
    tier_cadence: Mapping[str, int | None] = field(default_factory=lambda: DEFAULT_TIER_CADENCE)
    kind_weights: Mapping[str, float] = field(default_factory=lambda: DEFAULT_KIND_WEIGHTS)
    # Links under these headings are references, not contact (§4.4).
    excluded_sections: tuple[str, ...] = ("См. также", "Related", "See also")
    daily_folders: tuple[str, ...] = ("Daily", "Daily Notes", "Journal", "Дневник", "Ежедневник")
    goal_tags: Mapping[str, str] = field(default_factory=dict)  # `цель/карьера` → `career`
    recent_days: int = 90  # the goal window of contracts.md
    seed: int = 42
    exact_betweenness_limit: int = 1000


def settings_from(config: Any) -> Settings:
    """Settings from a `Config` (or None), keeping the defaults for what it does not say."""
    if config is None:
        return Settings()
    base = Settings()
    tags = {k: tuple(v) for k, v in base.type_tags.items()}
    folders = {k: tuple(v) for k, v in base.type_folders.items()}
    types = getattr(config, "types", None) or {}
    if isinstance(types, Mapping):
        for kind, spec in types.items():
            if not isinstance(spec, Mapping):
                continue
            if "tags" in spec:
                tags[kind] = tuple(str(t).lstrip("#").lower() for t in spec["tags"])
            if "folders" in spec:
                folders[kind] = tuple(str(f).strip("/") for f in spec["folders"])
    cadence = dict(base.tier_cadence)
    configured = getattr(config, "cadence", None) or {}
    if isinstance(configured, Mapping):
        cadence.update({str(k): (int(v) if v else None) for k, v in configured.items()})
    weights = dict(base.kind_weights)
    weights.update(getattr(config, "kind_weights", None) or {})
    return Settings(
        report_folder=str(getattr(config, "report_folder", None) or base.report_folder).strip("/"),
        type_tags=tags,
        type_folders=folders,
        tier_cadence=cadence,
        kind_weights=weights,
        excluded_sections=tuple(
            getattr(config, "excluded_sections", None) or base.excluded_sections
        ),
        daily_folders=tuple(getattr(config, "daily_folders", None) or base.daily_folders),
        goal_tags=dict(getattr(config, "goal_tags", None) or {}),
    )
