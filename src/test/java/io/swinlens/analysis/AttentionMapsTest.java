package io.swinlens.analysis;

import io.swinlens.model.capture.BlockAttention;
import io.swinlens.model.geometry.BlockGeometry;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AttentionMapsTest {

    /** m4w4 stage 0 block 1: 16x16 tokens, window 4, shift 2, 2 heads, PyTorch's attention. */
    private static BlockAttention shiftedBlock() {
        BlockGeometry g = BlockGeometry.of(0, 1, 16, 16, 4);
        return new BlockAttention(g, 2, Fixtures.npy("m4w4", "attention/stage0_block1.npy").data());
    }

    @Test
    void queryMapSumsToOneInsideTheWrappedWindowAndIsZeroOutside() {
        BlockAttention a = shiftedBlock();
        TokenMap map = AttentionMaps.query(a, 1, 0, 0);
        Set<Integer> window = new HashSet<>();
        for (int y : new int[]{14, 15, 0, 1}) {
            for (int x : new int[]{14, 15, 0, 1}) window.add(y * 16 + x);
        }
        double inside = 0;
        for (int t = 0; t < 256; t++) {
            if (window.contains(t)) inside += map.values()[t];
            else assertThat(map.values()[t]).as("token %d", t).isZero();
        }
        assertThat(inside).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void queryMapEntryIsTheRawRowOfTheShiftedWindow() {
        BlockAttention a = shiftedBlock();
        // Original (0, 0) sits at shifted (14, 14): window (3, 3) = 15, in-window index (2, 2) = 10.
        // Original key (15, 15) sits at shifted (13, 13): index (1, 1) = 5; key (1, 1) at shifted (15, 15): index 15.
        TokenMap map = AttentionMaps.query(a, 1, 0, 0);
        assertThat(map.get(15, 15)).isEqualTo(a.get(15, 1, 10, 5));
        assertThat(map.get(1, 1)).isEqualTo(a.get(15, 1, 10, 15));
        assertThat(map.get(0, 0)).isEqualTo(a.get(15, 1, 10, 10));
    }

    @Test
    void meanOfHeadsAveragesTheHeadMaps() {
        BlockAttention a = shiftedBlock();
        TokenMap mean = AttentionMaps.query(a, -1, 5, 9);
        TokenMap h0 = AttentionMaps.query(a, 0, 5, 9);
        TokenMap h1 = AttentionMaps.query(a, 1, 5, 9);
        for (int t = 0; t < 256; t++) {
            assertThat(mean.values()[t]).isCloseTo((h0.values()[t] + h1.values()[t]) / 2, within(1e-7f));
        }
    }

    @Test
    void queryWindowTokensWrapAcrossBothEdges() {
        int[] tokens = AttentionMaps.queryWindowTokens(BlockGeometry.of(0, 1, 16, 16, 4), 0, 0);
        int[] sorted = tokens.clone();
        Arrays.sort(sorted);
        assertThat(sorted).containsExactly(0, 1, 14, 15, 16, 17, 30, 31, 224, 225, 238, 239, 240, 241, 254, 255);
    }

    @Test
    void receivedIsTheMeanOverTheWindowsQueriesAtOriginalPositions() {
        // 4x4 tokens, window 2, shift 1, 2 heads. Window 0 of head 0: every query attends only to key 0,
        // which is shifted (0, 0) = original (1, 1). Everything else is uniform 1/4.
        BlockGeometry g = BlockGeometry.of(0, 1, 4, 4, 2);
        float[] probs = new float[4 * 2 * 4 * 4];
        Arrays.fill(probs, 0.25f);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) probs[(0 * 4 + i) * 4 + j] = j == 0 ? 1f : 0f;
        }
        BlockAttention a = new BlockAttention(g, 2, probs);
        TokenMap head0 = AttentionMaps.received(a, 0);
        assertThat(head0.get(1, 1)).isEqualTo(1f);
        assertThat(head0.get(1, 2)).isZero();
        assertThat(head0.get(2, 1)).isZero();
        assertThat(head0.get(2, 2)).isZero();
        assertThat(head0.get(0, 0)).isEqualTo(0.25f);
        assertThat(head0.get(3, 3)).isEqualTo(0.25f);
        TokenMap mean = AttentionMaps.received(a, -1);
        assertThat(mean.get(1, 1)).isEqualTo(0.625f);
        assertThat(mean.get(2, 2)).isEqualTo(0.125f);
    }

    @Test
    void perWindowNormalisationScalesEachWindowToItsOwnMax() {
        BlockGeometry g = BlockGeometry.of(0, 0, 4, 4, 2);
        float[] values = new float[16];
        values[0] = 0.5f;
        values[1] = 0.25f;
        values[15] = 0.1f;
        float[] n = Normaliser.normalise(new TokenMap(4, 4, values), g, Normalisation.PER_WINDOW, 0);
        assertThat(n[0]).isEqualTo(1f);
        assertThat(n[1]).isEqualTo(0.5f);
        assertThat(n[15]).isEqualTo(1f);
        float[] head = Normaliser.normalise(new TokenMap(4, 4, values), g, Normalisation.PER_HEAD, 0);
        assertThat(head[15]).isEqualTo(0.2f);
    }
}
