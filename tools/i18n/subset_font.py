#!/usr/bin/env python3
"""Rebuilds the bundled Chinese font: a subset of Noto Sans CJK SC (SIL Open Font License 1.1) holding
every character of SwinLens's language bundles, printable ASCII, Latin-1 and the symbols the texts use.

    tools/i18n/subset_font.sh            (fetches the Debian package fonts-noto-cjk if needed)
    tools/i18n/subset_font.py REGULAR.ttc [BOLD.ttc] [FONT_NUMBER=2]

Needs python3-fonttools. Writes src/main/resources/io/swinlens/i18n/fonts/NotoSansSC-SwinLens.ttf; the
family is renamed "SwinLens Noto Sans SC" so that it never shadows an installed Noto font (a modified
version under the OFL). See docs/i18n.md § Fonts.
"""
import pathlib
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUNDLES = ROOT / "src/main/resources/io/swinlens/i18n"
OUT = BUNDLES / "fonts/NotoSansSC-SwinLens.ttf"
OUT_BOLD = BUNDLES / "fonts/NotoSansSC-SwinLens-Bold.ttf"
FAMILY = "SwinLens Noto Sans SC"
# Always in: printable ASCII, Latin-1, and symbols that texts and formulas use.
EXTRA = "".join(chr(c) for c in range(0x20, 0x7F)) + "".join(chr(c) for c in range(0xA0, 0x100)) + \
    "–—‘’“”…·•×÷±≤≥≠≈∞√∑∏∂∈→←↑↓↔⇒▶◀▲▼■□●○ᵀ⁻¹²³⁰ⁱⁿ₀₁₂₃αβγδεθλμπστφωΔΣΩ、。，：；！？（）《》「」【】—…・％＋－＝／"


# Noto Sans CJK has no super- or subscript letters; formulas use them (Kᵀ, W₁): they are drawn from the
# base glyph, scaled and raised or lowered.
SCRIPTS = {"ᵀ": ("T", 1), "ⁱ": ("i", 1), "ⁿ": ("n", 1), "⁻": ("minus", 1), "⁰": ("0", 1),
           "₀": ("0", -1), "₁": ("1", -1), "₂": ("2", -1), "₃": ("3", -1)}


def to_truetype(font):
    """CFF (CID-keyed) outlines to TrueType quadratic ones: simple to extend, and every Java draws them."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    for tag in ("VORG", "vmtx", "vhea"):           # no vertical text in SwinLens
        if tag in font:
            del font[tag]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\000\001\000\000"


def add_scripts(font, cmap):
    """Adds SCRIPTS' characters as scaled copies of their base glyphs (TrueType outlines)."""
    glyf = font["glyf"]
    hmtx = font["hmtx"]
    upem = font["head"].unitsPerEm
    order = list(font.getGlyphOrder())
    glyph_set = font.getGlyphSet()
    for char, (base, direction) in SCRIPTS.items():
        base_name = cmap.get(0x2212 if base == "minus" else ord(base))
        if base_name is None:
            continue
        scale = 0.62
        dy = 0.42 * upem if direction > 0 else -0.14 * upem
        pen = TTGlyphPen(glyph_set)
        glyph_set[base_name].draw(TransformPen(pen, (scale, 0, 0, scale, 0.02 * upem, dy)))
        name = "uni%04X" % ord(char)
        glyph = pen.glyph()
        order.append(name)
        glyf.glyphs[name] = glyph
        glyf.glyphOrder = order
        hmtx.metrics[name] = (round(hmtx[base_name][0] * scale) + round(0.04 * upem), 0)
        for t in font["cmap"].tables:
            if t.isUnicode():
                t.cmap[ord(char)] = name
    font.setGlyphOrder(order)
    font["post"].glyphOrder = order
    for name in order:
        g = glyf.glyphs[name]
        g.recalcBounds(glyf)
        hmtx.metrics[name] = (hmtx.metrics[name][0], getattr(g, "xMin", 0))


def characters():
    chars = set(EXTRA)
    for f in sorted(BUNDLES.glob("*.properties")):
        if f.name.startswith("cli-help"):
            continue                                  # --help is drawn by the terminal, not with this font
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith(("#", "!")):
                continue
            chars.update(line)
    return "".join(sorted(c for c in chars if c >= " "))


def build(source, number, weight, out):
    """One weight ("Regular" or "Bold") of the subset, written to out."""
    font = TTCollection(source).fonts[number] if source.lower().endswith(".ttc") else TTFont(source)
    text = characters()
    needed_bases = "".join(b for b, _ in SCRIPTS.values() if len(b) == 1) + "\u2212"
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + needed_bases)
    subsetter.subset(font)
    to_truetype(font)
    add_scripts(font, dict(font.getBestCmap()))
    cmap = font.getBestCmap()
    missing = [c for c in text if ord(c) not in cmap and c not in " \u3000"]
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID in (2, 17):
            record.string = weight
        elif record.nameID == 4:
            record.string = FAMILY if weight == "Regular" else FAMILY + " " + weight
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "") + "-" + weight
        elif record.nameID == 3:
            record.string = "SwinLens subset of " + record.toUnicode()
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(out)
    print(f"{out.relative_to(ROOT)}: {len(text)} characters, {out.stat().st_size // 1024} KiB")
    if missing:
        print("not in the source font:", "".join(missing))


def main():
    """subset_font.py REGULAR.ttc [BOLD.ttc] [FONT_NUMBER=2]"""
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    number = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    build(sys.argv[1], number, "Regular", OUT)
    if len(sys.argv) > 2:
        build(sys.argv[2], number, "Bold", OUT_BOLD)


if __name__ == "__main__":
    main()
