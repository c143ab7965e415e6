"""Writes the .npy, safetensors and CSV fixtures that LowDim's readers are checked against.

The .npy files come from NumPy itself (np.save and np.lib.format.write_array). The safetensors
package is not at hand, so its files are laid out here by the specification, as its reference
implementation lays them out: tensors sorted by dtype (largest first) and then name, compact JSON,
the header padded with spaces to a multiple of 8 bytes. expected.json holds every value.

Run: OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tools/reference/make_io_fixtures.py
"""
import json
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "io")

# In the reference implementation's order: larger elements first.
SAFETENSORS_DTYPES = ["I64", "F64", "F32", "I32", "BF16", "F16", "I16", "I8", "U8", "BOOL"]


def values(a):
    """Every element as a JSON number, in C order (bools as 0 and 1)."""
    return [float(v) for v in np.asarray(a, dtype=np.float64).reshape(-1)]


def npy_fixtures():
    arrays = {
        "f4_2x3.npy": np.array([[0.1, -2.5, 3e-8], [1e30, -0.0, 7.0]], dtype="<f4"),
        "f8_4.npy": np.array([np.pi, -1e-300, 2.0**60, 0.1], dtype="<f8"),
        "f2_3.npy": np.array([0.5, -65504.0, 0.1], dtype="<f2"),
        "i1_3.npy": np.array([-128, 0, 127], dtype="|i1"),
        "i2_2x2.npy": np.array([[-32768, 1], [2, 32767]], dtype="<i2"),
        "i4_2x3x4.npy": np.arange(-12, 12, dtype="<i4").reshape(2, 3, 4),
        "i8_3.npy": np.array([-(2**40) - 3, 0, 2**50 + 1], dtype="<i8"),
        "u1_5.npy": np.array([0, 1, 128, 254, 255], dtype="|u1"),
        "b1_2x2.npy": np.array([[True, False], [False, True]]),
        "f8_scalar.npy": np.array(2.75, dtype="<f8"),
        "f4_0x3.npy": np.zeros((0, 3), dtype="<f4"),
    }
    expected = {}
    for name, a in arrays.items():
        np.save(os.path.join(OUT, name), a)
        expected[name] = {"dtype": a.dtype.name, "shape": list(a.shape), "values": values(a)}

    versioned = np.array([[1.5, -2.0], [3.25, 4.0], [-5.5, 6.0]], dtype="<f4")
    for version in [(2, 0), (3, 0)]:
        name = f"f4_3x2_v{version[0]}.npy"
        with open(os.path.join(OUT, name), "wb") as f:
            np.lib.format.write_array(f, versioned, version=version)
        expected[name] = {"dtype": "float32", "shape": [3, 2], "values": values(versioned)}

    # Files that LowDim must refuse, with a message that says why.
    np.save(os.path.join(OUT, "fortran_f4_2x3.npy"), np.asfortranarray(np.ones((2, 3), dtype="<f4")))
    np.save(os.path.join(OUT, "bigendian_f4_3.npy"), np.array([1, 2, 3], dtype=">f4"))
    np.save(os.path.join(OUT, "structured.npy"), np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]))
    np.save(os.path.join(OUT, "u4_2.npy"), np.array([1, 2], dtype="<u4"))
    return expected


def safetensors_bytes(tensors, metadata=None):
    """The file as the reference implementation writes it; tensors maps names to (dtype, shape, raw bytes)."""
    order = sorted(tensors, key=lambda n: (SAFETENSORS_DTYPES.index(tensors[n][0]), n))
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    offset = 0
    for name in order:
        dtype, shape, raw = tensors[name]
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(tensors[n][2] for n in order)


def bfloat16_bytes(a):
    """bfloat16 is the top half of float32; these values are exact in it."""
    bits = np.asarray(a, dtype="<f4").view("<u4")
    assert np.all((bits & 0xFFFF) == 0)
    return (bits >> 16).astype("<u2").tobytes()


def safetensors_fixtures():
    arrays = {
        "weight": ("F32", np.array([[0.1, -2.5, 3.0], [4.0, 5.5, -6.0]], dtype="<f4")),
        "bias": ("F64", np.array([np.e, -1e-300, 0.1], dtype="<f8")),
        "steps": ("I64", np.array(2**45 + 7, dtype="<i8")),
        "counts": ("I32", np.array([[-1, 2], [3, -4]], dtype="<i4")),
        "half": ("F16", np.array([0.5, -65504.0, 0.1], dtype="<f2")),
        "brain": ("BF16", np.array([1.5, -2.0, 0.25, 2.0**100], dtype="<f4")),
        "short": ("I16", np.array([-32768, 32767], dtype="<i2")),
        "tiny": ("I8", np.array([-128, 127, 0], dtype="|i1")),
        "pixels": ("U8", np.arange(2 * 2 * 3, dtype="|u1").reshape(2, 2, 3)),
        "mask": ("BOOL", np.array([True, False, True])),
        "nothing": ("F32", np.zeros((0, 4), dtype="<f4")),
    }
    tensors = {}
    expected = {}
    for name, (dtype, a) in arrays.items():
        if dtype == "BF16":
            raw = bfloat16_bytes(a)
            a = np.asarray(a, dtype="<f4")
        else:
            raw = a.tobytes()
        tensors[name] = (dtype, list(a.shape), raw)
        expected[name] = {"dtype": dtype, "shape": list(a.shape), "values": values(a)}
    with open(os.path.join(OUT, "mixed.safetensors"), "wb") as f:
        f.write(safetensors_bytes(tensors))

    small = {k: tensors[k] for k in ["weight", "pixels"]}
    with open(os.path.join(OUT, "with_metadata.safetensors"), "wb") as f:
        f.write(safetensors_bytes(small, metadata={"format": "pt", "note": "fixture"}))
    return {
        "mixed.safetensors": expected,
        "with_metadata.safetensors": {k: expected[k] for k in small},
    }


def csv_fixture():
    features = np.array([[0.5, -1.25, 1e-3], [2.0, 3.5, -4e5], [-0.1, 0.0, 7.0], [1.0, 1.0, 1.0]])
    labels = np.array([2, 0, 1, 2])
    lines = ["x0,x1,label,x2"]
    for row, label in zip(features, labels):
        lines.append(f"{row[0]!r},{row[1]!r},{label},{row[2]!r}")
    with open(os.path.join(OUT, "features.csv"), "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    return {"features.csv": {"columns": ["x0", "x1", "x2"], "features": values(features),
                             "shape": list(features.shape), "labels": [int(y) for y in labels]}}


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {
        "npy": npy_fixtures(),
        "safetensors": safetensors_fixtures(),
        "csv": csv_fixture(),
    }
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
