"""The `vaultnet` command line: parses options, calls the library, prints.

Every command's work lives in the library (`vaultnet.vault`, `vaultnet.export`,
`vaultnet.graph`, …); a command here only turns options into calls and results into text.
"""
from __future__ import annotations

import datetime
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import click

from vaultnet import __version__
from vaultnet.errors import VaultnetError
from vaultnet.progress import status

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


class UsageProblem(click.ClickException):
    """A problem the user can fix (no vault, bad configuration): one line, exit 2."""

    exit_code = 2


def use_color(choice: str) -> bool | None:
    """`auto` follows the terminal, NO_COLOR and FORCE_COLOR (no-color.org: set and not empty)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return None  # let click decide from the stream


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="vaultnet")
@click.option("-q", "--quiet", is_flag=True, help="Print only results, no progress or warnings.")
@click.option("-v", "--verbose", count=True, help="Say more about what is happening.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the output.",
)
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: int, color: str) -> None:
    """Read an Obsidian vault as Obsidian does: links, notes, graph, lint, reports."""
    ctx.color = use_color(color)
    ctx.obj = {"quiet": quiet, "verbose": verbose}


def _remember_no_cache(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.ensure_object(dict)["no_cache"] = value


def no_cache_option(fn: F) -> F:
    # expose_value=False: the commands' signatures stay as they are; `load` reads ctx.obj.
    return click.option(
        "--no-cache",
        is_flag=True,
        expose_value=False,
        callback=_remember_no_cache,
        help="Neither read nor write the parse cache in .vaultnet/.",
    )(fn)


def vault_argument(fn: F) -> F:
    fn = no_cache_option(fn)
    fn = click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Configuration file to use instead of the discovered one.",
    )(fn)
    return click.argument(
        "vault", type=click.Path(file_okay=False, path_type=Path), default=".", required=False
    )(fn)


def configuration(vault_path: Path, config_file: Path | None) -> Any:
    """The vault's configuration, its warnings printed to stderr; user errors become one line."""
    from vaultnet.config import load_config

    try:
        if not vault_path.is_dir():
            raise VaultnetError(f"vault not found: {vault_path}")
        config, warnings = load_config(vault_path, config_file)
    except VaultnetError as error:
        raise UsageProblem(str(error)) from None
    if not click.get_current_context().obj["quiet"]:
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
    return config


@contextmanager
def cache_warnings() -> Iterator[None]:
    """Print the cache's warnings (a damaged or unwritable file) as one line each on stderr."""
    import warnings

    from vaultnet.cache import CacheWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CacheWarning)
        yield
    if not click.get_current_context().obj["quiet"]:
        for warning in caught:
            if issubclass(warning.category, CacheWarning):
                click.echo(f"warning: {warning.message}", err=True)


def load(
    vault_path: Path,
    config_file: Path | None,
    *,
    config: Any = None,
    walked: Any = None,
    lazy: bool = False,
) -> Any:
    """Load the vault (with `config` and `walk_vault`'s result when the caller has them).

    `lazy` leaves cached records pickled until used (`lint` of a few changed notes); the
    other commands read every note, so `load_vault` loads them in one batch.
    """
    from vaultnet.vault import load_vault

    ctx = click.get_current_context()
    if config is None:
        config = configuration(vault_path, config_file)
    try:
        use_cache = not ctx.obj.get("no_cache", False)
        import gc

        # The records live until the command ends: freezing them before the collector is back
        # keeps every later full collection from walking them again (measured: a third of a
        # warm 10k-note `lint FILE`).
        gc.disable()
        with cache_warnings():
            try:
                with status(f"vaultnet: reading {vault_path}…", sys.stderr,
                            enabled=not ctx.obj["quiet"]):
                    if use_cache:
                        vault = load_vault(
                            vault_path, config, cache=True, walked=walked, lazy=lazy
                        )
                    else:
                        from vaultnet.parallel import parallel_reader

                        vault = load_vault(
                            vault_path, config, reader=parallel_reader, walked=walked
                        )
            finally:
                gc.freeze()
                gc.enable()
        return vault
    except VaultnetError as error:
        raise UsageProblem(str(error)) from None


def today_option(fn: F) -> F:
    """`--today`: the date every window is computed for, injectable so output is reproducible."""
    return click.option(
        "--today",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        callback=lambda _ctx, _param, value: value.date() if value is not None else None,
        help="Compute as of this date (YYYY-MM-DD); default: today.",
    )(fn)


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


