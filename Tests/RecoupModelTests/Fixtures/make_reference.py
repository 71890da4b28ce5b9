#!/usr/bin/env python3
"""Reference fits for RecoupModel's logistic solver, made once with scikit-learn.

Run from this folder:  python3 make_reference.py
Writes <case>.csv (columns x0..x{p-1}, y, w[, group]) and <case>.json (the reference fit; standard errors from numpy's inverse of the
penalised Hessian at sklearn's solution, intercept first).

Every case is fitted by sklearn.linear_model.LogisticRegression(C=C, solver="newton-cholesky",
tol=1e-14, max_iter=1000) with an unpenalised intercept and sample weights, i.e. it minimises
    C * sum_i w_i * logloss_i + 0.5 * ||coef||^2,
which is RecoupModel's objective with penalty lambda = 1/C on every non-intercept column
(Recoup's objective is sklearn's divided by C). The "groups" case passes the per-client
intercepts to scikit-learn as one-hot columns (penalised like the others); Recoup fits them as
group effects with the same penalty, never materialised.
"""
import json
import numpy as np
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(20261123)


def fit_and_write(name, X, y, w, C, groups=None, n_groups=0):
    design = X
    if groups is not None:
        onehot = np.zeros((X.shape[0], n_groups))
        onehot[np.arange(X.shape[0]), groups] = 1.0
        design = np.hstack([X, onehot])
    model = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-14, max_iter=1000)
    model.fit(design, y, sample_weight=w)
    eta = design @ model.coef_[0] + model.intercept_[0]
    loss_i = np.logaddexp(0.0, eta) - y * eta
    log_loss = float(np.sum(w * loss_i) / np.sum(w))
    objective = float(np.sum(w * loss_i) + 0.5 / C * np.sum(model.coef_[0] ** 2))
    coef = model.coef_[0]
    # Standard errors: square roots of the diagonal of the inverse penalised Hessian of Recoup's
    # objective at sklearn's solution, [1 | design]^T diag(w mu (1 - mu)) [1 | design] + diag(0, 1/C, ...).
    full = np.hstack([np.ones((design.shape[0], 1)), design])
    mu = 1 / (1 + np.exp(-eta))
    hess = full.T @ (full * (w * mu * (1 - mu))[:, None]) + np.diag([0.0] + [1.0 / C] * design.shape[1])
    se = np.sqrt(np.diag(np.linalg.inv(hess)))
    out = {
        "C": C,
        "intercept": float(model.intercept_[0]),
        "coefficients": [float(v) for v in coef[: X.shape[1]]],
        "groupEffects": [float(v) for v in coef[X.shape[1]:]],
        "logLoss": log_loss,
        "standardErrors": [float(v) for v in se[: X.shape[1] + 1]],
        "groupStandardErrors": [float(v) for v in se[X.shape[1] + 1:]],
        "objective": objective,
        "made": "sklearn %s LogisticRegression(C=%g, solver='newton-cholesky', tol=1e-14)" % (
            __import__("sklearn").__version__, C),
    }
    with open(name + ".json", "w") as f:
        json.dump(out, f, indent=1)
    header = ["x%d" % j for j in range(X.shape[1])] + ["y", "w"] + (["group"] if groups is not None else [])
    with open(name + ".csv", "w") as f:
        f.write(",".join(header) + "\n")
        for i in range(X.shape[0]):
            cells = ["%.17g" % v for v in X[i]] + ["%d" % y[i], "%.17g" % w[i]]
            if groups is not None:
                cells.append("%d" % groups[i])
            f.write(",".join(cells) + "\n")


def logistic_labels(eta):
    return (rng.random(eta.shape[0]) < 1 / (1 + np.exp(-eta))).astype(int)


# 1. plain: 300 rows, 4 features, unit weights.
X = rng.normal(size=(300, 4))
y = logistic_labels(-0.5 + X @ np.array([1.0, -0.7, 0.3, 0.0]))
fit_and_write("plain", X, y, np.ones(300), C=1.0)

# 2. weighted: weights in [0.2, 3], 40 rows with weight 0 whose labels are flipped (they must
#    not matter).
X = rng.normal(size=(320, 3))
y = logistic_labels(0.3 + X @ np.array([0.8, 0.5, -1.2]))
w = rng.uniform(0.2, 3.0, size=320)
w[:40] = 0.0
y[:40] = 1 - y[:40]
fit_and_write("weighted", X, y, w, C=0.5)

# 3. collinear: x2 = x0 + x1 exactly and x3 a copy of x0; only the penalty makes it identifiable.
X0 = rng.normal(size=(250, 2))
X = np.column_stack([X0[:, 0], X0[:, 1], X0[:, 0] + X0[:, 1], X0[:, 0]])
y = logistic_labels(X0 @ np.array([1.0, -1.0]))
fit_and_write("collinear", X, y, np.ones(250), C=2.0)

# 4. separable: y = 1 exactly when x0 > 0; without a penalty the MLE does not exist.
X = rng.normal(size=(200, 2))
y = (X[:, 0] > 0).astype(int)
fit_and_write("separable", X, y, np.ones(200), C=10.0)

# 5. groups: 400 rows, 2 features, 30 clients with normal(0, 0.8) effects; client 29 has a
#    single row.
n_groups = 30
groups = np.concatenate([rng.integers(0, n_groups - 1, size=399), [n_groups - 1]])
effects = rng.normal(0, 0.8, size=n_groups)
X = rng.normal(size=(400, 2))
y = logistic_labels(-0.3 + X @ np.array([0.9, -0.4]) + effects[groups])
fit_and_write("groups", X, y, np.ones(400), C=1.0, groups=groups, n_groups=n_groups)
