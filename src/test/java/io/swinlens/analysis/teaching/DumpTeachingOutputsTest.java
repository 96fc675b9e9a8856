package io.swinlens.analysis.teaching;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.swinlens.cli.SwinLensCommand;
import io.swinlens.model.io.Npy;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** dump --what end to end through the command line, on m4w4 (16 x 16 first stage, 2 x 2 last stage, 24 heads in all). */
class DumpTeachingOutputsTest {

    @TempDir Path dir;

    private record Run(int exitCode, String err) { }

    private Run dump(Path out, String what) {
        var cli = SwinLensCommand.newCommandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("dump", Fixtures.file("m4w4", "input.npy").toString(),
                "--weights", Fixtures.file("m4w4", "torchvision.pth").toString(), "--out", out.toString(), "--what", what);
        return new Run(code, err.toString());
    }

    private static List<String> manifestFiles(Path out) throws IOException {
        JsonArray files = JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject().getAsJsonArray("files");
        List<String> names = new ArrayList<>();
        for (JsonElement f : files) names.add(f.getAsJsonObject().get("file").getAsString());
        return names;
    }

    @Test
    void everyOutputIsWrittenWithItsShapeAndListedInTheManifest() throws IOException {
        Path out = dir.resolve("all");
        Run r = dump(out, "logits,attention,rollout,stats,cam");
        assertThat(r.exitCode()).as(r.err()).isZero();

        Npy.Array rollout = Npy.read(out.resolve("rollout.npy"));
        assertThat(rollout.shape()).containsExactly(16, 16);
        double sum = 0;
        for (float v : rollout.data()) sum += v;
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        assertThat(Npy.read(out.resolve("cam_top1.npy")).shape()).containsExactly(2, 2);

        JsonArray stats = JsonParser.parseString(Files.readString(out.resolve("stats.json"))).getAsJsonArray();
        assertThat(stats).hasSize(2 + 2 + 2 + 2 + 4 + 4 + 4 + 4);   // heads (2, 2, 4, 4) x depths (2, 2, 2, 2)
        JsonObject first = stats.get(0).getAsJsonObject();
        assertThat(first.keySet()).containsExactly("stage", "block", "head", "mean_distance_px", "entropy_nats");
        JsonObject lastEntry = stats.get(stats.size() - 1).getAsJsonObject();
        assertThat(lastEntry.get("stage").getAsInt()).isEqualTo(3);
        assertThat(lastEntry.get("block").getAsInt()).isEqualTo(1);
        assertThat(lastEntry.get("head").getAsInt()).isEqualTo(3);

        assertThat(manifestFiles(out)).contains("logits.npy", "rollout.npy", "stats.json", "cam_top1.npy", "attention/stage3_block1.npy")
                .hasSize(1 + 8 + 3);
    }

    @Test
    void onlyWhatIsAskedForIsWritten() throws IOException {
        Path out = dir.resolve("rollout-only");
        Run r = dump(out, "rollout");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(manifestFiles(out)).containsExactly("rollout.npy");
        assertThat(out.resolve("logits.npy")).doesNotExist();
        assertThat(out.resolve("attention")).doesNotExist();
    }

    @Test
    void anExistingTargetStopsTheDumpBeforeAnythingIsWritten() throws IOException {
        Path out = dir.resolve("existing");
        Files.createDirectories(out);
        Files.writeString(out.resolve("stats.json"), "keep me");
        Run r = dump(out, "rollout,stats");
        assertThat(r.exitCode()).isEqualTo(5);   // ExitCodes.OUTPUT_ERROR
        assertThat(r.err()).contains("stats.json").contains("--overwrite");
        assertThat(out.resolve("rollout.npy")).doesNotExist();
        assertThat(Files.readString(out.resolve("stats.json"))).isEqualTo("keep me");
    }

    @Test
    void anUnknownOutputIsAUsageError() {
        Run r = dump(dir.resolve("x"), "logits,saliency");
        assertThat(r.exitCode()).isEqualTo(2);   // ExitCodes.USAGE
        assertThat(r.err()).contains("saliency").contains("rollout");
    }
}
