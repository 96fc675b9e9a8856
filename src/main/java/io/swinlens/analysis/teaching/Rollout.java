package io.swinlens.analysis.teaching;

import io.swinlens.analysis.TokenMap;
import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.model.geometry.WindowGeometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Attention rollout (Abnar and Zuidema 2020) made Swin-aware. Per block, A is the head-fused attention
 * as a token x token matrix over the stage's map in original (unshifted) coordinates, zero between tokens
 * of different windows, and R = 0.5·A + 0.5·I accounts for the residual. Starting from the mean pool
 * (uniform over the last stage's tokens), the row vector v goes backwards through the blocks, v <- v·R,
 * and through each patch merge, where every child token gets a quarter of its merged token's value
 * (children of (i, j) are (2i, 2j), (2i+1, 2j), (2i, 2j+1), (2i+1, 2j+1), docs/swin-reference.md §3.11).
 * R is row-stochastic, so the result sums to 1. v·R is computed window by window, O(L·N) per block:
 * no dense L x L matrix is ever built.
 */
public final class Rollout {

    private Rollout() { }

    /** The MEAN-fusion rollout over the first stage's token grid (56 x 56 for a 224 input). */
    public static TokenMap compute(List<BlockAttention> attention) { return compute(attention, HeadFusion.MEAN); }

    /** The rollout over the first stage's token grid, heads fused as {@code fusion} says. */
    public static TokenMap compute(List<BlockAttention> attention, HeadFusion fusion) { return perStage(attention, fusion).get(0); }

    /**
     * The rollout read at the input of every stage: element s is a map over stage s's tokens, the vector
     * after going back through stage s's first block. Element 0 is {@link #compute}; every element sums to 1.
     */
    public static List<TokenMap> perStage(List<BlockAttention> attention, HeadFusion fusion) {
        List<List<BlockAttention>> stages = byStage(attention);
        int last = stages.size() - 1;
        BlockGeometry top = stages.get(last).get(0).geometry();
        double[] v = new double[top.tokenCount()];
        Arrays.fill(v, 1.0 / v.length);                      // the mean pool
        TokenMap[] out = new TokenMap[stages.size()];
        for (int s = last; s >= 0; s--) {
            List<BlockAttention> blocks = stages.get(s);
            for (int b = blocks.size() - 1; b >= 0; b--) v = throughBlock(v, blocks.get(b), fusion);
            BlockGeometry g = blocks.get(0).geometry();
            out[s] = tokenMap(g.height(), g.width(), v);
            if (s > 0) {
                BlockGeometry below = stages.get(s - 1).get(0).geometry();
                v = unmerge(v, below.height(), below.width());
            }
        }
        return List.of(out);
    }

    /** v·R with R = 0.5·A + 0.5·I; window row r = w·N + i holds original token index[r]. */
    static double[] throughBlock(double[] v, BlockAttention a, HeadFusion fusion) {
        BlockGeometry g = a.geometry();
        int n = g.tokensPerWindow();
        int[] index = WindowGeometry.partitionIndex(g);      // -1: padding, which carries no image content
        double[] out = new double[v.length];
        for (int t = 0; t < v.length; t++) out[t] = 0.5 * v[t];
        double[] row = new double[n];
        for (int w = 0; w < g.windowCount(); w++) {
            for (int i = 0; i < n; i++) {
                if (index[w * n + i] < 0) continue;
                double weight = 0.5 * v[index[w * n + i]];
                if (weight == 0) continue;
                fusedRow(a, fusion, w, i, row);
                for (int j = 0; j < n; j++) if (index[w * n + j] >= 0) out[index[w * n + j]] += weight * row[j];
            }
        }
        return out;
    }

    /** Row (w, i) of A, the heads fused: N keys in window order. */
    static void fusedRow(BlockAttention a, HeadFusion fusion, int window, int query, double[] row) {
        int n = a.tokensPerWindow();
        float[] p = a.probs();
        if (fusion != HeadFusion.MEAN) {
            Arrays.fill(row, fusion == HeadFusion.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            for (int h = 0; h < a.heads(); h++) {
                int off = a.rowOffset(window, h, query);
                for (int j = 0; j < n; j++) row[j] = fusion == HeadFusion.MAX ? Math.max(row[j], p[off + j]) : Math.min(row[j], p[off + j]);
            }
            double sum = 0;
            for (double x : row) sum += x;
            if (sum > 0) {
                for (int j = 0; j < n; j++) row[j] /= sum;
                return;
            }
        }
        Arrays.fill(row, 0);
        for (int h = 0; h < a.heads(); h++) {
            int off = a.rowOffset(window, h, query);
            for (int j = 0; j < n; j++) row[j] += p[off + j];
        }
        for (int j = 0; j < n; j++) row[j] /= a.heads();
    }

    /** Back through a patch merge: a (H/2, W/2) vector to (H, W), a quarter of each merged token per child. */
    static double[] unmerge(double[] merged, int height, int width) {
        int half = (width + 1) / 2;                       // an odd map was padded before merging
        double[] out = new double[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) out[y * width + x] = 0.25 * merged[(y / 2) * half + x / 2];
        }
        return out;
    }

    /** Blocks grouped by stage, each stage's blocks in order; every block of stages 0..S-1 must be there. */
    static List<List<BlockAttention>> byStage(List<BlockAttention> attention) {
        if (attention.isEmpty()) throw new IllegalArgumentException("rollout needs every block's attention; none was captured");   // not user text: a programming error
        List<BlockAttention> sorted = new ArrayList<>(attention);
        sorted.sort(Comparator.comparingInt(BlockAttention::stage).thenComparingInt(BlockAttention::block));
        List<List<BlockAttention>> stages = new ArrayList<>();
        for (BlockAttention a : sorted) {
            if (a.stage() == stages.size()) stages.add(new ArrayList<>());
            List<BlockAttention> blocks = stages.get(stages.size() - 1);
            if (a.stage() != stages.size() - 1 || a.block() != blocks.size()) {
                throw new IllegalArgumentException("rollout needs every block's attention; stage %d block %d is out of sequence"   // not user text: a programming error
                        .formatted(a.stage(), a.block()));
            }
            blocks.add(a);
        }
        for (int s = 1; s < stages.size(); s++) {
            BlockGeometry below = stages.get(s - 1).get(0).geometry();
            BlockGeometry above = stages.get(s).get(0).geometry();
            if ((below.height() + 1) / 2 != above.height() || (below.width() + 1) / 2 != above.width()) {
                throw new IllegalArgumentException("stage %d is %dx%d but stage %d is %dx%d; a patch merge halves the map (rounding up)"   // not user text: a programming error
                        .formatted(s - 1, below.height(), below.width(), s, above.height(), above.width()));
            }
        }
        return stages;
    }

    private static TokenMap tokenMap(int height, int width, double[] values) {
        return new TokenMap(height, width, Grid.floats(values));
    }
}
