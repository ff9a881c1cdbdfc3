"""Libraries kept from the cases, on both stores: the typical-case library searched in Chinese, the
consultation archive and its analysis, the financing ledger, and a client's IP management ledger."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tests.api.conftest import World
from tests.api.test_service_walks import open_for
from tests.walks import all_walks

WALKS = all_walks()


def walk_path(world: World, code: str, path: int = 0) -> UUID:
    walk = WALKS[code]
    case_id = UUID(open_for(world, walk))
    for step, payload in walk.paths[path]:
        response = world.step(case_id, step, **payload)
        assert response.status_code == 201, response.text
    return case_id


def get(world: World, path: str, who: str = "supervisor", **params: Any) -> Any:
    response = world.client.get(
        path, params={"min_position": world.store.max_position(), **params}, headers=world.headers(who)
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_5_1_7_f_and_5_1_14_c_typical_cases_are_found_by_chinese_substrings(world: World) -> None:
    dispute = walk_path(world, "dispute_guidance")
    transfer = walk_path(world, "transfer_license")
    everything = get(world, "/v1/typical-cases")
    assert {c["case_id"] for c in everything} == {str(dispute), str(transfer)}
    (found,) = get(world, "/v1/typical-cases", q="光伏")
    assert found["case_id"] == str(dispute)
    assert found["title"] == "光伏专利纠纷调解案"
    assert found["service_type"]["clause"] == "5.1.7.f"
    assert get(world, "/v1/typical-cases", q="两次调解") == [found]  # in the summary
    assert get(world, "/v1/typical-cases", q="不存在的词") == []
    assert [c["case_id"] for c in get(world, "/v1/typical-cases", service_type="transfer_license")] == [str(transfer)]
    assert get(world, "/v1/typical-cases", q="%_") == everything  # wildcards are not wildcards: dropped


def test_5_1_6_consultation_archive_and_analysis(world: World) -> None:
    walk_path(world, "consultation")
    archive = get(world, "/v1/consultations")
    assert len(archive) == 2
    assert {q["channel"]["code"] for q in archive} == {"social_media"}
    assert archive[0]["channel"]["name"]["zh"]
    # The answer (5.1.6.c) answers every question of the consultation still open.
    assert [(q["satisfaction"], bool(q["answer"])) for q in archive] == [(5, True), (5, True)]
    assert [q["question"] for q in get(world, "/v1/consultations", q="证据")] == ["申请无效宣告需要准备哪些证据？"]
    (period,) = get(world, "/v1/consultations/analysis")
    assert period["questions"] == 2
    assert period["channels"] == {"social_media": 2}
    assert period["top_topics"][0] == ["dispute", 2]
    assert ["商标抢注", 1] in period["top_tags"]


def test_5_1_13_financing_ledger_keeps_the_latest_tracking_with_exact_amounts(world: World) -> None:
    case_id = walk_path(world, "ip_finance")
    ledger = get(world, "/v1/ledgers/financing")
    (row,) = ledger["items"]
    assert row["case_id"] == str(case_id)
    assert (row["amount_applied_cny"], row["amount_granted_cny"]) == ("8000000.00", "5000000.00")
    assert row["outcome"] == "partly_granted"
    (total,) = ledger["totals"]
    assert (total["financial_institution"], total["matches"]) == ("青海银行西宁分行", 1)
    assert total["amount_granted_cny"] == "5000000.00"
    assert get(world, "/v1/ledgers/financing", who="staff_b")["items"] == []


def test_5_1_5_a_the_clients_ip_ledger(world: World) -> None:
    case_id = walk_path(world, "application_guidance")
    state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
    entries = get(world, f"/v1/clients/{state['client_id']}/ip-ledger")
    assert [e["entry"]["application_no"] for e in entries] == ["CN202520123456.7"]
    assert entries[0]["entry"]["title"] == "一种牦牛乳冻干粉生产装置"
    assert entries[0]["institution_id"] == str(world.institution_a)
    missing = world.client.get(f"/v1/clients/{UUID(int=7)}/ip-ledger", headers=world.headers("supervisor"))
    assert missing.status_code == 404


def test_5_1_6_the_analysis_breaks_ties_by_topic_and_tag(world: World) -> None:
    """Equal counts come in code-point order of the topic or tag, not in the order the rows were read."""
    case_id = UUID(open_for(world, WALKS["consultation"]))
    question = {"question": "商标被抢注后怎样保全证据？", "topics": ["use", "dispute"], "tags": ["证据", "商标抢注"]}
    assert world.step(case_id, "question_recorded", "staff_a", **question).status_code == 201
    (period,) = get(world, "/v1/consultations/analysis")
    assert period["top_topics"] == [["dispute", 1], ["use", 1]]
    assert period["top_tags"] == [["商标抢注", 1], ["证据", 1]]
    (first,) = get(world, "/v1/consultations/analysis", top=1)
    assert (first["top_topics"], first["top_tags"]) == ([["dispute", 1]], [["商标抢注", 1]])
