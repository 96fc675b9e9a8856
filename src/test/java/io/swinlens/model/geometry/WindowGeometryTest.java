package io.swinlens.model.geometry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowGeometryTest {

    @ParameterizedTest(name = "{0}x{1} window {2} shift {3}")
    @CsvSource({"8,8,4,0", "8,8,4,2", "14,14,7,3", "12,18,6,3", "56,56,7,3", "6,6,6,0", "24,12,6,3"})
    void partitionThenReverseIsTheIdentity(int h, int w, int m, int s) {
        int[] gather = WindowGeometry.partitionIndex(h, w, m, s);
        int[] scatter = WindowGeometry.inverse(gather);
        assertThat(new HashSet<>(java.util.Arrays.stream(gather).boxed().toList())).hasSize(h * w);
        for (int t = 0; t < h * w; t++) {
            assertThat(gather[scatter[t]]).isEqualTo(t);
        }
    }

    @Test
    void partitionOrderIsWindowMajorThenRowMajorInsideTheWindow() {
        // 4x4 map, window 2, no shift: window 1 is the top-right 2x2 block
        int[] gather = WindowGeometry.partitionIndex(4, 4, 2, 0);
        assertThat(java.util.Arrays.copyOfRange(gather, 4, 8)).containsExactly(2, 3, 6, 7);
        assertThat(java.util.Arrays.copyOfRange(gather, 8, 12)).containsExactly(8, 9, 12, 13);
    }

    @Test
    void shiftedPartitionStartsAtTheOriginalShiftShiftToken() {
        // roll(-s): the shifted map's (0,0) is the original (s,s) (docs/swin-reference.md §3.6)
        int[] gather = WindowGeometry.partitionIndex(6, 6, 3, 1);
        assertThat(gather[0]).isEqualTo(1 * 6 + 1);
        // the last token of the last window is the original (0,0): it wrapped to the bottom right
        assertThat(gather[gather.length - 1]).isEqualTo(0);
    }

    @ParameterizedTest
    @CsvSource({"5,7,1", "5,7,-2", "8,8,3", "8,8,0", "3,9,4"})
    void rollThenUnrollIsTheIdentity(int h, int w, int s) {
        float[] map = new float[h * w * 2];
        for (int i = 0; i < map.length; i++) map[i] = i;
        float[] back = WindowGeometry.roll(WindowGeometry.roll(map, h, w, 2, -s), h, w, 2, s);
        assertThat(back).containsExactly(map);
    }

    @Test
    void rollMatchesTorchRollSemantics() {
        // torch.roll([0..5], -2) = [2,3,4,5,0,1] along one axis
        float[] row = {0, 1, 2, 3, 4, 5};
        assertThat(WindowGeometry.roll(row, 1, 6, 1, -2)).containsExactly(2, 3, 4, 5, 0, 1);
    }

    @Test
    void gatherWithShiftEqualsRollThenPartition() {
        int h = 12, w = 8, m = 4, s = 2;
        float[] map = new float[h * w];
        for (int i = 0; i < map.length; i++) map[i] = i;
        float[] rolled = WindowGeometry.roll(map, h, w, 1, -s);
        int[] plain = WindowGeometry.partitionIndex(h, w, m, 0);
        int[] shifted = WindowGeometry.partitionIndex(h, w, m, s);
        for (int r = 0; r < map.length; r++) {
            assertThat(map[shifted[r]]).isEqualTo(rolled[plain[r]]);
        }
    }

    @Test
    void relativeIndexMatchesTheReferenceConstruction() {
        int[] idx = WindowGeometry.relativePositionIndex(7);
        assertThat(idx).hasSize(49 * 49);
        assertThat(idx[0]).isEqualTo(84);            // diagonal (M-1)(2M-1)+(M-1)
        assertThat(idx[48 * 49 + 48]).isEqualTo(84);
        assertThat(idx[0 * 49 + 48]).isEqualTo(0);    // i=(0,0), j=(6,6): dh=-6, dw=-6
        assertThat(idx[48 * 49]).isEqualTo(168);      // i=(6,6), j=(0,0)
        assertThat(idx[1 * 49]).isEqualTo(6 * 13 + 7); // i=(0,1), j=(0,0): dh=0, dw=+1
        assertThat(java.util.Arrays.stream(idx).max().getAsInt()).isEqualTo(168);
    }

    @Test
    void relativeIndexIntoALargerTableReadsTheSameOffsets() {
        int m = 3;
        int mt = 7;
        int[] small = WindowGeometry.relativePositionIndex(m);
        int[] large = WindowGeometry.relativePositionIndex(m, mt);
        for (int r = 0; r < small.length; r++) {
            int dh = small[r] / (2 * m - 1) - (m - 1);
            int dw = small[r] % (2 * m - 1) - (m - 1);
            assertThat(large[r]).isEqualTo((dh + mt - 1) * (2 * mt - 1) + dw + mt - 1);
        }
        assertThat(WindowGeometry.relativePositionIndex(m, m)).isEqualTo(small);
        assertThatThrownBy(() -> WindowGeometry.relativePositionIndex(7, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} rows -> window {1}")
    @CsvSource({"169, 7", "1, 1", "9, 2", "529, 12", "168, -1", "144, -1", "0, -1"})
    void tableWindowIsTheWindowOfASquareOddSpan(long rows, int window) {
        assertThat(WindowGeometry.tableWindow(rows)).isEqualTo(window);
    }

    @Test
    void regionLabelsFollowTheReferenceExample() {
        // W = 14, M = 7, s = 3: columns [0,7) -> 0, [7,11) -> 1, [11,14) -> 2
        int[] labels = WindowGeometry.regionLabels(14, 14, 7, 3);
        assertThat(labels[0]).isEqualTo(0);
        assertThat(labels[7]).isEqualTo(1);
        assertThat(labels[10]).isEqualTo(1);
        assertThat(labels[11]).isEqualTo(2);
        assertThat(labels[13 * 14 + 13]).isEqualTo(8);
        assertThat(labels[8 * 14 + 2]).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({"14,14,7,3", "8,8,4,2", "12,6,3,1", "56,56,7,3"})
    void shiftMaskSeparatesExactlyTheWrappedRegions(int h, int w, int m, int s) {
        float[] mask = WindowGeometry.shiftMask(h, w, m, s);
        int n = m * m;
        int[] gather = WindowGeometry.partitionIndex(h, w, m, s);
        for (int win = 0; win < h * w / n; win++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    // two tokens of a shifted window may attend iff they were neighbours before the roll:
                    // their original positions are in the same window-sized wrapped block, i.e. neither
                    // coordinate pair straddles the wrap-around
                    int oi = gather[win * n + i], oj = gather[win * n + j];
                    boolean sameSide = sameSide(oi / w, oj / w, h, s) && sameSide(oi % w, oj % w, w, s);
                    float expected = sameSide ? 0f : -100f;
                    assertThat(mask[(win * n + i) * n + j]).as("window %d (%d,%d)", win, i, j).isEqualTo(expected);
                }
            }
        }
    }

    /** Whether two original coordinates lie on the same side of the wrap (the first s rows wrap). */
    private static boolean sameSide(int a, int b, int size, int s) {
        return (a < s) == (b < s);
    }

    @Test
    void interiorWindowsHaveNoMask() {
        float[] mask = WindowGeometry.shiftMask(28, 28, 7, 3);
        int nn = 49 * 49;
        Set<Integer> masked = new HashSet<>();
        for (int win = 0; win < 16; win++) {
            for (int k = 0; k < nn; k++) if (mask[win * nn + k] != 0) masked.add(win);
        }
        // only the last column (3, 7, 11) and last row (12..15) of windows touch the wrap
        assertThat(masked).containsExactlyInAnyOrder(3, 7, 11, 12, 13, 14, 15);
    }

    @Test
    void unshiftedBlocksHaveAnAllZeroMask() {
        for (float v : WindowGeometry.shiftMask(8, 8, 4, 0)) assertThat(v).isZero();
    }

    @Test
    void clampedStageHasNoShiftAndAWindowOfItsSize() {
        BlockGeometry g = BlockGeometry.of(3, 1, 7, 7, 7);
        assertThat(g.shifted()).isFalse();
        assertThat(g.window()).isEqualTo(7);
        BlockGeometry small = BlockGeometry.of(3, 1, 2, 2, 4);
        assertThat(small.window()).isEqualTo(2);
        assertThat(small.shifted()).isFalse();
        assertThat(BlockGeometry.of(0, 1, 56, 56, 7).shiftY()).isEqualTo(3);
        assertThat(BlockGeometry.of(0, 1, 96, 96, 12).shiftX()).isEqualTo(6);
        assertThat(BlockGeometry.of(0, 0, 56, 56, 7).shifted()).isFalse();
    }

    @Test
    void aMapThatIsNoWindowMultipleIsPaddedRightAndBottom() {
        BlockGeometry g = BlockGeometry.of(0, 1, 30, 23, 7);
        assertThat(g.paddedHeight()).isEqualTo(35);
        assertThat(g.paddedWidth()).isEqualTo(28);
        assertThat(g.windowCount()).isEqualTo(5 * 4);
        assertThat(g.shiftY()).isEqualTo(3);
        int[] index = WindowGeometry.partitionIndex(g);
        assertThat(index).hasSize(35 * 28);
        assertThat(java.util.Arrays.stream(index).filter(i -> i < 0).count()).isEqualTo(35 * 28 - 30 * 23);
        assertThat(java.util.Arrays.stream(index).filter(i -> i >= 0).distinct().count()).isEqualTo(30 * 23);
        int[] rows = WindowGeometry.rowOfToken(g);
        for (int t = 0; t < 30 * 23; t++) assertThat(index[rows[t]]).isEqualTo(t);
    }

    @Test
    void torchvisionKeepsTheWindowAndDropsTheShiftOnACoveredAxis() {
        // swin_v2_t at 320x256: stage 3 is 10x8, window 8: rows pad to 16 and shift by 4, columns are covered
        BlockGeometry g = BlockGeometry.of(3, 1, 10, 8, 8, io.swinlens.model.config.WindowRule.PAD);
        assertThat(g.window()).isEqualTo(8);
        assertThat(g.paddedHeight()).isEqualTo(16);
        assertThat(g.paddedWidth()).isEqualTo(8);
        assertThat(g.shiftY()).isEqualTo(4);
        assertThat(g.shiftX()).isZero();
        assertThat(g.shiftText()).isEqualTo("4 down, 0 across");
        // the official rule clamps instead: window 8 = min(10, 8), no shift
        BlockGeometry clamped = BlockGeometry.of(3, 1, 10, 8, 8);
        assertThat(clamped.window()).isEqualTo(8);
        assertThat(clamped.shifted()).isFalse();
        assertThat(clamped.paddedHeight()).isEqualTo(16);
        // torchvision on a stage smaller than its window: pads, never shrinks
        BlockGeometry small = BlockGeometry.of(3, 1, 2, 2, 4, io.swinlens.model.config.WindowRule.PAD);
        assertThat(small.window()).isEqualTo(4);
        assertThat(small.shifted()).isFalse();
    }

    @Test
    void originalTokenInvertsThePartition() {
        BlockGeometry g = BlockGeometry.of(0, 1, 12, 12, 4);
        int[] gather = WindowGeometry.partitionIndex(12, 12, 4, 2);
        for (int r = 0; r < gather.length; r++) {
            assertThat(WindowGeometry.originalToken(g, r / 16, r % 16)).isEqualTo(gather[r]);
        }
    }
}
