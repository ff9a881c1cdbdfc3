"""The conformance report: the standard as a checklist, filled in from the log, on both stores."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import World


def report(world: World, who: str = "supervisor", **params: Any) -> dict[str, Any]:
    response = world.client.get(
        "/v1/reports/conformance",
        params={"min_position": world.store.max_position(), **params},
        headers=world.headers(who),
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_counts_per_clause_and_the_clauses_never_exercised(world: World) -> None:
    one = world.open_case(service_type="rights_assistance", effective_at="2026-03-02T09:00:00+08:00")
    world.step(one, "need_collected", description="需求", effective_at="2026-03-02T10:00:00+08:00")
    world.step(
        one, "guidance_given", kind="evidence_collection", content="取证", effective_at="2026-03-03T10:00:00+08:00"
    )
    world.step(
        one, "guidance_given", kind="dispute_mediation", content="调解", effective_at="2026-04-01T10:00:00+08:00"
    )
    world.open_case(service_type="rights_assistance", effective_at="2026-04-02T09:00:00+08:00")

    (institution,) = report(world)["institutions"]
    assert institution["institution_id"] == str(world.institution_a)
    assert institution["name"] == "西宁市知识产权保护中心"
    (service,) = institution["services"]  # only what it offers: it opened no dispute case
    assert service["service_type"]["code"] == "rights_assistance"
    assert service["cases_opened"] == 2
    recorded = {s["code"]: s["recorded"] for s in service["steps"]}
    assert recorded == {
        "need_collected": 1,
        "guidance_given": 2,
        "expert_panel_advice": 0,
        "referred": 0,
        "return_visit": 0,
    }
    assert service["never_exercised"] == ["5.1.4.c", "5.1.4.d", "5.1.4.e"]
    assert (institution["clauses_exercised"], institution["clauses_never_exercised"]) == (2, 3)

    (march,) = report(world, **{"from": "2026-03", "to": "2026-03"})["institutions"]
    assert {s["code"]: s["recorded"] for s in march["services"][0]["steps"]}["guidance_given"] == 1
    everything = report(world, scope="catalogue")["institutions"][0]["services"]
    assert len(everything) > 1
    assert report(world, who="staff_b")["institutions"] == []
