package io.swinlens.cli;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.teaching.ClassActivationMap;
import io.swinlens.analysis.teaching.HeadFusion;
import io.swinlens.analysis.teaching.TeachingImages;
import io.swinlens.model.load.LoadedModel;

import java.awt.image.BufferedImage;
import io.swinlens.analysis.Colormap;
import java.util.Locale;

/** The teaching views {@code export --mode rollout|cam|stats|bias} writes, through the app's renderer. */
enum TeachingExport {
    ROLLOUT, CAM, STATS, BIAS;

    /** The mode, or null for a heatmap mode (query, received). */
    static TeachingExport parse(String mode) {
        String m = mode.trim().toLowerCase(Locale.ROOT);
        for (TeachingExport t : values()) {
            if (t.id().equals(m)) return t;
        }
        return null;
    }

    String id() { return name().toLowerCase(Locale.ROOT); }

    /** @param classIndex a class for CAM, or null for the top-1 */
    BufferedImage render(LoadedModel model, AnalysedImage a, int stage, int block, HeadFusion fusion, Integer classIndex, Colormap colormap,
                         io.swinlens.analysis.teaching.Diverging signed) {
        return switch (this) {
            case ROLLOUT -> TeachingImages.rollout(a, fusion, colormap);
            case CAM -> {
                ModelOptions.requireClassifier(model, "no class activation map");
                ClassActivationMap maps = TeachingImages.classActivationMaps(model, a);
                int c = classIndex != null ? classIndex : a.inference().topK(1)[0];
                if (c < 0 || c >= maps.classes()) throw new CliException(ExitCodes.USAGE, "--class " + c + " does not exist: classes are 0.." + (maps.classes() - 1));
                yield TeachingImages.cam(a, maps, c, model.labels().name(c), colormap);
            }
            case STATS -> TeachingImages.statistics(a, TeachingImages.statistics(a));
            case BIAS -> TeachingImages.biasBlock(model, a, stage, block, signed);
        };
    }

    /** The file name's part after the stem: rollout_mean, cam_c281, stats, bias_s0b1. */
    String suffix(AnalysedImage a, int stage, int block, HeadFusion fusion, Integer classIndex) {
        return switch (this) {
            case ROLLOUT -> "rollout_" + fusion.name().toLowerCase(Locale.ROOT);
            case CAM -> "cam_c" + (classIndex != null ? classIndex : a.inference().topK(1)[0]);
            case STATS -> "stats";
            case BIAS -> "s%db%d_bias".formatted(stage, block);
        };
    }
}
