package io.swinlens.model.capture;

/**
 * What a forward pass should record besides the logits. Plain inference ({@link #NONE}) records nothing
 * and pays nothing for it.
 *
 * @param attention   every block's post-softmax attention
 * @param stageOutputs every stage's output feature map
 * @param parts       the pre-softmax parts of one (stage, block, window, head), or null
 */
public record CaptureRequest(boolean attention, boolean stageOutputs, PartsRequest parts) {

    public static final CaptureRequest NONE = new CaptureRequest(false, false, null);
    public static final CaptureRequest ALL = new CaptureRequest(true, true, null);

    public record PartsRequest(int stage, int block, int window, int head) { }

    public CaptureRequest withParts(int stage, int block, int window, int head) {
        return new CaptureRequest(attention, stageOutputs, new PartsRequest(stage, block, window, head));
    }
}
