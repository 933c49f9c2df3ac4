"""The roadmap, the meter and the evaluation from the shell: status, phase, journey, evaluate,
checklist and support."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from rich.columns import Columns
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..core import phases as roadmap_rules
from ..core.insights import Insights, care_message, insights
from ..core.ladder import CONTACT_PHASE
from ..core.readiness import Assessment, assess
from ..core.values import Answer, Decision, Evaluation, RedFlag, Snapshot, Transition
from ..store.errors import InvalidInput
from ..store.journal import Journal
from . import day_label, open_journal, out

SPARK = "▁▂▃▄▅▆▇█"
ICONS = {"ok": ("✓", "green"), "warn": ("!", "yellow"), "bad": ("✗", "red"), "none": ("·", "dim")}


def sparkline(series: tuple[int | None, ...]) -> str:
    """Moods 1-10 as block characters; a day without a mood is a dot."""
    return "".join(
        "·" if m is None else SPARK[min(len(SPARK) - 1, (m - 1) * len(SPARK) // 10)]
        for m in series
    )


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


# -- status ---------------------------------------------------------------------------------


def status_document(snapshot: Snapshot, found: Insights, meter: Assessment) -> dict[str, Any]:
    """The status as one JSON-ready object (its shape is documented in the README)."""
    stops = roadmap_rules.roadmap(snapshot)
    current = next(s for s in stops if s.current)
    today = next((c for c in snapshot.checkins if c.day == snapshot.today), None)
    return {
        "date": snapshot.today.isoformat(),
        "phase": {
            "number": current.phase.number,
            "name": current.phase.title,
            "since": snapshot.phase_since.isoformat(),
            "days_in_phase": (snapshot.today - snapshot.phase_since).days,
            "checklist_done": current.checklist_done,
            "checklist_total": current.checklist_total,
        },
        "readiness": {
            "score": meter.score,
            "level": meter.level,
            "blocked": meter.blocked,
            "block_reason": meter.block_reason or None,
            "factors": [
                {
                    "key": f.key,
                    "label": f.label,
                    "score": f.score,
                    "weight": f.weight,
                    "reason": f.reason,
                    "blocking": f.blocking,
                }
                for f in meter.factors
            ],
            "next_step": meter.next_step,
        },
        "today": None
        if today is None
        else {
            "date": today.day.isoformat(),
            "mood": today.mood,
            "urge": today.urge,
            "habits": sorted(today.habits),
        },
        "streaks": {
            "checkin_current": found.checkin_current,
            "checkin_best": found.checkin_best,
            "pause_days": found.pause_days,
            "pause_best": found.pause_best,
        },
        "mood": {
            "avg7": None if found.avg7 is None else round(found.avg7, 2),
            "avg30": None if found.avg30 is None else round(found.avg30, 2),
            "trend": found.trend,
            "series30": list(found.mood_series_30),
            "low_stretch": found.low_stretch,
        },
        "habits": {name: round(rate, 2) for name, rate in found.habit_rates.items()},
    }


def _roadmap_panel(snapshot: Snapshot) -> Panel:
    table = Table.grid(padding=(0, 1))
    for stop in roadmap_rules.roadmap(snapshot):
        marker = Text("▶", style="bold cyan") if stop.current else Text(" ")
        title = Text(f"{stop.phase.number}. {stop.phase.title}",
                     style="bold" if stop.current else "")
        detail = Text(f"{stop.checklist_done}/{stop.checklist_total} ✓", style="dim")
        days = Text(f"{stop.days}d" if stop.days else "", style="dim")
        table.add_row(marker, title, detail, days)
    since = (snapshot.today - snapshot.phase_since).days
    footer = Text(f"\n{since} day{'s' if since != 1 else ''} in this phase", style="dim")
    return Panel(Group(table, footer), title="Roadmap", border_style="cyan")


def _mood_panel(snapshot: Snapshot, found: Insights) -> Panel:
    today = next((c for c in snapshot.checkins if c.day == snapshot.today), None)
    lines: list[Text] = []
    if today is None or today.mood is None:
        lines.append(Text("Today: not yet. exback checkin --mood N", style="yellow"))
    else:
        urge = "" if today.urge is None else f", urge {today.urge}/10"
        lines.append(Text(f"Today: mood {today.mood}/10{urge}"))
    lines.append(Text("30 days ") + Text(sparkline(found.mood_series_30), style="cyan"))
    trend = {"up": " ↗", "down": " ↘", "flat": " →"}.get(found.trend or "", "")
    lines.append(Text(f"Average 7d {_fmt(found.avg7)} · 30d {_fmt(found.avg30)}{trend}"))
    lines.append(Text(f"Check-in streak {found.checkin_current} (best {found.checkin_best})"))
    if snapshot.phase < CONTACT_PHASE:  # as on the dashboard: from phase 4, contact is the plan
        lines.append(Text(f"Pause {found.pause_days} days (best {found.pause_best})"))
    for name, rate in found.habit_rates.items():
        lines.append(Text(f"  {name}: {round(rate * 100)}%", style="dim"))
    care = care_message(snapshot, found)
    if care:
        lines.append(Text("\n" + care, style="magenta"))
    return Panel(Group(*lines), title="Mood & habits", border_style="green")


def _meter_panel(meter: Assessment) -> Panel:
    parts: list[Text | Table] = []
    if meter.score is None:
        parts.append(Text(meter.level, style="bold"))
    else:
        filled = round(meter.score / 5)
        parts.append(
            Text(f"{meter.score:>3} ", style="bold")
            + Text("█" * filled, style="green")
            + Text("░" * (20 - filled), style="dim")
            + Text(f"  {meter.level}", style="bold")
        )
    if meter.blocked:
        parts.append(Text(meter.block_reason, style="magenta"))
    table = Table.grid(padding=(0, 1))
    for f in meter.factors:
        icon, colour = ICONS.get(f.icon, ICONS["none"])
        score = "–" if f.score is None else str(round(f.score))
        table.add_row(Text(icon, style=colour), Text(f.label), Text(score, style="bold"),
                      Text(f.reason, style="dim"))
    parts.append(table)
    parts.append(Text("Next: ", style="bold") + Text(meter.next_step))
    return Panel(Group(*parts), title="Readiness", border_style="magenta")


def cmd_status(args: argparse.Namespace) -> int:
    """Show the roadmap, mood and readiness, as panels or as JSON."""
    with open_journal(args) as journal:
        snapshot = journal.snapshot(date.today())
    found = insights(snapshot)
    meter = assess(snapshot)
    if args.json:
        print(json.dumps(status_document(snapshot, found, meter), indent=2, ensure_ascii=False))
        return 0
    out.print(Columns([_roadmap_panel(snapshot), _mood_panel(snapshot, found)]))
    out.print(_meter_panel(meter))
    return 0


# -- phase ----------------------------------------------------------------------------------


def cmd_phase(args: argparse.Namespace) -> int:
    """Show the current phase, or move to another (forward needs its signals, or --force)."""
    with open_journal(args) as journal:
        snapshot = journal.snapshot(date.today())
        if args.number is None:
            return _show_phase(snapshot)
        try:
            check = roadmap_rules.check_move(snapshot, args.number)
        except ValueError as exc:
            raise InvalidInput(str(exc)) from None
        if not check.allowed_without_force and not args.force:
            out.print(Text(check.warning, style="yellow"))
            for signal in check.unmet:
                out.print(Text(f"  ✗ {signal.label}. ") + Text(signal.detail, style="dim"))
            if check.skipped:
                out.print(f"  Skips phase{'s' if len(check.skipped) > 1 else ''} "
                          + ", ".join(map(str, check.skipped)) + ".")
            raise InvalidInput(
                f"Not moved: phase {check.current} isn't done yet. "
                "Add --force to move anyway."
            )
        if check.needs_reason and not args.reason.strip():
            raise InvalidInput(
                f"Moving back needs a reason, e.g. --reason \"a new clash\". {check.reason_hint}"
            )
        step = journal.move_phase(args.number, args.reason)
    target = roadmap_rules.phase(step.phase)
    out.print(f"[green]✓[/] Now in phase {step.phase}: {target.title}. {target.purpose}")
    return 0


def _show_phase(snapshot: Snapshot) -> int:
    current = roadmap_rules.phase(snapshot.phase)
    days = (snapshot.today - snapshot.phase_since).days
    out.print(
        f"[bold]Phase {current.number}: {current.title}[/] · {days} day{'s' if days != 1 else ''}"
        f" (since {day_label(snapshot.phase_since)})"
    )
    out.print(current.purpose)
    for signal in roadmap_rules.exit_signals(snapshot):
        mark = "[green]✓[/]" if signal.met else "[yellow]·[/]"
        out.print(f"  {mark} ", Text(signal.label + ". "), Text(signal.detail, style="dim"), sep="")
    out.print(Text("Next: " + roadmap_rules.next_thing(snapshot), style="bold"))
    return 0


# -- journey --------------------------------------------------------------------------------


def cmd_journey(args: argparse.Namespace) -> int:
    """Show or set the answers about the breakup."""
    changes = {
        key: value
        for key, value in (
            ("breakup_date", args.breakup_date),
            ("how", args.how),
            ("children", args.children),
            ("living_together", args.living_together),
            ("hurt_ex", args.hurt_them),
            ("ex_dating", args.ex_dating),
            ("pause_target_days", args.pause_target),
        )
        if value is not None
    }
    with open_journal(args) as journal:
        journey = journal.set_journey(**changes) if changes else journal.journey()
    if changes:
        out.print("[green]✓[/] Journey saved.")
    yn = {True: "yes", False: "no"}
    table = Table.grid(padding=(0, 2))
    table.add_row("Breakup date", journey.breakup_date.isoformat() if journey.breakup_date else "–")
    table.add_row("How it happened", journey.how.value if journey.how else "–")
    table.add_row("Children together", yn[journey.children])
    table.add_row("Living together", yn[journey.living_together])
    table.add_row("You hurt them", yn[journey.hurt_ex])
    table.add_row("They are dating", yn[journey.ex_dating])
    target = roadmap_rules.pause_target_days(journey)
    own = "" if journey.pause_target_days else " (default)"
    table.add_row("Pause target", f"{target} days{own}")
    out.print(table)
    if not journey.onboarded:
        out.print("Not set up yet: answer with the options above, or open the app.")
    return 0


# -- evaluate -------------------------------------------------------------------------------


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Record the phase 3 evaluation and say what it means."""
    evaluation = Evaluation(
        made_on=date.today(),
        worth=Answer(args.worth),
        added_value=Answer(args.added_value),
        differences=Answer(args.differences),
        intimacy=args.intimacy,
        passion=args.passion,
        commitment=args.commitment,
        decision=Decision(args.decision),
        transitions=tuple(Transition(t) for t in args.transition),
        red_flags=tuple(RedFlag(f) for f in args.red_flag),
        patterns=tuple(args.pattern),
        note=args.note,
    )
    with open_journal(args) as journal:
        journal.record_evaluation(evaluation)
    out.print("[green]✓[/] Evaluation saved.")
    if evaluation.red_flags:
        out.print(Text(roadmap_rules.RED_FLAG_NOTE, style="magenta"))
    elif evaluation.decision is Decision.LET_GO:
        out.print(Text(roadmap_rules.LET_GO_INTRO, style="magenta"))
        for step in roadmap_rules.LET_GO_TRACK:
            out.print(Text(f"  • {step}"))
    elif evaluation.decision is Decision.PURSUE:
        yes = sum(a is Answer.YES for a in (evaluation.worth, evaluation.added_value,
                                             evaluation.differences))
        out.print(f"{yes} of 3 questions answered yes. When you're ready: exback phase 4")
    return 0


