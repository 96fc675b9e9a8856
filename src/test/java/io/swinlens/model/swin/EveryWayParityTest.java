package io.swinlens.model.swin;

import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.capture.StageOutput;
import io.swinlens.model.io.Npy;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Parity on each way of running the linear layers, pinned: which way a shape gets is timed on the machine
 * ({@link FusedLinear}, {@link Gemm}), so the other parity tests check whichever won there; the ways round
 * differently, and each must match PyTorch to 1e-4 on its own (logits, every block's attention, stage outputs).
 */
class EveryWayParityTest {

    static final double TOLERANCE = 1e-4;

    /** How the linears run: the fused way, and for the unfused one which library the product goes to. */
    enum Pinning {
        MATMUL(FusedLinear.Way.MATMUL, null),
        INNER_PRODUCT(FusedLinear.Way.INNER_PRODUCT, null),
        UNFUSED_OPENBLAS(FusedLinear.Way.UNFUSED, false),
        UNFUSED_ONEDNN(FusedLinear.Way.UNFUSED, true);

        final FusedLinear.Way way;
        final Boolean oneDnn;

        Pinning(FusedLinear.Way way, Boolean oneDnn) {
            this.way = way;
            this.oneDnn = oneDnn;
        }

        boolean needsOneDnn() { return way != FusedLinear.Way.UNFUSED || Boolean.TRUE.equals(oneDnn); }
    }

    /** V1 in three geometries, V1 padded, V2 in both window rules, both padded and not, and a backbone. */
    static final List<String[]> CASES = List.of(
            new String[]{"m4w4", "official.pth", ""},
            new String[]{"m7", "official.pth", ""},
            new String[]{"m3w6", "official.pth", ""},
            new String[]{"m7", "torchvision.pth", "pad_160x96"},
            new String[]{"v2a", "torchvision.pth", "run_64x64"},
            new String[]{"v2a", "torchvision.safetensors", "run_56x40"},
            new String[]{"v2b", "official.pth", "run_32x32"},
            new String[]{"v2b", "mmdet_backbone.pth", "run_32x32"});

    static Stream<Arguments> everyCaseEveryWay() {
        List<Arguments> out = new ArrayList<>();
        for (Pinning p : Pinning.values()) for (String[] c : CASES) out.add(Arguments.of(p, c[0], c[1], c[2]));
        return out.stream();
    }

    @AfterEach
    void unpin() {
        FusedLinear.pin(null);
        Gemm.pin(null);
    }

    @ParameterizedTest(name = "{0}: {1} {2} {3}")
    @MethodSource("everyCaseEveryWay")
    void eachWayMatchesPyTorch(Pinning pinning, String model, String file, String runDir) throws Exception {
        assumeTrue(!pinning.needsOneDnn() || OneDnn.usable(), "oneDNN is not there on this machine");
        FusedLinear.pin(pinning.way);
        Gemm.pin(pinning.oneDnn);
        LoadedModel loaded = ModelLoader.load(Fixtures.file(model, file));
        String dir = runDir.isEmpty() ? "" : runDir + "/";
        Npy.Array input = Fixtures.npy(model, dir + "input.npy");   // (1, 3, H, W)
        Inference result = loaded.model().forward(input.data(), input.dim(2), input.dim(3), CaptureRequest.ALL);

        if (loaded.hasClassifier()) {
            assertThat(Fixtures.maxError(result.logits(), Fixtures.npy(model, dir + "logits.npy").data())).as("logits").isLessThan(TOLERANCE);
        }
        assertThat(result.attention()).isNotEmpty();
        for (BlockAttention a : result.attention()) {
            Npy.Array expected = Fixtures.npy(model, dir + "attention/stage%d_block%d.npy".formatted(a.stage(), a.block()));
            assertThat(Fixtures.maxError(a.probs(), expected.data())).as("attention of %s", a.geometry()).isLessThan(TOLERANCE);
        }
        assertThat(result.stageOutputs()).isNotEmpty();
        for (StageOutput s : result.stageOutputs()) {
            Npy.Array expected = Fixtures.npy(model, dir + "stages/stage%d.npy".formatted(s.stage()));
            assertThat(Fixtures.maxError(s.tokens(), expected.data())).as("stage %d", s.stage()).isLessThan(TOLERANCE);
        }
    }
}
