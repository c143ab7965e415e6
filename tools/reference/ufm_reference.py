"""Numerical global optima of the unconstrained features model (UFM), and the closed forms they must equal.

The UFM (Mixon et al. 2020, Zhu et al. 2021) with N samples in K classes (n_k in class k, samples ordered by
class), features H (N x d, row i is h_i), classifier W (K x d) and bias b (K):

    f(W, H, b) = (1/N) sum_i L(W h_i + b, y_i) + lw/2 ||W||_F^2 + lh/2 ||H||_F^2 + lb/2 ||b||^2

(b = 0 fixed for a problem without bias). L is one of LowDim's losses (src/LowDim/Training), the same
formulas as losses_reference.py:

    ce     -log softmax(z)_y                                       torch cross_entropy
    ls     -sum_j t_j log softmax(z)_j,  t = (1-a) e_y + a/K          cross_entropy(label_smoothing=a)
    focal  -(1 - p)^g log p,  p = softmax(z)_y                      Lin et al. 2017, no class weights
    mse    (1/K) [k (z_y - M)^2 + sum_{j != y} z_j^2]                Hui & Belkin 2021

For each case the script minimises f in float64 from several random starts: torch.optim.LBFGS (strong Wolfe
line search) to a gradient norm of 1e-8, then Newton steps with the pseudo-inverse of the Hessian until the
gradient norm stops falling (it must end below 1e-11). It keeps the best start and writes what the
optimum is made of: the objective, ||W||_F, ||H||_F, ||b||, the norms of the class means and of the
classifier rows, the singular values of W [mu_1 ... mu_K] (K x K) and the rank of the class means. It then
computes the same quantities from the closed forms below, written out independently of the .NET code,
prints the comparison, and stops with an error if they differ by more than 1e-7 relative.

Closed forms (c = sqrt(lw lh), all lambdas > 0 unless said):

  ce, ls, focal; balanced (n per class, N = nK); d >= K - 1 (Zhu et al. 2021; Zhou et al. 2022,
  "Are all losses created equal"): W = alpha E, h_i = beta e_{y_i}, E a simplex ETF with unit rows, b = 0.
  With p = alpha beta the logits are p [1 at y, -1/(K-1) elsewhere]; at the optimum lw K alpha^2 = lh N beta^2
  and p minimises g(p) = l(p) + p sqrt(K N lw lh), l(p) the loss of that one logit vector. Here g is minimised
  on a fine grid, then by Newton's method on g'(p) = 0 with autograd derivatives.

  mse with k = 1, c' = 1/(NK) the loss's scale, tau = sqrt(lw lh) / (2 c') = sqrt(lw lh) N K / 2:
    no bias, any sizes: s_k = max(|M| sqrt(n_k) - tau, 0), only the min(d, K) largest kept;
      objective = c' sum_k (|M| sqrt(n_k) - s_k)^2 + sqrt(lw lh) sum_k s_k,
      ||w_k|| = (lh/lw)^(1/4) sqrt(s_k), ||mu_k|| = (lw/lh)^(1/4) sqrt(s_k / n_k) (Dang et al. 2023).
    bias, balanced: omega = lb / (2/K + lb); a = max(sqrt(n)|M| - tau, 0) on the K - 1 centred directions
      (min(d, K-1) of them when lb = 0), a' = max(sqrt(n)|M| - tau/omega, 0) on the mean direction (0 when
      lb = 0); objective = c' [(K-1-r) n M^2 + r (sqrt(n)|M| - a)^2 + omega (sqrt(n)|M| - a')^2]
      + sqrt(lw lh) (r a + a'), ||b|| = (1 - omega)(|M| - a'/sqrt(n)) / sqrt(K).

Regenerate with:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tools/reference/ufm_reference.py
It writes tools/reference/golden/ufm_reference.json and takes about a minute and a half; the output is deterministic.
"""

import json
import math
import os
import sys

import torch
import torch.nn.functional as F

DTYPE = torch.float64
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "ufm_reference.json")
GRADIENT_NORM = 1e-11
RESTARTS = 3
RANK_CUTOFF = 1e-6

