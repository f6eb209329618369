"""The rules across years: each report is summarised as it is linted (every report: it may be another one's year
before), earlier reports under ``--history`` are read and summarised without being checked, and once all are in,
each report is compared with the same agency's report of the year before (:class:`~.history.History` keeps the
summaries on disk meanwhile)."""

from __future__ import annotations

from collections.abc import Iterable

from .checks import ACROSS_YEARS
from .checks.base import Context
from .checks.report_shape import assess
from .checks.report_year import complete_year
from .checks.tableindex import RunMemo
from .earlier import Titles, place_path, shown_path
from .edition import edition_for
from .errors import InputError
from .findings import Finding, Location
from .history import Entry, History, agency_key, agency_of
from .model import Document
from .pack import Pack, Rule
from .readers import load_document
from .rulepack import load_pack
from .suppress import Ignores


def summarize(doc: Document, pack: Pack, ignores: Ignores, ctx: Context | None = None) -> Entry | None:
    """What the rules across years need of a report (None for a report without a year or an agency), its rules as
    ids. A report whose tables cannot be summarised is not compared, never a crash."""
    if doc.year is None or not (agency := agency_of(doc.title)):
        return None
    rules = [r.id for r in pack.rules if r.kind in ACROSS_YEARS and r.severity != "off"]
    ctx = ctx or Context.create(doc, pack)
    try:
        data = {kind: k.summarize(ctx) for kind, k in ACROSS_YEARS.items()}
    except Exception:  # noqa: BLE001 - not summarised, not compared
        return None
    return Entry(doc.path, agency, agency_key(agency), doc.year, data, rules, list(ignores.rules))


def read_history(paths: Iterable[str], linted: set[str], years: History, memo: RunMemo,
                 titles: Titles | None = None) -> None:
    """Earlier reports (``paths``: files and folders): read, never linted, with the national pack of their edition;
    files that cannot be read or are not reports are passed over. ``titles``: notes each one's agency and year."""
    from .walk import collect  # the walk of folders, as for the files checked

    packs: dict[str, Pack] = {}
    for path in collect(paths):
        if path in linted:
            continue
        try:
            doc = load_document(path, memo.layouts)
        except InputError:
            continue
        complete_year(doc)
        if titles is not None:
            titles.note(path, agency_of(doc.title) if doc.title else "", doc.year)
        edition = edition_for(doc)
        if edition not in packs:
            packs[edition] = load_pack(f"national-{edition}")
        ctx = Context.create(doc, packs[edition], memo=memo)
        if assess(ctx).report and (entry := summarize(doc, packs[edition], Ignores(), ctx)) is not None:
            years.add(entry, packs[edition])


def compare(years: History) -> list[Finding]:
    """Each report against the same agency's report of the year before; a year's entries are read back from disk
    while it is compared (the year before's all at once, this year's one by one)."""
    found: list[Finding] = []
    all_years = years.years()
    for year in all_years:
        if year - 1 not in all_years:
            continue
        before_year = years.of_year(year - 1)
        for entry in years.of_year(year):
            previous = years.previous(entry, before_year) if entry.rules else None
            if previous is not None:
                found.extend(_compare(entry, previous))
    return found


def _compare(entry: Entry, previous: Entry) -> list[Finding]:
    def make(rule: Rule, zh: str, en: str, location: Location, details: dict, related: tuple = ()) -> Finding:
        return Finding(rule.id, rule.severity, zh, en, location, entry.path, details, related)

    found: list[Finding] = []
    shown = shown_path(previous.path)  # the year before's report, as the finding's message names it
    place = place_path(previous.path)  # and as its related place gives it
    for rule in entry.rules:
        current = Entry(entry.path, entry.agency, entry.key, entry.year, entry.data[rule.kind])
        before = Entry(place, previous.agency, previous.key, previous.year, previous.data[rule.kind], shown=shown)
        found.extend(ACROSS_YEARS[rule.kind].compare(current, before, rule, make))
    return Ignores(tuple(entry.ignores)).keep(found)
