package io.swinlens.model.swin;

import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.capture.ScoreParts;
import io.swinlens.model.capture.StageOutput;
import io.swinlens.model.io.Npy;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Logits and every block's attention against the PyTorch reference (tools/fixtures), to 1e-4. */
class SwinParityTest {

    static final double TOLERANCE = 1e-4;
    static final List<String> MODELS = List.of("m4w4", "m7", "m3w6");
    static final List<String> FILES = List.of("official.pth", "official.safetensors", "timm.pth", "timm.safetensors",
            "torchvision.pth", "torchvision.safetensors", "hf.bin", "hf.safetensors");

    static Stream<Arguments> everyModelInEveryNaming() {
        List<Arguments> out = new ArrayList<>();
        for (String model : MODELS) for (String file : FILES) out.add(Arguments.of(model, file));
        out.add(Arguments.of("m4w4", "official_train.pth"));
        return out.stream();
    }

    private static Inference run(String model, String file, CaptureRequest capture) throws Exception {
        LoadedModel loaded = ModelLoader.load(Fixtures.file(model, file));
        Npy.Array input = Fixtures.npy(model, "input.npy");   // (1, 3, H, W)
        return loaded.model().forward(input.data(), input.dim(2), input.dim(3), capture);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyModelInEveryNaming")
    void logitsAndEveryBlocksAttentionMatchPyTorch(String model, String file) throws Exception {
        Inference result = run(model, file, CaptureRequest.ALL);
        assertThat(Fixtures.maxError(result.logits(), Fixtures.npy(model, "logits.npy").data())).isLessThan(TOLERANCE);
        if (FusedBlock.available()) {        // then the blocks ran as oneDNN primitives, the path under test here
            assertThat(OneDnn.implementations().keySet()).anyMatch(k -> k.startsWith("scores")).anyMatch(k -> k.startsWith("layer norm"));
        }
        int blocks = Fixtures.json(model, "config.json").getAsJsonArray("blocks").size();
        assertThat(result.attention()).hasSize(blocks);
        for (BlockAttention a : result.attention()) {
            Npy.Array expected = Fixtures.npy(model, "attention/stage%d_block%d.npy".formatted(a.stage(), a.block()));
            assertThat(a.shape()).as("shape of %s", a.geometry()).containsExactly(expected.shape());
            assertThat(Fixtures.maxError(a.probs(), expected.data())).as("attention of %s", a.geometry()).isLessThan(TOLERANCE);
        }
    }

    @Test
    void passesOnSeveralThreadsAtOnceGiveTheSameLogits() throws Exception {
        LoadedModel loaded = ModelLoader.load(Fixtures.file("m7", "official.pth"));
        Npy.Array input = Fixtures.npy("m7", "input.npy");
        float[] alone = loaded.model().forward(input.data(), input.dim(2), input.dim(3), CaptureRequest.ALL).logits();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);   // each thread its own scratch and primitives
        try {
            List<java.util.concurrent.Future<float[]>> runs = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                runs.add(pool.submit(() -> loaded.model().forward(input.data(), input.dim(2), input.dim(3), CaptureRequest.NONE).logits()));
            }
            for (var run : runs) assertThat(Fixtures.maxError(run.get(), alone)).isLessThan(1e-6);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void blockGeometryMatchesTheReference(String model) throws Exception {
        Inference result = run(model, "official.pth", CaptureRequest.ALL);
        var blocks = Fixtures.json(model, "config.json").getAsJsonArray("blocks");
        for (int i = 0; i < blocks.size(); i++) {
            var b = blocks.get(i).getAsJsonObject();
            var g = result.attention().get(i).geometry();
            assertThat(g.stage()).isEqualTo(b.get("stage").getAsInt());
            assertThat(g.block()).isEqualTo(b.get("block").getAsInt());
            assertThat(g.shiftY()).as("shift of %s", g).isEqualTo(b.get("shift").getAsInt());
            assertThat(g.shiftX()).as("shift of %s", g).isEqualTo(b.get("shift").getAsInt());
            assertThat(g.window()).as("window of %s", g).isEqualTo(b.get("window").getAsInt());
            assertThat(g.height()).isEqualTo(b.getAsJsonArray("resolution").get(0).getAsInt());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void stageOutputsMatchPyTorch(String model) throws Exception {
        Inference result = run(model, "timm.safetensors", CaptureRequest.ALL);
        for (StageOutput s : result.stageOutputs()) {
            Npy.Array expected = Fixtures.npy(model, "stages/stage%d.npy".formatted(s.stage()));  // (1, H, W, C)
            assertThat(new long[]{1, s.height(), s.width(), s.channels()}).containsExactly(expected.shape());
            assertThat(Fixtures.maxError(s.tokens(), expected.data())).as("stage %d", s.stage()).isLessThan(TOLERANCE);
        }
    }

    static Stream<String> models() { return MODELS.stream(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void scorePartsMatchPyTorch(String model) throws Exception {
        var meta = Fixtures.json(model, "parts/meta.json");
        CaptureRequest request = CaptureRequest.NONE.withParts(meta.get("stage").getAsInt(), meta.get("block").getAsInt(),
                meta.get("window").getAsInt(), meta.get("head").getAsInt());
        ScoreParts parts = run(model, "hf.safetensors", request).scoreParts().orElseThrow();
        assertThat(Fixtures.maxError(parts.qk(), Fixtures.npy(model, "parts/qk.npy").data())).isLessThan(TOLERANCE);
        assertThat(Fixtures.maxError(parts.bias(), Fixtures.npy(model, "parts/bias.npy").data())).isLessThan(TOLERANCE);
        assertThat(parts.mask()).containsExactly(Fixtures.npy(model, "parts/mask.npy").data());
        assertThat(Fixtures.maxError(parts.probs(), Fixtures.npy(model, "parts/probs.npy").data())).isLessThan(TOLERANCE);
        assertThat(parts.mask()).contains(-100f);   // the fixture picked a window that the shift mask cuts
    }

    @Test
    void halfPrecisionCheckpointsMatchTheirOwnRoundedReference() throws Exception {
        Inference f16 = run("m4w4", "hf_f16.safetensors", CaptureRequest.NONE);
        assertThat(Fixtures.maxError(f16.logits(), Fixtures.npy("m4w4", "logits_f16.npy").data())).isLessThan(TOLERANCE);
        Inference bf16 = run("m4w4", "timm_bf16.safetensors", CaptureRequest.NONE);
        assertThat(Fixtures.maxError(bf16.logits(), Fixtures.npy("m4w4", "logits_bf16.npy").data())).isLessThan(TOLERANCE);
    }

    @Test
    void plainInferenceCapturesNothingAndGivesTheSameLogits() throws Exception {
        Inference plain = run("m3w6", "official.safetensors", CaptureRequest.NONE);
        Inference captured = run("m3w6", "official.safetensors", CaptureRequest.ALL);
        assertThat(plain.attention()).isEmpty();
        assertThat(plain.stageOutputs()).isEmpty();
        assertThat(plain.logits()).containsExactly(captured.logits());
    }
}
