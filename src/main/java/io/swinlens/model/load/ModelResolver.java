package io.swinlens.model.load;

import io.swinlens.model.fetch.FetchedModels;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.weights.WeightsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the weights a user means: a file path, a downloaded catalogue model's name such as
 * {@code swin_tiny} (through {@link FetchedModels} unless replaced), or nothing for the bundled demo model.
 */
public final class ModelResolver {

    /** Maps a catalogue name to a downloaded file, or returns null. */
    public interface CatalogueLookup {
        Path find(String name) throws WeightsException;
    }

    // Set here rather than by the CLI or the GUI, so that every entry point (and every test) sees it.
    private static volatile CatalogueLookup catalogueLookup = new FetchedModels();

    private ModelResolver() { }

    public static void setCatalogueLookup(CatalogueLookup lookup) { catalogueLookup = lookup; }

    /** The file for {@code --weights} (null = the bundled demo model). */
    public static Path resolve(String weights) throws WeightsException {
        if (weights == null || weights.isBlank()) {
            try {
                return BundledModel.path().orElseThrow(() -> new WeightsException(WeightsException.Kind.NOT_FOUND,
                        "no weights given and this build has no bundled demo model; pass --weights FILE"));
            } catch (IOException e) {
                throw new WeightsException(WeightsException.Kind.UNREADABLE, "cannot unpack the bundled demo model: " + e.getMessage(), e);
            }
        }
        Path path = Path.of(weights);
        if (Files.exists(path)) return path;
        Path fetched = catalogueLookup.find(weights);
        if (fetched != null) return fetched;
        throw WeightsException.of(WeightsException.Kind.NOT_FOUND, path, "no such file");
    }

    public static LoadedModel load(String weights) throws WeightsException {
        return ModelLoader.load(resolve(weights));
    }

    /** The preprocessing a model expects unless the user says otherwise: squash for the demo model. */
    public static Preprocess defaultPreprocess(LoadedModel model) {
        return BundledModel.isBundled(model.source()) ? Preprocess.HF : Preprocess.OFFICIAL;
    }
}
