"""Institutions (the five kinds of spec §1) and clients (the public and innovators) as registered.

The profile rules run when a profile is parsed, which is how it enters the system (`register`):
a member of the public has no innovator kind, enterprise size, credit code or 5.2.3 designations; an
innovator needs its kind; enterprise size and designations are for enterprises only. Every broken rule
is named by its field, all at once.
"""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from domain.errors import InvalidPayload
from domain.lifecycle import parse_payload
from domain.parties import (
    INSTITUTION_KIND_LABELS,
    SCOPE_CLAUSE,
    Client,
    ClientKind,
    ClientProfile,
    Designation,
    EnterpriseSize,
    InnovatorKind,
    Institution,
    InstitutionKind,
    InstitutionProfile,
)
from tests.domain.helpers import NOW, STAFF, meta

# Spec §1, written out: code -> Chinese name.
INSTITUTION_KINDS = {
    "protection_center": "知识产权保护中心",
    "assistance_center": "维权援助中心",
    "university_center": "高校国家知识产权信息服务中心",
    "tisc": "技术与创新支持中心",
    "workstation": "知识产权公共服务工作站",
}

PERSON = {"name": "王某", "kind": "public"}
ENTERPRISE = {
    "name": "青海某锂电科技有限公司",
    "kind": "innovator",
    "innovator_kind": "enterprise",
    "enterprise_size": "medium",
    "designations": ["specialised_sme", "going_global"],
    "credit_code": "91630100MA000000XX",
    "district": "城北区",
}


def refusal(profile: dict[str, Any]) -> InvalidPayload:
    with pytest.raises(InvalidPayload) as invalid:
        Client.register(profile, meta())
    return invalid.value


def test_1_institution_kinds_are_exactly_the_five_of_the_scope() -> None:
    assert {k.value for k in InstitutionKind} == set(INSTITUTION_KINDS)
    assert {k.value: label.zh for k, label in INSTITUTION_KIND_LABELS.items()} == INSTITUTION_KINDS
    assert all(label.en for label in INSTITUTION_KIND_LABELS.values())


@pytest.mark.parametrize("kind", sorted(INSTITUTION_KINDS))
def test_1_an_institution_of_each_kind_registers_under_clause_1(kind: str) -> None:
    institution = Institution.register(
        {"name": f"西宁市{INSTITUTION_KINDS[kind]}", "kind": kind, "district": "城西区"},
        meta(correlation_id="req-inst"),
    )
    assert institution.profile["kind"] == kind
    assert type(institution.profile["kind"]) is str
    assert institution.registered_at == NOW
    [event] = institution.collect_events()
    assert isinstance(event, Institution.Registered)
    assert event.clause == SCOPE_CLAUSE == "1"
    assert event.actor == STAFF
    assert event.effective_at == NOW
    assert event.correlation_id == "req-inst"


@pytest.mark.parametrize("kind", ["court", "law_firm", "TISC", "", "patent_agency"])
def test_1_an_institution_of_another_kind_is_refused(kind: str) -> None:
    with pytest.raises(InvalidPayload) as invalid:
        Institution.register({"name": "某机构", "kind": kind}, meta())
    assert [e.field for e in invalid.value.errors] == ["kind"]


@pytest.mark.parametrize("name", ["", "   ", "\t\n", "\u3000"])
def test_an_institution_with_a_blank_name_is_refused_naming_the_name(name: str) -> None:
    with pytest.raises(InvalidPayload) as invalid:
        Institution.register({"name": name, "kind": "tisc"}, meta())
    assert [e.field for e in invalid.value.errors] == ["name"]
    assert invalid.value.field == "name"


def test_an_institution_with_a_blank_name_and_an_unknown_kind_names_both() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        Institution.register({"name": " ", "kind": "court"}, meta())
    assert {e.field for e in invalid.value.errors} == {"name", "kind"}


def test_an_institution_without_name_or_kind_names_both_and_unknown_fields_too() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        Institution.register({"website": "https://example.org"}, meta())
    assert {e.field for e in invalid.value.errors} == {"name", "kind", "website"}


def test_a_member_of_the_public_registers_with_name_and_kind_only() -> None:
    client = Client.register(dict(PERSON), meta())
    assert client.profile["kind"] == "public"
    assert client.profile["innovator_kind"] is None
    assert client.profile["enterprise_size"] is None
    assert client.profile["designations"] == []


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ({"enterprise_size": "small"}, {"enterprise_size"}),
        ({"designations": ["specialised_sme"]}, {"designations"}),
        ({"innovator_kind": "enterprise"}, {"innovator_kind"}),
        ({"credit_code": "91630100MA000000XX"}, {"credit_code"}),
        ({"innovator_kind": "enterprise", "enterprise_size": "micro"}, {"innovator_kind", "enterprise_size"}),
    ],
)
def test_a_member_of_the_public_has_no_innovator_kind_size_credit_code_or_designations(
    extra: dict[str, Any], named: set[str]
) -> None:
    invalid = refusal({**PERSON, **extra})
    assert {e.field for e in invalid.errors} == named
    assert all("public" in e.message for e in invalid.errors)


