package io.swinlens.analysis.teaching;

import com.google.gson.JsonObject;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.ScoreParts;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RelativeBiasViewTest {

    private static ScoreParts parts(String model, String file, int stage, int block, int window, int head) {
        return TeachingFixtures.run(model, file, CaptureRequest.NONE.withParts(stage, block, window, head)).scoreParts().orElseThrow();
    }

    private static RelativeBiasView view(String model, String file, BlockGeometry g) {
        return RelativeBiasView.of(TeachingFixtures.load(model, file).model(), g);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"m4w4, official.safetensors", "m7, timm.pth", "m3w6, hf.safetensors", "m3w6, torchvision.pth"})
    void gatheredBiasIsWhatTheForwardPassAdds(String model, String file) {
        JsonObject meta = Fixtures.json(model, "parts/meta.json");
        ScoreParts p = parts(model, file, meta.get("stage").getAsInt(), meta.get("block").getAsInt(),
                meta.get("window").getAsInt(), meta.get("head").getAsInt());
        Grid gathered = view(model, file, p.geometry()).gathered(p.head());
        assertThat(gathered.height()).isEqualTo(p.tokensPerWindow());
        assertThat(gathered.values()).containsExactly(p.bias());
    }

    /** m4w4's last stage is 2 x 2: its window is clamped from 4 to 2 and it reads the middle of its table. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"official.pth", "timm.safetensors", "torchvision.safetensors", "hf.bin"})
    void aClampedWindowGathersEveryHeadLikeTheForwardPass(String file) {
        LoadedModel loaded = TeachingFixtures.load("m4w4", file);
        int heads = loaded.config().heads(3);
        for (int head = 0; head < heads; head++) {
            ScoreParts p = parts("m4w4", file, 3, 1, 0, head);
            assertThat(p.geometry().window()).isEqualTo(2);
            RelativeBiasView view = view("m4w4", file, p.geometry());
            assertThat(view.window()).isEqualTo(2);
            assertThat(view.heads()).isEqualTo(heads);
            assertThat(view.gathered(head).values()).as("head %d", head).containsExactly(p.bias());
        }
    }

    @Test
    void gridRowsAreQueryMinusKeyRowsAndItsCentreIsTheZeroOffset() {
        LoadedModel loaded = TeachingFixtures.load("m7", "official.safetensors");
        BlockGeometry g = loaded.model().geometry(224, 224).get(0);
        RelativeBiasView view = RelativeBiasView.of(loaded.model(), g);
        int m = g.window();
        int mt = view.tableWindow();
        assertThat(view.span()).isEqualTo(2 * mt - 1);
        for (int head = 0; head < view.heads(); head++) {
            Grid grid = view.grid(head);
            Grid gathered = view.gathered(head);
            assertThat(grid.height()).isEqualTo(view.span());
            for (int i = 0; i < m * m; i++) {
                for (int j = 0; j < m * m; j++) {
                    int dh = i / m - j / m;
                    int dw = i % m - j % m;
                    assertThat(gathered.get(i, j)).isEqualTo(grid.get(dh + mt - 1, dw + mt - 1));
                }
            }
            // the zero offset is table row (Mt-1)·(2Mt-1) + (Mt-1) of the stored table
            assertThat(grid.get(mt - 1, mt - 1)).isEqualTo(view.table()[((mt - 1) * view.span() + mt - 1) * view.heads() + head]);
        }
    }

    @org.junit.jupiter.api.Test
    void aV2BlockShowsSixteenSigmoidOfItsPositionMlpAndTheLogSpacedCoordinates() throws Exception {
        LoadedModel loaded = io.swinlens.model.load.ModelLoader.load(Fixtures.file("v2b", "official.pth"));
        var input = Fixtures.npy("v2b", "run_32x32/input.npy");
        var inference = loaded.model().forward(input.data(), 32, 32, CaptureRequest.ALL);
        BlockGeometry g = inference.attention(0, 1).geometry();
        RelativeBiasView v = RelativeBiasView.of(loaded.model(), g, 32, 32);
        assertThat(v.continuous()).isTrue();
        assertThat(v.pretrainedWindow()).isEqualTo(6);
        for (float b : v.table()) assertThat(b).isStrictlyBetween(0f, 16f);
        // the coordinate of offset dy = M-1 with pretrained window 6: t = 8·3/5, log2(t+1)/3
        double t = 8.0 * (g.window() - 1) / (6 - 1);
        assertThat(v.coordinates()[0]).isCloseTo((float) -(Math.log(t + 1) / Math.log(2) / 3), org.assertj.core.data.Offset.offset(1e-6f));
        // the gathered bias is what the forward pass added (the parts fixture is this block, window 3, head 0)
        ScoreParts p = loaded.model().forward(input.data(), 32, 32, CaptureRequest.NONE.withParts(0, 1, 3, 0)).scoreParts().orElseThrow();
        assertThat(Fixtures.maxError(v.gathered(0).values(), p.bias())).isLessThan(1e-6);
        assertThat(Fixtures.maxError(p.bias(), Fixtures.npy("v2b", "run_32x32/parts/bias.npy").data())).isLessThan(1e-4);
    }
}
