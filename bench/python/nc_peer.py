"""Python peer for the NC-metrics speed benchmark: the same metrics LowDim computes, done
two ways in float32 PyTorch on the CPU.

  dxd      The way the published reference code does it (Papyan, Han & Donoho 2020,
           "NC_notebook"; Zhu et al. 2021, "validate_NC.py"): class means by a loop over
           classes, Sigma_W accumulated as a d x d covariance, Sigma_B as d x d, its
           pseudo-inverse from scipy.sparse.linalg.svds(Sigma_B, k=K-1) exactly as Papyan's
           code does, nc1 = tr(Sigma_W Sigma_B^+) / K. The per-sample loops of those codes
           (an outer product per sample for Sigma_W, one norm per sample for the nearest
           class mean) are replaced by their batched equivalents (Z^T Z per class,
           torch.cdist): same arithmetic, none of the Python overhead.
  lowrank  The fastest honest implementation without d x d matrices: one pass for the class
           means (index_add_), the thin SVD of the d x K centred means M_c = U S V^T, then
           one pass over row blocks that centres each block in cache and multiplies it by
           [U^T; W]^T. nc1 = (1/N) sum_i ||S^-1 U^T (h_i - mu_{y_i})||^2; the nearest class
           mean (in the K-dimensional span of M_c) and the logits come from the same product.

The metric definitions are DESIGN.md's ("Neural-collapse definitions"); the float64
reference is tools/reference/nc_reference.py. Loading the .npy files is not timed.

Usage:
    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/python/nc_peer.py \
        --features H.npy --labels y.npy --weights W.npy --bias b.npy --repeats 3 --threads 2
    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/python/nc_peer.py --selftest

Prints one JSON object on stdout:
    {"torch_version", "threads", "global_mean", "n", "d", "k",
     "dxd": {"seconds", "metrics"}, "lowrank": {"seconds", "metrics"}, "read_seconds"}
where each "seconds" is the best of --repeats runs.
"""

import argparse
import ctypes
import json
import math
import os
import sys
import time

import numpy as np
import scipy.sparse.linalg
import torch

# Rows per block in the low-rank pass: a 1024 x d float32 block stays in the last-level cache
# (fastest of 512..4096 measured at d = 2048, K = 10 and 100).
BLOCK_ROWS = 1024


def set_threads(threads):
    """torch's OpenMP pool and the OpenBLAS that Debian's torch and numpy both call."""
    torch.set_num_threads(threads)
    try:
        ctypes.CDLL("libopenblas.so.0").openblas_set_num_threads(threads)
    except (OSError, AttributeError):
        pass


def std_over_mean(values):
    return float(values.std(unbiased=True) / values.mean())


def etf_error(gram):
    """|| G/||G||_F - (I - 11^T/K)/sqrt(K-1) ||_F."""
    k = gram.shape[0]
    target = (torch.eye(k) - torch.ones(k, k) / k) / math.sqrt(k - 1)
    return float(torch.linalg.norm(gram / torch.linalg.norm(gram) - target))


def small_metrics(means, centred, weight, variances):
    """Metrics that need only the K class means, M_c (K x d, one row per class), W and the
    per-class variances v_k: K x K work, shared by both methods."""
    k = means.shape[0]
    norms = torch.linalg.norm(centred, dim=1)
    unit = centred / norms[:, None]
    cosines = unit @ unit.T
    off_diagonal = ~torch.eye(k, dtype=torch.bool)
    upper = torch.triu(torch.ones(k, k, dtype=torch.bool), diagonal=1)
    distances = torch.cdist(means.double(), means.double()) ** 2
    cdnv = (variances[:, None] + variances[None, :]) / (2 * distances)
    w_norms = torch.linalg.norm(weight, dim=1)
    return {
        "nc1_cdnv": float(cdnv[upper].mean()),
        "nc2_equinorm": std_over_mean(norms),
        "nc2_equinorm_w": std_over_mean(w_norms),
        "nc2_equiangular": float(cosines[upper].std(unbiased=True)) if k > 2 else None,
        "nc2_maxangle": float((cosines[off_diagonal] + 1.0 / (k - 1)).abs().mean()),
        "nc2_etf": etf_error(centred @ centred.T),
        "nc2_etf_w": etf_error(weight @ weight.T),
        "nc3": float(torch.linalg.norm(weight / torch.linalg.norm(weight)
                                       - centred / torch.linalg.norm(centred)) ** 2),
        "nc3_zhu": etf_error(weight @ centred.T),
    }


