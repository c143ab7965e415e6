"""Reference values for the neural-collapse (NC) metrics of LowDim.

A slow, textbook float64 implementation of the contract in DESIGN.md ("Neural-collapse
definitions"), written to be obviously right rather than fast: it forms the d x d
matrices and loops where the papers' formulas loop. Running it writes
tools/reference/golden/nc_golden.json, which the .NET tests read.

Notation. Features h_i in R^d (rows of H, N x d), labels y_i in {0..K-1} (0-based in code
and JSON), n_k samples in class k, N in all. Classifier W (K x d), bias b (K; zero when
not given).

    mu_k  = (1/n_k) sum_{i: y_i = k} h_i                          class means
    mu_G  = (1/K) sum_k mu_k        global_mean = "class"  (Papyan, Han & Donoho 2020)
          = (1/N) sum_i h_i         global_mean = "sample" (Zhu et al. 2021)
    M_c   = [mu_1 - mu_G, ..., mu_K - mu_G]                       d x K centred means

    Sigma_W = (1/N) sum_i (h_i - mu_{y_i})(h_i - mu_{y_i})^T      d x d
    Sigma_B = (1/K) sum_k (mu_k - mu_G)(mu_k - mu_G)^T            d x d

    nc1            = tr(Sigma_W Sigma_B^+) / K, where Sigma_B^+ is the pseudo-inverse of
                     Sigma_B truncated to rank r: r = number of singular values s of M_c
                     with s > rtol * s_max, capped at K - 1 (default rtol = max(d, K) *
                     eps(float64)). Sigma_B^+ = sum over the r largest eigenpairs
                     (lambda_j, v_j) of Sigma_B of v_j v_j^T / lambda_j.
    nc1_quotient   = tr(Sigma_W) / tr(Sigma_B)
    nc1_cdnv       = mean over pairs k < k' of (v_k + v_k') / (2 ||mu_k - mu_k'||^2),
                     v_k = (1/n_k) sum_{i: y_i = k} ||h_i - mu_k||^2
    nc2_equinorm   = std_k ||mu_k - mu_G|| / mean_k ||mu_k - mu_G||
    nc2_equinorm_w = std_k ||w_k|| / mean_k ||w_k||              (w_k = row k of W, not centred)
    nc2_equiangular= std over the K(K-1)/2 pairs k < k' of cos(mu_k - mu_G, mu_k' - mu_G)
    nc2_maxangle   = mean over the K(K-1) ordered pairs k != k' of
                     |cos(mu_k - mu_G, mu_k' - mu_G) + 1/(K-1)|
    nc2_etf        = || G/||G||_F - (I - 11^T/K)/sqrt(K-1) ||_F, G = M_c^T M_c  (K x K)
    nc2_etf_w      = the same with G = W W^T
    nc3            = || W^T/||W||_F - M_c/||M_c||_F ||_F^2        (squared, as Papyan plots it)
    nc3_zhu        = || A/||A||_F - (I - 11^T/K)/sqrt(K-1) ||_F, A = W M_c  (K x K)
    nc4            = (1/N) #{i : argmin_k ||h_i - mu_k|| != argmax_k (W h_i + b)_k}
    accuracy       = (1/N) #{i : argmax_k (W h_i + b)_k == y_i}
    ncc_accuracy   = (1/N) #{i : argmin_k ||h_i - mu_k|| == y_i}

Every std uses n - 1 in the denominator (as torch.std does). With K = 2 there is one pair,
so nc2_equiangular is 0/0: it is written as null. Metrics that need W (nc2_equinorm_w,
nc2_etf_w, nc3, nc3_zhu, nc4, accuracy) are null when a case has no classifier.
argmin/argmax take the first index on ties (the cases here have none).

The features, weights and biases of every case are rounded to float32 before anything is
computed, so a float32 implementation reads exactly the inputs the float64 values belong to.

Regenerate with:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tools/reference/nc_reference.py
"""

import itertools
import json
import math
import os
import sys

