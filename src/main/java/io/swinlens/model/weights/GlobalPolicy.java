package io.swinlens.model.weights;

import io.swinlens.i18n.Messages;
import io.swinlens.model.io.Printable;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Decides which pickle globals make a file unsafe. The rule, in full:
 * <ol>
 *   <li>Allowlisted globals (torch tensor/storage rebuilders, dtypes, OrderedDict, torch.Size and a
 *       few builtin containers; see {@link TorchPickleHooks}) are implemented in Java and applied.</li>
 *   <li>Globals on this denylist refuse the whole file with UNSAFE, as soon as the GLOBAL opcode is
 *       read and before any REDUCE: process, file, network, import and eval machinery, and every
 *       {@code builtins} name that is not a plain container or number type.</li>
 *   <li>So do dotted attribute paths ({@code argparse._os.system}): torch resolves them attribute by
 *       attribute, which reaches any module a harmless one imports.</li>
 *   <li>Everything else becomes an {@link Inert} placeholder that is never called; the loader names
 *       these globals in a warning, since the file may mean more than SwinLens read from it.</li>
 * </ol>
 * Nothing in a pickle is ever executed either way; the denylist exists so that a file which
 * <em>tries</em> to run code is refused loudly instead of loading with its payload silently dropped.
 */
final class GlobalPolicy {

    /** Whole modules (and their submodules) whose globals can run code or touch the system. */
    private static final Set<String> DANGEROUS_MODULES = Set.of(
            "os", "posix", "nt", "subprocess", "sys", "shutil", "socket", "importlib", "pickle",
            "_pickle", "cPickle", "marshal", "runpy", "code", "codeop", "pty", "ctypes", "_ctypes",
            "webbrowser", "functools", "operator", "_operator", "types", "inspect", "multiprocessing",
            "threading", "_thread", "signal", "asyncio", "io", "_io", "pdb", "timeit", "commands",
            "popen2", "platform", "tempfile", "glob", "pathlib", "http", "urllib", "urllib2",
            "ftplib", "smtplib", "telnetlib", "xmlrpc", "zipimport", "pkgutil", "dill", "cloudpickle",
            "joblib", "pip", "setuptools", "distutils", "_posixsubprocess", "ensurepip",
            // profilers, debuggers, importers and documentation tools that run or load code by name
            "cProfile", "profile", "_lsprof", "imp", "pydoc", "trace", "bdb", "doctest", "site", "sysconfig",
            "zipfile", "tarfile", "atexit", "shelve", "dbm", "sqlite3", "logging.config", "urllib3", "requests",
            "_imp", "_frozen_importlib", "_frozen_importlib_external", "numba", "cffi");

    /** Qualified-name prefixes inside otherwise tolerated packages (torch, numpy). */
    private static final List<String> DANGEROUS_PREFIXES = List.of(
            "torch.jit", "torch._C", "torch.ops", "torch.hub", "torch.package", "torch.serialization",
            "torch.load", "torch.save", "torch.utils.cpp_extension", "torch._dynamo", "torch.fx",
            "torch.multiprocessing", "torch.distributed", "torch.compile", "torch._inductor",
            "torch.utils.data", "torch.classes", "torch._ops", "torch.storage._load_from_bytes", "torch.utils.model_zoo",
            "torch._utils._rebuild_device_tensor_from_numpy", "torch._weights_only_unpickler",
            "numpy.load", "numpy.lib.npyio", "numpy.ctypeslib", "numpy.f2py", "numpy.distutils",
            "numpy.testing", "numpy.fromfile", "numpy.memmap");

    /** The only builtins a state dict plausibly refers to; all other builtins are refused. */
    private static final Set<String> HARMLESS_BUILTINS = Set.of(
            "set", "frozenset", "dict", "list", "tuple", "int", "float", "complex", "str", "bytes",
            "bytearray", "bool", "slice", "range", "object", "long", "unicode");

    private GlobalPolicy() {
    }

    /** The global torch uses to rebuild sparse tensors: not code, but nothing SwinLens can read. */
    private static final String SPARSE_LAYOUT = "torch.serialization._get_layout";

    /**
     * Throws UNSAFE if {@code module.name} is on the denylist or is a dotted attribute path ({@code name}
     * with a dot reaches through a module's attributes, e.g. {@code argparse._os.system}); UNSUPPORTED_DTYPE
     * for a sparse tensor's layout.
     */
    static void requireNotDangerous(Path file, String module, String name) throws WeightsException {
        String qualified = module + "." + name;
        if (qualified.equals(SPARSE_LAYOUT)) {
            throw WeightsException.of(WeightsException.Kind.UNSUPPORTED_DTYPE, file,
                    Messages.get("error.pickle.sparse"));
        }
        if (name.contains(".")) {
            throw WeightsException.of(WeightsException.Kind.UNSAFE, file, Messages.get("error.pickle.unsafe.dotted", Printable.quoted(qualified)));
        }
        String root = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
        boolean builtins = root.equals("builtins") || root.equals("__builtin__");
        boolean dangerous = DANGEROUS_MODULES.contains(root) || DANGEROUS_MODULES.contains(module)
                || (builtins && !HARMLESS_BUILTINS.contains(name))
                || DANGEROUS_PREFIXES.stream().anyMatch(p -> qualified.equals(p) || qualified.startsWith(p + "."))
                || module.isBlank() || name.contains("\n");
        if (dangerous) {
            throw WeightsException.of(WeightsException.Kind.UNSAFE, file, Messages.get("error.pickle.unsafe.global", Printable.quoted(qualified)));
        }
    }
}
