package io.swinlens.model.swin;

import org.bytedeco.dnnl.dnnl_binary_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_inner_product_desc_t;
import org.bytedeco.dnnl.dnnl_layer_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_matmul_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_softmax_desc_t;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.Map;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * oneDNN primitives for the parts of a block where a fused kernel saves whole passes over memory
 * (docs/performance.md, "Fused attention and MLP"): a linear layer with its bias, and GELU or the residual add, in one
 * matmul or inner product; q·kᵀ read straight out of the qkv product by strides, with the relative bias and the shift mask
 * added as the product is written; softmax; attention·v written straight into the merged-heads layout; LayerNorm. Each
 * primitive is made once per thread and shape and kept ({@link OneDnnPrimitive}, bounded); running it wraps the arrays'
 * memory without copying. Only where {@link Gemm} found oneDNN (x86-64 Linux); {@code -Dswinlens.fused=false} turns it
 * off, for comparisons, and a call that fails turns it off for the process ({@link #giveUp}).
 */
final class OneDnn {

    /** Whether oneDNN's primitives are there in this process and not turned off. */
    static final boolean AVAILABLE = Gemm.LIBRARY.equals("onednn") && !"false".equalsIgnoreCase(System.getProperty("swinlens.fused", ""));

    /** The failure that turned the primitives off for this process, or null. */
    private static volatile Failure failed;

    /** Whether the fused path runs: oneDNN is {@link #AVAILABLE} and no call of it has failed in this process. */
    static boolean usable() { return AVAILABLE && failed == null; }

    /** Turns the primitives off for this process after {@code failure}; the step-by-step path runs from then on. */
    static void giveUp(Failure failure) { failed = failure; }

    /**
     * What a linear's matmul does: the product alone (the caller adds the bias in its next pass), or with the bias and
     * then nothing, exact GELU, or adding the result into what dst holds.
     */
    enum Epilogue { PRODUCT, NONE, GELU, ADD }

    private static final dnnl_engine ENGINE = AVAILABLE ? engine() : null;
    private static final ThreadLocal<dnnl_stream> STREAM = ThreadLocal.withInitial(OneDnn::stream);
    private static final int POST_OP_SRC_1 = DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE | DNNL_ARG_SRC_1;   // the first post-op's operand

    private OneDnn() { }

    /** A oneDNN call that failed (a primitive this build or CPU cannot make, for one): the step-by-step path takes over. */
    static final class Failure extends IllegalStateException {
        Failure(String message) { super(message); }
    }

    /**
     * dst = src·weightT + bias, then the epilogue; src (M, K), weightT (K, N), bias (N) or null, dst (M, N), all row-major.
     * As a matmul or, with {@code innerProduct}, as oneDNN's inner product (the fully connected layer), which ran the
     * 49- and 196-row products up to 1.2x faster and the 3136-row ones up to 1.1x slower (docs/performance.md).
     */
    static void linear(INDArray src, SwinWeights.Linear l, Epilogue epilogue, INDArray dst, boolean innerProduct) {
        INDArray bias = epilogue == Epilogue.PRODUCT ? null : l.bias();
        long m = src.rows();
        long k = src.columns();
        long n = l.out();
        OneDnnPrimitive p = OneDnnPrimitive.cached(linearKey(innerProduct, l, m, epilogue), () -> {
            dnnl_memory_desc_t a = dense(m, k);
            dnnl_memory_desc_t c = dense(m, n);
            Pointer op;
            dnnl_memory_desc_t b;
            dnnl_memory_desc_t beta;
            if (innerProduct) {
                b = anyLayout(n, k);                                      // (out, in), oneDNN picks the layout
                beta = bias == null ? null : dense(n);
                op = new dnnl_inner_product_desc_t();
                check(dnnl_inner_product_forward_desc_init((dnnl_inner_product_desc_t) op, dnnl_forward_inference, a, b, beta, c), "inner product");
            } else {
                b = anyLayout(k, n);
                beta = bias == null ? null : dense(1, n);
                op = new dnnl_matmul_desc_t();
                check(dnnl_matmul_desc_init((dnnl_matmul_desc_t) op, a, b, beta, c), "matmul");
            }
            dnnl_post_ops post = new dnnl_post_ops();
            check(dnnl_post_ops_create(post), "post-ops");
            if (epilogue == Epilogue.GELU) check(dnnl_post_ops_append_eltwise(post, 1f, dnnl_eltwise_gelu_erf, 0f, 0f), "gelu");
            if (epilogue == Epilogue.ADD) check(dnnl_post_ops_append_sum(post, 1f), "sum");
            // weightT (K, N) row-major is the (N, K) weight column-major: what the reorder into b's layout reads
            dnnl_memory_desc_t plain = innerProduct ? strided(new long[]{n, k}, new long[]{1, n}) : dense(k, n);
            OneDnnPrimitive made = bias == null
                    ? new OneDnnPrimitive(ENGINE, op, post, new int[]{DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST}, a, b, c)
                    : new OneDnnPrimitive(ENGINE, op, post, new int[]{DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_BIAS, DNNL_ARG_DST}, a, b, beta, c);
            made.plainWeights = plain;
            return made;
        });
        Pointer weights = packed(l, p);
        if (bias == null) p.run(STREAM.get(), at(src, 0), weights, at(dst, 0));
        else p.run(STREAM.get(), at(src, 0), weights, at(bias, 0), at(dst, 0));
        keep(src, bias, dst);
    }

    /** The cache key of a linear's primitive: kind, (M, K, N), whether it adds the bias, epilogue. */
    private static String linearKey(boolean innerProduct, SwinWeights.Linear l, long m, Epilogue epilogue) {
        boolean bias = epilogue != Epilogue.PRODUCT && l.bias() != null;
        return (innerProduct ? "inner product " : "linear ") + m + " " + l.in() + " " + l.out() + " " + bias + " " + epilogue;
    }

    /**
     * After {@link FusedLinear} chose a way for src rows {@code m} and {@code epilogue}: drops the reordered weights of the
     * way that lost (matmul or inner product; both when {@code innerProduct} is null, the unfused way), so a layer keeps
     * at most the copy it runs with. A copy dropped that another input size still uses is made again when it runs.
     */
    static void keepOnlyLayoutOf(SwinWeights.Linear l, Boolean innerProduct, long m, Epilogue epilogue) {
        OneDnnPrimitive matmul = OneDnnPrimitive.peek(linearKey(false, l, m, epilogue));
        OneDnnPrimitive inner = OneDnnPrimitive.peek(linearKey(true, l, m, epilogue));
        String keep = Boolean.TRUE.equals(innerProduct) && inner != null ? inner.layoutKey
                : Boolean.FALSE.equals(innerProduct) && matmul != null ? matmul.layoutKey : null;
        synchronized (l) {
            for (OneDnnPrimitive p : new OneDnnPrimitive[]{matmul, inner}) {
                boolean last = l.packed().size() == 1 && !l.hasRowMajor();        // the only copy of the weights left
                if (p != null && p.layoutKey != null && !p.layoutKey.equals(keep) && !last) l.packed().remove(p.layoutKey);
            }
        }
    }

    /**
     * The weights in the layout the primitive asked for, reordered from weightT once and kept with the layer
     * (a blocked layout ran the 49-row products of stage 3 in 0.83 ms against 2.1 ms row-major, docs/performance.md).
     */
    private static Pointer packed(SwinWeights.Linear l, OneDnnPrimitive p) {
        Packed done = l.packed().get(p.layoutKey);
        if (done != null) return done.data();
        synchronized (l) {
            done = l.packed().get(p.layoutKey);
            if (done != null) return done.data();
            dnnl_memory_desc_t layout = copyOf(p.descs[1]);    // p's own points into p, which may go
            FloatPointer out = new AlignedFloats(dnnl_memory_desc_get_size(layout) / Float.BYTES);   // on a cache line
            l.withRowMajor(weightT -> {                         // made again from another copy if it was dropped
                reorder(p.plainWeights, at(weightT, 0), layout, out);
                return out;
            });
            if (l.packed().size() >= 2) l.packed().clear();      // at most two copies; one dropped is made again when needed
            l.packed().put(p.layoutKey, new Packed(out, layout, p.plainWeights));
            return out;
        }
    }

    /** Weights reordered into the layout a primitive asked for; {@code rowMajor} describes Wᵀ as stored, in the same dimensions. */
    record Packed(Pointer data, dnnl_memory_desc_t layout, dnnl_memory_desc_t rowMajor) { }

    /** Wᵀ (in, out) row-major again, from one of the layer's reordered copies: a new array outside every workspace. */
    static INDArray rowMajor(SwinWeights.Linear l) {
        Packed p = l.packed().values().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("a linear layer without its weights in any layout"));
        INDArray weightT;
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            weightT = Nd4j.createUninitializedDetached(DataType.FLOAT, l.in(), l.out());
        }
        reorder(p.layout(), p.data(), p.rowMajor(), at(weightT, 0));
        return weightT;
    }

    private static void reorder(dnnl_memory_desc_t from, Pointer source, dnnl_memory_desc_t to, Pointer target) {
        dnnl_primitive_desc rpd = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(rpd, from, ENGINE, to, ENGINE, null), "reorder description");
        OneDnnPrimitive reorder = new OneDnnPrimitive(ENGINE, rpd, new int[]{DNNL_ARG_FROM, DNNL_ARG_TO}, from, to);
        try {
            reorder.run(STREAM.get(), source, target);
        } finally {
            reorder.destroy();
        }
    }

    private static dnnl_memory_desc_t copyOf(dnnl_memory_desc_t md) {
        dnnl_memory_desc_t copy = new dnnl_memory_desc_t();
        Pointer.memcpy(copy, md, Loader.sizeof(dnnl_memory_desc_t.class));
        return copy;
    }

    /**
     * scores[w, h] = q[w, h]·k[w, h]ᵀ + biasMask[w, h] for every window w and head h, with q and k read where the qkv
     * product holds them: qkv (nW·N, 3C), row w·N + i, channel part·C + h·d + j (docs/swin-reference.md §3.8).
     * biasMask and scores (nW, h, N, N) dense.
     */
    static void scores(INDArray qkv, int windows, int tokens, int heads, INDArray biasMask, INDArray scores) {
        long c3 = qkv.columns();
        long d = c3 / 3 / heads;
        OneDnnPrimitive p = OneDnnPrimitive.cached("scores " + windows + " " + tokens + " " + heads + " " + d, () -> {
            dnnl_memory_desc_t q = strided(new long[]{windows, heads, tokens, d}, new long[]{tokens * c3, d, c3, 1});
            dnnl_memory_desc_t kT = strided(new long[]{windows, heads, d, tokens}, new long[]{tokens * c3, d, 1, c3});
            dnnl_memory_desc_t s = dense(windows, heads, tokens, tokens);
            dnnl_matmul_desc_t op = new dnnl_matmul_desc_t();
            check(dnnl_matmul_desc_init(op, q, kT, null, s), "matmul");
            dnnl_post_ops post = new dnnl_post_ops();
            check(dnnl_post_ops_create(post), "post-ops");
            check(dnnl_post_ops_append_binary(post, dnnl_binary_add, s), "binary add");
            return new OneDnnPrimitive(ENGINE, op, post, new int[]{DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST, POST_OP_SRC_1}, q, kT, s, s);
        });
        p.run(STREAM.get(), at(qkv, 0), at(qkv, c3 / 3), at(scores, 0), at(biasMask, 0));
        keep(qkv, scores, biasMask);
    }

    /** Softmax over the last axis of (R, N) rows, in place. */
    static void softmaxInPlace(INDArray x, int columns) {
        long rows = x.length() / columns;
        OneDnnPrimitive p = OneDnnPrimitive.cached("softmax " + rows + " " + columns, () -> {
            dnnl_memory_desc_t s = dense(rows, columns);
            dnnl_softmax_desc_t op = new dnnl_softmax_desc_t();
            check(dnnl_softmax_forward_desc_init(op, dnnl_forward_inference, s, 1), "softmax");
            return new OneDnnPrimitive(ENGINE, op, null, new int[]{DNNL_ARG_SRC, DNNL_ARG_DST}, s, s);
        });
        Pointer data = at(x, 0);
        p.run(STREAM.get(), data, data);
        keep(x);
    }

    /**
     * merged[w·N + i, h·d + j] = Σ_t probs[w, h, i, t]·v[w, h, t, j], v read out of the qkv product (as in
     * {@link #scores}): attention·v written straight into the (nW·N, C) layout the projection reads.
     */
    static void context(INDArray probs, INDArray qkv, int windows, int tokens, int heads, INDArray merged) {
        long c3 = qkv.columns();
        long c = c3 / 3;
        long d = c / heads;
        OneDnnPrimitive p = OneDnnPrimitive.cached("context " + windows + " " + tokens + " " + heads + " " + d, () -> {
            dnnl_memory_desc_t a = dense(windows, heads, tokens, tokens);
            dnnl_memory_desc_t v = strided(new long[]{windows, heads, tokens, d}, new long[]{tokens * c3, d, c3, 1});
            dnnl_memory_desc_t out = strided(new long[]{windows, heads, tokens, d}, new long[]{tokens * c, d, c, 1});
            dnnl_matmul_desc_t op = new dnnl_matmul_desc_t();
            check(dnnl_matmul_desc_init(op, a, v, null, out), "matmul");
            return new OneDnnPrimitive(ENGINE, op, null, new int[]{DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST}, a, v, out);
        });
        p.run(STREAM.get(), at(probs, 0), at(qkv, 2 * c), at(merged, 0));
        keep(probs, qkv, merged);
    }

    /** LayerNorm over the last axis, eps 1e-5 (torch.nn.LayerNorm): dst = LN(x)·γ + β, x and dst (L, C), scaleShift γ over β (2, C). */
    static void layerNorm(INDArray x, INDArray scaleShift, INDArray dst) {
        long rows = x.rows();
        long c = x.columns();
        OneDnnPrimitive p = OneDnnPrimitive.cached("layer norm " + rows + " " + c, () -> {
            dnnl_memory_desc_t data = dense(rows, c);
            dnnl_memory_desc_t weights = dense(2, c);
            dnnl_layer_normalization_desc_t op = new dnnl_layer_normalization_desc_t();
            check(dnnl_layer_normalization_forward_desc_init(op, dnnl_forward_inference, data, null, (float) JavaKernels.LAYER_NORM_EPS,
                    dnnl_use_scaleshift), "layer normalization");
            return new OneDnnPrimitive(ENGINE, op, null, new int[]{DNNL_ARG_SRC, DNNL_ARG_SCALE_SHIFT, DNNL_ARG_DST}, data, weights, data);
        });
        p.run(STREAM.get(), at(x, 0), at(scaleShift, 0), at(dst, 0));
        keep(x, scaleShift, dst);
    }

    /** x += y, both (R, C) dense: V2's residual add after its post-norm LayerNorm. */
    static void addInPlace(INDArray x, INDArray y) {
        long rows = x.rows();
        long c = x.columns();
        OneDnnPrimitive p = OneDnnPrimitive.cached("add " + rows + " " + c, () -> {
            dnnl_memory_desc_t data = dense(rows, c);
            dnnl_binary_desc_t op = new dnnl_binary_desc_t();
            check(dnnl_binary_desc_init(op, dnnl_binary_add, data, data, data), "binary add");
            return new OneDnnPrimitive(ENGINE, op, null, new int[]{DNNL_ARG_SRC_0, DNNL_ARG_SRC_1, DNNL_ARG_DST}, data, data, data);
        });
        Pointer target = at(x, 0);
        p.run(STREAM.get(), target, at(y, 0), target);
        keep(x, y);
    }

    /** The primitives this thread made so far and the implementation oneDNN picked for each (tests print them). */
    static Map<String, String> implementations() { return OneDnnPrimitive.implementations(); }

    /**
     * Keeps the arrays whose memory a call just used reachable until here: {@link #at} hands oneDNN bare addresses,
     * and an array no longer referenced could otherwise be collected while the call still reads it.
     */
    private static void keep(Object... arrays) { Reference.reachabilityFence(arrays); }

    /** The array's memory from element {@code offset} on; it must be dense and row-major (the callers make it so). */
    private static Pointer at(INDArray a, long offset) {
        if (!dense(a)) {
            throw new IllegalArgumentException("oneDNN needs a dense row-major array, got " + a.shapeInfoToString());
        }
        return BufferAddresses.at(a, offset);
    }

    /** A float32, row-major array without gaps: what these primitives can read through a bare pointer. */
    static boolean dense(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && (!a.isView() || a.elementWiseStride() == 1);
    }

    private static dnnl_memory_desc_t dense(long... dims) {
        long[] strides = new long[dims.length];
        long step = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = step;
            step *= dims[i];
        }
        return strided(dims, strides);
    }

    private static dnnl_memory_desc_t anyLayout(long... dims) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, dnnl_format_tag_any), "memory " + Arrays.toString(dims));
        return md;
    }

    private static dnnl_memory_desc_t strided(long[] dims, long[] strides) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_strides(md, dims.length, dims, dnnl_f32, strides), "memory " + Arrays.toString(dims));
        return md;
    }

    static void check(int status, String what) {
        if (status != dnnl_success) throw new Failure("oneDNN " + what + " failed with status " + status);
    }

    private static dnnl_engine engine() {
        dnnl_engine e = new dnnl_engine();
        check(dnnl_engine_create(e, dnnl_cpu, 0), "engine");
        return e;
    }

    private static dnnl_stream stream() {
        dnnl_stream s = new dnnl_stream();
        check(dnnl_stream_create(s, ENGINE, dnnl_stream_default_flags), "stream");
        return s;
    }
}
