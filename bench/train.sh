#!/usr/bin/env bash
# The training benchmark, LowDim against PyTorch on one MLP epoch. See bench/README.md.
# usage: bench/train.sh [--epochs 3] [--threads 2] [--widths 1024,1024,1024] [--data DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
# No OMP_WAIT_POLICY here: LowDim sets its own short OpenMP spin; the peer runs with PASSIVE.
dotnet build -c Release bench/LowDim.TrainBench/LowDim.TrainBench.csproj -v quiet -nologo >&2
exec dotnet bench/LowDim.TrainBench/bin/Release/net10.0/LowDim.TrainBench.dll "$@"
