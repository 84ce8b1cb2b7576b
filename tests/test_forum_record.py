"""Forum records and IKM capabilities: read, checked against each other and the catalogue, reported at file:line.

``etalase validate`` must check forums like every record: unknown IKMs, a need in an unknown
category, a slot past the forum's end, a certificate name not in certificates.yml, requests,
schedule and outcomes naming what is not there — all at once, each at its own line.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import REPO, TODAY
from etalase.check.schema_export import json_schemas
from etalase.model.problems import Severity
from etalase.source.load import load_records
from etalase.tools.cli import main
from forumkit import FORUM_PATH, MINI_FORUM, add_capabilities, validated, write_forum

SAMPLE = REPO / "catalog" / "forums" / "temu-usaha-bandung-2026.yml"


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _shown(problems) -> dict[str, str]:
    return {p.field: p.format("en") for p in problems}


def test_a_valid_forum_joins_the_catalog(mini_project: Path) -> None:
    write_forum(mini_project)
    catalog, problems = validated(mini_project)
    assert problems == []
    assert catalog is not None and list(catalog.forums) == ["temu-contoh"]
    forum = catalog.forums["temu-contoh"].record
    assert forum.slots == ["09:00", "09:30", "10:00"] and forum.firm("pt-boga").needs[0].certificates == ["halal"]
    assert catalog.forums["temu-contoh"].path == FORUM_PATH


def test_the_sample_forum_is_valid_and_as_the_issue_asks() -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    firms = data["firms"]
    assert 7 <= len(firms) <= 10 and all(f["illustrative"] for f in firms)
    categories = {n["category"] for f in firms for n in f["needs"]}
    assert categories == {"fesyen", "rajut", "kerajinan", "makanan", "percetakan"}
    assert len(data["ikms"]) == 20 and data["outcomes"] and data["schedule"] and data["requests"]
    catalog, problems = validated(REPO)
    assert [p for p in problems if p.path.startswith("catalog/forums/")] == []
    assert catalog is not None and "temu-usaha-bandung-2026" in catalog.forums


def test_every_forum_rule_at_once(mini_project: Path) -> None:
    text = (
        MINI_FORUM.replace("  - dapur-contoh\n", "  - dapur-contho\n  - rajut-contoh\n")
        .replace("category: makanan", "category: makan")
        .replace("certificates: [halal]", "certificates: [Halal, hallal, iso-9001, sni, sni]")
        .replace('slots: ["09:00", "09:30", "10:00"]', 'slots: ["08:00", "09:30", "09:40", "11:50"]')
        .replace("tables: 3", "tables: 1")
        .replace("  - {firm: pt-boga, ikm: dapur-contoh, need: camilan}", "  - {firm: pt-bogaa, ikm: dapur-contoh}")
        .replace(
            "outcomes:\n  - {firm: pt-contoh, ikm: rajut-contoh, need: rompi,",
            "outcomes:\n  - {firm: pt-contoh, ikm: rajut-contoh, need: rompii,",
        )
    )
    write_forum(mini_project, text)
    _, problems = validated(mini_project)
    shown = _shown(problems)
    assert all(p.path == FORUM_PATH for p in problems), problems
    assert "did you mean `dapur-contoh`?" in shown["ikms[1]"]
    assert "is already listed at ikms[0]" in shown["ikms[2]"]
    assert "category 'makan' does not exist — did you mean `makanan`?" in shown["firms[1].needs[0].category"]
    certificates = [shown[f"firms[1].needs[0].certificates[{i}]"] for i in (0, 1, 2, 4)]
    assert "write `halal`, as catalog/certificates.yml names it" in certificates[0]
    assert "did you mean `halal`?" in certificates[1]
    assert "write the ISO requirement in `specification`" in certificates[2]
    assert "listed twice" in certificates[3]
    assert "starts before the forum opens at 08:30" in shown["slots[0]"]
    assert "starts before slot 09:30 ends at 09:50" in shown["slots[2]"]
    assert "ends at 12:10, after the forum closes at 12:00" in shown["slots[3]"]
    assert (
        "2 firms but only 1 table — each firm keeps one table for the whole forum: write `tables: 2`" in shown["tables"]
    )
    assert "firm 'pt-bogaa' does not exist — did you mean `pt-boga`?" in shown["requests[1].firm"]
    assert "need 'rompii' is not one of firm 'pt-contoh''s — use one of: rompi" in shown["outcomes[0].need"]
    lines = {p.field: p.line for p in problems}
    assert lines["slots[3]"] == _line(text, "slots:") and lines["tables"] == _line(text, "tables:")
    assert lines["firms[1].needs[0].category"] == _line(text, "category: makan\n")
    assert "firms[1].needs[0].certificates[3]" not in shown
    assert all(p.severity is Severity.error for p in problems)


def test_schedule_rules(mini_project: Path) -> None:
    schedule = """schedule:
  - {slot: "09:00", table: 1, firm: pt-contoh, ikm: rajut-contoh, need: rompi}
  - {slot: "09:00", table: 1, firm: pt-boga, ikm: dapur-contoh}
  - {slot: "09:30", table: 2, firm: pt-contoh, ikm: dapur-contoh}
  - {slot: "10:00", table: 3, firm: pt-boga, ikm: rajut-contoh}
  - {slot: "10:00", table: 2, firm: pt-contoh, ikm: rajut-contoh}
  - {slot: "11:00", table: 9, firm: pt-boga, ikm: dapur-contoh}
