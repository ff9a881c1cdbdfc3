"""Application guidance (5.1.5), the client's IP ledger and a client's rights."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from api.demo.common import Process
from api.demo.content_clients import ACADEMIC, SECTORS, _patent_digits
from api.demo.content_places import COPYRIGHT_SERVICE, PATENT_AGENCIES, TRADEMARK_AGENCIES
from api.demo.content_services import APPLICATION_ADVICE, APPLIED_TYPES, BASIC_TOPICS, FILED_PROGRESS
from api.demo.loader_cases import _Cases
from api.demo.model import _SCORES, _ClientPlan, _Right, _Run
from domain.ip_ledger import RightStatus
from domain.parties import EnterpriseSize
from domain.services.common import IP_TYPE_LABELS, IpType


class _Rights(_Cases):
    # Application guidance (5.1.5) and the client's IP ledger ------------------------------------------

    def _life_application_guidance(self, run: _Run) -> Process:
        rng = self.rng
        client = run.client
        held = self._portfolio(client, self._day(run.at))
        unrecorded = [r for r in held if r.key not in client.ledger]
        wanted = self._pick([(t, w) for t, w in client.sector.ip_weights if t in APPLIED_TYPES] or [(IpType.PATENT, 1)])
        self._open(
            run,
            {
                "has_ip_activity": bool(held),
                "ip_types": [wanted.value],
                "summary": f"梳理已有知识产权并申请{IP_TYPE_LABELS[wanted].zh}"
                if held
                else f"尚无知识产权，希望了解如何申请{IP_TYPE_LABELS[wanted].zh}",
            },
        )
        if unrecorded and rng.random() < 0.8:  # 5.1.5.a: the rights it already has go into its ledger
            for right in rng.sample(unrecorded, min(len(unrecorded), rng.randint(1, 4))):
                yield self._later(run, 0.1, 6)
                self._record_right(run, right)
        if not held:  # 5.1.5.c
            yield self._later(run, 0.1, 72)
            topics = rng.sample(BASIC_TOPICS, rng.randint(2, 3))
            self._step(
                run,
                "basic_training_given",
                {
                    "topics": topics,
                    "trainer": rng.choice(run.inst.staff),
                    "attendees": 1 if not client.organisation else rng.randint(2, 8),
                    "hours": rng.choice((1.0, 1.5, 2.0, 3.0)),
                },
            )
        subject = self._subject(client, wanted)
        yield self._later(run, 0.2, 48)
        self._step(
            run,
            "application_guided",
            {"ip_types": [wanted.value], "subject": subject, "advice": rng.choice(APPLICATION_ADVICE[wanted])},
        )
        if rng.random() < 0.2:
            yield self._later(run, 24, 240)
            self._step(run, "concluded", {"outcome": "已讲清申请要点和材料要求，申请人自行提交申请"})
            return
        agency_kind, agency, services = self._application_agency(wanted)
        yield self._later(run, 24, 240)
        referred_on = self._day(run.at)
        self._step(
            run,
            "referred_to_agency",
            {
                "agency_kind": agency_kind,
                "agency_name": agency,
                "services": services,
                "contact": f"{self._person()} {self._landline()}",
            },
        )
        yield self._later(run, 168, 720)  # the agency drafts and files
        day = self._day(run.at)
        filed = referred_on + timedelta(days=rng.randint(1, max(1, (day - referred_on).days)))
        right = self._file_right(client, wanted, min(filed, day), subject)
        # Many end once the application is filed and in the ledger; the agency sees it through.
        handed_over = wanted is not IpType.COPYRIGHT and rng.random() < 0.4
        next_on = day + timedelta(days=rng.randint(45, 120))
        self._step(
            run,
            "agency_followed_up",
            {
                "agency_name": agency,
                "progress": FILED_PROGRESS[wanted],
                "satisfaction": rng.choices(_SCORES, (1, 2, 10, 40, 47))[0],
                "next_follow_up_on": None if handed_over else next_on.isoformat(),
            },
        )
        if right.ip_type is not IpType.COPYRIGHT:  # a copyright goes into the ledger once registered
            yield self._later(run, 0.5, 72)
            self._record_right(run, right)
        if handed_over:
            yield self._later(run, 2, 240)
            self._step(run, "concluded", {"outcome": "申请已提交并纳入知识产权管理台账，后续审查由代理机构跟进"})
            return
        for n in range(3):  # 5.1.5.e: periodically, until the right is decided
            yield self._around(run, next_on, 5, 10 if rng.random() < 0.8 else 30)
            day = self._day(run.at)
            status = right.status_at(day)
            decided = status in (RightStatus.GRANTED, RightStatus.REJECTED)
            later = None if decided or n == 2 else day + timedelta(days=rng.randint(60, 120))
            self._step(
                run,
                "agency_followed_up",
                {
                    "agency_name": agency,
                    "progress": self._progress(right, status),
                    "satisfaction": rng.choices(_SCORES, (1, 2, 10, 40, 47))[0],
                    "next_follow_up_on": later.isoformat() if later else None,
                },
            )
            if status is RightStatus.GRANTED and right.key not in client.ledger:
                yield self._later(run, 0.5, 48)
                self._record_right(run, right)
            if later is None:
                break
            next_on = later
        yield self._later(run, 2, 240)
        status = right.status_at(self._day(run.at))
        outcome = {
            RightStatus.GRANTED: f"{IP_TYPE_LABELS[wanted].zh}已授权（登记），已纳入知识产权管理台账",
            RightStatus.REJECTED: "申请被驳回，已告知复审途径，服务办结",
        }.get(status, "申请审查中，已纳入知识产权管理台账持续跟踪")
        self._step(run, "concluded", {"outcome": outcome})

    def _record_right(self, run: _Run, right: _Right) -> None:
        """5.1.5.a: the right as it stands today goes into the client's ledger (once: the ledger refuses more)."""
        status = right.status_at(self._day(run.at))
        entry: dict[str, Any] = {
            "ip_type": right.ip_type.value,
            "title": right.title,
            "application_no": right.application_no,
            "status": status.value,
            "filed_on": right.filed_on.isoformat(),
        }
        if status in (RightStatus.GRANTED, RightStatus.LAPSED) and right.decided_on is not None:
            entry |= {"granted_on": right.decided_on.isoformat(), "registration_no": right.registration_no}
        self._step(run, "ledger_entry_recorded", entry)
        run.client.ledger.add(right.key)

    def _progress(self, right: _Right, status: RightStatus) -> str:
        label = IP_TYPE_LABELS[right.ip_type].zh
        if status is RightStatus.GRANTED:
            return {
                IpType.COPYRIGHT: "已取得登记证书",
                IpType.TRADEMARK: "商标已核准注册，已取得注册证",
            }.get(right.ip_type, f"{label}已授权，已办理登记手续")
        if status is RightStatus.REJECTED:
            return "申请被驳回，代理机构正在评估复审的可行性"
        if status is RightStatus.EXAMINING:
            return "发明专利申请已进入实质审查阶段，代理机构正在跟进审查意见"
        return {IpType.TRADEMARK: "商标注册申请处于实质审查阶段"}.get(
            right.ip_type, "申请处于初步审查阶段，暂无审查意见"
        )

    def _application_agency(self, wanted: IpType) -> tuple[str, str, str]:
        rng = self.rng
        if wanted is IpType.TRADEMARK:
            return "trademark_agency", rng.choice(TRADEMARK_AGENCIES), "商标近似查询、分类与注册申请"
        if wanted is IpType.COPYRIGHT:
            return "copyright_service", COPYRIGHT_SERVICE, "作品（软件）著作权登记"
        return "patent_agency", rng.choice(PATENT_AGENCIES), "专利申请文件撰写与提交"

    def _subject(self, client: _ClientPlan, wanted: IpType) -> str:
        rng = self.rng
        sector = client.sector
        if wanted is IpType.TRADEMARK:
            return f"“{client.brand}”商标（第{rng.choice(sector.classes)}类）"
        if wanted is IpType.COPYRIGHT:
            if sector in (SECTORS[6], ACADEMIC):
                return f"{rng.choice(sector.keywords)}管理软件V1.0"
            return f"{rng.choice(sector.products)}（作品）"
        if wanted is IpType.IC_LAYOUT:
            return f"{rng.choice(sector.products)}控制芯片布图设计"
        return f"一种{rng.choice(sector.inventions)}"

    # A client's rights ------------------------------------------------------------------------------

    def _portfolio(self, client: _ClientPlan, day: date) -> list[_Right]:
        """The rights the client has filed by `day`; those from before the demo year are made when first asked."""
        rng = self.rng
        if client.rights is None:
            client.rights = []
            count = {
                "person": rng.choices((0, 1, 2), (50, 35, 15))[0],
                "cooperative": rng.randint(0, 3),
                "university": rng.randint(6, 14),
                "institute": rng.randint(5, 12),
            }.get(client.group, 0)
            if client.group == "enterprise":
                low, high = {
                    EnterpriseSize.MICRO: (0, 2),
                    EnterpriseSize.SMALL: (0, 5),
                    EnterpriseSize.MEDIUM: (3, 9),
                    EnterpriseSize.LARGE: (6, 15),
                }[client.size or EnterpriseSize.SMALL]
                count = rng.randint(low, high)
            weights = [(t, w) for t, w in client.sector.ip_weights if t is not IpType.TRADE_SECRET]
            for _ in range(count):
                filed = day - timedelta(days=rng.randint(120, 8 * 365))
                client.rights.append(self._new_right(client, self._pick(weights), filed))
        return [r for r in client.rights if r.filed_on <= day]

    def _file_right(
        self, client: _ClientPlan, ip_type: IpType, filed: date, title: str, kind: int | None = None
    ) -> _Right:
        """A new application: the agency filed it on `filed`; its examination will decide it later."""
        self._portfolio(client, filed)
        right = self._new_right(client, ip_type, filed, title, kind)
        if client.rights is not None:
            client.rights.append(right)
        return right

    def _held_right(self, client: _ClientPlan, ip_type: IpType, day: date) -> _Right:
        """A right of this type the client holds on `day`: one it has, or one it was granted years ago."""
        held = [r for r in self._portfolio(client, day) if r.ip_type is ip_type and r.granted_at(day)]
        if held:
            return self.rng.choice(held)
        right = self._new_right(client, ip_type, day - timedelta(days=self.rng.randint(500, 2500)))
        self._grant(right, min(right.decided_on or day, day - timedelta(days=30)))
        if client.rights is not None:
            client.rights.append(right)
        return right

    def _grant(self, right: _Right, on: date) -> None:
        right.outcome = RightStatus.GRANTED
        right.decided_on = max(on, right.filed_on + timedelta(days=30))
        right.lapsed_on = None
        if right.registration_no is None:
            right.registration_no = (
                f"ZL{right.application_no.removeprefix('CN')}"
                if right.ip_type is IpType.PATENT
                else right.application_no
            )

    def _new_right(
        self, client: _ClientPlan, ip_type: IpType, filed: date, title: str | None = None, kind: int | None = None
    ) -> _Right:
        taken = {r.key for r in client.rights or []}
        for _ in range(20):
            right = self._draw_right(client, ip_type, filed, title, kind)
            if right.key not in taken:
                return right
        raise AssertionError("twenty random application numbers in a row were taken")

    def _draw_right(
        self, client: _ClientPlan, ip_type: IpType, filed: date, title: str | None, kind: int | None
    ) -> _Right:
        rng = self.rng
        sector = client.sector
        year = filed.year

        def days(low: int, high: int) -> date:
            return filed + timedelta(days=rng.randint(low, high))

        if ip_type is IpType.PATENT:
            weights = (75, 20, 5) if client.group in ("university", "institute") else (35, 45, 20)
            if kind is None:  # 1 invention, 2 utility model, 3 design (a title given is an invention or a utility)
                kind = rng.choices((1, 2), weights[:2])[0] if title else rng.choices((1, 2, 3), weights)[0]
            if title and ("方法" in title or "工艺" in title):
                kind = 1  # a process is protected by an invention patent only
            digits = _patent_digits(rng, year, kind)
            title = title or (
                f"一种{rng.choice(sector.inventions)}" if kind != 3 else f"{rng.choice(sector.products)}包装盒"
            )
            right = _Right(ip_type, title, f"CN{digits}", filed)
            if kind == 1:
                right.examining_on = days(90, 360)
                right.decided_on = days(540, 1100)
                granted = rng.random() < 0.7
            else:
                right.decided_on = days(150, 360) if kind == 2 else days(100, 240)
                granted = rng.random() < 0.93
            if granted:
                right.registration_no = f"ZL{digits}"
                if rng.random() < 0.12 and right.decided_on is not None:  # the annual fee was not paid
                    right.lapsed_on = right.decided_on + timedelta(days=rng.randint(365, 2500))
            else:
                right.outcome = RightStatus.REJECTED
            return right
        if ip_type is IpType.TRADEMARK:
            number = str(rng.randrange(10**7, 8 * 10**7))
            title = title or f"“{client.brand}”商标（第{rng.choice(sector.classes)}类）"
            right = _Right(ip_type, title, number, filed, decided_on=days(240, 420))
            if rng.random() < 0.85:
                right.registration_no = number
            else:
                right.outcome = RightStatus.REJECTED
            return right
        if ip_type is IpType.COPYRIGHT:
            if sector in (SECTORS[6], ACADEMIC) or rng.random() < 0.15:
                number = f"{year}SR{rng.randrange(10**7):07d}"
                title = title or f"{rng.choice(sector.keywords)}管理软件V1.0"
            else:
                number = f"青作登字-{year}-{rng.choice('FIAJ')}-{rng.randrange(10**8):08d}"
                title = title or f"{rng.choice(sector.products)}（作品）"
            return _Right(ip_type, title, number, filed, decided_on=days(20, 60), registration_no=number)
        if ip_type is IpType.DATA_IP:
            number = f"青数知登字〔{year}〕第{rng.randrange(1, 3000):06d}号"
            title = title or rng.choice(sector.datasets or ("业务运营数据集",))
            return _Right(ip_type, title, number, filed, decided_on=days(30, 60), registration_no=number)
        if ip_type is IpType.IC_LAYOUT:
            number = f"BS.{year % 100:02d}{rng.randrange(10**6, 10**7)}"
            title = title or f"{rng.choice(sector.products)}控制芯片布图设计"
            return _Right(ip_type, title, number, filed, decided_on=days(90, 200), registration_no=number)
        raise AssertionError(f"{ip_type} has no number to keep in a ledger")
