"""Equity compensation events of ``section16 synth``: Form 3 when an insider joins (Rule 16a-3(a)), the
annual grant of restricted stock and options with tax withholding on vesting tranches (codes A and F,
Rule 16b-3), and option exercises (M), some sold the same day.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from section16.model import DerivativeRow, NonDerivativeRow, TransactionCode
from section16.services._synth_docs import IssuerDocs
from section16.services._synth_records import COMMON, ZERO, A, D, Insider, Notes, Option

__all__ = ["GrantEvents"]


class GrantEvents(IssuerDocs):
    """Form 3, the annual grant with withholding, and option exercises."""

    def form3(self, ins: Insider, day: date, initial: bool) -> None:
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
                    option = Option(
                        grant_day=grant_day,
                        strike=Decimal(f"{price * rng.uniform(0.4, 1.05):.2f}"),
                        expiration=grant_day.replace(day=1) + timedelta(days=3650),
                        granted=granted,
                        outstanding=granted,
                    )
                    ins.options.append(option)
                    self.positions[self._option_key(ins, option)] = granted
        notes = Notes()
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
            notes, kinds = Notes(), {"grant"}
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
                option = Option(
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
        notes, kinds = Notes(), {"exercise"}
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