"""
    start = MINI_FORUM.index("schedule:")
    end = MINI_FORUM.index("outcomes:")
    text = MINI_FORUM[:start] + schedule + MINI_FORUM[end:]
    write_forum(mini_project, text)
    _, problems = validated(mini_project)
    shown = _shown(problems)
    assert "table 1 is firm 'pt-contoh''s (schedule[0]) — give each firm its own table" in shown["schedule[1].table"]
    assert "firm 'pt-contoh' sits at table 1 (schedule[0]) — a firm keeps its table" in shown["schedule[2].table"]
    assert "'rajut-contoh' already meets pt-boga in slot 10:00 (schedule[3])" in shown["schedule[4].ikm"]
    assert "slot 11:00 is not in `slots`" in shown["schedule[5].slot"]
    rows = schedule.splitlines()
    assert {p.line for p in problems} == {_line(text, rows[i]) for i in (2, 3, 5, 6)}


def test_a_firm_meets_only_when_it_is_there(mini_project: Path) -> None:
    text = MINI_FORUM.replace("    city: Kota Cimahi\n", '    city: Kota Cimahi\n    available: ["09:30", "12:00"]\n')
    write_forum(mini_project, text)
    _, problems = validated(mini_project)
    shown = _shown(problems)
    assert set(shown) == {"firms[1].available[1]", "schedule[1].slot"}
    assert "slot 12:00 is not in `slots`" in shown["firms[1].available[1]"]
    assert "firm 'pt-boga' is not present in slot 09:00 (`available`)" in shown["schedule[1].slot"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("9:30", 'a time without quotes is read by YAML as the number 570 — write it in quotes: "09:30"'),
        ("08.30", 'write the time in quotes, e.g. "08:30"'),
        ('"8.30"', None),
        ('"25:00"', "is not in the expected form"),
    ],
)
def test_times_are_read_right_or_refused(mini_project: Path, written: str, expected: str | None) -> None:
    write_forum(mini_project, MINI_FORUM.replace('  start: "08:30"', f"  start: {written}"))
    catalog, problems = validated(mini_project)
    if expected is None:
        assert problems == [] and catalog is not None
        assert catalog.forums["temu-contoh"].record.hours.start == "08:30"
    else:
        assert [p.field for p in problems] == ["hours.start"]
        assert expected in problems[0].format("en")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("0800 0000 0900", None),
        ('"+62 800-0000-0900"', None),
        ("+6280000000900", None),  # unquoted: YAML's number, read with its plus
        ("0800 0000", "is too short for an Indonesian number"),
        ("Ibu Rina", "is not a WhatsApp number — write the whole number, e.g. +62 812-3456-7890"),
    ],
)
def test_the_facilitators_whatsapp_is_read_as_people_write_it(
    mini_project: Path, written: str, expected: str | None
) -> None:
    write_forum(mini_project, MINI_FORUM.replace('  whatsapp: "+6280000000900"', f"  whatsapp: {written}"))
    catalog, problems = validated(mini_project)
    if expected is None:
        assert problems == [] and catalog is not None
        assert catalog.forums["temu-contoh"].record.facilitator.whatsapp == "+6280000000900"
    else:
        assert [p.field for p in problems] == ["facilitator.whatsapp"]
        assert expected in problems[0].format("en")
        assert problems[0].line == _line(MINI_FORUM, '"+6280000000900"')


def test_hours_in_order_and_the_slug_is_the_file_name(mini_project: Path) -> None:
    write_forum(mini_project, MINI_FORUM.replace('end: "12:00"', 'end: "08:00"'), name="temu-lain")
    _, problems = validated(mini_project)
    assert [p.field for p in problems] == ["hours.end"]
    assert "is not after the opening time 08:30" in problems[0].format("en")
    write_forum(mini_project, MINI_FORUM, name="temu-lain")
    _, problems = validated(mini_project)
    assert [(p.field, p.format("en").split(": ", 2)[-1]) for p in problems] == [
        ("slug", "'temu-contoh' differs from the file name 'temu-lain' — make the slug the same as the file name")
    ]


def test_a_broken_ikm_is_not_blamed_again_from_a_forum(mini_project: Path) -> None:
    ikm = mini_project / "products/dapur-contoh/ikm.yml"
    ikm.write_text(ikm.read_text(encoding="utf-8").replace("workers: 4", "workers: empat"), encoding="utf-8")
    write_forum(mini_project)
    _, problems = validated(mini_project)
    assert [p.path for p in problems] == ["products/dapur-contoh/ikm.yml"]


def test_forum_files_are_found_only_in_their_folder(mini_project: Path) -> None:
    write_forum(mini_project)
    (mini_project / "catalog/forums/lama.yaml").write_text(MINI_FORUM, encoding="utf-8")
    (mini_project / "catalog/forums/arsip").mkdir()
    (mini_project / "catalog/forums/arsip/temu.yml").write_text(MINI_FORUM, encoding="utf-8")
    records, problems = load_records(mini_project)
    assert [r.path for r in records if r.kind.value == "forum"] == [FORUM_PATH]
    assert sorted(p.format("en") for p in problems) == [
        "catalog/forums/arsip/temu.yml:1: this file is in the wrong place — move it to catalog/forums/<slug>.yml",
        "catalog/forums/lama.yaml:1: use the .yml ending, not .yaml — rename the file",
    ]


def test_warnings_for_a_coming_forum_without_schedule_and_outcomes_before_the_day(mini_project: Path) -> None:
    start, end = MINI_FORUM.index("schedule:"), MINI_FORUM.index("outcomes:")
    write_forum(mini_project, (MINI_FORUM[:start] + MINI_FORUM[end:]).replace("date: 2026-11-12", "date: 2026-12-10"))
    _, problems = validated(mini_project)
    assert all(p.severity is Severity.warning for p in problems)
    shown = _shown(problems)
    assert "run `etalase forum schedule temu-contoh`" in shown["slug"]
    assert "which has not happened yet" in shown["outcomes"]
    _, later = validated(mini_project, today=TODAY.replace(month=12, day=20))
    assert later == []


@pytest.mark.parametrize(
    ("block", "field", "message"),
    [
        (
            "capabilities:\n  processes:\n    id: [mesin rajut komputer, linking]\n    en: [computerised knitting]\n",
            "capabilities.processes.en",
            "the `en` list has 1 items and `id` 2 — translate every item in the same order",
        ),
        (
            "capabilities:\n  certificates:\n    - {type: sni, number: S-1, expires: 2027-10-01}\n"
            "    - {type: sni, number: S-2, expires: 2028-10-01}\n",
            "capabilities.certificates[1].type",
            "certificate sni is listed twice — keep one entry per type",
        ),
        (
            "capabilities:\n  capacity: {quantity: 1.500, unit: lusin}\n",
            "capabilities.capacity.quantity",
            "is not a whole number",
        ),
    ],
)
def test_capabilities_are_checked(mini_project: Path, block: str, field: str, message: str) -> None:
    add_capabilities(mini_project, "rajut-contoh", block)
    _, problems = validated(mini_project)
    assert [p.field for p in problems] == [field]
    assert message in problems[0].format("en")
    text = (mini_project / "products/rajut-contoh/ikm.yml").read_text(encoding="utf-8")
    assert problems[0].line >= _line(text, "capabilities:")


def test_an_expired_capability_certificate_is_a_warning_at_its_line(mini_project: Path) -> None:
    block = "capabilities:\n  certificates:\n    - {type: halal, number: H-1}\n    - {type: sni, number: S-1, expires: 2026-10-01}\n"
    add_capabilities(mini_project, "dapur-contoh", block)
    _, problems = validated(mini_project)
    assert [(p.field, p.severity) for p in problems] == [("capabilities.certificates[1].expires", Severity.warning)]
    text = (mini_project / "products/dapur-contoh/ikm.yml").read_text(encoding="utf-8")
    assert problems[0].line == _line(text, "{type: sni")


def test_the_command_reports_forum_problems_at_file_line(
    mini_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_forum(
        mini_project, MINI_FORUM.replace("  - rajut-contoh\n  - dapur-contoh\n", "  - rajut-contoh\n  - toko-hantu\n")
    )
    code = main(["--root", str(mini_project), "validate", "--today", TODAY.isoformat(), "--lang", "en"])
    out = capsys.readouterr().out
    line = _line(MINI_FORUM, "  - dapur-contoh\n")
    assert code == 1
    assert f"{FORUM_PATH}:{line}: ikms[1]: IKM 'toko-hantu' does not exist" in out


def test_the_json_schema_accepts_the_sample_and_refuses_what_validate_refuses() -> None:
    schema = json.loads(json_schemas(["fesyen", "rajut", "kerajinan", "makanan", "percetakan"])["forum.schema.json"])
    assert schema == json.loads((REPO / "catalog/schema/forum.schema.json").read_text(encoding="utf-8"))
    sample = json.loads(json.dumps(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")), default=str))
    jsonschema.validate(sample, schema)
    sample["firms"][0]["needs"][0]["certificates"] = ["iso-9001"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(sample, schema)
