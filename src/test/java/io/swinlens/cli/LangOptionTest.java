package io.swinlens.cli;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.ExportStyle;
import io.swinlens.analysis.ViewRenderer;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.i18n.Fonts;
import io.swinlens.i18n.Language;
import io.swinlens.i18n.Messages;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.load.InputLoader;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --lang en|zh-CN}, before or after the command: the CLI's messages and the captions export draws. */
class LangOptionTest {

    private static final String WEIGHTS = Fixtures.file("m4w4", "official.pth").toString();
    private static final String INPUT = Fixtures.file("m4w4", "input.npy").toString();
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    @TempDir
    Path dir;

    @AfterEach
    void backToEnglish() {
        Messages.setLanguage(Language.ENGLISH);
    }

    private static boolean chinese(String text) { return HAN.matcher(text).find(); }

    /** The fixture analysed afresh, as export does it, so that whatever the loader names follows the current language too. */
    private static AnalysedImage analysed() throws Exception {
        LoadedModel model = ModelLoader.load(Path.of(WEIGHTS));
        Path input = Path.of(INPUT);
        return AnalysedImage.analyse(model, input, InputLoader.load(input, model.config(), Preprocess.OFFICIAL));
    }

    @Test
    void zhCnGivesChineseMessagesBeforeOrAfterTheCommand() {
        String expected = Messages.in(Language.SIMPLIFIED_CHINESE, "cli.usage.stageMissing", 9, 3);
        assertThat(chinese(expected)).isTrue();
        var before = CliRunner.run("--lang", "zh-CN", "export", INPUT, "--out", dir.resolve("a").toString(), "--weights", WEIGHTS, "--stage", "9");
        assertThat(before.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(before.err()).contains(expected).doesNotContain("does not exist").hasLineCount(1);
        var after = CliRunner.run("export", INPUT, "--out", dir.resolve("b").toString(), "--weights", WEIGHTS, "--stage", "9", "--lang", "zh-CN");
        assertThat(after.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(after.err()).contains(expected).hasLineCount(1);
        var equals = CliRunner.run("export", INPUT, "--out", dir.resolve("c").toString(), "--weights", WEIGHTS, "--stage", "9", "--lang=zh");
        assertThat(equals.err()).contains(expected);
    }

    @Test
    void zhCnAlsoTranslatesPicocliUsageErrorsWrapping() {
        // picocli's own text stays as picocli writes it; the line around it follows --lang, even when --lang comes after the error
        var r = CliRunner.run("predict", INPUT, "--bogus", "--lang", "zh-CN");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).isEqualTo(Messages.in(Language.SIMPLIFIED_CHINESE, "cli.usage.line", "swinlens predict", "Unknown option: '--bogus'"));
        var none = CliRunner.run("--lang", "zh-CN");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains(Messages.in(Language.SIMPLIFIED_CHINESE, "cli.usage.commandNeeded")).hasLineCount(1);
    }

    @Test
    void enGivesEnglishEvenAfterAChineseRun() {
        CliRunner.run("--lang", "zh-CN", "info", WEIGHTS);
        var r = CliRunner.run("--lang", "en", "export", INPUT, "--out", dir.resolve("a").toString(), "--weights", WEIGHTS, "--stage", "9");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).isEqualTo("swinlens export: --stage 9 does not exist: stages are 0..3");
        var info = CliRunner.run("info", WEIGHTS, "--lang", "en");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("  embed_dim    6").contains("  parameters   ");
        assertThat(chinese(info.out())).isFalse();
    }