CASES = [
    {"name": "ce", "loss": {"kind": "ce"}, "classes": 4, "dim": 8, "sizes": [10] * 4,
     "lambda_w": 5e-3, "lambda_h": 5e-3, "lambda_b": 1e-2, "bias": True},
    {"name": "ce_d_equals_k_minus_1_unregularised_bias", "loss": {"kind": "ce"}, "classes": 6, "dim": 5,
     "sizes": [5] * 6, "lambda_w": 1e-2, "lambda_h": 2e-3, "lambda_b": 0.0, "bias": True},
    {"name": "ce_collapse", "loss": {"kind": "ce"}, "classes": 10, "dim": 12, "sizes": [5] * 10,
     "lambda_w": 5e-2, "lambda_h": 5e-2, "lambda_b": 5e-2, "bias": True},
    {"name": "focal_2", "loss": {"kind": "focal", "gamma": 2.0}, "classes": 5, "dim": 8, "sizes": [6] * 5,
     "lambda_w": 5e-3, "lambda_h": 5e-3, "lambda_b": 5e-3, "bias": True},
    # K = 40 makes the focal loss non-convex along the ETF direction: g has a local minimum at p = 0 (g'(0) > 0)
    # and its global minimum at p > 0. Small random starts end at W = H = 0, so starts of scale 1 and 3 are added.
    {"name": "focal_2_two_local_minima", "loss": {"kind": "focal", "gamma": 2.0}, "classes": 40, "dim": 39,
     "sizes": [1] * 40, "lambda_w": 0.0285, "lambda_h": 0.0285, "lambda_b": 1e-2, "bias": True,
     "start_scales": [0.1, 1.0, 3.0, 1.0, 3.0]},
    {"name": "ls_0.1", "loss": {"kind": "ls", "smoothing": 0.1}, "classes": 4, "dim": 6, "sizes": [8] * 4,
     "lambda_w": 2e-3, "lambda_h": 1e-2, "lambda_b": 5e-3, "bias": True},
    {"name": "mse_bias", "loss": {"kind": "mse", "k": 1.0, "m": 1.0}, "classes": 4, "dim": 8, "sizes": [10] * 4,
     "lambda_w": 1e-3, "lambda_h": 1e-3, "lambda_b": 5e-2, "bias": True},
    {"name": "mse_bias_mean_direction_collapsed", "loss": {"kind": "mse", "k": 1.0, "m": 2.0}, "classes": 5,
     "dim": 4, "sizes": [8] * 5, "lambda_w": 2e-3, "lambda_h": 2e-3, "lambda_b": 1e-3, "bias": True},
    {"name": "mse_unregularised_bias", "loss": {"kind": "mse", "k": 1.0, "m": 1.0}, "classes": 6, "dim": 8,
     "sizes": [10] * 6, "lambda_w": 1e-3, "lambda_h": 1e-3, "lambda_b": 0.0, "bias": True},
    {"name": "mse_no_bias_balanced", "loss": {"kind": "mse", "k": 1.0, "m": 1.0}, "classes": 5, "dim": 8,
     "sizes": [10] * 5, "lambda_w": 2e-3, "lambda_h": 2e-3, "lambda_b": 0.0, "bias": False},
    {"name": "mse_no_bias_imbalanced", "loss": {"kind": "mse", "k": 1.0, "m": 1.0}, "classes": 4, "dim": 8,
     "sizes": [40, 30, 20, 10], "lambda_w": 1.5e-2, "lambda_h": 2.5e-2, "lambda_b": 0.0, "bias": False},
    {"name": "mse_no_bias_d_below_k", "loss": {"kind": "mse", "k": 1.0, "m": 1.0}, "classes": 6, "dim": 3,
     "sizes": [30, 25, 20, 15, 10, 5], "lambda_w": 2e-3, "lambda_h": 2e-3, "lambda_b": 0.0, "bias": False},
]


def focal(z, y, gamma):
    logp = F.log_softmax(z, dim=1).gather(1, y[:, None])[:, 0]
    return (-(1 - logp.exp()) ** gamma * logp).mean()


def mse(z, y, k, m):
    targets = m * F.one_hot(y, z.shape[1]).to(z.dtype)
    residual = z - targets
    true_class = residual.gather(1, y[:, None])
    return (residual.square().sum() + (k - 1) * true_class.square().sum()) / z.numel()


