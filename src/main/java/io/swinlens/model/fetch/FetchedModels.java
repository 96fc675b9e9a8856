package io.swinlens.model.fetch;

import io.swinlens.i18n.Messages;
import io.swinlens.model.load.CatalogueLookup;
import io.swinlens.model.weights.WeightsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Lets {@code --weights swin_tiny} mean the downloaded file of that catalogue model. */
public final class FetchedModels implements CatalogueLookup {

    private final Supplier<ModelCatalogue> catalogue;

    public FetchedModels() { this(ModelCatalogue::bundled); }

    FetchedModels(Supplier<ModelCatalogue> catalogue) { this.catalogue = catalogue; }

    /** The downloaded file; null for a name not in the catalogue; NOT_FOUND for one not downloaded yet. */
    @Override public Path find(String name) throws WeightsException {
        Optional<ModelCatalogue.Entry> entry = catalogue.get().find(name);
        if (entry.isEmpty()) return null;
        Path file = ModelFetcher.fileOf(entry.get());
        if (Files.isRegularFile(file)) return file;
        throw new WeightsException(WeightsException.Kind.NOT_FOUND, Messages.get("error.fetched.notYet", name));
    }
}
