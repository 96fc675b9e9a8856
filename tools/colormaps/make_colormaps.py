"""Writes src/main/resources/io/swinlens/analysis/colormaps/<name>.txt: 256 lines #RRGGBB.

The values are matplotlib's published listed colormaps (viridis, magma, inferno; turbo is Google's
table as shipped in matplotlib), rounded to the nearest 8-bit value (as in the published hex tables: viridis 0 = #440154, 255 = #FDE725;
matplotlib's own bytes=True truncates instead).
Run with a python that has matplotlib: /usr/bin/python3 tools/colormaps/make_colormaps.py
"""
import pathlib

import matplotlib
import numpy as np
from matplotlib import colormaps

OUT = pathlib.Path(__file__).resolve().parents[2] / "src/main/resources/io/swinlens/analysis/colormaps"

for name in ("viridis", "magma", "inferno", "turbo"):
    cmap = colormaps[name]
    assert cmap.N == 256, (name, cmap.N)
    rgb = np.round(cmap(np.arange(256))[:, :3] * 255).astype(int)
    lines = ["#!%s from matplotlib %s, N=256" % (name, matplotlib.__version__)]
    lines += ["#%02X%02X%02X" % tuple(int(c) for c in row) for row in rgb]
    (OUT / (name + ".txt")).write_text("\n".join(lines) + "\n")
    print(name, lines[1], lines[-1])
