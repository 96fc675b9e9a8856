"""Evaluate an exported safetensors model on a folder of PNGs + labels.csv
(default: the Java test set src/test/resources/demo-eval), reading the images back
exactly as saved, and print accuracy and the localisation ratios.

    /usr/bin/python3 tools/demo-model/eval.py \
        --model resources/models/swinlens-shapes.safetensors --data src/test/resources/demo-eval

Localisation ratio (per image, then averaged): take the last-stage class activation
map of the TRUE class, cam_c(t) = w_c . LN(x_t) over the 4x4 tokens (LN = final norm,
no head bias), keep its positive part, spread each token over its 16x16-px cell, and
divide the share of the mass inside the object box by the box's share of the image area.
The same ratio is printed for the last block's received attention, the stage-0 received
attention and a stage-0 attention rollout (see swinlens_common.stage0_maps).
"""
import argparse
import csv
import os
import sys

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from shapes import CLASSES, SIZE  # noqa: E402
from swinlens_common import build_model, evaluate  # noqa: E402
from swinlens_tools import load_safetensors  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="resources/models/swinlens-shapes.safetensors")
    ap.add_argument("--data", default="src/test/resources/demo-eval")
    ap.add_argument("--verbose", action="store_true", help="print every image's prediction")
    a = ap.parse_args()
    torch.set_num_threads(2)

    sd, meta = load_safetensors(a.model)
    model = build_model(int(meta.get("num_classes", len(CLASSES))))
    model.load_state_dict(sd, strict=True)
    model.eval()

    imgs, labels, boxes, names = [], [], [], []
    with open(os.path.join(a.data, "labels.csv")) as f:
        for row in csv.DictReader(f):
            im = Image.open(os.path.join(a.data, row["file"])).convert("RGB")
            if im.size != (SIZE, SIZE):
                im = im.resize((SIZE, SIZE), Image.BICUBIC)   # squash, as the app does
            imgs.append(np.asarray(im, np.uint8))
            labels.append(int(row["label_index"]))
            boxes.append([int(row[k]) for k in ("x0", "y0", "x1", "y1")])
            names.append(row["file"])
    imgs, labels, boxes = np.stack(imgs), np.array(labels), np.array(boxes)
    r = evaluate(model, imgs, labels, boxes, with_attention=True)
    if a.verbose:
        for n, p, l in zip(names, r["preds"], labels):
            print(n, CLASSES[p], "ok" if p == l else f"WRONG (true {CLASSES[l]})")
    wrong = [n for n, p, l in zip(names, r["preds"], labels) if p != l]
    print(f"images {len(labels)}  accuracy {r['accuracy'] * 100:.2f}%  "
          f"top-1 CAM (min-max scaled) localisation ratio {r['cam_top1_minmax_ratio']:.2f}  "
          f"true-class CAM (positive part) ratio {r['cam_ratio']:.2f}  "
          f"last-block received-attention ratio {r['attn_ratio']:.2f}  "
          f"stage-0 received-attention ratio {r['s0_recv_ratio']:.2f}  "
          f"stage-0 rollout ratio {r['s0_rollout_ratio']:.2f}")
    print("per-class accuracy:", ", ".join(
        f"{c} {(r['preds'][labels == i] == i).mean() * 100:.1f}% ({(labels == i).sum()})"
        for i, c in enumerate(CLASSES) if (labels == i).any()))
    if wrong:
        print("misclassified:", " ".join(wrong))


if __name__ == "__main__":
    main()