import numpy as np
import torch

DTYPE = torch.float64
GLOBAL_MEANS = ("class", "sample")
METRIC_NAMES = (
    "nc1", "nc1_quotient", "nc1_cdnv",
    "nc2_equinorm", "nc2_equinorm_w", "nc2_equiangular", "nc2_maxangle",
    "nc2_etf", "nc2_etf_w", "nc3", "nc3_zhu", "nc4",
    "accuracy", "ncc_accuracy",
)
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "nc_golden.json")


def default_rtol(d, k):
    """Relative cutoff on the singular values of M_c for float64 inputs."""
    return max(d, k) * float(np.finfo(np.float64).eps)


def class_means(features, labels, k):
    """(K, d) class means, one boolean mask per class."""
    means = []
    for c in range(k):
        members = features[labels == c]
        assert members.shape[0] > 0, f"class {c} has no samples"
        means.append(members.mean(dim=0))
    return torch.stack(means)


def global_mean(features, means, convention):
    if convention == "class":
        return means.mean(dim=0)
    if convention == "sample":
        return features.mean(dim=0)
    raise ValueError(f"unknown global mean convention {convention!r}")


def within_class_covariance(features, labels, means):
    """Sigma_W = (1/N) sum_i (h_i - mu_{y_i})(h_i - mu_{y_i})^T, one outer product per sample."""
    n, d = features.shape
    sigma_w = torch.zeros(d, d, dtype=DTYPE)
    for i in range(n):
        z = features[i] - means[labels[i]]
        sigma_w += torch.outer(z, z)
    return sigma_w / n


def between_class_covariance(centred_means):
    """Sigma_B = (1/K) sum_k (mu_k - mu_G)(mu_k - mu_G)^T from the (d, K) matrix M_c."""
    d, k = centred_means.shape
    sigma_b = torch.zeros(d, d, dtype=DTYPE)
    for c in range(k):
        sigma_b += torch.outer(centred_means[:, c], centred_means[:, c])
    return sigma_b / k


def truncated_rank(centred_means, rtol):
    """Number of singular values of M_c above rtol * s_max, at most K - 1."""
    k = centred_means.shape[1]
    s = torch.linalg.svdvals(centred_means)
    if s[0] == 0:
        return 0
    return min(int((s > rtol * s[0]).sum()), k - 1)


def truncated_pinv(sigma_b, rank):
    """Pseudo-inverse of the symmetric PSD Sigma_B keeping its `rank` largest eigenpairs."""
    eigenvalues, eigenvectors = torch.linalg.eigh(sigma_b)
    order = torch.argsort(eigenvalues, descending=True)[:rank]
    v = eigenvectors[:, order]
    return v @ torch.diag(1.0 / eigenvalues[order]) @ v.T


def std(values):
    """Sample standard deviation (n - 1 denominator); None when there is a single value."""
    values = torch.as_tensor(values, dtype=DTYPE)
    if values.numel() < 2:
        return None
    return float(values.std(unbiased=True))


def cosine(a, b):
    return float(a @ b / (torch.linalg.norm(a) * torch.linalg.norm(b)))


def etf_error(gram):
    """|| G/||G||_F - (I - 11^T/K)/sqrt(K-1) ||_F for a K x K matrix G."""
    k = gram.shape[0]
    target = (torch.eye(k, dtype=DTYPE) - torch.ones(k, k, dtype=DTYPE) / k) / math.sqrt(k - 1)
    return float(torch.linalg.norm(gram / torch.linalg.norm(gram) - target))


def nearest_class_mean(features, means):
    """Index of the Euclidean-nearest class mean, one sample at a time."""
    return torch.tensor([int(torch.argmin(torch.linalg.norm(means - h, dim=1))) for h in features])