def test_a_member_of_the_public_with_every_organisation_field_has_each_named_at_once() -> None:
    invalid = refusal(
        {
            **PERSON,
            "innovator_kind": "university",
            "enterprise_size": "large",
            "credit_code": "91630100MA000000XX",
            "designations": ["key_talent"],
        }
    )
    assert {e.field for e in invalid.errors} == {"innovator_kind", "enterprise_size", "credit_code", "designations"}
    for field in ("innovator_kind", "enterprise_size", "credit_code", "designations"):
        assert field in invalid.detail


def test_a_member_of_the_public_with_district_and_phone_registers() -> None:
    client = Client.register({**PERSON, "district": "城东区", "phone": "0971-0000000"}, meta())
    assert client.profile["district"] == "城东区"
    assert client.profile["credit_code"] is None


def test_5_2_3_an_enterprise_carries_size_and_designations_stored_as_strings() -> None:
    client = Client.register(dict(ENTERPRISE), meta())
    assert client.profile["enterprise_size"] == "medium"
    assert client.profile["designations"] == ["specialised_sme", "going_global"]
    assert all(type(d) is str for d in client.profile["designations"])
    assert msgspec.json.decode(msgspec.json.encode(client.profile)) == client.profile


@pytest.mark.parametrize("size", ["micro", "small", "medium", "large"])
def test_enterprise_sizes_are_micro_small_medium_large(size: str) -> None:
    assert Client.register({**ENTERPRISE, "enterprise_size": size}, meta()).profile["enterprise_size"] == size


def test_an_unknown_enterprise_size_is_refused_and_named() -> None:
    invalid = refusal({**ENTERPRISE, "enterprise_size": "huge"})
    assert [e.field for e in invalid.errors] == ["enterprise_size"]


@pytest.mark.parametrize(
    "designation",
    [
        "specialised_sme",
        "going_global",
        "national_demonstration",
        "national_advantage",
        "provincial_municipal_demonstration",
        "key_talent",
    ],
)
def test_5_2_3_each_priority_designation_is_accepted(designation: str) -> None:
    profile = {**ENTERPRISE, "designations": [designation]}
    assert Client.register(profile, meta()).profile["designations"] == [designation]


def test_5_2_3_an_unknown_designation_is_refused_with_its_position() -> None:
    invalid = refusal({**ENTERPRISE, "designations": ["going_global", "unicorn"]})
    assert [e.field for e in invalid.errors] == ["designations[1]"]


@pytest.mark.parametrize("innovator_kind", ["university", "research_institute", "other"])
def test_enterprise_size_only_for_enterprises(innovator_kind: str) -> None:
    profile = {"name": "青海大学", "kind": "innovator", "innovator_kind": innovator_kind, "enterprise_size": "large"}
    invalid = refusal(profile)
    assert [e.field for e in invalid.errors] == ["enterprise_size"]
    assert "enterprise" in invalid.detail


@pytest.mark.parametrize("innovator_kind", ["university", "research_institute", "other"])
def test_5_2_3_designations_only_for_enterprises(innovator_kind: str) -> None:
    profile = {
        "name": "青海大学",
        "kind": "innovator",
        "innovator_kind": innovator_kind,
        "designations": ["key_talent"],
    }
    invalid = refusal(profile)
    assert [e.field for e in invalid.errors] == ["designations"]
    assert "enterprise" in invalid.detail


def test_a_non_enterprise_with_size_and_designations_has_both_named_at_once() -> None:
    profile = {
        "name": "青海省某研究院",
        "kind": "innovator",
        "innovator_kind": "research_institute",
        "enterprise_size": "small",
        "designations": ["national_advantage"],
    }
    assert {e.field for e in refusal(profile).errors} == {"enterprise_size", "designations"}


@pytest.mark.parametrize("profile", [{}, {"innovator_kind": None}], ids=["absent", "null"])
def test_an_innovator_needs_its_innovator_kind(profile: dict[str, Any]) -> None:
    invalid = refusal({"name": "某创新主体", "kind": "innovator", **profile})
    assert [e.field for e in invalid.errors] == ["innovator_kind"]
    assert invalid.field == "innovator_kind"


