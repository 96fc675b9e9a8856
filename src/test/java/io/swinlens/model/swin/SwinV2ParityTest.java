package io.swinlens.model.swin;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.capture.ScoreParts;
import io.swinlens.model.capture.StageOutput;
import io.swinlens.model.config.SwinVersion;
import io.swinlens.model.config.WindowRule;
import io.swinlens.model.io.Npy;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.model.weights.WeightsException;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Swin V2, backbones and inputs of any size against torchvision 0.14's own modules (tools/fixtures/make_v2_fixtures.py),
 * to 1e-4: logits, every block's attention and geometry, stage outputs and one block's score parts.
 */
class SwinV2ParityTest {

    static final double TOLERANCE = 1e-4;

    static Stream<Arguments> v2aInEveryNaming() {
        List<Arguments> out = new ArrayList<>();
        for (String f : List.of("torchvision.pth", "torchvision.safetensors", "official.pth", "official.safetensors",
                "timm_window4.pth", "timm_window4.safetensors", "hf.bin", "hf.safetensors")) {
            out.add(Arguments.of("v2a", f, "run_64x64", null));
        }
        out.add(Arguments.of("v2a", "torchvision.pth", "run_56x40", null));           // padded stages, odd merges
        out.add(Arguments.of("v2a", "torchvision.safetensors", "run_56x40", null));
        out.add(Arguments.of("v2a", "mmdet_backbone.pth", "run_64x64", null));       // no head: attention only
        out.add(Arguments.of("v2b", "official.pth", "run_32x32", null));               // pretrained window from the buffers
        out.add(Arguments.of("v2b", "official.safetensors", "run_32x32", null));
        out.add(Arguments.of("v2b", "hf/model.safetensors", "run_32x32", null));       // ... from config.json beside it
        out.add(Arguments.of("v2b", "timm_window4_meta.safetensors", "run_32x32", null)); // ... from safetensors metadata
        out.add(Arguments.of("v2b", "timm_window4.pth", "run_32x32", new int[]{6, 6, 3})); // ... from the user
        out.add(Arguments.of("v2b", "mmdet_backbone.pth", "run_32x32", null));
        out.add(Arguments.of("m7", "torchvision.pth", "pad_160x96", null));            // V1 at a size that is no window multiple
        out.add(Arguments.of("m7", "torchvision.safetensors", "pad_160x96", null));
        out.add(Arguments.of("m4w4", "mmdet_backbone.pth", "", null));                 // a V1 detection backbone
        return out.stream();
    }

    private static LoadedModel load(String model, String file, int[] pretrained) throws Exception {
        return ModelLoader.load(Fixtures.file(model, file), pretrained);
    }

    private static Inference run(LoadedModel loaded, String model, String runDir, CaptureRequest capture) {
        Npy.Array input = Fixtures.npy(model, prefix(runDir) + "input.npy");   // (1, 3, H, W)
        return loaded.model().forward(input.data(), input.dim(2), input.dim(3), capture);
    }

