package io.swinlens.cli;

import io.swinlens.analysis.AnalysedFixtures;
import io.swinlens.analysis.ViewRenderer;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportCommandTest {

    private static final Path WEIGHTS = Fixtures.file("m4w4", "official.pth");
    private static final Path INPUT = Fixtures.file("m4w4", "input.npy");

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int export(String... args) {
        CommandLine cli = SwinLensCommand.newCommandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        List<String> all = new ArrayList<>(List.of("export", "--weights", WEIGHTS.toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private Path copyInput(String name) throws Exception {
        Path copy = dir.resolve("in").resolve(name);
        Files.createDirectories(copy.getParent());
        return Files.copy(INPUT, copy);
    }

    @Test
    void writesThePngNamedAfterStageBlockHeadAndMode() throws Exception {
        Path out = dir.resolve("out");
        assertThat(export(INPUT.toString(), "--out", out.toString())).isZero();
        BufferedImage png = ImageIO.read(out.resolve("input_s0b1_mean_query.png").toFile());
        assertThat(png.getWidth()).isGreaterThan(64 * 3);
        assertThat(png.getHeight()).isGreaterThan(64 * 3);
    }

    @Test
    void pngEqualsViewRendererComposePixelForPixel() throws Exception {
        Path out = dir.resolve("out");
        assertThat(export(INPUT.toString(), "--out", out.toString(), "--stage", "1", "--block", "1", "--head", "1",
                "--query", "40,12", "--overlay", "shifted", "--colormap", "magma", "--normalise", "global")).isZero();
        BufferedImage cli = ImageIO.read(out.resolve("input_s1b1_1_query.png").toFile());
        ViewSettings s = ViewSettings.defaults().withStage(1).withBlock(1).withHead(io.swinlens.analysis.HeadChoice.one(1))
                .withQuery(40, 12).withShowWindows(false).withShowShifted(true)
                .withColormap(io.swinlens.analysis.Colormap.MAGMA).withNormalisation(io.swinlens.analysis.Normalisation.GLOBAL);
        BufferedImage direct = ViewRenderer.compose(AnalysedFixtures.m4w4(), s);
        assertThat(cli.getWidth()).isEqualTo(direct.getWidth());
        assertThat(cli.getHeight()).isEqualTo(direct.getHeight());
        for (int y = 0; y < cli.getHeight(); y++) {
            for (int x = 0; x < cli.getWidth(); x++) {
                if (cli.getRGB(x, y) != direct.getRGB(x, y)) throw new AssertionError("pixel (" + x + ", " + y + ") differs");
            }
        }
    }

    @Test
    void widthCaptionAndColorbarAreChosenAndMatchTheRenderer() throws Exception {
        Path out = dir.resolve("out");
        assertThat(export(INPUT.toString(), "--out", out.toString(), "--width", "500", "--no-caption", "--no-colorbar")).as(err.toString()).isZero();
        BufferedImage bare = ImageIO.read(out.resolve("input_s0b1_mean_query.png").toFile());
        assertThat(bare.getWidth()).isEqualTo(500 + 2 * 8);                  // the picture and its margins only
        BufferedImage direct = ViewRenderer.compose(AnalysedFixtures.m4w4(), ViewSettings.defaults(),
                new io.swinlens.analysis.ExportStyle(false, false, 500));
        assertThat(io.swinlens.ui.UiTestSupport.pixels(bare)).isEqualTo(io.swinlens.ui.UiTestSupport.pixels(direct));

        Path full = dir.resolve("full");
        assertThat(export(INPUT.toString(), "--out", full.toString(), "--width", "500")).isZero();
        BufferedImage framed = ImageIO.read(full.resolve("input_s0b1_mean_query.png").toFile());
        assertThat(framed.getWidth()).isGreaterThan(bare.getWidth());
        assertThat(framed.getHeight()).isGreaterThan(bare.getHeight());

        assertThat(export(INPUT.toString(), "--out", dir.resolve("bad").toString(), "--width", "9")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--width").contains("64..8192");
    }

    @Test
    void refusesToOverwriteAndLeavesTheFileUnchanged() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Path existing = Files.writeString(out.resolve("input_s0b1_mean_query.png"), "keep me");
        assertThat(export(INPUT.toString(), "--out", out.toString())).isEqualTo(ExitCodes.OUTPUT_ERROR);
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        assertThat(err.toString()).contains("input_s0b1_mean_query.png").contains("--overwrite");
    }

    @Test
    void overwriteReplacesTheFile() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Path existing = Files.writeString(out.resolve("input_s0b1_mean_query.png"), "old");
        assertThat(export(INPUT.toString(), "--out", out.toString(), "--overwrite")).isZero();
        assertThat(ImageIO.read(existing.toFile())).isNotNull();
    }

    @Test
    void batchWithAnUnreadableFileStillWritesTheOthers() throws Exception {
        Path good = copyInput("a.npy");
        Path bad = Files.writeString(dir.resolve("in").resolve("b.png"), "not an image");
        Path out = dir.resolve("out");
        assertThat(export(good.toString(), bad.toString(), "--out", out.toString())).isEqualTo(ExitCodes.PARTIAL_FAILURE);   // some inputs worked
        assertThat(out.resolve("a_s0b1_mean_query.png")).exists();
        assertThat(out.resolve("b_s0b1_mean_query.png")).doesNotExist();
        assertThat(err.toString()).contains("b.png");
    }

    @Test
    void twoInputsThatWouldShareAnOutputNameAreRefusedBeforeAnyWork() throws Exception {
        Path first = copyInput("x.npy");
        Path other = dir.resolve("elsewhere").resolve("X.npy");                   // another folder, another case
        Files.createDirectories(other.getParent());
        Files.copy(INPUT, other);
        Path out = dir.resolve("out");
        for (String[] extra : new String[][]{{}, {"--overwrite"}}) {
            List<String> args = new ArrayList<>(List.of(first.toString(), other.toString(), "--out", out.toString()));
            args.addAll(List.of(extra));
            assertThat(export(args.toArray(String[]::new))).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("x.npy and ").contains("X.npy would be exported under one name (X_...)");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void anInputIsNeverReplacedByAnOutputEvenWithOverwrite() throws Exception {
        Path folder = copyInput("x.npy").getParent();
        Path victim = Files.copy(INPUT, folder.resolve("x_s0b1_mean_query.npy"));      // named like x's heatmap, but .npy
        Path png = Files.copy(victim, folder.resolve("y_s0b1_mean_query.png"));
        Files.copy(INPUT, folder.resolve("y.npy"));
        byte[] before = Files.readAllBytes(png);
        assertThat(export(folder.resolve("y.npy").toString(), png.toString(), "--out", folder.toString(), "--overwrite")).isEqualTo(ExitCodes.PARTIAL_FAILURE);
        assertThat(err.toString()).contains("is one of this export's inputs; it is not replaced");
        assertThat(Files.readAllBytes(png)).isEqualTo(before);
        Path link = Files.createSymbolicLink(dir.resolve("alink"), folder);
        assertThat(export(folder.resolve("x.npy").toString(), link.resolve("x.npy").toString(), "--out", dir.resolve("o").toString())).isZero();
    }

    @Test
    void scaleAndWidthTogetherAreAUsageError() {
        assertThat(export(INPUT.toString(), "--out", dir.resolve("o").toString(), "--scale", "2", "--width", "100")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--scale and --width both set the picture's size");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void aFolderWithoutImagesIsAnInputError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no image");
        assertThat(export(empty.toString(), "--out", dir.resolve("out").toString())).isEqualTo(ExitCodes.UNREADABLE_INPUT);
        assertThat(err.toString()).contains("no images to export in").contains("empty");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void exportingIntoTheFolderOfTheInputsDoesNotReadTheExportsBack() throws Exception {
        Path folder = copyInput("photo.npy").getParent();
        assertThat(export(folder.toString(), "--out", folder.toString(), "--npy")).isZero();
        assertThat(export(folder.toString(), "--out", folder.toString(), "--mode", "stats")).isZero();
        assertThat(export(folder.toString(), "--out", folder.toString(), "--overwrite")).isZero();
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "photo.npy", "photo_s0b1_mean_query.png", "photo_s0b1_attention.npy", "photo_stats.png");
        }
    }

    @Test
    void theSameFileTwiceIsExportedOnce() throws Exception {
        Path out = dir.resolve("out");
        assertThat(export(INPUT.toString(), INPUT.toAbsolutePath().toString(), "--out", out.toString())).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("input_s0b1_mean_query.png");
        }
    }

    @Test
    void folderInputExportsItsImagesAndAttention() throws Exception {
        copyInput("one.npy");
        copyInput("two.npy");
        Files.writeString(dir.resolve("in").resolve("notes.txt"), "ignored");
        Path out = dir.resolve("out");
        assertThat(export(dir.resolve("in").toString(), "--out", out.toString(), "--head", "all", "--npy")).isZero();
        assertThat(out.resolve("one_s0b1_all_query.png")).exists();
        assertThat(out.resolve("two_s0b1_all_query.png")).exists();
        assertThat(Files.size(out.resolve("one_s0b1_attention.npy"))).isEqualTo(128 + 16L * 2 * 16 * 16 * 4);
    }

    @Test
    void aQueryThatIsNotANumberIsRefused() throws Exception {
        Path photo = io.swinlens.testutil.Screenshots.scene(dir.resolve("photo.png")).toPath();
        assertThat(export(photo.toString(), "--out", dir.resolve("o").toString(), "--query", "NaN,NaN")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--query must be X,Y in pixels");
        assertThat(export(photo.toString(), "--out", dir.resolve("o").toString(), "--query", "Infinity,3")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aDanglingSymlinkAtTheOutputPathIsNotReplacedWithoutOverwrite() throws Exception {
        Path out = dir.resolve("out");
        assertThat(export(INPUT.toString(), "--out", out.toString())).isZero();
        Path png;
        try (var files = Files.list(out)) {
            png = files.findFirst().orElseThrow();
        }
        Files.delete(png);
        Files.createSymbolicLink(png, dir.resolve("nowhere.png"));
        assertThat(export(INPUT.toString(), "--out", out.toString())).isEqualTo(ExitCodes.OUTPUT_ERROR);
        assertThat(err.toString()).contains("already exists; pass --overwrite");
        assertThat(Files.isSymbolicLink(png)).isTrue();
        assertThat(dir.resolve("nowhere.png")).doesNotExist();
    }

    @Test
    void anEmptyOutputFolderNameIsRefused() {
        assertThat(export(INPUT.toString(), "--out", "")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--out needs a folder name");
    }

    @Test
    void aQueryInPercentServesImagesOfAnySize() throws Exception {
        Path small = io.swinlens.testutil.Screenshots.scene(dir.resolve("small.png")).toPath();
        java.awt.image.BufferedImage wide = new java.awt.image.BufferedImage(900, 300, java.awt.image.BufferedImage.TYPE_INT_RGB);
        Path big = dir.resolve("wide.png");
        javax.imageio.ImageIO.write(wide, "png", big.toFile());
        assertThat(export(small.toString(), big.toString(), "--out", dir.resolve("o").toString(), "--query", "50%,40%"))
                .as(err.toString()).isZero();
        assertThat(export(small.toString(), "--out", dir.resolve("p").toString(), "--query", "120%,40%")).isEqualTo(ExitCodes.USAGE);
        assertThat(export(small.toString(), "--out", dir.resolve("p").toString(), "--query", "100%,100%")).as(err.toString()).isZero();
    }

    @Test
    void aQueryTokenMustLieOnTheStagesGrid() throws Exception {
        assertThat(export(INPUT.toString(), "--out", dir.resolve("o").toString(), "--query-token", "1,2")).as(err.toString()).isZero();
        assertThat(export(INPUT.toString(), "--out", dir.resolve("p").toString(), "--query-token", "99,0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("lies outside stage 0's");
        assertThat(export(INPUT.toString(), "--out", dir.resolve("p").toString(), "--query-token", "1,2", "--query", "3,3"))
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void badStageNamesTheValidRange() {
        assertThat(export(INPUT.toString(), "--out", dir.toString(), "--stage", "4")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("stages are 0..3");
    }

    @Test
    void queryOutsideTheImageIsAClearError() {
        assertThat(export(INPUT.toString(), "--out", dir.toString(), "--query", "64,3")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("outside");
    }

    @Test
    void queryIsInOriginalImagePixelsAndMustLieInTheCrop() throws Exception {
        // A 160x80 picture: the official preset centre-crops a square from the middle, so x = 5 is cut away.
        BufferedImage wide = new BufferedImage(160, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 160; x++) wide.setRGB(x, y, (x * 255 / 160) << 16 | (y * 3) << 8 | 90);
        }
        Path png = dir.resolve("wide.png");
        ImageIO.write(wide, "png", png.toFile());
        Path out = dir.resolve("out");
        assertThat(export(png.toString(), "--out", out.toString(), "--query", "5,40")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("wide.png").contains("outside");
        assertThat(export(png.toString(), "--out", out.toString(), "--query", "80,40", "--preprocess", "official")).isZero();
        assertThat(out.resolve("wide_s0b1_mean_query.png")).exists();
    }
}
