package io.swinlens.model.load;

import io.swinlens.i18n.Messages;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.weights.WeightsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the weights a user means: a file path, a model name that the injected {@link CatalogueLookup}
 * knows (a downloaded catalogue model such as {@code swin_tiny}), or nothing for the bundled demo model.
 * Resolving the demo model may copy it out of the jar: call it off the FX thread.
 */
public final class ModelResolver {

    private final CatalogueLookup catalogueLookup;

    public ModelResolver(CatalogueLookup catalogueLookup) { this.catalogueLookup = catalogueLookup; }

    /** The file for {@code --weights} (null = the bundled demo model). */
    public Path resolve(String weights) throws WeightsException {
        if (weights == null || weights.isBlank()) {
            try {
                return BundledModel.path().orElseThrow(() -> new WeightsException(WeightsException.Kind.NOT_FOUND,
                        Messages.get("error.resolve.noBundled")));
            } catch (IOException e) {
                throw new WeightsException(WeightsException.Kind.UNREADABLE, Messages.get("error.resolve.cannotUnpack",
                        io.swinlens.model.io.AtomicFiles.describe(io.swinlens.model.io.CacheDirs.models(), e)), e);
            }
        }
        Path path = Path.of(weights);
        if (Files.exists(path)) return path;
        Path fetched = catalogueLookup.find(weights);
        if (fetched != null) return fetched;
        throw WeightsException.of(WeightsException.Kind.NOT_FOUND, path, Messages.get("error.resolve.noSuchFile"));
    }

    public LoadedModel load(String weights) throws WeightsException {
        return ModelLoader.load(resolve(weights));
    }

    /** @param pretrainedWindows V2 pretrained windows as the user gave them, or null */
    public LoadedModel load(String weights, int[] pretrainedWindows) throws WeightsException {
        return ModelLoader.load(resolve(weights), pretrainedWindows);
    }

    /** The preprocessing a model expects unless the user says otherwise: squash for the demo model. */
    public static Preprocess defaultPreprocess(LoadedModel model) {
        return BundledModel.isBundled(model.source()) ? Preprocess.HF : Preprocess.OFFICIAL;
    }
}
