package io.swinlens.model.weights;

/** The four state-dict key layouts of Swin V1 (docs/swin-reference.md §6). */
public enum NamingConvention {
    /** microsoft/Swin-Transformer: the canonical names everything maps to. */
    OFFICIAL("official"),
    /** timm: downsample at the start of stages 1..3, head.fc. */
    TIMM("timm"),
    /** torchvision: features.N.M sequential indices. */
    TORCHVISION("torchvision"),
    /** Hugging Face transformers: swin.embeddings / swin.encoder, separate query/key/value. */
    HF("hf");

    private final String id;

    NamingConvention(String id) {
        this.id = id;
    }

    /** Stable lowercase identifier for CLIs and logs. */
    public String id() {
        return id;
    }
}
