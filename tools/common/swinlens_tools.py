#!/usr/bin/python3
"""Pieces shared by the SwinLens Python tools (tools/fixtures, tools/demo-model, tools/bench).

* save_safetensors / load_safetensors: the one safetensors writer and reader of the tools, written
  by hand (no `safetensors` package): 8-byte little-endian header length, compact JSON header
  (`__metadata__` first when given, then the tensors in the mapping's order) space-padded to a
  multiple of 8, then the raw little-endian C-order tensor data.
* openblas_coretype: the OpenBLAS kernel family (OPENBLAS_CORETYPE) for this CPU, chosen from its
  /proc/cpuinfo flags by the rule in src/main/resources/io/swinlens/model/swin/openblas-coretypes.tsv
  (the file the Java side reads too; the rule is never repeated here).

Scripts import it with
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
    import swinlens_tools

Command line:
    python3 tools/common/swinlens_tools.py coretype   # prints the core type, or nothing
"""
import json
import os
import platform
import struct
import sys
from collections import OrderedDict

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CORETYPES_TSV = os.path.join(ROOT, "src", "main", "resources", "io", "swinlens", "model", "swin",
                             "openblas-coretypes.tsv")


# ---------------------------------------------------------------- OpenBLAS core type
def _coretype_rules(path=CORETYPES_TSV):
    """[(name, [flag, ...]), ...] in file order; '#' lines and blank lines are skipped."""
    rules = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            name, _, flags = line.partition("\t")
            if name.strip() and flags.split():
                rules.append((name.strip(), flags.split()))
    return rules


def openblas_coretype(cpuinfo="/proc/cpuinfo"):
    """The OPENBLAS_CORETYPE for this CPU, or None. OpenBLAS picks its kernels from the CPU model
    name and falls back to slow ones on virtual machines with a generic name (about 3x slower for
    Swin-T); the family is chosen from the CPU flags instead: the first row of
    openblas-coretypes.tsv whose flags the CPU all has. Linux x86-64 only; None elsewhere, when
    /proc/cpuinfo (or the rule file) cannot be read, or when no row matches."""
    if not sys.platform.startswith("linux") or platform.machine().lower() not in ("x86_64", "amd64"):
        return None
    try:
        with open(cpuinfo, encoding="utf-8", errors="replace") as fh:
            line = next((ln for ln in fh if ln.startswith("flags")), "")
        rules = _coretype_rules()
    except OSError:
        return None
    flags = set(line.partition(":")[2].split())
    for name, need in rules:
        if all(f in flags for f in need):
            return name
    return None


# ---------------------------------------------------------------- safetensors
def _dtypes():
    import torch
    return OrderedDict([(torch.float32, "F32"), (torch.float16, "F16"), (torch.bfloat16, "BF16"),
                        (torch.int64, "I64")])


# little-endian numpy storage per safetensors dtype (BF16 is stored through its int16 bit pattern)
_NP_LE = {"F32": "<f4", "F16": "<f2", "BF16": "<i2", "I64": "<i8"}


def _tensor_bytes(t, code):
    import torch
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)
    return t.numpy().astype(_NP_LE[code], copy=False).tobytes(order="C")


def save_safetensors(path, state_dict, metadata=None, float_dtype=None):
    """Write `state_dict` (name -> torch tensor; F32, F16, BF16 or I64) as a safetensors file.

    Tensors are written in the mapping's iteration order (pass a sorted dict for sorted names).
    `metadata` (optional): written first as `__metadata__`, keys and values as strings; omitted
    when empty or None. `float_dtype` (optional torch dtype): floating-point tensors are converted
    to it first (None: written as they are)."""
    names = _dtypes()
    header, blobs, off = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name, t in state_dict.items():
        t = t.detach().cpu().contiguous()
        if float_dtype is not None and t.is_floating_point():
            t = t.to(float_dtype)
        if t.dtype not in names:
            raise ValueError("%s: dtype %s is not supported by save_safetensors" % (name, t.dtype))
        code = names[t.dtype]
        b = _tensor_bytes(t, code)
        header[name] = {"dtype": code, "shape": list(t.shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def load_safetensors(path):
    """Read a safetensors file -> (tensors, metadata): an OrderedDict name -> torch tensor (in
    header order, each its own writable copy) and the `__metadata__` dict ({} when absent)."""
    import numpy as np
    import torch
    back = {v: k for k, v in _dtypes().items()}
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n].decode("utf-8"), object_pairs_hook=OrderedDict)
    meta = dict(header.pop("__metadata__", {}))
    data = raw[8 + n:]
    sd = OrderedDict()
    for name, e in header.items():
        a, b = e["data_offsets"]
        code = e["dtype"]
        if code not in _NP_LE:
            raise ValueError("%s: dtype %s is not supported by load_safetensors" % (name, code))
        le = np.dtype(_NP_LE[code])
        arr = np.frombuffer(data[a:b], dtype=le).astype(le.newbyteorder("="))  # native-order copy
        t = torch.from_numpy(arr.reshape(e["shape"]))
        sd[name] = t.view(torch.bfloat16) if back[code] == torch.bfloat16 else t
    return sd, meta


# ---------------------------------------------------------------- command line
def main(argv):
    if len(argv) == 1 and argv[0] == "coretype":
        core = openblas_coretype()
        if core:
            print(core)
        return 0
    sys.stderr.write("usage: swinlens_tools.py coretype\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