    @Test
    void zhCnDescribesACheckpointInChineseButItsJsonStaysEnglish() {
        var text = CliRunner.run("--lang", "zh-CN", "info", WEIGHTS);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains(Messages.in(Language.SIMPLIFIED_CHINESE, "cli.info.embedDim", 6));
        var json = CliRunner.run("--lang", "zh-CN", "info", WEIGHTS, "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        var o = com.google.gson.JsonParser.parseString(json.out()).getAsJsonObject();
        assertThat(o.get("embed_dim").getAsInt()).isEqualTo(6);
        assertThat(chinese(json.out())).as(json.out()).isFalse();
    }

    @Test
    void anUnknownLanguageIsAOneLineUsageError() {
        for (String[] args : new String[][]{{"--lang", "xx", "info", WEIGHTS}, {"info", WEIGHTS, "--lang", "xx"}, {"info", WEIGHTS, "--lang=xx"}}) {
            var r = CliRunner.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("--lang").contains("'xx'").contains("en, zh-CN").doesNotContain("Exception").hasLineCount(1);
            assertThat(r.out()).isEmpty();
        }
        assertThat(CliRunner.run("info", WEIGHTS, "--lang").exitCode()).isEqualTo(ExitCodes.USAGE);     // no value
    }

    @Test
    void theUsageTextDocumentsLang() {
        for (String command : new String[]{"info", "predict", "dump", "export", "bench", "fetch"}) {
            assertThat(CliRunner.run(command, "--help").out()).as(command).contains("--lang=LANG").contains("zh-CN");
        }
        assertThat(CliRunner.run("--help").out()).contains("--lang=LANG");
    }

    @Test
    void exportWithZhCnWritesAChineseSummaryAndDrawsAChineseCaption() throws Exception {
        Path out = dir.resolve("out");
        var r = CliRunner.run("--lang", "zh-CN", "export", INPUT, "--out", out.toString(), "--weights", WEIGHTS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(Messages.in(Language.SIMPLIFIED_CHINESE, "cli.export.summary", 1, 1, out.toString()));
        assertThat(chinese(r.out())).isTrue();
        assertThat(r.err()).contains(Messages.in(Language.SIMPLIFIED_CHINESE, "cli.export.wrote", out.resolve("input_s0b1_mean_query.png")));

        BufferedImage png = ImageIO.read(out.resolve("input_s0b1_mean_query.png").toFile());
        ViewSettings s = ViewSettings.defaults();
        Messages.setLanguage(Language.SIMPLIFIED_CHINESE);
        AnalysedImage a = analysed();
        int captionTop = ViewRenderer.compose(a, s, ExportStyle.FULL.withCaption(false)).getHeight();
        BufferedImage chinese = ViewRenderer.compose(a, s);
        // the caption lines the renderer draws now, and a font that draws every character of them
        String caption = Messages.get("export.caption.block", "m", 0, 1, "SW-MSA", 4, "2", Messages.get("export.head.mean", 2));
        assertThat(chinese(caption)).as(caption).isTrue();
        assertThat(chinese(Messages.get("export.caption.mode.query", 1, 2, 0, 3, 4))).isTrue();
        assertThat(Fonts.sans(Font.PLAIN, 13).canDisplayUpTo(caption)).as("the caption font lacks a character of " + caption).isEqualTo(-1);
        Messages.setLanguage(Language.ENGLISH);
        BufferedImage english = ViewRenderer.compose(analysed(), s);

        // the PNG is the Chinese rendering, pixel for pixel
        assertThat(png.getWidth()).isEqualTo(chinese.getWidth());
        assertThat(png.getHeight()).isEqualTo(chinese.getHeight());
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                if (png.getRGB(x, y) != chinese.getRGB(x, y)) throw new AssertionError("pixel (" + x + ", " + y + ") differs from the zh-CN rendering");
            }
        }
        // its caption strip holds drawn text (dark pixels on white) and differs from the English caption
        assertThat(png.getHeight()).isGreaterThan(captionTop + 20);
        int dark = 0;
        for (int y = captionTop; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                int rgb = png.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 110 && ((rgb >> 8) & 0xFF) < 110 && (rgb & 0xFF) < 110) dark++;
            }
        }
        assertThat(dark).as("dark pixels in the caption strip").isGreaterThan(200);
        boolean differs = english.getWidth() != png.getWidth() || english.getHeight() != png.getHeight();
        for (int y = captionTop; !differs && y < png.getHeight(); y++) {
            for (int x = 0; !differs && x < png.getWidth(); x++) differs = english.getRGB(x, y) != png.getRGB(x, y);
        }
        assertThat(differs).as("the zh-CN caption is drawn differently from the English one").isTrue();
    }
}
