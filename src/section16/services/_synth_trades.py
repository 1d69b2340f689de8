"""Trading events of ``section16 synth``: sales under Rule 10b5-1 plans, open-market purchases (some in
clusters), 10% owner funds' block trades, gifts (Form 5 before 2023-02-27, Form 4 since), small
acquisitions under Rule 16a-6 and the Form 5 that reports the deferred ones (Rule 16a-3(f)).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from section16.model import NonDerivativeRow, NonDerivativeTransaction, TransactionCode
from section16.services._synth_docs import IssuerDocs
from section16.services._synth_records import (
    COMMON,
    GIFT_NOTES,
    GIFTS_ON_FORM4_FROM,
    ZERO,
    A,
    D,
    Deferred,
    Notes,
)

__all__ = ["TradeEvents"]


class TradeEvents(IssuerDocs):
    """Plan sales, purchases, fund trades, gifts, small acquisitions and Form 5."""

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
        notes = Notes()
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
        notes = Notes()
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
        note = rng.choice(GIFT_NOTES)
        if day < GIFTS_ON_FORM4_FROM and rng.random() < 0.75:
            after = self._move((ins.pid, COMMON, ins.trust if indirect else None), shares, D)
            ins.deferred.append(Deferred(day, TransactionCode.G, shares, ZERO, D, indirect, note, after))
            return
        when = self._when(day, 4)
        late = when[2] and rng.random() < 0.6
        notes = Notes()
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
        ins.deferred.append(Deferred(day, TransactionCode.L, shares, price, A, False, note, after))

    def fund_trade(self, day: date) -> None:
        """A 10% owner fund (filing jointly with its general partner and manager) sells or buys a block."""
        rng = self.rng
        ins = self._pick(day, frozenset({"fund"}))
        if ins is None:
            return
        held = self.positions.get((ins.pid, COMMON, None), 0)
        when = self._when(day, 4)
        late = when[2] and rng.random() < 0.6
        notes = Notes()
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
            notes = Notes()
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
