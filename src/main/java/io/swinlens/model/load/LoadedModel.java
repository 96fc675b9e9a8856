package io.swinlens.model.load;

import io.swinlens.i18n.Messages;
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
 *                 unknown pickle globals, kept as data; a window the file does not store); empty for most files
 * @param origin   where in the file the Swin was and where what the file does not say came from
 */
public record LoadedModel(SwinModel model, SwinConfig config, Path source, FileType fileType,
                          NamingConvention convention, ClassLabels labels, List<String> warnings, Origin origin) {

    /**
     * @param prefix        the prefix the Swin's keys had ("backbone.", "module.", ""); printed by info
     * @param otherModules  top-level modules next to it that were left out (a detector's neck and heads)
     * @param outputNorms   how many per-stage output norms (norm0..3 of a detection backbone) the file has; they feed a neck, not these views
     * @param windowSource  where the window size came from
     * @param pretrainedSource where the pretrained window sizes came from ("none" when there are none)
     */
    public record Origin(String prefix, List<String> otherModules, int outputNorms, String windowSource, String pretrainedSource) {
        /** A model that came with no file to read its origin from: the window from its tables, no pretrained windows. */
        public static Origin plain() {
            return new Origin("", List.of(), 0, Messages.get("error.source.tables"), Messages.get("error.source.none"));
        }

        public Origin {
            otherModules = List.copyOf(otherModules);
        }
    }

    public LoadedModel {
        warnings = List.copyOf(warnings);
    }

    public LoadedModel(SwinModel model, SwinConfig config, Path source, FileType fileType,
                       NamingConvention convention, ClassLabels labels, List<String> warnings) {
        this(model, config, source, fileType, convention, labels, warnings, Origin.plain());
    }

    /** False for a backbone: no predictions and no CAM, every attention view works. */
    public boolean hasClassifier() { return config.hasClassifier(); }

    public String displayName() {
        return source == null ? config.name() : source.getFileName().toString();
    }

    public long parameterCount() { return model.parameterCount(); }
}
