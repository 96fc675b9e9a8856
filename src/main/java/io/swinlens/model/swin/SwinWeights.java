package io.swinlens.model.swin;

import io.swinlens.i18n.Messages;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.geometry.WindowGeometry;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * A Swin V1 or V2 model's parameters as ND4J arrays, named after the official checkpoint keys
 * (docs/swin-reference.md §6, docs/swin-reference.md §9), loaded name by name with every shape checked. Linear weights are kept
 * transposed, (in, out), for gemm. V1: the attention scale d^-0.5 is folded into the q rows of qkv.
 * V2: the k third of qkv.bias is zeroed (as torchvision does at every forward), logit_scale is kept as the
 * per-head factor exp(min(logit_scale, ln 100)), and the position bias MLP as plain arrays.
 */
final class SwinWeights {

    /**
     * A linear layer, y = x·Wᵀ + b, with Wᵀ stored (in, out). {@code biasValues} is {@code bias} on the Java heap, for the
     * kernels that add it while they pass over the product; {@link #packed} holds the weights in the layouts oneDNN's
     * primitives asked for ({@link OneDnn}). Once a reordered copy is what the layer runs with, the row-major Wᵀ is
     * freed ({@link #dropRowMajor}) and made again from that copy when something asks for it ({@link #withRowMajor}):
     * a model keeps one copy of its weights, not two (Swin-B: 350 MB, BENCHMARKS.md).
     */
    static final class Linear {
        private volatile INDArray weightT;                  // null while only a reordered copy is kept; written under this
        private INDArray toClose;                           // dropped while in use: freed by the last user
        private int users;                                  // withRowMajor calls running
        private final long in;
        private final long out;
        private final INDArray bias;
        private final float[] biasValues;
        private final java.util.Map<String, OneDnn.Packed> packed = new java.util.concurrent.ConcurrentHashMap<>();

        Linear(INDArray weightT, INDArray bias) {
            this.weightT = weightT;
            this.in = weightT.rows();
            this.out = weightT.columns();
            this.bias = bias;
            this.biasValues = bias == null ? null : bias.toFloatVector();
        }

        /**
         * Runs {@code use} on Wᵀ, (in, out) row-major, made again from a reordered copy if it was dropped; Wᵀ is not
         * freed while {@code use} runs. Nothing may keep the array past {@code use}.
         */
        <T> T withRowMajor(java.util.function.Function<INDArray, T> use) {
            INDArray w;
            synchronized (this) {
                if (weightT == null) weightT = OneDnn.rowMajor(this);
                w = weightT;
                users++;
            }
            try {
                return use.apply(w);
            } finally {
                synchronized (this) {
                    if (--users == 0 && toClose != null) {
                        close(toClose);
                        toClose = null;
                    }
                }
            }
        }

        /** Frees the row-major Wᵀ when a reordered copy is kept: now, or when the last {@link #withRowMajor} using it ends. */
        void dropRowMajor() {
            if (weightT == null) return;                        // racy read, rechecked under the lock: the common case is free
            synchronized (this) {                               // the lock OneDnn takes to add or remove a copy
                if (packed.isEmpty() || weightT == null) return;
                INDArray w = weightT;
                weightT = null;
                if (users == 0) close(w);
                else toClose = w;
            }
        }

        private static void close(INDArray w) {
            if (w.closeable()) w.close();                       // else the garbage collector frees it
        }

        synchronized boolean hasRowMajor() { return weightT != null; }

        /** Input features, the rows of Wᵀ. */
        long in() { return in; }

        /** Output features, the columns of Wᵀ. */
        long out() { return out; }

        INDArray bias() { return bias; }

        float[] biasValues() { return biasValues; }

        java.util.Map<String, OneDnn.Packed> packed() { return packed; }

        INDArray apply(INDArray x) { return FusedLinear.withBias(this, x); }
        /** x·Wᵀ without the bias (the caller adds {@link #biasValues} in its next pass). */
        INDArray product(INDArray x) { return FusedLinear.product(this, x); }
    }

