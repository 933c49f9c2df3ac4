"""Importing Daylio's CSV export through the installed ``exback``: moods, activities, notes."""

from __future__ import annotations

from pathlib import Path

from conftest import RunExback
from import_helpers import DEFAULT_HABITS, entries, exported, habits, moods, refusal, sample

CURRENT = "daylio_export_2024_03_10.csv"
CUSTOM = "daylio_export_2023_12_31.csv"


def test_the_current_export_brings_moods_activities_and_every_note(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    result = run_exback("import", str(sample(tmp_path, CURRENT)))
    assert result.returncode == 0, result.stderr
    assert "(Daylio export) into your journal" in result.stdout
    assert "Added 3 habits, 6 habit marks, 4 check-ins and 4 entries." in result.stdout
    assert "Skipped 2 habits already in the journal." in result.stdout  # exercise, friends
    assert "'rad' → 10 (1 row), 'good' → 8 (1 row), 'meh' → 5 (2 rows)" in result.stdout
    doc = exported(journal_path)
    # A day's check-in takes its last mood: 21:35 good, not 08:10 bad; 20:00 rad, not 07:30.
    assert moods(doc) == {
        "2024-03-06": (10, "2024-03-06 20:00"),
        "2024-03-07": (1, "2024-03-07 19:45"),
        "2024-03-08": (5, "2024-03-08 22:00"),
        "2024-03-09": (8, "2024-03-09 21:35"),
    }
    assert all(c["urge"] is None and c["note"] == "" for c in doc["checkins"])
    # Every note is an entry at its time: <br> a line break, entities and doubled quotes read.
    assert entries(doc) == [
        ("2024-03-06", "2024-03-06 20:00", "Café ☕\n\nRan 5 km — first time in weeks! 🎉", []),
        (
            "2024-03-07",
            "2024-03-07 19:45",
            "Hard one\n\nSaw their photo.\n\nCried, then called my sister.",
            [],
        ),
        ("2024-03-09", "2024-03-09 08:10", "Woke early\n\nCouldn't sleep after 4.", []),
        (
            "2024-03-09",
            "2024-03-09 21:35",
            'Dinner with Ana & Tom.\nWe laughed about the "cake incident".',
            [],
        ),
    ]
    # Activities are habits: "Exercise" is the journal's own exercise; new ones come after.
    assert habits(doc) == {
        "friends": (False, ["2024-03-09"]),
        "exercise": (False, ["2024-03-06"]),
        "sleep": (False, []),
        "something for me": (False, []),
        "reading": (False, ["2024-03-06"]),
        "work": (False, ["2024-03-08"]),
        "walk": (False, ["2024-03-08", "2024-03-09"]),
    }


def test_importing_the_same_export_again_adds_nothing(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    source = sample(tmp_path, CURRENT)
    assert run_exback("import", str(source)).returncode == 0
    before = exported(journal_path)
    again = run_exback("import", str(source))
    assert again.returncode == 0, again.stderr
    assert "Added nothing new." in again.stdout
    assert "Skipped 5 habits, 6 habit marks, 4 check-ins and 4 entries already" in again.stdout
    after = exported(journal_path)
    for section in ("checkins", "entries", "habits"):
        assert after[section] == before[section]


def test_a_custom_mood_is_refused_with_the_names_found_until_mapped(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    source = sample(tmp_path, CUSTOM)
    sentence = refusal(run_exback("import", str(source)))
    assert sentence == (
        f"{source}, the mood column: 'super' and 'fine' have no level; the moods found are "
        "'super', 'fine' and 'meh'; give each a level from 1 to 10 with --mood-map, like "
        '--mood-map "rad=10,good=8,meh=5,bad=3,awful=1"; nothing was imported.'
    )
    assert not journal_path.exists()  # not even a new journal was made
    # Names are matched without their trailing spaces and in any case; "fine" shares meh's 5.
    result = run_exback("import", "--mood-map", "super=9, fine = 5", str(source))
    assert result.returncode == 0, result.stderr
    assert "'super' → 9 (1 row), 'fine' → 5 (2 rows), 'meh' → 5 (1 row)" in result.stdout
    doc = exported(journal_path)
    # 12-hour times: 12:15 am is just after midnight, so 7:05 AM is the 30th's last mood.
    assert moods(doc) == {
        "2023-12-30": (5, "2023-12-30 07:05"),
        "2023-12-31": (9, "2023-12-31 23:50"),
    }
    assert entries(doc) == [
        ("2023-12-30", "2023-12-30 00:15", "Couldn't switch off.", []),
        ("2023-12-31", "2023-12-31 23:50", "New year\n\nFireworks from the roof.", []),
    ]
    assert habits(doc)["party"] == (False, ["2023-12-31"])
    assert habits(doc)["sleep"] == (False, ["2023-12-30"])


def test_a_mood_map_overrides_the_default_levels(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    source = sample(tmp_path, CURRENT)
    result = run_exback("import", "--mood-map", "RAD=9,awful=2", str(source))
    assert result.returncode == 0, result.stderr
    levels = {day: mood for day, (mood, _) in moods(exported(journal_path)).items()}
    assert levels == {"2024-03-06": 9, "2024-03-07": 2, "2024-03-08": 5, "2024-03-09": 8}


def test_the_oldest_header_reads_the_year_and_the_day_in_words(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    result = run_exback("import", str(sample(tmp_path, "daylio_export_2019_07_19.csv")))
    assert result.returncode == 0, result.stderr
    doc = exported(journal_path)
    assert moods(doc) == {
        "2019-07-17": (10, "2019-07-17 21:00"),
        "2019-07-18": (8, "2019-07-18 20:30"),
    }
    assert entries(doc) == [("2019-07-18", "2019-07-18 20:30", "Long day.", [])]
    assert habits(doc)["work"] == (False, ["2019-07-18"])


def test_a_habit_map_renames_activities_on_the_way_in(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    source = sample(tmp_path, CURRENT)
    result = run_exback(
        "import", "--habit-map", "Walk=walking,reading=something for me", str(source)
    )
    assert result.returncode == 0, result.stderr
    assert "'walk' → 'walking'" in result.stdout
    found = habits(exported(journal_path))
    assert list(found) == [*DEFAULT_HABITS, "work", "walking"]
    assert found["walking"] == (False, ["2024-03-08", "2024-03-09"])
    assert found["something for me"] == (False, ["2024-03-06"])


def test_files_it_cannot_read_are_refused_naming_the_line_and_nothing_changes(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    assert run_exback("checkin", "--mood", "6").returncode == 0
    before = journal_path.read_bytes()
    empty = sample(tmp_path, "daylio_export_empty.csv")
    assert refusal(run_exback("import", str(empty))) == f"{empty} is empty; nothing was imported."
    cut = sample(tmp_path, "daylio_export_truncated.csv")
    assert refusal(run_exback("import", str(cut))) == (
        f"{cut}, line 5: a quoted field is not closed, so the file may be cut short; "
        "nothing was imported."
    )
    header = "\ufefffull_date,date,weekday,time,mood,activities,scales,note_title,note\n"
    cases = {
        "2024-03-09,March 9,Saturday,25:61,good,,,,\n": (
            "line 2: time '25:61' is not a time of day (like 21:35 or 9:35 pm)"
        ),
        "2024-03-09,March 9,Saturday,10:00,good,,,,\n2024-02-30,x,y,10:00,good,,,,\n": (
            "line 3: full_date '2024-02-30' is not a date (YYYY-MM-DD)"
        ),
        "2999-01-01,x,y,10:00,good,,,,\n": (
            "line 2: the date 2999-01-01 is in the future; pick today or earlier"
        ),
        "2024-03-09,March 9,Saturday,10:00\n": (
            "line 2: there are 4 fields where the header names 9, so the file may be cut short"
        ),
        "2024-03-09,March 9,Saturday,10:00,,,,,\n": "line 2: the mood is empty",
    }
    for rows, what in cases.items():
        bad = tmp_path / "bad.csv"
        bad.write_text(header + rows, encoding="utf-8")
        assert refusal(run_exback("import", str(bad))) == f"{bad}, {what}; nothing was imported."
    assert journal_path.read_bytes() == before


def test_a_bad_mapping_is_refused_and_nothing_is_made(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    source = sample(tmp_path, CURRENT)
    assert refusal(run_exback("import", "--mood-map", "rad=11", str(source))) == (
        "--mood-map gives 'rad' the level '11', but a mood is a whole number from 1 to 10; "
        "nothing was imported."
    )
    assert refusal(run_exback("import", "--mood-map", "rad", str(source))) == (
        "--mood-map takes name=value pairs separated by commas, like rad=10, and 'rad' is not "
        "one; nothing was imported."
    )
    assert refusal(run_exback("import", "--habit-map", "walk=" + "w" * 61, str(source))) == (
        "--habit-map renames 'walk': a habit name can be at most 60 characters; nothing was "
        "imported."
    )
    assert not journal_path.exists()
