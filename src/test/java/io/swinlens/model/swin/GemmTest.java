package io.swinlens.model.swin;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.assertj.core.api.Assertions.assertThat;

/** The linear layers' product gives ND4J's gemm result whichever library a shape goes to, views included. */
class GemmTest {

    @Test
    void productsMatchNd4jForSwinShapesAndViews() {
        Nd4j.getRandom().setSeed(7);
        int[][] shapes = {{3136, 96, 288}, {196, 384, 1152}, {49, 768, 3072}, {5, 3, 2}, {1, 48, 96}};
        for (int[] s : shapes) {
            INDArray a = Nd4j.rand(DataType.FLOAT, s[0], s[1]).subi(0.5);
            INDArray b = Nd4j.rand(DataType.FLOAT, s[1], s[2]).subi(0.5);
            INDArray expected = Nd4j.createUninitialized(DataType.FLOAT, s[0], s[2]);
            Nd4j.gemm(a, b, expected, false, false, 1.0, 0.0);
            for (int twice = 0; twice < 2; twice++) {            // the first call times both libraries, the second uses one
                INDArray c = Nd4j.createUninitialized(DataType.FLOAT, s[0], s[2]);
                Gemm.product(a, b, c);
                assertThat(c.sub(expected).amaxNumber().doubleValue()).as("%dx%dx%d", s[0], s[1], s[2]).isLessThan(1e-4);
            }
        }
        INDArray big = Nd4j.rand(DataType.FLOAT, 10, 8);
        INDArray rows = big.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all());           // a row block: plain, offset
        INDArray columns = big.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 6));        // not plain: ND4J's gemm
        INDArray w = Nd4j.rand(DataType.FLOAT, 8, 5);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, 4, 5);
        Gemm.product(rows, w, c);
        assertThat(c.sub(rows.dup().mmul(w)).amaxNumber().doubleValue()).isLessThan(1e-5);
        INDArray d = Nd4j.createUninitialized(DataType.FLOAT, 10, 3);
        INDArray w2 = Nd4j.rand(DataType.FLOAT, 4, 3);
        Gemm.product(columns, w2, d);
        assertThat(d.sub(columns.dup().mmul(w2)).amaxNumber().doubleValue()).isLessThan(1e-5);
        int[] choices = Gemm.choices();
        assertThat(choices[0]).isBetween(0, choices[1]);
        if (Gemm.LIBRARY.equals("onednn")) assertThat(choices[1]).as("shapes timed").isGreaterThanOrEqualTo(shapes.length);
    }
}