# -- checklist ------------------------------------------------------------------------------


def cmd_checklist(args: argparse.Namespace) -> int:
    """List a phase's checklist, or tick (--undo: untick) one item."""
    with open_journal(args) as journal:
        snapshot = journal.snapshot(date.today())
        number = args.phase or snapshot.phase
        items = roadmap_rules.checklist(number, snapshot.evaluation)
        if args.item is not None:
            item = _find_item(items, args.item, number)
            changed = journal.tick(number, item.key, done=not args.undo)
            verb = "Unticked" if args.undo else "Ticked"
            state = "" if changed else " (it already was)"
            out.print(f"[green]✓[/] {verb}: ", Text(item.text), state, sep="")
            return 0
    done = {m.item_key for m in snapshot.checklist if m.phase == number}
    out.print(f"[bold]Phase {number}: {roadmap_rules.phase(number).title}[/]")
    for i, item in enumerate(items, 1):
        mark = Text("✓", style="green") if item.key in done else Text(" ")
        out.print(Text(" [") + mark + Text(f"] {i}. ") + Text(item.text)
                  + Text(f"  ({item.key})", style="dim"))
    return 0


def _find_item(items: tuple[roadmap_rules.ChecklistItem, ...], wanted: str, number: int
               ) -> roadmap_rules.ChecklistItem:
    if wanted.isdigit() and 1 <= int(wanted) <= len(items):
        return items[int(wanted) - 1]
    for item in items:
        if item.key == wanted:
            return item
    raise InvalidInput(
        f"Phase {number} has no checklist item {wanted!r}; give its number (1-{len(items)}) "
        "or its key, as `exback checklist` lists them."
    )


# -- support --------------------------------------------------------------------------------


def cmd_support(args: argparse.Namespace) -> int:
    """List, add or remove the people you can reach out to on a hard day."""
    action = args.support_command or "list"
    with open_journal(args) as journal:
        if action == "add":
            added = journal.add_support_contact(args.name, args.detail)
            out.print("[green]✓[/] Added ", Text(added.name), ".", sep="")
        elif action == "remove":
            journal.remove_support_contact(_support_id(journal, args.which))
            out.print("[green]✓[/] Removed.")
        people = journal.support_contacts()
    if action == "list":
        if not people:
            out.print("No one listed yet. Add someone: exback support add NAME DETAIL")
        for i, person in enumerate(people, 1):
            out.print(f"{i}. ", Text(person.name, style="bold"), "  ", Text(person.detail), sep="")
    return 0


def _support_id(journal: Journal, which: str) -> int:
    people = journal.support_contacts()
    if which.isdigit() and 1 <= int(which) <= len(people):
        return people[int(which) - 1].id
    for person in people:
        if person.name.casefold() == which.casefold():
            return person.id
    raise InvalidInput(f"No support contact {which!r}; `exback support` lists them.")
