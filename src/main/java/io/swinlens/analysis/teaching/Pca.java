package io.swinlens.analysis.teaching;

/**
 * The first three principal components of a token map (L tokens of C channels) as an RGB picture, one pixel per
 * token: the usual way to look at what a feature map holds. Power iteration with deflation on the C x C covariance,
 * each component's sign fixed so that its largest loading is positive (the picture does not flip between runs), and
 * each channel stretched between its 2nd and 98th percentile.
 */
public final class Pca {

    private static final int ITERATIONS = 60;

    private Pca() { }

    /** (H, W) RGB values 0xRRGGBB of an (H·W, C) row-major token map. */
    public static int[] rgb(float[] tokens, int count, int channels) {
        double[] mean = new double[channels];
        for (int t = 0; t < count; t++) for (int c = 0; c < channels; c++) mean[c] += tokens[t * channels + c];
        for (int c = 0; c < channels; c++) mean[c] /= Math.max(1, count);
        double[][] cov = new double[channels][channels];
        double[] row = new double[channels];
        for (int t = 0; t < count; t++) {
            for (int c = 0; c < channels; c++) row[c] = tokens[t * channels + c] - mean[c];
            for (int a = 0; a < channels; a++) {
                double ra = row[a];
                if (ra == 0) continue;
                double[] ca = cov[a];
                for (int b = a; b < channels; b++) ca[b] += ra * row[b];
            }
        }
        for (int a = 0; a < channels; a++) for (int b = 0; b < a; b++) cov[a][b] = cov[b][a];
        int[] out = new int[count];
        double[][] components = new double[3][];
        for (int k = 0; k < 3 && k < channels; k++) {
            double[] v = new double[channels];
            for (int c = 0; c < channels; c++) v[c] = 1.0 + 0.01 * ((c * 7919 + k * 104729) % 97);
            double lambda = 0;
            for (int it = 0; it < ITERATIONS; it++) {
                double[] w = new double[channels];
                for (int a = 0; a < channels; a++) {
                    double s = 0;
                    for (int b = 0; b < channels; b++) s += cov[a][b] * v[b];
                    w[a] = s;
                }
                lambda = Math.sqrt(dot(w, w));
                if (lambda == 0) break;
                for (int c = 0; c < channels; c++) v[c] = w[c] / lambda;
            }
            int largest = 0;
            for (int c = 1; c < channels; c++) if (Math.abs(v[c]) > Math.abs(v[largest])) largest = c;
            if (v[largest] < 0) for (int c = 0; c < channels; c++) v[c] = -v[c];
            components[k] = v;
            for (int a = 0; a < channels; a++) for (int b = 0; b < channels; b++) cov[a][b] -= lambda * v[a] * v[b];
        }
        int[][] channel = new int[3][count];
        for (int k = 0; k < 3; k++) {
            if (components[k] == null) continue;
            double[] p = new double[count];
            for (int t = 0; t < count; t++) {
                double s = 0;
                for (int c = 0; c < channels; c++) s += (tokens[t * channels + c] - mean[c]) * components[k][c];
                p[t] = s;
            }
            double[] sorted = p.clone();
            java.util.Arrays.sort(sorted);
            double lo = sorted[(int) Math.floor(0.02 * (count - 1))];
            double hi = sorted[(int) Math.ceil(0.98 * (count - 1))];
            for (int t = 0; t < count; t++) {
                double u = hi > lo ? (p[t] - lo) / (hi - lo) : 0.5;
                channel[k][t] = (int) Math.round(255 * Math.max(0, Math.min(1, u)));
            }
        }
        for (int t = 0; t < count; t++) out[t] = channel[0][t] << 16 | channel[1][t] << 8 | channel[2][t];
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
