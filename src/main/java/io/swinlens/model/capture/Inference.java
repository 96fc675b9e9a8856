package io.swinlens.model.capture;

import java.util.List;
import java.util.Optional;

/** The result of one forward pass: logits and whatever the {@link CaptureRequest} asked for. */
public record Inference(float[] logits, List<BlockAttention> attention, List<StageOutput> stageOutputs,
                        ScoreParts parts, int inputHeight, int inputWidth, long nanos, Trace trace) {

    public Inference(float[] logits, List<BlockAttention> attention, List<StageOutput> stageOutputs,
                     ScoreParts parts, int inputHeight, int inputWidth, long nanos) {
        this(logits, attention, stageOutputs, parts, inputHeight, inputWidth, nanos, null);
    }

    public Optional<ScoreParts> scoreParts() { return Optional.ofNullable(parts); }

    /** What the {@link CaptureRequest#trace()} recorded. */
    public Optional<Trace> traced() { return Optional.ofNullable(trace); }

    public BlockAttention attention(int stage, int block) {
        return attention.stream().filter(a -> a.stage() == stage && a.block() == block).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no attention captured for stage " + stage + " block " + block));
    }

    /** Softmax of the logits. */
    public float[] probabilities() {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < e.length; i++) sum += e[i] = Math.exp(logits[i] - max);
        float[] p = new float[e.length];
        for (int i = 0; i < e.length; i++) p[i] = (float) (e[i] / sum);
        return p;
    }

    /** Indices of the k largest logits, largest first. */
    public int[] topK(int k) {
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        int[] out = new int[Math.min(k, order.length)];
        for (int i = 0; i < out.length; i++) out[i] = order[i];
        return out;
    }
}
