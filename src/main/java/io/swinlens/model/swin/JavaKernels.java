package io.swinlens.model.swin;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * Per-token and per-row kernels written as plain loops over ND4J's off-heap buffers. Measured on the
 * project's 2-core machine they replace chains of 4-8 ND4J ops (one pass and one allocation each) by a
 * single pass: LayerNorm, exact GELU, and the head split/merge around attention (strided permute + dup
 * copies in ND4J). Rows are split across the cores.
 */
final class JavaKernels {

    /** LayerNorm epsilon, 1e-5 everywhere in Swin (docs/swin-reference.md §3.2). */
    static final double LAYER_NORM_EPS = 1e-5;

    /**
     * Elements from which a kernel splits its rows over the common fork-join pool. By default it never does:
     * with libgomp's threads spinning briefly after each native op (NativeThreads), a second Java thread
     * only competes with them, and one thread was faster (Swin-T 224 94-95 ms against 95-106 ms, V2-T 256
     * 121 against 130 ms; Swin-B 384 the same within the noise, BENCHMARKS.md). {@code
     * -Dswinlens.parallelThreshold=16384} brings the split back, for comparisons.
     */
    private static final long PARALLEL_THRESHOLD = Long.getLong("swinlens.parallelThreshold", Long.MAX_VALUE);

    private JavaKernels() { }

    private static FloatBuffer buffer(INDArray a) {
        if (a.ordering() != 'c' || a.isView() && !a.isVector() && a.elementWiseStride() != 1) {
            throw new IllegalArgumentException("kernel needs a contiguous C-order array, got " + a.shapeInfoToString());
        }
        return a.data().asNioFloat();
    }

    private static void forRows(long rows, long rowLength, RowRange body) {
        int r = (int) rows;
        if (rows * rowLength < PARALLEL_THRESHOLD) {
            body.run(0, r);
            return;
        }
        int chunks = Math.min(r, 4 * Runtime.getRuntime().availableProcessors());
        IntStream.range(0, chunks).parallel().forEach(c -> body.run((int) ((long) r * c / chunks), (int) ((long) r * (c + 1) / chunks)));
    }

    @FunctionalInterface
    private interface RowRange {
        void run(int from, int to);
    }

    /** LayerNorm over the last axis, biased variance, eps 1e-5 (torch.nn.LayerNorm). x: (L, C) -> new (L, C). */
    static INDArray layerNorm(INDArray x, float[] gamma, float[] beta) {
        return layerNorm(x, null, null, gamma, beta, null);
    }

    /**
     * LayerNorm of rows of {@code x} (row {@code rows[t]} for output row t, or row t when {@code rows} is null), each
     * plus {@code preBias} first when it is not null. With {@code accumulate} the result is added into it (the
     * residual of a V2 block: x + LN(attn)) and it is returned; else a new (T, C) array is.
     */
    static INDArray layerNorm(INDArray x, int[] rows, float[] preBias, float[] gamma, float[] beta, INDArray accumulate) {
        int c = (int) x.columns();
        long outRows = rows == null ? x.rows() : rows.length;
        INDArray out = accumulate != null ? accumulate : Nd4j.createUninitialized(DataType.FLOAT, outRows, c);
        FloatBuffer in = buffer(x);
        FloatBuffer o = buffer(out);
        int inBase = (int) x.offset();
        int outBase = (int) out.offset();
        boolean add = accumulate != null;
        forRows(outRows, c, (from, to) -> {
            float[] row = new float[c];
            float[] acc = add ? new float[c] : null;
            for (int t = from; t < to; t++) {
                in.get(inBase + (rows == null ? t : rows[t]) * c, row, 0, c);
                if (preBias != null) for (int k = 0; k < c; k++) row[k] += preBias[k];
                float mean = (float) (sum(row, c) / c);
                for (int k = 0; k < c; k++) row[k] -= mean;
                float inv = (float) (1.0 / Math.sqrt(sumOfSquares(row, c) / c + LAYER_NORM_EPS));
                if (add) {
                    o.get(outBase + t * c, acc, 0, c);
                    for (int k = 0; k < c; k++) acc[k] += row[k] * inv * gamma[k] + beta[k];
                    o.put(outBase + t * c, acc, 0, c);
                } else {
                    for (int k = 0; k < c; k++) row[k] = row[k] * inv * gamma[k] + beta[k];
                    o.put(outBase + t * c, row, 0, c);
                }
            }
        });
        return out;
    }

