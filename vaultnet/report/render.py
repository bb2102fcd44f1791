"""The jinja2 environment for report notes: the vault's templates first, then vaultnet's own.

A template named `goal.md.j2` is looked up in `<vault>/.vaultnet/templates/<lang>/` and then in
the packaged `templates/<lang>/`, so a user can override one report without copying the rest.
Undefined names fail loudly (StrictUndefined); `None` prints as "—", never as "None" or 0; any
error in a template becomes one line naming the file and the line.
"""
from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import jinja2

from vaultnet.errors import VaultnetError
from vaultnet.report.filters import (
    NO_DATA,
    LinkIndex,
    cell,
    format_date,
    format_number,
    format_percent,
    md_text,
    mermaid_label,
    plural,
)

__all__ = ["LANGUAGES", "TemplateError", "make_environment", "packaged_templates", "render"]

LANGUAGES = ("ru", "en")
USER_TEMPLATES = Path(".vaultnet") / "templates"


class TemplateError(VaultnetError):
    """A report template cannot be loaded or rendered; the message names file and line."""


def packaged_templates() -> Any:
    """The folder holding `ru/` and `en/`: `vaultnet.templates` when installed, else the checkout."""
    try:
        folder = resources.files("vaultnet.templates")
        if folder.joinpath("ru").is_dir():
            return folder
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "templates"  # a source checkout, not installed


class ResourceLoader(jinja2.BaseLoader):
    """Loads from an importlib.resources folder, which need not be a real directory (a zip)."""

    def __init__(self, folder: Any, shown_as: str) -> None:
        self.folder, self.shown_as = folder, shown_as

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        entry = self.folder
        for part in template.split("/"):
            entry = entry.joinpath(part)
        if not entry.is_file():
            raise jinja2.TemplateNotFound(template)
        return entry.read_text(encoding="utf-8"), f"{self.shown_as}/{template}", lambda: True


def make_environment(lang: str, *, vault_root: Path | None = None,
                     paths: Iterable[str] = ()) -> jinja2.Environment:
    """An environment for one language; `paths` are the vault's files, for shortest link text."""
    if lang not in LANGUAGES:
        raise TemplateError(f"unknown report language '{lang}' (choose from {', '.join(LANGUAGES)})")
    loaders: list[jinja2.BaseLoader] = []
    if vault_root is not None and (vault_root / USER_TEMPLATES / lang).is_dir():
        loaders.append(jinja2.FileSystemLoader(str(vault_root / USER_TEMPLATES / lang)))
    loaders.append(ResourceLoader(packaged_templates().joinpath(lang), f"templates/{lang}"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown, not HTML: the filters below do the escaping
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=lambda value: NO_DATA if value is None else value,
    )
    links = LinkIndex(paths)
    env.filters.update(
        wikilink=links.wikilink,
        cell=cell,
        md_text=md_text,
        mermaid_label=mermaid_label,
        num=lambda value, digits=0: format_number(value, lang, digits),
        pct=lambda value, digits=0: format_percent(value, lang, digits),
        date=lambda value, long=False: format_date(value, lang, long),
        plural=lambda value, *forms: plural(value, lang, *forms),
        dash=lambda value: NO_DATA if value is None else value,
    )
    env.globals.update(lang=lang, NO_DATA=NO_DATA)
    return env


def render(env: jinja2.Environment, name: str, context: Mapping[str, Any],
           *, vault_root: Path | None = None) -> str:
    """Render one template; any failure is a TemplateError `file:line: what went wrong`."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"{_shown(error.filename or name, vault_root)}:{error.lineno}: {error.message}"
        ) from None
    except jinja2.TemplateNotFound:
        raise TemplateError(f"report template '{name}' not found") from None
    try:
        return template.render(**context)
    except Exception as error:  # a template is user code: report any failure as one line
        where = _template_line(error, template.filename or name)
        what = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise TemplateError(
            f"{_shown(template.filename or name, vault_root)}:{where}: {what}"
        ) from None


def _template_line(error: BaseException, filename: str) -> str:
    """The template line of the failure: jinja rewrites tracebacks to point into templates."""
    line = "?"
    tb = error.__traceback__ or sys.exc_info()[2]
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = str(tb.tb_lineno)
        tb = tb.tb_next
    return line


def _shown(filename: str, vault_root: Path | None) -> str:
    """Vault-relative for the user's templates, `templates/<lang>/…` for vaultnet's own."""
    if vault_root is not None:
        try:
            return Path(filename).resolve().relative_to(vault_root.resolve()).as_posix()
        except ValueError:
            pass
    return filename

