"""Seeded procedural "find the shape" dataset for the SwinLens demo model.

Every image is 64x64 RGB (by default; the same scene can be rendered at any size)
and holds exactly ONE target object of one of 6 classes
(circle, square, triangle, star, cross, ring) with random size
(about 24-44 px across at 64 px), position, rotation and a vivid colour of any hue, on a
cluttered background in muted colours (gradients, smooth noise, stripes, checks, soft blobs,
pixel noise) with distractors (short line segments, partial arcs, small dots; half of them
vivid too) that are NOT class shapes. Only the object's shape tells the class apart; its
colour tells where it is (a "find the object" scene for attention to find).

sample(seed, index) -> (image uint8 [64,64,3], label int, box (x0, y0, x1, y1))
is a pure function of (seed, index): numpy's PCG64 generator seeded with
SeedSequence([seed, index]). The box is in pixel-edge coordinates of the output
image: the object covers pixels x0 <= x < x1, y0 <= y < y1 (ints, x1/y1 exclusive).
Geometry is laid out in abstract "design units" (a 112 x 112 square, DESIGN) and
scaled to the output size, so `sample(seed, i, size=256)` is the same scene as
`sample(seed, i)` at 4x the resolution (only the per-pixel noise differs).
"""
import colorsys
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

CLASSES = ["circle", "square", "triangle", "star", "cross", "ring"]
SIZE = 64           # default output image size (the model's input size)
DESIGN = 112        # geometry units: scenes are laid out on a DESIGN x DESIGN square
SS = 2              # supersampling factor for anti-aliasing
MIN_OBJ, MAX_OBJ = 42, 77   # object extent in design units (24-44 px at 64 px)


def _regular(n, r, phase=0.0):
    a = phase + np.arange(n) * 2 * math.pi / n
    return np.stack([r * np.cos(a), r * np.sin(a)], 1)


def _outline(cls):
    """Unit outline(s) of a class, centred at 0, fitting in radius ~1.
    Returns (outer polygon, inner hole polygon or None)."""
    if cls == "circle":
        return _regular(72, 1.0), None
    if cls == "ring":
        return _regular(72, 1.0), _regular(72, 0.58)
    if cls == "square":
        return _regular(4, 1.0, math.pi / 4), None
    if cls == "triangle":
        return _regular(3, 1.0, -math.pi / 2), None
    if cls == "star":
        a = -math.pi / 2 + np.arange(10) * math.pi / 5
        r = np.where(np.arange(10) % 2 == 0, 1.0, 0.42)
        return np.stack([r * np.cos(a), r * np.sin(a)], 1), None
    if cls == "cross":
        t = 0.34
        p = [(-t, -1), (t, -1), (t, -t), (1, -t), (1, t), (t, t), (t, 1), (-t, 1),
             (-t, t), (-1, t), (-1, -t), (-t, -t)]
        return np.array(p, float), None
    raise ValueError(cls)


_OUTLINES = {c: _outline(c) for c in CLASSES}


def _rand_colour(rng):
    return rng.integers(0, 256, 3).astype(np.float32)


def _hsv_colour(rng, s_range, v_range):
    h, s, v = rng.uniform(0, 1), rng.uniform(*s_range), rng.uniform(*v_range)
    return np.array(colorsys.hsv_to_rgb(h, s, v), np.float32) * 255


def _muted_colour(rng):
    """Background colours: greyish, mid to dark (saturation <= 0.4, value 0.2-0.7)."""
    return _hsv_colour(rng, (0.0, 0.4), (0.2, 0.7))


def _vivid_colour(rng):
    """Object colours (and some distractors): saturated and bright, any hue."""
    return _hsv_colour(rng, (0.7, 1.0), (0.85, 1.0))


