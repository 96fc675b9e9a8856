package io.swinlens.model.swin;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fused block's temporaries (normed rows, windows, qkv, scores, the MLP's hidden layer), made once per thread, role and
 * shape and reused by every block and pass after: making an ND4J array took 5-22 µs even inside a workspace, about a
 * hundred times a pass (docs/performance.md). A role names a value whose lifetime within a block is known, so two live
 * values never share an array. Nothing here outlives the block that fills it: results that do (x) are never scratch.
 * Arrays of input sizes not used lately are dropped once a thread holds more than {@link #BUDGET_BYTES}.
 */
final class BlockScratch {

    /** Per thread: Swin-B at 384 needs about 190 MB of scratch, Swin-T at 224 about 30 MB. */
    static final long BUDGET_BYTES = 512L << 20;

    private static final ThreadLocal<LinkedHashMap<String, INDArray>> ARRAYS = ThreadLocal.withInitial(() -> new LinkedHashMap<>(32, 0.75f, true));

    private BlockScratch() { }

    /** This thread's array for {@code role} and {@code shape}: float32, row-major, contents undefined. */
    static INDArray get(String role, long... shape) {
        LinkedHashMap<String, INDArray> arrays = ARRAYS.get();
        String key = role + Arrays.toString(shape);
        INDArray a = arrays.get(key);
        if (a != null) return a;
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            a = Nd4j.createUninitializedDetached(DataType.FLOAT, shape);
        }
        arrays.put(key, a);
        trim(arrays);
        return a;
    }

    /** Bytes this thread holds. */
    static long heldBytes() {
        return ARRAYS.get().values().stream().mapToLong(a -> a.length() * Float.BYTES).sum();
    }

    private static void trim(LinkedHashMap<String, INDArray> arrays) {
        long held = arrays.values().stream().mapToLong(a -> a.length() * Float.BYTES).sum();
        Iterator<Map.Entry<String, INDArray>> eldestFirst = arrays.entrySet().iterator();
        while (held > BUDGET_BYTES && arrays.size() > 1 && eldestFirst.hasNext()) {
            held -= eldestFirst.next().getValue().length() * Float.BYTES;
            eldestFirst.remove();                       // not closed: the block may still hold it; freed when unreachable
        }
    }
}