def dxd_metrics(features, labels, weight, bias, k, global_mean):
    n, d = features.shape
    means = torch.zeros(k, d)
    members = []
    for c in range(k):
        index = (labels == c).nonzero(as_tuple=True)[0]
        members.append(index)
        means[c] = features[index].mean(dim=0)
    mu_g = means.mean(dim=0) if global_mean == "class" else features.mean(dim=0)

    sigma_w = torch.zeros(d, d)
    variances = torch.zeros(k, dtype=torch.float64)
    for c in range(k):
        z = features[members[c]] - means[c]
        sigma_w += z.T @ z
        variances[c] = float((z * z).sum()) / members[c].numel()
    sigma_w /= n

    centred = means - mu_g
    sigma_b = centred.T @ centred / k

    # Papyan's notebook: eigvec, eigval, _ = svds(Sb, k=C-1); inv_Sb = eigvec @ diag(1/eigval) @ eigvec.T
    sw, sb = sigma_w.numpy(), sigma_b.numpy()
    eigvec, eigval, _ = scipy.sparse.linalg.svds(sb, k=k - 1)
    inv_sb = eigvec @ np.diag(eigval ** -1) @ eigvec.T
    nc1 = float(np.trace(sw @ inv_sb)) / k

    ncc = torch.cdist(features, means).argmin(dim=1)
    predictions = (features @ weight.T + bias).argmax(dim=1)

    metrics = {"nc1": nc1, "nc1_quotient": float(torch.trace(sigma_w) / torch.trace(sigma_b))}
    metrics.update(small_metrics(means, centred, weight, variances))
    metrics.update(prediction_metrics(ncc, predictions, labels))
    return metrics


def prediction_metrics(ncc, predictions, labels):
    """nc4, accuracy and ncc_accuracy from the nearest-class-mean and classifier predictions."""
    return {
        "nc4": float((ncc != predictions).double().mean()),
        "accuracy": float((predictions == labels).double().mean()),
        "ncc_accuracy": float((ncc == labels).double().mean()),
    }


def lowrank_metrics(features, labels, weight, bias, k, global_mean):
    n, d = features.shape
    counts = torch.bincount(labels, minlength=k)
    sums = torch.zeros(k, d).index_add_(0, labels, features)
    means = sums / counts[:, None]
    mu_g = means.mean(dim=0) if global_mean == "class" else sums.sum(dim=0) / n
    centred = means - mu_g  # M_c^T, K x d

    u, s, _ = torch.linalg.svd(centred.T, full_matrices=False)  # M_c = U S V^T, U d x min(d, K)
    rtol = max(d, k) * torch.finfo(torch.float32).eps
    rank = min(int((s > rtol * s[0]).sum()), k - 1)
    basis_size = u.shape[1]

    # One product per block of rows, [U^T; W] z with z = h - mu_y, gives everything:
    #   nc1:      S^-1 U^T z over the leading `rank` directions.
    #   nearest class mean: the m_k = mu_k - mu_G lie in span(U), so with c_k = U^T m_k,
    #             argmin_j ||h - mu_j||^2 = argmax_j 2 (U^T z + c_y).c_j - ||c_j||^2.
    #   logits:   W h + b = W z + (W mu_y + b).
    stacked = torch.cat([u.T, weight])
    coordinates = centred @ u  # row k: c_k
    coordinates_gram = coordinates @ coordinates.T
    ncc_offset = 2 * coordinates_gram - coordinates_gram.diagonal()[None, :]
    logit_offset = means @ weight.T + bias
    inverse_s = 1.0 / s[:rank]

    whitened_sum = torch.zeros((), dtype=torch.float64)
    within = torch.zeros(k, dtype=torch.float64)
    ncc = torch.empty(n, dtype=torch.int64)
    predictions = torch.empty(n, dtype=torch.int64)
    # Buffers reused by every block: a fresh multi-megabyte tensor per block costs page faults.
    z_buffer = torch.empty(min(BLOCK_ROWS, n), d)
    product_buffer = torch.empty(min(BLOCK_ROWS, n), stacked.shape[0])
    for start in range(0, n, BLOCK_ROWS):
        rows = slice(start, start + BLOCK_ROWS)
        y = labels[rows]
        z = z_buffer[:y.numel()]
        torch.index_select(means, 0, y, out=z)
        torch.sub(features[rows], z, out=z)
        product = product_buffer[:y.numel()]
        torch.mm(z, stacked.T, out=product)
        projected = product[:, :basis_size]
        whitened_sum += (projected[:, :rank] * inverse_s).square().sum(dtype=torch.float64)
        within.index_add_(0, y, torch.linalg.vector_norm(z, dim=1).double().square())
        ncc[rows] = (2 * projected @ coordinates.T + ncc_offset[y]).argmax(dim=1)
        predictions[rows] = (product[:, basis_size:] + logit_offset[y]).argmax(dim=1)

    variances = within / counts
    between_trace = float(centred.square().sum()) / k
    metrics = {
        "nc1": float(whitened_sum) / n,
        "nc1_quotient": float(within.sum()) / n / between_trace,
    }
    metrics.update(small_metrics(means, centred, weight, variances))
    metrics.update(prediction_metrics(ncc, predictions, labels))
    return metrics


