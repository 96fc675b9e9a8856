package io.swinlens.model.swin;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_inner_product_desc_t;
import org.bytedeco.dnnl.dnnl_layer_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_matmul_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_softmax_desc_t;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * oneDNN primitives for the parts of a block where a fused kernel saves whole passes over memory
 * (docs/performance.md, "Fused attention and MLP"): a linear layer with its bias, and GELU or the residual add, in one
 * matmul; q·kᵀ read straight out of the qkv product by strides, with the relative bias and the shift mask added as the
 * product is written; softmax; attention·v written straight into the merged-heads layout. Each primitive is made once per
 * shape and kept; running it wraps the arrays' memory without copying. Only where {@link Gemm} found oneDNN (x86-64
 * Linux); {@code -Dswinlens.fused=false} turns it off, for comparisons.
 */
final class OneDnn {

    /** Whether the fused path runs in this process. */
    static final boolean AVAILABLE = Gemm.LIBRARY.equals("onednn") && !"false".equalsIgnoreCase(System.getProperty("swinlens.fused", ""));

    /**
     * What a linear's matmul does: the product alone (the caller adds the bias in its next pass), or with the bias and
     * then nothing, exact GELU, or adding the result into what dst holds.
     */
    enum Epilogue { PRODUCT, NONE, GELU, ADD }

    private static final dnnl_engine ENGINE = AVAILABLE ? engine() : null;
    private static final ThreadLocal<dnnl_stream> STREAM = ThreadLocal.withInitial(OneDnn::stream);
    private static final ConcurrentHashMap<String, Primitive> PRIMITIVES = new ConcurrentHashMap<>();
    /** About 60 input sizes of Swin-T (up to 40 primitives each, all products timed three ways). */
    static final int MAX_PRIMITIVES = 2048;
    private static final int POST_OP_SRC_1 = DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE | DNNL_ARG_SRC_1;   // the first post-op's operand

