"""What each step records: its payload is checked field by field, and every fault is named at once.

The required fields, which of them are text that may not be blank or lists that need a name, and a
wrong value for every field are written out by hand per step.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from domain.case import ServiceCase
from domain.catalogue import service_type
from domain.errors import InvalidPayload
from domain.lifecycle import parse_payload
from tests.domain.helpers import ASSISTANCE, DISPUTE, VALID_PAYLOADS, history_before, meta, record, walk

# (type, step) -> the fields a client must send
REQUIRED: dict[tuple[str, str], set[str]] = {
    (DISPUTE, "routes_explained"): set(),
    (DISPUTE, "mediation_session"): {"mediator", "outcome"},
    (DISPUTE, "expert_consultation"): {"experts", "opinion"},
    (DISPUTE, "mediation_committee_referral"): {"committee"},
    (DISPUTE, "evidence_referral"): {"body_kind", "body_name"},
    (DISPUTE, "litigation_guidance"): {"guidance"},
    (DISPUTE, "parties_followed_up"): {"contacted", "result"},
    (DISPUTE, "archived"): {"archive_no", "resolution"},
    (DISPUTE, "typical_case_written"): {"title", "summary"},
    (ASSISTANCE, "need_collected"): {"description"},
    (ASSISTANCE, "guidance_given"): {"kind", "content"},
    (ASSISTANCE, "expert_panel_advice"): {"experts", "difficulty", "legal_advice", "response_suggestions"},
    (ASSISTANCE, "referred"): {"target", "body_name"},
    (ASSISTANCE, "return_visit"): {"outcome", "satisfaction"},
}

# (type, step) -> a payload in which every field has a value of the wrong type or outside its vocabulary
ALL_WRONG: dict[tuple[str, str], dict[str, Any]] = {
    (DISPUTE, "routes_explained"): {"note": 1, "routes": "mediation", "recommended": "war"},
    (DISPUTE, "mediation_session"): {
        "note": [],
        "mediator": 7,
        "room": None,
        "parties_present": "甲",
        "outcome": "won",
    },
    (DISPUTE, "expert_consultation"): {"note": {}, "experts": "王", "opinion": None, "steered_to_mediation": "yes"},
    (DISPUTE, "mediation_committee_referral"): {"note": 1.5, "committee": [], "support_given": 0},
    (DISPUTE, "evidence_referral"): {"note": True, "body_kind": "police", "body_name": 1, "purpose": None},
    (DISPUTE, "litigation_guidance"): {"note": 0, "court": 5, "guidance": None},
    (DISPUTE, "parties_followed_up"): {"note": 0, "contacted": [1], "method": None, "result": 2},
    (DISPUTE, "archived"): {"note": 0, "archive_no": 2026001, "resolution": False},
    (DISPUTE, "typical_case_written"): {"note": 0, "title": None, "summary": 3, "tags": "光伏"},
    (ASSISTANCE, "need_collected"): {
        "note": 0,
        "description": None,
        "right_number": 123,
        "infringer": [],
        "help_wanted": ["lawsuit"],
    },
    (ASSISTANCE, "guidance_given"): {"note": 0, "kind": "prayer", "content": 1},
    (ASSISTANCE, "expert_panel_advice"): {
        "note": 0,
        "experts": None,
        "difficulty": 1,
        "legal_advice": 2,
        "response_suggestions": 3,
    },
    (ASSISTANCE, "referred"): {"note": 0, "target": "police", "body_name": None, "region": 1},
    (ASSISTANCE, "return_visit"): {"note": 0, "outcome": "happy", "satisfaction": "6", "visited_by": 1},
}

# (type, step) -> its required free-text fields: none may be blank or whitespace only
TEXT: dict[tuple[str, str], set[str]] = {
    (DISPUTE, "mediation_session"): {"mediator"},
    (DISPUTE, "expert_consultation"): {"opinion"},
    (DISPUTE, "mediation_committee_referral"): {"committee"},
    (DISPUTE, "evidence_referral"): {"body_name"},
    (DISPUTE, "litigation_guidance"): {"guidance"},
    (DISPUTE, "parties_followed_up"): {"result"},
    (DISPUTE, "archived"): {"archive_no", "resolution"},
    (DISPUTE, "typical_case_written"): {"title", "summary"},
    (ASSISTANCE, "need_collected"): {"description"},
    (ASSISTANCE, "guidance_given"): {"content"},
    (ASSISTANCE, "expert_panel_advice"): {"difficulty", "legal_advice", "response_suggestions"},
    (ASSISTANCE, "referred"): {"body_name"},
}

# (type, step, field): the required lists of names, which need at least one non-blank name
NAMES = [
    (DISPUTE, "expert_consultation", "experts"),
    (DISPUTE, "parties_followed_up", "contacted"),
    (ASSISTANCE, "expert_panel_advice", "experts"),
]

BLANKS = ["", " ", "\t\n", "\u3000", " \u3000 \r\n"]

STEPS = sorted(REQUIRED)


def payload_type(type_code: str, step: str) -> Any:
    return service_type(type_code).step(step).payload


def faulty_fields(exc: InvalidPayload) -> set[str]:
    return {e.field.split("[")[0] for e in exc.errors}


def is_json_builtins(value: object) -> bool:
    """Only exact builtins (no enum, datetime or struct), as json.loads would give them back."""
    if isinstance(value, dict):
        return all(type(k) is str and is_json_builtins(v) for k, v in value.items())
    if isinstance(value, list):
        return all(is_json_builtins(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


def test_every_step_of_both_tables_has_hand_written_payload_rules() -> None:
    for type_code in (DISPUTE, ASSISTANCE):
        codes = {s.code for s in service_type(type_code).steps}
        assert {step for t, step in REQUIRED if t == type_code} == codes
        assert {step for t, step in ALL_WRONG if t == type_code} == codes
    for key, fields in TEXT.items():
        assert fields <= REQUIRED[key], key
    for type_code, step, field in NAMES:
        assert field in REQUIRED[(type_code, step)]


@pytest.mark.parametrize(("type_code", "step"), STEPS)
def test_valid_payload_is_accepted(type_code: str, step: str) -> None:
    parsed = parse_payload(payload_type(type_code, step), VALID_PAYLOADS[type_code][step])
    assert isinstance(parsed, payload_type(type_code, step))


@pytest.mark.parametrize(("type_code", "step"), STEPS)
def test_missing_required_fields_are_all_named(type_code: str, step: str) -> None:
    required = REQUIRED[(type_code, step)]
    if not required:
        assert parse_payload(payload_type(type_code, step), {}) is not None
        return
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(type_code, step), {})
    assert {e.field for e in invalid.value.errors} == required
    assert all("missing" in e.message for e in invalid.value.errors)


@pytest.mark.parametrize(("type_code", "step"), STEPS)
def test_each_required_field_alone_missing_is_named(type_code: str, step: str) -> None:
    for field in REQUIRED[(type_code, step)]:
        raw = {k: v for k, v in VALID_PAYLOADS[type_code][step].items() if k != field}
        with pytest.raises(InvalidPayload) as invalid:
            parse_payload(payload_type(type_code, step), raw)
        assert [e.field for e in invalid.value.errors] == [field]
        assert invalid.value.field == field


@pytest.mark.parametrize(("type_code", "step"), STEPS)
def test_every_field_of_the_wrong_type_is_named_at_once(type_code: str, step: str) -> None:
    raw = ALL_WRONG[(type_code, step)]
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(type_code, step), raw)
    assert faulty_fields(invalid.value) == set(raw)
    for name in raw:
        assert name in invalid.value.detail


@pytest.mark.parametrize(("type_code", "step"), STEPS)
def test_unknown_fields_are_refused_and_named(type_code: str, step: str) -> None:
    raw = {**VALID_PAYLOADS[type_code][step], "colour": "red", "priority": 1}
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(type_code, step), raw)
    assert {(e.field, e.message) for e in invalid.value.errors} == {
        ("colour", "unknown field"),
        ("priority", "unknown field"),
    }


@pytest.mark.parametrize(("type_code", "step"), STEPS)
def test_stored_payload_is_json_ready_builtins_with_enums_as_strings(type_code: str, step: str) -> None:
    history = history_before(type_code, step)
    case = walk(type_code, history)
    record(case, step)
    event = case.pending_events[-1]
    assert isinstance(event, ServiceCase.StepRecorded)
    stored = event.payload
    assert is_json_builtins(stored)
    assert json.loads(json.dumps(stored)) == stored
    assert case.recorded[-1] == (step, stored)
    for name, value in VALID_PAYLOADS[type_code][step].items():
        assert stored[name] == value


def test_5_1_7_b_mediation_with_a_numeric_outcome_and_no_mediator_names_both_and_records_nothing() -> None:
    case = walk(DISPUTE, ["routes_explained"])
    version = case.version
    with pytest.raises(InvalidPayload) as invalid:
        case.record_step("mediation_session", {"outcome": 3}, meta())
    assert {e.field for e in invalid.value.errors} == {"mediator", "outcome"}
    assert case.version == version
    assert case.steps == ["routes_explained"]
    assert len(case.pending_events) == version


def test_5_1_7_a_routes_default_to_all_five_and_are_stored_as_strings() -> None:
    case = walk(DISPUTE, [])
    case.record_step("routes_explained", {}, meta())
    stored = case.recorded[-1][1]
    assert stored["routes"] == ["administrative", "judicial", "mediation", "settlement", "arbitration"]
    assert all(type(r) is str for r in stored["routes"])
    assert stored["recommended"] is None


def test_5_1_7_a_a_route_outside_the_five_is_named_with_its_position() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(DISPUTE, "routes_explained"), {"routes": ["judicial", "duel"]})
    assert [e.field for e in invalid.value.errors] == ["routes[1]"]


def test_5_1_7_b_mediation_room_defaults_to_the_mediation_room() -> None:
    parsed = parse_payload(payload_type(DISPUTE, "mediation_session"), {"mediator": "李", "outcome": "agreement"})
    assert parsed.room == "调解室"


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_5_1_4_e_satisfaction_is_an_integer_on_the_five_levels_of_7_1(level: int) -> None:
    raw = {"outcome": "resolved", "satisfaction": level}
    parsed = parse_payload(payload_type(ASSISTANCE, "return_visit"), raw)
    assert parsed.satisfaction == level
    assert type(parsed.satisfaction) is int


@pytest.mark.parametrize("level", [0, 6, -1, 10, "0", "6", "very good", "", None, 4.5])
def test_5_1_4_e_satisfaction_outside_the_five_levels_is_refused(level: Any) -> None:
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(ASSISTANCE, "return_visit"), {"outcome": "resolved", "satisfaction": level})
    assert [e.field for e in invalid.value.errors] == ["satisfaction"]


@pytest.mark.parametrize("level", ["1", "3", "5", 5.0, True])
def test_5_1_4_e_satisfaction_given_as_a_string_float_or_boolean_is_refused(level: Any) -> None:
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(ASSISTANCE, "return_visit"), {"outcome": "resolved", "satisfaction": level})
    assert [e.field for e in invalid.value.errors] == ["satisfaction"]


def test_5_1_4_e_satisfaction_is_stored_as_an_integer() -> None:
    case = walk(ASSISTANCE, ["need_collected", "guidance_given"])
    case.record_step("return_visit", {"outcome": "partly_resolved", "satisfaction": 3}, meta())
    stored = case.recorded[-1][1]
    assert stored["satisfaction"] == 3
    assert type(stored["satisfaction"]) is int
    assert json.loads(json.dumps(stored))["satisfaction"] == 3


@pytest.mark.parametrize(("type_code", "step"), sorted(TEXT))
@pytest.mark.parametrize("blank", BLANKS, ids=repr)
def test_required_text_that_is_blank_or_whitespace_is_refused_naming_every_such_field(
    type_code: str, step: str, blank: str
) -> None:
    raw = {**VALID_PAYLOADS[type_code][step], **dict.fromkeys(TEXT[(type_code, step)], blank)}
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(type_code, step), raw)
    assert {e.field for e in invalid.value.errors} == TEXT[(type_code, step)]


@pytest.mark.parametrize(("type_code", "step", "field"), [(t, s, f) for (t, s), fields in TEXT.items() for f in fields])
def test_each_required_text_field_alone_blank_is_refused_and_named(type_code: str, step: str, field: str) -> None:
    raw = {**VALID_PAYLOADS[type_code][step], field: " \t "}
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(type_code, step), raw)
    assert [e.field for e in invalid.value.errors] == [field]
    assert invalid.value.field == field


def test_a_blank_text_is_refused_at_recording_and_nothing_is_recorded() -> None:
    case = walk(DISPUTE, ["routes_explained", "parties_followed_up"])
    version = case.version
    with pytest.raises(InvalidPayload) as invalid:
        case.record_step("archived", {"archive_no": "XN-2026-002", "resolution": "\u3000"}, meta())
    assert [e.field for e in invalid.value.errors] == ["resolution"]
    assert case.version == version
    assert case.status == "open"


def test_required_text_with_surrounding_spaces_is_accepted_as_sent() -> None:
    parsed = parse_payload(
        payload_type(ASSISTANCE, "guidance_given"), {"kind": "evidence_collection", "content": " 公证 "}
    )
    assert parsed.content == " 公证 "


def test_required_text_of_twenty_thousand_characters_is_accepted_and_one_more_refused() -> None:
    kind = payload_type(DISPUTE, "litigation_guidance")
    assert len(parse_payload(kind, {"guidance": "证" * 20_000}).guidance) == 20_000
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(kind, {"guidance": "证" * 20_001})
    assert [e.field for e in invalid.value.errors] == ["guidance"]


@pytest.mark.parametrize(("type_code", "step", "field"), NAMES)
def test_a_required_name_list_that_is_empty_is_refused_and_named(type_code: str, step: str, field: str) -> None:
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(type_code, step), {**VALID_PAYLOADS[type_code][step], field: []})
    assert [e.field for e in invalid.value.errors] == [field]


@pytest.mark.parametrize(("type_code", "step", "field"), NAMES)
def test_a_blank_entry_of_a_required_name_list_is_refused_with_its_position(
    type_code: str, step: str, field: str
) -> None:
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(type_code, step), {**VALID_PAYLOADS[type_code][step], field: ["甲", "  "]})
    assert [e.field for e in invalid.value.errors] == [f"{field}[1]"]


def test_5_1_7_a_no_routes_at_all_is_refused_and_named() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(DISPUTE, "routes_explained"), {"routes": []})
    assert [e.field for e in invalid.value.errors] == ["routes"]


@pytest.mark.parametrize("routes", [["judicial"], ["administrative", "arbitration", "settlement"]])
def test_5_1_7_a_the_recommended_route_must_be_one_of_the_routes_explained(routes: list[str]) -> None:
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(DISPUTE, "routes_explained"), {"routes": routes, "recommended": "mediation"})
    assert [e.field for e in invalid.value.errors] == ["recommended"]
    assert invalid.value.field == "recommended"


def test_5_1_7_a_no_routes_and_a_recommendation_names_both_at_once() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(DISPUTE, "routes_explained"), {"routes": [], "recommended": "judicial"})
    assert {e.field for e in invalid.value.errors} == {"routes", "recommended"}
    assert "routes" in invalid.value.detail
    assert "recommended" in invalid.value.detail


@pytest.mark.parametrize(
    "raw",
    [
        {"routes": ["mediation"], "recommended": "mediation"},
        {"routes": ["judicial", "mediation"], "recommended": "judicial"},
        {"routes": ["settlement"]},
        {"recommended": "arbitration"},
    ],
)
def test_5_1_7_a_a_recommendation_among_the_routes_or_none_is_accepted(raw: dict[str, Any]) -> None:
    parsed = parse_payload(payload_type(DISPUTE, "routes_explained"), raw)
    assert parsed.recommended == raw.get("recommended")


def test_5_1_7_a_a_recommendation_outside_the_routes_is_refused_at_recording_and_nothing_is_recorded() -> None:
    case = walk(DISPUTE, [])
    with pytest.raises(InvalidPayload) as invalid:
        case.record_step("routes_explained", {"routes": ["judicial"], "recommended": "mediation"}, meta())
    assert [e.field for e in invalid.value.errors] == ["recommended"]
    assert case.steps == []
    assert case.version == 1


@pytest.mark.parametrize("raw", [[], "need", None, 3])
def test_a_payload_that_is_not_an_object_is_refused(raw: Any) -> None:
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(ASSISTANCE, "need_collected"), raw)
    assert "JSON object" in invalid.value.detail


def test_missing_wrong_and_unknown_fields_are_reported_together() -> None:
    raw = {"outcome": 3, "rooms": "A"}
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(payload_type(DISPUTE, "mediation_session"), raw)
    assert {e.field for e in invalid.value.errors} == {"mediator", "outcome", "rooms"}
