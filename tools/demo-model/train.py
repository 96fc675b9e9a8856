"""Train the SwinLens demo model (a small Swin V1) on the procedural shapes data,
on the CPU, and export it as safetensors in torchvision naming.

    /usr/bin/python3 tools/demo-model/train.py --out resources/models

Two phases, both seeded:
1. a small CNN teacher (3x3 convolutions, BatchNorm, max pooling) learns the task in a
   few minutes;
2. the Swin student learns from the labels, from the teacher's softened logits and from
   the teacher's feature maps at four depths ("hints": a linear map of each Swin stage's
   tokens is regressed onto the teacher's standardised features at the same resolution),
   plus a token-level loss: last-stage tokens that lie on the object's box must predict the
   class on their own (this is what makes the class activation map point at the object).
A plain Swin trained on the labels alone stayed at chance for thousands of steps on
this data (its 4x4 patchify stem seems to be the bottleneck: a BatchNorm CNN with the same
stem learned far slower than one with 3x3 convolutions), see README.md. The exported model is a plain torchvision Swin: the teacher, the
hint adapters and the auxiliary losses are training-time only.

Deterministic from the seeds below (given the same torch build and thread count).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from swinlens_tools import openblas_coretype, save_safetensors  # noqa: E402  (imports no torch)

# OpenMP/OpenBLAS threads must not spin-wait on a shared, busy machine (a 2-thread
# step was 2-3x slower with the default active wait). No effect on the results.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
# OpenBLAS picks its kernels from the CPU name; on VMs with a generic name it falls back to slow
# ones (measured: about 3x slower). Choose them from the CPU flags instead, by the same rule as the
# Java side (io.swinlens.model.swin.NativeThreads; rule file openblas-coretypes.tsv).
_CORETYPE = openblas_coretype()
if _CORETYPE:
    os.environ.setdefault("OPENBLAS_CORETYPE", _CORETYPE)

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import multiprocessing as mp  # noqa: E402
import platform  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import shapes  # noqa: E402
from swinlens_common import CONFIG, build_model, evaluate, to_tensor  # noqa: E402

TRAIN_SEED = 1      # data stream for training (indices 0 .. --data-n - 1)
VAL_SEED = 2        # held-out data for accuracy/localisation measured here
TORCH_SEED = 0      # torch.manual_seed at the start of each phase
AUG_SEED = 0        # numpy stream for batch sampling and augmentation (each phase)


def _gen(args):
    seed, start, count = args
    return shapes.batch(seed, start, count)


def generate(seed, n, chunk=1000, procs=2):
    """Images seed/0..n-1 (a pure function of (seed, index), so the
    chunking and the process count do not change the result)."""
    jobs = [(seed, s, min(chunk, n - s)) for s in range(0, n, chunk)]
    with mp.get_context("fork").Pool(procs) as pool:
        parts = pool.map(_gen, jobs)
    return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]))


class capture_softmax:
    """Records every F.softmax result (with its gradient) while active: in a Swin block the softmax is only
    applied to the attention scores, so the block's attention probabilities are what it records."""

    def __init__(self, store):
        self.store = store

    def __enter__(self):
        self.real = F.softmax

        def recording(x, *args, **kwargs):
            out = self.real(x, *args, **kwargs)
            self.store.append(out)
            return out
        F.softmax = recording
        return self

    def __exit__(self, *exc):
        F.softmax = self.real
        return False


def cosine_lr(base, warm, total):
    def at(step):
        if step < warm:
            return base * (step + 1) / warm
        p = (step - warm) / max(1, total - warm)
        return 1e-5 + (base - 1e-5) * 0.5 * (1 + math.cos(math.pi * p))
    return at


