package io.swinlens.model.swin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExactGeluTest {

    @Test
    void matchesTheErfGeluInDoublePrecisionEverywhere() {
        double worst = 0;
        for (double x = -12; x <= 12; x += 1e-4) {
            double expected = x * ExactGelu.normalCdf(x);
            worst = Math.max(worst, Math.abs(ExactGelu.apply((float) x) - expected));
        }
        assertThat(worst).isLessThan(1.5e-6);
    }

    @Test
    void isNotTheTanhOrSigmoidApproximation() {
        // at x = -3 the tanh form is off by ~2e-4 and the sigmoid form by ~1.8e-2; the exact value is -0.0040497
        assertThat((double) ExactGelu.apply(-3f)).isCloseTo(-3 * ExactGelu.normalCdf(-3), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(ExactGelu.normalCdf(-3)).isCloseTo(0.0013498980316301, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void saturatesToIdentityAndZero() {
        assertThat(ExactGelu.apply(30f)).isEqualTo(30f);
        assertThat(ExactGelu.apply(-30f)).isEqualTo(-0f);
        assertThat(ExactGelu.apply(0f)).isZero();
    }
}
