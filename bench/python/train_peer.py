#!/usr/bin/env python3
"""Python peer of the training benchmark: one epoch of the MLP of DESIGN.md in PyTorch.

MLP 784 -> 1024 -> 1024 -> 1024 -> 10 with BatchNorm and ReLU after each hidden Linear
(Linear, BatchNorm1d, ReLU), cross-entropy, SGD with momentum 0.9, weight decay 5e-4,
batch 128, on Fashion-MNIST held in memory as one float32 tensor, normalised by the
training set's mean and standard deviation. Each epoch's order comes from torch.randperm
and batches are index_select-ed from that tensor: the fastest input pipeline PyTorch has on
the CPU (DataLoader is several times slower), and the one LowDim uses.

Prints one JSON object: the seconds of every epoch (the first includes warm-up) and the
final training loss.
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(folder, stem):
    for name in (f"{stem}.gz", stem, f"{stem.replace('-idx', '.idx')}.gz", stem.replace("-idx", ".idx")):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    raise FileNotFoundError(f"{stem} not found in {folder}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--widths", default="1024,1024,1024")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    images = read_idx(find(args.data, "train-images-idx3-ubyte"))
    labels = read_idx(find(args.data, "train-labels-idx1-ubyte"))
    x = torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / 255.0)
    x = (x - x.mean()) / x.std()
    y = torch.from_numpy(labels.astype(np.int64))

    layers, width = [], x.shape[1]
    for hidden in (int(w) for w in args.widths.split(",")):
        layers += [nn.Linear(width, hidden), nn.BatchNorm1d(hidden), nn.ReLU()]
        width = hidden
    model = nn.Sequential(*layers, nn.Linear(width, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    loss_fn = nn.CrossEntropyLoss()

    n = len(y)
    batches = n // args.batch_size + (1 if n % args.batch_size > 1 else 0)
    epoch_seconds = []
    for _ in range(args.epochs):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(n)
        total = 0.0
        for b in range(batches):
            index = order[b * args.batch_size:(b + 1) * args.batch_size]
            xb, yb = x.index_select(0, index), y.index_select(0, index)
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += float(loss) * len(index)
        epoch_seconds.append(time.perf_counter() - start)
    print(json.dumps({"torch_version": torch.__version__, "threads": torch.get_num_threads(),
                      "samples": n, "epoch_seconds": epoch_seconds, "final_loss": total / n}))


if __name__ == "__main__":
    main()
