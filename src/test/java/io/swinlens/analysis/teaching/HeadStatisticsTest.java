package io.swinlens.analysis.teaching;

import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.geometry.BlockGeometry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntBinaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-made attention on a 4 x 4 map of 2 x 2 windows (N = 4), patch size 4. */
class HeadStatisticsTest {

    static final int PATCH = 4;

    /** One head whose row i of every window is {@code row(i, j)}. */
    private static BlockAttention attention(BlockGeometry g, IntBinaryOperator oneHotOrUniform) {
        int n = g.tokensPerWindow();
        float[] probs = new float[g.windowCount() * n * n];
        for (int w = 0; w < g.windowCount(); w++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int target = oneHotOrUniform.applyAsInt(i, j);
                    probs[(w * n + i) * n + j] = target < 0 ? 1f / n : (j == target ? 1f : 0f);
                }
            }
        }
        return new BlockAttention(g, 1, probs);
    }

    private static HeadStatistic only(BlockAttention a) {
        List<HeadStatistic> stats = HeadStatistics.of(a, PATCH);
        assertThat(stats).hasSize(1);
        return stats.get(0);
    }

    @Test
    void uniformAttentionHasEntropyLnNAndTheMeanInWindowDistance() {
        HeadStatistic s = only(attention(BlockGeometry.of(0, 0, 4, 4, 2), (i, j) -> -1));
        assertThat(s.entropyNats()).isCloseTo(Math.log(4), within(1e-6));
        // each query sees its window's 4 tokens at 0, 1, 1 and √2 tokens; one token is 4 px at stage 0
        assertThat(s.meanDistancePx()).isCloseTo(PATCH * (2 + Math.sqrt(2)) / 4, within(1e-6));
    }

    @Test
    void attendingToSelfHasZeroDistanceAndZeroEntropy() {
        HeadStatistic s = only(attention(BlockGeometry.of(0, 0, 4, 4, 2), (i, j) -> i));
        assertThat(s.meanDistancePx()).isZero();
        assertThat(s.entropyNats()).isZero();
    }

    @Test
    void attendingToTheNextColumnIsOneTokenAwayInPixelsOfTheStage() {
        // stage 1: a token is P·2 = 8 input pixels; i ^ 1 is the horizontal neighbour inside a 2 x 2 window
        HeadStatistic s = only(attention(BlockGeometry.of(1, 0, 4, 4, 2), (i, j) -> i ^ 1));
        assertThat(s.meanDistancePx()).isCloseTo(8.0, within(1e-9));
        assertThat(s.entropyNats()).isZero();
        assertThat(s.stage()).isEqualTo(1);
        assertThat(s.block()).isZero();
    }

    @Test
    void distancesInShiftedWindowsAreMeasuredInOriginalCoordinates() {
        // shift 1: shifted columns (0, 1) hold original (1, 2), one apart; shifted (2, 3) hold original (3, 0), three apart
        BlockGeometry g = BlockGeometry.of(0, 1, 4, 4, 2);
        assertThat(g.shiftY()).isEqualTo(1);
        HeadStatistic s = only(attention(g, (i, j) -> i ^ 1));
        assertThat(s.meanDistancePx()).isCloseTo(PATCH * (1 + 3) / 2.0, within(1e-9));
    }

    @Test
    void everyHeadGetsItsOwnEntry() {
        BlockGeometry g = BlockGeometry.of(2, 1, 4, 4, 2);
        BlockAttention uniform = attention(g, (i, j) -> -1);
        BlockAttention self = attention(g, (i, j) -> i);
        int n = g.tokensPerWindow();
        float[] probs = new float[g.windowCount() * 2 * n * n];   // (nW, 2 heads, N, N): head 0 uniform, head 1 self
        for (int w = 0; w < g.windowCount(); w++) {
            System.arraycopy(uniform.probs(), w * n * n, probs, (w * 2) * n * n, n * n);
            System.arraycopy(self.probs(), w * n * n, probs, (w * 2 + 1) * n * n, n * n);
        }
        List<HeadStatistic> stats = HeadStatistics.compute(List.of(new BlockAttention(g, 2, probs)), PATCH);
        assertThat(stats).extracting(HeadStatistic::head).containsExactly(0, 1);
        assertThat(stats).extracting(HeadStatistic::stage).containsOnly(2);
        assertThat(stats.get(0).entropyNats()).isCloseTo(Math.log(4), within(1e-6));
        assertThat(stats.get(1).entropyNats()).isZero();
    }
}
