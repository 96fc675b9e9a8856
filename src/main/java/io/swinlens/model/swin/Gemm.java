package io.swinlens.model.swin;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.ConcurrentHashMap;

/**
 * c = a·b for float32 matrices, the product behind every linear layer. On x86-64 Linux it can call
 * oneDNN's {@code dnnl_sgemm} (row-major, JIT-compiled kernels), which ran some of Swin's thin products
 * (3136 x 96 times 96 x 288 and the like) up to 2.9x faster than OpenBLAS, and others slower
 * (docs/performance.md), so each shape goes to the library that was faster for it on this machine.
 * Elsewhere, when oneDNN does not load, or for arrays that are not plain row-major blocks, ND4J's gemm
 * (OpenBLAS). {@code -Dswinlens.gemm=openblas} forces the latter, for comparisons.
 */
final class Gemm {

    /** "onednn" or "openblas": which library the products go through in this process. */
    static final String LIBRARY = oneDnnLoads() ? "onednn" : "openblas";
    private static final boolean ONE_DNN = LIBRARY.equals("onednn");

    /** Whether every product goes to oneDNN (true) or OpenBLAS (false) regardless of timing, or null (timed). */
    private static volatile Boolean pinned;

    private Gemm() { }

    /** Sends every product to oneDNN (true) or OpenBLAS (false) from now on, or, with null, to the one timed faster. */
    static void pin(Boolean oneDnn) { pinned = oneDnn; }

    /** Per product shape (M, K, N): whether oneDNN was the faster of the two when first timed. */
    private static final ConcurrentHashMap<Long, Boolean> FASTER_IN_ONE_DNN = new ConcurrentHashMap<>();

    /**
     * c = a·b; a: (M, K), b: (K, N), c: (M, N), all float32. The first product of each shape times both
     * libraries (best of three each, interleaved) and keeps the faster for that shape: neither wins
     * everywhere (oneDNN by up to 2.9x on stage 0's thin products, OpenBLAS on some 196-row ones), and
     * which one wins differs between CPUs. Both give the same product up to float rounding.
     */
    static void product(INDArray a, INDArray b, INDArray c) {
        if (!ONE_DNN || !plain(a) || !plain(b) || !plain(c)) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            return;
        }
        long key = a.rows() << 42 | a.columns() << 21 | b.columns();
        Boolean oneDnn = pinned != null ? pinned : FASTER_IN_ONE_DNN.get(key);
        if (oneDnn == null) oneDnn = FASTER_IN_ONE_DNN.computeIfAbsent(key, k -> oneDnnIsFaster(a, b, c));
        if (!oneDnn || !oneDnnProduct(a, b, c)) Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }

    /** How many of the product shapes timed so far went to oneDNN, and how many there were: {oneDnn, all}. */
    static int[] choices() {
        int oneDnn = (int) FASTER_IN_ONE_DNN.values().stream().filter(Boolean::booleanValue).count();
        return new int[]{oneDnn, FASTER_IN_ONE_DNN.size()};
    }

    private static boolean oneDnnIsFaster(INDArray a, INDArray b, INDArray c) {
        if (!oneDnnProduct(a, b, c)) return false;
        Timing t = time(a, b, c, 3);
        return t.bestOneDnn() < t.bestOpenBlas();
    }

    /** Nanoseconds of {@code reps} products in each library, interleaved so that both see the same load. */
    record Timing(long bestOpenBlas, long bestOneDnn, long totalOpenBlas, long totalOneDnn) { }

    /** Times c = a·b in both libraries after one untimed product each; oneDNN's figures are 0 where it is not there. */
    static Timing time(INDArray a, INDArray b, INDArray c, int reps) {
        boolean oneDnn = oneDnnProduct(a, b, c);
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        long bestOpenBlas = Long.MAX_VALUE;
        long bestOneDnn = oneDnn ? Long.MAX_VALUE : 0;
        long totalOpenBlas = 0;
        long totalOneDnn = 0;
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            long u = System.nanoTime();
            if (oneDnn) oneDnnProduct(a, b, c);
            long v = System.nanoTime();
            bestOpenBlas = Math.min(bestOpenBlas, u - t);
            totalOpenBlas += u - t;
            if (oneDnn) {
                bestOneDnn = Math.min(bestOneDnn, v - u);
                totalOneDnn += v - u;
            }
        }
        return new Timing(bestOpenBlas, bestOneDnn, totalOpenBlas, totalOneDnn);
    }

    /** dnnl_sgemm, row-major; false when oneDNN refused or is not there (the caller then uses OpenBLAS). */
    static boolean oneDnnProduct(INDArray a, INDArray b, INDArray c) {
        if (!ONE_DNN || !plain(a) || !plain(b) || !plain(c)) return false;
        long m = a.rows();
        long k = a.columns();
        long n = b.columns();
        boolean done = org.bytedeco.dnnl.global.dnnl.dnnl_sgemm((byte) 'N', (byte) 'N', m, n, k, 1f,
                BufferAddresses.at(a, 0), k, BufferAddresses.at(b, 0), n, 0f, BufferAddresses.at(c, 0), n) == 0;   // 0: dnnl_success
        java.lang.ref.Reference.reachabilityFence(a);                               // oneDNN had bare addresses
        java.lang.ref.Reference.reachabilityFence(b);
        java.lang.ref.Reference.reachabilityFence(c);
        return done;
    }

    /** A rank-2, row-major, dense float32 array (what dnnl_sgemm reads through a bare pointer). */
    private static boolean plain(INDArray x) {
        return x.rank() == 2 && x.ordering() == 'c' && x.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT
                && x.stride(1) == 1 && x.stride(0) == x.columns();
    }

    private static boolean oneDnnLoads() {
        if ("openblas".equalsIgnoreCase(System.getProperty("swinlens.gemm", ""))) return false;
        try {
            Class.forName("org.bytedeco.dnnl.global.dnnl");
            float[] one = {1f};
            FloatPointer a = new FloatPointer(one);
            FloatPointer b = new FloatPointer(2f);
            FloatPointer c = new FloatPointer(0f);
            int status = org.bytedeco.dnnl.global.dnnl.dnnl_sgemm((byte) 'N', (byte) 'N', 1, 1, 1, 1f, a, 1, b, 1, 0f, c, 1);
            return status == 0 && c.get(0) == 2f;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;                                  // no oneDNN build for this platform: OpenBLAS
        }
    }
}
