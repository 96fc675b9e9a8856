package io.swinlens.model.swin;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The softmax over attention scores where it runs as an ND4J op: the unfused attention (no oneDNN, or a trace or
 * score decomposition asked for). The linear layers go through {@link FusedLinear}; LayerNorm and GELU are oneDNN
 * primitives or plain loops in {@link JavaKernels}: ND4J's GELU ops are approximations and its layer_norm op has no
 * epsilon (docs/performance.md).
 */
final class Nd4jKernels {

    private Nd4jKernels() { }

    /** Max-subtracted softmax over the last axis, in place. */
    static INDArray softmaxInPlace(INDArray x) {
        Nd4j.exec(new SoftMax(x, x, x.rank() - 1));
        return x;
    }
}
