package io.swinlens.analysis.teaching;

import io.swinlens.analysis.TokenMap;
import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.model.geometry.WindowGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RolloutTest {

    private static List<BlockAttention> attention(String model) {
        return TeachingFixtures.run(model, "official.safetensors", new CaptureRequest(true, false, null)).attention();
    }

    @ParameterizedTest
    @EnumSource(HeadFusion.class)
    void rolloutCoversTheFirstStageAndSumsToOne(HeadFusion fusion) {
        TokenMap map = Rollout.compute(attention("m7"), fusion);   // 224 input: 56 x 56 first-stage tokens
        assertThat(map.height()).isEqualTo(56);
        assertThat(map.width()).isEqualTo(56);
        assertThat(map.sum()).isCloseTo(1.0, within(1e-5));
        for (float v : map.values()) assertThat(v).isGreaterThanOrEqualTo(0f);
    }

    @Test
    void everyStagesRolloutSumsToOneAtThatStagesResolution() {
        List<TokenMap> stages = Rollout.perStage(attention("m3w6"), HeadFusion.MEAN);
        assertThat(stages).extracting(TokenMap::height).containsExactly(24, 12, 6);
        for (TokenMap g : stages) assertThat(g.sum()).isCloseTo(1.0, within(1e-5));
        assertThat(stages.get(0).values()).containsExactly(Rollout.compute(attention("m3w6")).values());
    }

    /** The definition, written out densely: L x L matrices per block, (L/4) x L per merge, on m4w4 (256 tokens). */
    @Test
    void rolloutEqualsTheDenseHandComputedRollout() {
        List<BlockAttention> attention = attention("m4w4");
        int last = attention.get(attention.size() - 1).stage();
        BlockGeometry top = attention.get(attention.size() - 1).geometry();
        double[] v = new double[top.tokenCount()];
        java.util.Arrays.fill(v, 1.0 / v.length);
        for (int s = last; s >= 0; s--) {
            for (int k = attention.size() - 1; k >= 0; k--) {
                if (attention.get(k).stage() == s) v = times(v, denseR(attention.get(k)));
            }
            if (s > 0) {
                int below = s - 1;
                BlockGeometry g = attention.stream().filter(a -> a.stage() == below).findFirst().orElseThrow().geometry();
                v = times(v, denseUnmerge(g.height(), g.width()));
            }
        }
        TokenMap map = Rollout.compute(attention);
        assertThat(map.height() * map.width()).isEqualTo(256).isEqualTo(v.length);
        for (int t = 0; t < v.length; t++) assertThat((double) map.values()[t]).as("token %d", t).isCloseTo(v[t], within(1e-6));
    }

    private static double[][] denseR(BlockAttention a) {
        BlockGeometry g = a.geometry();
        int l = g.tokenCount();
        int n = g.tokensPerWindow();
        double[][] r = new double[l][l];
        for (int w = 0; w < g.windowCount(); w++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double mean = 0;
                    for (int h = 0; h < a.heads(); h++) mean += a.get(w, h, i, j);
                    r[WindowGeometry.originalToken(g, w, i)][WindowGeometry.originalToken(g, w, j)] = 0.5 * mean / a.heads();
                }
            }
        }
        for (int t = 0; t < l; t++) r[t][t] += 0.5;
        return r;
    }

    /** Row (i, j) of the merged map spreads a quarter to each of its four children in the (h, w) map. */
    private static double[][] denseUnmerge(int h, int w) {
        double[][] u = new double[h * w / 4][h * w];
        for (int i = 0; i < h / 2; i++) {
            for (int j = 0; j < w / 2; j++) {
                int[][] children = {{2 * i, 2 * j}, {2 * i + 1, 2 * j}, {2 * i, 2 * j + 1}, {2 * i + 1, 2 * j + 1}};
                for (int[] c : children) u[i * (w / 2) + j][c[0] * w + c[1]] = 0.25;
            }
        }
        return u;
    }

    private static double[] times(double[] v, double[][] m) {
        double[] out = new double[m[0].length];
        for (int i = 0; i < v.length; i++) for (int j = 0; j < out.length; j++) out[j] += v[i] * m[i][j];
        return out;
    }

    @Test
    void maxAndMinEqualMeanWhenEveryHeadAttendsAlike() {
        List<BlockAttention> alike = new ArrayList<>();
        for (BlockAttention a : attention("m4w4")) alike.add(copyHeadZeroToAll(a));
        TokenMap mean = Rollout.compute(alike, HeadFusion.MEAN);
        for (HeadFusion f : List.of(HeadFusion.MAX, HeadFusion.MIN)) {
            TokenMap fused = Rollout.compute(alike, f);
            for (int t = 0; t < mean.values().length; t++) {
                assertThat(fused.values()[t]).as("%s token %d", f, t).isCloseTo(mean.values()[t], within(1e-6f));
            }
        }
    }

    @Test
    void maxAndMinDifferFromMeanWhenHeadsDisagree() {
        List<BlockAttention> attention = attention("m7");
        TokenMap mean = Rollout.compute(attention, HeadFusion.MEAN);
        assertThat(Rollout.compute(attention, HeadFusion.MAX).values()).isNotEqualTo(mean.values());
        assertThat(Rollout.compute(attention, HeadFusion.MIN).values()).isNotEqualTo(mean.values());
    }

    private static BlockAttention copyHeadZeroToAll(BlockAttention a) {
        int n = a.tokensPerWindow();
        float[] probs = a.probs().clone();
        for (int w = 0; w < a.windows(); w++) {
            for (int h = 1; h < a.heads(); h++) {
                System.arraycopy(probs, a.rowOffset(w, 0, 0), probs, a.rowOffset(w, h, 0), n * n);
            }
        }
        return new BlockAttention(a.geometry(), a.heads(), probs);
    }

    @Test
    void aMissingBlockIsRefused() {
        List<BlockAttention> attention = new ArrayList<>(attention("m4w4"));
        attention.remove(2);                                   // stage 1 block 0
        assertThatThrownBy(() -> Rollout.compute(attention)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage 1 block 1").hasMessageContaining("out of sequence");
    }
}
