package io.swinlens.cli;

import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every export mode works on Swin V2, on backbones and on inputs that pad their stages (V1 and V2): a decodable
 * PNG with a picture in it, exit 0; CAM of a backbone is the one documented refusal.
 */
class AnyCheckpointExportTest {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final List<String> MODES = List.of("query", "received", "rollout", "stats", "bias", "cam");

    @ParameterizedTest(name = "{0} {1} at {2}")
    @CsvSource({"v2a, torchvision.pth, '56,40'", "v2a, hf.safetensors, 64", "v2b, official.pth, 32",
            "m4w4, official.pth, '60,44'", "v2a, mmdet_backbone.pth, '56,40'", "m4w4, mmdet_backbone.pth, 64"})
    void everyModeExports(String model, String file, String size, @TempDir Path dir) throws Exception {
        Path weights = Fixtures.file(model, file);
        boolean backbone = file.startsWith("mmdet");
        Path sample = Path.of("resources", "samples", "star_01.png");
        for (String mode : MODES) {
            var r = CliRunner.run("export", sample.toString(), "--weights", weights.toString(), "--image-size", size,
                    "--mode", mode, "--stage", "1", "--block", "1", "--out", dir.resolve(mode).toString());
            if (backbone && mode.equals("cam")) {
                assertThat(r.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
                assertThat(r.err()).contains("no classification head");
                continue;
            }
            assertThat(r.exitCode()).as("%s %s: %s", file, mode, r.err()).isZero();
            Path png;
            try (var files = Files.list(dir.resolve(mode))) {
                png = files.filter(f -> f.toString().endsWith(".png")).findFirst().orElseThrow();
            }
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isGreaterThan(150);
            assertThat(distinctColours(image)).as("%s %s has a picture, not a blank", file, mode).isGreaterThan(20);
            if (model.equals("v2a") && size.equals("56,40") && !backbone) {
                Files.createDirectories(SHOTS);
                Files.copy(png, SHOTS.resolve("v2-padded-" + mode + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) for (int x = 0; x < image.getWidth(); x += 2) seen.add(image.getRGB(x, y));
        return seen.size();
    }
}
