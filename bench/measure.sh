#!/usr/bin/env bash
# The neural-collapse measurement benchmark, LowDim against the Python peer. See bench/README.md.
# usage: bench/measure.sh [--n 50000] [--d 2048] [--k 10,100] [--repeats 5] [--threads 2] [--data DIR] [--chunk-rows 1024,16384]
set -euo pipefail
cd "$(dirname "$0")/.."
# No OMP_WAIT_POLICY here: LowDim sets its own short OpenMP spin; the peer runs with PASSIVE.
dotnet build -c Release bench/LowDim.Bench/LowDim.Bench.csproj -v quiet -nologo >&2
exec dotnet bench/LowDim.Bench/bin/Release/net10.0/LowDim.Bench.dll "$@"
