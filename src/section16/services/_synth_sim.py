"""The simulation behind ``section16 synth``: one invented issuer, its insiders and their activity, day by
day, as ownership documents and the SEC headers of the submissions that would carry them.

Each issuer is simulated on its own from a :class:`random.Random` seeded by ``(seed, issuer index)``, so a
run is the same for a seed however it is split across processes. Events are planned a year at a time,
sorted by date and played in order; every row's ``sharesOwnedFollowingTransaction`` is the running
position of that owner in that security and ownership (direct, or indirect by its nature) after the row.

What happens, and the rule each follows (spec.md sections 1, 3 and 4):

- Form 3 for every insider on the first day (the issuer's registration) and for each one who joins later,
  filed within 10 days (Section 16(a)(2); Rule 16a-3); holdings in Tables I and II, or "no securities".
- the annual grant: restricted stock (code A, price 0) to officers and directors, options (A in Table II)
  to officers, and tax withholding (F) on the vesting tranche of earlier grants (Rule 16b-3).
- option exercises (M in Table II, its matching M acquisition in Table I), some sold the same day (S).
- sales under a Rule 10b5-1 plan (S, ``aff10b5One`` true from schema X0508, April 2023), several rows at
  weighted average prices, each with the "ranging from $x to $y" footnote SEC staff ask for.
- open-market purchases (P), some clustered: several insiders of one issuer buying within a week.
- gifts (G): on Form 5 before the 2023 amendments to Rule 16a-3 (gifts on Form 4 from 2023-02-27),
  on Form 4 after; small acquisitions under Rule 16a-6 (L), deferred to Form 5.
- Form 5 within 45 days of the fiscal year end for insiders with deferred transactions (Rule 16a-3(f)).
- 10% owner funds filing jointly with their general partner and manager.
- 4/A amendments that correct a price filed wrong, naming the original's date.
- Form 4 filed mostly within two business days (Section 16(a)(2)(C)), a few late, some marked ``L``;
  acceptance times after 10 p.m. are filed the next business day (Regulation S-T Rule 13(a)(4)).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial

from section16.model import (
    AcquiredDisposed,
    Address,
    DerivativeHolding,
    DerivativeRow,
    DerivativeTransaction,
    DirectIndirect,
    DocumentType,
    Fact,
    Footnote,
    HeaderAddress,
    HeaderEntity,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeRow,
    NonDerivativeTransaction,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
    Signature,
    SubmissionDocument,
    SubmissionHeader,
    Timeliness,
    TransactionCode,
    TransactionCoding,
)
from section16.services import _synth_names as names
from section16.validate.calendar import add_business_days, next_business_day, on_or_next_business_day

__all__ = ["LAST_SIMULATED_YEAR", "SynthFiling", "simulate_issuer"]

LAST_SIMULATED_YEAR = 2029
"""The business-day calendar ends in 2030; activity stops a year before so every deadline is known."""

COMMON = "Common Stock"
OPTION = "Stock Option (Right to Buy)"
X0508_FROM = date(2023, 4, 1)  # aff10b5One, schema X0508 (Release 33-11138, effective 2023-04-01)
GIFTS_ON_FORM4_FROM = date(2023, 2, 27)  # amended Rule 16a-3(g)(1): gifts on Form 4 within 2 business days
ZERO = Decimal(0)
A, D = AcquiredDisposed.ACQUIRED, AcquiredDisposed.DISPOSED
DIRECT, INDIRECT = DirectIndirect.DIRECT, DirectIndirect.INDIRECT


@dataclass(frozen=True, slots=True, kw_only=True)
class SynthFiling:
    """One generated filing: the document, the header of the submission that carries it, and the kinds
    of activity it shows (``"plan-sale"``, ``"cluster-purchase"``...). ``amends`` is the accession number
    of the filing a 4/A corrects."""

    accession_number: str
    document: OwnershipDocument
    header: SubmissionHeader
    kinds: frozenset[str]
    amends: str | None = None


@dataclass(slots=True)
class _Option:
    grant_day: date
    strike: Decimal
    expiration: date
    granted: int
    outstanding: int


@dataclass(frozen=True, slots=True)
class _Deferred:
    """A transaction made now and reported on the Form 5 for the fiscal year (its position already moved)."""

    day: date
    code: TransactionCode
    shares: int
    price: Decimal
    ad: AcquiredDisposed
    indirect: bool
    note: str
    after: int


@dataclass(slots=True)
class _Insider:
    pid: int
    role: str  # ceo, cfo, officer, director, fund
    owners: tuple[ReportingOwner, ...]
    signers: tuple[str, ...]
    joined: date
    trust: str | None = None  # nature of an indirect holding ("By Trust")
    trust_note: str | None = None
    own_note: str | None = None  # footnote on a fund's direct ownership
    plan_adopted: date | None = None
    options: list[_Option] = field(default_factory=list)
    tranches: list[tuple[date, int]] = field(default_factory=list)  # restricted stock vesting
    deferred: list[_Deferred] = field(default_factory=list)  # reported on the next Form 5

    @property
    def is_officer(self) -> bool:
        return self.role in {"ceo", "cfo", "officer"}


class _Notes:
    """Footnotes of one document, numbered F1, F2... in order of first use, one id per distinct text."""

    __slots__ = ("ids", "notes")

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.notes: list[Footnote] = []

    def __call__(self, text: str | None) -> tuple[str, ...]:
        if text is None:
            return ()
        found = self.ids.get(text)
        if found is None:
            found = self.ids[text] = f"F{len(self.notes) + 1}"
            self.notes.append(Footnote(id=found, text=text))
        return (found,)


def _long(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


_OFFICER_TITLES = (
    "Chief Operating Officer",
    "General Counsel and Secretary",
    "Chief Technology Officer",
    "EVP, Sales",
    "Chief Accounting Officer",
    "President, Americas",
)
_GIFT_NOTES = (
    "Represents a bona fide gift of shares to a charitable organization for no consideration.",
    "Represents a bona fide gift of shares to a family member for estate planning purposes.",
    "Shares donated to a donor-advised fund.",
)


class _IssuerSim:
    """One issuer over time. :meth:`run` returns its filings in the order they were made."""

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
        self.insiders: list[_Insider] = []
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

    def _new_person(self, role: str, joined: date) -> _Insider | None:
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
            insider = _Insider(
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
                title = rng.choice(_OFFICER_TITLES)
            rel = Relationship(
                is_director=role in {"director", "ceo"},
                is_officer=title is not None,
                is_ten_percent_owner=False,
                is_other=False,
                officer_title=title,
            )
            signer = display if rng.random() < 0.6 else f"{names.person_name(rng)[1]}, Attorney-in-Fact"
            insider = _Insider(
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

    # ------------------------------------------------------------------ rows

    def _move(self, key: tuple[object, ...], shares: int, code: AcquiredDisposed) -> int:
        after = self.positions.get(key, 0) + (shares if code is A else -shares)
        self.positions[key] = after
        return after

    def _nd(  # noqa: PLR0917 - a row's fields, in the order of the form's columns
        self,
        ins: _Insider,
        notes: _Notes,
        day: date,
        code: TransactionCode,
        shares: int,
        price: Decimal,
        ad: AcquiredDisposed,
        *,
        indirect: bool = False,
        price_note: str | None = None,
        shares_note: str | None = None,
        coding_note: str | None = None,
        form_type: str = "4",
        late: bool = False,
        after: int | None = None,
    ) -> NonDerivativeTransaction:
        """A Table I row; moves the running position unless ``after`` (a deferred row's) is given."""
        nature = ins.trust if indirect else None
        if after is None:
            after = self._move((ins.pid, COMMON, nature), shares, ad)
        return NonDerivativeTransaction(
            security_title=Fact(COMMON),
            transaction_date=Fact(day),
            transaction_coding=TransactionCoding(
                transaction_form_type=form_type,
                transaction_code=code,
                equity_swap_involved=False,
                footnote_ids=notes(coding_note),
            ),
            transaction_timeliness=Fact(Timeliness.LATE) if late else None,
            transaction_shares=Fact(Decimal(shares), notes(shares_note)),
            transaction_price_per_share=Fact(price, notes(price_note)),
            transaction_acquired_disposed_code=Fact(ad),
            shares_owned_following_transaction=Fact(Decimal(after)),
            direct_or_indirect_ownership=Fact(
                INDIRECT if indirect else DIRECT, notes(ins.own_note if not indirect else None)
            ),
            nature_of_ownership=Fact(nature, notes(ins.trust_note)) if indirect else None,
        )

    def _holdings(
        self, ins: _Insider, notes: _Notes, form_type: str | None = None
    ) -> list[NonDerivativeHolding]:
        rows = []
        for indirect in (False, True):
            nature = ins.trust if indirect else None
            if indirect and nature is None:
                continue
            held = self.positions.get((ins.pid, COMMON, nature), 0)
            if held <= 0:
                continue
            rows.append(
                NonDerivativeHolding(
                    security_title=Fact(COMMON),
                    transaction_coding=TransactionCoding(transaction_form_type=form_type)
                    if form_type
                    else None,
                    shares_owned_following_transaction=Fact(Decimal(held)),
                    direct_or_indirect_ownership=Fact(
                        INDIRECT if indirect else DIRECT, notes(None if indirect else ins.own_note)
                    ),
                    nature_of_ownership=Fact(nature, notes(ins.trust_note)) if indirect else None,
                )
            )
        return rows

    def _option_key(self, ins: _Insider, option: _Option) -> tuple[object, ...]:
        return (ins.pid, OPTION, option.strike, option.expiration)

    def _option_row(  # noqa: PLR0917
        self,
        ins: _Insider,
        notes: _Notes,
        option: _Option,
        day: date | None,
        code: TransactionCode | None,
        shares: int,
        ad: AcquiredDisposed,
    ) -> DerivativeRow:
        vest = notes(
            "The option vests in four equal annual installments beginning on the first anniversary of "
            f"its grant on {_long(option.grant_day)}."
        )
        if day is None or code is None:  # a holding (Form 3)
            return DerivativeHolding(
                security_title=Fact(OPTION),
                conversion_or_exercise_price=Fact(option.strike),
                exercise_date=Fact(None, vest),
                expiration_date=Fact(option.expiration),
                underlying_security_title=Fact(COMMON),
                underlying_security_shares=Fact(Decimal(option.outstanding)),
                shares_owned_following_transaction=Fact(Decimal(option.outstanding)),
                direct_or_indirect_ownership=Fact(DIRECT),
            )
        after = self._move(self._option_key(ins, option), shares, ad)
        return DerivativeTransaction(
            security_title=Fact(OPTION),
            conversion_or_exercise_price=Fact(option.strike),
            transaction_date=Fact(day),
            transaction_coding=TransactionCoding(
                transaction_form_type="4", transaction_code=code, equity_swap_involved=False
            ),
            transaction_shares=Fact(Decimal(shares)),
            transaction_price_per_share=Fact(ZERO),
            transaction_acquired_disposed_code=Fact(ad),
            exercise_date=Fact(None, vest),
            expiration_date=Fact(option.expiration),
            underlying_security_title=Fact(COMMON),
            underlying_security_shares=Fact(Decimal(shares)),
            shares_owned_following_transaction=Fact(Decimal(after)),
            direct_or_indirect_ownership=Fact(DIRECT),
        )

    def _sales(
        self,
        ins: _Insider,
        notes: _Notes,
        day: date,
        shares: int,
        *,
        plan: bool,
        late: bool,
        indirect: bool = False,
    ) -> list[NonDerivativeTransaction]:
        """A sale executed in several trades, reported as 1-4 rows at weighted average prices."""
        rng = self.rng
        base = float(self.price_on(day))
        parts = rng.choice((1, 1, 2, 3, 4)) if shares >= 400 else 1
        sizes = [shares // parts] * parts
        sizes[-1] += shares - sum(sizes)
        coding = None
        if plan and ins.plan_adopted is not None:
            coding = (
                "The transactions reported on this Form 4 were effected pursuant to a Rule 10b5-1 trading "
                f"plan adopted by the reporting person on {_long(ins.plan_adopted)}."
            )
        rows = []
        low = base * rng.uniform(0.97, 0.995)
        for size in sizes:
            high = low + base * rng.uniform(0.002, 0.012)
            average = Decimal(f"{rng.uniform(low, high):.4f}")
            note = (
                "The price reported in Column 4 is a weighted average price. These shares were sold in "
                f"multiple transactions at prices ranging from ${low:,.2f} to ${high:,.2f}, inclusive. "
                "The reporting person undertakes to provide to the issuer, any security holder of the "
                "issuer, or the staff of the Securities and Exchange Commission, upon request, full "
                "information regarding the number of shares sold at each separate price within the range "
                "set forth in this footnote."
            )
            rows.append(
                self._nd(
                    ins,
                    notes,
                    day,
                    TransactionCode.S,
                    size,
                    average,
                    D,
                    indirect=indirect,
                    price_note=note,
                    coding_note=coding,
                    late=late,
                )
            )
            low = high + 0.01
        return rows

    # ------------------------------------------------------------------ filings

    def _emit(  # noqa: PLR0917
        self,
        ins: _Insider,
        form: int,
        period: date,
        when: tuple[date, datetime, bool],
        notes: _Notes,
        kinds: set[str],
        *,
        nd: list[NonDerivativeRow] | None = None,
        dv: list[DerivativeRow] | None = None,
        plan: bool = False,
    ) -> None:
        filed, accepted, late = when
        nd, dv = nd or [], dv or []
        if late:
            kinds.add("late")
        if len(ins.owners) > 1:
            kinds.add("joint")
        if any(isinstance(r, NonDerivativeHolding | DerivativeHolding) for r in (*nd, *dv)):
            kinds.add("holding")
        if any(r.direct_or_indirect_ownership == Fact(INDIRECT) for r in nd if r.nature_of_ownership):
            kinds.add("indirect")
        schema = "X0508" if filed >= X0508_FROM else "X0407"
        kind = {3: DocumentType.FORM_3, 4: DocumentType.FORM_4, 5: DocumentType.FORM_5}[form]
        document = OwnershipDocument(
            schema_version=schema,
            document_type=kind,
            period_of_report=period,
            no_securities_owned=True if form == 3 and not nd and not dv else None,
            not_subject_to_section16=False if form != 3 else None,
            form3_holdings_reported=False if form == 5 else None,
            form4_transactions_reported=False if form == 5 else None,
            issuer=self.issuer,
            reporting_owners=ins.owners,
            aff10b5_one=plan if schema == "X0508" and form != 3 else None,
            non_derivative_table=tuple(nd),
            derivative_table=tuple(dv),
            footnotes=tuple(notes.notes),
            owner_signatures=tuple(
                Signature(signature_name=s, signature_date=accepted.date()) for s in ins.signers
            ),
        )
        wrong = self._misstated(document) if form == 4 and self.amend and self.rng.random() < 0.025 else None
        original = self._filing(
            ins, wrong or document, when, frozenset(kinds | ({"misstated"} if wrong else set()))
        )
        self.out.append(original)
        if wrong is None:
            return
        fixed_on = add_business_days(filed, self.rng.randint(2, 40))
        hour = self.rng.randint(7, 20)
        amended = replace(
            document,
            document_type=DocumentType.FORM_4A,
            date_of_original_submission=filed,
            remarks=(
                "This amendment corrects the price per share reported in Column 4 of Table I of the Form 4 "
                f"filed on {filed:%m/%d/%Y}; all other information is unchanged."
            ),
            owner_signatures=tuple(replace(s, signature_date=fixed_on) for s in document.owner_signatures),
        )
        fixed_when = (fixed_on, datetime.combine(fixed_on, time(hour, self.rng.randint(0, 59))), False)
        self.out.append(
            replace(
                self._filing(ins, amended, fixed_when, frozenset((kinds - {"late"}) | {"amendment"})),
                amends=original.accession_number,
            )
        )

    def _misstated(self, document: OwnershipDocument) -> OwnershipDocument | None:
        """The document as first filed with a wrong price (a slipped decimal point) in one row, or None."""
        rows = list(document.non_derivative_table)
        for position, row in enumerate(rows):
            if isinstance(row, NonDerivativeTransaction) and row.transaction_price_per_share is not None:
                price = row.transaction_price_per_share.value
                if price:
                    fact = replace(row.transaction_price_per_share, value=price * 10)
                    rows[position] = replace(row, transaction_price_per_share=fact)
                    return replace(document, non_derivative_table=tuple(rows))
        return None

    def _filing(
        self,
        ins: _Insider,
        document: OwnershipDocument,
        when: tuple[date, datetime, bool],
        kinds: frozenset[str],
    ) -> SynthFiling:
        filed, accepted, _ = when
        accession = self._accession(filed)
        kind = document.document_type.value if document.document_type else "4"
        film = f"{filed.year % 100:02d}{self.rng.randint(100_000, 999_999)}"
        entities = [
            HeaderEntity(
                role="REPORTING-OWNER",
                conformed_name=owner.rpt_owner_name,
                cik=owner.rpt_owner_cik,
                form_type=kind,
                sec_act="1934 Act",
                sec_file_number=self.file_number,
                film_number=film,
                mail_address=_header_address(owner.address),
            )
            for owner in ins.owners
        ]
        company = HeaderAddress(
            street1=self.place.street,
            city=self.place.city,
            state=self.place.state,
            zip=self.place.zip,
        )
        entities.append(
            HeaderEntity(
                role="ISSUER",
                conformed_name=self.name.upper(),
                cik=self.cik,
                standard_industrial_classification=self.sic,
                irs_number=self.irs,
                state_of_incorporation="DE",
                fiscal_year_end=f"{self.fye[0]:02d}{self.fye[1]:02d}",
                business_address=replace(company, phone=self.place.phone),
                mail_address=company,
            )
        )
        header = SubmissionHeader(
            accession_number=accession,
            submission_type=kind,
            public_document_count=1,
            period_of_report=document.period_of_report,
            filed_as_of_date=filed,
            date_as_of_change=filed,
            acceptance_datetime=accepted,
            entities=tuple(entities),
            documents=(
                SubmissionDocument(
                    type=kind,
                    sequence=1,
                    filename=f"wk-form{kind[0]}_{accepted:%y%m%d%H%M%S}{self.rng.randint(10, 99)}.xml",
                    description=f"FORM {kind}",
                ),
            ),
        )
        return SynthFiling(accession_number=accession, document=document, header=header, kinds=kinds)

    # ------------------------------------------------------------------ events

    def _active(self, day: date, roles: frozenset[str]) -> list[_Insider]:
        return [
            i for i in self.insiders if i.role in roles and i.joined < day and (i.pid, day) not in self.busy
        ]

    def _pick(self, day: date, roles: frozenset[str]) -> _Insider | None:
        found = self._active(day, roles)
        if not found:
            return None
        chosen = self.rng.choice(found)
        self.busy.add((chosen.pid, day))
        return chosen

    def form3(self, ins: _Insider, day: date, initial: bool) -> None:
        """Form 3 on becoming an insider: what the new insider holds (Rule 16a-3(a))."""
        rng, price = self.rng, float(self.price_on(day))
        self.busy.add((ins.pid, day))
        if ins.role == "fund":
            self.positions[(ins.pid, COMMON, None)] = self._round_shares(rng.uniform(5e6, 3e7))
        elif initial or rng.random() < 0.5:
            scale = {"ceo": 2e6, "cfo": 3e5, "officer": 1.5e5, "director": 6e4}[ins.role]
            self.positions[(ins.pid, COMMON, None)] = self._round_shares(rng.uniform(0.05, 1) * scale)
            if ins.trust:
                self.positions[(ins.pid, COMMON, ins.trust)] = self._round_shares(rng.uniform(0.1, 1) * scale)
            if ins.is_officer and initial:
                for _ in range(rng.randint(1, 3)):
                    granted = self._round_shares(rng.uniform(1e4, 2e5))
                    grant_day = day - timedelta(days=rng.randint(200, 1400))
                    option = _Option(
                        grant_day=grant_day,
                        strike=Decimal(f"{price * rng.uniform(0.4, 1.05):.2f}"),
                        expiration=grant_day.replace(day=1) + timedelta(days=3650),
                        granted=granted,
                        outstanding=granted,
                    )
                    ins.options.append(option)
                    self.positions[self._option_key(ins, option)] = granted
        notes = _Notes()
        nd: list[NonDerivativeRow] = list(self._holdings(ins, notes))
        dv: list[DerivativeRow] = [self._option_row(ins, notes, o, None, None, 0, A) for o in ins.options]
        kinds = {"form3"} if nd or dv else {"form3", "no-securities"}
        self._emit(ins, 3, day, self._when(day, 3), notes, kinds, nd=nd, dv=dv)

    def join(self, day: date) -> None:
        ins = self._new_person("director" if self.rng.random() < 0.8 else "officer", day)
        if ins is not None:
            self.form3(ins, day, initial=False)

    def annual(self, day: date) -> None:
        """The annual grant to every officer and director, with withholding on vesting tranches."""
        rng = self.rng
        for ins in self._active(day, frozenset({"ceo", "cfo", "officer", "director"})):
            self.busy.add((ins.pid, day))
            price = self.price_on(day)
            when = self._when(day, 4)
            late = when[2] and rng.random() < 0.6
            notes, kinds = _Notes(), {"grant"}
            nd: list[NonDerivativeRow] = []
            dv: list[DerivativeRow] = []
            vesting = sum(shares for vest, shares in ins.tranches if vest <= day + timedelta(days=5))
            ins.tranches = [(v, s) for v, s in ins.tranches if v > day + timedelta(days=5)]
            held = self.positions.get((ins.pid, COMMON, None), 0)
            withheld = min(held, int(vesting * rng.uniform(0.3, 0.42)))
            if withheld > 0:
                note = (
                    "Shares withheld by the issuer to satisfy tax withholding obligations upon the vesting "
                    "of restricted stock."
                )
                nd.append(
                    self._nd(
                        ins, notes, day, TransactionCode.F, withheld, price, D, shares_note=note, late=late
                    )
                )
                kinds.add("withholding")
            value = {"ceo": 5e6, "cfo": 2e6, "officer": 9e5, "director": 2.2e5}[ins.role] * rng.uniform(
                0.6, 1.4
            )
            shares = self._round_shares(value / float(price))
            vest_text = (
                "Restricted stock granted under the issuer's equity incentive plan; vests in four equal "
                "annual installments beginning on the first anniversary of the grant date."
                if ins.is_officer
                else "Restricted stock granted to non-employee directors; vests in full on the first "
                "anniversary of the grant date."
            )
            nd.append(
                self._nd(
                    ins, notes, day, TransactionCode.A, shares, ZERO, A, shares_note=vest_text, late=late
                )
            )
            if ins.is_officer:
                quarter = shares // 4
                ins.tranches += [(day + timedelta(days=365 * k), quarter) for k in range(1, 5)]
                granted = self._round_shares(shares * rng.uniform(0.5, 1.5))
                option = _Option(
                    grant_day=day,
                    strike=price,
                    expiration=day + timedelta(days=3650),
                    granted=granted,
                    outstanding=0,
                )
                ins.options.append(option)
                option.outstanding = granted
                dv.append(self._option_row(ins, notes, option, day, TransactionCode.A, granted, A))
                kinds.add("option-grant")
            self._emit(ins, 4, day, when, notes, kinds, nd=nd, dv=dv)

    def exercise(self, day: date) -> None:
        """An officer exercises vested in-the-money options (M), sometimes selling the shares the same day."""
        rng, price = self.rng, self.price_on(day)
        candidates = []
        for ins in self._active(day, frozenset({"ceo", "cfo", "officer"})):
            for option in ins.options:
                years = (day - option.grant_day).days // 365
                vested = option.granted * min(4, years) // 4 - (option.granted - option.outstanding)
                if vested >= 100 and option.strike < price and option.expiration > day:
                    candidates.append((ins, option, vested))
        if not candidates:
            return
        ins, option, vested = rng.choice(candidates)
        self.busy.add((ins.pid, day))
        shares = max(100, int(vested * rng.uniform(0.3, 1.0)))
        when = self._when(day, 4)
        late = when[2] and rng.random() < 0.6
        notes, kinds = _Notes(), {"exercise"}
        option.outstanding -= shares
        dv: list[DerivativeRow] = [self._option_row(ins, notes, option, day, TransactionCode.M, shares, D)]
        nd: list[NonDerivativeRow] = [
            self._nd(ins, notes, day, TransactionCode.M, shares, option.strike, A, late=late)
        ]
        plan = False
        if rng.random() < 0.6:
            plan = ins.plan_adopted is not None and rng.random() < 0.7
            nd += self._sales(ins, notes, day, shares, plan=plan, late=late)
            kinds |= {"sale", "weighted-average"} | ({"plan-sale"} if plan else set())
        self._emit(ins, 4, day, when, notes, kinds, nd=nd, dv=dv, plan=plan)

    def plan_sale(self, day: date) -> None:
        """A sale under a Rule 10b5-1(c) plan, adopted at least the cooling-off period of
        Rule 10b5-1(c)(1)(ii)(B) (90 days for officers and directors) before."""
        rng = self.rng
        ins = self._pick(day, frozenset({"ceo", "cfo", "officer", "director"}))
        if ins is None:
            return
        if ins.plan_adopted is None:
            ins.plan_adopted = day - timedelta(days=rng.randint(95, 250))
        indirect = ins.trust is not None and self.positions.get((ins.pid, COMMON, ins.trust), 0) >= 1000
        indirect = indirect and rng.random() < 0.3
        held = self.positions.get((ins.pid, COMMON, ins.trust if indirect else None), 0)
        if held < 1000:
            return
        shares = self._round_shares(held * rng.uniform(0.03, 0.15))
        when = self._when(day, 4)
        late = when[2] and rng.random() < 0.6
        notes = _Notes()
        nd: list[NonDerivativeRow] = list(
            self._sales(ins, notes, day, shares, plan=True, late=late, indirect=indirect)
        )
        self._emit(ins, 4, day, when, notes, {"sale", "plan-sale", "weighted-average"}, nd=nd, plan=True)

    def purchase(self, day: date, cluster: set[int] | None = None) -> None:
        """An open-market purchase (P); ``cluster`` holds who already bought in the same cluster."""
        rng = self.rng
        pool = [i for i in self._active(day, frozenset({"ceo", "cfo", "officer", "director"}))]
        if cluster is not None:
            pool = [i for i in pool if i.pid not in cluster]
        if not pool:
            return
        ins = rng.choice(pool)
        self.busy.add((ins.pid, day))
        if cluster is not None:
            cluster.add(ins.pid)
        price = self.price_on(day)
        shares = self._round_shares(rng.uniform(5e4, 1e6) / float(price))
        indirect = ins.trust is not None and rng.random() < 0.25
        when = self._when(day, 4)
        late = when[2] and rng.random() < 0.6
        notes = _Notes()
        paid = Decimal(f"{float(price) * rng.uniform(0.99, 1.01):.4f}")
        note = None
        if rng.random() < 0.3:
            note = (
                "The price reported is a weighted average price. These shares were purchased in multiple "
                f"transactions at prices ranging from ${float(paid) * 0.995:,.2f} to "
                f"${float(paid) * 1.004:,.2f}, inclusive. The reporting person undertakes to provide "
                "full information regarding the number of shares purchased at each separate price upon "
                "request."
            )
        row = self._nd(
            ins, notes, day, TransactionCode.P, shares, paid, A, indirect=indirect, price_note=note, late=late
        )
        kinds = {"purchase"} | ({"cluster-purchase"} if cluster is not None else set())
        kinds |= {"weighted-average"} if note else set()
        self._emit(ins, 4, day, when, notes, kinds, nd=[row])

    def gift(self, day: date) -> None:
        """A bona fide gift (G): on Form 5 before 2023-02-27 (mostly), on Form 4 since (Rule 16a-3(g)(1))."""
        rng = self.rng
        ins = self._pick(day, frozenset({"ceo", "cfo", "officer", "director"}))
        if ins is None:
            return
        indirect = ins.trust is not None and rng.random() < 0.4
        held = self.positions.get((ins.pid, COMMON, ins.trust if indirect else None), 0)
        if held < 500:
            return
        shares = self._round_shares(held * rng.uniform(0.01, 0.05))
        note = rng.choice(_GIFT_NOTES)
        if day < GIFTS_ON_FORM4_FROM and rng.random() < 0.75:
            after = self._move((ins.pid, COMMON, ins.trust if indirect else None), shares, D)
            ins.deferred.append(_Deferred(day, TransactionCode.G, shares, ZERO, D, indirect, note, after))
            return
        when = self._when(day, 4)
        late = when[2] and rng.random() < 0.6
        notes = _Notes()
        row = self._nd(
            ins,
            notes,
            day,
            TransactionCode.G,
            shares,
            ZERO,
            D,
            indirect=indirect,
            shares_note=note,
            late=late,
        )
        self._emit(ins, 4, day, when, notes, {"gift"}, nd=[row])

    def small_acquisition(self, day: date) -> None:
        """A small acquisition exempt under Rule 16a-6 (L), reported on the next Form 5."""
        ins = self._pick(day, frozenset({"ceo", "cfo", "officer", "director"}))
        if ins is None:
            return
        price = self.price_on(day)
        shares = self.rng.randint(10, 400)
        after = self._move((ins.pid, COMMON, None), shares, A)
        note = "Small acquisition exempt from Form 4 reporting under Rule 16a-6."
        ins.deferred.append(_Deferred(day, TransactionCode.L, shares, price, A, False, note, after))

    def fund_trade(self, day: date) -> None:
        """A 10% owner fund (filing jointly with its general partner and manager) sells or buys a block."""
        rng = self.rng
        ins = self._pick(day, frozenset({"fund"}))
        if ins is None:
            return
        held = self.positions.get((ins.pid, COMMON, None), 0)
        when = self._when(day, 4)
        late = when[2] and rng.random() < 0.6
        notes = _Notes()
        if rng.random() < 0.6 and held > 100_000:
            nd: list[NonDerivativeRow] = list(
                self._sales(
                    ins, notes, day, self._round_shares(held * rng.uniform(0.01, 0.05)), plan=False, late=late
                )
            )
            self._emit(ins, 4, day, when, notes, {"sale", "fund-sale", "weighted-average"}, nd=nd)
            return
        price = self.price_on(day)
        shares = self._round_shares(rng.uniform(2e4, 4e5))
        row = self._nd(ins, notes, day, TransactionCode.P, shares, price, A, late=late)
        self._emit(ins, 4, day, when, notes, {"purchase", "fund-purchase"}, nd=[row])

    def form5(self, fiscal_year_end: date) -> None:
        """Form 5 for each insider with transactions deferred during the fiscal year (Rule 16a-3(f))."""
        for ins in self.insiders:
            if not ins.deferred:
                continue
            notes = _Notes()
            nd: list[NonDerivativeRow] = [
                self._nd(
                    ins,
                    notes,
                    d.day,
                    d.code,
                    d.shares,
                    d.price,
                    d.ad,
                    indirect=d.indirect,
                    shares_note=d.note,
                    form_type="5",
                    after=d.after,
                )
                for d in ins.deferred
            ]
            touched = {d.indirect for d in ins.deferred}
            nd += [
                h for h in self._holdings(ins, notes) if (h.nature_of_ownership is not None) not in touched
            ]
            ins.deferred = []
            kinds = {"form5"} | {
                "gift"
                for d in nd
                if isinstance(d, NonDerivativeTransaction)
                and d.transaction_coding
                and d.transaction_coding.transaction_code is TransactionCode.G
            }
            self._emit(ins, 5, fiscal_year_end, self._when(fiscal_year_end, 5), notes, kinds, nd=nd)

    # ------------------------------------------------------------------ the run

    def run(self) -> list[SynthFiling]:
        """Simulate until the quota of filings is reached (or the last simulated year ends)."""
        rng, start = self.rng, self.start
        people = ["ceo", "cfo"] + ["officer"] * rng.randint(1, 3) + ["director"] * rng.randint(4, 7)
        if rng.random() < 0.4:
            people.append("fund")
        day0 = on_or_next_business_day(start)
        for role in people:
            self._new_person(role, day0)
        per_year = self.quota / self.years
        base = len(people) + 1.5
        rate = max(4.0, (per_year - base) / 1.2)
        first = True
        year = start.year
        last = day0
        stopped = False
        while not stopped and year <= LAST_SIMULATED_YEAR:
            low, high = max(day0, date(year, 1, 1)), date(year, 12, 31)
            # (day, order within the day, action, most filings the action can add or leave pending)
            events: list[tuple[date, int, Callable[[], None], int]] = []
            if first:
                events += [(day0, 0, partial(self.form3, i, day0, True), 1) for i in list(self.insiders)]
                low = day0 + timedelta(days=1)
                first = False
            gm, gd = self.grant_month_day
            grant = on_or_next_business_day(date(year, gm, gd))
            if low <= grant <= high:
                events.append((grant, 1, partial(self.annual, grant), -1))
            fye = self._fye_date(year)
            if low <= fye <= high:
                events.append((fye, 9, partial(self.form5, fye), 0))
            if rng.random() < 0.4:
                joined = self._business_day_in(low, high)
                events.append((joined, 0, partial(self.join, joined), 1))
            count = int(rate * ((high - low).days + 1) / 365.0 + rng.random())
            handlers = (
                self.plan_sale,
                self.exercise,
                self.purchase,
                self.gift,
                self.small_acquisition,
                self.fund_trade,
            )
            for _ in range(count):
                day = self._business_day_in(low, high)
                choice = rng.choices(range(7), (40, 14, 9, 3, 12, 5, 10))[0]
                if choice == 6 and not any(i.role == "fund" for i in self.insiders):
                    choice = 0
                if choice == 3:  # a cluster: 3-5 insiders buying within a week
                    cluster: set[int] = set()
                    for offset in sorted(rng.sample(range(5), rng.randint(3, 5))):
                        when = add_business_days(day, offset)
                        events.append((when, 2, partial(self.purchase, when, cluster), 2))
                    continue
                handler = handlers[choice if choice < 3 else choice - 1]
                events.append((day, 2, partial(handler, day), 2))
            events.sort(key=lambda e: (e[0], e[1]))
            for day, _order, action, cost in events:
                most = len(self.insiders) if cost < 0 else cost
                if len(self.out) + self._pending() + most > self.quota:
                    stopped = True
                    break
                action()
                last = day
            year += 1
        self._finish(last)
        return self.out[: self.quota]

    def _pending(self) -> int:
        return sum(1 for i in self.insiders if i.deferred)

    def _finish(self, last: date) -> None:
        """End the run with exactly the quota: report deferred transactions early on Form 4 (the "V"
        column: ``transactionFormType`` 5 on a Form 4, timeliness E), so no position is left unreported,
        then fill up with single purchases on the following business days (no amendments)."""
        self.amend = False
        day = last
        for ins in self.insiders:
            if not ins.deferred:
                continue
            day = next_business_day(day)
            notes = _Notes()
            nd: list[NonDerivativeRow] = [
                replace(
                    self._nd(
                        ins,
                        notes,
                        d.day,
                        d.code,
                        d.shares,
                        d.price,
                        d.ad,
                        indirect=d.indirect,
                        shares_note=d.note,
                        form_type="5",
                        after=d.after,
                    ),
                    transaction_timeliness=Fact(Timeliness.EARLY),
                )
                for d in ins.deferred
            ]
            filed, accepted, _late = self._when(day, 4)
            kinds = {"early"} | (
                {"gift"} if any(d.code is TransactionCode.G for d in ins.deferred) else set()
            )
            ins.deferred = []
            self._emit(
                ins,
                4,
                min(
                    d.transaction_date.value
                    for d in nd
                    if isinstance(d, NonDerivativeTransaction)
                    and d.transaction_date
                    and d.transaction_date.value
                ),
                (filed, accepted, False),
                notes,
                kinds,
                nd=nd,
            )
        for _ in range(4 * self.quota):
            if len(self.out) >= self.quota or day.year > LAST_SIMULATED_YEAR:
                break
            day = next_business_day(day)
            self.purchase(day)


def _header_address(address: Address | None) -> HeaderAddress | None:
    if address is None:
        return None
    return HeaderAddress(
        street1=address.rpt_owner_street1,
        street2=address.rpt_owner_street2,
        city=address.rpt_owner_city,
        state=address.rpt_owner_state,
        zip=address.rpt_owner_zip_code,
    )


def simulate_issuer(*, seed: int, index: int, quota: int, start: date, years: int) -> list[SynthFiling]:
    """The first ``quota`` filings of the issuer with this index, in the order they were made."""
    return _IssuerSim(seed=seed, index=index, quota=quota, start=start, years=years).run()
