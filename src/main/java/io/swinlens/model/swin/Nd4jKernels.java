package io.swinlens.model.swin;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two operations of a Swin block that run as ND4J ops: the linear layers (one GEMM plus a bias add)
 * and the softmax over attention scores. LayerNorm and GELU are plain loops in {@link JavaKernels}:
 * ND4J's GELU ops are approximations and its layer_norm op has no epsilon (docs/performance.md).
 */
final class Nd4jKernels {

    private Nd4jKernels() { }

    /** y = x·Wᵀ + b with {@code weightT} stored (in, out); bias may be null. x: (L, in) -> (L, out). */
    static INDArray linear(INDArray x, INDArray weightT, INDArray bias) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.rows(), weightT.columns()); // (L, out)
        Gemm.product(x, weightT, out);
        if (bias != null) {
            Nd4j.exec(new BiasAdd(out, bias, out, false));
        }
        return out;
    }

    /** Max-subtracted softmax over the last axis, in place. */
    static INDArray softmaxInPlace(INDArray x) {
        Nd4j.exec(new SoftMax(x, x, x.rank() - 1));
        return x;
    }
}