def nc1_low_rank(features, labels, means, centred_means, rank):
    """(1/N) sum_i ||S^-1 U^T (h_i - mu_{y_i})||^2 over the leading `rank` singular triplets:
    the form the contract prescribes for d > K. Used here only as a cross-check."""
    u, s, _ = torch.linalg.svd(centred_means, full_matrices=False)
    projector = torch.diag(1.0 / s[:rank]) @ u[:, :rank].T
    z = features - means[labels]
    return float(((z @ projector.T) ** 2).sum() / features.shape[0])


def compute_metrics(features, labels, k, weight=None, bias=None, convention="class", rtol=None):
    """All contract metrics in float64. Returns (metrics dict, rank used for nc1)."""
    features = torch.as_tensor(features, dtype=DTYPE)
    labels = torch.as_tensor(labels, dtype=torch.int64)
    n, d = features.shape
    if rtol is None:
        rtol = default_rtol(d, k)

    means = class_means(features, labels, k)
    mu_g = global_mean(features, means, convention)
    centred = (means - mu_g).T  # M_c, d x K

    sigma_w = within_class_covariance(features, labels, means)
    sigma_b = between_class_covariance(centred)
    rank = truncated_rank(centred, rtol)
    nc1 = float(torch.trace(sigma_w @ truncated_pinv(sigma_b, rank)) / k)

    variances = [float(((features[labels == c] - means[c]) ** 2).sum(dim=1).mean()) for c in range(k)]
    pairs = list(itertools.combinations(range(k), 2))
    cdnv = sum((variances[a] + variances[b]) / (2 * float(((means[a] - means[b]) ** 2).sum()))
               for a, b in pairs) / len(pairs)

    norms = torch.linalg.norm(centred, dim=0)
    cosines_upper = [cosine(centred[:, a], centred[:, b]) for a, b in pairs]
    cosines_ordered = [cosine(centred[:, a], centred[:, b])
                       for a, b in itertools.permutations(range(k), 2)]

    ncc = nearest_class_mean(features, means)
    metrics = {
        "nc1": nc1,
        "nc1_quotient": float(torch.trace(sigma_w) / torch.trace(sigma_b)),
        "nc1_cdnv": cdnv,
        "nc2_equinorm": std(norms) / float(norms.mean()),
        "nc2_equinorm_w": None,
        "nc2_equiangular": std(cosines_upper),
        "nc2_maxangle": sum(abs(c + 1.0 / (k - 1)) for c in cosines_ordered) / len(cosines_ordered),
        "nc2_etf": etf_error(centred.T @ centred),
        "nc2_etf_w": None,
        "nc3": None,
        "nc3_zhu": None,
        "nc4": None,
        "accuracy": None,
        "ncc_accuracy": float((ncc == labels).double().mean()),
    }

    if weight is not None:
        weight = torch.as_tensor(weight, dtype=DTYPE)
        bias = torch.zeros(k, dtype=DTYPE) if bias is None else torch.as_tensor(bias, dtype=DTYPE)
        w_norms = torch.linalg.norm(weight, dim=1)
        predictions = torch.tensor([int(torch.argmax(weight @ h + bias)) for h in features])
        metrics.update({
            "nc2_equinorm_w": std(w_norms) / float(w_norms.mean()),
            "nc2_etf_w": etf_error(weight @ weight.T),
            "nc3": float(torch.linalg.norm(weight.T / torch.linalg.norm(weight)
                                           - centred / torch.linalg.norm(centred)) ** 2),
            "nc3_zhu": etf_error(weight @ centred),
            "nc4": float((ncc != predictions).double().mean()),
            "accuracy": float((predictions == labels).double().mean()),
        })

    low_rank = nc1_low_rank(features, labels, means, centred, rank)
    assert math.isclose(nc1, low_rank, rel_tol=1e-10, abs_tol=1e-300), (nc1, low_rank)
    assert nc1 >= 0
    return metrics, rank


# ---------------------------------------------------------------------------------------
# Cases

