package io.swinlens.model.swin;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_blocking_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import java.lang.ref.Reference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * One oneDNN primitive and the memory descriptions of its arguments, in the order {@link #run} takes their data
 * ({@link OneDnn} makes them). With the library's default scratchpad a primitive must run on the thread that made it
 * (oneDNN's dnnl_scratchpad_mode_library), so the cache ({@link #cached}) is per thread.
 */
final class OneDnnPrimitive {

    /** Per thread: about 50 input sizes of Swin-T (up to 40 primitives each, all products timed three ways). */
    static final int MAX_PER_THREAD = 2048;

    private static final ThreadLocal<LinkedHashMap<String, OneDnnPrimitive>> CACHE = ThreadLocal.withInitial(() ->
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override protected boolean removeEldestEntry(Map.Entry<String, OneDnnPrimitive> eldest) {
                    if (size() <= MAX_PER_THREAD) return false;
                    eldest.getValue().destroy();               // this thread's, and not running: runs do not nest
                    return true;
                }
            });

    final String implementation;
    /** The weights' layout as oneDNN chose it, for linears made with weights of any layout; else null. */
    final String layoutKey;
    /** For a linear: Wᵀ as it is stored, described in the primitive's dimensions (what its weights are reordered from). */
    dnnl_memory_desc_t plainWeights;
    final dnnl_memory_desc_t[] descs;

    private final dnnl_primitive primitive = new dnnl_primitive();
    private final int[] args;
    /** Kept while the primitive is: a weights layout queried from it points into it. */
    private final dnnl_primitive_desc description;
    private final dnnl_engine engine;
    /** The arguments' memory objects and the list that names them, made on the first run; null before. */
    private dnnl_memory[] memories;
    private dnnl_exec_arg_t exec;

    OneDnnPrimitive(dnnl_engine engine, Pointer op, dnnl_post_ops post, int[] args, dnnl_memory_desc_t... descs) {
        this(engine, describe(engine, op, post), args, descs);
    }

    OneDnnPrimitive(dnnl_engine engine, dnnl_primitive_desc pd, int[] args, dnnl_memory_desc_t... descs) {
        this.engine = engine;
        this.args = args;
        this.descs = descs;
        this.description = pd;
        PointerPointer<BytePointer> info = new PointerPointer<>(1);
        OneDnn.check(dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, info), "query");
        implementation = info.get(BytePointer.class, 0).getString();
        String layout = null;
        if (args.length > 1 && args[1] == DNNL_ARG_WEIGHTS && descs[1].format_kind() == dnnl_format_kind_any) {
            descs[1] = dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0);
            layout = describeLayout(descs[1]);
        }
        layoutKey = layout;
        OneDnn.check(dnnl_primitive_create(primitive, pd), "primitive");
    }

    /** This thread's primitive for {@code key}, made on first use; the least recently used go past {@link #MAX_PER_THREAD}. */
    static OneDnnPrimitive cached(String key, Supplier<OneDnnPrimitive> make) {
        LinkedHashMap<String, OneDnnPrimitive> cache = CACHE.get();
        OneDnnPrimitive p = cache.get(key);
        if (p == null) {
            p = make.get();
            cache.put(key, p);
        }
        return p;
    }

    /** This thread's cached primitive for {@code key}, or null. */
    static OneDnnPrimitive peek(String key) { return CACHE.get().get(key); }

    /** This thread's primitives by key, with the implementation oneDNN picked for each. */
    static Map<String, String> implementations() {
        Map<String, String> out = new java.util.TreeMap<>();
        CACHE.get().forEach((k, p) -> out.put(k, p.implementation));
        return out;
    }

    /**
     * Runs on this thread's stream and waits. The memory objects that wrap the arguments are made on the first run and
     * pointed at the new data on the later ones: making and freeing them took about 12 µs a call, 1.4 ms of Swin-T's
     * 40 ms pass (docs/performance.md, "Fused attention and MLP"). The pointers stay reachable until oneDNN is done with
     * them (one of them may own its memory: reordered weights).
     */
    void run(dnnl_stream stream, Pointer... data) {
        if (data.length != args.length) throw new IllegalArgumentException(args.length + " arguments expected, got " + data.length);
        try {
            if (memories == null) {
                bind(data);
            } else {
                for (int i = 0; i < data.length; i++) OneDnn.check(dnnl_memory_set_data_handle(memories[i], data[i]), "data handle");
            }
            OneDnn.check(dnnl_primitive_execute(primitive, stream, data.length, exec), "execute");
            OneDnn.check(dnnl_stream_wait(stream), "wait");
        } finally {
            Reference.reachabilityFence(data);
        }
    }

    /** Makes the memory objects of the arguments over {@code data}, and the argument list that names them. */
    private void bind(Pointer[] data) {
        dnnl_memory[] made = new dnnl_memory[data.length];
        dnnl_exec_arg_t list = new dnnl_exec_arg_t(data.length);
        try {
            for (int i = 0; i < data.length; i++) {
                made[i] = new dnnl_memory();
                OneDnn.check(dnnl_memory_create(made[i], descs[i], engine, data[i]), "memory");
                list.position(i).arg(args[i]).memory(made[i]);
            }
        } catch (RuntimeException e) {
            for (dnnl_memory m : made) if (m != null && !m.isNull()) dnnl_memory_destroy(m);
            list.close();
            throw e;
        }
        memories = made;
        exec = list.position(0);
    }

    /** Frees the primitive and its description; it must not run again. */
    void destroy() {
        if (memories != null) {
            for (dnnl_memory m : memories) dnnl_memory_destroy(m);
            exec.close();
            memories = null;
        }
        dnnl_primitive_destroy(primitive);
        dnnl_primitive_desc_destroy(description);
    }

    /** The blocked layout as text (dimensions, strides, then the inner blocks): equal for equal layouts, so copies are shared. */
    private static String describeLayout(dnnl_memory_desc_t md) {
        StringBuilder out = new StringBuilder();
        int dims = md.ndims();
        for (int i = 0; i < dims; i++) out.append(md.dims().get(i)).append('x');
        dnnl_blocking_desc_t b = md.format_desc_blocking();
        out.append(" strides");
        for (int i = 0; i < dims; i++) out.append(' ').append(b.strides().get(i));
        out.append(" blocks");
        for (int i = 0; i < b.inner_nblks(); i++) out.append(' ').append(b.inner_idxs().get(i)).append(':').append(b.inner_blks().get(i));
        return out.toString();
    }

    private static dnnl_primitive_desc describe(dnnl_engine engine, Pointer op, dnnl_post_ops post) {
        dnnl_primitive_attr attr = null;
        if (post != null) {
            attr = new dnnl_primitive_attr();
            OneDnn.check(dnnl_primitive_attr_create(attr), "attributes");
            OneDnn.check(dnnl_primitive_attr_set_post_ops(attr, post), "post-ops");
        }
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        try {
            OneDnn.check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(op), attr, engine, null), "primitive description");
        } finally {
            if (attr != null) dnnl_primitive_attr_destroy(attr);
            if (post != null) dnnl_post_ops_destroy(post);
        }
        return pd;
    }
}
