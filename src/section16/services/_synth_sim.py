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

The issuer is one class built up in layers, a module each (each layer calls only what is below it):

- :mod:`._synth_records`: :class:`SynthFiling`, an insider's state, a document's footnotes, constants;
- :mod:`._synth_issuer`: who the issuer is, its insiders, price walk and filing calendar;
- :mod:`._synth_docs`: rows and running positions, documents, 4/A amendments, submission headers;
- :mod:`._synth_grants` and :mod:`._synth_trades`: the events (grants and exercises; sales,
  purchases, gifts, Form 5);
- this module: the run that plans a year of events at a time and plays them until the quota.

The layers only divide the code: all draws come from the issuer's one :class:`random.Random`, in the
order the events are played, so a seed gives the same files byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import partial

from section16.model import Fact, NonDerivativeRow, NonDerivativeTransaction, Timeliness, TransactionCode
from section16.services._synth_grants import GrantEvents
from section16.services._synth_records import LAST_SIMULATED_YEAR, Notes, SynthFiling
from section16.services._synth_trades import TradeEvents
from section16.validate.calendar import add_business_days, next_business_day, on_or_next_business_day

__all__ = ["LAST_SIMULATED_YEAR", "SynthFiling", "simulate_issuer"]


class _IssuerSim(GrantEvents, TradeEvents):
    """One issuer over time. :meth:`run` returns its filings in the order they were made."""

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
            notes = Notes()
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


def simulate_issuer(*, seed: int, index: int, quota: int, start: date, years: int) -> list[SynthFiling]:
    """The first ``quota`` filings of the issuer with this index, in the order they were made."""
    return _IssuerSim(seed=seed, index=index, quota=quota, start=start, years=years).run()
