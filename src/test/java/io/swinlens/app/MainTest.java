package io.swinlens.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void commandsHelpAndUnknownOptionsGoToTheCommandLine() {
        assertThat(Main.isCommandLine(new String[] {"predict", "x.png"})).isTrue();
        assertThat(Main.isCommandLine(new String[] {"--help"})).isTrue();
        assertThat(Main.isCommandLine(new String[] {"--bogus"})).isTrue();
        assertThat(Main.isCommandLine(new String[] {"cat.png", "-x"})).isTrue();
        assertThat(Main.isCommandLine(new String[] {"--lang", "zh-CN", "predict", "x.png"})).isTrue();
        assertThat(Main.isCommandLine(new String[] {"--lang=zh-CN", "export", "x.png", "--out", "o"})).isTrue();
        assertThat(Main.isCommandLine(new String[] {"predcit", "x.png"})).as("a mistyped command").isTrue();
        assertThat(Main.isCommandLine(new String[] {"PREDICT", "x.png"})).isTrue();
        assertThat(Main.isCommandLine(new String[] {"fetch_"})).isTrue();
        assertThat(Main.isCommandLine(new String[] {"src", "x.png"})).as("an existing folder opens the app").isFalse();
    }

    @Test
    void aMistypedCommandIsAUsageErrorThatSuggestsTheRightOne() {
        var r = io.swinlens.cli.CliRunner.run("predcit", "x.png");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("predcit").contains("predict");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(io.swinlens.cli.CliRunner.run("bnech").err()).as("two letters swapped").contains("did you mean bench?");
        assertThat(io.swinlens.cli.CliRunner.run("exprot", "x.png").err()).contains("did you mean export?");
        assertThat(io.swinlens.cli.CliRunner.run("Predict", "x.png").err()).as("another case is one command").contains("predict");
        var far = io.swinlens.cli.CliRunner.run("zebra", "x.png");
        assertThat(far.err()).as("nothing near: every command is listed").contains("info").contains("bench").contains("fetch")
                .doesNotContain("did you mean");
    }

    @Test
    void imagesAndWeightsOpenTheApp() {
        assertThat(Main.isCommandLine(new String[] {})).isFalse();
        assertThat(Main.isCommandLine(new String[] {"cat.png", "dog.jpg"})).isFalse();
        assertThat(Main.isCommandLine(new String[] {"--weights", "-odd-name.pth", "cat.png"})).isFalse();
        assertThat(Main.isCommandLine(new String[] {"--weights=swin_tiny"})).isFalse();
        assertThat(Main.isCommandLine(new String[] {"--lang", "zh-CN", "cat.png"})).isFalse();
        assertThat(Main.isCommandLine(new String[] {"--lang=en"})).isFalse();
        assertThat(Main.isCommandLine(new String[] {"--lang", "xx"})).as("picocli reports the unknown language").isTrue();
        var parsed = io.swinlens.ui.main.Startup.Arguments.parse(java.util.List.of("--lang", "zh-CN", "cat.png"));
        assertThat(parsed.language()).isEqualTo(io.swinlens.i18n.Language.SIMPLIFIED_CHINESE);
        assertThat(parsed.images()).containsExactly(java.nio.file.Path.of("cat.png"));
    }

    @Test
    void withoutADisplayTheAppSaysSoInOneLine() {
        String line = Main.missingDesktop("Linux", null, null, null);
        assertThat(line).contains("the app needs a desktop").contains("--help").doesNotContain("\n");
        assertThat(Main.missingDesktop("Linux", ":0", null, null)).isNull();
        assertThat(Main.missingDesktop("Linux", null, "wayland-0", null)).isNull();
        assertThat(Main.missingDesktop("Linux", null, null, "Monocle")).isNull();
        assertThat(Main.missingDesktop("Windows 11", null, null, null)).isNull();
        assertThat(Main.missingDesktop("Mac OS X", null, null, null)).isNull();
    }
}