    private OneDnn() { }

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
        String kind = innerProduct ? "inner product " : "linear ";
        Primitive p = primitive(kind + m + " " + k + " " + n + " " + (bias != null) + " " + epilogue, () -> {
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
            Primitive made = bias == null
                    ? new Primitive(op, post, new int[]{DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST}, a, b, c)
                    : new Primitive(op, post, new int[]{DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_BIAS, DNNL_ARG_DST}, a, b, beta, c);
            made.plainWeights = plain;
            return made;
        });
        Pointer weights = packed(l, p);
        if (bias == null) p.run(at(src, 0), weights, at(dst, 0));
        else p.run(at(src, 0), weights, at(bias, 0), at(dst, 0));
    }

    /**
     * After {@link FusedLinear} chose a way for src rows {@code m} and {@code epilogue}: drops the reordered weights of the
     * way that lost (matmul or inner product; both when {@code innerProduct} is null, the unfused way), so a layer keeps
     * at most the copy it runs with. A copy dropped that another input size still uses is made again when it runs.
     */
    static void keepOnlyLayoutOf(SwinWeights.Linear l, Boolean innerProduct, long m, Epilogue epilogue) {
        String shape = m + " " + l.in() + " " + l.out() + " " + (epilogue != Epilogue.PRODUCT && l.bias() != null) + " " + epilogue;
        Primitive matmul = PRIMITIVES.get("linear " + shape);
        Primitive inner = PRIMITIVES.get("inner product " + shape);
        String keep = Boolean.TRUE.equals(innerProduct) && inner != null ? inner.layoutKey
                : Boolean.FALSE.equals(innerProduct) && matmul != null ? matmul.layoutKey : null;
        synchronized (l) {
            for (Primitive p : new Primitive[]{matmul, inner}) {
                boolean last = l.packed().size() == 1 && !l.hasRowMajor();        // the only copy of the weights left
                if (p != null && p.layoutKey != null && !p.layoutKey.equals(keep) && !last) l.packed().remove(p.layoutKey);
            }
        }
    }

    /**
     * The weights in the layout the primitive asked for, reordered from weightT once and kept with the layer
     * ( a blocked layout ran the 49-row products of stage 3 in 0.83 ms against 2.1 ms row-major, docs/performance.md).
     */
    private static Pointer packed(SwinWeights.Linear l, Primitive p) {
        Packed done = l.packed().get(p.layoutKey);
        if (done != null) return done.data();
        synchronized (l) {
            done = l.packed().get(p.layoutKey);
            if (done != null) return done.data();
            dnnl_memory_desc_t layout = copyOf(p.descs[1]);    // p's own points into p, which may go
            FloatPointer out = new FloatPointer(dnnl_memory_desc_get_size(layout) / Float.BYTES + 16);
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
        try (var ignored = org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            weightT = org.nd4j.linalg.factory.Nd4j.createUninitializedDetached(org.nd4j.linalg.api.buffer.DataType.FLOAT, l.in(), l.out());
        }
        reorder(p.layout(), p.data(), p.rowMajor(), at(weightT, 0));
        return weightT;
    }

    private static void reorder(dnnl_memory_desc_t from, Pointer source, dnnl_memory_desc_t to, Pointer target) {
        dnnl_primitive_desc rpd = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(rpd, from, ENGINE, to, ENGINE, null), "reorder description");
        Primitive reorder = new Primitive(rpd, new int[]{DNNL_ARG_FROM, DNNL_ARG_TO}, from, to);
        reorder.destroyAfterRun = true;
        reorder.run(source, target);
    }

    private static dnnl_memory_desc_t copyOf(dnnl_memory_desc_t md) {
        dnnl_memory_desc_t copy = new dnnl_memory_desc_t();
        Pointer.memcpy(copy, md, org.bytedeco.javacpp.Loader.sizeof(dnnl_memory_desc_t.class));
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
        Primitive p = primitive("scores " + windows + " " + tokens + " " + heads + " " + d, () -> {
            dnnl_memory_desc_t q = strided(new long[]{windows, heads, tokens, d}, new long[]{tokens * c3, d, c3, 1});
            dnnl_memory_desc_t kT = strided(new long[]{windows, heads, d, tokens}, new long[]{tokens * c3, d, 1, c3});
            dnnl_memory_desc_t s = dense(windows, heads, tokens, tokens);
            dnnl_matmul_desc_t op = new dnnl_matmul_desc_t();
            check(dnnl_matmul_desc_init(op, q, kT, null, s), "matmul");
            dnnl_post_ops post = new dnnl_post_ops();
            check(dnnl_post_ops_create(post), "post-ops");
            check(dnnl_post_ops_append_binary(post, dnnl_binary_add, s), "binary add");
            return new Primitive(op, post, new int[]{DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST, POST_OP_SRC_1}, q, kT, s, s);
        });
        p.run(at(qkv, 0), at(qkv, c3 / 3), at(scores, 0), at(biasMask, 0));
    }

    /** Softmax over the last axis of (R, N) rows, in place. */
    static void softmaxInPlace(INDArray x, int columns) {
        long rows = x.length() / columns;
        Primitive p = primitive("softmax " + rows + " " + columns, () -> {
            dnnl_memory_desc_t s = dense(rows, columns);
            dnnl_softmax_desc_t op = new dnnl_softmax_desc_t();
            check(dnnl_softmax_forward_desc_init(op, dnnl_forward_inference, s, 1), "softmax");
            return new Primitive(op, null, new int[]{DNNL_ARG_SRC, DNNL_ARG_DST}, s, s);
        });
        Pointer data = at(x, 0);
        p.run(data, data);
    }

    /**
     * merged[w·N + i, h·d + j] = Σ_t probs[w, h, i, t]·v[w, h, t, j], v read out of the qkv product (as in
     * {@link #scores}): attention·v written straight into the (nW·N, C) layout the projection reads.
     */
    static void context(INDArray probs, INDArray qkv, int windows, int tokens, int heads, INDArray merged) {
        long c3 = qkv.columns();
        long c = c3 / 3;
        long d = c / heads;
        Primitive p = primitive("context " + windows + " " + tokens + " " + heads + " " + d, () -> {
            dnnl_memory_desc_t a = dense(windows, heads, tokens, tokens);
            dnnl_memory_desc_t v = strided(new long[]{windows, heads, tokens, d}, new long[]{tokens * c3, d, c3, 1});
            dnnl_memory_desc_t out = strided(new long[]{windows, heads, tokens, d}, new long[]{tokens * c, d, c, 1});
            dnnl_matmul_desc_t op = new dnnl_matmul_desc_t();
            check(dnnl_matmul_desc_init(op, a, v, null, out), "matmul");
            return new Primitive(op, null, new int[]{DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST}, a, v, out);
        });
        p.run(at(probs, 0), at(qkv, 2 * c), at(merged, 0));
    }

    /** LayerNorm over the last axis, eps 1e-5 (torch.nn.LayerNorm): dst = LN(x)·γ + β, x and dst (L, C), scaleShift γ over β (2, C). */
    static void layerNorm(INDArray x, INDArray scaleShift, INDArray dst) {
        long rows = x.rows();
        long c = x.columns();
        Primitive p = primitive("layer norm " + rows + " " + c, () -> {
            dnnl_memory_desc_t data = dense(rows, c);
            dnnl_memory_desc_t weights = dense(2, c);
            dnnl_layer_normalization_desc_t op = new dnnl_layer_normalization_desc_t();
            check(dnnl_layer_normalization_forward_desc_init(op, dnnl_forward_inference, data, null, (float) JavaKernels.LAYER_NORM_EPS,
                    dnnl_use_scaleshift), "layer normalization");
            return new Primitive(op, null, new int[]{DNNL_ARG_SRC, DNNL_ARG_SCALE_SHIFT, DNNL_ARG_DST}, data, weights, data);
        });
        p.run(at(x, 0), at(scaleShift, 0), at(dst, 0));
    }

    /** The primitives made so far and the implementation oneDNN picked for each (bench --profile prints them). */
    static java.util.Map<String, String> implementations() {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        PRIMITIVES.forEach((k, p) -> out.put(k, p.implementation));
        return out;
    }

    /**
     * The cached primitive for {@code key}, made on first use. Past {@link #MAX_PRIMITIVES} (each input size adds a few
     * dozen) a new one is made for the one call and destroyed after it: the cache never grows without bound.
     */
    private static Primitive primitive(String key, Supplier<Primitive> make) {
        Primitive p = PRIMITIVES.get(key);
        if (p != null) return p;
        if (PRIMITIVES.size() >= MAX_PRIMITIVES) {
            Primitive once = make.get();
            once.destroyAfterRun = true;
            return once;
        }
        return PRIMITIVES.computeIfAbsent(key, k -> make.get());
    }

    /** The array's memory from element {@code offset} on; it must be dense and row-major (the callers make it so). */
    private static Pointer at(INDArray a, long offset) {
        if (!dense(a)) {
            throw new IllegalArgumentException("oneDNN needs a dense row-major array, got " + a.shapeInfoToString());
        }
        FloatPointer p = new FloatPointer(a.data().addressPointer());   // the view's own start (docs/performance.md)
        return offset == 0 ? p : p.getPointer(FloatPointer.class, offset);
    }

    /** A float32, row-major array without gaps: what these primitives can read through a bare pointer. */
    static boolean dense(INDArray a) {
        return a.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT && a.ordering() == 'c' && (!a.isView() || a.elementWiseStride() == 1);
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

    private static void check(int status, String what) {
        if (status != dnnl_success) throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
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

    /** A primitive and the memory descriptions of its arguments, in the order {@link #run} takes their data. */
    private static final class Primitive {
        final dnnl_primitive primitive = new dnnl_primitive();
        final int[] args;
        final dnnl_memory_desc_t[] descs;
        final String implementation;
        /** The weights' layout as oneDNN chose it, for matmuls made with {@link #anyLayout} weights; else null. */
        final String layoutKey;
        /** For a linear: weightT as it is stored, described in the primitive's dimensions (what its weights are reordered from). */
        dnnl_memory_desc_t plainWeights;
        /** Made for one call (the cache is full, or a reorder): destroyed after it. */
        boolean destroyAfterRun;
        /** Kept while the primitive is: a weights layout queried from it points into it. */
        private final dnnl_primitive_desc description;

        Primitive(Pointer op, dnnl_post_ops post, int[] args, dnnl_memory_desc_t... descs) {
            this(describe(op, post), args, descs);
        }

        Primitive(dnnl_primitive_desc pd, int[] args, dnnl_memory_desc_t... descs) {
            this.args = args;
            this.descs = descs;
            this.description = pd;
            org.bytedeco.javacpp.PointerPointer<org.bytedeco.javacpp.BytePointer> info = new org.bytedeco.javacpp.PointerPointer<>(1);
            check(dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, info), "query");
            implementation = info.get(org.bytedeco.javacpp.BytePointer.class, 0).getString();
            String layout = null;
            if (args.length > 1 && args[1] == DNNL_ARG_WEIGHTS && descs[1].format_kind() == dnnl_format_kind_any) {
                descs[1] = dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0);
                layout = describeLayout(descs[1]);
            }
            layoutKey = layout;
            check(dnnl_primitive_create(primitive, pd), "primitive");
        }

        /** The blocked layout as text (strides, then the inner blocks): equal for equal layouts, so copies are shared. */
        private static String describeLayout(dnnl_memory_desc_t md) {
            StringBuilder out = new StringBuilder();
            int dims = md.ndims();
            for (int i = 0; i < dims; i++) out.append(md.dims().get(i)).append('x');
            org.bytedeco.dnnl.dnnl_blocking_desc_t b = md.format_desc_blocking();
            out.append(" strides");
            for (int i = 0; i < dims; i++) out.append(' ').append(b.strides().get(i));
            out.append(" blocks");
            for (int i = 0; i < b.inner_nblks(); i++) out.append(' ').append(b.inner_idxs().get(i)).append(':').append(b.inner_blks().get(i));
            return out.toString();
        }

        private static dnnl_primitive_desc describe(Pointer op, dnnl_post_ops post) {
            dnnl_primitive_attr attr = null;
            if (post != null) {
                attr = new dnnl_primitive_attr();
                check(dnnl_primitive_attr_create(attr), "attributes");
                check(dnnl_primitive_attr_set_post_ops(attr, post), "post-ops");
            }
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(op), attr, ENGINE, null), "primitive description");
            if (attr != null) check(dnnl_primitive_attr_destroy(attr), "attributes");
            if (post != null) check(dnnl_post_ops_destroy(post), "post-ops");
            return pd;
        }

        /** Runs on this thread's stream and waits; the memory objects wrap the data and are freed after. */
        void run(Pointer... data) {
            dnnl_memory[] memories = new dnnl_memory[data.length];
            dnnl_exec_arg_t exec = new dnnl_exec_arg_t(data.length);
            try {
                for (int i = 0; i < data.length; i++) {
                    memories[i] = new dnnl_memory();
                    check(dnnl_memory_create(memories[i], descs[i], ENGINE, data[i]), "memory");
                    exec.position(i).arg(args[i]).memory(memories[i]);
                }
                dnnl_stream stream = STREAM.get();
                check(dnnl_primitive_execute(primitive, stream, data.length, exec.position(0)), "execute");
                check(dnnl_stream_wait(stream), "wait");
            } finally {
                for (dnnl_memory m : memories) if (m != null && !m.isNull()) dnnl_memory_destroy(m);
                exec.close();
                if (destroyAfterRun) {
                    dnnl_primitive_destroy(primitive);
                    dnnl_primitive_desc_destroy(description);
                }
            }
        }
    }
}
