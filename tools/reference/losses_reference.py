"""Reference values for the classification losses of LowDim (src/LowDim/Training).

For fixed logits z (N x K) and labels y (N, 0-based), each loss is the mean over the batch of

    ce     -log softmax(z_i)_{y_i}                                 torch cross_entropy
    ls     -sum_j t_ij log softmax(z_i)_j,  t_i = (1-a) e_{y_i} + a/K   cross_entropy(label_smoothing=a)
    focal  -(1 - p_i)^g log p_i,  p_i = softmax(z_i)_{y_i}         Lin et al. 2017, no class weights
    mse    (1/K) [k (z_{i,y_i} - M)^2 + sum_{j != y_i} z_ij^2]     Hui & Belkin 2021, rescaled square loss

ce and ls come from torch's own functions; focal and mse are written out from their
formulas. The script checks that focal with g = 0 is ce, that mse with k = M = 1 is
torch's MSELoss(reduction='mean') against one-hot targets, and that ls with a = 0 is ce.
For every case it writes the loss and its gradient with respect to the logits, computed in
float64 and in float32 from the same float32-representable inputs, to
tools/reference/golden/losses.json.

Regenerate with:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tools/reference/losses_reference.py
"""

import json
import os
import sys

import torch
import torch.nn.functional as F


def focal(z, y, gamma):
    logp = F.log_softmax(z, dim=1).gather(1, y[:, None])[:, 0]
    return (-(1 - logp.exp()) ** gamma * logp).mean()


def mse(z, y, k, m):
    n, classes = z.shape
    total = z.new_zeros(())
    for i in range(n):
        for j in range(classes):
            if j == y[i]:
                total = total + k * (z[i, j] - m) ** 2
            else:
                total = total + z[i, j] ** 2
    return total / (n * classes)


LOSSES = {
    "ce": lambda z, y, p: F.cross_entropy(z, y),
    "ls": lambda z, y, p: F.cross_entropy(z, y, label_smoothing=p["smoothing"]),
    "focal": lambda z, y, p: focal(z, y, p["gamma"]),
    "mse": lambda z, y, p: mse(z, y, p["k"], p["m"]),
}

CASES = [
    {"name": "ce", "kind": "ce", "params": {}},
    {"name": "ls_0.1", "kind": "ls", "params": {"smoothing": 0.1}},
    {"name": "ls_0.3", "kind": "ls", "params": {"smoothing": 0.3}},
    {"name": "focal_2", "kind": "focal", "params": {"gamma": 2.0}},
    {"name": "focal_0.5", "kind": "focal", "params": {"gamma": 0.5}},
    {"name": "mse_1_1", "kind": "mse", "params": {"k": 1.0, "m": 1.0}},
    {"name": "mse_15_30", "kind": "mse", "params": {"k": 15.0, "m": 30.0}},
    {"name": "mse_5_2", "kind": "mse", "params": {"k": 5.0, "m": 2.0}},
]


def inputs():
    generator = torch.Generator().manual_seed(20240607)
    logits = (3 * torch.randn(6, 5, generator=generator, dtype=torch.float64)).float().double()
    labels = torch.tensor([0, 3, 4, 1, 1, 2])
    return logits, labels


def evaluate(kind, params, logits, labels, dtype):
    z = logits.to(dtype).clone().requires_grad_(True)
    loss = LOSSES[kind](z, labels, params)
    loss.backward()
    return loss.item(), z.grad.double().tolist()


def self_check(logits, labels):
    ce = F.cross_entropy(logits, labels).item()
    assert abs(focal(logits, labels, 0.0).item() - ce) < 1e-14, "focal(g=0) != ce"
    assert abs(F.cross_entropy(logits, labels, label_smoothing=0.0).item() - ce) < 1e-14, "ls(0) != ce"
    one_hot = F.one_hot(labels, logits.shape[1]).double()
    torch_mse = torch.nn.MSELoss(reduction="mean")(logits, one_hot).item()
    assert abs(mse(logits, labels, 1.0, 1.0).item() - torch_mse) < 1e-14, "mse(1,1) != MSELoss"


def main():
    logits, labels = inputs()
    self_check(logits, labels)
    cases = []
    for case in CASES:
        entry = dict(case)
        for dtype, name in ((torch.float64, "float64"), (torch.float32, "float32")):
            loss, grad = evaluate(case["kind"], case["params"], logits, labels, dtype)
            entry[name] = {"loss": loss, "grad": grad}
        cases.append(entry)
        print(f"{case['name']}: {entry['float64']['loss']:.12g}", file=sys.stderr)
    golden = {
        "torch_version": torch.__version__,
        "logits": logits.tolist(),
        "labels": labels.tolist(),
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "losses.json")
    with open(path, "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