    private static String prefix(String runDir) { return runDir.isEmpty() ? "" : runDir + "/"; }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("v2aInEveryNaming")
    void logitsAttentionAndGeometryMatchTorchvision(String model, String file, String runDir, int[] pretrained) throws Exception {
        LoadedModel loaded = load(model, file, pretrained);
        Inference result = run(loaded, model, runDir, CaptureRequest.ALL);
        boolean backbone = file.startsWith("mmdet");
        assertThat(loaded.hasClassifier()).isEqualTo(!backbone);
        if (backbone) {
            assertThat(result.logits()).isEmpty();
            assertThat(loaded.origin().prefix()).isEqualTo("backbone.");
            assertThat(loaded.origin().otherModules()).containsExactly("neck", "roi_head", "rpn_head");
            assertThat(loaded.origin().outputNorms()).isEqualTo(loaded.config().numStages());
        } else {
            assertThat(Fixtures.maxError(result.logits(), Fixtures.npy(model, prefix(runDir) + "logits.npy").data())).isLessThan(TOLERANCE);
        }
        JsonArray blocks = blocks(model, runDir);
        assertThat(result.attention()).hasSize(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject b = blocks.get(i).getAsJsonObject();
            BlockAttention a = result.attention().get(i);
            var g = a.geometry();
            assertThat(g.window()).as("window of %s", g).isEqualTo(b.get("window").getAsInt());
            assertThat(g.shiftY()).as("row shift of %s", g).isEqualTo(b.get("shift").getAsInt());
            assertThat(g.shiftX()).as("column shift of %s", g).isEqualTo(b.has("shift_x") ? b.get("shift_x").getAsInt() : b.get("shift").getAsInt());
            if (b.has("padded")) {
                assertThat(g.paddedHeight()).isEqualTo(b.getAsJsonArray("padded").get(0).getAsInt());
                assertThat(g.paddedWidth()).isEqualTo(b.getAsJsonArray("padded").get(1).getAsInt());
            }
            Npy.Array expected = Fixtures.npy(model, prefix(runDir) + "attention/stage%d_block%d.npy".formatted(a.stage(), a.block()));
            assertThat(a.shape()).as("shape of %s", g).containsExactly(expected.shape());
            assertThat(Fixtures.maxError(a.probs(), expected.data())).as("attention of %s", g).isLessThan(TOLERANCE);
        }
        for (StageOutput s : result.stageOutputs()) {
            Npy.Array expected = Fixtures.npy(model, prefix(runDir) + "stages/stage%d.npy".formatted(s.stage()));
            assertThat(new long[]{1, s.height(), s.width(), s.channels()}).containsExactly(expected.shape());
            assertThat(Fixtures.maxError(s.tokens(), expected.data())).as("stage %d", s.stage()).isLessThan(TOLERANCE);
        }
    }

    private static JsonArray blocks(String model, String runDir) throws Exception {
        if (runDir.isEmpty()) return Fixtures.json(model, "config.json").getAsJsonArray("blocks");
        return JsonParser.parseString(Files.readString(Fixtures.file(model, runDir + "/blocks.json"))).getAsJsonArray();
    }

    @Test
    void theWindowRuleFollowsTheFilesOrigin() throws Exception {
        assertThat(load("v2a", "torchvision.pth", null).config().windowRule()).isEqualTo(WindowRule.PAD);
        for (String f : List.of("official.pth", "timm_window4.pth", "hf.bin")) {
            LoadedModel m = load("v2a", f, null);
            assertThat(m.config().windowRule()).as(f).isEqualTo(WindowRule.CLAMP);
            assertThat(m.config().version()).isEqualTo(SwinVersion.V2);
            assertThat(m.config().windowSize()).isEqualTo(4);
        }
        assertThat(load("v2a", "timm_window4.pth", null).origin().windowSource()).isEqualTo("file name");
        assertThat(load("v2a", "official.pth", null).origin().windowSource()).contains("relative_coords_table");
    }

