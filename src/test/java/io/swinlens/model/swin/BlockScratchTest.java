package io.swinlens.model.swin;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** One array per thread, role and shape: reused by the same role, never shared between roles or threads. */
class BlockScratchTest {

    @Test
    void eachRoleAndShapeHasItsOwnArrayPerThread() throws Exception {
        INDArray qkv = BlockScratch.get("qkv", 49, 288);
        assertThat(BlockScratch.get("qkv", 49, 288)).isSameAs(qkv);
        assertThat(BlockScratch.get("qkv", 196, 288)).isNotSameAs(qkv);
        assertThat(BlockScratch.get("merged", 49, 288)).isNotSameAs(qkv);
        assertThat(qkv.shape()).containsExactly(49, 288);
        assertThat(qkv.isAttached()).as("outside every workspace, so it outlives the block").isFalse();
        INDArray other = CompletableFuture.supplyAsync(() -> BlockScratch.get("qkv", 49, 288)).get();
        assertThat(other).isNotSameAs(qkv);
        long held = BlockScratch.heldBytes();
        assertThat(held).isGreaterThanOrEqualTo(4L * (49 * 288 * 2 + 196 * 288));
        BlockScratch.beginPass();
        assertThat(BlockScratch.get("qkv", 49, 288)).as("kept from one pass to the next").isSameAs(qkv);
        assertThat(BlockScratch.heldBytes()).as("reuse holds nothing more").isEqualTo(held);
        BlockScratch.get("a role only this test uses", 12, 49, 49);
        assertThat(BlockScratch.heldBytes()).isEqualTo(held + 4L * 12 * 49 * 49);
    }
}
