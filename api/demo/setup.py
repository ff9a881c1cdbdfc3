"""Institutions, the registries of clause 6, and clients."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from api.access import Principal
from api.demo.common import CST, OFFICE_OPENS, WINDOW_DAYS
from api.demo.content_clients import (
    ACADEMIC,
    BRANDS,
    COOPERATIVES,
    PERSONAL,
    RESEARCH_INSTITUTES,
    SECTOR_WEIGHTS,
    SECTORS,
    SIZE_PROPENSITY,
    SIZE_WEIGHTS,
    UNIVERSITIES,
    Sector,
    _Expert,
    credit_code,
)
from api.demo.content_places import (
    _INSTITUTIONS,
    _WORKSTATION_DISTRICTS,
    DISTRICT_WEIGHTS,
    DISTRICTS,
    STREETS,
    _InstitutionSpec,
)
from api.demo.content_registries import KNOWLEDGE, OUTSIDE_BODIES, STAFF_DUTIES, STAFF_TRAININGS
from api.demo.model import _CasePlan, _ClientPlan, _Inst
from api.demo.world import Demo
from domain.lifecycle import to_record
from domain.parties import Client, ClientKind, Designation, EnterpriseSize, InnovatorKind, Institution, InstitutionKind
from domain.provenance import Role
from domain.registries import (
    Availability,
    Background,
    Education,
    Employment,
    ExpertProfile,
    KnowledgeEntry,
    OutsideBody,
    Profile,
    RegistryKind,
    RegistryRecord,
    StaffProfile,
    Training,
    TrainingKind,
)

# Institutions ----------------------------------------------------------------------------------


def institution_specs(demo: Demo, count: int) -> list[_InstitutionSpec]:
    specs = list(_INSTITUTIONS[:count])
    for n in range(count - len(specs)):
        district, short, prefix = _WORKSTATION_DISTRICTS[n % len(_WORKSTATION_DISTRICTS)]
        round_ = n // len(_WORKSTATION_DISTRICTS)
        suffix = f"（第{round_ + 1}站）" if round_ else ""
        specs.append(
            _InstitutionSpec(
                InstitutionKind.WORKSTATION,
                f"{short}{round_ or ''}",
                f"{prefix}{round_ or ''}",
                f"{district}知识产权公共服务工作站{suffix}",
                district,
                f"西宁市{district}{demo.rng.choice(STREETS)}{demo.rng.randint(1, 120)}号",
            )
        )
    return specs


def register_institution(demo: Demo, spec: _InstitutionSpec) -> _Inst:
    at = demo.office(demo.start - timedelta(days=demo.rng.uniform(20, 60)))
    profile = {
        "name": spec.name,
        "kind": spec.kind.value,
        "district": spec.district,
        "address": spec.address,
        "phone": demo.landline(),
    }
    institution = Institution.register(
        profile, demo.meta(demo.admin, at, f"demo-{demo.seed}-setup", f"demo-{demo.seed}-inst-{spec.short}")
    )
    demo.save(institution)
    demo.tick()
    staff = [demo.fresh(demo.person) for _ in range(demo.rng.randint(3, 5))]
    mediators = staff[:2] + [f"{demo.fresh(demo.person)}（特邀调解员）" for _ in range(2)]
    principal = Principal(f"demo-{spec.short}", Role.STAFF, institution.id)
    full_time = 1 if spec.kind is InstitutionKind.WORKSTATION else demo.rng.randint(1, 2)
    return _Inst(institution.id, spec, principal, staff, mediators, at, full_time)


# The registries of clause 6 --------------------------------------------------------------------


def register_registries(demo: Demo) -> None:
    records = [
        staff_record(demo, inst, name, full_time=n < inst.full_time)
        for inst in demo.insts
        for n, name in enumerate(inst.staff)
    ]
    for expert in demo.experts:
        records.append(city_record(demo, RegistryKind.EXPERTS, expert_profile(demo, expert)))
    records += [city_record(demo, RegistryKind.KNOWLEDGE, entry) for entry in knowledge(demo)]
    for name, body_kind in OUTSIDE_BODIES:
        district = demo.rng.choices(list(DISTRICTS), DISTRICT_WEIGHTS)[0]
        body = OutsideBody(
            name=name,
            body_kind=body_kind,
            district=district,
            contact=demo.landline(),
            address=f"西宁市{district}{demo.rng.choice(STREETS)}{demo.rng.randint(1, 200)}号",
        )
        records.append(city_record(demo, RegistryKind.OUTSIDE_BODIES, body))
    demo.registry_records = len(records)
    demo.save(*records)


def registry_ref(demo: Demo) -> str:
    return f"demo-{demo.seed}-registry-{next(demo.registry_refs):03d}"


def city_record(demo: Demo, kind: RegistryKind, profile: Profile) -> RegistryRecord:
    """A city-wide record, registered by the administrator while the system was set up."""
    at = demo.office(demo.start - timedelta(days=demo.rng.uniform(3, 18)))
    ref = registry_ref(demo)
    return RegistryRecord.register(kind.value, None, to_record(profile), demo.meta(demo.admin, at, ref, ref))


def staff_record(demo: Demo, inst: _Inst, name: str, *, full_time: bool) -> RegistryRecord:
    """6.1.1-6.1.3: a staff member, with the trainings taken (the pre-job one, and some this past year)."""
    rng = demo.rng
    at = demo.office(inst.registered_at + timedelta(days=rng.uniform(1, 10)))
    joined = demo.day(at) - timedelta(days=rng.randint(1, 10 if full_time else 5) * 365 + rng.randint(0, 300))
    education = rng.choices(list(Education), (5, 50, 40, 5) if full_time else (30, 55, 15, 0))[0]
    background = rng.choices(list(Background), (40, 45, 15) if full_time else (35, 25, 40))[0]
    certificates = []
    if rng.random() < (0.5 if full_time else 0.15):
        certificates.append("专利代理师资格证")
    if background is Background.LEGAL and rng.random() < 0.6:
        certificates.append("法律职业资格证书")
    if rng.random() < 0.3:
        certificates.append("知识产权师（中级）")
    head = full_time and name == inst.staff[0]
    profile = StaffProfile(
        name=name,
        employment=Employment.FULL_TIME if full_time else Employment.PART_TIME,
        education=education,
        background=background,
        duties=STAFF_DUTIES[inst.spec.kind] if full_time else "兼职咨询解答、政策宣传与回访",
        certificates=certificates,
        position="负责人" if head else "专职服务专员" if full_time else "兼职服务专员",
        phone=demo.landline(),
        joined_on=joined,
    )
    ref = registry_ref(demo)
    record = RegistryRecord.register(
        RegistryKind.STAFF.value, inst.id, to_record(profile), demo.meta(inst.principal, at, ref, ref)
    )
    trainings = [(TrainingKind.PRE_JOB, joined + timedelta(days=rng.randint(3, 20)))]
    for _ in range(rng.randint(1, 3) if full_time else rng.randint(0, 2)):
        kind = rng.choice(
            (TrainingKind.CAPACITY, TrainingKind.EXCHANGE, TrainingKind.HEARING_OBSERVATION, TrainingKind.STUDY)
        )
        trainings.append((kind, demo.day(demo.start) + timedelta(days=rng.randint(0, WINDOW_DAYS - 15))))
    updated = at
    for n, (kind, day) in enumerate(sorted(trainings, key=lambda t: t[1]), start=1):
        topic, provider, hours = rng.choice(STAFF_TRAININGS[kind])
        certified = kind in (TrainingKind.PRE_JOB, TrainingKind.CAPACITY) and rng.random() < 0.5
        training = Training(
            kind=kind,
            date=day,
            hours=hours,
            provider=provider.format(inst=inst.spec.name),
            topic=topic,
            certificate=f"结业证书 {day.year}-{rng.randrange(1, 400):04d}" if certified else None,
        )
        recorded = demo.office(datetime.combine(day, time(16, 30), CST) + timedelta(days=rng.randint(0, 3)))
        updated = max(recorded, updated + timedelta(minutes=10))
        record.record_training(to_record(training), demo.meta(inst.principal, updated, ref, f"{ref}-training-{n}"))
    return record


def expert_profile(demo: Demo, expert: _Expert) -> ExpertProfile:
    spec = expert.spec
    return ExpertProfile(
        name=expert.name,
        field=spec.speciality,
        title=spec.title,
        organisation=spec.place,
        contact=demo.landline(),
        availability=demo.rng.choices(list(Availability), (70, 25, 5))[0],
        ip_types=list(spec.ip_types),
    )


def knowledge(demo: Demo) -> list[KnowledgeEntry]:
    year = demo.day(demo.start).year
    return [
        KnowledgeEntry(
            title=title.format(year=year),
            category=category,
            content=content,
            tags=list(tags),
            source=source,
            ip_types=list(ip_types),
            published_on=published,
        )
        for title, category, content, tags, source, ip_types, published in KNOWLEDGE
    ]


# Clients ---------------------------------------------------------------------------------------


def plan_client(demo: Demo) -> _ClientPlan:
    rng = demo.rng
    district = rng.choices(list(DISTRICTS), DISTRICT_WEIGHTS)[0]
    if rng.random() < 0.35:
        person = demo.fresh(demo.person)
        profile: dict[str, Any] = {
            "name": person,
            "kind": ClientKind.PUBLIC.value,
            "district": district,
            "phone": demo.fake.phone_number(),
        }
        return _ClientPlan(profile, person, PERSONAL, rng.lognormvariate(0, 0.5), "person", rng.choice(BRANDS))
    kind = rng.choices(list(InnovatorKind), (80, 7, 8, 5))[0]
    name: str | None = None
    if kind in (InnovatorKind.UNIVERSITY, InnovatorKind.RESEARCH_INSTITUTE):
        name = demo.unused(UNIVERSITIES if kind is InnovatorKind.UNIVERSITY else RESEARCH_INSTITUTES)
        if name is None:  # all of them are clients already
            kind = InnovatorKind.ENTERPRISE
    profile = {
        "kind": ClientKind.INNOVATOR.value,
        "innovator_kind": kind.value,
        "district": district,
        "phone": demo.landline(),
    }
    size: EnterpriseSize | None = None
    designations: list[str] = []
    if kind is InnovatorKind.ENTERPRISE:
        sector = rng.choices(SECTORS, SECTOR_WEIGHTS)[0]
        size = rng.choices([s for s, _ in SIZE_WEIGHTS], [w for _, w in SIZE_WEIGHTS])[0]
        name = company(demo, sector, size)
        designations = draw_designations(demo, size)
        profile |= {
            "enterprise_size": size.value,
            "designations": designations,
            "credit_code": credit_code(rng, "91", DISTRICTS[district]),
        }
        weight = SIZE_PROPENSITY[size]
        group = "enterprise"
    elif kind is InnovatorKind.OTHER:
        activity, sector = rng.choice(COOPERATIVES)
        town = district.removesuffix("回族土族自治县")
        name = demo.fresh(lambda: f"{town}{rng.choice(BRANDS)}{activity}专业合作社")
        profile["credit_code"] = credit_code(rng, "93", DISTRICTS[district])
        weight = 0.8
        group = "cooperative"
    else:
        sector = ACADEMIC
        division = "100000" if name and name.startswith("中国科学院") else "630000"
        profile["credit_code"] = credit_code(rng, "12", division)
        weight = 2.5
        group = "university" if kind is InnovatorKind.UNIVERSITY else "institute"
    if name is None:
        raise AssertionError("every client has a name")
    profile["name"] = name
    brand = next((b for b in BRANDS if b in name), None) or rng.choice(BRANDS)
    return _ClientPlan(
        profile,
        name,
        sector,
        weight * rng.lognormvariate(0, 0.5),
        group,
        brand,
        size,
        tuple(Designation(d) for d in designations),
    )


def company(demo: Demo, sector: Sector, size: EnterpriseSize) -> str:
    rng = demo.rng

    def make() -> str:
        place = rng.choice(("青海", "青海", "西宁"))
        suffix = "股份有限公司" if size is EnterpriseSize.LARGE and rng.random() < 0.6 else "有限公司"
        return f"{place}{rng.choice(BRANDS)}{rng.choice(sector.fragments)}{suffix}"

    return demo.fresh(make)


def draw_designations(demo: Demo, size: EnterpriseSize) -> list[str]:
    rng = demo.rng
    chosen: list[Designation] = []
    big = size in (EnterpriseSize.MEDIUM, EnterpriseSize.LARGE)
    if size in (EnterpriseSize.SMALL, EnterpriseSize.MEDIUM) and rng.random() < 0.25:
        chosen.append(Designation.SPECIALISED_SME)
    if big and rng.random() < 0.15:
        chosen.append(rng.choice((Designation.NATIONAL_ADVANTAGE, Designation.NATIONAL_DEMONSTRATION)))
    if size is not EnterpriseSize.MICRO and rng.random() < 0.12:
        chosen.append(Designation.PROVINCIAL_MUNICIPAL_DEMONSTRATION)
    if size is EnterpriseSize.LARGE and rng.random() < 0.25:
        chosen.append(Designation.GOING_GLOBAL)
    if size in (EnterpriseSize.MICRO, EnterpriseSize.SMALL) and rng.random() < 0.05:
        chosen.append(Designation.KEY_TALENT)
    return [d.value for d in chosen]


def register_clients(demo: Demo, plans: list[_CasePlan]) -> None:
    """Each client is registered by the institution of its first case, shortly before it (or any time)."""
    for plan in plans:  # oldest first
        client = plan.client
        if client.registered_at is None:
            client.registered_by = plan.institution
            client.registered_at = before(demo, plan.opened_at)
    for client in demo.people:
        if client.registered_at is None:
            client.registered_by = demo.rng.choice(demo.insts)
            some_day = demo.day(demo.start) + timedelta(days=demo.rng.randint(0, WINDOW_DAYS - 1))
            client.registered_at = demo.working_moment(some_day)
    for n, client in enumerate(sorted(demo.people, key=lambda c: c.registered_at or demo.start), start=1):
        by, at = client.registered_by, client.registered_at
        if by is None or at is None:
            raise AssertionError("every client was given a registration above")
        ref = f"demo-{demo.seed}-client-{n:04d}"
        registered = Client.register(client.profile, demo.meta(by.principal, at, ref, ref))
        demo.save(registered)
        client.id = registered.id
        client.snapshot = registered.profile  # what a case opened through the API keeps of it
        demo.tick()


def before(demo: Demo, opened_at: datetime) -> datetime:
    """When a client was registered, given its first case was opened at `opened_at`."""
    midnight = opened_at.replace(hour=0, minute=0, second=0, microsecond=0)
    if demo.rng.random() < 0.75:  # at the same visit
        return max(midnight + OFFICE_OPENS, opened_at - timedelta(minutes=demo.rng.uniform(5, 40)))
    day = demo.day(midnight) - timedelta(days=demo.rng.randint(1, 20))
    while not demo.calendar.is_working_day(day):
        day -= timedelta(days=1)
    return datetime.combine(day, time(), CST) + OFFICE_OPENS + timedelta(minutes=demo.rng.uniform(0, 540))