    /** {@code scaleShift} is γ over β, (2, C), as oneDNN's layer normalization reads them. */
    record Norm(INDArray gamma, INDArray beta, float[] gammaValues, float[] betaValues, INDArray scaleShift) {
        Norm(float[] gamma, float[] beta) { this(vector(gamma), vector(beta), gamma, beta, stacked(gamma, beta)); }
        /** LN(x), a new (L, C): oneDNN's where the fused path runs (docs/performance.md), else the Java loop. */
        INDArray apply(INDArray x) {
            if (!OneDnn.usable() || !OneDnn.dense(x)) return JavaKernels.layerNorm(x, gammaValues, betaValues);
            INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.rows(), x.columns());   // (L, C)
            OneDnn.layerNorm(x, scaleShift, out);
            return out;
        }

        private static INDArray stacked(float[] gamma, float[] beta) {
            float[] both = java.util.Arrays.copyOf(gamma, gamma.length + beta.length);
            System.arraycopy(beta, 0, both, gamma.length, beta.length);
            try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.create(both, new long[]{2, gamma.length}, 'c');
            }
        }
    }

    /**
     * One block. V1: {@code biasTable} is ((2·Mt-1)², heads) row-major as stored, where Mt is the window the
     * table was trained for (a clamped stage stores a smaller table); {@code cosineScale} and {@code cpb} are null.
     * V2: {@code biasTable} is null, {@code cosineScale[h]} = exp(min(logit_scale_h, ln 100)), {@code cpb} the MLP.
     */
    record Block(Norm norm1, Linear qkv, float[] biasTable, int tableWindow, Linear proj, Norm norm2, Linear fc1, Linear fc2,
                 float[] cosineScale, PositionMlp cpb) {
        boolean v2() { return cpb != null; }
    }

    /**
     * V2's continuous position bias MLP: Linear(2, hidden) with bias, ReLU, Linear(hidden, heads) without bias;
     * weights row-major as stored, (hidden, 2), (hidden) and (heads, hidden).
     */
    record PositionMlp(float[] w1, float[] b1, float[] w2, int hidden, int heads) {
        /** The raw MLP output for one (dh, dw) input, before 16·sigmoid: heads values. */
        double[] apply(double dh, double dw) {
            double[] out = new double[heads];
            for (int j = 0; j < hidden; j++) {
                double a = (double) w1[2 * j] * dh + (double) w1[2 * j + 1] * dw + b1[j];
                if (a <= 0) continue;
                for (int h = 0; h < heads; h++) out[h] += w2[h * hidden + j] * a;
            }
            return out;
        }
    }

    /** V1 merges normalise the 4C concatenation before the reduction; V2 normalises the 2C result after it. */
    record Merge(Norm norm, Linear reduction, boolean normAfter) { }

    final SwinConfig config;
    final Linear patchEmbed;     // (3·P·P, C): the 4x4 stride-4 conv as a matmul
    final Norm patchNorm;
    final List<List<Block>> stages;
    final List<Merge> merges;
    final Norm norm;       // null in a backbone file without the final norm
    final Linear head;     // null in a backbone file

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
                boolean v2 = config.isV2();
                merges.add(new Merge(norm(source, prefix + "norm", v2 ? 2 * dim : 4 * dim),
                        new Linear(transposed(source.get(prefix + "reduction.weight", 2 * dim, 4 * dim), 2 * dim, 4 * dim), null), v2));
            }
        }
        int last = config.finalDim();
        Linear head = config.hasClassifier() ? linear(source, "head", config.numClasses(), last) : null;
        boolean finalNorm = config.hasClassifier() || source.shapeOf("norm.weight") != null;
        return new SwinWeights(config, patchEmbed, patchNorm, List.copyOf(stages), List.copyOf(merges),
                finalNorm ? norm(source, "norm", last) : null, head);
    }

    private static Block block(SwinConfig config, int stage, TensorSource source, String prefix) {
        if (config.isV2()) return blockV2(config, stage, source, prefix);
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
                linear(source, prefix + "mlp.fc1", hidden, dim), linear(source, prefix + "mlp.fc2", dim, hidden), null, null);
    }

    /** The largest logit scale V2 allows: the learned log-scale is clamped to ln 100 (docs/swin-reference.md §9). */
    private static final double MAX_LOG_SCALE = Math.log(100.0);

    private static Block blockV2(SwinConfig config, int stage, TensorSource source, String prefix) {
        int dim = config.stageDim(stage);
        int heads = config.heads(stage);
        float[] qkvWeight = source.get(prefix + "attn.qkv.weight", 3L * dim, dim);
        float[] qkvBias = source.get(prefix + "attn.qkv.bias", 3L * dim);
        java.util.Arrays.fill(qkvBias, dim, 2 * dim, 0f);          // V2 has no k bias, however the file stores it
        float[] logScale = source.get(prefix + "attn.logit_scale", heads, 1, 1);
        float[] scale = new float[heads];
        for (int h = 0; h < heads; h++) scale[h] = (float) Math.exp(Math.min(logScale[h], MAX_LOG_SCALE));
        long[] w1Shape = source.shapeOf(prefix + "attn.cpb_mlp.0.weight");
        int hidden = w1Shape != null && w1Shape.length == 2 && w1Shape[0] > 0 && w1Shape[0] <= 65_536 ? (int) w1Shape[0] : 512;
        PositionMlp cpb = new PositionMlp(source.get(prefix + "attn.cpb_mlp.0.weight", hidden, 2),
                source.get(prefix + "attn.cpb_mlp.0.bias", hidden), source.get(prefix + "attn.cpb_mlp.2.weight", heads, hidden), hidden, heads);
        int mlpHidden = dim * config.mlpRatio();
        return new Block(norm(source, prefix + "norm1", dim), new Linear(transposed(qkvWeight, 3 * dim, dim), vector(qkvBias)),
                null, 0, linear(source, prefix + "attn.proj", dim, dim), norm(source, prefix + "norm2", dim),
                linear(source, prefix + "mlp.fc1", mlpHidden, dim), linear(source, prefix + "mlp.fc2", dim, mlpHidden), scale, cpb);
    }

    /** The window a ((2M-1)², heads) table was made for. */
    static int tableWindowOf(String key, long[] shape) {
        int window = shape.length == 2 ? WindowGeometry.tableWindow(shape[0]) : -1;
        if (window < 0) {
            throw new IllegalArgumentException(Messages.get("error.tensor.tableShape", key, java.util.Arrays.toString(shape)));
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
            throw new IllegalArgumentException(Messages.get("error.model.noBlock", block, stage, config.name()));
        }
        return stages.get(stage).get(block);
    }

    /** head.weight back in its checkpoint layout, (classes, 8C) row-major. */
    float[] headWeightRows() {
        requireHead();
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return head.withRowMajor(w -> w.transpose().dup('c').ravel().toFloatVector());
        }
    }

    void requireHead() {
        if (head == null) throw new NoClassifierException();
    }

    long parameterCount() {
        long count = 0;
        for (Linear l : allLinears()) count += l.in() * l.out() + (l.bias() == null ? 0 : l.bias().length());
        for (Norm n : allNorms()) count += n.gamma().length() + n.beta().length();
        for (List<Block> blocks : stages) {
            for (Block b : blocks) {
                if (b.v2()) count += b.cosineScale.length + b.cpb.w1().length + b.cpb.b1().length + b.cpb.w2().length;
                else count += b.biasTable.length;
            }
        }
        return count;
    }

    private List<Linear> allLinears() {
        List<Linear> out = new ArrayList<>(List.of(patchEmbed));
        if (head != null) out.add(head);
        for (List<Block> blocks : stages) for (Block b : blocks) out.addAll(List.of(b.qkv, b.proj, b.fc1, b.fc2));
        for (Merge m : merges) out.add(m.reduction);
        return out;
    }

    private List<Norm> allNorms() {
        List<Norm> out = new ArrayList<>(List.of(patchNorm));
        if (norm != null) out.add(norm);
        for (List<Block> blocks : stages) for (Block b : blocks) out.addAll(List.of(b.norm1, b.norm2));
        for (Merge m : merges) out.add(m.norm);
        return out;
    }
}
