"""Penultimate-layer features of a small MLP trained on Fashion-MNIST, saved as a PyTorch user would.

Writes examples/fashion-mnist-mlp/: features.npy (N x 64 float32, the test split's
penultimate features), labels.npy (N int64), weight.npy (10 x 64 float32), bias.npy (10 float32),
the same four arrays in features.safetensors (names features, labels, weight, bias), and the
first 500 rows as features.csv with a `label` column. These are the inputs of the README's
`lowdim measure` examples.

Run: OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tools/reference/make_example_features.py
Needs Debian's dataset-fashion-mnist (the idx files under /usr/share/datasets/fashion-mnist).
"""
import gzip
import json
import os
import struct

import numpy as np
import torch

ROOT = "/usr/share/datasets/fashion-mnist"
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "fashion-mnist-mlp")


def idx(name):
    with gzip.open(os.path.join(ROOT, name), "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def save_safetensors(path, arrays):
    codes = {np.dtype("float32"): "F32", np.dtype("int64"): "I64"}
    header, offset, blobs = {}, 0, []
    for name, array in arrays.items():
        blob = np.ascontiguousarray(array).tobytes()
        header[name] = {"dtype": codes[array.dtype], "shape": list(array.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    torch.manual_seed(0)
    torch.set_num_threads(2)
    x_train = torch.tensor(idx("train-images-idx3-ubyte.gz").reshape(-1, 784), dtype=torch.float32) / 255
    y_train = torch.tensor(idx("train-labels-idx1-ubyte.gz"), dtype=torch.int64)
    x_test = torch.tensor(idx("t10k-images-idx3-ubyte.gz").reshape(-1, 784), dtype=torch.float32) / 255
    y_test = torch.tensor(idx("t10k-labels-idx1-ubyte.gz"), dtype=torch.int64)
    mean, std = x_train.mean(), x_train.std()
    x_train, x_test = (x_train - mean) / std, (x_test - mean) / std

    body = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.BatchNorm1d(256), torch.nn.ReLU(),
        torch.nn.Linear(256, 64), torch.nn.BatchNorm1d(64), torch.nn.ReLU())
    head = torch.nn.Linear(64, 10)
    model = torch.nn.Sequential(body, head)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    for epoch in range(8):
        model.train()
        for batch in torch.randperm(len(x_train)).split(128):
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(model(x_train[batch]), y_train[batch]).backward()
            optimizer.step()
    model.eval()
    with torch.no_grad():
        features = body(x_test).numpy().astype(np.float32)
        accuracy = (head(body(x_test)).argmax(1) == y_test).float().mean().item()
    print(f"test accuracy {accuracy:.4f}")

    labels = y_test.numpy().astype(np.int64)
    weight = head.weight.detach().numpy().astype(np.float32)
    bias = head.bias.detach().numpy().astype(np.float32)
    os.makedirs(OUT, exist_ok=True)
    for name, array in {"features": features, "labels": labels, "weight": weight, "bias": bias}.items():
        np.save(os.path.join(OUT, name + ".npy"), array)
    save_safetensors(os.path.join(OUT, "features.safetensors"), {"features": features, "labels": labels, "weight": weight, "bias": bias})
    with open(os.path.join(OUT, "features.csv"), "w") as f:
        f.write(",".join(f"h{j}" for j in range(features.shape[1])) + ",label\n")
        for row, label in zip(features[:500], labels[:500]):
            f.write(",".join(repr(float(v)) for v in row) + f",{label}\n")


if __name__ == "__main__":
    main()
