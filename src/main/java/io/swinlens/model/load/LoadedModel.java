package io.swinlens.model.load;

import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.swin.SwinModel;
import io.swinlens.model.weights.FileType;
import io.swinlens.model.weights.NamingConvention;

import java.nio.file.Path;
import java.util.List;

/**
 * A model ready to run, with where it came from and what its outputs are called.
 *
 * @param warnings one line each that the user should see although the model loaded (the checkpoint's
 *                 unknown pickle globals, kept as data); empty for most files
 */
public record LoadedModel(SwinModel model, SwinConfig config, Path source, FileType fileType,
                          NamingConvention convention, ClassLabels labels, List<String> warnings) {

    public LoadedModel {
        warnings = List.copyOf(warnings);
    }

    public String displayName() {
        return source == null ? config.name() : source.getFileName().toString();
    }

    public long parameterCount() { return model.parameterCount(); }
}
