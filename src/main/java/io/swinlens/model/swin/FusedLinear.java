package io.swinlens.model.swin;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A linear layer together with what follows it in a block: its bias, then GELU (fc1) or the residual add (fc2); every
 * linear of the model runs through here. Three ways to run each: a oneDNN matmul with the rest as post-ops, oneDNN's
 * inner product with the same post-ops ({@link OneDnn}), or the product ({@link Gemm}) and a Java pass ({@link
 * JavaKernels}). None wins on every shape (a matmul on row-major weights took 2.1 ms on the 49-row fc1 of stage 3, the
 * inner product 0.67, the product and a pass about 1.2; docs/performance.md), so the first call of each shape times all
 * three on a scratch array and keeps the fastest.
 */
final class FusedLinear {

    /** The ways to run a linear layer with what follows it. */
    enum Way { MATMUL, INNER_PRODUCT, UNFUSED }

    /** Per (epilogue, M, K, N, bias or not): the way that was the fastest when first timed. */
    private static final ConcurrentHashMap<String, Way> FASTEST = new ConcurrentHashMap<>();

    /** The way every linear runs regardless of timing, or null (timed per shape): see {@link #pin}. */
    private static volatile Way pinned;

    private FusedLinear() { }

    /**
     * Runs every linear layer {@code way} from now on, or, with null, the way timed fastest per shape again. For the
     * parity tests: the ways round differently, and which one wins the timing differs between machines and runs, so
     * each must match PyTorch on its own.
     */
    static void pin(Way way) { pinned = way; }

    /** x·Wᵀ without the bias, a new (M, N). */
    static INDArray product(SwinWeights.Linear l, INDArray x) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.rows(), l.out());   // (M, N)
        run(l, x, OneDnn.Epilogue.PRODUCT, out);
        return out;
    }

    /** x·Wᵀ + b, a new (M, N). */
    static INDArray withBias(SwinWeights.Linear l, INDArray x) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.rows(), l.out());   // (M, N)
        run(l, x, OneDnn.Epilogue.NONE, out);
        return out;
    }

    /** x·Wᵀ, then by epilogue nothing, + b, GELU(· + b) or out += · + b, into {@code out} (M, N). */
    static INDArray into(SwinWeights.Linear l, INDArray x, OneDnn.Epilogue epilogue, INDArray out) {
        run(l, x, epilogue, out);
        return out;
    }

    /** {@link #into}, timed as {@code op} in the pass's profile (multiply-adds as 2 FLOP). */
    static INDArray timed(OpProfile.Op op, SwinWeights.Linear l, OneDnn.Epilogue epilogue, INDArray x, INDArray out) {
        long t = OpProfile.now();
        run(l, x, epilogue, out);
        OpProfile.add(op, t, 2.0 * x.rows() * x.columns() * l.out());
        return out;
    }

    /** How many of the shapes timed so far went to a fused oneDNN primitive, and how many there were: {fused, all}. */
    static int[] choices() {
        int fused = (int) FASTEST.values().stream().filter(w -> w != Way.UNFUSED).count();
        return new int[]{fused, FASTEST.size()};
    }

    private static void run(SwinWeights.Linear l, INDArray x, OneDnn.Epilogue epilogue, INDArray out) {
        if (!OneDnn.usable() || !OneDnn.dense(x)) {
            unfused(l, x, epilogue, out);
            return;
        }
        String key = epilogue + " " + x.rows() + " " + x.columns() + " " + l.out() + (l.bias() == null ? " no bias" : "");
        Way way = pinned != null ? pinned : FASTEST.get(key);
        if (way == null) way = FASTEST.computeIfAbsent(key, k -> fastest(l, x, epilogue, out));
        run(way, l, x, epilogue, out);
        if (way != Way.UNFUSED) l.dropRowMajor();          // every layer of the shape, not only the one it was timed on
    }

    private static void run(Way way, SwinWeights.Linear l, INDArray x, OneDnn.Epilogue epilogue, INDArray out) {
        switch (way) {
            case MATMUL -> OneDnn.linear(x, l, epilogue, out, false);
            case INNER_PRODUCT -> OneDnn.linear(x, l, epilogue, out, true);
            case UNFUSED -> unfused(l, x, epilogue, out);
        }
    }

    private static void unfused(SwinWeights.Linear l, INDArray x, OneDnn.Epilogue epilogue, INDArray out) {
        INDArray product = epilogue == OneDnn.Epilogue.ADD ? BlockScratch.get("linear product", out.rows(), out.columns()) : out;
        l.withRowMajor(w -> {
            Gemm.product(x, w, product);
            return product;
        });
        switch (epilogue) {
            case PRODUCT -> { }
            case NONE -> JavaKernels.addBiasInPlace(out, l.biasValues());
            case GELU -> JavaKernels.geluInPlace(out, l.biasValues());
            case ADD -> JavaKernels.addRowsInPlace(out, product, null, l.biasValues());
        }
    }

    /**
     * Best of three of each way, interleaved so that all see the same load, into a scratch array shaped like {@code out}
     * (out itself is left as it was). The ways that keep a reordered copy of the weights drop it when they lose.
     */
    private static Way fastest(SwinWeights.Linear l, INDArray x, OneDnn.Epilogue epilogue, INDArray out) {
        INDArray scratch = AlignedFloats.array(out.rows(), out.columns()).assign(0);    // aligned as the real outputs are
        Way[] ways = Way.values();
        long[] best = new long[ways.length];
        Arrays.fill(best, Long.MAX_VALUE);
        for (int round = 0; round < 4; round++) {                 // round 0 untimed: makes the primitives and reorders
            for (int i = 0; i < ways.length; i++) {
                long t = System.nanoTime();
                run(ways[i], l, x, epilogue, scratch);
                if (round > 0) best[i] = Math.min(best[i], System.nanoTime() - t);
            }
        }
        int winner = 0;
        for (int i = 1; i < ways.length; i++) if (best[i] < best[winner]) winner = i;
        OneDnn.keepOnlyLayoutOf(l, ways[winner] == Way.MATMUL ? Boolean.FALSE : ways[winner] == Way.INNER_PRODUCT ? Boolean.TRUE : null,
                x.rows(), epilogue);
        return ways[winner];
    }
}
