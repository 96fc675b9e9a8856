package io.swinlens.model.swin;

import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.geometry.WindowGeometry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * A Swin V1 model's parameters as ND4J arrays, named after the official checkpoint keys
 * (docs/swin-reference.md §6), loaded name by name with every shape checked. Linear weights are kept
 * transposed, (in, out), for gemm; the attention scale d^-0.5 is folded into the q rows of qkv.
 */
final class SwinWeights {

    record Linear(INDArray weightT, INDArray bias) {
        INDArray apply(INDArray x) { return Nd4jKernels.linear(x, weightT, bias); }
    }

    record Norm(INDArray gamma, INDArray beta, float[] gammaValues, float[] betaValues) {
        Norm(float[] gamma, float[] beta) { this(vector(gamma), vector(beta), gamma, beta); }
        INDArray apply(INDArray x) { return JavaKernels.layerNorm(x, gammaValues, betaValues); }
    }

    /**
     * One block. {@code biasTable} is ((2·Mt-1)², heads) row-major as stored, where Mt is the window the
     * table was trained for (a clamped stage stores a smaller table).
     */
    record Block(Norm norm1, Linear qkv, float[] biasTable, int tableWindow, Linear proj, Norm norm2, Linear fc1, Linear fc2) { }

    record Merge(Norm norm, Linear reduction) { }

    final SwinConfig config;
    final Linear patchEmbed;     // (3·P·P, C): the 4x4 stride-4 conv as a matmul
    final Norm patchNorm;
    final List<List<Block>> stages;
    final List<Merge> merges;
    final Norm norm;
    final Linear head;

    private SwinWeights(SwinConfig config, Linear patchEmbed, Norm patchNorm, List<List<Block>> stages,
                        List<Merge> merges, Norm norm, Linear head) {
        this.config = config;
        this.patchEmbed = patchEmbed;
        this.patchNorm = patchNorm;
        this.stages = stages;
        this.merges = merges;
        this.norm = norm;
        this.head = head;
    }

    static SwinWeights load(SwinConfig config, TensorSource source) {
        int c = config.embedDim();
        int p = config.patchSize();
        int cin = config.inChannels();
        Linear patchEmbed = new Linear(transposed(source.get("patch_embed.proj.weight", c, cin, p, p), c, cin * p * p),
                vector(source.get("patch_embed.proj.bias", c)));
        Norm patchNorm = norm(source, "patch_embed.norm", c);
        List<List<Block>> stages = new ArrayList<>();
        List<Merge> merges = new ArrayList<>();
        for (int s = 0; s < config.numStages(); s++) {
            List<Block> blocks = new ArrayList<>();
            for (int b = 0; b < config.depth(s); b++) {
                blocks.add(block(config, s, source, "layers.%d.blocks.%d.".formatted(s, b)));
            }
            stages.add(List.copyOf(blocks));
            if (s < config.numStages() - 1) {
                int dim = config.stageDim(s);
                String prefix = "layers.%d.downsample.".formatted(s);
                merges.add(new Merge(norm(source, prefix + "norm", 4 * dim),
                        new Linear(transposed(source.get(prefix + "reduction.weight", 2 * dim, 4 * dim), 2 * dim, 4 * dim), null)));
            }
        }
        int last = config.finalDim();
        Linear head = linear(source, "head", config.numClasses(), last);
        return new SwinWeights(config, patchEmbed, patchNorm, List.copyOf(stages), List.copyOf(merges),
                norm(source, "norm", last), head);
    }

    private static Block block(SwinConfig config, int stage, TensorSource source, String prefix) {
        int dim = config.stageDim(stage);
        int heads = config.heads(stage);
        String tableKey = prefix + "attn.relative_position_bias_table";
        long[] tableShape = source.shapeOf(tableKey);
        int tableWindow = tableShape == null ? config.windowSize() : tableWindowOf(tableKey, tableShape);
        float[] table = source.get(tableKey, (long) (2 * tableWindow - 1) * (2 * tableWindow - 1), heads);

        float[] qkvWeight = source.get(prefix + "attn.qkv.weight", 3L * dim, dim);
        float[] qkvBias = source.get(prefix + "attn.qkv.bias", 3L * dim);
        float scale = (float) Math.pow(config.headDim(stage), -0.5);
        for (int row = 0; row < dim; row++) {          // rows 0..C-1 are q (docs/swin-reference.md §3.8)
            for (int k = 0; k < dim; k++) qkvWeight[row * dim + k] *= scale;
            qkvBias[row] *= scale;
        }
        Linear qkv = new Linear(transposed(qkvWeight, 3 * dim, dim), vector(qkvBias));
        int hidden = dim * config.mlpRatio();
        return new Block(norm(source, prefix + "norm1", dim), qkv, table, tableWindow,
                linear(source, prefix + "attn.proj", dim, dim), norm(source, prefix + "norm2", dim),
                linear(source, prefix + "mlp.fc1", hidden, dim), linear(source, prefix + "mlp.fc2", dim, hidden));
    }

    /** The window a ((2M-1)², heads) table was made for. */
    static int tableWindowOf(String key, long[] shape) {
        int window = shape.length == 2 ? WindowGeometry.tableWindow(shape[0]) : -1;
        if (window < 0) {
            throw new IllegalArgumentException("key '" + key + "': expected a ((2M-1)^2, heads) table, got shape "
                    + java.util.Arrays.toString(shape));
        }
        return window;
    }

    private static Linear linear(TensorSource source, String prefix, int out, int in) {
        return new Linear(transposed(source.get(prefix + ".weight", out, in), out, in), vector(source.get(prefix + ".bias", out)));
    }

    private static Norm norm(TensorSource source, String prefix, int dim) {
        return new Norm(source.get(prefix + ".weight", dim), source.get(prefix + ".bias", dim));
    }

    private static INDArray vector(float[] values) {
        return Nd4j.create(values, new long[]{values.length}, 'c');
    }

    /** A row-major (out, in) matrix as a contiguous (in, out) array. */
    private static INDArray transposed(float[] values, int out, int in) {
        return Nd4j.create(values, new long[]{out, in}, 'c').transpose().dup('c');
    }

    Block block(int stage, int block) {
        if (stage < 0 || stage >= stages.size() || block < 0 || block >= stages.get(stage).size()) {
            throw new IllegalArgumentException("no block %d in stage %d of %s".formatted(block, stage, config.name()));
        }
        return stages.get(stage).get(block);
    }

    /** head.weight back in its checkpoint layout, (classes, 8C) row-major. */
    float[] headWeightRows() {
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return head.weightT.transpose().dup('c').ravel().toFloatVector();
        }
    }

    long parameterCount() {
        long count = 0;
        for (INDArray a : allArrays()) count += a.length();
        for (List<Block> blocks : stages) for (Block b : blocks) count += b.biasTable.length;
        return count;
    }

    private List<INDArray> allArrays() {
        List<INDArray> out = new ArrayList<>(List.of(patchEmbed.weightT, patchEmbed.bias, patchNorm.gamma, patchNorm.beta,
                norm.gamma, norm.beta, head.weightT, head.bias));
        for (List<Block> blocks : stages) {
            for (Block b : blocks) {
                for (Linear l : List.of(b.qkv, b.proj, b.fc1, b.fc2)) { out.add(l.weightT); out.add(l.bias); }
                for (Norm n : List.of(b.norm1, b.norm2)) { out.add(n.gamma); out.add(n.beta); }
            }
        }
        for (Merge m : merges) { out.add(m.reduction.weightT); out.add(m.norm.gamma); out.add(m.norm.beta); }
        return out;
    }
}
