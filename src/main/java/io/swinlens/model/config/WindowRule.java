package io.swinlens.model.config;

import io.swinlens.i18n.Messages;

/**
 * What a stage does when its resolution is not a window multiple or is covered by one window
 * (docs/swin-reference.md §5). The rule belongs to the code a checkpoint was written for, so it follows
 * the file's naming.
 */
public enum WindowRule {
    /**
     * Official, timm and Hugging Face: where min(H, W) <= M the window becomes min(H, W) and the shift 0;
     * a map that is still not a window multiple is padded right and bottom.
     */
    CLAMP,
    /**
     * torchvision: the window never shrinks; the map is padded right and bottom to a window multiple, and
     * an axis the window covers after padding gets shift 0.
     */
    PAD;

    public String describe() {
        return Messages.get(this == CLAMP ? "error.text.windowRule.clamp" : "error.text.windowRule.pad");
    }
}
