package io.swinlens.model.weights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds the state dict inside an unpickled checkpoint: official files wrap it as
 * {@code {'model': ...}} next to optimizer state, timm's filter unwraps {@code 'state_dict'},
 * mmdetection saves {@code {'state_dict': ..., 'meta': ...}}, DataParallel training prefixes every key with
 * {@code module.} and detectors keep the Swin under {@code backbone.}.
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

    /** The Swin found in a state dict: the prefix that wraps it ("" when none), its tensors, the other modules' names. */
    record Found(String prefix, Map<String, RawTensor> tensors, List<String> otherModules) { }

    /**
     * The Swin inside a state dict: the whole dict when its keys already name a Swin, else the one prefix
     * ({@code module.}, {@code backbone.}, {@code model.encoder.}, ...; up to two levels) whose keys do. A
     * detection or segmentation file keeps its backbone under {@code backbone.} next to {@code neck.} and heads;
     * those are left out and named in {@link Found#otherModules}. Null when no prefix holds a Swin.
     */
    static Found findSwin(Map<String, RawTensor> tensors) {
        if (KeyMapper.namesASwin(tensors.keySet())) return new Found("", tensors, List.of());
        Found best = null;
        for (String first : firstComponents(tensors.keySet())) {
            Map<String, RawTensor> inner = under(tensors, first);
            Found found = KeyMapper.namesASwin(inner.keySet()) ? new Found(first, inner, List.of()) : null;
            if (found == null) {
                for (String second : firstComponents(inner.keySet())) {
                    Map<String, RawTensor> deeper = under(inner, second);
                    if (KeyMapper.namesASwin(deeper.keySet())) found = new Found(first + second, under(tensors, first + second), List.of());
                }
            }
            if (found != null && (best == null || found.tensors().size() > best.tensors().size())) best = found;
        }
        if (best == null) return null;
        String prefix = best.prefix();
        java.util.Set<String> others = new java.util.TreeSet<>();
        for (String k : tensors.keySet()) {
            if (!k.startsWith(prefix)) others.add(k.contains(".") ? k.substring(0, k.indexOf('.')) : k);
        }
        return new Found(prefix, best.tensors(), List.copyOf(others));
    }

    private static java.util.Set<String> firstComponents(java.util.Set<String> keys) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String k : keys) {
            int dot = k.indexOf('.');
            if (dot > 0) out.add(k.substring(0, dot + 1));
        }
        return out;
    }

    private static Map<String, RawTensor> under(Map<String, RawTensor> tensors, String prefix) {
        Map<String, RawTensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                String key = k.substring(prefix.length());
                out.put(key, v.renamed(key));
            }
        });
        return out;
    }
}
