#!/usr/bin/env python3
"""Peer for ModelBenchmarks: scikit-learn's LogisticRegression on Recoup's benchmark design.

Reads the design the Swift benchmark exported ($RECOUP_MODEL_BENCH_DIR, default
/tmp/recoup-model-bench: x.f64 row-major float64, y.f64, client.i32, meta.json, and Recoup's own
fit in recoup_dense.json / recoup_clients.json), fits

  1. the dense design (n x 30), and
  2. the dense design plus the per-client intercepts as a sparse one-hot block (n x 2030, CSR),

with LogisticRegression(C=1, fit_intercept=False, solver="lbfgs", tol=1e-10, max_iter=20000): the
same objective as Recoup's (sum of log-losses + 0.5 * ||coef||^2, every column penalised with
lambda = 1/C = 1). Prints wall times (median of RUNS, default 3), iterations, and both solutions'
penalised objectives recomputed here with numpy from their coefficients, with the relative gap.

Installs scikit-learn from PyPI if it is missing.
"""
import json
import os
import statistics
import subprocess
import sys
import time

try:
    import sklearn  # noqa: F401
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "scikit-learn"])

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

directory = os.environ.get("RECOUP_MODEL_BENCH_DIR", "/tmp/recoup-model-bench")
runs = int(os.environ.get("RUNS", "3"))
meta = json.load(open(os.path.join(directory, "meta.json")))
n, p, k = meta["rows"], meta["columns"], meta["clients"]
X = np.fromfile(os.path.join(directory, "x.f64"), dtype=np.float64).reshape(n, p)
y = np.fromfile(os.path.join(directory, "y.f64"), dtype=np.float64)
g = np.fromfile(os.path.join(directory, "client.i32"), dtype=np.int32)
lam = 1.0


def objective(coef, groups=None):
    eta = X @ coef
    penalty = coef @ coef
    if groups is not None:
        eta = eta + groups[g]
        penalty += groups @ groups
    return float(np.sum(np.logaddexp(0.0, eta) - y * eta) + 0.5 * lam * penalty)


def fit(design):
    model = LogisticRegression(C=1.0 / lam, fit_intercept=False, solver="lbfgs", tol=1e-10, max_iter=20000)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        model.fit(design, y)
        times.append(time.perf_counter() - started)
    return model, times


print(f"design: {n} rows x {p} columns, {k} clients; sklearn {sklearn.__version__}, numpy {np.__version__}")
results = []
for case, with_clients in (("dense", False), ("clients", True)):
    if with_clients:
        onehot = sp.csr_matrix((np.ones(n), (np.arange(n), g)), shape=(n, k))
        design = sp.hstack([sp.csr_matrix(X), onehot]).tocsr()
    else:
        design = X
    model, times = fit(design)
    coef = model.coef_[0]
    sk_obj = objective(coef[:p], coef[p:] if with_clients else None)
    recoup = json.load(open(os.path.join(directory, f"recoup_{case}.json")))
    rc_obj = objective(np.array(recoup["coefficients"]),
                       np.array(recoup["groupEffects"]) if with_clients else None)
    row = {
        "case": case,
        "sklearn_seconds_median": statistics.median(times),
        "sklearn_seconds_all": times,
        "sklearn_iterations": int(model.n_iter_[0]),
        "sklearn_objective": sk_obj,
        "recoup_objective": rc_obj,
        "relative_gap": (rc_obj - sk_obj) / abs(sk_obj),
        "recoup_reported_objective": recoup["objective"],
        "recoup_iterations": recoup["iterations"],
        "recoup_setup_fit_seconds": recoup["seconds"],
    }
    results.append(row)
    print(json.dumps(row))
