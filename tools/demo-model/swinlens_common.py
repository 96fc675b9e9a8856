"""Shared pieces of the demo-model tools: model config, preprocessing and the metrics.
(safetensors I/O is in tools/common/swinlens_tools.py, shared with the fixture tools.)"""
import numpy as np
import torch
from torchvision.models.swin_transformer import SwinTransformer

from shapes import CLASSES, SIZE

CONFIG = dict(patch_size=[4, 4], embed_dim=32, depths=[2, 2, 2], num_heads=[2, 4, 8],
              window_size=[4, 4], mlp_ratio=4.0, stochastic_depth_prob=0.0)
MEAN = np.array([0.485, 0.456, 0.406], np.float32)
STD = np.array([0.229, 0.224, 0.225], np.float32)
PATCH_TOTAL = 16  # pixels per last-stage token (4 * 2 * 2)
GRID = SIZE // PATCH_TOTAL  # last-stage token grid (4x4 at 64 px)
PATCH0 = 4  # pixels per stage-0 token
GRID0 = SIZE // PATCH0  # stage-0 token grid (16x16)


def build_model(num_classes=len(CLASSES)):
    return SwinTransformer(num_classes=num_classes, **CONFIG)


def to_tensor(imgs_uint8):
    """uint8 [B,64,64,3] -> normalised float32 NCHW tensor (ImageNet mean/std)."""
    x = imgs_uint8.astype(np.float32) / 255.0
    x = (x - MEAN) / STD
    return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))


# ---------------------------------------------------------------- metrics
def forward_with_cam(model, x):
    """Logits and class-activation maps of the last stage.
    cam[b, c, i, j] = head.weight[c] . LN(x_t) for token t = (i, j) of the final
    4x4 map (LN = the model's final norm; head bias not included)."""
    feats = model.norm(model.features(x))          # B, 4, 4, C   (after final LayerNorm)
    logits = model.head(feats.mean(dim=(1, 2)))
    cam = torch.einsum("bhwc,kc->bkhw", feats, model.head.weight)
    return logits, cam


