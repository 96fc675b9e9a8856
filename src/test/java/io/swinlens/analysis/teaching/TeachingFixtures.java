package io.swinlens.analysis.teaching;

import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.io.Npy;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.testutil.Fixtures;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fixture models loaded once per test run, and forward passes on their fixture inputs. */
final class TeachingFixtures {

    private static final Map<String, LoadedModel> MODELS = new ConcurrentHashMap<>();

    private TeachingFixtures() { }

    static LoadedModel load(String model, String file) {
        return MODELS.computeIfAbsent(model + "/" + file, k -> {
            try {
                return ModelLoader.load(Fixtures.file(model, file));
            } catch (Exception e) {
                throw new IllegalStateException("cannot load fixture " + k, e);
            }
        });
    }

    static Inference run(String model, String file, CaptureRequest capture) {
        Npy.Array input = Fixtures.npy(model, "input.npy");   // (1, 3, H, W)
        return load(model, file).model().forward(input.data(), input.dim(2), input.dim(3), capture);
    }
}
