#!/usr/bin/env python3
"""Write a realistic, seeded ledger bundle (SPEC §2) for the import benchmark.

Usage: make_bundle.py OUT_DIR [--invoices N] [--seed S]

Clients pay on a per-client lateness; most invoices are paid in full (a few in two parts, a
few never), reminders are logged as actions, with some promises, disputes, credit notes and
write-offs. Only the standard library is used; the same seed gives the same files.
"""
import argparse
import datetime as dt
import os
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--invoices", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    n_clients = max(10, args.invoices // 50)
    start = dt.date(2023, 1, 1).toordinal()
    span = 3 * 365
    channels = ["email", "sms", "voice_agent", "call", "letter"]
    tones = ["soft", "standard", "firm", "final"]
    outcomes = ["none", "no_answer", "promise", "dispute", "paid", "bounced", ""]
    methods = ["ach", "card", "check", "wire", "other"]

    def iso(o):
        return dt.date.fromordinal(o).isoformat()

    lateness = []
    with open(os.path.join(args.out, "clients.csv"), "w", newline="") as f:
        f.write("client_id,name,segment,since,terms_days,autopay,preferred_channel\n")
        for c in range(n_clients):
            terms = rng.choice([15, 30, 30, 30, 45, 60])
            lateness.append((terms, rng.expovariate(1 / 12.0)))
            f.write("C%06d,\"Client %d, Inc\",%s,%s,%d,%s,%s\n" % (
                c, c, rng.choice(["smb", "mid", "enterprise"]), iso(start - rng.randint(0, 2000)),
                terms, "true" if rng.random() < 0.15 else "false", rng.choice(channels)))

    inv = open(os.path.join(args.out, "invoices.csv"), "w", newline="")
    pay = open(os.path.join(args.out, "payments.csv"), "w", newline="")
    act = open(os.path.join(args.out, "actions.csv"), "w", newline="")
    pro = open(os.path.join(args.out, "promises.csv"), "w", newline="")
    dis = open(os.path.join(args.out, "disputes.csv"), "w", newline="")
    adj = open(os.path.join(args.out, "adjustments.csv"), "w", newline="")
    inv.write("invoice_id,client_id,issued_on,due_on,amount,currency,number\n")
    pay.write("payment_id,client_id,received_on,amount,invoice_id,method\n")
    act.write("action_id,invoice_id,at,channel,actor,tone,outcome,minutes,propensity\n")
    pro.write("invoice_id,made_on,promised_on,amount\n")
    dis.write("invoice_id,opened_on,resolved_on,reason\n")
    adj.write("invoice_id,on,amount,kind\n")
    p = a = 0
    for i in range(args.invoices):
        c = rng.randrange(n_clients)
        terms, late = lateness[c]
        issued = start + rng.randrange(span)
        due = issued + terms
        cents = rng.randint(5_000, 2_500_000)
        iid = "INV%07d" % i
        inv.write("%s,C%06d,%s,%s,%d.%02d,USD,%d\n" % (iid, c, iso(issued), iso(due), cents // 100, cents % 100, 100000 + i))
        paid_on = due + int(rng.gauss(late, 8))
        if paid_on < issued:
            paid_on = issued + 1
        # Reminders: about two per invoice.
        for k in range(rng.choice([1, 2, 2, 3])):
            at = due - 3 + 7 * k
            prop = "" if rng.random() < 0.3 else "%.3f" % rng.uniform(0.05, 1.0)
            human = rng.random() < 0.1
            act.write("A%08d,%s,%s,%s,%s,%s,%s,%s,%s\n" % (
                a, iid, iso(at), "call" if human else rng.choice(channels[:3]), "human" if human else "agent",
                rng.choice(tones), rng.choice(outcomes), "9" if human else "", prop))
            a += 1
        r = rng.random()
        if r < 0.03:  # never paid: written off
            adj.write("%s,%s,%d.%02d,write_off\n" % (iid, iso(due + 120), cents // 100, cents % 100))
            continue
        if r < 0.05:  # a credit note, the rest paid
            credit = cents // 10
            adj.write("%s,%s,%d.%02d,credit_note\n" % (iid, iso(issued + 5), credit // 100, credit % 100))
            cents -= credit
        if r > 0.97:
            dis.write("%s,%s,%s,\"amount, per ticket\"\n" % (iid, iso(due + 2), iso(max(paid_on, due + 2))))
        if 0.9 < r <= 0.93:
            pro.write("%s,%s,%s,\n" % (iid, iso(due + 1), iso(max(paid_on, due + 1))))
        if rng.random() < 0.1:  # paid in two parts
            first = cents // 2
            pay.write("P%08d,C%06d,%s,%d.%02d,%s,%s\n" % (p, c, iso(paid_on - 10), first // 100, first % 100, iid, rng.choice(methods)))
            p += 1
            cents -= first
        pay.write("P%08d,C%06d,%s,%d.%02d,%s,%s\n" % (p, c, iso(paid_on), cents // 100, cents % 100, iid, rng.choice(methods)))
        p += 1
    for f in (inv, pay, act, pro, dis, adj):
        f.close()


if __name__ == "__main__":
    main()
