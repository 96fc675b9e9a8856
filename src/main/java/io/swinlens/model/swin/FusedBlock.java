package io.swinlens.model.swin;

import io.swinlens.model.geometry.BlockGeometry;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Consumer;

/**
 * A Swin block as oneDNN primitives over reused scratch arrays ({@link OneDnn}, {@link FusedLinear}, {@link BlockScratch};
 * docs/performance.md, "Fused attention and MLP"), the same arithmetic as {@link SwinModel}'s step-by-step block up to
 * float rounding. q, k and v stay where the qkv product puts them, B + M is added as q·kᵀ is written, attention·v is
 * written in the merged layout, GELU and the residual adds are post-ops of fc1, fc2 and (V1) the projection; V2's
 * post-norm LayerNorms and the residual adds after them are oneDNN primitives too. Nothing before the bias is
 * kept, so the score decomposition and the traces take the step-by-step path; the probabilities are handed to
 * {@code probs} as they are (the capture copies them).
 */
final class FusedBlock {

    private FusedBlock() { }

    /** Whether this process runs blocks here: oneDNN is there and not turned off. */
    static boolean available() { return OneDnn.usable(); }

    /** V1 (pre-norm): x + proj(attn(LN1(x))), then x + fc2(GELU(fc1(LN2(x)))), in place on x (L, C). */
    static INDArray v1(INDArray x, ResolutionPlan.BlockPlan plan, SwinWeights.Block w, Consumer<INDArray> probs) {
        long tokens = x.rows();
        long c = x.columns();
        INDArray normed = norm(w.norm1(), x, BlockScratch.get("norm", tokens, c));             // (L, C)
        INDArray windows = partition(normed, plan);                                           // (nW·N, C)
        INDArray merged = heads(windows, plan, w, probs);                                     // (nW·N, C), before proj
        INDArray inOrder = gather(merged, plan.scatter(), "token order");                      // (L, C)
        FusedLinear.timed(OpProfile.Op.PROJ, w.proj(), OneDnn.Epilogue.ADD, inOrder, x);        // x += proj + b
        norm(w.norm2(), x, normed);                                                           // (L, C), norm1's rows are spent
        INDArray hidden = FusedLinear.timed(OpProfile.Op.FC1, w.fc1(), OneDnn.Epilogue.GELU, normed, BlockScratch.get("hidden", tokens, 4 * c)); // (L, 4C)
        FusedLinear.timed(OpProfile.Op.FC2, w.fc2(), OneDnn.Epilogue.ADD, hidden, x);                    // x += fc2
        return x;
    }

    /** V2 (res-post-norm): x + LN1(proj(attn(x))), then x + LN2(fc2(GELU(fc1(x)))), in place on x (L, C). */
    static INDArray v2(INDArray x, ResolutionPlan.BlockPlan plan, SwinWeights.Block w, Consumer<INDArray> probs) {
        long tokens = x.rows();
        long c = x.columns();
        INDArray merged = heads(partition(x, plan), plan, w, probs);                          // (nW·N, C)
        INDArray attended = FusedLinear.timed(OpProfile.Op.PROJ, w.proj(), OneDnn.Epilogue.NONE, merged,
                BlockScratch.get("proj", merged.rows(), c));                                  // (nW·N, C), proj + b
        INDArray inOrder = gather(attended, plan.scatter(), "token order");                    // (L, C)
        INDArray normed = norm(w.norm1(), inOrder, BlockScratch.get("norm", tokens, c));        // (L, C)
        residual(x, normed);                                                                  // x += LN1(proj + b)
        INDArray hidden = FusedLinear.timed(OpProfile.Op.FC1, w.fc1(), OneDnn.Epilogue.GELU, x, BlockScratch.get("hidden", tokens, 4 * c)); // (L, 4C)
        INDArray out = FusedLinear.timed(OpProfile.Op.FC2, w.fc2(), OneDnn.Epilogue.NONE, hidden, BlockScratch.get("fc2", tokens, c));  // (L, C), fc2 + b
        residual(x, norm(w.norm2(), out, normed));                                            // x += LN2(fc2 + b)
        return x;
    }

    /**
     * Patch merging (docs/swin-reference.md §3.11): x0..x3 concatenated on channels, then V1: LN(4C) and the reduction;
     * V2: the reduction and LN(2C). The result, the next stage's x (L/4, 2C), is a scratch array too (making an array in
     * the pass's workspace took 0.15 ms here): nothing keeps x past the pass, the capture copies it.
     */
    static INDArray merge(INDArray x, ResolutionPlan.MergePlan plan, SwinWeights.Merge m) {
        int[] index = plan.index();
        long rows = index.length / 4;
        long c = x.columns();
        long out = m.reduction().out();
        INDArray gathered = BlockScratch.get("merge gather", rows, 4 * c);                  // (L/4, 4C): the 4 rows of a token side by side
        JavaKernels.gatherRows(x, index, gathered);                                         // x.rows(): a zero row; no reshape (0.14 ms)
        INDArray merged = BlockScratch.get("merge output", rows, out);                    // (L/4, 2C), the next stage's x
        if (m.normAfter()) {
            INDArray reduced = FusedLinear.into(m.reduction(), gathered, OneDnn.Epilogue.NONE, BlockScratch.get("merge reduction", rows, out));
            OneDnn.layerNorm(reduced, m.norm().scaleShift(), merged);
        } else {
            INDArray normed = BlockScratch.get("merge norm", rows, 4 * c);
            OneDnn.layerNorm(gathered, m.norm().scaleShift(), normed);
            FusedLinear.into(m.reduction(), normed, OneDnn.Epilogue.NONE, merged);
        }
        return merged;
    }

