"""The invented issuer behind ``section16 synth`` and its calendar: who it is (name, CIK, address, fiscal
year), its insiders as they join (officers, directors, 10% owner funds filing jointly), its share price
(a random walk), and when a filing for an event is submitted, accepted and filed (Section 16(a)(2)(C),
Rule 16a-3, Regulation S-T Rule 13(a)(4)). :class:`IssuerBase` holds the state every later layer uses.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from section16.model import Address, Issuer, Relationship, ReportingOwner
from section16.services import _synth_names as names
from section16.services._synth_records import OFFICER_TITLES, Insider, SynthFiling
from section16.validate.calendar import add_business_days, next_business_day, on_or_next_business_day

__all__ = ["IssuerBase"]


class IssuerBase:
    """One issuer's state: identity, insiders, running positions, the price walk and accession numbers."""

    def __init__(self, *, seed: int, index: int, quota: int, start: date, years: int) -> None:
        self.rng = rng = random.Random(f"section16-synth:{seed}:{index}")
        self.index, self.quota, self.start = index, quota, start
        self.cik = names.issuer_cik(index)
        self.name = names.issuer_name(rng)
        self.ticker = names.ticker(index)
        self.sic = names.sic(rng)
        self.place = names.place(rng)
        self.irs = f"{rng.randint(10, 99)}{rng.randint(1_000_000, 9_999_999)}"
        self.file_number = f"001-{rng.randint(30000, 41999)}"
        month = rng.choice((12, 12, 12, 12, 12, 12, 3, 6, 9, 1))
        self.fye = (month, 31 if month in {1, 3, 12} else 30)
        self.grant_month_day = ((month % 12) + 2 if month != 12 else 2, rng.randint(1, 28))
        self.price = rng.uniform(8, 250)
        self.price_day = start
        self.price_drift = rng.uniform(-0.05, 0.15)
        self.price_vol = rng.uniform(0.25, 0.6)
        self.issuer = Issuer(issuer_cik=self.cik, issuer_name=self.name, issuer_trading_symbol=self.ticker)
        self.insiders: list[Insider] = []
        self.positions: dict[tuple[object, ...], int] = {}
        self.busy: set[tuple[int, date]] = set()
        self.sequences: dict[int, int] = {}
        self.out: list[SynthFiling] = []
        self.years = max(1, years)
        self.amend = True  # 4/A amendments may follow (not while filling the last few filings)

    # ------------------------------------------------------------------ people

    def _owner(
        self, pid: int, filed: str, relationship: Relationship, place: names.Place | None
    ) -> ReportingOwner:
        if place is None:  # officers and directors use the company's address, "C/O" the issuer
            address = Address(
                rpt_owner_street1=f"C/O {self.name.upper()}",
                rpt_owner_street2=self.place.street,
                rpt_owner_city=self.place.city,
                rpt_owner_state=self.place.state,
                rpt_owner_zip_code=self.place.zip,
            )
        else:
            address = Address(
                rpt_owner_street1=place.street,
                rpt_owner_city=place.city,
                rpt_owner_state=place.state,
                rpt_owner_zip_code=place.zip,
            )
        return ReportingOwner(
            rpt_owner_cik=names.person_cik(self.index, pid),
            rpt_owner_name=filed,
            address=address,
            relationship=relationship,
        )

    def _new_person(self, role: str, joined: date) -> Insider | None:
        pid = sum(len(i.owners) for i in self.insiders)
        if pid + (3 if role == "fund" else 1) > names.MAX_PEOPLE_PER_ISSUER:
            return None
        rng = self.rng
        if role == "fund":
            fund, gp, manager = names.fund_names(rng)
            where = names.place(rng)
            rel = Relationship(is_director=False, is_officer=False, is_ten_percent_owner=True, is_other=False)
            owners = tuple(self._owner(pid + k, n, rel, where) for k, n in enumerate((fund, gp, manager)))
            signer = names.person_name(rng)[1]
            insider = Insider(
                pid=pid,
                role=role,
                owners=owners,
                signers=(
                    f"/s/ {signer}, Managing Member of {gp}, its general partner",
                    f"/s/ {signer}, Managing Member",
                    f"/s/ {signer}, Authorized Signatory",
                ),
                joined=joined,
                own_note=(
                    f"The securities are held directly by {fund} (the Fund). {gp} is the general partner of "
                    f"the Fund and {manager} is its investment manager; each may be deemed to beneficially "
                    "own the securities held by the Fund and disclaims beneficial ownership except to the "
                    "extent of its pecuniary interest therein."
                ),
            )
        else:
            filed, display = names.person_name(rng)
            title = {"ceo": "Chief Executive Officer", "cfo": "Chief Financial Officer"}.get(role)
            if role == "officer":
                title = rng.choice(OFFICER_TITLES)
            rel = Relationship(
                is_director=role in {"director", "ceo"},
                is_officer=title is not None,
                is_ten_percent_owner=False,
                is_other=False,
                officer_title=title,
            )
            signer = display if rng.random() < 0.6 else f"{names.person_name(rng)[1]}, Attorney-in-Fact"
            insider = Insider(
                pid=pid,
                role=role,
                owners=(self._owner(pid, filed, rel, None),),
                signers=(f"/s/ {signer}",),
                joined=joined,
            )
            if rng.random() < 0.35:
                last = filed.split()[0]
                insider.trust = rng.choice(("By Trust", "By Trust", "By Spouse", "By Family LLC"))
                insider.trust_note = {
                    "By Trust": f"Shares held by The {last} Family Trust, of which the reporting person is "
                    "a trustee.",
                    "By Spouse": "Shares held by the reporting person's spouse. The reporting person "
                    "disclaims beneficial ownership except to the extent of his or her pecuniary interest "
                    "therein.",
                    "By Family LLC": f"Shares held by {last} Holdings LLC, of which the reporting person "
                    "is the sole manager.",
                }[insider.trust]
        self.insiders.append(insider)
        return insider

    # ------------------------------------------------------------------ prices, dates, numbers

    def price_on(self, day: date) -> Decimal:
        """The closing price on ``day``: a geometric random walk, advanced lazily (days only go forward)."""
        gap = (day - self.price_day).days
        if gap > 0:
            years = gap / 365.0
            step = self.rng.gauss(self.price_drift * years, self.price_vol * years**0.5)
            self.price = min(max(self.price * (2.718281828 ** max(-1.5, min(1.5, step))), 1.0), 2_000.0)
            self.price_day = day
        return Decimal(f"{self.price:.2f}")

    def _fye_date(self, year: int) -> date:
        month, day = self.fye
        return date(year, month, day)

    def _business_day_in(self, low: date, high: date) -> date:
        day = low + timedelta(days=self.rng.randint(0, max(0, (high - low).days)))
        return on_or_next_business_day(day)

    def _round_shares(self, shares: float) -> int:
        if shares >= 10_000:
            return int(shares // 100 * 100)
        return max(1, int(shares))

    def _accession(self, filed: date) -> str:
        year = filed.year
        sequence = self.sequences.get(year, 0) + 1
        self.sequences[year] = sequence
        return f"{self.cik}-{year % 100:02d}-{sequence:06d}"

    def _when(self, event: date, form: int) -> tuple[date, datetime, bool]:
        """When a filing for ``event`` is submitted, accepted and filed, and whether it is late."""
        rng = self.rng
        if form == 4:
            deadline = add_business_days(
                event, 2
            )  # Section 16(a)(2)(C): before the end of the 2nd business day
            if rng.random() < 0.04:
                submitted = add_business_days(event, rng.randint(3, 30))
            else:
                submitted = add_business_days(event, rng.choices((0, 1, 2), (25, 45, 30))[0])
                submitted = on_or_next_business_day(submitted)
        elif form == 3:
            deadline = on_or_next_business_day(event + timedelta(days=10))  # Rule 16a-3(a); Rule 0-3
            submitted = on_or_next_business_day(event + timedelta(days=rng.randint(1, 9)))
        else:
            deadline = on_or_next_business_day(event + timedelta(days=45))  # Rule 16a-3(f)
            submitted = on_or_next_business_day(event + timedelta(days=rng.randint(10, 44)))
        hour = rng.choices((rng.randint(6, 21), rng.randint(22, 23)), (97, 3))[0]
        accepted = datetime.combine(submitted, time(hour, rng.randint(0, 59), rng.randint(0, 59)))
        filed = submitted if hour < 22 else next_business_day(submitted)  # Reg. S-T Rule 13(a)(4): 10 p.m.
        return filed, accepted, filed > deadline

    # ------------------------------------------------------------------ who acts on a day

    def _active(self, day: date, roles: frozenset[str]) -> list[Insider]:
        return [
            i for i in self.insiders if i.role in roles and i.joined < day and (i.pid, day) not in self.busy
        ]

    def _pick(self, day: date, roles: frozenset[str]) -> Insider | None:
        found = self._active(day, roles)
        if not found:
            return None
        chosen = self.rng.choice(found)
        self.busy.add((chosen.pid, day))
        return chosen
