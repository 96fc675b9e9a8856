package io.swinlens.model.swin;

import io.swinlens.model.config.SwinConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The machine's float32 matrix rate through the same GEMM the linear layers call: the arithmetic floor
 * of a forward pass is its FLOP over this rate (BENCHMARKS.md). Best of a few n x n x n products after one warm-up.
 */
public final class GemmRate {

    private GemmRate() { }

    /** GFLOP/s of the best of 5 square products of size n (2·n³ FLOP each). */
    public static double measure(int n) {
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray a = randomAligned(n, n);
            INDArray b = randomAligned(n, n);
            INDArray c = AlignedFloats.array(n, n);
            Gemm.product(a, b, c);
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                Gemm.product(a, b, c);
                best = Math.min(best, System.nanoTime() - t);
            }
            return 2.0 * n * n * n / best;
        }
    }

    /**
     * Which library the linear layers' products went to in this process (model/swin/Gemm): {shapes sent to
     * oneDNN, shapes timed}; {0, 0} where oneDNN is not there or no product ran yet.
     */
    public static int[] oneDnnShapes() { return Gemm.choices(); }

    /** Whether blocks run as fused oneDNN primitives (model/swin/FusedBlock): oneDNN is there and not turned off. */
    public static boolean fusedBlocks() { return FusedBlock.available(); }

    /** {shapes whose linear runs as a fused oneDNN primitive, shapes timed} (model/swin/FusedLinear); {0, 0} without oneDNN. */
    public static int[] fusedShapes() { return FusedLinear.choices(); }

    /** "onednn" where oneDNN's sgemm loaded (each shape then goes to the faster library), else "openblas". */
    public static String library() { return Gemm.LIBRARY; }

    /** One linear layer's product at an input size: (m, k) times (k, n); {@code name} as in the checkpoint's keys, s0.qkv. */
    public record Shape(String name, int m, int k, int n) {
        public double gflop() { return 2.0 * m * k * n / 1e9; }
    }

    /** The distinct linear products of a forward pass at {@code imageSize}: patch embedding, each stage's qkv, proj, fc1, fc2, each merge. */
    public static List<Shape> linearShapes(SwinConfig config, int imageSize) {
        List<Shape> shapes = new ArrayList<>();
        int side = imageSize / config.patchSize();
        shapes.add(new Shape("patch_embed", side * side, config.patchSize() * config.patchSize() * config.inChannels(), config.embedDim()));
        for (int s = 0; s < config.numStages(); s++) {
            int l = side * side;
            int c = config.stageDim(s);
            shapes.add(new Shape("s" + s + ".qkv", l, c, 3 * c));
            shapes.add(new Shape("s" + s + ".proj", l, c, c));
            shapes.add(new Shape("s" + s + ".fc1", l, c, config.mlpRatio() * c));
            shapes.add(new Shape("s" + s + ".fc2", l, config.mlpRatio() * c, c));
            if (s + 1 < config.numStages()) {
                side = (side + 1) / 2;
                shapes.add(new Shape("merge" + s + ".reduction", side * side, 4 * c, 2 * c));
            }
        }
        return shapes;
    }

    /** {OpenBLAS ms, oneDNN ms (NaN where oneDNN is not there)}: the mean of {@code reps} interleaved products after untimed ones. */
    public static double[] time(Shape shape, int reps) {
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray a = randomAligned(shape.m(), shape.k());
            INDArray b = randomAligned(shape.k(), shape.n());
            INDArray c = AlignedFloats.array(shape.m(), shape.n());
            boolean oneDnn = Gemm.oneDnnProduct(a, b, c);
            Gemm.Timing t = Gemm.time(a, b, c, reps);
            return new double[]{t.totalOpenBlas() / 1e6 / reps, oneDnn ? t.totalOneDnn() / 1e6 / reps : Double.NaN};
        }
    }

    /** Uniform random values on cache-line-aligned memory, as the pass's arrays are (model/swin/AlignedFloats). */
    private static INDArray randomAligned(long rows, long columns) {
        return AlignedFloats.array(rows, columns).assign(Nd4j.rand(DataType.FLOAT, rows, columns));
    }
}