def best_of(repeats, compute):
    best, result = math.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = compute()
        best = min(best, time.perf_counter() - start)
    return best, result


def benchmark(args):
    features = torch.from_numpy(np.load(args.features))
    labels = torch.from_numpy(np.load(args.labels)).to(torch.int64)
    weight = torch.from_numpy(np.load(args.weights))
    k = weight.shape[0]
    bias = torch.from_numpy(np.load(args.bias)) if args.bias else torch.zeros(k)
    n, d = features.shape

    read_seconds, _ = best_of(args.repeats, lambda: float(features.sum()))
    dxd_seconds, dxd = best_of(
        args.repeats, lambda: dxd_metrics(features, labels, weight, bias, k, args.global_mean))
    lowrank_seconds, lowrank = best_of(
        args.repeats, lambda: lowrank_metrics(features, labels, weight, bias, k, args.global_mean))
    return {
        "torch_version": torch.__version__,
        "threads": args.threads,
        "global_mean": args.global_mean,
        "n": n, "d": d, "k": k,
        "dxd": {"seconds": dxd_seconds, "metrics": dxd},
        "lowrank": {"seconds": lowrank_seconds, "metrics": lowrank},
        "read_seconds": read_seconds,
    }


def selftest_case(rng, sizes, d):
    """Gaussian class means and noise, float32, with a classifier near the centred means."""
    k = len(sizes)
    means = 0.3 * rng.standard_normal((k, d))
    labels = rng.permutation(np.repeat(np.arange(k), sizes))
    features = (means[labels] + rng.standard_normal((labels.size, d))).astype(np.float32)
    weight = ((means - means.mean(axis=0)) + 0.1 * rng.standard_normal((k, d))).astype(np.float32)
    bias = (0.1 * rng.standard_normal(k)).astype(np.float32)
    return features, labels, weight, bias


def selftest():
    """Both methods against the float64 reference on two small imbalanced cases (K = 6 and
    K = 2), both global means. Returns the disagreements (empty when all agree)."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "reference"))
    import nc_reference

    rng = np.random.default_rng(7)
    cases = (selftest_case(rng, [40, 90, 60, 150, 70, 110], 48), selftest_case(rng, [120, 200], 16))
    failures = []
    for features, labels, weight, bias in cases:
        k = weight.shape[0]
        for global_mean in ("class", "sample"):
            expected, _ = nc_reference.compute_metrics(
                features.astype(np.float64), labels, k, weight.astype(np.float64), bias.astype(np.float64),
                global_mean)
            arguments = (torch.from_numpy(features), torch.from_numpy(labels), torch.from_numpy(weight),
                         torch.from_numpy(bias), k, global_mean)
            for method, compute in (("dxd", dxd_metrics), ("lowrank", lowrank_metrics)):
                actual = compute(*arguments)
                for name, value in expected.items():
                    # 1e-4 relative: float32 inputs through a pseudo-inverse and sums over
                    # hundreds of samples. 1e-6 absolute: values that are zero in exact
                    # arithmetic (K = 2 with the class mean) come out as float32 round-off.
                    agree = (actual[name] is None if value is None
                             else actual[name] is not None
                             and math.isclose(actual[name], value, rel_tol=1e-4, abs_tol=1e-6))
                    if not agree:
                        failures.append(f"K={k} {method} {global_mean} {name}: {actual[name]!r} vs reference {value!r}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--features", help="(N, d) float32 .npy")
    parser.add_argument("--labels", help="(N,) integer .npy, labels 0..K-1")
    parser.add_argument("--weights", help="(K, d) float32 .npy")
    parser.add_argument("--bias", help="(K,) float32 .npy (zero when left out)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--global-mean", choices=("class", "sample"), default="class")
    parser.add_argument("--selftest", action="store_true",
                        help="check both methods against tools/reference/nc_reference.py and exit")
    args = parser.parse_args()
    set_threads(args.threads)

    if args.selftest:
        failures = selftest()
        for failure in failures:
            print(failure, file=sys.stderr)
        print("selftest " + ("failed" if failures else "passed"), file=sys.stderr)
        sys.exit(1 if failures else 0)

    if not (args.features and args.labels and args.weights):
        parser.error("--features, --labels and --weights are required")
    print(json.dumps(benchmark(args)))


if __name__ == "__main__":
    main()
