"""Train the SwinLens demo model (a small Swin V1) on the procedural shapes data,
on the CPU, and export it as safetensors in torchvision naming.

    /usr/bin/python3 tools/demo-model/train.py --out resources/models

Deterministic from the seeds below (given the same torch build and thread count).
"""
import os

# OpenMP/OpenBLAS threads must not spin-wait on a shared, busy machine (a 2-thread
# step was 2-3x slower with the default active wait). No effect on the results.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import math
import multiprocessing as mp  # noqa: E402
import platform
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import shapes  # noqa: E402
from swinlens_common import CONFIG, build_model, evaluate, save_safetensors, to_tensor  # noqa: E402

TRAIN_SEED = 1      # data stream for training (indices 0 .. steps*batch-1)
VAL_SEED = 2        # held-out data for accuracy/localisation measured here
TORCH_SEED = 0


def _gen(args):
    seed, start, count, flip_seed, difficulty = args
    imgs, labels, boxes = shapes.batch(seed, start, count, difficulty)
    # light augmentation: random horizontal flip (all 8 classes are mirror-symmetric)
    rng = np.random.default_rng([flip_seed, start])
    flip = rng.random(count) < 0.5
    imgs[flip] = imgs[flip, :, ::-1]
    return imgs, labels


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="resources/models")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--steps-per-epoch", type=int, default=120)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=6e-4)
    ap.add_argument("--weight-decay", type=float, default=0.05)
    ap.add_argument("--warmup-steps", type=int, default=20)
    ap.add_argument("--val", type=int, default=1000, help="held-out images for the final measurement")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()

    torch.manual_seed(TORCH_SEED)
    np.random.seed(TORCH_SEED)
    torch.set_num_threads(a.threads)
    t_start = time.time()

    model = build_model()
    n_params = sum(p.numel() for p in model.parameters())
    print(f"config {CONFIG}, classes {len(shapes.CLASSES)}, params {n_params:,}", flush=True)

    val_imgs, val_labels, val_boxes = shapes.batch(VAL_SEED, 0, a.val)
    quick = min(200, a.val)

    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim <= 1 or "relative_position_bias_table" in n else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=a.lr)
    total = a.epochs * a.steps_per_epoch

    def lr_at(step):
        if step < a.warmup_steps:
            return a.lr * (step + 1) / a.warmup_steps
        p = (step - a.warmup_steps) / max(1, total - a.warmup_steps)
        return 1e-5 + (a.lr - 1e-5) * 0.5 * (1 + math.cos(math.pi * p))

    # curriculum: difficulty ramps 0.2 -> 1.0 over the first half of training, then stays 1.0
    def difficulty(step):
        return round(min(1.0, 0.2 + 0.8 * step / (0.5 * total)), 4)

    jobs = [(TRAIN_SEED, s * a.batch, a.batch, TRAIN_SEED + 1000, difficulty(s)) for s in range(total)]
    pool = mp.get_context("fork").Pool(1)  # one process renders batches ahead of the trainer
    stream = pool.imap(_gen, jobs, chunksize=1)
    step = 0
    for ep in range(a.epochs):
        model.train()
        t0 = time.time()
        tl, tc, tn = 0.0, 0, 0
        for _ in range(a.steps_per_epoch):
            imgs, labels = next(stream)
            for g in opt.param_groups:
                g["lr"] = lr_at(step)
            x, y = to_tensor(imgs), torch.from_numpy(labels)
            logits = model(x)
            loss = F.cross_entropy(logits, y, label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            step += 1
            tl += loss.item() * len(y)
            tc += (logits.argmax(1) == y).sum().item()
            tn += len(y)
        r = evaluate(model, val_imgs[:quick], val_labels[:quick], val_boxes[:quick])
        print(f"epoch {ep + 1}/{a.epochs}  loss {tl / tn:.4f}  train acc {tc / tn:.4f}  "
              f"held-out acc {r['accuracy']:.4f}  cam loc ratio {r['cam_ratio']:.2f}  "
              f"difficulty {difficulty(step - 1):.2f}  lr {lr_at(step - 1):.2e}  {time.time() - t0:.0f}s", flush=True)
    pool.close()
    train_secs = time.time() - t_start

    r = evaluate(model, val_imgs, val_labels, val_boxes, with_attention=True)
    print(f"FINAL held-out (seed {VAL_SEED}, n={a.val}): accuracy {r['accuracy']:.4f}  "
          f"CAM localisation ratio {r['cam_ratio']:.2f}  "
          f"last-block received-attention ratio {r['attn_ratio']:.2f}", flush=True)
    per_class = {c: float((r["preds"][val_labels == i] == i).mean()) for i, c in enumerate(shapes.CLASSES)}
    print("per-class accuracy", {k: round(v, 3) for k, v in per_class.items()})

    os.makedirs(a.out, exist_ok=True)
    st_path = os.path.join(a.out, "swinlens-shapes.safetensors")
    meta = {"format": "pt", "arch": "swin_v1", "naming": "torchvision",
            "embed_dim": CONFIG["embed_dim"], "depths": ",".join(map(str, CONFIG["depths"])),
            "num_heads": ",".join(map(str, CONFIG["num_heads"])), "window_size": CONFIG["window_size"][0],
            "patch_size": CONFIG["patch_size"][0], "mlp_ratio": CONFIG["mlp_ratio"],
            "image_size": shapes.SIZE, "num_classes": len(shapes.CLASSES),
            "mean": "0.485,0.456,0.406", "std": "0.229,0.224,0.225"}
    save_safetensors(st_path, model.state_dict(), meta)
    with open(os.path.join(a.out, "swinlens-shapes.labels.txt"), "w") as f:
        f.write("\n".join(shapes.CLASSES) + "\n")
    size = os.path.getsize(st_path)
    print(f"wrote {st_path} ({size:,} bytes), training+eval {train_secs / 60:.1f} min")

    card = CARD.format(
        embed=CONFIG["embed_dim"], depths=CONFIG["depths"], heads=CONFIG["num_heads"],
        classes=", ".join(f"{i} {c}" for i, c in enumerate(shapes.CLASSES)), nparams=n_params,
        size=size, epochs=a.epochs, spe=a.steps_per_epoch, batch=a.batch, nimg=total * a.batch,
        lr=a.lr, wd=a.weight_decay, warm=a.warmup_steps, threads=a.threads,
        train_seed=TRAIN_SEED, val_seed=VAL_SEED, torch_seed=TORCH_SEED, nval=a.val,
        acc=r["accuracy"] * 100, cam=r["cam_ratio"], att=r["attn_ratio"],
        per_class=", ".join(f"{k} {v * 100:.1f}%" for k, v in per_class.items()),
        minutes=train_secs / 60, torch=torch.__version__, tv=__import__("torchvision").__version__,
        cpu=platform.machine(), sd=CONFIG["stochastic_depth_prob"])
    with open(os.path.join(a.out, "swinlens-shapes.md"), "w") as f:
        f.write(card)


CARD = """# swinlens-shapes: the bundled SwinLens demo model

A small Swin Transformer V1, trained from scratch on synthetic images, so that SwinLens
opens on a real trained Swin whose attention means something: each image holds one
shape on a cluttered background, and only the shape tells the class.

Files: `swinlens-shapes.safetensors` (weights), `swinlens-shapes.labels.txt` (class
names, one per line, in index order), this card.

## Architecture
- Swin V1, torchvision `SwinTransformer` semantics and **torchvision state-dict naming**
  (`features.0.0` patch conv, `features.0.2` patch norm, `features.(2i+1).j.*` blocks,
  `features.2` / `features.4` merges, `norm`, `head`).
  `relative_position_index` buffers (int64, flattened [2401]) are kept; loaders may ignore them.
- Image size **112**, patch 4, embed dim **{embed}**, depths **{depths}**, heads **{heads}**
  (head dim 16), window **7**, mlp ratio 4, qkv bias, no absolute position embedding,
  LayerNorm eps 1e-5, exact (erf) GELU.
- Stages: 28x28 tokens (4x4 windows; block 0 W-MSA, block 1 SW-MSA shift 3),
  14x14 (2x2 windows; W-MSA then SW-MSA shift 3), 7x7 (one window; both blocks unshifted,
  since the window covers the whole map), then final LayerNorm, mean pool, linear head.
- Classes ({ncls}): {classes}.
- Parameters: {nparams:,}; file size {size:,} bytes (float32 weights, int64 index buffers).
- safetensors `__metadata__` repeats the config (embed_dim, depths, num_heads, window_size,
  patch_size, mlp_ratio, image_size, num_classes, mean, std).

## Preprocessing the model expects
RGB, **resize (squash, no crop) to 112x112** (bicubic), scale to [0,1], normalise with the
ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225), NCHW.
Images already at 112x112 need no resize.

## Data
`tools/demo-model/shapes.py`: a seeded procedural generator, `sample(seed, index)` is a
pure function (numpy PCG64 seeded with `SeedSequence([seed, index])`). Each 112x112 image
(rendered at 2x and box-downsampled) has one target object, 20-50 px across, random
colour (contrasting with the background under it), position, rotation and a mild
+-15% stretch, optionally outlined, on a background of a random gradient plus 1-3 of
smooth colour noise, stripes (soft or hard), a checkerboard and soft gaussian blobs, plus
pixel noise, with 5-15 distractors (line segments, zig-zag polylines, partial arcs of at
most 220 degrees, small dots) and 0-2 thin distractors drawn over the object. The generator
also returns the object's bounding box (x0, y0, x1, y1; x1/y1 exclusive, 112-px coords).
Training seed {train_seed} (fresh images every step, nothing repeats); held-out seed
{val_seed} for the numbers below; seed 3 for `src/test/resources/demo-eval/`; seed 4 for
`resources/samples/`.

## Training
CPU only, torch {torch} / torchvision {tv} ({cpu}), `torch.set_num_threads({threads})`,
`torch.manual_seed({torch_seed})`, `np.random.seed({torch_seed})`.
{epochs} epochs x {spe} steps x batch {batch} = {nimg:,} generated images; AdamW (lr {lr},
weight decay {wd} on weights only, betas 0.9/0.999), {warm} warm-up steps then cosine to 1e-5,
label smoothing 0.1, gradient clipping 5.0, stochastic depth {sd}; augmentation: random
horizontal flip; curriculum: generator difficulty ramps linearly 0.2 -> 1.0 over the first
half of the steps (weaker texture/noise/distractors, larger objects), full difficulty after. Plain cross-entropy only: no auxiliary loss, the model is a plain Swin.
Wall time, training plus evaluation: **{minutes:.1f} min** (on a shared 2-core machine).

## Measured (held-out seed {val_seed}, {nval} images, in Python)
- Accuracy: **{acc:.2f}%** (per class: {per_class}).
- Localisation, class activation map: cam_c(t) = w_c . LN(x_t) over the 7x7 last-stage
  tokens (LN = final norm, w_c = head row of the TRUE class, no bias), positive part only,
  each token = a 16x16 px cell; ratio = (share of the positive mass inside the object box)
  / (box area / image area), averaged over images: **{cam:.2f}x** (1.0 = no localisation).
- Same ratio for the mean attention each token receives in the last block (stage 2,
  averaged over heads and queries): {att:.2f}x.
- `tools/demo-model/eval.py` measures the exported file on `src/test/resources/demo-eval/`
  (200 PNGs, seed 3) with the same definitions.

## Regenerate
```
/usr/bin/python3 tools/demo-model/train.py --out resources/models
```
(see `tools/demo-model/README.md`; exact bits depend on the torch build and thread count).
"""
CARD = CARD.replace("{ncls}", str(len(shapes.CLASSES)))

if __name__ == "__main__":
    main()
