package io.swinlens.model.swin;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fused block's temporaries (normed rows, windows, qkv, scores, the MLP's hidden layer), made once per thread, role and
 * shape and reused by every block and pass after: making an ND4J array took 5-22 µs even inside a workspace, about a
 * hundred times a pass (docs/performance.md). A role names a value whose lifetime within a block is known, so two live
 * values never share an array. Nothing here outlives the block that fills it: results that do (x) are never scratch.
 * Arrays of input sizes not used lately are dropped once a thread holds more than {@link #BUDGET_BYTES}, never one
 * used in the pass that is running ({@link #beginPass}).
 */
final class BlockScratch {

    /** Per thread: Swin-B at 384 needs about 190 MB of scratch, Swin-T at 224 about 30 MB. */
    static final long BUDGET_BYTES = 512L << 20;

    /** One thread's arrays, least recently used first, and the pass they were last used in. */
    private static final class Held {
        final LinkedHashMap<String, Slot> arrays = new LinkedHashMap<>(32, 0.75f, true);
        long pass;
        long bytes;
    }

    /** An array and the last pass that used it. */
    private static final class Slot {
        final INDArray array;
        long pass;

        Slot(INDArray array, long pass) {
            this.array = array;
            this.pass = pass;
        }

        long bytes() { return array.length() * Float.BYTES; }
    }

    private static final ThreadLocal<Held> HELD = ThreadLocal.withInitial(Held::new);

    private BlockScratch() { }

    /** Marks the start of a forward pass on this thread: arrays used from here on are not dropped until the next one. */
    static void beginPass() { HELD.get().pass++; }

    /** This thread's array for {@code role} and {@code shape}: float32, row-major, contents undefined. */
    static INDArray get(String role, long... shape) {
        Held held = HELD.get();
        String key = role + Arrays.toString(shape);
        Slot slot = held.arrays.get(key);
        if (slot == null) {
            slot = new Slot(AlignedFloats.array(shape), held.pass);  // on a cache line: the kernels' loads stay within one
            held.arrays.put(key, slot);
            held.bytes += slot.bytes();
            trim(held);                                          // only a new array can take a thread past the budget
        }
        slot.pass = held.pass;
        return slot.array;
    }

    /** Bytes this thread holds. */
    static long heldBytes() {
        return HELD.get().bytes;
    }

    /** Past the budget, drops the least recently used arrays of earlier passes (never one this pass may still use). */
    private static void trim(Held held) {
        Iterator<Map.Entry<String, Slot>> eldestFirst = held.arrays.entrySet().iterator();
        while (held.bytes > BUDGET_BYTES && eldestFirst.hasNext()) {
            Slot slot = eldestFirst.next().getValue();
            if (slot.pass == held.pass) continue;
            held.bytes -= slot.bytes();
            eldestFirst.remove();                       // not closed: freed when unreachable
        }
    }
}
