package io.swinlens.model.load;

import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.swin.SwinModel;
import io.swinlens.model.weights.FileType;
import io.swinlens.model.weights.NamingConvention;

import java.nio.file.Path;

/** A model ready to run, with where it came from and what its outputs are called. */
public record LoadedModel(SwinModel model, SwinConfig config, Path source, FileType fileType,
                          NamingConvention convention, ClassLabels labels) {

    public String displayName() {
        return source == null ? config.name() : source.getFileName().toString();
    }

    public long parameterCount() { return model.parameterCount(); }
}
