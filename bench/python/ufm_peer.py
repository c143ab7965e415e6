#!/usr/bin/env python3
"""Python peer of the UFM benchmark: the unconstrained features model solved by gradient descent in PyTorch.

The problem (Mixon et al. 2020; Zhu et al. 2021), with W (K x d), H (N x d, one row per sample) and b (K):

    min (1/N) sum_i CE(W h_i + b, y_i) + lambda_W/2 ||W||_F^2 + lambda_H/2 ||H||_F^2 + lambda_b/2 ||b||^2

written as a researcher writes it: W, H and b are leaf tensors with requires_grad, the objective is
F.cross_entropy plus the three penalties, loss.backward() gives the gradient, and a plain gradient-descent step
x <- x - lr * grad runs under torch.no_grad(). Every --check-every iterations (iteration 0 included) it measures
nc1 with the low-rank formula of DESIGN.md, nc1 = (1/N) sum_i ||S^-1 U^T (h_i - mu_{y_i})||^2 over the rank of
the centred class means M_c = U S V^T (relative cutoff max(d, K) * eps, at most K - 1), and stops once
nc1 <= --target: the same rule as LowDim's UfmSolver with an nc1 target.

The start point comes from W.npy, H.npy and b.npy in --start (float64; written by LowDim's benchmark, so both
sides follow the same trajectory). Samples are ordered by class: the first n have label 0, and so on.

Prints one JSON object: the torch version, the iterations, the seconds of each timed solve (loading excluded,
each after one untimed warm-up solve), the final objective and nc1.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F


def nc1(features, labels, classes):
    """nc1 = tr(Sigma_W Sigma_B^+)/K without a d x d matrix, the global mean being the mean of the class means."""
    n, d = features.shape
    means = torch.zeros(classes, d, dtype=features.dtype).index_add_(0, labels, features)
    means /= torch.bincount(labels, minlength=classes).to(features.dtype)[:, None]
    centred_means = (means - means.mean(0)).T
    u, s, _ = torch.linalg.svd(centred_means, full_matrices=False)
    cutoff = max(d, classes) * torch.finfo(features.dtype).eps * s[0]
    rank = min(int((s > cutoff).sum()), classes - 1)
    coordinates = (features - means[labels]) @ (u[:, :rank] / s[:rank])
    return float(coordinates.square().sum() / n)


def solve(w0, h0, b0, labels, args):
    """Gradient descent from copies of (w0, h0, b0) until nc1 <= target; returns (iterations, objective, nc1)."""
    classes = w0.shape[0]
    w = w0.clone().requires_grad_(True)
    h = h0.clone().requires_grad_(True)
    b = b0.clone().requires_grad_(True)
    iteration = 0
    while True:
        if iteration % args.check_every == 0 or iteration == args.max_iterations:
            with torch.no_grad():
                measured = nc1(h, labels, classes)
            if measured <= args.target or iteration == args.max_iterations:
                break
        loss = (F.cross_entropy(F.linear(h, w, b), labels)
                + args.lambda_w / 2 * w.square().sum()
                + args.lambda_h / 2 * h.square().sum()
                + args.lambda_b / 2 * b.square().sum())
        loss.backward()
        with torch.no_grad():
            for p in (w, h, b):
                p.sub_(p.grad, alpha=args.lr)
                p.grad = None
        iteration += 1
    with torch.no_grad():
        objective = (F.cross_entropy(F.linear(h, w, b), labels)
                     + args.lambda_w / 2 * w.square().sum()
                     + args.lambda_h / 2 * h.square().sum()
                     + args.lambda_b / 2 * b.square().sum())
    return iteration, float(objective), measured


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", required=True, help="folder with W.npy, H.npy and b.npy (float64)")
    parser.add_argument("--lr", type=float, default=10.0)
    parser.add_argument("--lambda-w", type=float, default=5e-4)
    parser.add_argument("--lambda-h", type=float, default=5e-4)
    parser.add_argument("--lambda-b", type=float, default=5e-4)
    parser.add_argument("--target", type=float, default=1e-6)
    parser.add_argument("--check-every", type=int, default=10)
    parser.add_argument("--max-iterations", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    w0, h0, b0 = (torch.from_numpy(np.load(os.path.join(args.start, f"{name}.npy"))) for name in ("W", "H", "b"))
    classes, n = w0.shape[0], h0.shape[0]
    labels = torch.arange(classes).repeat_interleave(n // classes)
    if labels.shape[0] != n:
        raise SystemExit(f"N = {n} is not a multiple of K = {classes}: the peer solves balanced problems only")

    solve(w0, h0, b0, labels, args)
    seconds = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        iterations, objective, measured = solve(w0, h0, b0, labels, args)
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"torch_version": torch.__version__, "threads": torch.get_num_threads(),
                      "iterations": iterations, "seconds": seconds, "objective": objective, "nc1": measured}))


if __name__ == "__main__":
    main()
