package io.swinlens.model.swin;

import io.swinlens.i18n.Messages;
import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.capture.ScoreParts;
import io.swinlens.model.capture.StageOutput;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.geometry.BlockGeometry;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.swinlens.model.capture.Trace;
import io.swinlens.model.capture.TraceRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Swin V1 and V2 forward pass on ND4J, following the official {@code models/swin_transformer.py}
 * (docs/swin-reference.md §3) and {@code swin_transformer_v2.py} (docs/swin-reference.md §9), with torchvision's padding for inputs of
 * any size (docs/swin-reference.md §5). Dimension letters: L tokens of a stage (H·W), C its width, nW windows, N = M² tokens
 * per window, h heads, d = C/h. Activations are token matrices (L, C), batch 1.
 * Padding + cyclic shift + window partition is one row gather, its inverse one more (docs/performance.md).
 * Where oneDNN loads, untraced blocks, merges and the head run as {@link FusedBlock}; the step-by-step code here runs
 * everywhere else and for the blocks a trace or a score decomposition asks about.
 * Thread-safe: each call runs in its own thread's workspace and scratch arrays.
 */
public final class SwinModel {

    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.2).policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).build();
    private static final String WORKSPACE_ID = "swinlens-forward";
    /**
     * Each block's and merge's temporaries (q, k, v, scores, the MLP's hidden layer) live in a scratch workspace that the
     * next block reuses from its start; only x stays in the forward workspace. Without it a forward pass held every
     * block's temporaries at once: about 0.9 GB for Swin-B at 384 (BENCHMARKS.md, "Memory").
     */
    private static final String BLOCK_WORKSPACE_ID = "swinlens-block";

    /** Per thread, the flattened patches of the last image (largest so far), refilled by each pass's patch embedding. */
    private static final ThreadLocal<float[]> PATCHES = ThreadLocal.withInitial(() -> new float[0]);

    private final SwinWeights weights;
    private final Map<Long, ResolutionPlan> plans = new LinkedHashMap<>(4, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Long, ResolutionPlan> eldest) { return size() > 4; }
    };

    private SwinModel(SwinWeights weights) { this.weights = weights; }

    /** A model from named tensors; shapes are checked against the config. */
    public static SwinModel create(SwinConfig config, TensorSource source) {
        return new SwinModel(SwinWeights.load(config, source));
    }

    /** A model with random weights (benchmarks, tests). */
    public static SwinModel random(SwinConfig config, long seed) {
        return create(config, new RandomTensorSource(seed));
    }

    public SwinConfig config() { return weights.config; }

    public long parameterCount() { return weights.parameterCount(); }

    /** Plain inference: logits only, nothing captured. chw is the normalised (3, H, W) input. */
    public float[] logits(float[] chw, int height, int width) {
        weights.requireHead();
        return forward(chw, height, width, CaptureRequest.NONE).logits();
    }

    // Read-only copies of the parameters the analysis views explain (CAM, relative bias); ND4J stays in here.

    /** False for a backbone file: {@link #finalNormWeight}, {@link #headWeight} and {@link #headBias} then throw {@link NoClassifierException}. */
    public boolean hasClassifier() { return weights.head != null; }

    /** The final LayerNorm's γ, (8C). */
    public float[] finalNormWeight() { weights.requireHead(); return weights.norm.gammaValues().clone(); }

    /** The final LayerNorm's β, (8C). */
    public float[] finalNormBias() { weights.requireHead(); return weights.norm.betaValues().clone(); }

    /** The patch embedding's convolution as a matrix: (C, 3·P·P) row-major, columns in (channel, ky, kx) order. */
    public float[] patchEmbedWeight() {
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return weights.patchEmbed.withRowMajor(w -> w.transpose().dup('c').ravel().toFloatVector());
        }
    }

    /** The classifier's weight as the checkpoint stores head.weight: (classes, 8C) row-major. */
    public float[] headWeight() { return weights.headWeightRows(); }

    /** The classifier's bias, (classes). */
    public float[] headBias() { weights.requireHead(); return weights.head.bias().toFloatVector(); }

    /**
     * A V1 block's relative_position_bias_table as stored: ((2Mt-1)², heads) row-major, Mt = {@link #relativeBiasTableWindow}.
     * V2 blocks have no table (see {@link #continuousBias}).
     */
    public float[] relativeBiasTable(int stage, int block) {
        SwinWeights.Block b = weights.block(stage, block);
        if (b.v2()) throw new IllegalArgumentException("a Swin V2 block has no stored bias table; its bias comes from an MLP (continuousBias)");
        return b.biasTable().clone();
    }

    /**
     * V2's continuous position bias of one block at this input size (docs/swin-reference.md §9): the log-spaced
     * coordinates the MLP is fed and 16·sigmoid of its output, each over the (2M-1)² offsets of the block's window.
     */
    public record ContinuousBias(int window, int pretrainedWindow, int heads, float[] coordinates, float[] table) {
        /** 16·sigmoid(CPB) for offset (dh, dw) in head h. */
        public float get(int dh, int dw, int head) {
            int span = 2 * window - 1;
            return table[((dh + window - 1) * span + dw + window - 1) * heads + head];
        }
    }

    public ContinuousBias continuousBias(int stage, int block, int height, int width) {
        ResolutionPlan.BlockPlan b = plan(height, width).block(stage, block);
        if (b.cpbTable() == null) throw new IllegalArgumentException("a Swin V1 block has a stored table, no continuous position bias");
        return new ContinuousBias(b.geometry().window(), weights.config.pretrainedWindow(stage), b.heads(), b.coords().clone(), b.cpbTable().clone());
    }

    /** The window Mt a block's relative bias table was made for (larger than the block's window when it is clamped). */
    public int relativeBiasTableWindow(int stage, int block) { return weights.block(stage, block).tableWindow(); }

    /** Every block's geometry for this input size. */
    public List<BlockGeometry> geometry(int height, int width) { return plan(height, width).geometries(); }

    public Inference forward(float[] chw, int height, int width, CaptureRequest capture) {
        int expected = weights.config.inChannels() * height * width;
        if (chw.length != expected) {
            throw new IllegalArgumentException("input holds " + chw.length + " values, (3, " + height + ", " + width + ") needs " + expected);
        }
        try {
            return forwardOnce(chw, height, width, capture);
        } catch (OneDnn.Failure e) {             // a primitive this build or CPU cannot make: the step-by-step path, from now on
            OneDnn.giveUp(e);
            return forwardOnce(chw, height, width, capture);
        }
    }

    private Inference forwardOnce(float[] chw, int height, int width, CaptureRequest capture) {
        BlockScratch.beginPass();
        ResolutionPlan plan = plan(height, width);
        long start = System.nanoTime();
        Recorder recorder = new Recorder(capture);
        float[] logits;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            INDArray x = embed(chw, height, width, recorder);                     // (L, C)
            int last = weights.config.numStages() - 1;
            for (int s = 0; s <= last; s++) {
                for (ResolutionPlan.BlockPlan block : plan.stages.get(s)) {
                    SwinWeights.Block w = weights.stages.get(s).get(block.geometry().block());
                    try (MemoryWorkspace scratch = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, BLOCK_WORKSPACE_ID)) {
                        INDArray out = w.v2() ? blockV2(x, block, w, recorder) : block(x, block, w, recorder);
                        x = out == x ? x : out.leverageTo(WORKSPACE_ID);                        // in place, or kept past the block
                    }
                }
                recorder.stage(s, plan.stages.get(s).get(0).geometry(), x);
                if (s < last) {
                    long t = OpProfile.now();
                    SwinWeights.Merge m = weights.merges.get(s);
                    MergeTracer mergeTrace = recorder.mergeTracer(s, plan, weights.config);
                    if (mergeTrace == null && FusedBlock.available()) {
                        x = FusedBlock.merge(x, plan.merges.get(s), m);                       // (L/4, 2C), temporaries in scratch
                    } else {
                        try (MemoryWorkspace scratch = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, BLOCK_WORKSPACE_ID)) {
                            x = merge(x, plan.merges.get(s), m, mergeTrace).leverageTo(WORKSPACE_ID); // (L/4, 2C)
                        }
                    }
                    OpProfile.add(OpProfile.Op.MERGE, t, 2.0 * x.rows() * x.columns() * m.reduction().in());
                }
            }
            if (weights.head != null) {
                long t = OpProfile.now();
                logits = FusedBlock.available() ? FusedBlock.classify(x, weights.norm, weights.head)
                        : weights.head.apply(weights.norm.apply(x).mean(0).reshape(1, x.columns())).ravel().toFloatVector(); // classes
                OpProfile.add(OpProfile.Op.HEAD, t, 2.0 * x.columns() * logits.length);
            } else {
                logits = new float[0];                                                     // a backbone: no head
            }
        }
        return new Inference(logits, List.copyOf(recorder.attention), List.copyOf(recorder.stages), recorder.parts,
                height, width, System.nanoTime() - start, recorder.trace);
    }

    private synchronized ResolutionPlan plan(int height, int width) {
        long key = ((long) height << 32) | width;
        ResolutionPlan plan = plans.get(key);
        if (plan == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                plan = new ResolutionPlan(weights, height, width);
            }
            plans.put(key, plan);
        }
        return plan;
    }

    /** The stride-P conv as a matmul on patches flattened (cin, ky, kx), then LayerNorm (docs/swin-reference.md §3.1). */
    private INDArray embed(float[] chw, int height, int width, Recorder recorder) {
        int p = weights.config.patchSize();
        int cin = weights.config.inChannels();
        int h = height / p;
        int w = width / p;
        int patchSize = cin * p * p;
        long started = OpProfile.now();
        float[] patches = PATCHES.get();                   // reused: a new 600 KB array each pass (allocated and zeroed) is not needed
        if (patches.length < h * w * patchSize) PATCHES.set(patches = new float[h * w * patchSize]);
        for (int c = 0; c < cin; c++) {                    // image row by image row: reads in order
            for (int y = 0; y < h; y++) {
                for (int ky = 0; ky < p; ky++) {
                    int from = (c * height + y * p + ky) * width;
                    int to = y * w * patchSize + (c * p + ky) * p;
                    for (int x = 0; x < w; x++, from += p, to += patchSize) {
                        for (int kx = 0; kx < p; kx++) patches[to + kx] = chw[from + kx];
                    }
                }
            }
        }
        INDArray tokens = JavaKernels.copyInto(patches, h * w * patchSize, BlockScratch.get("patches", (long) h * w, patchSize)); // (L, 3·P·P)
        OpProfile.add(OpProfile.Op.PATCH_EMBED, started, 0);
        INDArray linear = FusedLinear.timed(OpProfile.Op.PATCH_EMBED, weights.patchEmbed, OneDnn.Epilogue.NONE, tokens,
                BlockScratch.get("patch embedding", (long) h * w, weights.config.embedDim()));  // (L, C)
        INDArray embedded = FusedBlock.available()                                          // (L, C), stage 1's x
                ? FusedBlock.norm(weights.patchNorm, linear, BlockScratch.get("embedded", (long) h * w, weights.config.embedDim()))
                : norm(weights.patchNorm, linear);
        TraceRequest t = recorder.request.trace();
        if (t != null && t.kind() == TraceRequest.Kind.EMBED) {
            if (t.token() < 0 || t.token() >= h * w) throw new IllegalArgumentException("no patch " + t.token() + " in a " + h + "x" + w + " grid");
            int row = t.token();
            Map<String, Trace.Values> v = new LinkedHashMap<>();
            v.put("patch", new Trace.Values(java.util.Arrays.copyOfRange(patches, row * patchSize, (row + 1) * patchSize), new long[]{cin, p, p}));
            v.put("linear", Recorder.vector(linear, row));
            v.put("token", Recorder.vector(embedded, row));
            v.put("tokens", new Trace.Values(embedded.dup('c').ravel().toFloatVector(), new long[]{h, w, embedded.columns()}));
            recorder.trace = new Trace(t, null, -1, -1, h, w, v, new int[]{(row / w) * p, (row % w) * p});
        }
        return embedded;
    }

    /**
     * V1 (pre-norm): x + attn(LN1(x)), then x + MLP(LN2(x)), in place on x. Untraced: {@link FusedBlock} where oneDNN runs;
     * else proj's bias is added by the residual add with the reverse gather and fc1's and fc2's by {@link FusedLinear}'s
     * pass after their products (GELU, the residual add). Traced, each step's value is kept as the block computes it.
     */
    private INDArray block(INDArray x, ResolutionPlan.BlockPlan plan, SwinWeights.Block blockWeights, Recorder recorder) {
        BlockTracer trace = recorder.blockTracer(plan, weights.config);
        if (trace == null && FusedBlock.available() && !recorder.wantsParts(plan.geometry())) {
            return FusedBlock.v1(x, plan, blockWeights, probs -> recorder.attention(plan, probs));
        }
        if (trace == null) {
            INDArray attended = attention(partition(norm(blockWeights.norm1(), x), plan), plan, blockWeights, recorder, null); // (nW·N, C), no proj bias
            addRows(x, attended, plan.scatter(), blockWeights.proj().biasValues());          // x += proj + b, back in place
            INDArray hidden = fc1Gelu(blockWeights.fc1(), norm(blockWeights.norm2(), x));   // (L, 4C), GELU(fc1)
            fc2Into(blockWeights.fc2(), hidden, x);                                          // x += fc2
            return x;                                                                     // (L, C)
        }
        if (trace != null) trace.vector("input", x);
        INDArray normed = norm(blockWeights.norm1(), x);                                  // (L, C)
        if (trace != null) trace.vector("norm1", normed);
        INDArray windows = partition(normed, plan);                                      // (nW·N, C), padded, shifted, partitioned
        INDArray attended = attention(windows, plan, blockWeights, recorder, trace);      // (nW·N, C)
        if (trace != null) trace.windowRow("proj", attended);
        INDArray back = gatherRows(attended, plan.scatter());                             // (L, C), back in place
        long t = OpProfile.now();
        x = x.add(back);
        OpProfile.add(OpProfile.Op.RESIDUAL, t, x.length());
        if (trace != null) trace.vector("residual1", x);
        INDArray normed2 = norm(blockWeights.norm2(), x);
        if (trace != null) trace.vector("norm2", normed2);
        INDArray hidden = linear(OpProfile.Op.FC1, blockWeights.fc1(), normed2);          // (L, 4C)
        if (trace != null) trace.vector("fc1", hidden);
        gelu(hidden);
        if (trace != null) trace.vector("gelu", hidden);
        INDArray out = linear(OpProfile.Op.FC2, blockWeights.fc2(), hidden);              // (L, C)
        if (trace != null) trace.vector("fc2", out);
        t = OpProfile.now();
        x.addi(out);
        OpProfile.add(OpProfile.Op.RESIDUAL, t, x.length());
        if (trace != null) trace.vector("output", x).finish(recorder);
        return x;                                                                         // (L, C)
    }

    /**
     * V2 (res-post-norm, docs/swin-reference.md §9): x + LN1(attn(x)), then x + LN2(MLP(x)), in place on x. Untraced, each
     * LayerNorm reads its linear's product, adds the bias, and adds its result into x in the same pass.
     */
    private INDArray blockV2(INDArray x, ResolutionPlan.BlockPlan plan, SwinWeights.Block blockWeights, Recorder recorder) {
        BlockTracer trace = recorder.blockTracer(plan, weights.config);
        if (trace == null && FusedBlock.available() && !recorder.wantsParts(plan.geometry())) {
            return FusedBlock.v2(x, plan, blockWeights, probs -> recorder.attention(plan, probs));
        }
        if (trace == null) {
            INDArray attended = attention(partition(x, plan), plan, blockWeights, recorder, null);   // (nW·N, C), no proj bias
            normInto(blockWeights.norm1(), attended, plan.scatter(), blockWeights.proj().biasValues(), x);
            INDArray hidden = fc1Gelu(blockWeights.fc1(), x);                                   // (L, 4C), GELU(fc1)
            normInto(blockWeights.norm2(), product(OpProfile.Op.FC2, blockWeights.fc2(), hidden), null, blockWeights.fc2().biasValues(), x);
            return x;                                                                     // (L, C)
        }
        if (trace != null) trace.vector("input", x);
        INDArray attended = attention(partition(x, plan), plan, blockWeights, recorder, trace);  // (nW·N, C)
        if (trace != null) trace.windowRow("proj", attended);
        INDArray normed = norm(blockWeights.norm1(), gatherRows(attended, plan.scatter()));     // (L, C)
        if (trace != null) trace.vector("norm1", normed);
        long t = OpProfile.now();
        x = x.add(normed);                                                                // (L, C)
        OpProfile.add(OpProfile.Op.RESIDUAL, t, x.length());
        if (trace != null) trace.vector("residual1", x);
        INDArray hidden = linear(OpProfile.Op.FC1, blockWeights.fc1(), x);                // (L, 4C)
        if (trace != null) trace.vector("fc1", hidden);
        gelu(hidden);
        if (trace != null) trace.vector("gelu", hidden);
        INDArray out = linear(OpProfile.Op.FC2, blockWeights.fc2(), hidden);
        if (trace != null) trace.vector("fc2", out);
        INDArray normed2 = norm(blockWeights.norm2(), out);
        if (trace != null) trace.vector("norm2", normed2);
        t = OpProfile.now();
        x.addi(normed2);
        OpProfile.add(OpProfile.Op.RESIDUAL, t, x.length());
        if (trace != null) trace.vector("output", x).finish(recorder);
        return x;                                                                         // (L, C)
    }

    /** Pad (zero rows), roll and partition in one gather. */
    private static INDArray partition(INDArray x, ResolutionPlan.BlockPlan plan) {
        return gatherRows(x, plan.gather());                                // the index x.rows() is a zero row
    }

    /**
     * Attention per window and head (docs/swin-reference.md §3.8, docs/swin-reference.md §9). V1: softmax(q·scale·kᵀ + B + M)·V with
     * the scale folded into q. V2: softmax(τ_h·q̂·k̂ᵀ + 16σ(CPB) + M)·V with q̂, k̂ unit rows and τ_h folded into q̂.
     */
    private INDArray attention(INDArray windows, ResolutionPlan.BlockPlan plan, SwinWeights.Block blockWeights, Recorder recorder,
                               BlockTracer trace) {
        BlockGeometry g = plan.geometry();
        int nW = g.windowCount();
        int n = g.tokensPerWindow();
        int heads = plan.heads();
        INDArray qkvRows = product(OpProfile.Op.QKV, blockWeights.qkv(), windows);        // (nW·N, 3C), bias added by the split
        long t = OpProfile.now();
        INDArray[] qkv = JavaKernels.splitHeads(qkvRows, blockWeights.qkv().biasValues(), nW, n, heads); // 3 x (nW·h, N, d)
        OpProfile.add(OpProfile.Op.HEAD_SPLIT, t, 0);
        INDArray q = qkv[0];
        INDArray k = qkv[1];
        INDArray v = qkv[2];
        if (trace != null) {
            float unscale = blockWeights.v2() ? 1f : (float) Math.sqrt(weights.config.headDim(g.stage()));  // V1's q holds q·d^-0.5
            trace.window("q", q, unscale);
            trace.window("k", k, 1f);
            trace.window("v", v, 1f);
        }
        if (blockWeights.v2()) {
            t = OpProfile.now();
            JavaKernels.normalizeRowsInPlace(q, n, blockWeights.cosineScale());
            JavaKernels.normalizeRowsInPlace(k, n, null);
            OpProfile.add(OpProfile.Op.COSINE, t, 6.0 * q.length());
        }
        INDArray scores = Nd4j.createUninitialized(DataType.FLOAT, (long) nW * heads, n, n); // (nW·h, N, N)
        long d = q.size(2);
        t = OpProfile.now();
        Nd4j.matmul(q, k, scores, false, true, false);
        OpProfile.add(OpProfile.Op.QK, t, 2.0 * nW * heads * n * n * d);
        recorder.beforeBias(plan, scores);
        if (trace != null) trace.queryRows("scores", scores);
        t = OpProfile.now();
        scores.reshape('c', nW, heads, n, n).addi(plan.biasMask());           // + B + M, (nW, h, N, N)
        INDArray attentionProbs = Nd4jKernels.softmaxInPlace(scores);                  // (nW·h, N, N)
        OpProfile.add(OpProfile.Op.SOFTMAX, t, 0);
        recorder.attention(plan, attentionProbs);
        if (trace != null) trace.queryRows("probs", attentionProbs).biasAndMask(plan);
        INDArray context = Nd4j.createUninitialized(DataType.FLOAT, (long) nW * heads, n, v.size(2));
        t = OpProfile.now();
        Nd4j.matmul(attentionProbs, v, context, false, false, false);          // (nW·h, N, d)
        OpProfile.add(OpProfile.Op.AV, t, 2.0 * nW * heads * n * n * d);
        if (trace != null) trace.queryRows("context", context);
        t = OpProfile.now();
        INDArray merged = JavaKernels.mergeHeads(context, nW, n, heads);      // (nW·N, C), channel = head·d + j
        OpProfile.add(OpProfile.Op.HEAD_SPLIT, t, 0);
        return trace != null ? linear(OpProfile.Op.PROJ, blockWeights.proj(), merged)   // with its bias
                : product(OpProfile.Op.PROJ, blockWeights.proj(), merged);                 // the caller adds the bias
    }

    /**
     * Concatenate x0..x3 on channels (an odd map padded first), then V1: LayerNorm(4C), Linear(4C -> 2C);
     * V2: Linear(4C -> 2C), LayerNorm(2C) (docs/swin-reference.md §3.11, docs/swin-reference.md §9).
     */
    private static INDArray merge(INDArray x, ResolutionPlan.MergePlan plan, SwinWeights.Merge m, MergeTracer trace) {
        int[] index = plan.index();
        INDArray gathered = JavaKernels.gatherRows(x, index)                                       // x.rows(): a zero row
                .reshape('c', index.length / 4, 4 * x.columns());                               // (L/4, 4C)
        if (trace == null) {
            return m.normAfter() ? m.norm().apply(m.reduction().apply(gathered))
                    : m.reduction().apply(m.norm().apply(gathered));                             // (L/4, 2C)
        }
        trace.vector("concat", gathered);
        INDArray out;
        if (m.normAfter()) {
            INDArray reduced = m.reduction().apply(gathered);
            trace.vector("reduction", reduced);
            out = m.norm().apply(reduced);
            trace.vector("norm", out);
        } else {
            INDArray normed = m.norm().apply(gathered);
            trace.vector("norm", normed);
            out = m.reduction().apply(normed);
            trace.vector("reduction", out);
        }
        trace.vector("output", out).finish(index, x.rows());
        return out;
    }

    private static INDArray gatherRows(INDArray x, int[] index) {
        long t = OpProfile.now();
        INDArray rows = JavaKernels.gatherRows(x, index);
        OpProfile.add(OpProfile.Op.GATHER, t, 0);
        return rows;
    }

    private static INDArray linear(OpProfile.Op op, SwinWeights.Linear l, INDArray x) {
        long t = OpProfile.now();
        INDArray y = l.apply(x);
        OpProfile.add(op, t, 2.0 * x.rows() * x.columns() * l.out());
        return y;
    }

    private static INDArray product(OpProfile.Op op, SwinWeights.Linear l, INDArray x) {
        long t = OpProfile.now();
        INDArray y = l.product(x);
        OpProfile.add(op, t, 2.0 * x.rows() * x.columns() * l.out());
        return y;
    }

    private static void addRows(INDArray x, INDArray y, int[] rows, float[] bias) {
        long t = OpProfile.now();
        JavaKernels.addRowsInPlace(x, y, rows, bias);
        OpProfile.add(OpProfile.Op.RESIDUAL, t, 2.0 * x.length());
    }

    /** into += LN(y[rows] + bias). */
    private static void normInto(SwinWeights.Norm n, INDArray y, int[] rows, float[] bias, INDArray into) {
        long t = OpProfile.now();
        JavaKernels.layerNorm(y, rows, bias, n.gammaValues(), n.betaValues(), into);
        OpProfile.add(OpProfile.Op.LAYER_NORM, t, 10.0 * into.length());
    }

    private static INDArray norm(SwinWeights.Norm n, INDArray x) {
        long t = OpProfile.now();
        INDArray y = n.apply(x);
        OpProfile.add(OpProfile.Op.LAYER_NORM, t, 8.0 * x.length());
        return y;
    }

    /** GELU(x·Wᵀ + b), a new (L, 4C): a fused oneDNN primitive or the product and a pass, whichever {@link FusedLinear} found fastest. */
    private static INDArray fc1Gelu(SwinWeights.Linear l, INDArray x) {
        return FusedLinear.timed(OpProfile.Op.FC1, l, OneDnn.Epilogue.GELU, x, Nd4j.createUninitialized(DataType.FLOAT, x.rows(), l.out()));
    }

    /** into += x·Wᵀ + b. */
    private static void fc2Into(SwinWeights.Linear l, INDArray x, INDArray into) {
        FusedLinear.timed(OpProfile.Op.FC2, l, OneDnn.Epilogue.ADD, x, into);
    }

    /** GELU in place, as its own timed step (the traced path; elsewhere GELU is part of fc1). */
    private static void gelu(INDArray x) {
        long t = OpProfile.now();
        JavaKernels.geluInPlace(x, null);
        OpProfile.add(OpProfile.Op.GELU, t, 0);
    }

    /** Copies one token's values of one block out of the workspace, in the order the block computes them. */
    private static final class BlockTracer {
        final ResolutionPlan.BlockPlan plan;
        final int token;
        final int row;            // the token's row in window order
        final int window;
        final int query;
        final int heads;
        final int n;
        final boolean v2;
        final Map<String, Trace.Values> values = new LinkedHashMap<>();

        BlockTracer(ResolutionPlan.BlockPlan plan, int token, boolean v2) {
            this.plan = plan;
            this.token = token;
            this.n = plan.geometry().tokensPerWindow();
            this.row = plan.scatter()[token];
            this.window = row / n;
            this.query = row % n;
            this.heads = plan.heads();
            this.v2 = v2;
        }

        /** Row {@code token} of an (L, ·) matrix. */
        BlockTracer vector(String name, INDArray tokens) {
            values.put(name, Recorder.vector(tokens, token));
            return this;
        }

        /** Row of the token in an (nW·N, ·) window-order matrix. */
        BlockTracer windowRow(String name, INDArray windows) {
            values.put(name, Recorder.vector(windows, row));
            return this;
        }

        /** The query's whole window of an (nW·h, N, d) array: (h, N, d), times {@code factor}. */
        void window(String name, INDArray perHead, float factor) {
            long d = perHead.size(2);
            float[] out = perHead.get(org.nd4j.linalg.indexing.NDArrayIndex.interval((long) window * heads, (long) (window + 1) * heads),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c').ravel().toFloatVector();
            if (factor != 1f) for (int i = 0; i < out.length; i++) out[i] *= factor;
            values.put(name, new Trace.Values(out, new long[]{heads, n, d}));
        }

        /** The query's row in every head of an (nW·h, N, K) array: (h, K). */
        BlockTracer queryRows(String name, INDArray perHead) {
            long k = perHead.size(2);
            float[] out = new float[(int) (heads * k)];
            for (int h = 0; h < heads; h++) {
                float[] r = perHead.slice((long) window * heads + h).getRow(query).dup().toFloatVector();
                System.arraycopy(r, 0, out, (int) (h * k), (int) k);
            }
            values.put(name, new Trace.Values(out, new long[]{heads, k}));
            return this;
        }

        /** The position bias and the mask of the query's row, each (h, N); inserted before "probs". */
        void biasAndMask(ResolutionPlan.BlockPlan p) {
            float[] bias = new float[heads * n];
            float[] mask = new float[heads * n];
            for (int h = 0; h < heads; h++) {
                System.arraycopy(p.bias(), (h * n + query) * n, bias, h * n, n);
                System.arraycopy(p.mask(), (window * n + query) * n, mask, h * n, n);
            }
            Trace.Values probs = values.remove("probs");
            values.put("bias", new Trace.Values(bias, new long[]{heads, n}));
            values.put("mask", new Trace.Values(mask, new long[]{heads, n}));
            values.put("probs", probs);
        }

        void finish(Recorder recorder) {
            var g = plan.geometry();
            int[] keys = new int[n];
            for (int j = 0; j < n; j++) keys[j] = io.swinlens.model.geometry.WindowGeometry.originalToken(g, window, j);
            recorder.trace = new Trace(recorder.request.trace(), g, window, query, g.height(), g.width(), values, keys);
        }
    }

    /** Copies one merged token's values out of the workspace. */
    private static final class MergeTracer {
        final TraceRequest request;
        final int token;
        final int height;
        final int width;
        final Recorder recorder;
        final Map<String, Trace.Values> values = new LinkedHashMap<>();

        MergeTracer(TraceRequest request, int height, int width, Recorder recorder) {
            this.request = request;
            this.token = request.token();
            this.height = height;
            this.width = width;
            this.recorder = recorder;
        }

        MergeTracer vector(String name, INDArray rows) {
            values.put(name, Recorder.vector(rows, token));
            return this;
        }

        void finish(int[] index, int tokensBelow) {
            int[] sources = new int[4];
            for (int k = 0; k < 4; k++) sources[k] = index[4 * token + k] >= tokensBelow ? -1 : index[4 * token + k];
            recorder.trace = new Trace(request, null, -1, -1, height, width, values, sources);
        }
    }

    /** Copies what the capture request asks for out of the workspace onto the Java heap. */
    private static final class Recorder {
        final CaptureRequest request;
        Trace trace;

        /** Row r of a 2-D array as a vector. */
        static Trace.Values vector(INDArray m, long r) {
            float[] v = m.getRow(r).dup().toFloatVector();
            return new Trace.Values(v, new long[]{v.length});
        }

        BlockTracer blockTracer(ResolutionPlan.BlockPlan plan, SwinConfig config) {
            TraceRequest t = request.trace();
            var g = plan.geometry();
            if (t == null || t.kind() != TraceRequest.Kind.BLOCK || t.stage() != g.stage() || t.block() != g.block()) return null;
            if (t.token() < 0 || t.token() >= g.tokenCount()) {
                throw new IllegalArgumentException(Messages.get("error.trace.noToken", g.stage(), g.height(), g.width(), t.token()));
            }
            return new BlockTracer(plan, t.token(), config.isV2());
        }

        MergeTracer mergeTracer(int stage, ResolutionPlan plan, SwinConfig config) {
            TraceRequest t = request.trace();
            if (t == null || t.kind() != TraceRequest.Kind.MERGE || t.stage() != stage) return null;
            ResolutionPlan.MergePlan m = plan.merges.get(stage);
            if (t.token() < 0 || t.token() >= m.height() * m.width()) {
                throw new IllegalArgumentException(Messages.get("error.trace.noMergeToken", stage, m.height(), m.width(), t.token()));
            }
            return new MergeTracer(t, m.height(), m.width(), this);
        }
        final List<BlockAttention> attention = new ArrayList<>();
        final List<StageOutput> stages = new ArrayList<>();
        ScoreParts parts;
        float[] partsQk;

        Recorder(CaptureRequest request) { this.request = request; }

        boolean wantsParts(BlockGeometry g) {
            var p = request.parts();
            return p != null && p.stage() == g.stage() && p.block() == g.block();
        }

        void beforeBias(ResolutionPlan.BlockPlan plan, INDArray scores) {
            if (!wantsParts(plan.geometry())) return;
            var p = request.parts();
            checkPartsRequest(plan, p);
            partsQk = scores.slice((long) p.window() * plan.heads() + p.head()).dup('c').ravel().toFloatVector();
        }

        void attention(ResolutionPlan.BlockPlan plan, INDArray probs) {
            BlockGeometry g = plan.geometry();
            if (request.attention()) attention.add(new BlockAttention(g, plan.heads(), probs.ravel().toFloatVector()));
            if (!wantsParts(g)) return;
            var p = request.parts();
            int nn = g.tokensPerWindow() * g.tokensPerWindow();
            float[] bias = java.util.Arrays.copyOfRange(plan.bias(), p.head() * nn, (p.head() + 1) * nn);
            float[] mask = java.util.Arrays.copyOfRange(plan.mask(), p.window() * nn, (p.window() + 1) * nn);
            float[] row = probs.slice((long) p.window() * plan.heads() + p.head()).dup('c').ravel().toFloatVector();
            parts = new ScoreParts(g, p.window(), p.head(), partsQk, bias, mask, row);
        }

        void stage(int stage, BlockGeometry g, INDArray x) {
            if (request.stageOutputs()) {
                stages.add(new StageOutput(stage, g.height(), g.width(), x.columns(), x.ravel().toFloatVector()));
            }
        }

        private static void checkPartsRequest(ResolutionPlan.BlockPlan plan, CaptureRequest.PartsRequest p) {
            if (p.window() < 0 || p.window() >= plan.geometry().windowCount() || p.head() < 0 || p.head() >= plan.heads()) {
                throw new IllegalArgumentException(Messages.get("error.trace.noWindowHead", p.stage(), p.block(), plan.geometry().windowCount(),
                        plan.heads(), p.window(), p.head()));
            }
        }
    }
}