def test_an_innovator_of_no_kind_with_enterprise_fields_has_every_broken_rule_named() -> None:
    profile = {**ENTERPRISE}
    del profile["innovator_kind"]
    invalid = refusal(profile)
    assert {e.field for e in invalid.errors} == {"innovator_kind", "enterprise_size", "designations"}


@pytest.mark.parametrize("innovator_kind", ["enterprise", "university", "research_institute", "other"])
def test_an_innovator_of_any_kind_may_carry_a_credit_code(innovator_kind: str) -> None:
    profile = {"name": "某单位", "kind": "innovator", "innovator_kind": innovator_kind, "credit_code": "12630000X"}
    assert Client.register(profile, meta()).profile["credit_code"] == "12630000X"


@pytest.mark.parametrize("innovator_kind", ["enterprise", "university", "research_institute", "other"])
def test_each_innovator_kind_registers(innovator_kind: str) -> None:
    client = Client.register({"name": "某创新主体", "kind": "innovator", "innovator_kind": innovator_kind}, meta())
    assert client.profile["innovator_kind"] == innovator_kind


@pytest.mark.parametrize("name", ["", " ", "\u3000\t"])
@pytest.mark.parametrize("base", [PERSON, ENTERPRISE], ids=["public", "innovator"])
def test_a_client_with_a_blank_name_is_refused_naming_the_name(name: str, base: dict[str, Any]) -> None:
    invalid = refusal({**base, "name": name})
    assert [e.field for e in invalid.errors] == ["name"]


def test_a_client_of_an_unknown_kind_or_with_unknown_fields_is_refused_naming_them() -> None:
    invalid = refusal({"name": "某", "kind": "government", "age": 40})
    assert {e.field for e in invalid.errors} == {"kind", "age"}


def test_a_client_is_registered_by_the_actors_institution_under_clause_1() -> None:
    client = Client.register(dict(PERSON), meta(correlation_id="req-client"))
    assert client.registered_by == STAFF.institution_id
    [event] = client.collect_events()
    assert isinstance(event, Client.Registered)
    assert event.clause == "1"
    assert event.registered_by == STAFF.institution_id
    assert event.correlation_id == "req-client"
    assert event.profile == client.profile


def test_the_client_rules_compare_by_value_so_plain_strings_built_in_code_are_judged_too() -> None:
    public: dict[str, Any] = {"name": "王某", "kind": "public", "enterprise_size": "small", "credit_code": "916"}
    assert {e.field for e in ClientProfile(**public).invariants()} == {"enterprise_size", "credit_code"}
    university: dict[str, Any] = {
        "name": "青海大学",
        "kind": "innovator",
        "innovator_kind": "university",
        "enterprise_size": "small",
        "designations": ["key_talent"],
    }
    assert {e.field for e in ClientProfile(**university).invariants()} == {"enterprise_size", "designations"}
    enterprise: dict[str, Any] = {
        "name": "某公司",
        "kind": "innovator",
        "innovator_kind": "enterprise",
        "enterprise_size": "small",
        "designations": ["key_talent"],
    }
    assert list(ClientProfile(**enterprise).invariants()) == []
    person: dict[str, Any] = dict(PERSON)
    assert list(ClientProfile(**person).invariants()) == []


def test_the_client_rules_hold_for_enum_members_built_in_code() -> None:
    public = ClientProfile(name="王某", kind=ClientKind.PUBLIC, enterprise_size=EnterpriseSize.SMALL)
    assert [e.field for e in public.invariants()] == ["enterprise_size"]
    innovator = ClientProfile(name="某主体", kind=ClientKind.INNOVATOR)
    assert [e.field for e in innovator.invariants()] == ["innovator_kind"]
    university = ClientProfile(
        name="青海大学",
        kind=ClientKind.INNOVATOR,
        innovator_kind=InnovatorKind.UNIVERSITY,
        designations=[Designation.KEY_TALENT],
    )
    assert [e.field for e in university.invariants()] == ["designations"]


def test_profiles_are_validated_when_parsed_as_register_does() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(ClientProfile, {"name": "王某", "kind": "public", "designations": ["going_global"]})
    assert [e.field for e in invalid.value.errors] == ["designations"]
    with pytest.raises(InvalidPayload) as invalid:
        parse_payload(InstitutionProfile, {"name": "\t", "kind": "tisc"})
    assert [e.field for e in invalid.value.errors] == ["name"]
    enterprise = parse_payload(ClientProfile, dict(ENTERPRISE))
    assert enterprise.enterprise_size is EnterpriseSize.MEDIUM
    assert enterprise.innovator_kind is InnovatorKind.ENTERPRISE