    /** The classifier (docs/swin-reference.md §3.3): head(mean over tokens of LN(x)); x (L, 8C) -> logits (classes). */
    static float[] classify(INDArray x, SwinWeights.Norm norm, SwinWeights.Linear head) {
        INDArray normed = BlockScratch.get("final norm", x.rows(), x.columns());             // (L, 8C)
        OneDnn.layerNorm(x, norm.scaleShift(), normed);
        INDArray pooled = JavaKernels.copyInto(JavaKernels.meanOfRows(normed), BlockScratch.get("pooled", 1, x.columns())); // (1, 8C)
        INDArray logits = FusedLinear.into(head, pooled, OneDnn.Epilogue.NONE, BlockScratch.get("logits", 1, head.out()));
        return JavaKernels.values(logits);                                                      // classes
    }

    /**
     * softmax(q·kᵀ + B + M)·V per window and head (V2: q̂, k̂ unit rows, τ_h folded into q̂), the heads side by side
     * (channel h·d + j), before the projection. windows (nW·N, C) -> (nW·N, C).
     */
    private static INDArray heads(INDArray windows, ResolutionPlan.BlockPlan plan, SwinWeights.Block w, Consumer<INDArray> probs) {
        BlockGeometry g = plan.geometry();
        int nW = g.windowCount();
        int n = g.tokensPerWindow();
        int heads = plan.heads();
        long rows = windows.rows();
        long c = windows.columns();
        INDArray qkv = FusedLinear.timed(OpProfile.Op.QKV, w.qkv(), OneDnn.Epilogue.NONE, windows, BlockScratch.get("qkv", rows, 3 * c)); // (nW·N, 3C)
        long t;
        if (w.v2()) {
            t = OpProfile.now();
            JavaKernels.normalizeQkInPlace(qkv, heads, w.cosineScale());
            OpProfile.add(OpProfile.Op.COSINE, t, 4.0 * rows * c);
        }
        long d = c / heads;
        INDArray scores = BlockScratch.get("scores", (long) nW * heads, n, n);                // (nW·h, N, N)
        t = OpProfile.now();
        OneDnn.scores(qkv, nW, n, heads, plan.biasMask(), scores);                             // q·kᵀ + B + M
        OpProfile.add(OpProfile.Op.QK, t, 2.0 * nW * heads * n * n * d);
        t = OpProfile.now();
        OneDnn.softmaxInPlace(scores, n);
        INDArray attentionProbs = scores;                                                       // (nW·h, N, N)
        OpProfile.add(OpProfile.Op.SOFTMAX, t, 0);
        probs.accept(attentionProbs);
        INDArray merged = BlockScratch.get("merged", rows, c);                                  // (nW·N, C)
        t = OpProfile.now();
        OneDnn.context(attentionProbs, qkv, nW, n, heads, merged);                             // channel = head·d + j
        OpProfile.add(OpProfile.Op.AV, t, 2.0 * nW * heads * n * n * d);
        return merged;
    }

    /** Pad (zero rows), roll and partition in one gather. */
    private static INDArray partition(INDArray x, ResolutionPlan.BlockPlan plan) { return gather(x, plan.gather(), "windows"); }

    /** x's rows by {@code index} into the scratch array of {@code role}, timed as a gather. */
    private static INDArray gather(INDArray x, int[] index, String role) {
        long t = OpProfile.now();
        INDArray rows = JavaKernels.gatherRows(x, index, BlockScratch.get(role, index.length, x.columns()));
        OpProfile.add(OpProfile.Op.GATHER, t, 0);
        return rows;
    }

    /** out = LN(x), x and out (L, C). */
    static INDArray norm(SwinWeights.Norm n, INDArray x, INDArray out) {
        long t = OpProfile.now();
        OneDnn.layerNorm(x, n.scaleShift(), out);
        OpProfile.add(OpProfile.Op.LAYER_NORM, t, 8.0 * x.length());
        return out;
    }

    /**
     * x += y, V2's residual add after a post-norm LayerNorm, in oneDNN: the Java pass that did the row gather, the bias,
     * LayerNorm and this add in one took 7.5 ms of a V2-T 256 pass (docs/performance.md).
     */
    private static void residual(INDArray x, INDArray y) {
        long t = OpProfile.now();
        OneDnn.addInPlace(x, y);
        OpProfile.add(OpProfile.Op.RESIDUAL, t, x.length());
    }
}
