"""Rows, documents and submissions of ``section16 synth``: Table I and II rows that move each owner's running
position (``sharesOwnedFollowingTransaction``), sales reported at weighted average prices, the ownership
document with its flags (``aff10b5One`` from schema X0508), joint filings of several reporting owners,
4/A amendments that correct a misstated price, and the SEC header of the submission that carries each one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal

from section16.model import (
    AcquiredDisposed,
    Address,
    DerivativeHolding,
    DerivativeRow,
    DerivativeTransaction,
    DocumentType,
    Fact,
    HeaderAddress,
    HeaderEntity,
    NonDerivativeHolding,
    NonDerivativeRow,
    NonDerivativeTransaction,
    OwnershipDocument,
    Signature,
    SubmissionDocument,
    SubmissionHeader,
    Timeliness,
    TransactionCode,
    TransactionCoding,
)
from section16.services._synth_issuer import IssuerBase
from section16.services._synth_records import (
    COMMON,
    DIRECT,
    INDIRECT,
    OPTION,
    X0508_FROM,
    ZERO,
    A,
    D,
    Insider,
    Notes,
    Option,
    SynthFiling,
    long_date,
)
from section16.validate.calendar import add_business_days

__all__ = ["IssuerDocs"]


class IssuerDocs(IssuerBase):
    """An issuer that can write its insiders' rows and file them as documents with submission headers."""

    # ------------------------------------------------------------------ rows

    def _move(self, key: tuple[object, ...], shares: int, code: AcquiredDisposed) -> int:
        after = self.positions.get(key, 0) + (shares if code is A else -shares)
        self.positions[key] = after
        return after

    def _nd(  # noqa: PLR0917 - a row's fields, in the order of the form's columns
        self,
        ins: Insider,
        notes: Notes,
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
        self, ins: Insider, notes: Notes, form_type: str | None = None
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

    def _option_key(self, ins: Insider, option: Option) -> tuple[object, ...]:
        return (ins.pid, OPTION, option.strike, option.expiration)

    def _option_row(  # noqa: PLR0917
        self,
        ins: Insider,
        notes: Notes,
        option: Option,
        day: date | None,
        code: TransactionCode | None,
        shares: int,
        ad: AcquiredDisposed,
    ) -> DerivativeRow:
        vest = notes(
            "The option vests in four equal annual installments beginning on the first anniversary of "
            f"its grant on {long_date(option.grant_day)}."
        )
        if day is None or code is None:  # a holding (Form 3)
            # Form 3's derivativeHolding has no postTransactionAmounts (ownership3Document.xsd,
            # DERIVATIVE_HOLDING): the amount held is the underlying securities' (Table II column 3).
            return DerivativeHolding(
                security_title=Fact(OPTION),
                conversion_or_exercise_price=Fact(option.strike),
                exercise_date=Fact(None, vest),
                expiration_date=Fact(option.expiration),
                underlying_security_title=Fact(COMMON),
                underlying_security_shares=Fact(Decimal(option.outstanding)),
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
        ins: Insider,
        notes: Notes,
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
                f"plan adopted by the reporting person on {long_date(ins.plan_adopted)}."
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
        ins: Insider,
        form: int,
        period: date,
        when: tuple[date, datetime, bool],
        notes: Notes,
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
        # Before aff10b5One (Release 33-11138, April 2023) filers wrote schema X0306, which has no such
        # element; X0407 and later carry it (section16.validate.structure.aff10b5_one).
        schema = "X0508" if filed >= X0508_FROM else "X0306"
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
        ins: Insider,
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
