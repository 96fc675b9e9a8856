package io.swinlens.model.weights;

/** Container formats a checkpoint can come in; detected from magic bytes, never the extension. */
public enum FileType {
    TORCH_ZIP("pytorch-zip"), SAFETENSORS("safetensors");

    private final String id;

    FileType(String id) {
        this.id = id;
    }

    /** Stable lowercase identifier for CLIs and logs. */
    public String id() {
        return id;
    }
}
