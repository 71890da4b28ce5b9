#!/bin/sh
# Model benchmarks side by side with scikit-learn, in one run (issue 8).
# Run from Benchmarks/:  sh peers/model_side_by_side.sh
# 1. ModelBenchmarks (release): hazard feature building, one memory pass over the design, and the
#    two logistic fits; the fits' setup exports the design and Recoup's solution to
#    $RECOUP_MODEL_BENCH_DIR (default /tmp/recoup-model-bench).
# 2. peers/sklearn_fit.py on that same design: scikit-learn's wall times and both solutions'
#    penalised objectives, recomputed with numpy.
set -e
export RECOUP_MODEL_BENCH_DIR="${RECOUP_MODEL_BENCH_DIR:-/tmp/recoup-model-bench}"
swift package --allow-writing-to-package-directory benchmark --target ModelBenchmarks --format markdown
python3 peers/sklearn_fit.py
