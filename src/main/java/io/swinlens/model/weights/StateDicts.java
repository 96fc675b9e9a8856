package io.swinlens.model.weights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds the state dict inside an unpickled checkpoint: official files wrap it as
 * {@code {'model': ...}} next to optimizer state, timm's filter unwraps {@code 'state_dict'}, and
 * DataParallel training prefixes every key with {@code module.}.
 */
final class StateDicts {

    private static final List<String> WRAPPERS = List.of("model", "state_dict", "model_state", "module", "model_ema");

    private StateDicts() {
    }

    /** The innermost dict holding tensors directly, or null if there is none. */
    static Map<?, ?> unwrap(Object root, Predicate<Object> isTensor) {
        Object current = root;
        for (int depth = 0; depth < 4 && current instanceof Map<?, ?> map; depth++) {
            if (map.values().stream().anyMatch(isTensor)) {
                return map;
            }
            Object inner = null;
            for (String key : WRAPPERS) {
                if (map.get(key) instanceof Map<?, ?>) {
                    inner = map.get(key);
                    break;
                }
            }
            current = inner;
        }
        return null;
    }

    /** The tensor entries with String keys, in file order; ints, inerts and nested dicts are skipped. */
    static <T> Map<String, T> tensors(Map<?, ?> stateDict, Class<T> type) {
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : stateDict.entrySet()) {
            if (e.getKey() instanceof String key && type.isInstance(e.getValue())) {
                out.put(key, type.cast(e.getValue()));
            }
        }
        return out;
    }

    /** Drops a leading {@code module.} (DataParallel) when every key has it. */
    static Map<String, RawTensor> stripModulePrefix(Map<String, RawTensor> tensors) {
        boolean all = !tensors.isEmpty() && tensors.keySet().stream().allMatch(k -> k.startsWith("module."));
        if (!all) {
            return tensors;
        }
        Map<String, RawTensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            String key = k.substring("module.".length());
            out.put(key, v.renamed(key));
        });
        return out;
    }
}
