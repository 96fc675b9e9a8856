package io.swinlens.model.swin;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's float32 matrix rate through the same GEMM the linear layers call: the arithmetic floor
 * of a forward pass is its FLOP over this rate (BENCHMARKS.md). Best of a few n x n x n products after one warm-up.
 */
public final class GemmRate {

    private GemmRate() { }

    /** GFLOP/s of the best of 5 square products of size n (2·n³ FLOP each). */
    public static double measure(int n) {
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray c = Nd4j.createUninitialized(DataType.FLOAT, n, n);
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
                best = Math.min(best, System.nanoTime() - t);
            }
            return 2.0 * n * n * n / best;
        }
    }
}
