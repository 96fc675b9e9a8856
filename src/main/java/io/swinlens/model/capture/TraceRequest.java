package io.swinlens.model.capture;

/**
 * One token's path through one part of the model, recorded from the forward pass's own arrays
 * (docs/swin-reference.md §3). {@link Kind#BLOCK}: the token {@code token} (index y·W + x of stage
 * {@code stage}'s map) through block {@code block}. {@link Kind#MERGE}: merged token {@code token} of the
 * patch merging after stage {@code stage}. {@link Kind#EMBED}: patch {@code token} through the patch
 * embedding, and the whole embedded token map.
 */
public record TraceRequest(Kind kind, int stage, int block, int token) {

    public enum Kind { BLOCK, MERGE, EMBED }

    public static TraceRequest block(int stage, int block, int token) { return new TraceRequest(Kind.BLOCK, stage, block, token); }

    public static TraceRequest merge(int stage, int token) { return new TraceRequest(Kind.MERGE, stage, -1, token); }

    public static TraceRequest embed(int token) { return new TraceRequest(Kind.EMBED, 0, -1, token); }
}
