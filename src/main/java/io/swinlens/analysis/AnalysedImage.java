package io.swinlens.analysis;

import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.image.ModelInput;
import io.swinlens.model.load.LoadedModel;

import java.nio.file.Path;

/** One image run through a model with every block's attention captured: what every view renders from. */
public record AnalysedImage(String modelName, SwinConfig config, Path source, ModelInput input, Inference inference, String[] labels) {

    /** Runs the model on the input, capturing attention, and names the top-5 classes. */
    public static AnalysedImage analyse(LoadedModel model, Path source, ModelInput input) {
        Inference inference = model.model().forward(input.chw(), input.height(), input.width(), new CaptureRequest(true, false, null));
        int[] top = inference.topK(5);
        String[] labels = new String[top.length];
        for (int i = 0; i < top.length; i++) labels[i] = model.labels().name(top[i]);
        return new AnalysedImage(model.displayName(), model.config(), source, input, inference, labels);
    }

    public int stages() { return config.numStages(); }

    public int blocks(int stage) { return config.depth(stage); }

    public int heads(int stage) { return config.heads(stage); }

    /** Model-input pixels per token at a stage: patch·2^stage. */
    public int tokenPixels(int stage) { return config.patchSize() << stage; }
}
