package io.swinlens.model.load;

import io.swinlens.model.weights.WeightsException;

import java.nio.file.Path;

/**
 * Maps a model name such as {@code swin_tiny} to a file, for {@code --weights NAME}. The app and the CLI
 * inject the downloaded-models lookup ({@code io.swinlens.model.fetch.FetchedModels}); this package knows
 * no catalogue of its own.
 */
@FunctionalInterface
public interface CatalogueLookup {

    /** Names nothing: every {@code --weights} value is a path. */
    CatalogueLookup NONE = name -> null;

    /** The file for this name; null for a name the lookup does not know; NOT_FOUND when known but absent. */
    Path find(String name) throws WeightsException;
}
