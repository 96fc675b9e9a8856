package io.swinlens.model.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {

    @Test
    void controlCharactersAndEscapeSequencesAreWrittenOut() {
        assertThat(Printable.quoted("layers.0\u001b[2J\u001b]0;title\u0007")).isEqualTo("layers.0\\x1b[2J\\x1b]0;title\\x07");
        assertThat(Printable.quoted("a\u0000b\nc\td\u007f")).isEqualTo("a\\x00b\\x0ac\\x09d\\x7f");
    }

    @Test
    void invisibleFormatCharactersAreWrittenOut() {
        assertThat(Printable.quoted("head\u202eweight")).isEqualTo("head\\u202eweight");
        assertThat(Printable.quoted("x\u2028y")).isEqualTo("x\\u2028y");
    }

    @Test
    void ordinaryNamesAndOtherScriptsStayAsTheyAre() {
        assertThat(Printable.quoted("layers.0.blocks.1.attn.qkv.weight")).isEqualTo("layers.0.blocks.1.attn.qkv.weight");
        assertThat(Printable.quoted("注意力.权重")).isEqualTo("注意力.权重");
        assertThat(Printable.quoted("back\\slash")).isEqualTo("back\\\\slash");
    }

    @Test
    void longNamesAreCut() {
        assertThat(Printable.quoted("k".repeat(500))).hasSize(123).endsWith("...");
    }
}
