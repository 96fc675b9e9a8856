package io.swinlens.model.config;

/**
 * Which Swin a checkpoint holds. V1 (docs/swin-reference.md §3): pre-norm blocks, dot-product attention
 * scaled by d^-0.5 plus a learned relative position bias table. V2 (docs/swin-reference.md §9): post-norm
 * blocks, scaled cosine attention and a continuous position bias from a small MLP.
 */
public enum SwinVersion {
    V1, V2;

    public String label() { return this == V1 ? "Swin V1" : "Swin V2"; }
}
