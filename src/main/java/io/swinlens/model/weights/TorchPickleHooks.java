package io.swinlens.model.weights;

import io.swinlens.i18n.Messages;
import io.swinlens.model.io.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The allowlist: the globals torch.save emits for tensors and state dicts, implemented in Java
 * (after torch/_utils.py {@code _rebuild_tensor_v2/_v3}, {@code _rebuild_parameter}). Storages
 * come from persistent ids ('storage', StorageType, key, location, numel).
 */
final class TorchPickleHooks implements Unpickler.Hooks {

    /** A {@code torch.FloatStorage}-style class object, only meaningful inside a persistent id. */
    record StorageType(DType dtype) {
    }

    /** One raw storage of the archive: {@code <prefix>/data/<key>}. */
    record StorageRef(String key, DType dtype, long numel) {
    }

    /** What _rebuild_tensor_v2 describes: a strided view of a storage. */
    record TensorSpec(StorageRef storage, DType dtype, long offset, long[] shape, long[] stride) {
    }

    private final Path file;
    private final Function<String, Boolean> storageExists;
    private final Map<String, StorageRef> storages = new HashMap<>();
    private final Set<String> inertGlobals = new TreeSet<>();

    /** Globals that hold training metadata in ordinary checkpoints (numpy scalars, configs): kept as data silently. */
    private static final Set<String> KNOWN_DATA = Set.of(
            "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar", "numpy.dtype", "_codecs.encode",
            "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct", "numpy.ndarray",
            "argparse.Namespace", "yacs.config.CfgNode");

    TorchPickleHooks(Path file, Function<String, Boolean> storageExists) {
        this.file = file;
        this.storageExists = storageExists;
    }

    @Override
    public Object global(String module, String name) throws WeightsException {
        GlobalPolicy.requireNotDangerous(file, module, name);
        String qualified = module + "." + name;
        switch (qualified) {
            case "torch._utils._rebuild_tensor_v2":
                return (PickleCallable) args -> rebuildTensor(args, null);
            case "torch._utils._rebuild_tensor_v3":
                return (PickleCallable) args -> rebuildTensor(args, (DType) args.get(6));
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
                return (PickleCallable) args -> args.get(0);
            case "torch._tensor._rebuild_from_type_v2":
                // (func, new_type, args, state): a tensor subclass; rebuild the plain tensor only
                return (PickleCallable) args -> args.get(0) instanceof PickleCallable f
                        ? f.call(asList(args.get(2))) : new Inert(qualified);
            case "collections.OrderedDict", "builtins.dict", "__builtin__.dict":
                return (PickleCallable) TorchPickleHooks::newDict;
            case "builtins.list", "__builtin__.list":
                return (PickleCallable) args -> args.isEmpty() ? new ArrayList<>() : new ArrayList<>(asList(args.get(0)));
            case "builtins.set", "__builtin__.set", "builtins.frozenset", "__builtin__.frozenset":
                return (PickleCallable) args -> args.isEmpty() ? new LinkedHashSet<>() : new LinkedHashSet<>(asList(args.get(0)));
            case "builtins.tuple", "__builtin__.tuple", "torch.Size":
                return (PickleCallable) args -> args.isEmpty() ? List.of()
                        : Collections.unmodifiableList(new ArrayList<>(asList(args.get(0))));
            default:
                break;
        }
        if (module.equals("torch")) {
            var storage = DType.fromTorchStorage(name);
            if (storage.isPresent()) {
                return new StorageType(storage.get());
            }
            var dtype = DType.fromTorchDtype(name);
            if (dtype.isPresent()) {
                return dtype.get();
            }
        }
        if (!KNOWN_DATA.contains(qualified)) inertGlobals.add(qualified);
        return new Inert(qualified);
    }

    /** The unknown globals the pickle referred to, kept as inert data and never called (sorted). */
    Set<String> inertGlobals() { return Collections.unmodifiableSet(inertGlobals); }

    @Override
    public Object persistentLoad(Object pid) throws WeightsException {
        List<Object> t = pid instanceof List<?> ? asList(pid) : List.of();
        if (t.size() < 5 || !"storage".equals(t.get(0)) || !(t.get(1) instanceof StorageType type)
                || !(t.get(4) instanceof Long numel) || numel < 0) {
            throw WeightsException.of(WeightsException.Kind.CORRUPT, file,
                    Messages.get("error.torch.persistentId", describe(pid)));
        }
        String key = String.valueOf(t.get(2));
        StorageRef known = storages.get(key);
        if (known != null) {
            return known;
        }
        if (!storageExists.apply(key)) {
            throw WeightsException.of(WeightsException.Kind.CORRUPT, file,
                    Messages.get("error.torch.storageMissing", "data/" + Printable.quoted(key)));
        }
        StorageRef ref = new StorageRef(key, type.dtype(), numel);
        storages.put(key, ref);
        return ref;
    }

    /** _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata]). */
    private Object rebuildTensor(List<Object> args, DType explicit) throws WeightsException {
        if (args.size() < 4 || !(args.get(0) instanceof StorageRef storage) || !(args.get(1) instanceof Long offset)) {
            throw WeightsException.of(WeightsException.Kind.CORRUPT, file,
                    Messages.get("error.torch.rebuildArgs", describe(args)));
        }
        if (offset < 0) {
            throw WeightsException.of(WeightsException.Kind.CORRUPT, file,
                    Messages.get("error.torch.negativeOffset", Printable.quoted(storage.key()), offset));
        }
        long[] shape = longs(args.get(2));
        long[] stride = longs(args.get(3));
        if (shape == null || stride == null || shape.length != stride.length) {
            throw WeightsException.of(WeightsException.Kind.CORRUPT, file,
                    Messages.get("error.torch.sizeStride", storage.key(), describe(args.get(2)), describe(args.get(3))));
        }
        return new TensorSpec(storage, explicit != null ? explicit : storage.dtype(), offset, shape, stride);
    }

    private static Object newDict(List<Object> args) {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> m) {
            map.putAll(m);
        } else if (!args.isEmpty() && args.get(0) instanceof List<?> pairs) {
            for (Object p : pairs) {
                List<Object> pair = asList(p);
                map.put(pair.get(0), pair.get(1));
            }
        }
        return map;
    }

    private static long[] longs(Object o) {
        if (!(o instanceof List<?> list)) {
            return null;
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v) || v < 0) {
                return null;
            }
            out[i] = v;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return (List<Object>) o;
    }

    private static String describe(Object o) {
        String s = o instanceof List<?> l ? l.stream().map(Unpickler::describe).toList().toString() : Unpickler.describe(o);
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
