#!/usr/bin/python3
"""PyTorch CPU baseline for SwinLens: torchvision's Swin forward latency (swin_t by default; swin_v2_t etc.).

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tools/bench/bench_torch.py [--variant swin_tiny] [--threads 2]
                                                                      [--image-size 224] [--warmup 5] [--runs 20]
Random weights (no download), eval mode, no grad, batch 1. Prints one JSON line.

IMPORTANT (Debian torch uses the system BLAS, libopenblas0-pthread): on VMs whose CPU model string is
masked ("Intel(R) Xeon(R) Processor"), OpenBLAS's DYNAMIC_ARCH picks the generic "Prescott" SSE3 kernel
(check with OPENBLAS_VERBOSE=2) and sgemm runs ~5x slower. Force the real core, chosen from the CPU
flags by the rule the Java side uses (src/main/resources/io/swinlens/model/swin/openblas-coretypes.tsv):
    OPENBLAS_CORETYPE=$(/usr/bin/python3 tools/common/swinlens_tools.py coretype)   (e.g. SkylakeX, Haswell)
(tools/bench/compare.sh does this, and leaves it unset when no rule matches).
The JSON reports the BLAS library mapped into the process and OPENBLAS_CORETYPE.
"""
import os
import argparse
import json
import statistics
import time

import torch
import torchvision


# the bench command's variant names -> torchvision's constructors
VARIANTS = {"swin_tiny": "swin_t", "swin_small": "swin_s", "swin_base": "swin_b",
            "swin_v2_tiny": "swin_v2_t", "swin_v2_small": "swin_v2_s", "swin_v2_base": "swin_v2_b"}


def timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", default="swin_tiny", choices=sorted(VARIANTS))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--image-size", type=int, default=224)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--gemm-size", type=int, default=2048, help="n of the n^3 SGEMM that measures the matrix rate, 0 to skip")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = getattr(torchvision.models, VARIANTS[a.variant])().eval()
    x = torch.randn(1, 3, a.image_size, a.image_size)
    times = []
    with torch.no_grad():
        for _ in range(a.warmup):
            model(x)
        for _ in range(a.runs):
            t0 = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - t0) * 1000.0)
    n = a.gemm_size
    gemm = None
    if n > 0:
        ga, gb = torch.rand(n, n), torch.rand(n, n)
        torch.mm(ga, gb)
        best = min(timed(lambda: torch.mm(ga, gb)) for _ in range(5))
        gemm = round(2.0 * n ** 3 / best / 1e9, 2)
    blas = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l.lower() and "/" in l})
    print(json.dumps({"framework": "pytorch", "torch": torch.__version__, "torchvision": torchvision.__version__,
                      "variant": a.variant, "image_size": a.image_size, "threads": a.threads, "runs": a.runs,
                      "median_ms": round(statistics.median(times), 2), "min_ms": round(min(times), 2),
                      "max_ms": round(max(times), 2),
                      "sgemm_n": n, "sgemm_gflops": gemm,
                      "blas": blas, "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", "(auto)"),
                      "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"), "loadavg": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
