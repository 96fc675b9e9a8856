package io.swinlens.analysis.teaching;

import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.model.geometry.WindowGeometry;

import java.util.ArrayList;
import java.util.List;

/**
 * Mean attention distance and entropy of every head (in the spirit of Dosovitskiy et al. 2021, Fig. 7).
 * Token (y, x) at stage s has its centre at ((x + 0.5)·P·2^s, (y + 0.5)·P·2^s) input pixels, P the patch
 * size, so a distance of one token is P·2^s pixels. Distances are Euclidean in original (unshifted)
 * coordinates: in a shifted window, the tokens that wrapped around the map are far apart, but the shift
 * mask gives them ~e^-100 of each other's attention, so they add nothing measurable.
 */
public final class HeadStatistics {

    private HeadStatistics() { }

    /** Every stage, block and head, in (stage, block, head) order of {@code attention}. */
    public static List<HeadStatistic> compute(List<BlockAttention> attention, int patchSize) {
        List<HeadStatistic> out = new ArrayList<>();
        for (BlockAttention a : attention) out.addAll(of(a, patchSize));
        return out;
    }

    /** Every head of one block. */
    public static List<HeadStatistic> of(BlockAttention a, int patchSize) {
        BlockGeometry g = a.geometry();
        int n = g.tokensPerWindow();
        int[] index = WindowGeometry.partitionIndex(g);
        double tokenPx = (double) patchSize * (1L << g.stage());
        float[] p = a.probs();
        List<HeadStatistic> out = new ArrayList<>(a.heads());
        for (int h = 0; h < a.heads(); h++) {
            double distance = 0;
            double entropy = 0;
            for (int w = 0; w < g.windowCount(); w++) {
                for (int i = 0; i < n; i++) {
                    int q = index[w * n + i];
                    if (q < 0) continue;                       // a padded query is no image content
                    int off = a.rowOffset(w, h, i);
                    for (int j = 0; j < n; j++) {
                        double pj = p[off + j];
                        if (pj <= 0) continue;                 // 0·log 0 = 0, and no distance either
                        int k = index[w * n + j];
                        entropy -= pj * Math.log(pj);
                        if (k < 0) continue;                   // a padded key has no place on the image
                        distance += pj * Math.hypot(q / g.width() - k / g.width(), q % g.width() - k % g.width());
                    }
                }
            }
            int queries = g.tokenCount();
            out.add(new HeadStatistic(g.stage(), g.block(), h, distance / queries * tokenPx, entropy / queries));
        }
        return out;
    }
}
