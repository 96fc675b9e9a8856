package io.swinlens.model.swin;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A linear layer together with what follows it in a block: its bias, then GELU (fc1) or the residual add (fc2); every
 * linear of the model runs through here. Two ways
 * to run each: one oneDNN matmul with the rest as post-ops ({@link OneDnn}), or the product ({@link Gemm}) and a Java pass
 * ({@link JavaKernels}). Neither wins on every shape (the fused matmul lost on the 49-row products of stage 3, 2.0 against
 * 1.2 ms, docs/performance.md), so the first call of each shape times both on scratch arrays and keeps the faster.
 */
final class FusedLinear {

    /** Per (epilogue, M, K, N): whether the fused matmul was the faster when first timed. */
    private static final ConcurrentHashMap<String, Boolean> FUSED_FASTER = new ConcurrentHashMap<>();

    private FusedLinear() { }

    /** x·Wᵀ without the bias, a new (M, N). */
    static INDArray product(SwinWeights.Linear l, INDArray x) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.rows(), l.weightT().columns());   // (M, N)
        run(l, x, OneDnn.Epilogue.PRODUCT, out);
        return out;
    }

    /** x·Wᵀ + b, a new (M, N). */
    static INDArray withBias(SwinWeights.Linear l, INDArray x) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.rows(), l.weightT().columns());   // (M, N)
        run(l, x, OneDnn.Epilogue.NONE, out);
        return out;
    }

    /** GELU(x·Wᵀ + b), a new (M, N). */
    static INDArray gelu(SwinWeights.Linear l, INDArray x) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.rows(), l.weightT().columns());   // (M, N)
        run(l, x, OneDnn.Epilogue.GELU, out);
        return out;
    }

    /** into += x·Wᵀ + b, in place. */
    static void addInto(SwinWeights.Linear l, INDArray x, INDArray into) {
        run(l, x, OneDnn.Epilogue.ADD, into);
    }

    /** {@link #product}, {@link #withBias}, {@link #gelu} or {@link #addInto} by epilogue, into {@code out} (M, N). */
    static INDArray into(SwinWeights.Linear l, INDArray x, OneDnn.Epilogue epilogue, INDArray out) {
        run(l, x, epilogue, out);
        return out;
    }

    /** How many of the shapes timed so far went to the fused matmul, and how many there were: {fused, all}. */
    static int[] choices() {
        int fused = (int) FUSED_FASTER.values().stream().filter(Boolean::booleanValue).count();
        return new int[]{fused, FUSED_FASTER.size()};
    }

    private static void run(SwinWeights.Linear l, INDArray x, OneDnn.Epilogue epilogue, INDArray out) {
        if (!OneDnn.AVAILABLE || !OneDnn.dense(x)) {
            unfused(l, x, epilogue, out);
            return;
        }
        String key = epilogue + " " + x.rows() + " " + x.columns() + " " + l.weightT().columns();
        Boolean fused = FUSED_FASTER.get(key);
        if (fused == null) fused = FUSED_FASTER.computeIfAbsent(key, k -> fusedIsFaster(l, x, epilogue, out));
        if (fused) OneDnn.linear(x, l, epilogue, out);
        else unfused(l, x, epilogue, out);
    }

    private static void unfused(SwinWeights.Linear l, INDArray x, OneDnn.Epilogue epilogue, INDArray out) {
        switch (epilogue) {
            case PRODUCT -> Gemm.product(x, l.weightT(), out);
            case NONE -> {
                Gemm.product(x, l.weightT(), out);
                JavaKernels.addBiasInPlace(out, l.biasValues());
            }
            case GELU -> {
                Gemm.product(x, l.weightT(), out);
                JavaKernels.geluInPlace(out, l.biasValues());
            }
            case ADD -> {
                INDArray product = BlockScratch.get("linear product", out.rows(), out.columns());
                Gemm.product(x, l.weightT(), product);
                JavaKernels.addRowsInPlace(out, product, null, l.biasValues());
            }
        }
    }

    /** Best of three each, interleaved, into a scratch array shaped like {@code out} (out itself is left as it was). */
    private static boolean fusedIsFaster(SwinWeights.Linear l, INDArray x, OneDnn.Epilogue epilogue, INDArray out) {
        INDArray scratch = Nd4j.zeros(DataType.FLOAT, out.rows(), out.columns());
        OneDnn.linear(x, l, epilogue, scratch);      // untimed: makes the primitive
        unfused(l, x, epilogue, scratch);
        long bestFused = Long.MAX_VALUE;
        long bestUnfused = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            OneDnn.linear(x, l, epilogue, scratch);
            long u = System.nanoTime();
            unfused(l, x, epilogue, scratch);
            long v = System.nanoTime();
            bestFused = Math.min(bestFused, u - t);
            bestUnfused = Math.min(bestUnfused, v - u);
        }
        return bestFused < bestUnfused;
    }
}
