package io.swinlens.model.swin;

import io.swinlens.i18n.Messages;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a forward pass spends its time, by kind of operation (the per-operation table of BENCHMARKS.md).
 * Off unless {@link #start()} installed one: then every forward pass on any thread adds its time per kind, with the
 * arithmetic each kind did (multiply-adds counted as 2 FLOP), until {@link #stop()}. ND4J's CPU ops are synchronous,
 * so the wall time around a call is that call's time. Costs one volatile read per operation when off.
 */
public final class OpProfile {

    /** The kinds, in the order a block runs them. */
    public enum Op {
        PATCH_EMBED("patch embedding (4x4 conv as a GEMM)", "error.text.op.patch_embed"),
        LAYER_NORM("LayerNorm", "error.text.op.layer_norm"),
        GATHER("gathers: pad + shift + partition, reverse", "error.text.op.gather"),
        QKV("qkv linear", "error.text.op.qkv"),
        HEAD_SPLIT("head split and merge copies", "error.text.op.head_split"),
        COSINE("V2: q, k unit rows", "error.text.op.cosine"),
        QK("q·kᵀ per window and head", "error.text.op.qk"),
        SOFTMAX("bias + mask + softmax", "error.text.op.softmax"),
        AV("attention·v per window and head", "error.text.op.av"),
        PROJ("projection linear", "error.text.op.proj"),
        FC1("MLP fc1", "error.text.op.fc1"),
        GELU("GELU", "error.text.op.gelu"),
        FC2("MLP fc2", "error.text.op.fc2"),
        RESIDUAL("residual adds", "error.text.op.residual"),
        MERGE("patch merging (gather + linear + LayerNorm)", "error.text.op.merge"),
        HEAD("pool + final norm + classifier", "error.text.op.head");

        /** English, as a stable id; {@link #text()} is what a user reads. */
        public final String label;
        private final String key;
        Op(String label, String key) { this.label = label; this.key = key; }

        /** The label in the current language. */
        public String text() { return Messages.get(key); }
    }

    /** One kind's totals. */
    public record Entry(long nanos, double flops, long calls) {
        public double gflops() { return nanos == 0 ? 0 : flops / nanos; }
    }

    private static volatile OpProfile active;

    private final EnumMap<Op, long[]> nanos = new EnumMap<>(Op.class);
    private final EnumMap<Op, double[]> flops = new EnumMap<>(Op.class);

    private OpProfile() {
        for (Op op : Op.values()) {
            nanos.put(op, new long[2]);
            flops.put(op, new double[1]);
        }
    }

    /** Starts collecting (replacing any profile already running). */
    public static OpProfile start() {
        OpProfile p = new OpProfile();
        active = p;
        return p;
    }

    /** Stops collecting; the profile keeps what it saw. */
    public static void stop() { active = null; }

    /** A time stamp when profiling, else 0 (no clock read). */
    static long now() { return active == null ? 0 : System.nanoTime(); }

    /** Adds the time since {@code since} (from {@link #now()}) and {@code flop} to {@code op}. */
    static void add(Op op, long since, double flop) {
        OpProfile p = active;
        if (p == null || since == 0) return;
        long dt = System.nanoTime() - since;
        synchronized (p) {
            long[] n = p.nanos.get(op);
            n[0] += dt;
            n[1]++;
            p.flops.get(op)[0] += flop;
        }
    }

    /** Totals per kind, in block order; kinds never seen are left out. */
    public synchronized Map<Op, Entry> entries() {
        Map<Op, Entry> out = new LinkedHashMap<>();
        for (Op op : Op.values()) {
            long[] n = nanos.get(op);
            if (n[1] > 0) out.put(op, new Entry(n[0], flops.get(op)[0], n[1]));
        }
        return out;
    }
}
