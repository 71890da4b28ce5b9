#!/usr/bin/env python3
"""Peer for the replay benchmark (issue 9): a straightforward vectorised NumPy replay of the
same cohort, coefficients and policy as Benchmarks/SimulationBenchmarks (BenchmarkCohort).

Cohort: 2,000 clients x 50 invoices; client c's invoice k is issued on 2024-01-01 + (c % 28) +
30k, due 30 days later, amount (50,000 + (7,919c + 104,729k) mod 400,000) cents. Client effect
0.7 sin(c), drawn per run from Normal(0.7 sin(c), 0.2^2); Poisson(1) bootstrap weight per client.

Daily hazard on business days: sigmoid(b[dpd bin] + u_c + sum_ch beta_ch ln(1 + S_ch)
+ beta_firm ln(1 + S_firm)), stocks decaying with a 5-business-day half-life. Policy (fixed):
email at dpd -3 and 7, SMS at 14, firm voice-agent call at 30; a step on a weekend moves to the
Monday; write-off at dpd 120. Every contact reaches the client; no promises, disputes or
partial payments (as in the Swift benchmark's behaviour).

Invoices are independent given their client here (no consolidation, one tier), so the replay
steps through days since issue and vectorises over all invoices of a run.

Usage: python3 numpy_replay.py [--runs 200] [--clients 2000]
Prints the wall time, invoice-days per second and the mean cohort DSO.
"""
import argparse
import datetime
import time

import numpy as np

DPD_BOUNDS = np.array([-8, -1, 0, 7, 14, 30, 60, 90])
BASELINE = np.array([-4.6, -3.2, -2.0, -2.75, -2.6, -2.6, -2.7, -2.85, -3.0])
BETA_CHANNEL = {"email": 0.5, "sms": 0.6, "voice_agent": 0.8}
BETA_FIRM = 0.3
HALF_LIFE = 5.0
WRITE_OFF = 120
STEPS = [(-3, "email", False), (7, "email", False), (14, "sms", False), (30, "voice_agent", True)]


def cohort(clients, per_client):
    c = np.repeat(np.arange(clients), per_client)
    k = np.tile(np.arange(per_client), clients)
    start = datetime.date(2024, 1, 1).toordinal() - datetime.date(1970, 1, 1).toordinal()
    issued = start + (c % 28) + 30 * k
    amount = (50_000 + (c * 7_919 + k * 104_729) % 400_000).astype(np.float64)
    return c, issued, issued + 30, amount


def weekday(ordinal):
    # ISO weekday (1 = Monday) of days since 1970-01-01 (a Thursday).
    return (ordinal + 3) % 7 + 1


def step_days(due):
    """Per step, the day the contact is made: dpd day, moved to Monday on a weekend."""
    out = []
    for dpd, channel, firm in STEPS:
        d = due + dpd
        w = weekday(d)
        d = d + np.where(w == 6, 2, np.where(w == 7, 1, 0))
        out.append((d, channel, firm))
    return out


def replay(runs, clients, per_client, seed=1):
    c, issued, due, amount = cohort(clients, per_client)
    n = len(c)
    effect = 0.7 * np.sin(np.arange(clients))
    steps = step_days(due)
    decay = 0.5 ** (1.0 / HALF_LIFE)
    horizon = 30 + WRITE_OFF
    rng = np.random.default_rng(seed)
    dso = []
    invoice_days = 0.0
    for _ in range(runs):
        weight_c = rng.poisson(1.0, clients).astype(np.float64)
        u = (effect + 0.2 * rng.standard_normal(clients))[c]
        w = weight_c[c]
        open_ = np.ones(n, dtype=bool)
        stock = {ch: np.zeros(n) for ch in BETA_CHANNEL}
        firm = np.zeros(n)
        numerator = np.zeros(n)
        for t in range(horizon + 1):
            day = issued + t
            dpd = day - due
            business = weekday(day) <= 5
            # Decay on business days (a contact counts fully on its day).
            for ch in stock:
                stock[ch] = np.where(business, stock[ch] * decay, stock[ch])
            firm = np.where(business, firm * decay, firm)
            # Write-offs.
            wo = open_ & (dpd >= WRITE_OFF)
            numerator += np.where(wo, amount * t, 0.0)
            open_ &= ~wo
            invoice_days += float(np.sum(w[open_]))
            # Contacts.
            for d, ch, is_firm in steps:
                hit = open_ & (d == day)
                stock[ch] += hit
                if is_firm:
                    firm += hit
            # Payments.
            eta = BASELINE[np.searchsorted(DPD_BOUNDS, dpd, side="left")] + u
            for ch, beta in BETA_CHANNEL.items():
                eta = eta + beta * np.log1p(stock[ch])
            eta = eta + BETA_FIRM * np.log1p(firm)
            p = 1.0 / (1.0 + np.exp(-eta))
            paid = open_ & business & (rng.random(n) < p)
            numerator += np.where(paid, amount * t, 0.0)
            open_ &= ~paid
        dso.append(np.sum(w * numerator) / np.sum(w * amount))
    return np.array(dso), invoice_days


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--per-client", type=int, default=50)
    args = parser.parse_args()
    start = time.perf_counter()
    dso, invoice_days = replay(args.runs, args.clients, args.per_client)
    seconds = time.perf_counter() - start
    print(f"numpy replay: {seconds:.2f} s, {invoice_days:.0f} weighted invoice-days, "
          f"{invoice_days / seconds:.3g} invoice-days/s, mean DSO {dso.mean():.2f} "
          f"[{np.quantile(dso, 0.025):.2f}, {np.quantile(dso, 0.975):.2f}]")


if __name__ == "__main__":
    main()
