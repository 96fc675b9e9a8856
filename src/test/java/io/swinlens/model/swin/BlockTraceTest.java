package io.swinlens.model.swin;

import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.capture.StageOutput;
import io.swinlens.model.capture.Trace;
import io.swinlens.model.capture.TraceRequest;
import io.swinlens.model.io.Npy;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A traced token's numbers are the forward pass's own: its output is the next block's input (or the stage output),
 * Σ p·v is the context, the probabilities are the captured attention row, and each step follows from the one before.
 */
class BlockTraceTest {

    static final double TOLERANCE = 1e-5;

    private static Inference run(LoadedModel m, Npy.Array in, CaptureRequest c) {
        return m.model().forward(in.data(), in.dim(2), in.dim(3), c);
    }

    @ParameterizedTest(name = "{0} {1} {2} s{3}b{4} token {5}")
    @CsvSource({"m4w4, official.pth, input.npy, 0, 1, 255", "m4w4, hf.safetensors, input.npy, 1, 0, 9", "m4w4, timm.pth, input.npy, 3, 1, 3",
            "m7, torchvision.pth, pad_160x96/input.npy, 1, 1, 239", "v2a, torchvision.pth, run_56x40/input.npy, 1, 1, 34",
            "v2a, official.pth, run_64x64/input.npy, 0, 1, 0", "v2b, official.pth, run_32x32/input.npy, 2, 1, 3"})
    void theTraceIsTheForwardPassItself(String model, String file, String input, int stage, int block, int token) throws Exception {
        LoadedModel m = ModelLoader.load(Fixtures.file(model, file));
        Npy.Array in = Fixtures.npy(model, input);
        Inference r = run(m, in, CaptureRequest.ALL.withTrace(TraceRequest.block(stage, block, token)));
        Trace t = r.traced().orElseThrow();
        boolean v2 = m.config().isV2();
        int heads = m.config().heads(stage);
        int n = t.geometry().tokensPerWindow();
        int d = m.config().headDim(stage);
        int c = m.config().stageDim(stage);

        // probs are the captured attention row; softmax(scores + bias + mask) gives them
        BlockAttention a = r.attention(stage, block);
        float[] probs = t.get("probs");
        float[] scores = t.get("scores");
        float[] bias = t.get("bias");
        float[] mask = t.get("mask");
        float[] v = t.get("v");
        float[] q = t.get("q");
        float[] k = t.get("k");
        float[] context = t.get("context");
        for (int h = 0; h < heads; h++) {
            int off = a.rowOffset(t.window(), h, t.queryIndex());
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) max = Math.max(max, scores[h * n + j] + bias[h * n + j] + mask[h * n + j]);
            double sum = 0;
            for (int j = 0; j < n; j++) sum += Math.exp(scores[h * n + j] + bias[h * n + j] + mask[h * n + j] - max);
            for (int j = 0; j < n; j++) {
                assertThat((double) probs[h * n + j]).isCloseTo(a.probs()[off + j], org.assertj.core.data.Offset.offset(TOLERANCE));
                double p = Math.exp(scores[h * n + j] + bias[h * n + j] + mask[h * n + j] - max) / sum;
                assertThat(p).isCloseTo(probs[h * n + j], org.assertj.core.data.Offset.offset(TOLERANCE));
                if (!v2) {                                            // V1: scores = q·k / sqrt(d)
                    double dot = 0;
                    for (int e = 0; e < d; e++) dot += q[(h * n + t.queryIndex()) * d + e] * k[(h * n + j) * d + e];
                    assertThat(dot / Math.sqrt(d)).isCloseTo(scores[h * n + j], org.assertj.core.data.Offset.offset(1e-4));
                }
            }
            for (int e = 0; e < d; e++) {                             // Σ p·v = context
                double s = 0;
                for (int j = 0; j < n; j++) s += probs[h * n + j] * v[(h * n + j) * d + e];
                assertThat(s).as("context head %d dim %d", h, e).isCloseTo(context[h * d + e], org.assertj.core.data.Offset.offset(TOLERANCE));
            }
        }
        // the residual steps
        float[] x = t.get("input");
        float[] branch = v2 ? t.get("norm1") : t.get("proj");
        float[] residual = t.get("residual1");
        float[] mlp = v2 ? t.get("norm2") : t.get("fc2");
        float[] output = t.get("output");
        float[] fc1 = t.get("fc1");
        float[] gelu = t.get("gelu");
        for (int i = 0; i < c; i++) {
            assertThat((double) residual[i]).isCloseTo(x[i] + branch[i], org.assertj.core.data.Offset.offset(TOLERANCE));
            assertThat((double) output[i]).isCloseTo(residual[i] + mlp[i], org.assertj.core.data.Offset.offset(TOLERANCE));
        }
        for (int i = 0; i < fc1.length; i++) assertThat(gelu[i]).isCloseTo(ExactGelu.apply(fc1[i]), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(fc1).hasSize(4 * c);

        // the output is the next block's input, or the stage output
        if (block + 1 < m.config().depth(stage)) {
            Trace next = run(m, in, CaptureRequest.NONE.withTrace(TraceRequest.block(stage, block + 1, token))).traced().orElseThrow();
            assertThat(Fixtures.maxError(next.get("input"), output)).isLessThan(TOLERANCE);
        } else {
            StageOutput s = r.stageOutputs().get(stage);
            float[] row = java.util.Arrays.copyOfRange(s.tokens(), token * c, (token + 1) * c);
            assertThat(Fixtures.maxError(row, output)).isLessThan(TOLERANCE);
        }
        // the window order: the query is key number queryIndex of its own window
        assertThat(t.sources()[t.queryIndex()]).isEqualTo(token);
    }
}
