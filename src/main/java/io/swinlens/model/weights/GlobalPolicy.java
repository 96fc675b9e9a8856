package io.swinlens.model.weights;

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
 *   <li>Everything else becomes an {@link Inert} placeholder that is never called.</li>
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
            "joblib", "pip", "setuptools", "distutils", "_posixsubprocess", "ensurepip");

    /** Qualified-name prefixes inside otherwise tolerated packages (torch, numpy). */
    private static final List<String> DANGEROUS_PREFIXES = List.of(
            "torch.jit", "torch._C", "torch.ops", "torch.hub", "torch.package", "torch.serialization",
            "torch.load", "torch.save", "torch.utils.cpp_extension", "torch._dynamo", "torch.fx",
            "torch.multiprocessing", "torch.distributed", "torch.compile", "torch._inductor",
            "torch.utils.data", "torch.classes", "torch._ops",
            "numpy.load", "numpy.lib.npyio", "numpy.ctypeslib", "numpy.f2py", "numpy.distutils",
            "numpy.testing", "numpy.fromfile", "numpy.memmap");

    /** The only builtins a state dict plausibly refers to; all other builtins are refused. */
    private static final Set<String> HARMLESS_BUILTINS = Set.of(
            "set", "frozenset", "dict", "list", "tuple", "int", "float", "complex", "str", "bytes",
            "bytearray", "bool", "slice", "range", "object", "long", "unicode");

    private GlobalPolicy() {
    }

    /** Throws UNSAFE if {@code module.name} is on the denylist. */
    static void requireNotDangerous(Path file, String module, String name) throws WeightsException {
        String qualified = module + "." + name;
        String root = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
        boolean builtins = root.equals("builtins") || root.equals("__builtin__");
        boolean dangerous = DANGEROUS_MODULES.contains(root)
                || (builtins && !HARMLESS_BUILTINS.contains(name))
                || DANGEROUS_PREFIXES.stream().anyMatch(p -> qualified.equals(p) || qualified.startsWith(p + "."))
                || module.isBlank() || name.contains("\n");
        if (dangerous) {
            throw WeightsException.of(WeightsException.Kind.UNSAFE, file, "refused as unsafe: pickle calls global '"
                    + printable(qualified) + "' (code execution); nothing was executed");
        }
    }

    private static String printable(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "..." : clean;
    }
}
