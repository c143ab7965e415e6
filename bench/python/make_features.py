"""Synthetic features for the NC-metrics benchmark.

Writes, into --out:
    H.npy  (n, d) float32, C order   features: class mean + N(0, 1) noise per coordinate
    y.npy  (n,)   int64              labels 0..K-1, balanced (n mod K classes get one more), shuffled
    W.npy  (K, d) float32            classifier: centred class means plus noise
    b.npy  (K,)   float32            bias, small and random

Class means are N(0, s^2 I) with s = separation / sqrt(2 d), so two class means are about
`separation` noise standard deviations apart: both classifiers are right most of the time
but not always. At the default separation of 6, n = 50000, d = 2048, seed 0: nearest class
mean 99.1% (K = 10) and 97.6% (K = 100); argmax(W h + b) 97.7% and 87.9%.

Example:
    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/python/make_features.py \
        --n 50000 --d 2048 --k 10 --out /tmp/nc-k10 --seed 0
"""

import argparse
import math
import os

import numpy as np

CHUNK_ROWS = 4096


def make(n, d, k, seed, separation=6.0, weight_noise=0.5):
    rng = np.random.default_rng(seed)
    means = rng.standard_normal((k, d), dtype=np.float32) * np.float32(separation / math.sqrt(2 * d))
    labels = rng.permutation(np.arange(n, dtype=np.int64) % k)

    features = np.empty((n, d), dtype=np.float32)
    for start in range(0, n, CHUNK_ROWS):
        block = features[start:start + CHUNK_ROWS]
        rng.standard_normal(out=block, dtype=np.float32)
        block += means[labels[start:start + CHUNK_ROWS]]

    centred = means - means.mean(axis=0)
    scale = np.float32(centred.std())
    weight = centred + weight_noise * scale * rng.standard_normal((k, d), dtype=np.float32)
    bias = np.float32(0.1) * rng.standard_normal(k, dtype=np.float32)
    return features, labels, weight.astype(np.float32), bias


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, required=True, help="number of samples")
    parser.add_argument("--d", type=int, required=True, help="feature dimension")
    parser.add_argument("--k", type=int, required=True, help="number of classes")
    parser.add_argument("--out", required=True, help="output folder (created if missing)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--separation", type=float, default=6.0,
                        help="typical distance between two class means, in noise standard deviations")
    args = parser.parse_args()

    features, labels, weight, bias = make(args.n, args.d, args.k, args.seed, args.separation)
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, "H.npy"), features)
    np.save(os.path.join(args.out, "y.npy"), labels)
    np.save(os.path.join(args.out, "W.npy"), weight)
    np.save(os.path.join(args.out, "b.npy"), bias)


if __name__ == "__main__":
    main()
