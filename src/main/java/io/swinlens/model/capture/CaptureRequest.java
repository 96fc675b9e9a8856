package io.swinlens.model.capture;

/**
 * What a forward pass should record besides the logits. Plain inference ({@link #NONE}) records nothing
 * and pays nothing for it.
 *
 * @param attention   every block's post-softmax attention
 * @param stageOutputs every stage's output feature map
 * @param parts       the pre-softmax parts of one (stage, block, window, head), or null
 * @param trace       one token's path through a block, a merge or the patch embedding, or null
 */
public record CaptureRequest(boolean attention, boolean stageOutputs, PartsRequest parts, TraceRequest trace) {

    public static final CaptureRequest NONE = new CaptureRequest(false, false, null, null);
    public static final CaptureRequest ALL = new CaptureRequest(true, true, null, null);

    public CaptureRequest(boolean attention, boolean stageOutputs, PartsRequest parts) {
        this(attention, stageOutputs, parts, null);
    }

    public CaptureRequest withTrace(TraceRequest t) {
        return new CaptureRequest(attention, stageOutputs, parts, t);
    }

    public record PartsRequest(int stage, int block, int window, int head) { }

    public CaptureRequest withParts(int stage, int block, int window, int head) {
        return new CaptureRequest(attention, stageOutputs, new PartsRequest(stage, block, window, head), trace);
    }
}