def _background(rng, n):
    """n x n float32 RGB background in [0, 255]."""
    yy, xx = np.mgrid[0:n, 0:n].astype(np.float32) / n
    # base: linear gradient between two random colours at a random angle
    a = rng.uniform(0, 2 * math.pi)
    t = (np.cos(a) * (xx - 0.5) + np.sin(a) * (yy - 0.5)) + 0.5
    t = np.clip(t, 0, 1)[..., None]
    c0, c1 = _muted_colour(rng), _muted_colour(rng)
    img = c0 * (1 - t) + c1 * t
    layers = rng.permutation(["noise", "stripes", "blobs", "check"])[: rng.integers(1, 4)]
    for kind in layers:
        alpha = rng.uniform(0.25, 0.7)
        if kind == "noise":   # smooth coloured noise, upsampled from a coarse grid
            g = int(rng.integers(3, 12))
            coarse = np.array([[_muted_colour(rng) for _ in range(g)] for _ in range(g)]).astype(np.uint8)
            layer = np.asarray(Image.fromarray(coarse).resize((n, n), Image.BICUBIC), np.float32)
        elif kind == "stripes":
            f = rng.uniform(3, 14)
            b = rng.uniform(0, math.pi)
            s = 0.5 + 0.5 * np.sin(2 * math.pi * f * (np.cos(b) * xx + np.sin(b) * yy) + rng.uniform(0, 6.3))
            if rng.random() < 0.5:
                s = (s > 0.5).astype(np.float32)
            s = s[..., None]
            layer = _muted_colour(rng) * s + _muted_colour(rng) * (1 - s)
        elif kind == "check":
            k = rng.uniform(4, 12)
            s = ((np.floor(xx * k) + np.floor(yy * k)) % 2)[..., None]
            layer = _muted_colour(rng) * s + _muted_colour(rng) * (1 - s)
            alpha *= 0.6
        else:  # soft, large irregular blobs (sum of gaussians), never crisp shapes
            layer = img.copy()
            for _ in range(rng.integers(2, 6)):
                cx, cy = rng.uniform(0, 1, 2)
                sx, sy = rng.uniform(0.12, 0.35, 2)
                w = np.exp(-(((xx - cx) / sx) ** 2 + ((yy - cy) / sy) ** 2))[..., None]
                layer = layer * (1 - w) + _muted_colour(rng) * w
        img = img * (1 - alpha) + layer * alpha
    return img


def _draw_distractors(rng, draw, n, count, scale):
    for _ in range(count):
        col = tuple(int(v) for v in (_vivid_colour(rng) if rng.random() < 0.5 else _muted_colour(rng)))
        kind = rng.choice(["line", "line", "arc", "dot", "polyline"])
        cx, cy = rng.uniform(0, n, 2)
        if kind == "line":
            L = rng.uniform(6, 30) * scale
            a = rng.uniform(0, math.pi)
            draw.line([cx, cy, cx + L * math.cos(a), cy + L * math.sin(a)], fill=col,
                      width=int(rng.integers(1, 4) * scale))
        elif kind == "polyline":   # open zig-zag of 2-3 segments
            pts = [(cx, cy)]
            for _ in range(rng.integers(2, 4)):
                L = rng.uniform(5, 14) * scale
                a = rng.uniform(0, 2 * math.pi)
                pts.append((pts[-1][0] + L * math.cos(a), pts[-1][1] + L * math.sin(a)))
            draw.line(pts, fill=col, width=int(rng.integers(1, 3) * scale))
        elif kind == "arc":        # partial arc, at most 220 degrees, thin
            r = rng.uniform(5, 16) * scale
            start = rng.uniform(0, 360)
            draw.arc([cx - r, cy - r, cx + r, cy + r], start, start + rng.uniform(50, 220), fill=col,
                     width=int(rng.integers(1, 3) * scale))
        else:                      # small dot (much smaller than any object)
            r = rng.uniform(1, 3.5) * scale
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=col)