def augmented_batches(rng, X, BX, batch):
    """Random batches with the augmentations every class is invariant to: a rotation by a
    multiple of 90 degrees, a horizontal flip and a permutation of the colour channels.
    Yields (indices, uint8 images [B,64,64,3], box masks [B,64,64]) transformed alike."""
    yy, xx = np.mgrid[0:shapes.SIZE, 0:shapes.SIZE]
    while True:
        idx = rng.integers(0, len(X), batch)
        xb, b = X[idx], BX[idx]
        mb = ((xx[None] >= b[:, 0, None, None]) & (xx[None] < b[:, 2, None, None])
              & (yy[None] >= b[:, 1, None, None]) & (yy[None] < b[:, 3, None, None])).astype(np.float32)
        k = rng.integers(0, 4)
        xb, mb = np.rot90(xb, k, axes=(1, 2)), np.rot90(mb, k, axes=(1, 2))
        if rng.random() < 0.5:
            xb, mb = xb[:, :, ::-1], mb[:, :, ::-1]
        xb = xb[..., rng.permutation(3)]
        yield idx, np.ascontiguousarray(xb), np.ascontiguousarray(mb)


def build_teacher():
    def block(cin, cout):
        return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
    return nn.Sequential(*block(3, 32), nn.MaxPool2d(2), *block(32, 64), nn.MaxPool2d(2), *block(64, 64),
                         nn.MaxPool2d(2), *block(64, 128), nn.AdaptiveMaxPool2d(1), nn.Flatten(),
                         nn.Linear(128, len(shapes.CLASSES)))


def teacher_forward(T, x):
    """Teacher logits and its feature maps at the Swin's resolutions:
    'e' (16x16, for the output of stage 0's first block): max and mean of the first conv
    block over each 4x4 px cell; 16, 8, 4: the 2nd, 3rd and 4th conv blocks, 2x2 max-pooled."""
    h, outs = x, {}
    for i, layer in enumerate(T):
        h = layer(h)
        if i == 2:
            outs["e"] = torch.cat([F.max_pool2d(h, 4), F.avg_pool2d(h, 4)], 1)
        elif i == 6:
            outs[16] = F.max_pool2d(h, 2)
        elif i == 10:
            outs[8] = F.max_pool2d(h, 2)
        elif i == 14:
            outs[4] = F.max_pool2d(h, 2)
    return h, outs


def accuracy(model, x, y):
    """Top-1 accuracy in eval mode; the module's train/eval mode is left as it was."""
    was_training = model.training
    model.eval()
    with torch.no_grad():
        acc = (model(x).argmax(1) == y).float().mean().item()
    model.train(was_training)
    return acc


def train_teacher(a, X, Y, BX, VX, VY):
    torch.manual_seed(TORCH_SEED)
    T = build_teacher()
    opt = torch.optim.AdamW(T.parameters(), lr=a.teacher_lr, weight_decay=a.weight_decay)
    lr_at = cosine_lr(a.teacher_lr, 50, a.teacher_steps)
    batches = augmented_batches(np.random.default_rng(AUG_SEED), X, BX, a.batch)
    t0, tl, tn = time.time(), 0.0, 0
    for step in range(a.teacher_steps):
        idx, xb, _ = next(batches)
        x, y = to_tensor(xb), torch.from_numpy(Y[idx])
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        loss = F.cross_entropy(T(x), y)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(T.parameters(), a.clip)
        opt.step()
        tl, tn = tl + loss.item(), tn + 1
        if (step + 1) % 250 == 0:
            print(f"teacher step {step + 1}/{a.teacher_steps}  loss {tl / tn:.4f}  held-out acc ({len(VY)}) "
                  f"{accuracy(T, VX, VY):.4f}  {time.time() - t0:.0f}s", flush=True)
            tl, tn = 0.0, 0
    T.eval()   # BatchNorm with its running statistics from here on
    return T, accuracy(T, VX, VY)


