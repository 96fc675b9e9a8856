package io.swinlens.model.weights;

import static io.swinlens.model.weights.TorchZipCheckpointTest.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.swinlens.model.weights.WeightsException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
}
