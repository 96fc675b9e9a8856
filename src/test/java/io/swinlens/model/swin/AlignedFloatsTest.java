package io.swinlens.model.swin;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.WeakReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Arrays on cache lines: aligned, ordinary row-major ND4J arrays to every kernel, and freed once unreachable. */
class AlignedFloatsTest {

    @Test
    void arraysStartOnACacheLineAndBehaveAsDenseRowMajorArrays() {
        for (long[] shape : new long[][]{{3136, 96}, {49, 768}, {3, 49, 49}, {1, 1}, {7}}) {
            INDArray a = AlignedFloats.array(shape);
            assertThat(a.data().addressPointer().address() % AlignedFloats.ALIGNMENT).as("%s", java.util.Arrays.toString(shape)).isZero();
            assertThat(a.shape()).containsExactly(shape);
            assertThat(a.ordering()).isEqualTo('c');
            assertThat(a.isView()).isFalse();
            assertThat(OneDnn.dense(a)).isTrue();
            assertThat(a.isAttached()).isFalse();
        }
        INDArray x = AlignedFloats.array(4, 3).assign(Nd4j.arange(12).castTo(DataType.FLOAT).reshape(4, 3));
        assertThat(x.getFloat(2, 1)).isEqualTo(7f);
        assertThat(JavaKernels.gatherRows(x, new int[]{3, 0, 4}).toFloatMatrix())           // row 4 = x.rows(): the zero row
                .isEqualTo(new float[][]{{9, 10, 11}, {0, 1, 2}, {0, 0, 0}});
        assertThat(x.mmul(Nd4j.ones(DataType.FLOAT, 3, 1)).toFloatVector()).containsExactly(3f, 12f, 21f, 30f);
    }

    @Test
    void memoryIsFreedWhenTheArrayIsCollected() throws Exception {
        long size = 4L * 1024 * 1024;
        WeakReference<INDArray> gone = new WeakReference<>(AlignedFloats.array(1024, 1024));
        long held = AlignedFloats.liveBytes();                 // other blocks freed meanwhile only lower it
        assertThat(held).isGreaterThanOrEqualTo(size);
        for (int i = 0; i < 50 && (gone.get() != null || AlignedFloats.liveBytes() > held - size); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(gone.get()).isNull();
        assertThat(AlignedFloats.liveBytes()).as("the block freed once its array was collected").isLessThanOrEqualTo(held - size);
    }
}
