package io.swinlens.model.demo;

import io.swinlens.analysis.AttentionMaps;
import io.swinlens.analysis.TokenMap;
import io.swinlens.analysis.teaching.ClassActivationMap;
import io.swinlens.analysis.teaching.ClassifierHead;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.image.ModelInput;
import io.swinlens.model.load.BundledModel;
import io.swinlens.model.load.InputLoader;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.model.load.ModelResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled demo model, measured in Java on held-out images the training never saw
 * (src/test/resources/demo-eval, made by tools/demo-model/make_data.py with its own seed):
 * it must classify them and its class activation map must point at the object.
 */
class DemoModelTest {

    record Example(Path file, int label, int x0, int y0, int x1, int y1) { }

    static LoadedModel model;
    static List<Example> examples;

    @BeforeAll
    static void load() throws Exception {
        var bundled = BundledModel.path();
        assertThat(bundled).as("the demo model in resources/models (made by tools/demo-model/train.py)").isPresent();
        model = ModelLoader.load(bundled.get());
        Path dir = Path.of(DemoModelTest.class.getResource("/demo-eval/labels.csv").toURI()).getParent();
        examples = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("labels.csv")).subList(1, 201)) {
            String[] f = line.split(",");
            examples.add(new Example(dir.resolve(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]), Integer.parseInt(f[6])));
        }
    }

    private static Inference run(Example e, CaptureRequest capture) throws Exception {
        ModelInput input = InputLoader.load(e.file(), model.config(), ModelResolver.defaultPreprocess(model));
        return model.model().forward(input.chw(), input.height(), input.width(), capture);
    }

    @Test
    void demoModelHasSeveralStagesWithShiftedWindowsAndAtLeastFourByFourWindowsFirst() {
        var geometry = model.model().geometry(model.config().imageSize(), model.config().imageSize());
        assertThat(model.config().numStages()).isGreaterThanOrEqualTo(3);
        assertThat(geometry).anyMatch(g -> g.shifted());
        assertThat(geometry.get(0).windowsAcross()).isGreaterThanOrEqualTo(4);
        assertThat(geometry.get(0).windowsDown()).isGreaterThanOrEqualTo(4);
        assertThat(model.labels().source()).endsWith(".labels.txt");
    }

    @Test
    void classifiesHeldOutImagesAtLeast95PercentRight() throws Exception {
        int right = 0;
        for (Example e : examples) {
            if (run(e, CaptureRequest.NONE).topK(1)[0] == e.label()) right++;
        }
        double accuracy = right / (double) examples.size();
        System.out.printf("demo model held-out accuracy: %.3f (%d/%d)%n", accuracy, right, examples.size());
        assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
    }

    /**
     * Localisation: the attention each token of the last block receives (stage 2, one 4x4 window; mean over heads
     * and queries, the app's "received" view), and the top-1 class activation map min-max scaled as the CAM view
     * shows it, each as a share of the map's mass inside the object's box (each token a cell of the image,
     * weighted by its overlap with the box), are on average at least twice the box's share of the image area:
     * the two views tell a learner the same story.
     */
    @Test
    void lastBlockAttentionAndTheTopClassActivationMapPutAtLeastTwiceTheBoxShareInsideTheBox() throws Exception {
        ClassifierHead head = ClassifierHead.of(model.model());
        var last = model.model().geometry(model.config().imageSize(), model.config().imageSize());
        int lastStage = last.get(last.size() - 1).stage();
        int lastBlock = last.get(last.size() - 1).block();
        double attentionSum = 0;
        double camSum = 0;
        for (Example e : examples) {
            Inference inference = run(e, new CaptureRequest(true, true, null));
            attentionSum += boxRatio(AttentionMaps.received(inference.attention(lastStage, lastBlock), -1), e);
            camSum += boxRatio(minMax(ClassActivationMap.of(head, inference).forClass(inference.topK(1)[0])), e);
        }
        double attention = attentionSum / examples.size();
        double cam = camSum / examples.size();
        System.out.printf("demo model localisation ratio: last-block received attention %.2f, top-1 CAM (min-max) %.2f%n", attention, cam);
        assertThat(attention).isGreaterThanOrEqualTo(2.0);
        assertThat(cam).isGreaterThanOrEqualTo(2.0);
    }

    /** The map scaled to [0, 1] by its minimum and maximum, as the CAM view draws it. */
    private static TokenMap minMax(TokenMap map) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : map.values()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float[] out = new float[map.values().length];
        for (int i = 0; i < out.length; i++) out[i] = hi > lo ? (map.values()[i] - lo) / (hi - lo) : 0;
        return new TokenMap(map.height(), map.width(), out);
    }

    /** (share of the map's positive mass inside the box) / (box area / image area). */
    private static double boxRatio(TokenMap map, Example e) {
        int size = model.config().imageSize();
        double cell = size / (double) map.width();
        double total = 0;
        double inside = 0;
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                double v = Math.max(0, map.get(y, x));
                double ox = overlap(x * cell, (x + 1) * cell, e.x0(), e.x1());
                double oy = overlap(y * cell, (y + 1) * cell, e.y0(), e.y1());
                total += v;
                inside += v * ox * oy / (cell * cell);
            }
        }
        double boxShare = (e.x1() - e.x0()) * (double) (e.y1() - e.y0()) / (size * (double) size);
        return total == 0 ? 0 : inside / total / boxShare;
    }

    private static double overlap(double a0, double a1, double b0, double b1) {
        return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
    }
}
