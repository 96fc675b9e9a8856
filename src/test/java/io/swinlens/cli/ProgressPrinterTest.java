package io.swinlens.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressPrinterTest {

    @Test
    void withoutATerminalPrintsOneLinePerTenth() {
        StringWriter text = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), "swin_tiny", false);
        for (long done = 0; done <= 1_000_000; done += 1_000) printer.update(done, 1_000_000);
        assertThat(text.toString().lines()).hasSize(11).first().asString().isEqualTo("swin_tiny: 0% (0.0 MB of 1.0 MB)");
        assertThat(text.toString().lines()).last().asString().isEqualTo("swin_tiny: 100% (1.0 MB of 1.0 MB)");
    }

    @Test
    void onATerminalRedrawsOneBar() {
        StringWriter text = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), "swin_tiny", true);
        printer.update(500, 1_000);
        printer.update(1_000, 1_000);
        assertThat(text.toString()).contains("\rswin_tiny [###############               ] 50%")
                .endsWith("100% 0.0 MB" + System.lineSeparator());
    }
}