@cli.command()
@vault_argument
@format_option("text", "json")
@today_option
def scan(vault: Path, config_file: Path | None, fmt: str, today: datetime.date | None) -> None:
    """Summarise the vault: notes by type, links, unresolved links, tags, problems."""
    from vaultnet.export import dumps, scan_summary

    summary = scan_summary(load(vault, config_file), today or datetime.date.today())
    if fmt == "json":
        click.echo(dumps(summary), nl=False)
        return
    click.echo(
        f"{summary['notes']} notes, {summary['canvases']} canvases, "
        f"{summary['attachments']} attachments"
    )
    click.echo(", ".join(f"{n} {kind}" for kind, n in summary["types"].items()))
    click.echo(
        f"{summary['links']} links, {summary['embeds']} embeds, "
        f"{summary['unresolved']} unresolved, {summary['ambiguous']} ambiguous"
    )
    click.echo(f"{summary['tags']} tags used {summary['tag_uses']} times")
    click.echo(f"{len(summary['problems'])} problems")
    for p in summary["problems"]:
        click.echo(f"  {p['path']}:{p['line']}:{p['col']}: {p['rule']} {p['message']}")


@cli.command()
@vault_argument
@format_option("text", "json")
def links(vault: Path, config_file: Path | None, fmt: str) -> None:
    """List every link, embed and property link with what it resolves to."""
    from vaultnet.export import dumps, links_json

    records = links_json(load(vault, config_file))
    if fmt == "json":
        click.echo(dumps(records), nl=False)
        return
    for r in records:
        target = r["target"] + (f"#{r['heading']}" if r["heading"] else "")
        target += f"#^{r['block']}" if r["block"] else ""
        arrow = r["resolved"] if r["resolved"] is not None else "(unresolved)"
        kind = ("embed " if r["embed"] else "") + r["kind"]
        click.echo(f"{r['source']}:{r['line']}:{r['col']}: {kind} {target!r} -> {arrow}")


@cli.command()
@vault_argument
@format_option("text", "json")
def notes(vault: Path, config_file: Path | None, fmt: str) -> None:
    """List every note's properties, aliases, tags, headings and blocks."""
    from vaultnet.export import dumps, notes_json

    records = notes_json(load(vault, config_file))
    if fmt == "json":
        click.echo(dumps(records), nl=False)
        return
    for r in records:
        click.echo(r["path"])
        if r["frontmatter_error"]:
            click.echo(f"  frontmatter error: {r['frontmatter_error']}")
        if r["aliases"]:
            click.echo(f"  aliases: {', '.join(r['aliases'])}")
        if r["tags"]:
            click.echo(f"  tags: {' '.join(r['tags'])}")
        for h in r["headings"]:
            click.echo(f"  {h['line']}: {'#' * h['level']} {h['text']}")
        for b in r["blocks"]:
            click.echo(f"  {b['line']}: ^{b['id']}")


@cli.command()
@vault_argument
@format_option("graphml", "gexf", "json", "dot", "mermaid")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE."
)
def graph(vault: Path, config_file: Path | None, fmt: str, output: Path | None) -> None:
    """Export the link graph, with node types and edge kinds as attributes."""
    from vaultnet.graph import export_graph

    text = export_graph(load(vault, config_file).graph(), fmt)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        output.write_text(text, encoding="utf-8")


@cli.command()
@click.argument(
    "paths", nargs=-1, metavar="[VAULT] [FILES]...", type=click.Path(path_type=Path)
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Configuration file to use instead of the discovered one.",
)
@no_cache_option
@format_option("text", "json", "github", "sarif")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes, then report what is left.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a diff; write nothing.")
@click.pass_context
def lint(
    ctx: click.Context,
    paths: tuple[Path, ...],
    config_file: Path | None,
    fmt: str,
    strict: bool,
    fix: bool,
    diff: bool,
) -> int:
    """Check links, embeds, headings, blocks and frontmatter against the whole vault.

    With FILES (what pre-commit passes), the whole vault is still read, but only findings in
    those files are reported. Exit 0: no error; 1: an error (with --strict, any finding);
    2: a usage or configuration problem.
    """
    from vaultnet.lint import fix as fixes
    from vaultnet.lint.engine import exit_code, lint_vault, unknown_rule_warnings
    from vaultnet.lint.formats import format_findings, summary_line, text
    from vaultnet.lint.targets import split_arguments, vault_paths

    quiet = ctx.obj["quiet"]
    vault_path, files = split_arguments(paths)
    config = configuration(vault_path, config_file)
    try:
        only, outside = vault_paths(vault_path, files) if files else (None, [])
    except VaultnetError as error:
        raise UsageProblem(str(error)) from None
    for message in unknown_rule_warnings(config.rules):
        if not quiet:
            click.echo(f"warning: {message}", err=True)
    if outside and ctx.obj["verbose"]:
        click.echo(f"{len(outside)} files outside the vault skipped", err=True)
    if fix or diff or ctx.obj.get("no_cache", False):  # these read every note anyway
        vault = load(vault_path, config_file, config=config)
        findings = lint_vault(vault, only=only)
    else:
        from vaultnet.lint.memo import lint_cached

        def loader(walked: Any) -> Any:
            return load(vault_path, config_file, config=config, walked=walked, lazy=True)

        with cache_warnings():
            findings = lint_cached(vault_path, config, only=only, load=loader)
    if diff:
        changes = fixes.fix_vault(vault, findings, write=False)
        click.echo("".join(fixes.unified_diff(change) for change in changes), nl=False)
        return 1 if changes else 0
    if fix:
        changes = fixes.fix_vault(vault, findings)
        if changes:
            from vaultnet.vault import load_vault

            vault = load_vault(vault.root, vault.config)
            findings = lint_vault(vault, only=only)
        if not quiet:
            count = sum(len(change.applied) for change in changes)
            click.echo(f"fixed {count} findings in {len(changes)} files", err=True)
    if fmt == "text" and ctx.color is not False:
        output = text(findings, paint=_paint_severity)
    else:
        output = format_findings(findings, fmt)
    click.echo(output, nl=False)
    if fmt == "text" and not quiet and findings:
        click.echo(summary_line(findings), err=True)
    return exit_code(findings, strict=strict)


