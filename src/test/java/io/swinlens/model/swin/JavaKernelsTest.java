package io.swinlens.model.swin;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The row gather copies runs of consecutive rows at once: every index pattern must still give out[t] = x[index[t]]. */
class JavaKernelsTest {

    @Test
    void gatherRowsMatchesRowByRowForRunsZeroRowsAndTheLastRow() {
        int rows = 12;
        int c = 5;
        INDArray x = Nd4j.arange(rows * c).castTo(DataType.FLOAT).reshape('c', rows, c);
        int[][] indices = {
                {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},       // one run, the whole array
                {9, 10, 11, 12, 0, 1},                         // a run up to the last row, a zero row, a run from row 0
                {12, 12, 3, 4, 12, 5, 6},                      // zero rows between and inside runs
                {11, 10, 9, 2, 2, 3},                          // descending, repeated
        };
        Random random = new Random(5);
        int[] shuffled = random.ints(40, 0, rows + 1).toArray();  // rows + 1 exclusive: includes the zero row
        for (int[] index : concat(indices, shuffled)) {
            float[][] got = JavaKernels.gatherRows(x, index).toFloatMatrix();
            for (int t = 0; t < index.length; t++) {
                float[] want = new float[c];
                for (int k = 0; k < c && index[t] < rows; k++) want[k] = index[t] * c + k;
                assertThat(got[t]).as("row %d of %s", t, java.util.Arrays.toString(index)).containsExactly(want);
            }
        }
    }

    private static int[][] concat(int[][] a, int[] b) {
        int[][] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
