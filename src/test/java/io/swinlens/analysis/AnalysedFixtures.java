package io.swinlens.analysis;

import io.swinlens.model.image.Preprocess;
import io.swinlens.model.load.InputLoader;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.testutil.Fixtures;

import java.nio.file.Path;

/** The m4w4 fixture model run on its input.npy (64x64; stages 0-1 have shifted windows of 4), computed once. */
public final class AnalysedFixtures {

    private static AnalysedImage m4w4;

    private AnalysedFixtures() { }

    public static synchronized AnalysedImage m4w4() {
        if (m4w4 == null) {
            try {
                LoadedModel model = ModelLoader.load(Fixtures.file("m4w4", "official.pth"));
                Path input = Fixtures.file("m4w4", "input.npy");
                m4w4 = AnalysedImage.analyse(model, input, InputLoader.load(input, model.config(), Preprocess.OFFICIAL));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return m4w4;
    }
}