def sample(seed, index, size=SIZE):
    """Return (uint8 image [size,size,3], label, (x0,y0,x1,y1)) for (seed, index).
    `size` renders the same scene at another resolution (box in pixels of that size)."""
    rng = np.random.default_rng([int(seed), int(index)])
    label = int(rng.integers(0, len(CLASSES)))
    cls = CLASSES[label]
    scale = size / DESIGN
    n = size * SS
    f = n / DESIGN  # design units -> canvas pixels

    # background computed at the output size (it is smooth), upsampled to the canvas
    bg_small = _background(rng, size)
    bg = np.asarray(Image.fromarray(np.clip(bg_small, 0, 255).astype(np.uint8)).resize((n, n), Image.BILINEAR),
                    np.float32)
    noise_sd = rng.uniform(2, 14)
    canvas = Image.fromarray(bg.astype(np.uint8))
    draw = ImageDraw.Draw(canvas)
    _draw_distractors(rng, draw, n, int(rng.integers(5, 16)), f)

    # --- the object ---
    outer, hole = _OUTLINES[cls]
    d = rng.uniform(MIN_OBJ, MAX_OBJ)          # extent in design units
    rot = rng.uniform(0, 2 * math.pi)
    aspect = rng.uniform(0.85, 1.15)           # mild anisotropic stretch
    R = np.array([[math.cos(rot), -math.sin(rot)], [math.sin(rot), math.cos(rot)]])

    def place(p):
        q = p * np.array([aspect, 1 / aspect])
        return q @ R.T

    po = place(outer)
    ext = po.max(0) - po.min(0)
    k = d / max(ext)                            # largest side of the bbox == d
    po = po * k
    lo, hi = po.min(0), po.max(0)
    m = 2.0
    cx = rng.uniform(m - lo[0], DESIGN - m - hi[0])
    cy = rng.uniform(m - lo[1], DESIGN - m - hi[1])
    po = po + [cx, cy]
    mask = Image.new("L", (n, n), 0)
    md = ImageDraw.Draw(mask)
    md.polygon([tuple(v) for v in po * f], fill=255)
    if hole is not None:
        ph = place(hole) * k + [cx, cy]
        md.polygon([tuple(v) for v in ph * f], fill=0)

    # colour that contrasts with the background under the object
    x0, y0 = np.floor(po.min(0)).astype(int)
    x1, y1 = np.ceil(po.max(0)).astype(int)
    under = bg[max(0, int(y0 * f)):int(y1 * f), max(0, int(x0 * f)):int(x1 * f)].reshape(-1, 3).mean(0)
    for _ in range(30):
        col = _vivid_colour(rng)
        if np.linalg.norm(col - under) > 110:
            break
    else:
        col = 255 - under
    fill = Image.new("RGB", (n, n), tuple(int(v) for v in col))
    if rng.random() < 0.35:   # optional outline in another colour
        edge = tuple(int(v) for v in _rand_colour(rng))
        emask = mask.filter(ImageFilter.MaxFilter(3 if f < 3 else 5))
        canvas.paste(Image.new("RGB", (n, n), edge), (0, 0), emask)
    canvas.paste(fill, (0, 0), mask)
    # a couple of thin distractors may cross the object (partial occlusion)
    _draw_distractors(rng, ImageDraw.Draw(canvas), n, int(rng.integers(0, 3)), f)

    img = np.asarray(canvas.resize((size, size), Image.BOX), np.float32)
    img = img + rng.normal(0, 1, img.shape).astype(np.float32) * noise_sd   # pixel noise
    img = np.clip(np.round(img), 0, 255).astype(np.uint8)
    # box: object extent in design units, scaled to output pixels (floor / ceil, clipped)
    bx0, by0 = np.floor(po.min(0) * scale).astype(int)
    bx1, by1 = np.ceil(po.max(0) * scale).astype(int)
    box = (int(max(0, bx0)), int(max(0, by0)), int(min(size, bx1)), int(min(size, by1)))
    return img, label, box


def batch(seed, start, count, size=SIZE):
    """Stack samples (seed, start..start+count-1): uint8 [count,size,size,3], labels, boxes."""
    out = [sample(seed, i, size=size) for i in range(start, start + count)]
    return (np.stack([o[0] for o in out]), np.array([o[1] for o in out], np.int64),
            np.array([o[2] for o in out], np.int64))


if __name__ == "__main__":
    import argparse
    import os
    import time

    ap = argparse.ArgumentParser(description="write a contact sheet / timing check")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n", type=int, default=32)
    ap.add_argument("--out", default="/tmp/shapes_sheet.png")
    a = ap.parse_args()
    t = time.time()
    ims, lbs, bxs = batch(a.seed, 0, a.n)
    print(f"{(time.time() - t) / a.n * 1000:.1f} ms/image")
    cols = 8
    rows = (a.n + cols - 1) // cols
    sheet = Image.new("RGB", (cols * SIZE, rows * SIZE))
    for i, (im, lb, bx) in enumerate(zip(ims, lbs, bxs)):
        tile = Image.fromarray(im)
        ImageDraw.Draw(tile).rectangle([bx[0], bx[1], bx[2] - 1, bx[3] - 1], outline=(255, 0, 0))
        sheet.paste(tile, ((i % cols) * SIZE, (i // cols) * SIZE))
        print(i, CLASSES[lb], bx)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    sheet.save(a.out)
