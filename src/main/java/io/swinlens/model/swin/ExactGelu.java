package io.swinlens.model.swin;

/**
 * GELU as Swin uses it, x·Φ(x) with Φ the standard normal CDF (the exact, erf form; reference §3.2),
 * evaluated by cubic Hermite interpolation of Φ on a fine grid. Φ is tabulated once in double precision
 * from a series with only positive terms, and Φ' = φ is known in closed form, so the interpolation error
 * is below 1e-12: far inside float rounding, unlike ND4J's GELU ops (sigmoid and tanh approximations).
 */
final class ExactGelu {

    static final double RANGE = 7.0;        // 1 - Φ(7) ≈ 1.3e-12: outside, Φ is 0 or 1 in float
    private static final int STEPS_PER_UNIT = 512;
    private static final double H = 1.0 / STEPS_PER_UNIT;
    private static final int SIZE = (int) (2 * RANGE * STEPS_PER_UNIT) + 2;
    private static final float[] CDF = new float[SIZE];
    private static final float[] PDF_H = new float[SIZE];   // φ(x)·h, the Hermite slope term

    static {
        for (int i = 0; i < SIZE; i++) {
            double x = -RANGE + i * H;
            CDF[i] = (float) cdf(x);
            PDF_H[i] = (float) (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) * H);
        }
    }

    private ExactGelu() { }

    /** gelu(x) = x·Φ(x). */
    static float apply(float x) {
        if (x >= RANGE) return x;
        if (x <= -RANGE) return 0f;
        double u = (x + RANGE) * STEPS_PER_UNIT;
        int i = (int) u;
        float t = (float) (u - i);
        float t2 = t * t;
        float t3 = t2 * t;
        float h00 = 2 * t3 - 3 * t2 + 1;
        float h10 = t3 - 2 * t2 + t;
        float h01 = -2 * t3 + 3 * t2;
        float h11 = t3 - t2;
        float phi = h00 * CDF[i] + h10 * PDF_H[i] + h01 * CDF[i + 1] + h11 * PDF_H[i + 1];
        return x * phi;
    }

    /**
     * Φ(x) = 1/2 + φ(x)·Σ x^(2n+1)/(1·3·…·(2n+1)) for x >= 0 (every term positive, no cancellation);
     * Φ(-x) = 1 - Φ(x). Accurate to double rounding for |x| <= 8.
     */
    static double cdf(double x) {
        double ax = Math.abs(x);
        double term = ax;
        double sum = ax;
        for (int n = 1; n < 500 && term > 1e-17 * sum; n++) {
            term *= ax * ax / (2 * n + 1);
            sum += term;
        }
        double upper = 0.5 + Math.exp(-0.5 * ax * ax) / Math.sqrt(2 * Math.PI) * sum;
        return x >= 0 ? upper : 1 - upper;
    }
}
