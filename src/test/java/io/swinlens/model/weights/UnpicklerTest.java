package io.swinlens.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UnpicklerTest {

    private static Object load(byte[] pickle) throws WeightsException {
        Unpickler.Hooks noGlobals = new Unpickler.Hooks() {
            @Override
            public Object global(String module, String name) {
                throw new AssertionError("no globals expected");
            }

            @Override
            public Object persistentLoad(Object pid) {
                throw new AssertionError("no persistent ids expected");
            }
        };
        return new Unpickler(pickle, Path.of("t.pth"), "archive/data.pkl", noGlobals).load();
    }

    @Test
    void longMemoIndicesMayExceedTheRemainingBytes() throws Exception {
        // torch emits LONG_BINPUT/LONG_BINGET once the memo passes 255 entries, near the end of data.pkl
        byte[] pickle = new PickleWriter().proto(2).shortUnicode("kept")
                .op('r').raw(new byte[] {(byte) 0xa0, (byte) 0x86, 1, 0}).op('0')
                .op('j').raw(new byte[] {(byte) 0xa0, (byte) 0x86, 1, 0}).stop().toBytes();
        assertThat(load(pickle)).isEqualTo("kept");
    }

    @Test
    void buildsNestedContainersWithMarks() throws Exception {
        byte[] pickle = new PickleWriter().proto(2).op('}').mark().unicode("a").ints(1, 300, 70000, -5)
                .unicode("b").op(']').mark().bool(true).none().binfloat(0.5).op('e').op('u').stop().toBytes();
        assertThat(load(pickle)).hasToString("{a=[1, 300, 70000, -5], b=[true, null, 0.5]}");
    }
}
