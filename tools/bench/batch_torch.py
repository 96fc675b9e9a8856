#!/usr/bin/python3
"""PyTorch next to `swinlens predict` over a folder: the same files, decoded with PIL, resized (256, bicubic,
antialiased), centre-cropped to 224, normalised, classified one by one with torchvision's swin_t, top-5 printed.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tools/bench/batch_torch.py --weights W.pth --threads 2 FILE...
Prints one JSON line: images, seconds for the loop (model load excluded), images per second.
tools/bench/batch.sh runs it and SwinLens alternately.
"""
import argparse
import json
import os
import time

import torch
import torchvision
from torchvision import transforms
from PIL import Image


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    model = torchvision.models.swin_t()
    model.load_state_dict(torch.load(a.weights, map_location="cpu"))
    model.eval()
    prep = transforms.Compose([transforms.Resize(256, interpolation=transforms.InterpolationMode.BICUBIC),
                               transforms.CenterCrop(224), transforms.ToTensor(),
                               transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    t0 = time.perf_counter()
    with torch.no_grad():
        for f in a.files:
            x = prep(Image.open(f).convert("RGB")).unsqueeze(0)
            top = torch.topk(model(x).softmax(-1)[0], 5)
            print(f, [(int(i), round(float(p), 4)) for p, i in zip(top.values, top.indices)], file=open(os.devnull, "w"))
    dt = time.perf_counter() - t0
    print(json.dumps({"framework": "pytorch", "images": len(a.files), "loop_s": round(dt, 3),
                      "images_per_s": round(len(a.files) / dt, 2), "loadavg": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
