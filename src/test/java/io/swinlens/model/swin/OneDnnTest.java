package io.swinlens.model.swin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each oneDNN primitive of the fused block against the same arithmetic written out with ND4J and Java. */
class OneDnnTest {

    private static INDArray random(long... shape) {
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
    }

    private static double maxError(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    @ParameterizedTest
    @EnumSource(OneDnn.Epilogue.class)
    void linearsMatchTheProductAndItsEpilogueBothWays(OneDnn.Epilogue epilogue) {
        assumeTrue(OneDnn.AVAILABLE, "oneDNN is not there on this machine");
        Nd4j.getRandom().setSeed(3);
        INDArray x = random(50, 96);
        SwinWeights.Linear l = new SwinWeights.Linear(random(96, 40), random(40));
        INDArray start = random(50, 40);
        INDArray expected = l.withRowMajor(x::mmul);
        if (epilogue != OneDnn.Epilogue.PRODUCT) expected.addiRowVector(l.bias());
        if (epilogue == OneDnn.Epilogue.GELU) for (long i = 0; i < expected.length(); i++) expected.putScalar(i, ExactGelu.apply(expected.getFloat(i)));
        if (epilogue == OneDnn.Epilogue.ADD) expected.addi(start);
        for (boolean innerProduct : new boolean[]{false, true}) {
            INDArray out = start.dup();
            OneDnn.linear(x, l, epilogue, out, innerProduct);
            assertThat(maxError(out, expected)).as("%s, inner product %s", epilogue, innerProduct).isLessThan(1e-5);
        }
        assertThat(l.packed()).as("reordered weights kept with the layer").isNotEmpty().hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aLayerRunningOnAReorderedCopyLetsItsRowMajorWeightsGoAndMakesThemAgainExactly() {
        assumeTrue(OneDnn.AVAILABLE, "oneDNN is not there on this machine");
        Nd4j.getRandom().setSeed(4);
        INDArray weightT = random(64, 30);
        SwinWeights.Linear l = new SwinWeights.Linear(weightT.dup(), random(30));
        INDArray x = random(9, 64);
        INDArray before = Nd4j.createUninitialized(DataType.FLOAT, 9, 30);
        OneDnn.linear(x, l, OneDnn.Epilogue.NONE, before, true);
        l.dropRowMajor();
        assertThat(l.hasRowMajor()).isFalse();
        INDArray after = Nd4j.createUninitialized(DataType.FLOAT, 9, 30);
        OneDnn.linear(x, l, OneDnn.Epilogue.NONE, after, true);      // runs on the reordered copy alone
        assertThat(l.hasRowMajor()).isFalse();
        assertThat(maxError(after, before)).isZero();
        double restored = l.withRowMajor(w -> maxError(w, weightT));
        assertThat(restored).as("made again from the reordered copy").isZero();
        OneDnn.linear(x, l, OneDnn.Epilogue.NONE, after, false);     // a second layout, made from the row-major again
        assertThat(maxError(after, before)).isLessThan(1e-5);
        assertThat(new SwinWeights.Linear(random(3, 2), null).packed()).isEmpty();
    }

    @Test
    void attentionReadsQkvByStridesAndWritesTheMergedLayout() {
        assumeTrue(OneDnn.AVAILABLE, "oneDNN is not there on this machine");
        Nd4j.getRandom().setSeed(5);
        int windows = 3, tokens = 4, heads = 2, d = 5, c = heads * d;
        INDArray qkv = random((long) windows * tokens, 3 * c);                  // (nW·N, 3C), parts before heads
        INDArray biasMask = random(windows, heads, tokens, tokens);
        INDArray scores = Nd4j.createUninitialized(DataType.FLOAT, (long) windows * heads, tokens, tokens);
        OneDnn.scores(qkv, windows, tokens, heads, biasMask, scores);
        OneDnn.softmaxInPlace(scores, tokens);
        INDArray merged = Nd4j.createUninitialized(DataType.FLOAT, (long) windows * tokens, c);
        OneDnn.context(scores, qkv, windows, tokens, heads, merged);
        for (int w = 0; w < windows; w++) {
            for (int h = 0; h < heads; h++) {
                INDArray rows = qkv.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(w * tokens, (w + 1) * tokens), org.nd4j.linalg.indexing.NDArrayIndex.all());
                INDArray q = rows.getColumns(range(h * d, d));
                INDArray k = rows.getColumns(range(c + h * d, d));
                INDArray v = rows.getColumns(range(2 * c + h * d, d));
                INDArray s = q.mmul(k.transpose()).addi(biasMask.slice(w).slice(h));
                INDArray p = Nd4j.nn().softmax(s, 1);
                assertThat(maxError(scores.slice((long) w * heads + h), p)).as("probabilities of window %d head %d", w, h).isLessThan(1e-6);
                INDArray context = merged.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(w * tokens, (w + 1) * tokens), org.nd4j.linalg.indexing.NDArrayIndex.all())
                        .getColumns(range(h * d, d));
                assertThat(maxError(context, p.mmul(v))).as("context of window %d head %d", w, h).isLessThan(1e-6);
            }
        }
    }

    @Test
    void layerNormMatchesTheJavaLoop() {
        assumeTrue(OneDnn.AVAILABLE, "oneDNN is not there on this machine");
        Nd4j.getRandom().setSeed(9);
        INDArray x = random(7, 48).muli(4).addi(3);
        float[] gamma = random(48).toFloatVector();
        float[] beta = random(48).toFloatVector();
        SwinWeights.Norm n = new SwinWeights.Norm(gamma, beta);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, 7, 48);
        OneDnn.layerNorm(x, n.scaleShift(), out);
        assertThat(maxError(out, JavaKernels.layerNorm(x, gamma, beta))).isLessThan(1e-5);
    }

    @Test
    void addInPlaceAddsEveryElementOnce() {
        assumeTrue(OneDnn.AVAILABLE, "oneDNN is not there on this machine");
        Nd4j.getRandom().setSeed(11);
        INDArray x = random(6, 36);
        INDArray y = random(6, 36);
        INDArray expected = x.add(y);
        OneDnn.addInPlace(x, y);
        assertThat(maxError(x, expected)).isLessThan(1e-7);
    }

    @Test
    void aPrimitiveRunAgainReadsAndWritesTheNewArraysNotTheFirstOnes() {
        assumeTrue(OneDnn.AVAILABLE, "oneDNN is not there on this machine");
        Nd4j.getRandom().setSeed(10);
        float[] gamma = random(40).toFloatVector();
        float[] beta = random(40).toFloatVector();
        SwinWeights.Norm n = new SwinWeights.Norm(gamma, beta);
        SwinWeights.Norm other = new SwinWeights.Norm(random(40).toFloatVector(), random(40).toFloatVector());
        INDArray first = random(5, 40);
        INDArray firstOut = Nd4j.createUninitialized(DataType.FLOAT, 5, 40);
        OneDnn.layerNorm(first, other.scaleShift(), firstOut);               // the primitive binds its memory here
        INDArray kept = firstOut.dup();
        INDArray second = random(5, 40).muli(3);
        INDArray secondOut = Nd4j.createUninitialized(DataType.FLOAT, 5, 40);
        OneDnn.layerNorm(second, n.scaleShift(), secondOut);                 // same shape: same primitive, new arrays
        assertThat(maxError(secondOut, JavaKernels.layerNorm(second, gamma, beta))).isLessThan(1e-5);
        assertThat(maxError(firstOut, kept)).isEqualTo(0.0);                 // the first output was not written again
    }

    private static int[] range(int from, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = from + i;
        return out;
    }
}