    /** Σ row[0..c) in double, four independent sums (a reduction the JIT does not vectorise; this keeps the adds apart). */
    private static double sum(float[] row, int c) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < c; k += 4) {
            s0 += row[k];
            s1 += row[k + 1];
            s2 += row[k + 2];
            s3 += row[k + 3];
        }
        for (; k < c; k++) s0 += row[k];
        return (s0 + s1) + (s2 + s3);
    }

    private static double sumOfSquares(float[] row, int c) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < c; k += 4) {
            s0 += row[k] * row[k];
            s1 += row[k + 1] * row[k + 1];
            s2 += row[k + 2] * row[k + 2];
            s3 += row[k + 3] * row[k + 3];
        }
        for (; k < c; k++) s0 += row[k] * row[k];
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * x[t] += y[rows[t]] + bias in place (row t of y when {@code rows} is null; no bias when it is null): a residual
     * add fused with the reverse window gather and the bias of the linear that made y. x: (L, C), y: (·, C).
     */
    static void addRowsInPlace(INDArray x, INDArray y, int[] rows, float[] bias) {
        int c = (int) x.columns();
        FloatBuffer xb = buffer(x);
        FloatBuffer yb = buffer(y);
        int xBase = (int) x.offset();
        int yBase = (int) y.offset();
        forRows(x.rows(), c, (from, to) -> {
            float[] acc = new float[c];
            float[] row = new float[c];
            for (int t = from; t < to; t++) {
                xb.get(xBase + t * c, acc, 0, c);
                yb.get(yBase + (rows == null ? t : rows[t]) * c, row, 0, c);
                if (bias != null) {
                    for (int k = 0; k < c; k++) acc[k] += row[k] + bias[k];
                } else {
                    for (int k = 0; k < c; k++) acc[k] += row[k];
                }
                xb.put(xBase + t * c, acc, 0, c);
            }
        });
    }

    /** The mean of x's rows, summed in double: x (L, C) -> (C). */
    static float[] meanOfRows(INDArray x) {
        int c = (int) x.columns();
        int rows = (int) x.rows();
        FloatBuffer b = buffer(x);
        int base = (int) x.offset();
        double[] sum = new double[c];
        float[] row = new float[c];
        for (int t = 0; t < rows; t++) {
            b.get(base + t * c, row, 0, c);
            for (int k = 0; k < c; k++) sum[k] += row[k];
        }
        float[] mean = new float[c];
        for (int k = 0; k < c; k++) mean[k] = (float) (sum[k] / rows);
        return mean;
    }

    /** A dense array's values, in order. */
    static float[] values(INDArray x) {
        float[] out = new float[(int) x.length()];
        buffer(x).get((int) x.offset(), out, 0, out.length);
        return out;
    }

    /** values into dst, a dense array of as many elements, in one bulk copy; returns dst. */
    static INDArray copyInto(float[] values, INDArray dst) { return copyInto(values, values.length, dst); }

    /** The first {@code count} of {@code values} into dst, which has that many elements. */
    static INDArray copyInto(float[] values, int count, INDArray dst) {
        if (dst.length() != count || count > values.length) throw new IllegalArgumentException(count + " values for " + dst.shapeInfoToString());
        buffer(dst).put((int) dst.offset(), values, 0, count);
        return dst;
    }

    /**
     * out[t] = x[index[t]], a new (T, C); an index equal to x's row count stands for a row of zeros (the padding that
     * the window partition and the patch merge add). One bulk copy per run of rows consecutive in x (a window row): ND4J's pullRows took 2-4 ms for
     * stage 0's 3136 rows (docs/performance.md).
     */
    static INDArray gatherRows(INDArray x, int[] index) {
        return gatherRows(x, index, Nd4j.createUninitialized(DataType.FLOAT, index.length, x.columns()));
    }

    /**
     * {@link #gatherRows(INDArray, int[])} into {@code out}, and returns it: out holds T·C floats row-major, (T, C) or any
     * shape with that layout (a merge gathers into (T/4, 4C) directly).
     */
    static INDArray gatherRows(INDArray x, int[] index, INDArray out) {
        int c = (int) x.columns();
        if (out.length() != (long) index.length * c) {
            throw new IllegalArgumentException(index.length + " rows of " + c + " do not fill " + out.shapeInfoToString());
        }
        long rows = x.rows();
        FloatBuffer in = buffer(x);
        FloatBuffer o = buffer(out);
        int inBase = (int) x.offset();
        int outBase = (int) out.offset();
        float[] zeros = null;
        for (int t = 0; t < index.length; ) {
            int from = index[t];
            int run = 1;                                    // rows consecutive in x too: one copy (a window row is 7)
            while (t + run < index.length && index[t + run] == from + run && from + run < rows) run++;
            if (from < rows) {
                o.put(outBase + t * c, in, inBase + from * c, run * c);
            } else {
                if (zeros == null) zeros = new float[c];
                o.put(outBase + t * c, zeros, 0, c);
            }
            t += run;
        }
        return out;
    }

    /** x[t] += bias for every row t, in place; nothing when bias is null. x: (L, C). */
    static void addBiasInPlace(INDArray x, float[] bias) {
        if (bias == null) return;
        int c = (int) x.columns();
        FloatBuffer b = buffer(x);
        int base = (int) x.offset();
        forRows(x.rows(), c, (from, to) -> {
            float[] row = new float[c];
            for (int t = from; t < to; t++) {
                b.get(base + t * c, row, 0, c);
                for (int k = 0; k < c; k++) row[k] += bias[k];
                b.put(base + t * c, row, 0, c);
            }
        });
    }

    /** Exact GELU, x·Φ(x) ({@link ExactGelu}), in place, one pass (see ExactGelu for what it gained). */
    static INDArray geluInPlace(INDArray x) { return geluInPlace(x, null); }

    /** GELU(x + bias) in place, bias per column (the bias of the linear that made x), null for none. */
    static INDArray geluInPlace(INDArray x, float[] bias) {
        FloatBuffer b = buffer(x);
        int base = (int) x.offset();
        int c = (int) x.columns();
        forRows(x.rows(), c, (from, to) -> {
            float[] row = new float[c];
            for (int t = from; t < to; t++) {
                b.get(base + t * c, row, 0, c);
                if (bias != null) for (int k = 0; k < c; k++) row[k] += bias[k];
                for (int k = 0; k < c; k++) row[k] = ExactGelu.apply(row[k]);
                b.put(base + t * c, row, 0, c);
            }
        });
        return x;
    }

    /**
     * Splits qkv (nW·N, 3C) into q, k, v, each (nW·h, N, d) contiguous: row (win·N + i), channel
     * part·C + head·d + j goes to [part][(win·h + head), i, j] (docs/swin-reference.md §3.8: parts before heads).
     */
    static INDArray[] splitHeads(INDArray qkv, int windows, int tokens, int heads) { return splitHeads(qkv, null, windows, tokens, heads); }

    /** As {@link #splitHeads(INDArray, int, int, int)}, adding {@code bias} (3C, the qkv linear's) to each row first; null for none. */
    static INDArray[] splitHeads(INDArray qkv, float[] bias, int windows, int tokens, int heads) {
        int c3 = (int) qkv.columns();
        int c = c3 / 3;
        int d = c / heads;
        INDArray[] parts = new INDArray[3];
        FloatBuffer[] out = new FloatBuffer[3];
        for (int p = 0; p < 3; p++) {
            parts[p] = Nd4j.createUninitialized(DataType.FLOAT, (long) windows * heads, tokens, d);
            out[p] = buffer(parts[p]);
        }
        FloatBuffer in = buffer(qkv);
        int inBase = (int) qkv.offset();
        forRows((long) windows * tokens, c3, (from, to) -> {
            float[] row = new float[c3];
            for (int r = from; r < to; r++) {
                in.get(inBase + r * c3, row, 0, c3);
                if (bias != null) for (int k = 0; k < c3; k++) row[k] += bias[k];
                int win = r / tokens;
                int i = r % tokens;
                for (int p = 0; p < 3; p++) {
                    for (int head = 0; head < heads; head++) {
                        out[p].put((((win * heads + head) * tokens) + i) * d, row, p * c + head * d, d);
                    }
                }
            }
        });
        return parts;
    }

    /** The inverse layout for the attention output: (nW·h, N, d) -> (nW·N, C), channel = head·d + j. */
    static INDArray mergeHeads(INDArray context, int windows, int tokens, int heads) {
        int d = (int) context.size(2);
        int c = heads * d;
        INDArray merged = Nd4j.createUninitialized(DataType.FLOAT, (long) windows * tokens, c);
        FloatBuffer in = buffer(context);
        FloatBuffer out = buffer(merged);
        forRows((long) windows * tokens, c, (from, to) -> {
            float[] row = new float[c];
            for (int r = from; r < to; r++) {
                int win = r / tokens;
                int i = r % tokens;
                for (int head = 0; head < heads; head++) {
                    in.get((((win * heads + head) * tokens) + i) * d, row, head * d, d);
                }
                out.put(r * c, row, 0, c);
            }
        });
        return merged;
    }

    /**
     * V2's unit rows where the qkv product holds them: in qkv (nW·N, 3C), each head's q part (channels h·d ..) becomes
     * q / max(‖q‖, 1e-12) · headScale[h] and its k part (C + h·d ..) k / max(‖k‖, 1e-12), in place; v is left alone.
     */
    static void normalizeQkInPlace(INDArray qkv, int heads, float[] headScale) {
        FloatBuffer b = buffer(qkv);
        int base = (int) qkv.offset();
        int c3 = (int) qkv.columns();
        int c = c3 / 3;
        int d = c / heads;
        forRows(qkv.rows(), 2L * c, (from, to) -> {
            float[] row = new float[2 * c];
            for (int r = from; r < to; r++) {
                b.get(base + r * c3, row, 0, 2 * c);
                for (int s = 0; s < 2 * heads; s++) normalize(row, s * d, d, s < heads ? headScale[s] : 1f);
                b.put(base + r * c3, row, 0, 2 * c);
            }
        });
    }

    /**
     * row[from, from + d) / max(‖·‖, 1e-12) · factor, in place (F.normalize, then V2's τ_h). The squares go into four
     * float sums, so no add waits for the one before, and the row is scaled by one factor, a loop HotSpot vectorises:
     * one double sum and two roundings per element took 17 ms of a 69 ms V2-T pass (docs/performance.md).
     */
    private static void normalize(float[] row, int from, int d, float factor) {
        int end = from + d;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = from;
        for (; k + 4 <= end; k += 4) {
            s0 += row[k] * row[k];
            s1 += row[k + 1] * row[k + 1];
            s2 += row[k + 2] * row[k + 2];
            s3 += row[k + 3] * row[k + 3];
        }
        for (; k < end; k++) s0 += row[k] * row[k];
        float scale = (float) (factor / Math.max(Math.sqrt((double) ((s0 + s1) + (s2 + s3))), 1e-12));
        for (k = from; k < end; k++) row[k] *= scale;
    }

    /**
     * F.normalize along the last axis, x / max(‖x‖, 1e-12), in place, for (nW·h, N, d); with {@code headScale},
     * row block b (of N rows) is also multiplied by headScale[b mod h] (V2's τ_h, docs/swin-reference.md §9).
     */
    static void normalizeRowsInPlace(INDArray x, int tokens, float[] headScale) {
        FloatBuffer b = buffer(x);
        int base = (int) x.offset();
        int d = (int) x.size(2);
        long rows = x.size(0) * x.size(1);
        forRows(rows, d, (from, to) -> {
            float[] row = new float[d];
            for (int r = from; r < to; r++) {
                b.get(base + r * d, row, 0, d);
                normalize(row, 0, d, headScale == null ? 1f : headScale[(r / tokens) % headScale.length]);
                b.put(base + r * d, row, 0, d);
            }
        });
    }
}
