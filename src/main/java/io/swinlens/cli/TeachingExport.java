package io.swinlens.cli;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.teaching.ClassActivationMap;
import io.swinlens.analysis.teaching.HeadFusion;
import io.swinlens.analysis.teaching.TeachingImages;
import io.swinlens.i18n.Messages;
import io.swinlens.model.load.LoadedModel;

import java.awt.image.BufferedImage;
import io.swinlens.analysis.Colormap;
import java.util.Locale;

/** The teaching views {@code export --mode rollout|cam|stats|bias|block|embed|merge} writes, through the app's renderer. */
enum TeachingExport {
    ROLLOUT, CAM, STATS, BIAS, BLOCK, EMBED, MERGE;

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
    BufferedImage render(LoadedModel model, AnalysedImage a, int stage, int block, int queryX, int queryY, HeadFusion fusion, Integer classIndex,
                         Colormap colormap, io.swinlens.analysis.teaching.Diverging signed) {
        return switch (this) {
            case ROLLOUT -> TeachingImages.rollout(a, fusion, colormap);
            case CAM -> {
                ModelOptions.requireClassifier(model, Messages.get("cli.classifier.noCam"));
                ClassActivationMap maps = TeachingImages.classActivationMaps(model, a);
                int c = classIndex != null ? classIndex : a.inference().topK(1)[0];
                if (c < 0 || c >= maps.classes()) throw new CliException(ExitCodes.USAGE, Messages.get("cli.usage.classMissing", c, maps.classes() - 1));
                yield TeachingImages.cam(a, maps, c, model.labels().name(c), colormap);
            }
            case STATS -> TeachingImages.statistics(a, TeachingImages.statistics(a));
            case BIAS -> TeachingImages.biasBlock(model, a, stage, block, signed);
            case BLOCK -> TeachingImages.block(a, TeachingImages.blockTrace(model, a, stage, block, queryX, queryY), -1, -1, signed).image();
            case EMBED -> TeachingImages.embed(model, a, queryX, queryY);
            case MERGE -> {
                if (stage >= a.stages() - 1) {
                    throw new CliException(ExitCodes.USAGE, Messages.get("cli.usage.mergeStage", stage, a.stages() - 2));
                }
                yield TeachingImages.merge(model, a, stage, queryX, queryY);
            }
        };
    }

    /** The file name's part after the stem: rollout_mean, cam_c281, stats, bias_s0b1. */
    String suffix(AnalysedImage a, int stage, int block, HeadFusion fusion, Integer classIndex) {
        return switch (this) {
            case ROLLOUT -> "rollout_" + fusion.name().toLowerCase(Locale.ROOT);
            case CAM -> "cam_c" + (classIndex != null ? classIndex : a.inference().topK(1)[0]);
            case STATS -> "stats";
            case BIAS -> "s%db%d_bias".formatted(stage, block);
            case BLOCK -> "s%db%d_block".formatted(stage, block);
            case EMBED -> "embed";
            case MERGE -> "merge_s%d".formatted(stage);
        };
    }
}
