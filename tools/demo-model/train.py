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
    ap.add_argument("--steps", type=int, default=700)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--weight-decay", type=float, default=0.05)
    ap.add_argument("--warmup-steps", type=int, default=100)
    ap.add_argument("--clip", type=float, default=1.0)
    ap.add_argument("--curriculum", type=float, default=0.5, help="fraction of steps over which difficulty ramps --start-difficulty -> 1")
    ap.add_argument("--start-difficulty", type=float, default=0.0)
    ap.add_argument("--eval-every", type=int, default=100, help="steps between held-out checks")
    ap.add_argument("--stop-acc", type=float, default=0.98, help="stop early at this held-out accuracy (checked every --eval-every steps)")
    ap.add_argument("--stop-step", type=int, default=0, help="end the run after this many steps (0: run the whole --steps schedule); the lr schedule still spans --steps")
    ap.add_argument("--ckpt-dir", default="/tmp/swinlens-shapes-ckpt", help="where the weights at every check go")
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
    quick = min(400, a.val)

    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim <= 1 or "relative_position_bias_table" in n else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=a.lr)
    total = a.steps

    def lr_at(step):
        if step < a.warmup_steps:
            return a.lr * (step + 1) / a.warmup_steps
        p = (step - a.warmup_steps) / max(1, total - a.warmup_steps)
        return 1e-5 + (a.lr - 1e-5) * 0.5 * (1 + math.cos(math.pi * p))

    # curriculum: difficulty ramps 0.2 -> 1.0 over the first --curriculum of training, then stays 1.0
    def difficulty(step):
        d0 = a.start_difficulty
        return round(min(1.0, d0 + (1 - d0) * step / (a.curriculum * total)), 4)

    jobs = [(TRAIN_SEED, s * a.batch, a.batch, TRAIN_SEED + 1000, difficulty(s)) for s in range(total)]
    pool = mp.get_context("fork").Pool(1)  # one process renders batches ahead of the trainer
    stream = pool.imap(_gen, jobs, chunksize=1)
    step = 0
    stopped_early = False
    model.train()
    t0 = time.time()
    tl, tc, tn = 0.0, 0, 0
    history = []
    while step < total:
        imgs, labels = next(stream)
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        x, y = to_tensor(imgs), torch.from_numpy(labels)
        logits = model(x)
        loss = F.cross_entropy(logits, y, label_smoothing=0.1)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), a.clip)
        opt.step()
        step += 1
        tl += loss.item() * len(y)
        tc += (logits.argmax(1) == y).sum().item()
        tn += len(y)
        if step % a.eval_every == 0 or step == total:
            r = evaluate(model, val_imgs[:quick], val_labels[:quick], val_boxes[:quick])
            model.train()
            history.append((step, r["accuracy"]))
            print(f"step {step}/{total}  loss {tl / tn:.4f}  train acc {tc / tn:.4f}  "
                  f"held-out acc ({quick}) {r['accuracy']:.4f}  cam loc ratio {r['cam_ratio']:.2f}  "
                  f"difficulty {difficulty(step - 1):.2f}  lr {lr_at(step - 1):.2e}  "
                  f"{time.time() - t0:.0f}s ({(time.time() - t0) / a.eval_every:.2f} s/step)", flush=True)
            t0 = time.time()
            tl, tc, tn = 0.0, 0, 0
            # weights at every check, so an interrupted run still leaves the latest ones
            os.makedirs(a.ckpt_dir, exist_ok=True)
            save_safetensors(os.path.join(a.ckpt_dir, f"checkpoint-step{step}.safetensors"), model.state_dict())
            if a.stop_step and step >= a.stop_step:
                stopped_early = True
                print(f"--stop-step {a.stop_step} reached", flush=True)
                break
            if r["accuracy"] >= a.stop_acc and difficulty(step - 1) >= 1.0:
                stopped_early = step < total
                print(f"held-out accuracy {r['accuracy']:.4f} >= {a.stop_acc}: stopping at step {step}", flush=True)
                break
    pool.terminate()
    train_secs = time.time() - t_start

    r = evaluate(model, val_imgs, val_labels, val_boxes, with_attention=True)
    print(f"FINAL held-out (seed {VAL_SEED}, n={a.val}): accuracy {r['accuracy']:.4f}  "
          f"CAM localisation ratio {r['cam_ratio']:.2f}  "
          f"last-block received-attention ratio {r['attn_ratio']:.2f}  "
          f"stage-0 received-attention ratio {r['s0_recv_ratio']:.2f}  "
          f"stage-0 rollout ratio {r['s0_rollout_ratio']:.2f}", flush=True)
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

    fields = dict(
        embed=CONFIG["embed_dim"], depths=CONFIG["depths"], heads=CONFIG["num_heads"],
        window=CONFIG["window_size"][0], image=shapes.SIZE,
        classes=", ".join(f"{i} {c}" for i, c in enumerate(shapes.CLASSES)), nparams=n_params,
        size=size, steps=a.steps, steps_done=step, stopped_early=stopped_early, batch=a.batch,
        nimg=step * a.batch, lr=a.lr, wd=a.weight_decay, warm=a.warmup_steps, clip=a.clip,
        curriculum=a.curriculum, start_difficulty=a.start_difficulty, eval_every=a.eval_every, stop_acc=a.stop_acc, threads=a.threads,
        train_seed=TRAIN_SEED, val_seed=VAL_SEED, torch_seed=TORCH_SEED, nval=a.val,
        acc=r["accuracy"] * 100, cam=r["cam_ratio"], att=r["attn_ratio"],
        s0recv=r["s0_recv_ratio"], s0roll=r["s0_rollout_ratio"],
        per_class=", ".join(f"{k} {v * 100:.1f}%" for k, v in per_class.items()),
        history=history, minutes=train_secs / 60, torch=torch.__version__,
        tv=__import__("torchvision").__version__, cpu=platform.machine(), sd=CONFIG["stochastic_depth_prob"])
    import json
    with open("/tmp/swinlens_train_fields.json", "w") as f:
        json.dump(fields, f, indent=1, default=str)
    import card   # imported late on purpose: the card template lives in card.py
    card.write_card(os.path.join(a.out, "swinlens-shapes.md"), fields)


if __name__ == "__main__":
    main()