    @Test
    void pretrainedWindowsAreReadFromWhereTheFileSaysThem() throws Exception {
        assertThat(load("v2b", "official.pth", null).config().pretrainedWindows()).containsExactly(6, 6, 3);
        assertThat(load("v2b", "official.pth", null).origin().pretrainedSource()).contains("relative_coords_table");
        assertThat(load("v2b", "hf/model.safetensors", null).origin().pretrainedSource()).contains("config.json");
        assertThat(load("v2b", "timm_window4_meta.safetensors", null).origin().pretrainedSource()).contains("metadata");
        assertThat(load("v2b", "timm_window4.pth", new int[]{6, 6, 3}).origin().pretrainedSource()).isEqualTo("--pretrained-window");
        // without them the file loads (nothing says otherwise) and gives other numbers: the divisor matters
        LoadedModel plain = load("v2b", "timm_window4.pth", null);
        assertThat(plain.config().hasPretrainedWindows()).isFalse();
        float[] logits = run(plain, "v2b", "run_32x32", CaptureRequest.NONE).logits();
        assertThat(Fixtures.maxError(logits, Fixtures.npy("v2b", "run_32x32/logits.npy").data())).isGreaterThan(1e-3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"run_64x64", "run_56x40"})
    void scorePartsAreCosineTimesScalePlusSixteenSigmoidOfThePositionMlpPlusMask(String runDir) throws Exception {
        var meta = JsonParser.parseString(Files.readString(Fixtures.file("v2a", runDir + "/parts/meta.json"))).getAsJsonObject();
        CaptureRequest request = CaptureRequest.NONE.withParts(meta.get("stage").getAsInt(), meta.get("block").getAsInt(),
                meta.get("window").getAsInt(), meta.get("head").getAsInt());
        ScoreParts parts = run(load("v2a", "torchvision.pth", null), "v2a", runDir, request).scoreParts().orElseThrow();
        assertThat(Fixtures.maxError(parts.qk(), Fixtures.npy("v2a", runDir + "/parts/qk.npy").data())).isLessThan(TOLERANCE);
        assertThat(Fixtures.maxError(parts.bias(), Fixtures.npy("v2a", runDir + "/parts/bias.npy").data())).isLessThan(TOLERANCE);
        assertThat(parts.mask()).containsExactly(Fixtures.npy("v2a", runDir + "/parts/mask.npy").data());
        assertThat(parts.mask()).contains(-100f);
        assertThat(Fixtures.maxError(parts.probs(), Fixtures.npy("v2a", runDir + "/parts/probs.npy").data())).isLessThan(TOLERANCE);
        for (float b : parts.bias()) assertThat(b).isBetween(0f, 16f);          // 16·sigmoid
    }

    @Test
    void halfPrecisionV2FilesMatchTheirOwnRoundedReference() throws Exception {
        LoadedModel f16 = load("v2a", "hf_f16.safetensors", null);
        assertThat(Fixtures.maxError(run(f16, "v2a", "run_64x64", CaptureRequest.NONE).logits(),
                Fixtures.npy("v2a", "run_64x64/logits_f16.npy").data())).isLessThan(TOLERANCE);
        LoadedModel bf16 = load("v2a", "timm_window4_bf16.safetensors", null);
        assertThat(Fixtures.maxError(run(bf16, "v2a", "run_64x64", CaptureRequest.NONE).logits(),
                Fixtures.npy("v2a", "run_64x64/logits_bf16.npy").data())).isLessThan(TOLERANCE);
    }

    @Test
    void aBackboneRefusesPredictionsWithOneClearSentence() throws Exception {
        LoadedModel backbone = load("m4w4", "mmdet_backbone.pth", null);
        Npy.Array input = Fixtures.npy("m4w4", "input.npy");
        assertThatThrownBy(() -> backbone.model().logits(input.data(), input.dim(2), input.dim(3)))
                .isInstanceOf(NoClassifierException.class).hasMessageContaining("no classification head");
        assertThatThrownBy(() -> backbone.model().headWeight()).isInstanceOf(NoClassifierException.class);
    }

    @Test
    void badV2FilesFailWithOneLineAndNothingHalfLoaded() {
        assertThatThrownBy(() -> load("v2a", "bad_shapes.pth", null)).isInstanceOf(WeightsException.class)
                .hasMessageContaining("logit_scale").hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(((WeightsException) e).kind()).isEqualTo(WeightsException.Kind.SHAPE_MISMATCH));
        assertThatThrownBy(() -> load("v2b", "official.pth", new int[]{12, 12, 6})).isInstanceOf(WeightsException.class)
                .hasMessageContaining("relative_coords_table was made for 6");
        assertThatThrownBy(() -> load("v2b", "timm_window4.pth", new int[]{6, 6})).isInstanceOf(WeightsException.class)
                .hasMessageContaining("2 pretrained window sizes").hasMessageContaining("3 stages");
        assertThatThrownBy(() -> load("m4w4", "official.pth", new int[]{6, 6, 3})).isInstanceOf(WeightsException.class)
                .hasMessageContaining("Swin V1");
    }
}
