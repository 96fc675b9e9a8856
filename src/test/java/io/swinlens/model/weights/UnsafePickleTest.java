package io.swinlens.model.weights;

import static io.swinlens.model.weights.TorchZipCheckpointTest.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.swinlens.model.weights.WeightsException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class UnsafePickleTest {

    @TempDir
    Path dir;

    private Path pwned() {
        return dir.resolve("pwned");
    }

    /** The classic payload: callable(command) via REDUCE, as a malicious __reduce__ produces. */
    private Path payload(String name, PickleWriter callable) throws Exception {
        byte[] pickle = callable.unicode("touch " + pwned()).op(0x85).op('R').stop().toBytes();
        Path file = dir.resolve(name);
        TorchZipWriter.writeRawPickle(file, pickle);
        return file;
    }

    @Test
    void refusesPosixSystemWithoutRunningIt() throws Exception {
        Path file = payload("weights.pth", new PickleWriter().proto(2).global("posix", "system"));
        WeightsException e = assertKind(file, Kind.UNSAFE, "weights.pth: ");
        assertThat(e.getMessage()).isEqualTo("weights.pth: refused as unsafe: pickle calls global 'posix.system' "
                + "(code execution); nothing was executed");
        assertThat(pwned()).doesNotExist();
    }

    @Test
    void refusesBuiltinsEval() throws Exception {
        Path file = payload("eval.pth", new PickleWriter().proto(2).global("builtins", "eval"));
        assertThat(assertKind(file, Kind.UNSAFE, "eval.pth: ").getMessage()).contains("'builtins.eval'");
        assertThat(pwned()).doesNotExist();
    }

    @Test
    void refusesSubprocessPopen() throws Exception {
        Path file = payload("popen.pth", new PickleWriter().proto(2).global("subprocess", "Popen"));
        assertThat(assertKind(file, Kind.UNSAFE, "popen.pth: ").getMessage()).contains("'subprocess.Popen'");
        assertThat(pwned()).doesNotExist();
    }

    @Test
    void refusesStackGlobalOfProtocolFour() throws Exception {
        Path file = payload("p4.pth", new PickleWriter().proto(4).stackGlobal("os", "system").op(0x94));
        assertThat(assertKind(file, Kind.UNSAFE, "p4.pth: ").getMessage()).contains("'os.system'");
        assertThat(pwned()).doesNotExist();
    }

    @Test
    void refusesDangerousGlobalHiddenBesideRealTensors() throws Exception {
        TorchZipWriter w = new TorchZipWriter().f32("patch_embed.proj.weight", new long[] {1}, new float[] {1f})
                .wrapIn("model", p -> p.unicode("config").global("torch.jit", "load")
                        .unicode("x.pt").op(0x85).op('R'));
        Path file = dir.resolve("hidden.pth");
        w.write(file);
        assertThat(assertKind(file, Kind.UNSAFE, "hidden.pth: ").getMessage()).contains("'torch.jit.load'");
    }

    @Test
    void loadsTensorsBesideInertForeignObjects() throws Exception {
        TorchZipWriter w = new TorchZipWriter().f32("patch_embed.proj.weight", new long[] {2}, new float[] {1f, 2f})
                .wrapIn("model", p -> {
                    // argparse.Namespace(lr=0.1): NEWOBJ then BUILD with its __dict__
                    p.unicode("args").global("argparse", "Namespace").op(')').op(0x81)
                            .op('}').unicode("lr").binfloat(0.1).op('s').op('b');
                    // numpy.float64(81.2) as protocol 2 writes it: scalar(dtype('f8'), _codecs.encode(...))
                    p.unicode("max_accuracy").global("numpy.core.multiarray", "scalar")
                            .global("numpy", "dtype").unicode("f8").bool(false).bool(true).op(0x87).op('R')
                            .mark().integer(3).unicode("<").none().none().none().integer(-1).integer(-1)
                            .integer(0).op('t').op('b')
                            .global("_codecs", "encode").unicode("\u0033\u0033\u0033").unicode("latin1").op(0x86).op('R')
                            .op(0x86).op('R');
                    p.unicode("config").global("yacs.config", "CfgNode").op(')').op('R').op('b');
                });
        Path file = dir.resolve("ckpt_epoch_299.pth");
        w.write(file);
        try (Checkpoint c = Checkpoint.open(file)) {
            assertThat(c.canonicalTensors()).containsOnlyKeys("patch_embed.proj.weight");
            assertThat(c.canonicalTensors().get("patch_embed.proj.weight").toFloats()).containsExactly(1f, 2f);
        }
    }

    @Test
    void inertGlobalNeverBecomesCallableFromBuild() throws Exception {
        // BUILD on an inert object with a dangerous-looking state must stay data, not run anything
        byte[] pickle = new PickleWriter().proto(2).global("argparse", "Namespace").op(')').op(0x81)
                .unicode("touch " + dir.resolve("pwned")).op('b').op('0')
                .op('}').stop().toBytes();
        Path file = dir.resolve("inert.pth");
        TorchZipWriter.writeRawPickle(file, pickle);
        assertThat(assertKind(file, Kind.UNKNOWN_FORMAT, "inert.pth: ").getMessage()).contains("no tensors");
        assertThat(pwned()).doesNotExist();
        assertThat(Files.list(dir)).containsExactly(file);
    }

    /** A valid state dict with one more item: {@code key: module.name(arg)} built by REDUCE. */
    private Path beside(String name, String module, String global, boolean stackGlobal) throws Exception {
        TorchZipWriter w = new TorchZipWriter().f32("patch_embed.proj.weight", new long[] {1}, new float[] {1f})
                .wrapIn("model", p -> {
                    p.unicode("extra");
                    if (stackGlobal) p.stackGlobal(module, global).op(0x94);
                    else p.global(module, global);
                    p.unicode("touch " + pwned()).op(0x85).op('R');
                });
        Path file = dir.resolve(name);
        w.write(file);
        return file;
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({"cProfile, run", "profile, run", "imp, load_source", "pydoc, locate", "torch.storage, _load_from_bytes",
            "runpy, run_path", "importlib, import_module", "code, InteractiveInterpreter", "ctypes, CDLL",
            "torch.package, PackageImporter"})
    void refusesGlobalsThatRunOrLoadCodeBesideAValidStateDict(String module, String name) throws Exception {
        Path file = beside("payload.pth", module, name, false);
        assertThat(assertKind(file, Kind.UNSAFE, "payload.pth: ").getMessage()).contains("'" + module + "." + name + "'");
        assertThat(pwned()).doesNotExist();
    }

    @ParameterizedTest(name = "stack global {0}")
    @ValueSource(booleans = {false, true})
    void refusesDottedAttributePaths(boolean stackGlobal) throws Exception {
        Path file = beside("dotted.pth", "argparse", "_os.system", stackGlobal);
        assertThat(assertKind(file, Kind.UNSAFE, "dotted.pth: ").getMessage())
                .contains("'argparse._os.system'").contains("dotted attribute path");
        assertThat(pwned()).doesNotExist();
    }

    @Test
    void aSparseTensorIsNotCodeButIsNotSupported() throws Exception {
        Path file = beside("sparse.pth", "torch.serialization", "_get_layout", false);
        assertThat(assertKind(file, Kind.UNSUPPORTED_DTYPE, "sparse.pth: ").getMessage()).contains("sparse tensors are not supported");
    }

    @Test
    void unknownGlobalsKeptAsDataAreNamedInAWarning() throws Exception {
        TorchZipWriter w = new TorchZipWriter().f32("patch_embed.proj.weight", new long[] {1}, new float[] {1f})
                .wrapIn("model", p -> p.unicode("trainer").global("mylab.train", "Trainer\u001b]0;pwned\u0007").op(')').op('R')
                        .unicode("args").global("argparse", "Namespace").op(')').op(0x81));
        Path file = dir.resolve("trained.pth");
        w.write(file);
        try (Checkpoint c = Checkpoint.open(file)) {
            assertThat(c.canonicalTensors()).containsOnlyKeys("patch_embed.proj.weight");
            assertThat(c.warnings()).hasSize(1);
            assertThat(c.warnings().get(0)).startsWith("trained.pth: kept as data, not run: the pickle also refers to mylab.train.Trainer")
                    .contains("\\x1b]0;pwned\\x07").doesNotContain("\u001b").doesNotContain("argparse").doesNotContain("\n");
        }
    }

    @Test
    void aPlainStateDictLoadsWithoutWarnings() throws Exception {
        Path file = dir.resolve("plain.pth");
        new TorchZipWriter().f32("patch_embed.proj.weight", new long[] {1}, new float[] {1f}).write(file);
        try (Checkpoint c = Checkpoint.open(file)) {
            assertThat(c.warnings()).isEmpty();
        }
    }

    @Test
    void twoZipEntriesOfOneNameAreRefusedAsAmbiguous() throws Exception {
        Path good = dir.resolve("good.pth");
        new TorchZipWriter().f32("patch_embed.proj.weight", new long[] {1}, new float[] {1f}).write(good);
        // a second data.pkl under a name of the same length, then renamed in place: local header and directory
        byte[] original = Files.readAllBytes(good);
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(good.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
        }
        entries.put("archive/data.pkX", new PickleWriter().proto(2).op('}').stop().toBytes());
        Path twice = dir.resolve("twice.pth");
        TorchZipWriter.writeZip(twice, entries);
        byte[] bytes = Files.readAllBytes(twice);
        byte[] from = "archive/data.pkX".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int replaced = 0;
        for (int k = 0; k + from.length <= bytes.length; k++) {
            if (java.util.Arrays.equals(bytes, k, k + from.length, from, 0, from.length)) {
                bytes[k + from.length - 1] = 'l';
                replaced++;
            }
        }
        assertThat(replaced).isEqualTo(2);
        Files.write(twice, bytes);
        assertThat(original).isNotEmpty();
        assertThat(assertKind(twice, Kind.CORRUPT, "twice.pth: ").getMessage()).contains("two entries are named 'archive/data.pkl'");
    }

    @Test
    void malformedNumbersAndSelfContainingStructuresAreCorruptNotCrashes() throws Exception {
        Path garbage = dir.resolve("garbage.pth");
        TorchZipWriter.writeRawPickle(garbage, new PickleWriter().proto(2).raw("Iabc\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).stop().toBytes());
        assertThat(assertKind(garbage, Kind.CORRUPT, "garbage.pth: ").getMessage()).contains("malformed number").doesNotContain("For input string");

        Path huge = dir.resolve("huge.pth");
        TorchZipWriter.writeRawPickle(huge, new PickleWriter().proto(2).raw(("I" + "9".repeat(100_000) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)).stop().toBytes());
        assertThat(assertKind(huge, Kind.CORRUPT, "huge.pth: ").getMessage().length()).isLessThan(300);

        Path stack = dir.resolve("stack.pth");
        TorchZipWriter.writeRawPickle(stack, new PickleWriter().proto(2).op('0').stop().toBytes());   // POP on an empty stack
        assertThat(assertKind(stack, Kind.CORRUPT, "stack.pth: ").getMessage()).doesNotContain("Exception").doesNotContain("Index");

        // [[[...]]] nested 200 000 deep as a dict key: hashing it must not overflow the Java stack uncaught
        PickleWriter deep = new PickleWriter().proto(2).op('}');
        for (int k = 0; k < 200_000; k++) deep.op(']');
        for (int k = 0; k < 199_999; k++) deep.op('a');
        deep.none().op('s');
        Path nested = dir.resolve("nested.pth");
        TorchZipWriter.writeRawPickle(nested, deep.stop().toBytes());
        assertThat(assertKind(nested, Kind.CORRUPT, "nested.pth: ").getMessage()).contains("nests too deeply");
    }
}
