package io.swinlens.model.swin;

import io.swinlens.i18n.Messages;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.model.geometry.WindowGeometry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything about a forward pass that depends on the input size but not on the image: each block's
 * geometry (window rule, padding, per-axis shift: docs/swin-reference.md §5), its shift+partition row index and
 * inverse, and its position bias plus shift mask as one (nW, heads, N, N) array; and each patch merge's row
 * index. Built once per input size. Padded tokens are zero rows: gather indices equal to L (the token count)
 * point at a zero row appended to the (L, C) matrix.
 */
final class ResolutionPlan {

    /**
     * @param gather    for each window-order row, the token it holds; L for a padded (zero) token
     * @param scatter   for each real token, its window-order row
     * @param bias      the position bias (heads, N, N): V1's gathered table, V2's 16·sigmoid(CPB) gathered
     * @param cpbTable  V2 only: 16·sigmoid of the MLP's output, ((2M-1)², heads) row-major; null for V1
     * @param coords    V2 only: the log-spaced coordinates fed to the MLP, ((2M-1)², 2) row-major; null for V1
     */
    record BlockPlan(BlockGeometry geometry, int heads, int[] gather, int[] scatter, float[] bias, float[] mask, INDArray biasMask,
                     float[] cpbTable, float[] coords) {
    }

    /** A merge's gather (4 rows per merged token, L for padding) and the merged map's size. */
    record MergePlan(int[] index, int height, int width) { }

    final int height;
    final int width;
    final List<List<BlockPlan>> stages = new ArrayList<>();
    final List<MergePlan> merges = new ArrayList<>();

    ResolutionPlan(SwinWeights weights, int height, int width) {
        SwinConfig config = weights.config;
        int p = config.patchSize();
        if (height % p != 0 || width % p != 0) {
            throw new IllegalArgumentException(Messages.get("error.input.notPatchMultiple", height, width, p));
        }
        this.height = height;
        this.width = width;
        int h = height / p;
        int w = width / p;
        for (int s = 0; s < config.numStages(); s++) {
            List<BlockPlan> blocks = new ArrayList<>();
            for (int b = 0; b < config.depth(s); b++) {
                BlockGeometry g = BlockGeometry.of(s, b, h, w, config.windowSize(), config.windowRule());
                SwinWeights.Block bw = weights.stages.get(s).get(b);
                blocks.add(bw.v2() ? blockPlanV2(g, config.heads(s), bw, config.pretrainedWindow(s))
                        : blockPlan(g, config.heads(s), bw));
            }
            stages.add(List.copyOf(blocks));
            if (s < config.numStages() - 1) {
                merges.add(mergePlan(h, w));
                h = (h + 1) / 2;
                w = (w + 1) / 2;
            }
        }
    }

    private static BlockPlan blockPlan(BlockGeometry g, int heads, SwinWeights.Block block) {
        float[] bias = gatherBias(block, g.window(), heads);
        return assemble(g, heads, bias, null, null);
    }

    private static BlockPlan blockPlanV2(BlockGeometry g, int heads, SwinWeights.Block block, int pretrainedWindow) {
        int m = g.window();
        float[] coords = logSpacedCoordinates(m, pretrainedWindow);
        int rows = (2 * m - 1) * (2 * m - 1);
        float[] table = new float[rows * heads];
        for (int r = 0; r < rows; r++) {
            double[] out = block.cpb().apply(coords[2 * r], coords[2 * r + 1]);
            for (int h = 0; h < heads; h++) table[r * heads + h] = (float) (16.0 / (1.0 + Math.exp(-out[h])));
        }
        int n = m * m;
        int[] index = WindowGeometry.relativePositionIndex(m);
        float[] bias = new float[heads * n * n];
        for (int r = 0; r < n * n; r++) {
            for (int h = 0; h < heads; h++) bias[h * n * n + r] = table[index[r] * heads + h];
        }
        return assemble(g, heads, bias, table, coords);
    }