def simplex_etf(d, k, rng):
    """(d, K) simplex ETF with unit-norm columns, embedded by a random orthonormal basis,
    and one more unit vector orthogonal to it (to offset the global mean)."""
    basis, _ = np.linalg.qr(rng.standard_normal((d, k + 1)))
    centring = np.eye(k) - np.ones((k, k)) / k
    etf = basis[:, :k] @ centring * math.sqrt(k / (k - 1))
    return etf, basis[:, k]


def to_float32(x):
    return None if x is None else np.asarray(x, dtype=np.float32).astype(np.float64)


def gaussian_classes(rng, sizes, d, separation, noise=1.0):
    """Random Gaussian class means (scale `separation`) plus isotropic Gaussian noise."""
    k = len(sizes)
    means = separation * rng.standard_normal((k, d))
    labels = np.repeat(np.arange(k), sizes)
    features = means[labels] + noise * rng.standard_normal((labels.size, d))
    return features, labels, means


def noisy_classifier(rng, means, weight_noise=0.3, bias_scale=0.1):
    """W = centred class means plus noise; b small and random."""
    centred = means - means.mean(axis=0)
    scale = float(np.abs(centred).mean())
    weight = centred + weight_noise * scale * rng.standard_normal(centred.shape)
    bias = bias_scale * rng.standard_normal(means.shape[0])
    return weight, bias


def shuffled(rng, features, labels):
    order = rng.permutation(labels.size)
    return features[order], labels[order]


def case_balanced(rng):
    features, labels, means = gaussian_classes(rng, [40] * 5, d=24, separation=0.45)
    weight, bias = noisy_classifier(rng, means)
    return features, labels, 5, weight, bias


def case_imbalanced(rng):
    features, labels, means = gaussian_classes(rng, [5, 20, 60, 15], d=20, separation=0.5)
    weight, bias = noisy_classifier(rng, means)
    return features, labels, 4, weight, bias


def case_d_below_k(rng):
    features, labels, means = gaussian_classes(rng, [30] * 6, d=3, separation=1.5)
    weight, bias = noisy_classifier(rng, means)
    return features, labels, 6, weight, bias


def case_near_collapse(rng):
    k, d, per_class = 4, 12, 25
    etf, offset = simplex_etf(d, k, rng)
    labels = np.repeat(np.arange(k), per_class)
    features = 5.0 * etf.T[labels] + 2.0 * offset + 1e-3 * rng.standard_normal((labels.size, d))
    weight = 3.0 * etf.T
    return features, labels, k, weight, np.zeros(k)


def case_two_classes(rng):
    features, labels, means = gaussian_classes(rng, [30, 45], d=10, separation=0.5)
    weight, bias = noisy_classifier(rng, means)
    return features, labels, 2, weight, bias


def case_weight_without_bias(rng):
    features, labels, means = gaussian_classes(rng, [20, 35, 25], d=8, separation=0.7)
    weight, _ = noisy_classifier(rng, means)
    return features, labels, 3, weight, None


def case_no_classifier(rng):
    features, labels, _ = gaussian_classes(rng, [25, 25, 30, 20], d=16, separation=0.5)
    return features, labels, 4, None, None


def case_large_offset(rng):
    """Features with a large common offset (as after a ReLU): tests centring. The bias
    absorbs the offset, as a trained classifier's would."""
    offset = 100.0
    features, labels, means = gaussian_classes(rng, [30, 30, 30], d=16, separation=0.6)
    weight, bias = noisy_classifier(rng, means)
    bias = bias - offset * weight.sum(axis=1)
    return features + offset, labels, 3, weight, bias


CASES = (
    ("balanced", 1, case_balanced),
    ("imbalanced", 2, case_imbalanced),
    ("d_below_k_minus_1", 3, case_d_below_k),
    ("near_collapse", 4, case_near_collapse),
    ("two_classes", 5, case_two_classes),
    ("weight_without_bias", 6, case_weight_without_bias),
    ("no_classifier", 7, case_no_classifier),
    ("large_offset", 8, case_large_offset),
)


# ---------------------------------------------------------------------------------------
# Self-checks

