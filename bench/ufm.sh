#!/usr/bin/env bash
# The UFM benchmark, LowDim's UfmSolver against the same gradient descent in PyTorch. See bench/README.md.
# usage: bench/ufm.sh [--repeats 5] [--threads 2] [--lr 10] [--target 1e-6] [--check-every 10] [--k 10] [--d 64] [--n 50] [--seed 0]
set -euo pipefail
cd "$(dirname "$0")/.."
# No OMP_WAIT_POLICY here: LowDim sets its own short OpenMP spin; the peer runs with PASSIVE.
dotnet build -c Release bench/LowDim.UfmBench/LowDim.UfmBench.csproj -v quiet -nologo >&2
exec dotnet bench/LowDim.UfmBench/bin/Release/net10.0/LowDim.UfmBench.dll "$@"
