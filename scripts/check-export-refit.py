#!/usr/bin/env python3
"""Refit `recoup features export --kind risk` in scikit-learn and compare with Recoup's fit.

Issue 8 asks that the exported design refit elsewhere to the same log-loss. This script takes
the export CSV and `recoup train --format json` output of one store, refits the `train` rows
with scikit-learn's LogisticRegression under Recoup's objective for the risk model
(Σ log-loss + ½‖β‖² over the standardised features, intercept unpenalised: C = 1,
fit_intercept=True), and prints both solutions' coefficients, penalised objective and mean
train log-loss. It exits 1 when the objectives differ by more than 1e-6 relative.

Usage:
    recoup features export --kind risk --out risk.csv
    recoup train --format json > train.json      # or any store with trained models
    python3 scripts/check-export-refit.py risk.csv train.json

scikit-learn is installed from PyPI if missing (it is never a dependency of Recoup itself).
"""
import csv
import json
import subprocess
import sys

try:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "scikit-learn"])
    import numpy as np
    from sklearn.linear_model import LogisticRegression


def main(export_path, train_path):
    with open(export_path, newline="") as f:
        rows = list(csv.DictReader(f))
    model = json.load(open(train_path))["riskModel"]
    features = model["features"]
    train = [r for r in rows if r["split"] == "train"]
    X = np.array([[float(r[name]) for name in features] for r in train])
    y = np.array([int(r["label"]) for r in train])

    def objective(b0, beta):
        eta = b0 + X @ beta
        loss = np.logaddexp(0, eta) - y * eta
        return loss.sum() + 0.5 * beta @ beta, loss.mean()

    fit = LogisticRegression(C=1.0, fit_intercept=True, solver="lbfgs", tol=1e-12, max_iter=100000).fit(X, y)
    ours = (model["intercept"], np.array(model["coefficients"]))
    theirs = (fit.intercept_[0], fit.coef_[0])
    obj_ours, ll_ours = objective(*ours)
    obj_theirs, ll_theirs = objective(*theirs)
    print(f"train rows {len(train)}, features {len(features)}")
    print(f"{'term':<22}{'recoup':>14}{'scikit-learn':>14}")
    print(f"{'intercept':<22}{ours[0]:>14.6f}{theirs[0]:>14.6f}")
    for name, a, b in zip(features, ours[1], theirs[1]):
        print(f"{name:<22}{a:>14.6f}{b:>14.6f}")
    rel = abs(obj_ours - obj_theirs) / abs(obj_theirs)
    print(f"penalised objective: recoup {obj_ours:.10f}, scikit-learn {obj_theirs:.10f}, relative difference {rel:.2e}")
    print(f"mean train log-loss: recoup {ll_ours:.10f}, scikit-learn {ll_theirs:.10f}")
    print(f"largest coefficient difference: {np.max(np.abs(ours[1] - theirs[1])):.2e}")
    return 0 if rel <= 1e-6 else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