def assert_metrics_close(a, b, rel, what):
    for name in METRIC_NAMES:
        if a[name] is None or b[name] is None:
            assert a[name] is None and b[name] is None, (what, name)
            continue
        assert math.isclose(a[name], b[name], rel_tol=rel, abs_tol=1e-14), (what, name, a[name], b[name])


def check_exact_etf():
    """No within-class noise, means on a simplex ETF, W a scaled copy of M_c^T: every
    collapse metric is zero and both classifiers are perfect."""
    rng = np.random.default_rng(100)
    for k, d in ((3, 5), (5, 9), (7, 7 + 1)):
        etf, offset = simplex_etf(d, k, rng)
        labels = np.repeat(np.arange(k), 4)
        features = 2.5 * etf.T[labels] + 3.0 * offset
        for convention in GLOBAL_MEANS:
            metrics, rank = compute_metrics(features, labels, k, 1.7 * etf.T, None, convention)
            assert rank == k - 1
            for name in METRIC_NAMES:
                expected = 1.0 if name in ("accuracy", "ncc_accuracy") else 0.0
                assert abs(metrics[name] - expected) < 1e-12, (k, convention, name, metrics[name])


def check_invariances():
    """Rotating the features (and W with them) or permuting the samples changes nothing."""
    rng = np.random.default_rng(200)
    features, labels, k, weight, bias = case_imbalanced(rng)
    q, _ = np.linalg.qr(rng.standard_normal((features.shape[1],) * 2))
    order = rng.permutation(labels.size)
    for convention in GLOBAL_MEANS:
        base, _ = compute_metrics(features, labels, k, weight, bias, convention)
        rotated, _ = compute_metrics(features @ q.T, labels, k, weight @ q.T, bias, convention)
        permuted, _ = compute_metrics(features[order], labels[order], k, weight, bias, convention)
        assert_metrics_close(base, rotated, 1e-10, "rotation")
        assert_metrics_close(base, permuted, 1e-12, "permutation")


def check_conventions_agree_when_balanced():
    rng = np.random.default_rng(300)
    features, labels, k, weight, bias = case_balanced(rng)
    by_class, _ = compute_metrics(features, labels, k, weight, bias, "class")
    by_sample, _ = compute_metrics(features, labels, k, weight, bias, "sample")
    assert_metrics_close(by_class, by_sample, 1e-12, "balanced conventions")


# ---------------------------------------------------------------------------------------

def build_cases():
    cases = []
    for name, seed, make in CASES:
        rng = np.random.default_rng(seed)
        features, labels, k, weight, bias = make(rng)
        features, labels = shuffled(rng, features, labels)
        features, weight, bias = to_float32(features), to_float32(weight), to_float32(bias)
        for convention in GLOBAL_MEANS:
            rtol = default_rtol(features.shape[1], k)
            metrics, rank = compute_metrics(features, labels, k, weight, bias, convention, rtol)
            cases.append({
                "name": name,
                "global_mean": convention,
                "rtol": rtol,
                "rank": rank,
                "features": features.tolist(),
                "labels": labels.tolist(),
                "classes": k,
                "weight": None if weight is None else weight.tolist(),
                "bias": None if bias is None else bias.tolist(),
                "metrics": metrics,
            })
    return cases


def main():
    torch.set_num_threads(1)
    check_exact_etf()
    check_invariances()
    check_conventions_agree_when_balanced()
    document = {
        "generator": "tools/reference/nc_reference.py",
        "torch_version": torch.__version__,
        "cases": build_cases(),
    }
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        json.dump(document, f, allow_nan=False)
        f.write("\n")
    for case in document["cases"]:
        shown = ", ".join(f"{m}={v:.4g}" if v is not None else f"{m}=null" for m, v in case["metrics"].items())
        print(f"{case['name']:>20} {case['global_mean']:>6} rank={case['rank']}: {shown}", file=sys.stderr)
    print(f"wrote {OUTPUT} ({os.path.getsize(OUTPUT)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