def loss_function(spec):
    kind = spec["kind"]
    if kind == "ce":
        return lambda z, y: F.cross_entropy(z, y)
    if kind == "ls":
        return lambda z, y: F.cross_entropy(z, y, label_smoothing=spec["smoothing"])
    if kind == "focal":
        return lambda z, y: focal(z, y, spec["gamma"])
    if kind == "mse":
        return lambda z, y: mse(z, y, spec["k"], spec["m"])
    raise ValueError(kind)


def labels_of(case):
    return torch.cat([torch.full((n,), k, dtype=torch.long) for k, n in enumerate(case["sizes"])])


def objective(case, loss, labels, w, h, b):
    logits = h @ w.T
    if b is not None:
        logits = logits + b
    value = loss(logits, labels) + case["lambda_w"] / 2 * w.square().sum() + case["lambda_h"] / 2 * h.square().sum()
    if b is not None:
        value = value + case["lambda_b"] / 2 * b.square().sum()
    return value


def solve(case, seed, scale):
    """LBFGS, then Newton, from a random start with entries N(0, scale^2); returns (objective, gradient norm, W, H, b)."""
    k, d, n = case["classes"], case["dim"], sum(case["sizes"])
    generator = torch.Generator().manual_seed(seed)
    w = (scale * torch.randn(k, d, generator=generator, dtype=DTYPE)).requires_grad_()
    h = (scale * torch.randn(n, d, generator=generator, dtype=DTYPE)).requires_grad_()
    b = (scale * torch.randn(k, generator=generator, dtype=DTYPE)).requires_grad_() if case["bias"] else None
    params = [w, h] + ([b] if b is not None else [])
    loss, labels = loss_function(case["loss"]), labels_of(case)
    optimizer = torch.optim.LBFGS(params, lr=1, max_iter=1000, max_eval=2000, history_size=50,
                                  tolerance_grad=1e-15, tolerance_change=0, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        value = objective(case, loss, labels, w, h, b)
        value.backward()
        return value

    def gradient_norm():
        closure()
        return math.sqrt(sum(p.grad.square().sum().item() for p in params))

    for _ in range(20):
        optimizer.step(closure)
        if gradient_norm() < 1e-8:
            break
    flat = polish(case, loss, labels, torch.cat([p.detach().reshape(-1) for p in params]))
    w, h, b = unflatten(case, flat)
    value = objective(case, loss, labels, w, h, b)
    gradient = torch.autograd.functional.jacobian(lambda x: objective(case, loss, labels, *unflatten(case, x)), flat)
    return value.item(), gradient.norm().item(), w, h, b


def unflatten(case, flat):
    k, d, n = case["classes"], case["dim"], sum(case["sizes"])
    w = flat[:k * d].reshape(k, d)
    h = flat[k * d:k * d + n * d].reshape(n, d)
    b = flat[k * d + n * d:] if case["bias"] else None
    return w, h, b


def polish(case, loss, labels, flat):
    """Newton steps with the pseudo-inverse of the Hessian (whose null space holds the rotations W Q, H Q and
    any other flat direction) until the gradient norm stops falling: LBFGS's line search cannot see the
    decrease of ~1e-18 that a gradient of 1e-10 promises, Newton's step does not need to."""
    def f(x):
        return objective(case, loss, labels, *unflatten(case, x))
    best_norm = math.inf
    for _ in range(30):
        gradient = torch.autograd.functional.jacobian(f, flat)
        norm = gradient.norm().item()
        if norm >= best_norm:
            break
        best, best_norm = flat, norm
        if norm < 1e-14:
            break
        hessian = torch.autograd.functional.hessian(f, flat, vectorize=True)
        flat = flat - torch.linalg.pinv(hessian, rtol=1e-10, hermitian=True) @ gradient
    return best


def describe(case, w, h, b):
    """The quantities the closed form predicts, measured on a point."""
    labels = labels_of(case)
    means = torch.stack([h[labels == c].mean(0) for c in range(case["classes"])])  # K x d
    singular = torch.linalg.svdvals(means)
    rank = int((singular > RANK_CUTOFF * max(singular.max().item(), 1e-300)).sum().item()) if singular.max() > 1e-8 else 0
    return {
        "weight_norm": w.norm().item(),
        "feature_norm": h.norm().item(),
        "bias_norm": None if b is None else b.norm().item(),
        "class_mean_norms": means.norm(dim=1).tolist(),
        "classifier_row_norms": w.norm(dim=1).tolist(),
        "product_singular_values": torch.linalg.svdvals(w @ means.T).tolist(),
        "feature_rank": rank,
    }


def one_hot_closed_form(case):
    """Simplex ETF: minimise g(p) = l(p) + p sqrt(K N lw lh) on a grid, then Newton on g'(p) = 0."""
    k, sizes = case["classes"], case["sizes"]
    n_total = sum(sizes)
    lw, lh = case["lambda_w"], case["lambda_h"]
    slope = math.sqrt(k * n_total * lw * lh)
    loss = loss_function(case["loss"])
    direction = torch.full((1, k), -1.0 / (k - 1), dtype=DTYPE)
    direction[0, 0] = 1.0
    label = torch.zeros(1, dtype=torch.long)

    def g(p):
        return loss(p * direction, label) + p * slope

    grid = torch.linspace(0, 60, 120001, dtype=DTYPE)
    with torch.no_grad():
        values = torch.stack([g(p) for p in grid])
    best = grid[values.argmin()].item()
    if best > 0:
        p = torch.tensor(best, dtype=DTYPE)
        for _ in range(100):
            x = p.clone().requires_grad_()
            (first,) = torch.autograd.grad(g(x), x, create_graph=True)
            (second,) = torch.autograd.grad(first, x)
            step = (first / second).detach()
            p = p - step
            if abs(step.item()) <= 1e-15 * abs(p.item()):
                break
        best = p.item()
    p = best
    value = g(torch.tensor(p, dtype=DTYPE)).item()
    alpha = math.sqrt(p * math.sqrt(lh * n_total / (lw * k)))
    beta = p / alpha if alpha > 0 else 0.0
    etf = p * k / (k - 1)
    return {
        "p": p,
        "objective": value,
        "weight_norm": alpha * math.sqrt(k),
        "feature_norm": beta * math.sqrt(n_total),
        "bias_norm": (0.0 if case["lambda_b"] > 0 else None) if case["bias"] else None,
        "class_mean_norms": [beta] * k,
        "classifier_row_norms": [alpha] * k,
        "product_singular_values": [etf] * (k - 1) + [0.0],
        "feature_rank": k - 1 if p > 0 else 0,
    }


def mse_closed_form(case):
    k, d, sizes = case["classes"], case["dim"], case["sizes"]
    n_total = sum(sizes)
    lw, lh, lb = case["lambda_w"], case["lambda_h"], case["lambda_b"]
    m = abs(case["loss"]["m"])
    scale = 1.0 / (n_total * k)
    root = math.sqrt(lw * lh)
    tau = root / (2 * scale)
    up, down = (lh / lw) ** 0.25, (lw / lh) ** 0.25
    if not case["bias"]:
        order = sorted(range(k), key=lambda c: -sizes[c])
        kept = set(order[:min(d, k)])
        target = [m * math.sqrt(n) for n in sizes]
        s = [max(target[c] - tau, 0.0) if c in kept else 0.0 for c in range(k)]
        return {
            "objective": scale * sum((target[c] - s[c]) ** 2 for c in range(k)) + root * sum(s),
            "weight_norm": up * math.sqrt(sum(s)),
            "feature_norm": down * math.sqrt(sum(s)),
            "bias_norm": None,
            "class_mean_norms": [down * math.sqrt(s[c] / sizes[c]) for c in range(k)],
            "classifier_row_norms": [up * math.sqrt(s[c]) for c in range(k)],
            "product_singular_values": sorted((s[c] / math.sqrt(sizes[c]) for c in range(k)), reverse=True),
            "feature_rank": sum(1 for v in s if v > 0),
        }
    n = sizes[0]
    assert all(size == n for size in sizes)
    omega = lb / (2.0 / k + lb)
    target = math.sqrt(n) * m
    a = max(target - tau, 0.0)
    a_mean = max(target - tau / omega, 0.0) if omega > 0 else 0.0
    r = k - 1 if lb > 0 else min(d, k - 1)
    assert (r if a > 0 else 0) + (1 if a_mean > 0 else 0) <= d
    objective_value = scale * ((k - 1 - r) * target ** 2 + r * (target - a) ** 2 + omega * (target - a_mean) ** 2) \
        + root * (r * a + a_mean)
    per_class = (a * r / k + a_mean / k) if r == k - 1 else None
    return {
        "objective": objective_value,
        "weight_norm": up * math.sqrt(r * a + a_mean),
        "feature_norm": down * math.sqrt(r * a + a_mean),
        "bias_norm": (1 - omega) * (m - a_mean / math.sqrt(n)) / math.sqrt(k),
        "class_mean_norms": None if per_class is None else [down * math.sqrt(per_class / n)] * k,
        "classifier_row_norms": None if per_class is None else [up * math.sqrt(per_class)] * k,
        "product_singular_values": sorted([a / math.sqrt(n)] * r + [a_mean / math.sqrt(n)] + [0.0] * (k - 1 - r),
                                          reverse=True),
        "feature_rank": (r if a > 0 else 0) + (1 if a_mean > 0 else 0),
    }


def relative_error(expected, actual):
    return abs(actual - expected) / max(abs(expected), 1e-12)


def compare(name, numeric, closed):
    """Largest relative error over every quantity the closed form determines; prints each."""
    worst = relative_error(closed["objective"], numeric["objective"])
    print(f"{name}: objective {numeric['objective']:.15g} numeric, {closed['objective']:.15g} closed form", file=sys.stderr)
    for key in ("weight_norm", "feature_norm", "bias_norm"):
        if closed[key] is not None:
            # A norm that is zero at the optimum is compared absolutely: the solver leaves ~1e-12 there.
            error = abs(numeric[key] - closed[key]) / max(abs(closed[key]), 1e-3)
            worst = max(worst, error)
            print(f"  {key}: {numeric[key]:.12g} vs {closed[key]:.12g}", file=sys.stderr)
    for key in ("class_mean_norms", "classifier_row_norms", "product_singular_values"):
        if closed[key] is not None:
            scale = max(max(closed[key]), 1e-3)
            error = max(abs(x - y) for x, y in zip(numeric[key], closed[key])) / scale
            worst = max(worst, error)
            print(f"  {key}: max error {error:.2e}", file=sys.stderr)
    if numeric["feature_rank"] != closed["feature_rank"]:
        worst = math.inf
    print(f"  feature_rank: {numeric['feature_rank']} vs {closed['feature_rank']}; worst relative error {worst:.2e}",
          file=sys.stderr)
    return worst


def main():
    torch.set_num_threads(1)
    results = []
    failures = []
    for case in CASES:
        scales = case.get("start_scales", [0.1] * RESTARTS)
        runs = [solve(case, 1000 + seed, scale) for seed, scale in enumerate(scales)]
        value, norm, w, h, b = min(runs, key=lambda run: run[0])
        assert norm < GRADIENT_NORM, f"{case['name']}: gradient norm {norm:.3e} after LBFGS"
        numeric = {"objective": value, "gradient_norm": norm,
                   "restart_objectives": [run[0] for run in runs], **describe(case, w, h, b)}
        closed = (mse_closed_form if case["loss"]["kind"] == "mse" else one_hot_closed_form)(case)
        worst = compare(case["name"], numeric, closed)
        spread = max(numeric["restart_objectives"]) - min(numeric["restart_objectives"])
        print(f"  restarts differ by {spread:.2e} in the objective; gradient norm {norm:.2e}", file=sys.stderr)
        if worst > 1e-7:
            failures.append(case["name"])
        results.append({**case, "numeric": numeric, "closed_form": closed})
    if failures:
        sys.exit(f"numeric optimum and closed form disagree: {', '.join(failures)}")
    golden = {"generator": "tools/reference/ufm_reference.py", "torch_version": torch.__version__,
              "gradient_norm": GRADIENT_NORM, "cases": results}
    with open(OUTPUT, "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