    /**
     * V2's coordinate table (docs/swin-reference.md §9): offsets (dh, dw) over -(M-1)..M-1, row-major with dh outer,
     * divided by (P-1) for a pretrained window P, else by (M-1); times 8; sign(t)·log2(|t|+1)/log2(8).
     * Returns ((2M-1)², 2) row-major, channel 0 = dh.
     */
    static float[] logSpacedCoordinates(int window, int pretrainedWindow) {
        int span = 2 * window - 1;
        float divisor = pretrainedWindow > 0 ? pretrainedWindow - 1 : window - 1;
        float[] out = new float[span * span * 2];
        for (int i = 0; i < span; i++) {
            for (int j = 0; j < span; j++) {
                out[2 * (i * span + j)] = logSpaced(i - (window - 1), divisor);
                out[2 * (i * span + j) + 1] = logSpaced(j - (window - 1), divisor);
            }
        }
        return out;
    }

    private static float logSpaced(int offset, float divisor) {
        if (offset == 0 || divisor == 0) return 0f;
        float t = (float) offset / divisor * 8f;                        // float32 steps as the PyTorch code takes them
        return (float) (Math.signum(t) * (Math.log(Math.abs(t) + 1.0) / Math.log(2.0)) / 3.0);
    }

    private static BlockPlan assemble(BlockGeometry g, int heads, float[] bias, float[] cpbTable, float[] coords) {
        int[] partition = WindowGeometry.partitionIndex(g);
        int tokens = g.tokenCount();
        int[] gather = new int[partition.length];
        int[] scatter = new int[tokens];                  // the inverse over real tokens (WindowGeometry.rowOfToken)
        for (int r = 0; r < partition.length; r++) {
            gather[r] = partition[r] < 0 ? tokens : partition[r];
            if (partition[r] >= 0) scatter[partition[r]] = r;
        }
        float[] mask = WindowGeometry.shiftMask(g);
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
        return new BlockPlan(g, heads, gather, scatter, bias, mask, biasMask, cpbTable, coords);
    }

    /**
     * The relative position bias (heads, N, N) for window M from a table trained for window Mt >= M:
     * offsets (dh, dw) in [-(M-1), M-1] read row (dh+Mt-1)·(2Mt-1) + (dw+Mt-1) of the table.
     */
    static float[] gatherBias(SwinWeights.Block block, int window, int heads) {
        int mt = block.tableWindow();
        if (mt < window) {
            throw new IllegalArgumentException(Messages.get("error.input.tableTooSmall", mt, mt, window, window));
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
     * concat(x0, x1, x2, x3) on channels. An odd H or W is padded by one zero row or column first, as torchvision
     * does; those positions read row h·w, the zero row.
     */
    static int[] mergeIndex(int h, int w) {
        int outH = (h + 1) / 2;
        int outW = (w + 1) / 2;
        int[] index = new int[4 * outH * outW];
        int[][] offsets = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        for (int i = 0; i < outH; i++) {
            for (int j = 0; j < outW; j++) {
                int t = i * outW + j;
                for (int k = 0; k < 4; k++) {
                    int y = 2 * i + offsets[k][0];
                    int x = 2 * j + offsets[k][1];
                    index[4 * t + k] = y < h && x < w ? y * w + x : h * w;
                }
            }
        }
        return index;
    }

    private static MergePlan mergePlan(int h, int w) {
        return new MergePlan(mergeIndex(h, w), (h + 1) / 2, (w + 1) / 2);
    }

    List<BlockGeometry> geometries() {
        List<BlockGeometry> out = new ArrayList<>();
        for (List<BlockPlan> blocks : stages) for (BlockPlan b : blocks) out.add(b.geometry());
        return out;
    }

    BlockPlan block(int stage, int block) {
        if (stage < 0 || stage >= stages.size() || block < 0 || block >= stages.get(stage).size()) {
            throw new IllegalArgumentException("no block %d in stage %d".formatted(block, stage));
        }
        return stages.get(stage).get(block);
    }
}
