package io.swinlens.model.swin;

import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.model.geometry.WindowGeometry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything about a forward pass that depends on the input size but not on the image: each block's
 * geometry, its shift+partition row index and inverse, and its relative bias plus shift mask as one
 * (nW, heads, N, N) array; and each patch merge's row index. Built once per input size.
 */
final class ResolutionPlan {

    record BlockPlan(BlockGeometry geometry, int heads, int[] gather, int[] scatter, float[] bias, float[] mask, INDArray biasMask) { }

    final int height;
    final int width;
    final List<List<BlockPlan>> stages = new ArrayList<>();
    final List<int[]> mergeIndex = new ArrayList<>();

    ResolutionPlan(SwinWeights weights, int height, int width) {
        SwinConfig config = weights.config;
        int p = config.patchSize();
        if (height % p != 0 || width % p != 0) {
            throw new IllegalArgumentException("input %dx%d is not a multiple of the patch size %d".formatted(height, width, p));
        }
        this.height = height;
        this.width = width;
        int h = height / p;
        int w = width / p;
        for (int s = 0; s < config.numStages(); s++) {
            List<BlockPlan> blocks = new ArrayList<>();
            for (int b = 0; b < config.depth(s); b++) {
                BlockGeometry g;
                try {
                    g = BlockGeometry.of(s, b, h, w, config.windowSize());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("input %dx%d does not fit this model (%s); it was trained at %dx%d"
                            .formatted(height, width, e.getMessage(), config.imageSize(), config.imageSize()));
                }
                blocks.add(blockPlan(g, config.heads(s), weights.stages.get(s).get(b)));
            }
            stages.add(List.copyOf(blocks));
            if (s < config.numStages() - 1) {
                if (h % 2 != 0 || w % 2 != 0) {
                    throw new IllegalArgumentException("stage %d resolution %dx%d is odd; patch merging needs even sizes (input %dx%d)"
                            .formatted(s, h, w, height, width));
                }
                mergeIndex.add(mergeIndex(h, w));
                h /= 2;
                w /= 2;
            }
        }
    }

    private static BlockPlan blockPlan(BlockGeometry g, int heads, SwinWeights.Block block) {
        int[] gather = WindowGeometry.partitionIndex(g.height(), g.width(), g.window(), g.shift());
        int[] scatter = WindowGeometry.inverse(gather);
        float[] bias = gatherBias(block, g.window(), heads);
        float[] mask = WindowGeometry.shiftMask(g.height(), g.width(), g.window(), g.shift());
        int n = g.tokensPerWindow();
        int nn = n * n;
        int windows = g.windowCount();
        float[] sum = new float[windows * heads * nn];   // (nW, heads, N, N) = bias[h] + mask[w]
        for (int win = 0; win < windows; win++) {
            for (int head = 0; head < heads; head++) {
                int base = (win * heads + head) * nn;
                for (int k = 0; k < nn; k++) sum[base + k] = bias[head * nn + k] + mask[win * nn + k];
            }
        }
        INDArray biasMask = Nd4j.create(sum, new long[]{windows, heads, n, n}, 'c');
        return new BlockPlan(g, heads, gather, scatter, bias, mask, biasMask);
    }

    /**
     * The relative position bias (heads, N, N) for window M from a table trained for window Mt >= M:
     * offsets (dh, dw) in [-(M-1), M-1] read row (dh+Mt-1)·(2Mt-1) + (dw+Mt-1) of the table.
     */
    static float[] gatherBias(SwinWeights.Block block, int window, int heads) {
        int mt = block.tableWindow();
        if (mt < window) {
            throw new IllegalArgumentException("this checkpoint's relative position table covers a %dx%d window, but the input needs %dx%d windows; use a smaller input"
                    .formatted(mt, mt, window, window));
        }
        int n = window * window;
        int[] index = WindowGeometry.relativePositionIndex(window, mt);     // (N·N) rows of the table
        float[] out = new float[heads * n * n];
        for (int r = 0; r < n * n; r++) {
            for (int head = 0; head < heads; head++) {
                out[head * n * n + r] = block.biasTable()[index[r] * heads + head];
            }
        }
        return out;
    }

    /**
     * Row index for patch merging (docs/swin-reference.md §3.11): row 4t+k of the gathered matrix is x_k of merged token t,
     * with x0 = (2i, 2j), x1 = (2i+1, 2j), x2 = (2i, 2j+1), x3 = (2i+1, 2j+1); viewed as (L/4, 4C) that is
     * concat(x0, x1, x2, x3) on channels.
     */
    static int[] mergeIndex(int h, int w) {
        int[] index = new int[h * w];
        int half = w / 2;
        int[][] offsets = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        for (int i = 0; i < h / 2; i++) {
            for (int j = 0; j < half; j++) {
                int t = i * half + j;
                for (int k = 0; k < 4; k++) {
                    index[4 * t + k] = (2 * i + offsets[k][0]) * w + 2 * j + offsets[k][1];
                }
            }
        }
        return index;
    }

    List<BlockGeometry> geometries() {
        List<BlockGeometry> out = new ArrayList<>();
        for (List<BlockPlan> blocks : stages) for (BlockPlan b : blocks) out.add(b.geometry());
        return out;
    }
}
