package io.swinlens.cli;

import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code export --mode rollout|cam|stats|bias} writes decodable PNGs named after the view. */
class TeachingExportCommandTest {

    private static final Path SHOTS = Path.of("target", "screenshots");

    @ParameterizedTest
    @CsvSource({"rollout, input_rollout_mean.png", "cam, input_cam_c%d.png", "stats, input_stats.png", "bias, input_s0b1_bias.png",
            "block, input_s0b1_block.png", "embed, input_embed.png", "merge, input_merge_s0.png"})
    void writesTheTeachingViewAsPng(String mode, String name, @TempDir Path dir) throws Exception {
        Path weights = Fixtures.file("m4w4", "official.safetensors");
        Path input = Fixtures.file("m4w4", "input.npy");
        var r = CliRunner.run("export", input.toString(), "--weights", weights.toString(), "--out", dir.toString(), "--mode", mode);
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path written;
        try (var files = Files.list(dir)) {
            written = files.filter(f -> f.getFileName().toString().startsWith("input_" + mode.substring(0, 2)) || f.getFileName().toString().contains(mode))
                    .findFirst().orElseThrow();
        }
        if (!mode.equals("cam")) assertThat(written.getFileName().toString()).isEqualTo(name);
        else assertThat(written.getFileName().toString()).matches("input_cam_c\\d+\\.png");
        BufferedImage image = ImageIO.read(written.toFile());
        assertThat(image.getWidth()).isGreaterThan(200);
        assertThat(image.getHeight()).isGreaterThan(150);
        Files.createDirectories(SHOTS);
        Files.copy(written, SHOTS.resolve("teach-cli-" + mode + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anotherClassAndFusionChangeTheFile(@TempDir Path dir) {
        Path weights = Fixtures.file("m4w4", "official.safetensors");
        Path input = Fixtures.file("m4w4", "input.npy");
        var r = CliRunner.run("export", input.toString(), "--weights", weights.toString(), "--out", dir.toString(),
                "--mode", "cam", "--class", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(dir.resolve("input_cam_c3.png")).exists();
        var rollout = CliRunner.run("export", input.toString(), "--weights", weights.toString(), "--out", dir.toString(),
                "--mode", "rollout", "--fusion", "max");
        assertThat(rollout.exitCode()).as(rollout.err()).isZero();
        assertThat(dir.resolve("input_rollout_max.png")).exists();
    }

    @Test
    void anUnknownClassIsAUsageError(@TempDir Path dir) {
        var r = CliRunner.run("export", Fixtures.file("m4w4", "input.npy").toString(), "--weights",
                Fixtures.file("m4w4", "official.safetensors").toString(), "--out", dir.toString(), "--mode", "cam", "--class", "99");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--class 99 does not exist");
    }

    @Test
    void theSignedMapOfTheBiasViewIsChosen(@TempDir Path dir) throws Exception {
        String input = Fixtures.file("m4w4", "input.npy").toString();
        String weights = Fixtures.file("m4w4", "official.safetensors").toString();
        assertThat(CliRunner.run("export", input, "--weights", weights, "--out", dir.resolve("a").toString(), "--mode", "bias").exitCode()).isZero();
        assertThat(CliRunner.run("export", input, "--weights", weights, "--out", dir.resolve("b").toString(), "--mode", "bias",
                "--signed", "purple-green").exitCode()).isZero();
        byte[] redBlue;
        byte[] purpleGreen;
        try (var a = java.nio.file.Files.list(dir.resolve("a")); var b = java.nio.file.Files.list(dir.resolve("b"))) {
            redBlue = java.nio.file.Files.readAllBytes(a.findFirst().orElseThrow());
            purpleGreen = java.nio.file.Files.readAllBytes(b.findFirst().orElseThrow());
        }
        assertThat(purpleGreen).isNotEqualTo(redBlue);
        var bad = CliRunner.run("export", input, "--weights", weights, "--out", dir.resolve("c").toString(), "--mode", "bias", "--signed", "rainbow");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("red-blue, purple-green");
    }
}
