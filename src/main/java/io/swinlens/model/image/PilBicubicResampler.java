package io.swinlens.model.image;

import java.util.Arrays;

/**
 * Pillow's {@code Image.resize(size, BICUBIC)} for 8-bit RGB, reproduced to the bit: follows
 * Pillow 9.x {@code src/libImaging/Resample.c} ({@code precompute_coeffs},
 * {@code normalize_coeffs_8bpc}, {@code ImagingResampleHorizontal_8bpc} / {@code Vertical}).
 * <p>
 * The filter is the a = -0.5 cubic, widened by the downscale factor (antialiasing). Coefficients
 * are normalised in double, then fixed point with 22 fraction bits; each pass rounds and clips to
 * uint8. The horizontal pass runs first, into a uint8 intermediate, then the vertical one; a pass
 * is skipped when its size does not change, as in Pillow. Only the requested window of the output
 * is computed, which gives the same pixels as resizing everything and cropping afterwards.
 * <p>
 * Pixels are packed {@code 0xRRGGBB} ints, row-major.
 */
final class PilBicubicResampler {

    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);
    private static final double SUPPORT = 2.0;

    private PilBicubicResampler() {
    }

    /**
     * Resizes {@code src} ({@code srcWidth x srcHeight}) to {@code outWidth x outHeight} and
     * returns the window of {@code width x height} pixels at ({@code left}, {@code top}) of that result.
     */
    static int[] resize(int[] src, int srcWidth, int srcHeight, int outWidth, int outHeight,
                        int left, int top, int width, int height) {
        Coefficients horizontal = outWidth == srcWidth ? Coefficients.identity(left, width)
                : Coefficients.of(srcWidth, outWidth, left, width);
        Coefficients vertical = outHeight == srcHeight ? Coefficients.identity(top, height)
                : Coefficients.of(srcHeight, outHeight, top, height);
        int firstRow = vertical.start[0];
        int lastRow = vertical.start[height - 1] + vertical.count[height - 1];
        int rows = lastRow - firstRow;
        int[] temp = new int[rows * width];
        for (int y = 0; y < rows; y++) {
            horizontalRow(src, (firstRow + y) * srcWidth, temp, y * width, horizontal);
        }
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            verticalRow(temp, width, vertical.start[y] - firstRow, vertical, y, out, y * width);
        }
        return out;
    }

    private static void horizontalRow(int[] src, int srcOffset, int[] dst, int dstOffset, Coefficients c) {
        int[] weights = c.weights;
        for (int x = 0; x < c.count.length; x++) {
            int base = srcOffset + c.start[x];
            int k = x * c.kernelSize;
            int r = HALF;
            int g = HALF;
            int b = HALF;
            for (int i = 0, n = c.count[x]; i < n; i++) {
                int p = src[base + i];
                int w = weights[k + i];
                r += ((p >>> 16) & 0xFF) * w;
                g += ((p >>> 8) & 0xFF) * w;
                b += (p & 0xFF) * w;
            }
            dst[dstOffset + x] = clip8(r) << 16 | clip8(g) << 8 | clip8(b);
        }
    }

    /** Row by row over the taps, so the inner loop reads memory in order. */
    private static void verticalRow(int[] src, int width, int firstRow, Coefficients c, int y,
                                    int[] dst, int dstOffset) {
        int[] r = new int[width];
        int[] g = new int[width];
        int[] b = new int[width];
        Arrays.fill(r, HALF);
        Arrays.fill(g, HALF);
        Arrays.fill(b, HALF);
        for (int i = 0, n = c.count[y]; i < n; i++) {
            int w = c.weights[y * c.kernelSize + i];
            int rowOffset = (firstRow + i) * width;
            for (int x = 0; x < width; x++) {
                int p = src[rowOffset + x];
                r[x] += ((p >>> 16) & 0xFF) * w;
                g[x] += ((p >>> 8) & 0xFF) * w;
                b[x] += (p & 0xFF) * w;
            }
        }
        for (int x = 0; x < width; x++) {
            dst[dstOffset + x] = clip8(r[x]) << 16 | clip8(g[x]) << 8 | clip8(b[x]);
        }
    }

    private static int clip8(int accumulator) {
        int v = accumulator >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }

    static double bicubic(double x) {
        final double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    /** For output indices first..first+count-1: the first input index, the tap count, fixed-point taps. */
    private record Coefficients(int[] start, int[] count, int[] weights, int kernelSize) {

        static Coefficients identity(int first, int length) {
            int[] start = new int[length];
            int[] count = new int[length];
            int[] weights = new int[length];
            for (int i = 0; i < length; i++) {
                start[i] = first + i;
                count[i] = 1;
                weights[i] = 1 << PRECISION_BITS;
            }
            return new Coefficients(start, count, weights, 1);
        }

        /** precompute_coeffs + normalize_coeffs_8bpc for box (0, inSize). */
        static Coefficients of(int inSize, int outSize, int first, int length) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int kernelSize = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[length];
            int[] count = new int[length];
            int[] weights = new int[length * kernelSize];
            double[] k = new double[kernelSize];
            for (int i = 0; i < length; i++) {
                int xx = first + i;
                double center = (xx + 0.5) * scale;
                double ss = 1.0 / filterScale;
                int xmin = Math.max((int) (center - support + 0.5), 0);
                int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
                double sum = 0.0;
                for (int x = 0; x < xmax; x++) {
                    k[x] = bicubic((x + xmin - center + 0.5) * ss);
                    sum += k[x];
                }
                for (int x = 0; x < xmax; x++) {
                    double w = sum != 0.0 ? k[x] / sum : k[x];
                    weights[i * kernelSize + x] = w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS))
                            : (int) (0.5 + w * (1 << PRECISION_BITS));
                }
                start[i] = xmin;
                count[i] = xmax;
            }
            return new Coefficients(start, count, weights, kernelSize);
        }
    }
}