_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def _paint_severity(severity: str) -> str:
    """Colour the severity word; click strips it again when stdout is not a terminal."""
    return click.style(severity, fg=_SEVERITY_COLOURS.get(severity), bold=True)


@cli.command("config")
@vault_argument
@format_option("toml", "json")
def config_command(vault: Path, config_file: Path | None, fmt: str) -> None:
    """Show the effective configuration: the discovered file (or --config) over the defaults."""
    from vaultnet.config import load_config
    from vaultnet.configview import to_json, to_toml
    from vaultnet.lint.engine import unknown_rule_warnings

    try:
        if not vault.is_dir():
            raise VaultnetError(f"vault not found: {vault}")
        config, warnings = load_config(vault, config_file)
    except VaultnetError as error:
        raise UsageProblem(str(error)) from None
    if not click.get_current_context().obj["quiet"]:
        for warning in [*warnings, *unknown_rule_warnings(config.rules)]:
            click.echo(f"warning: {warning}", err=True)
    click.echo(to_json(config) if fmt == "json" else to_toml(config), nl=False)


@cli.command()
@vault_argument
@today_option
@click.option("--lang", type=click.Choice(["ru", "en"]),
              help="Report language; default: configuration, else guessed from the vault.")
@click.option("--dry-run", is_flag=True, help="Write nothing; list what would change.")
@click.option("--json", "json_out", metavar="FILE|-",
              help="Also write the metrics as JSON to FILE, or to stdout with '-'.")
def report(vault: Path, config_file: Path | None, today: datetime.date | None,
           lang: str | None, dry_run: bool, json_out: str | None) -> int:
    """Write the networking reports into the vault's report folder."""
    from vaultnet.export import dumps
    from vaultnet.network import build_model, metrics_json
    from vaultnet.report import choose_language, write_reports

    loaded = load(vault, config_file)
    day = today or datetime.date.today()  # the only clock read
    model = build_model(loaded, day)
    try:
        result = write_reports(loaded, model, today=day, dry_run=dry_run,
                               lang=choose_language(lang, loaded.config, loaded))
    except VaultnetError as error:  # report folder outside the vault, a broken template
        raise UsageProblem(str(error)) from None
    quiet = click.get_current_context().obj["quiet"]
    listing_to_stderr = json_out == "-"  # keep stdout pure JSON
    verbs = {"created": "would create", "updated": "would update"} if dry_run else {}
    for outcome in result.files:
        if outcome.status == "refused":
            click.echo(f"error: {outcome.path}: refused, {outcome.reason}; left untouched",
                       err=True)
        elif outcome.status != "unchanged" or not quiet:
            click.echo(f"{verbs.get(outcome.status, outcome.status)} {outcome.path}",
                       err=listing_to_stderr)
        if outcome.overwritten_edits and not quiet:
            click.echo(f"warning: {outcome.path}: hand edits inside "
                       f"{', '.join(outcome.overwritten_edits)} replaced", err=True)
    if not quiet:
        for path in result.stale:
            click.echo(f"warning: {path}: an older report this run no longer writes "
                       "(delete it if you do not need it)", err=True)
    if json_out == "-":
        click.echo(dumps(metrics_json(model)), nl=False)
    elif json_out and dry_run:
        click.echo(f"would write {json_out}", err=listing_to_stderr)
    elif json_out:
        Path(json_out).write_text(dumps(metrics_json(model)), encoding="utf-8")
    return 1 if result.refused else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code so the pre-commit hook and tests can call it."""
    try:
        result = cli.main(args=argv, prog_name="vaultnet", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:  # a read-only vault, a full disk: one line, never a traceback
        where = f": {error.filename}" if error.filename else ""
        click.echo(f"Error: {error.strerror or error}{where}", err=True)
        return 1
    # standalone_mode=False hands back ctx.exit() codes and the command's own return value
    return result if isinstance(result, int) else 0


def run() -> None:
    """The `vaultnet` command: `main`, then exit without tearing the heap down object by object.

    A run over a large vault ends holding millions of objects; freeing them one by one at
    interpreter exit took a tenth of a warm `lint`. Everything vaultnet writes is flushed or
    closed by then (atomic writes close their files; the pool has been shut down).
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # stdout closed early (`| head`): nothing to lose
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
