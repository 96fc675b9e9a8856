package io.swinlens.model.image;

import io.swinlens.i18n.Messages;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The evaluation preprocessing of each source of Swin weights (docs/swin-reference.md §2).
 * All use bicubic resampling and ImageNet mean and std; they differ in the geometry.
 */
public enum Preprocess {
    /** Official repo: short side to int(256/224 * size), centre crop; 384 configs squash. */
    OFFICIAL("official"),
    /** timm: short side to floor(size / crop_pct), centre crop; crop_pct 0.9, or 1.0 at 384. */
    TIMM("timm"),
    /** torchvision ImageClassification preset: 232/246/238 for T/S/B, centre crop 224. */
    TORCHVISION("torchvision"),
    /** Hugging Face ViTImageProcessor: squash to size x size. */
    HF("hf");

    private final String id;

    Preprocess(String id) {
        this.id = id;
    }

    /** The lowercase name used on the command line and in settings. */
    public String id() {
        return id;
    }

    /** Parses an id, ignoring case and surrounding spaces. */
    public static Preprocess parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Preprocess p : values()) {
            if (p.id.equals(wanted)) {
                return p;
            }
        }
        String known = Arrays.stream(values()).map(Preprocess::id).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(Messages.get("error.preprocess.unknown", text, known));
    }
}
