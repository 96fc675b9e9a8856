package io.swinlens.analysis.teaching;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.Colormap;
import io.swinlens.analysis.TokenMap;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.capture.ScoreParts;
import io.swinlens.model.load.LoadedModel;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The numbers and pictures of the teaching views from an {@link AnalysedImage}: what both File > Export
 * and {@code export --mode rollout|cam|stats|bias} call, so that the two write the same pixels.
 */
public final class TeachingImages {

    private TeachingImages() { }

    public static TokenMap rolloutMap(AnalysedImage a, HeadFusion fusion) { return Rollout.compute(a.inference().attention(), fusion); }

    public static BufferedImage rollout(AnalysedImage a, HeadFusion fusion, Colormap colormap) {
        return TeachingRenderer.rollout(a, rolloutMap(a, fusion), fusion, colormap);
    }

    /** A second forward pass that keeps the last stage's output (the analysis pass does not). */
    public static ClassActivationMap classActivationMaps(LoadedModel model, AnalysedImage a) {
        Inference inference = model.model().forward(a.input().chw(), a.input().height(), a.input().width(),
                new CaptureRequest(false, true, null));
        return ClassActivationMap.of(ClassifierHead.of(model.model()), inference);
    }

    public static BufferedImage cam(AnalysedImage a, ClassActivationMap maps, int classIndex, String label, Colormap colormap) {
        return TeachingRenderer.cam(a, maps.forClass(classIndex), label, classIndex, colormap);
    }

    /** A forward pass that records the score parts of one window and head. */
    public static ScoreParts scoreParts(LoadedModel model, AnalysedImage a, QueryToken q, int head) {
        var g = q.geometry();
        Inference inference = model.model().forward(a.input().chw(), a.input().height(), a.input().width(),
                CaptureRequest.NONE.withParts(g.stage(), g.block(), q.window(), head));
        return inference.scoreParts().orElseThrow(() -> new IllegalStateException("the forward pass recorded no score parts"));
    }

    public static List<HeadStatistic> statistics(AnalysedImage a) {
        return HeadStatistics.compute(a.inference().attention(), a.config().patchSize());
    }

    public static BufferedImage statistics(AnalysedImage a, List<HeadStatistic> stats) {
        return HeadStatisticsPlot.draw(a.modelName(), stats);
    }

    public static RelativeBiasView bias(LoadedModel model, AnalysedImage a, int stage, int block) {
        return RelativeBiasView.of(model.model(), a.inference().attention(stage, block).geometry(), a.input().height(), a.input().width());
    }

    public static BufferedImage biasBlock(LoadedModel model, AnalysedImage a, int stage, int block, Diverging signed) {
        return TeachingRenderer.biasBlock(a.modelName(), bias(model, a, stage, block), signed);
    }

    /** The token under model-input pixel (x, y) at a stage, as an index of that stage's map (negative: the centre). */
    static int tokenAt(AnalysedImage a, int stage, int x, int y) {
        var g = a.inference().attention(stage, 0).geometry();
        QueryToken q = QueryToken.atPixel(a, g, x, y);
        return q.tokenY() * g.width() + q.tokenX();
    }

    /** The query token's path through one block (a forward pass of its own). */
    public static io.swinlens.model.capture.Trace blockTrace(LoadedModel model, AnalysedImage a, int stage, int block, int x, int y) {
        var request = io.swinlens.model.capture.TraceRequest.block(stage, block, tokenAt(a, stage, x, y));
        return model.model().forward(a.input().chw(), a.input().height(), a.input().width(), CaptureRequest.NONE.withTrace(request))
                .traced().orElseThrow();
    }

    public static BlockWalkthrough.Rendered block(AnalysedImage a, io.swinlens.model.capture.Trace trace, int step, int hoverKey, Diverging signed) {
        return BlockWalkthrough.render(a, trace, step, hoverKey, signed);
    }

    /** The patch under pixel (x, y) through the patch embedding, with the whole embedded map. */
    public static BufferedImage embed(LoadedModel model, AnalysedImage a, int x, int y) {
        var request = io.swinlens.model.capture.TraceRequest.embed(tokenAt(a, 0, x, y));
        var trace = model.model().forward(a.input().chw(), a.input().height(), a.input().width(), CaptureRequest.NONE.withTrace(request))
                .traced().orElseThrow();
        return PatchViews.embed(a, trace, model.model().patchEmbedWeight());
    }

    /** The merged token over pixel (x, y) in the patch merging after {@code stage}, with every stage's output. */
    public static BufferedImage merge(LoadedModel model, AnalysedImage a, int stage, int x, int y) {
        if (stage < 0 || stage >= a.stages() - 1) {
            throw new IllegalArgumentException("stage %d has no patch merging after it: merges follow stages 0..%d".formatted(stage, a.stages() - 2));   // not user text: a programming error
        }
        var request = io.swinlens.model.capture.TraceRequest.merge(stage, tokenAt(a, stage + 1, x, y));
        Inference inference = model.model().forward(a.input().chw(), a.input().height(), a.input().width(),
                new CaptureRequest(false, true, null, request));
        return PatchViews.merge(a, inference.traced().orElseThrow(), inference.stageOutputs());
    }
}
