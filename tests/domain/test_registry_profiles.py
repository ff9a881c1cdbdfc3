"""Institutions (the five kinds of spec §1) and clients (the public and innovators) as registered."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from domain.errors import InvalidPayload
from domain.registry import (
    INSTITUTION_KIND_LABELS,
    SCOPE_CLAUSE,
    Client,
    ClientKind,
    ClientProfile,
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


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_an_institution_with_a_blank_name_is_refused(name: str) -> None:
    with pytest.raises(InvalidPayload, match="blank"):
        Institution.register({"name": name, "kind": "tisc"}, meta())


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
    "extra",
    [
        {"enterprise_size": "small"},
        {"designations": ["specialised_sme"]},
        {"innovator_kind": "enterprise"},
        {"innovator_kind": "enterprise", "enterprise_size": "micro"},
    ],
)
def test_a_member_of_the_public_has_no_enterprise_size_designations_or_innovator_kind(extra: dict[str, Any]) -> None:
    invalid = refusal({**PERSON, **extra})
    assert "public" in invalid.detail


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


@pytest.mark.parametrize("innovator_kind", ["university", "research_institute", "other", None])
def test_enterprise_size_only_for_enterprises(innovator_kind: str | None) -> None:
    profile = {"name": "青海大学", "kind": "innovator", "innovator_kind": innovator_kind, "enterprise_size": "large"}
    invalid = refusal(profile)
    assert "enterprise" in invalid.detail


@pytest.mark.parametrize("innovator_kind", ["enterprise", "university", "research_institute", "other"])
def test_each_innovator_kind_registers(innovator_kind: str) -> None:
    client = Client.register({"name": "某创新主体", "kind": "innovator", "innovator_kind": innovator_kind}, meta())
    assert client.profile["innovator_kind"] == innovator_kind


@pytest.mark.parametrize("name", ["", " ", "\u3000\t"])
@pytest.mark.parametrize("base", [PERSON, ENTERPRISE], ids=["public", "innovator"])
def test_a_client_with_a_blank_name_is_refused(name: str, base: dict[str, Any]) -> None:
    assert "blank" in refusal({**base, "name": name}).detail


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


def test_the_profile_rules_hold_when_a_profile_is_built_in_code_too() -> None:
    with pytest.raises(ValueError, match="public"):
        ClientProfile(name="王某", kind=ClientKind.PUBLIC, enterprise_size=EnterpriseSize.SMALL)
    with pytest.raises(ValueError, match="enterprises only"):
        ClientProfile(
            name="青海大学",
            kind=ClientKind.INNOVATOR,
            innovator_kind=InnovatorKind.UNIVERSITY,
            enterprise_size=EnterpriseSize.SMALL,
        )
    with pytest.raises(ValueError, match="blank"):
        InstitutionProfile(name=" ", kind=InstitutionKind.TISC)
    enterprise = ClientProfile(
        name="某公司",
        kind=ClientKind.INNOVATOR,
        innovator_kind=InnovatorKind.ENTERPRISE,
        enterprise_size=EnterpriseSize.SMALL,
    )
    assert enterprise.enterprise_size is EnterpriseSize.SMALL
