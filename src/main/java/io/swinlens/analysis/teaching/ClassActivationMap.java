package io.swinlens.analysis.teaching;

import io.swinlens.analysis.TokenMap;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.capture.StageOutput;

import java.util.Comparator;

/**
 * Class activation maps for Swin's mean-pool head: cam_c(t) = w_c · LN(x_t) over the last stage's tokens,
 * w_c the head row of class c and LN the final norm. The head is linear after the pool, so
 * mean_t cam_c(t) + b_c is exactly logit c: the map splits the logit (minus its bias) over the tokens.
 */
public final class ClassActivationMap {

    private final ClassifierHead head;
    private final int height;
    private final int width;
    private final double[][] normalized;   // (L, C): LN(x_t)

    private ClassActivationMap(ClassifierHead head, StageOutput last) {
        if (last.channels() != head.channels()) {
            throw new IllegalArgumentException("stage %d has %d channels; the head expects %d (is it the last stage?)"   // not user text: a programming error
                    .formatted(last.stage(), last.channels(), head.channels()));
        }
        this.head = head;
        this.height = last.height();
        this.width = last.width();
        this.normalized = new double[height * width][];
        for (int t = 0; t < normalized.length; t++) normalized[t] = head.normalize(last.tokens(), t * last.channels());
    }

    /** Maps from the last stage's output (after its last block, before any merge). */
    public static ClassActivationMap of(ClassifierHead head, StageOutput last) { return new ClassActivationMap(head, last); }

    /** Maps from a forward pass that captured stage outputs. */
    public static ClassActivationMap of(ClassifierHead head, Inference inference) {
        StageOutput last = inference.stageOutputs().stream().max(Comparator.comparingInt(StageOutput::stage))
                .orElseThrow(() -> new IllegalArgumentException("class activation maps need the stage outputs; none were captured"));   // not user text: a programming error
        return of(head, last);
    }

    public int classes() { return head.classes(); }

    /** cam_c over the last stage's (H, W) tokens; its mean plus b_c is logit c. */
    public TokenMap forClass(int classIndex) {
        if (classIndex < 0 || classIndex >= head.classes()) {
            throw new IllegalArgumentException(io.swinlens.i18n.Messages.get("teach.error.noClass", classIndex, head.classes()));
        }
        int c = head.channels();
        float[] w = head.weight();
        double[] cam = new double[normalized.length];
        for (int t = 0; t < cam.length; t++) {
            double dot = 0;
            for (int k = 0; k < c; k++) dot += w[classIndex * c + k] * normalized[t][k];
            cam[t] = dot;
        }
        return tokenMap(height, width, cam);
    }

    private static TokenMap tokenMap(int height, int width, double[] values) {
        return new TokenMap(height, width, Grid.floats(values));
    }
}