def distill(a, T, X, Y, BX, VX, VY):
    torch.manual_seed(TORCH_SEED)
    build_teacher()  # consumes the same torch random numbers as in the runs the defaults come from
    model = build_model()
    C = CONFIG["embed_dim"]
    adapters = nn.ModuleDict({"16": nn.Linear(C, 64), "8": nn.Linear(2 * C, 64), "4": nn.Linear(4 * C, 128),
                              "e": nn.Linear(C, 64)})
    params = list(model.parameters()) + list(adapters.parameters())
    opt = torch.optim.AdamW([{"params": [p for p in params if p.ndim > 1], "weight_decay": a.weight_decay},
                             {"params": [p for p in params if p.ndim <= 1], "weight_decay": 0.0}], lr=a.lr)
    lr_at = cosine_lr(a.lr, a.warmup_steps, a.steps)
    batches = augmented_batches(np.random.default_rng(AUG_SEED), X, BX, a.batch)
    f = model.features
    tokens = shapes.SIZE // 16   # last-stage token grid (4x4), each token a 16x16 px cell

    def hint(s, t, key):
        t = t.permute(0, 2, 3, 1)
        t = (t - t.mean(dim=(0, 1, 2))) / (t.std(dim=(0, 1, 2)) + 1e-3)
        return F.mse_loss(adapters[str(key)](s), t)

    history, sums, t0 = [], {}, time.time()
    step = 0
    for step in range(a.steps):
        idx, xb, mb = next(batches)
        x, y = to_tensor(xb), torch.from_numpy(Y[idx])
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        with torch.no_grad():
            t_logits, t_feats = teacher_forward(T, x)
        e = f[1][0](f[0](x))
        s16 = f[1][1](e)
        s8 = f[3](f[2](s16))
        z = f[5][0](f[4](s8))
        probs = []
        with capture_softmax(probs):
            s4 = f[5][1](z)                    # the last block: its attention is what the app's Received view shows
        assert len(probs) == 1, "one softmax per block"
        tok = model.head(model.norm(s4))        # per-token logits, B x 4 x 4 x classes
        out = tok.mean(dim=(1, 2))             # = model(x): mean pool commutes with the linear head
        losses = {"ce": F.cross_entropy(out, y),
                  "kd": a.kd * a.T * a.T * F.kl_div(F.log_softmax(out / a.T, 1), F.softmax(t_logits / a.T, 1),
                                                    reduction="batchmean"),
                  "hint": a.hint * sum(hint(s, t_feats[k], k) for s, k in ((s16, 16), (s8, 8), (s4, 4), (e, "e")))}
        cover = torch.from_numpy(mb).reshape(-1, tokens, 16, tokens, 16).mean(dim=(2, 4))
        on_box = (cover >= 0.25).float()
        tok_ce = F.cross_entropy(tok.permute(0, 3, 1, 2), y[:, None, None].expand(-1, tokens, tokens), reduction="none")
        losses["tok"] = a.tok * (tok_ce * on_box).sum() / on_box.sum().clamp(min=1)
        # background tokens may know the class, but less than the object's: each background token's true-class
        # score w_y . LN(x_t) (the CAM, no bias) must lie a margin below the mean over the object's tokens.
        # Without this the mean pool lets the background carry the class and the CAM inverts (see the card).
        off_box = (cover == 0).float()
        cam_y = (tok - model.head.bias).gather(3, y[:, None, None, None].expand(-1, tokens, tokens, 1))[..., 0]
        obj_mean = (cam_y * on_box).sum(dim=(1, 2)) / on_box.sum(dim=(1, 2)).clamp(min=1)
        rank = F.softplus(cam_y - obj_mean[:, None, None] + a.bg_margin)
        losses["bg"] = a.bg * (rank * off_box).sum() / off_box.sum().clamp(min=1)
        # the last block looks at the object: the attention its tokens receive (mean over heads and queries, one
        # window of 4x4 tokens) should fall on the box; -log of the share that does, weighted by each token's
        # covered fraction of its cell
        received = probs[0].mean(dim=(1, 2)).reshape(-1, tokens, tokens)          # B x 4 x 4, sums to 1
        inside = (received * cover).sum(dim=(1, 2))
        losses["att"] = a.att * -torch.log(inside + 1e-4).mean()
        loss = sum(losses.values())
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, a.clip)
        opt.step()
        for k, v in losses.items():
            sums[k] = sums.get(k, 0.0) + v.item()
        sums["train acc"] = sums.get("train acc", 0.0) + (out.argmax(1) == y).float().mean().item()
        if (step + 1) % a.eval_every == 0 or step + 1 == a.steps:
            n = (step + 1) % a.eval_every or a.eval_every
            acc = accuracy(model, VX, VY)
            history.append((step + 1, acc))
            print(f"step {step + 1}/{a.steps}  " + "  ".join(f"{k} {v / n:.3f}" for k, v in sums.items())
                  + f"  held-out acc ({len(VY)}) {acc:.4f}  lr {lr_at(step):.2e}  {time.time() - t0:.0f}s", flush=True)
            sums, t0 = {}, time.time()
            os.makedirs(a.ckpt_dir, exist_ok=True)
            save_safetensors(os.path.join(a.ckpt_dir, f"checkpoint-step{step + 1}.safetensors"), model.state_dict())
            if a.stop_step and step + 1 >= a.stop_step:
                print(f"--stop-step {a.stop_step} reached", flush=True)
                break
    model.eval()
    return model, history, step + 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="resources/models")
    ap.add_argument("--data-n", type=int, default=32000, help="training images (seed 1, indices 0..N-1), reused with augmentation")
    ap.add_argument("--teacher-n", type=int, default=16000, help="the teacher trains on the first N of them")
    ap.add_argument("--teacher-steps", type=int, default=1000)
    ap.add_argument("--teacher-lr", type=float, default=2e-3)
    ap.add_argument("--teacher-from", default="", help="load the teacher saved by an earlier run (its --ckpt-dir/teacher.pt) instead of training it")
    ap.add_argument("--steps", type=int, default=4000, help="student steps (the cosine schedule spans them)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--weight-decay", type=float, default=0.05)
    ap.add_argument("--warmup-steps", type=int, default=100)
    ap.add_argument("--clip", type=float, default=1.0)
    ap.add_argument("--kd", type=float, default=0.5, help="weight of the distillation loss on the teacher's logits")
    ap.add_argument("--T", type=float, default=2.0, help="distillation temperature")
    ap.add_argument("--hint", type=float, default=1.0, help="weight of the feature-map (hint) losses")
    ap.add_argument("--tok", type=float, default=0.3, help="weight of the token-level loss on the object's tokens")
    ap.add_argument("--bg", type=float, default=0.5, help="weight of the loss that keeps background tokens' true-class scores below the object's")
    ap.add_argument("--att", type=float, default=0.1, help="weight of the loss that asks the last block's received attention to fall on the box")
    ap.add_argument("--bg-margin", type=float, default=2.0, help="by how much (in CAM units) background tokens must score below the object's mean")
    ap.add_argument("--eval-every", type=int, default=250, help="student steps between held-out checks")
    ap.add_argument("--stop-step", type=int, default=0, help="end the run after this many steps (0: all); the lr schedule still spans --steps")
    ap.add_argument("--ckpt-dir", default="/tmp/swinlens-shapes-ckpt", help="where the weights at every check go")
    ap.add_argument("--val", type=int, default=1000, help="held-out images for the final measurement (checks use the first 500)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--embed", type=int, default=CONFIG["embed_dim"], help="Swin embed dim (stage widths double)")
    ap.add_argument("--heads", default=",".join(map(str, CONFIG["num_heads"])), help="heads per stage")
    a = ap.parse_args()
    CONFIG["embed_dim"] = a.embed
    CONFIG["num_heads"] = [int(h) for h in a.heads.split(",")]

    torch.set_num_threads(a.threads)
    t_start = time.time()
    X, Y, BX = generate(TRAIN_SEED, a.data_n, procs=a.threads)
    val_imgs, val_labels, val_boxes = generate(VAL_SEED, a.val, procs=a.threads)
    VX, VY = to_tensor(val_imgs[:500]), torch.from_numpy(val_labels[:500])
    print(f"data: {len(X)} training images (seed {TRAIN_SEED}), {a.val} held-out (seed {VAL_SEED}), "
          f"{time.time() - t_start:.0f}s", flush=True)

    if a.teacher_from:
        T = build_teacher()
        T.load_state_dict(torch.load(a.teacher_from))
        T.eval()
        teacher_acc = accuracy(T, VX, VY)
    else:
        T, teacher_acc = train_teacher(a, X[:a.teacher_n], Y[:a.teacher_n], BX[:a.teacher_n], VX, VY)
        os.makedirs(a.ckpt_dir, exist_ok=True)
        torch.save(T.state_dict(), os.path.join(a.ckpt_dir, "teacher.pt"))
    print(f"teacher held-out accuracy {teacher_acc:.4f}", flush=True)
    model, history, steps_done = distill(a, T, X, Y, BX, VX, VY)
    train_secs = time.time() - t_start

    r = evaluate(model, val_imgs, val_labels, val_boxes, with_attention=True)
    print(f"FINAL held-out (seed {VAL_SEED}, n={a.val}): accuracy {r['accuracy']:.4f}  "
          f"top-1 CAM (min-max) ratio {r['cam_top1_minmax_ratio']:.2f}  "
          f"true-class CAM ratio {r['cam_ratio']:.2f}  "
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
    with open(os.path.join(a.out, "swinlens-shapes.labels.txt"), "w") as fh:
        fh.write("\n".join(shapes.CLASSES) + "\n")
    size = os.path.getsize(st_path)
    print(f"wrote {st_path} ({size:,} bytes), data+training+eval {train_secs / 60:.1f} min")

    fields = dict(
        embed=CONFIG["embed_dim"], depths=CONFIG["depths"], heads=CONFIG["num_heads"],
        window=CONFIG["window_size"][0], image=shapes.SIZE,
        classes=", ".join(f"{i} {c}" for i, c in enumerate(shapes.CLASSES)),
        nparams=sum(p.numel() for p in model.parameters()), size=size,
        data_n=a.data_n, teacher_n=a.teacher_n, teacher_steps=a.teacher_steps, teacher_lr=a.teacher_lr,
        teacher_acc=teacher_acc * 100, steps=a.steps, steps_done=steps_done, batch=a.batch, lr=a.lr,
        wd=a.weight_decay, warm=a.warmup_steps, clip=a.clip, kd=a.kd, T=a.T, hint=a.hint, tok=a.tok,
        eval_every=a.eval_every, threads=a.threads, train_seed=TRAIN_SEED, val_seed=VAL_SEED,
        torch_seed=TORCH_SEED, aug_seed=AUG_SEED, nval=a.val,
        acc=r["accuracy"] * 100, cam=r["cam_ratio"], cam_top=r["cam_top1_minmax_ratio"], att=r["attn_ratio"], bg=a.bg, bg_margin=a.bg_margin, att_w=a.att,
        s0recv=r["s0_recv_ratio"], s0roll=r["s0_rollout_ratio"],
        per_class=", ".join(f"{k} {v * 100:.1f}%" for k, v in per_class.items()),
        history=history, minutes=train_secs / 60, torch=torch.__version__,
        tv=__import__("torchvision").__version__, cpu=platform.machine(), sd=CONFIG["stochastic_depth_prob"])
    with open(os.path.join(a.ckpt_dir, "train_fields.json"), "w") as fh:
        json.dump(fields, fh, indent=1, default=str)
    import card   # the card template lives in card.py
    card.write_card(os.path.join(a.out, "swinlens-shapes.md"), fields)


if __name__ == "__main__":
    main()