def last_block_received_attention(model, x):
    """Mean attention each token RECEIVES in the last block (stage 2, block 1: one
    4x4 window, no shift), averaged over heads and queries -> [B, 4, 4]."""
    blk = model.features[-1][-1]
    store = {}
    h = blk.register_forward_pre_hook(lambda m, inp: store.__setitem__("x", inp[0]))
    model(x)
    h.remove()
    t = blk.norm1(store["x"])                      # B, 4, 4, C
    B, H, W, C = t.shape
    attn = blk.attn
    nh = attn.num_heads
    qkv = attn.qkv(t.reshape(B, H * W, C)).reshape(B, H * W, 3, nh, C // nh).permute(2, 0, 3, 1, 4)
    q, k = qkv[0] * (C // nh) ** -0.5, qkv[1]
    a = q @ k.transpose(-2, -1) + attn.get_relative_position_bias() if hasattr(attn, "get_relative_position_bias") \
        else q @ k.transpose(-2, -1) + _rel_bias(attn)
    a = a.softmax(-1)                              # B, nh, N(query), N(key)
    return a.mean(dim=(1, 2)).reshape(B, H, W)


def window_attention_full(blk, x):
    """Attention matrix of one Swin block as a dense [B, heads, N, N] matrix over the
    block's N = H*W tokens in ORIGINAL (unshifted) token order: entry (q, k) is the
    softmax weight token q gives token k inside its (possibly shifted) window, 0 when
    they are not in the same window. Mirrors torchvision's shifted_window_attention
    (cyclic shift, window partition, relative position bias, -100 mask)."""
    attn = blk.attn
    t = blk.norm1(x)
    B, H, W, C = t.shape
    ws = attn.window_size
    shift = list(attn.shift_size)
    if ws[0] >= H:
        shift[0] = 0
    if ws[1] >= W:
        shift[1] = 0
    idx = torch.arange(H * W).view(1, H, W, 1)
    if sum(shift) > 0:
        t = torch.roll(t, shifts=(-shift[0], -shift[1]), dims=(1, 2))
        idx = torch.roll(idx, shifts=(-shift[0], -shift[1]), dims=(1, 2))
    nw = (H // ws[0]) * (W // ws[1])
    M = ws[0] * ws[1]
    tw = t.view(B, H // ws[0], ws[0], W // ws[1], ws[1], C).permute(0, 1, 3, 2, 4, 5).reshape(B * nw, M, C)
    iw = idx.view(H // ws[0], ws[0], W // ws[1], ws[1]).permute(0, 2, 1, 3).reshape(nw, M)
    nh = attn.num_heads
    qkv = attn.qkv(tw).reshape(B * nw, M, 3, nh, C // nh).permute(2, 0, 3, 1, 4)
    q, k = qkv[0] * (C // nh) ** -0.5, qkv[1]
    a = q @ k.transpose(-2, -1) + attn.get_relative_position_bias()
    if sum(shift) > 0:
        m = torch.zeros(H, W)
        hs = ((0, -ws[0]), (-ws[0], -shift[0]), (-shift[0], None))
        wsl = ((0, -ws[1]), (-ws[1], -shift[1]), (-shift[1], None))
        c = 0
        for h in hs:
            for w in wsl:
                m[h[0]:h[1], w[0]:w[1]] = c
                c += 1
        m = m.view(H // ws[0], ws[0], W // ws[1], ws[1]).permute(0, 2, 1, 3).reshape(nw, M)
        m = m.unsqueeze(1) - m.unsqueeze(2)
        m = m.masked_fill(m != 0, -100.0)
        a = a.view(B, nw, nh, M, M) + m.unsqueeze(1).unsqueeze(0)
        a = a.view(B * nw, nh, M, M)
    a = a.softmax(-1).view(B, nw, nh, M, M)
    full = torch.zeros(B, nh, H * W, H * W)
    qi = iw.unsqueeze(2).expand(nw, M, M)      # query token ids
    ki = iw.unsqueeze(1).expand(nw, M, M)      # key token ids
    full[:, :, qi.reshape(-1), ki.reshape(-1)] = a.permute(0, 2, 1, 3, 4).reshape(B, nh, -1)
    return full


def stage0_maps(model, x):
    """Two stage-0 saliency maps over the 16x16 stage-0 tokens -> ([B,16,16], [B,16,16]):
    (1) received attention: the attention each token receives, averaged over heads,
        queries and the two stage-0 blocks (W-MSA and SW-MSA);
    (2) Swin-aware attention rollout: per block A' = 0.5 * mean_heads(A) + 0.5 * I (A the
        dense windowed attention, shifted windows mapped back to token positions),
        R = A'_1 @ A'_0, then the mean over query rows (how much each input token feeds
        all stage-0 outputs)."""
    stage = model.features[1]
    store = []
    hooks = [b.register_forward_pre_hook(lambda m, inp: store.append(inp[0])) for b in stage]
    model.features[1](model.features[0](x))
    for h in hooks:
        h.remove()
    recv, R = 0, None
    for blk, inp in zip(stage, store):
        A = window_attention_full(blk, inp).mean(1)    # B, N, N
        recv = recv + A.mean(1)
        N = A.shape[-1]
        Ap = 0.5 * A + 0.5 * torch.eye(N)
        R = Ap if R is None else Ap @ R
    B, H, W, _ = store[0].shape
    return (recv / len(stage)).reshape(B, H, W), R.mean(1).reshape(B, H, W)


def _rel_bias(attn):
    N = attn.window_size[0] * attn.window_size[1]
    tbl = attn.relative_position_bias_table[attn.relative_position_index]
    return tbl.view(N, N, -1).permute(2, 0, 1).unsqueeze(0)


def box_fraction_grid(box, grid=GRID, cell=PATCH_TOTAL):
    """[grid, grid] fraction of each token cell (cell x cell px) covered by the box."""
    x0, y0, x1, y1 = box
    edges = np.arange(grid + 1) * cell
    ox = np.clip(np.minimum(edges[1:], x1) - np.maximum(edges[:-1], x0), 0, None) / cell
    oy = np.clip(np.minimum(edges[1:], y1) - np.maximum(edges[:-1], y0), 0, None) / cell
    return np.outer(oy, ox)


def localisation_ratio(maps, boxes):
    """maps: [B,g,g] (any saliency; g = 4 last-stage or 16 stage-0 tokens); boxes: [B,4]
    in pixels of the SIZE x SIZE input. Per image: (positive mass inside the box / total
    positive mass) / (box area / image area), with the map upsampled by nearest neighbour
    (each token = a (SIZE/g)-px square cell). Returns the per-image ratios."""
    out = []
    g = np.asarray(maps).shape[-1]
    for m, b in zip(np.asarray(maps, np.float64), boxes):
        p = np.clip(m, 0, None)
        tot = p.sum()
        share = (b[2] - b[0]) * (b[3] - b[1]) / float(SIZE * SIZE)
        if tot <= 0:
            out.append(0.0)
            continue
        inside = (p * box_fraction_grid(b, g, SIZE // g)).sum() / tot
        out.append(inside / share)
    return np.array(out)


def minmax(maps):
    """Each map scaled to [0, 1] by its own minimum and maximum, as the app's CAM view shows it."""
    m = np.asarray(maps, np.float64)
    lo = m.min(axis=(-2, -1), keepdims=True)
    hi = m.max(axis=(-2, -1), keepdims=True)
    return (m - lo) / np.where(hi > lo, hi - lo, 1.0)


@torch.no_grad()
def evaluate(model, imgs, labels, boxes, bs=100, with_attention=False):
    model.eval()
    preds, cams_true, cams_top, att, s0r, s0o = [], [], [], [], [], []
    for i in range(0, len(imgs), bs):
        x = to_tensor(imgs[i:i + bs])
        logits, cam = forward_with_cam(model, x)
        preds.append(logits.argmax(1).numpy())
        lb = torch.from_numpy(labels[i:i + bs])
        cams_true.append(cam[torch.arange(len(lb)), lb].numpy())
        top = logits.argmax(1)
        cams_top.append(cam[torch.arange(len(top)), top].numpy())
        if with_attention:
            att.append(last_block_received_attention(model, x).numpy())
            r0, ro = stage0_maps(model, x)
            s0r.append(r0.numpy())
            s0o.append(ro.numpy())
    preds = np.concatenate(preds)
    cams = np.concatenate(cams_true)
    res = dict(accuracy=float((preds == labels).mean()),
               cam_ratio=float(localisation_ratio(cams, boxes).mean()),
               cam_top1_minmax_ratio=float(localisation_ratio(minmax(np.concatenate(cams_top)), boxes).mean()),
               preds=preds)
    if with_attention:
        res["attn_ratio"] = float(localisation_ratio(np.concatenate(att), boxes).mean())
        res["s0_recv_ratio"] = float(localisation_ratio(np.concatenate(s0r), boxes).mean())
        res["s0_rollout_ratio"] = float(localisation_ratio(np.concatenate(s0o), boxes).mean())
    return res
