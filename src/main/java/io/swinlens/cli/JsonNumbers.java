package io.swinlens.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON has no NaN or infinity: such numbers become null (a model with broken weights can produce them). */
final class JsonNumbers {

    private JsonNumbers() { }

    /** A copy of maps, lists and numbers with every non-finite float or double replaced by null. */
    static Object finiteOrNull(Object value) {
        if (value instanceof Float f) return Float.isFinite(f) ? f : null;
        if (value instanceof Double d) return Double.isFinite(d) ? d : null;
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, finiteOrNull(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object v : list) out.add(finiteOrNull(v));
            return out;
        }
        return value;
    }
}
