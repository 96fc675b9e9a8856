package io.swinlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.swinlens.model.io.Npy;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** info, predict and dump end to end through the command line, with the exit codes scripts rely on. */
class EngineCommandsTest {

    @TempDir Path dir;

    private static String fixture(String model, String file) { return Fixtures.file(model, file).toString(); }

    @Test
    void dumpWritesLogitsAttentionAndManifestThatMatchPyTorch() throws IOException {
        Path out = dir.resolve("dump");
        var r = CliRunner.run("dump", fixture("m4w4", "input.npy"), "--weights", fixture("m4w4", "torchvision.pth"), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Npy.Array logits = Npy.read(out.resolve("logits.npy"));
        assertThat(logits.shape()).containsExactly(1, 10);
        assertThat(Fixtures.maxError(logits.data(), Fixtures.npy("m4w4", "logits.npy").data())).isLessThan(1e-4);
        JsonObject manifest = JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject();
        JsonArray files = manifest.getAsJsonArray("files");
        assertThat(files).hasSize(1 + 8);
        for (var f : files) {
            JsonObject e = f.getAsJsonObject();
            if (!e.get("kind").getAsString().equals("attention")) continue;
            String name = e.get("file").getAsString();
            Npy.Array actual = Npy.read(out.resolve(name));
            Npy.Array expected = Fixtures.npy("m4w4", name);
            assertThat(actual.shape()).containsExactly(expected.shape());
            assertThat(Fixtures.maxError(actual.data(), expected.data())).as(name).isLessThan(1e-4);
            assertThat(e.get("heads").getAsInt()).isEqualTo(actual.shape()[1]);
        }
        JsonObject last = files.get(files.size() - 1).getAsJsonObject();
        assertThat(last.get("stage").getAsInt()).isEqualTo(3);
        assertThat(last.get("shift").getAsInt()).isZero();    // stage 3 is clamped: no shift on the odd block
        assertThat(last.get("window").getAsInt()).isEqualTo(2);
    }

    @Test
    void dumpRefusesToOverwriteUnlessAsked() throws IOException {
        Path out = dir.resolve("dump");
        String[] args = {"dump", fixture("m3w6", "input.npy"), "--weights", fixture("m3w6", "official.safetensors"), "--out", out.toString()};
        assertThat(CliRunner.run(args).exitCode()).isZero();
        Files.writeString(out.resolve("logits.npy"), "keep me");
        var again = CliRunner.run(args);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.OUTPUT_ERROR);
        assertThat(again.err()).contains("logits.npy").contains("--overwrite");
        assertThat(Files.readString(out.resolve("logits.npy"))).isEqualTo("keep me");
        String[] overwrite = Arrays.copyOf(args, args.length + 1);
        overwrite[args.length] = "--overwrite";
        assertThat(CliRunner.run(overwrite).exitCode()).isZero();
        assertThat(Npy.read(out.resolve("logits.npy")).shape()).containsExactly(1, 5);
    }

    @Test
    void dumpWritesNothingWhenAFileStandsWhereItsFolderGoes() throws IOException {
        Path out = Files.createDirectories(dir.resolve("dump"));
        Files.writeString(out.resolve("attention"), "a file, not a folder");
        for (String extra : new String[]{"--what=logits,attention", "--overwrite"}) {
            var r = CliRunner.run("dump", fixture("m3w6", "input.npy"), "--weights", fixture("m3w6", "official.safetensors"),
                    "--out", out.toString(), extra);
            assertThat(r.exitCode()).isEqualTo(ExitCodes.OUTPUT_ERROR);
            assertThat(r.err().strip()).doesNotContain("\n").contains("attention is a file, not a folder").contains("stage0_block0.npy");
            try (var left = Files.list(out)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("attention");
            }
        }
    }

    @Test
    void predictJsonFollowsTheContract() {
        var r = CliRunner.run("predict", fixture("m7", "input.npy"), "--weights", fixture("m7", "hf.safetensors"), "--top-k", "3", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonArray results = JsonParser.parseString(r.out()).getAsJsonArray();
        JsonObject first = results.get(0).getAsJsonObject();
        assertThat(first.get("input").getAsString()).endsWith("input.npy");
        JsonArray top = first.getAsJsonArray("top");
        assertThat(top).hasSize(3);
        float[] logits = Fixtures.npy("m7", "logits.npy").data();
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        JsonObject t0 = top.get(0).getAsJsonObject();
        assertThat(t0.get("index").getAsInt()).isEqualTo(best);
        assertThat(t0.get("label").getAsString()).isEqualTo("class " + best);
        assertThat(t0.get("logit").getAsDouble()).isCloseTo(logits[best], org.assertj.core.data.Offset.offset(1e-4));
        assertThat(t0.get("probability").getAsDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void infoDescribesEveryNaming() {
        for (String file : new String[]{"official.pth", "timm.safetensors", "torchvision.pth", "hf.bin"}) {
            var r = CliRunner.run("info", fixture("m4w4", file), "--json");
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonObject info = JsonParser.parseString(r.out()).getAsJsonObject();
            assertThat(info.get("format").getAsString()).isEqualTo(file.substring(0, file.indexOf('.')));
            assertThat(info.get("embed_dim").getAsInt()).isEqualTo(6);
            assertThat(info.get("window_size").getAsInt()).isEqualTo(4);
            assertThat(info.get("num_classes").getAsInt()).isEqualTo(10);
            assertThat(info.get("image_size").getAsInt()).isEqualTo(64);   // detected from the clamped last stage
            assertThat(info.get("depths").toString()).isEqualTo("[2,2,2,2]");
            assertThat(info.get("num_heads").toString()).isEqualTo("[2,2,4,4]");
            assertThat(info.get("preset").isJsonNull()).isTrue();
        }
    }

    @Test
    void unknownGlobalsKeptAsDataAreNamedOnStderrAndTheModelStillRuns() throws IOException {
        Path file = dir.resolve("with_trainer.pth");
        Fixtures.wrapWithUnknownGlobal(Fixtures.file("m4w4", "official.pth"), file);
        var r = CliRunner.run("predict", fixture("m4w4", "input.npy"), "--weights", file.toString(), "--top-k", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: with_trainer.pth: kept as data, not run").contains("mylab.train.Trainer");
        assertThat(r.err().lines().filter(l -> l.contains("warning")).count()).isEqualTo(1);
        var info = CliRunner.run("info", file.toString());
        assertThat(info.exitCode()).isZero();
        assertThat(info.err()).contains("mylab.train.Trainer");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} --help")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"info", "predict", "dump", "export", "bench", "fetch"})
    void everyCommandTakesHelp(String command) {
        for (String flag : new String[] {"--help", "-h"}) {
            var r = CliRunner.run(command, flag);
            assertThat(r.exitCode()).as(command + " " + flag + ": " + r.err()).isZero();
            assertThat(r.out()).contains("Usage: swinlens " + command);
        }
        // picocli formats descriptions: a bare % there breaks the help text, with a warning on System.err
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true));
        try {
            CliRunner.run(command, "--help");
        } finally {
            System.setErr(saved);
        }
        assertThat(warnings.toString()).doesNotContain("picocli WARN");
    }

    @Test
    void anUnknownTopLevelOptionIsAUsageError() {
        var r = CliRunner.run("--bogus");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown option: '--bogus'").doesNotContain("Exception");
        var sub = CliRunner.run("predict", "x.png", "--bogus");
        assertThat(sub.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(sub.err().strip()).startsWith("swinlens predict: Unknown option: '--bogus'").contains("see 'swinlens predict --help'")
                .doesNotContain("\n");
    }

    @Test
    void anEmptyWeightsNameIsAUsageErrorNotTheDemoModel() {
        var r = CliRunner.run("predict", fixture("m4w4", "input.npy"), "--weights", "");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--weights needs a checkpoint file");
        assertThat(CliRunner.run("info", "").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aBatchWhereSomeInputsFailExitsOne() throws IOException {
        Path bad = dir.resolve("broken.png");
        Files.writeString(bad, "not an image");
        var r = CliRunner.run("predict", fixture("m4w4", "input.npy"), bad.toString(), "--weights", fixture("m4w4", "official.safetensors"));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.PARTIAL_FAILURE);
        var allBad = CliRunner.run("predict", bad.toString(), "--weights", fixture("m4w4", "official.safetensors"));
        assertThat(allBad.exitCode()).isEqualTo(ExitCodes.UNREADABLE_INPUT);
    }

    @Test
    void nonFiniteNumbersBecomeNullInJson() {
        Object cleaned = JsonNumbers.finiteOrNull(java.util.List.of(java.util.Map.of("logit", Float.NaN, "p", 0.5f, "q", Double.POSITIVE_INFINITY)));
        String json = new com.google.gson.GsonBuilder().serializeNulls().create().toJson(cleaned);
        assertThat(json).contains("\"logit\":null").contains("\"p\":0.5").contains("\"q\":null");
    }

    @Test
    void anOutputPathThatIsAFileSaysSo() throws IOException {
        Path file = dir.resolve("taken");
        Files.writeString(file, "x");
        var r = CliRunner.run("dump", fixture("m4w4", "input.npy"), "--weights", fixture("m4w4", "official.safetensors"),
                "--out", file.toString(), "--overwrite");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OUTPUT_ERROR);
        assertThat(r.err()).contains("is a file, not a folder");
    }

    @Test
    void unsafePickleIsRefusedWithExitFourAndRunsNothing() {
        Path marker = Path.of("/tmp/swinlens_pwned");
        var r = CliRunner.run("info", fixture("unsafe", "os_system.pth"));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
        assertThat(r.err()).contains("unsafe").contains("posix.system").doesNotContain("Exception");
        assertThat(marker).doesNotExist();
        var p = CliRunner.run("predict", fixture("m4w4", "input.npy"), "--weights", fixture("unsafe", "os_system.pth"));
        assertThat(p.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
        assertThat(marker).doesNotExist();
    }

    @Test
    void truncatedCheckpointsOfEachTypeGiveExitFourWithOneLine() throws IOException {
        for (String file : new String[]{"official.pth", "hf.safetensors"}) {
            byte[] bytes = Files.readAllBytes(Fixtures.file("m4w4", file));
            Path cut = dir.resolve("cut-" + file);
            Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
            var r = CliRunner.run("info", cut.toString());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).contains(cut.getFileName().toString());
        }
    }

    @Test
    void wrongArchitectureNamesTheOffendingTensor() throws IOException {
        // a checkpoint with an extra tensor the architecture does not use
        var r = CliRunner.run("info", fixture("m4w4", "official.pth"));
        assertThat(r.exitCode()).isZero();
        Path notSwin = dir.resolve("notswin.safetensors");
        String header = "{\"conv1.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        while ((header.length() + 8) % 8 != 0) header += " ";
        var buf = java.nio.ByteBuffer.allocate(8 + header.length() + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length()).put(header.getBytes()).putFloat(1f);
        Files.write(notSwin, buf.array());
        var bad = CliRunner.run("info", notSwin.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
        assertThat(bad.err()).contains("conv1.weight");
    }

    @Test
    void unreadableImageGivesExitThreeNamingTheFile() throws IOException {
        Path fake = dir.resolve("holiday.jpg");
        Files.writeString(fake, "not really a picture");
        var r = CliRunner.run("predict", fake.toString(), "--weights", fixture("m4w4", "official.safetensors"));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNREADABLE_INPUT);
        assertThat(r.err()).contains("holiday.jpg");
        var missing = CliRunner.run("predict", dir.resolve("nope.png").toString(), "--weights", fixture("m4w4", "official.safetensors"));
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.UNREADABLE_INPUT);
    }

    @Test
    void missingWeightsFileGivesExitFour() {
        var r = CliRunner.run("predict", fixture("m4w4", "input.npy"), "--weights", dir.resolve("absent.pth").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
        assertThat(r.err()).contains("absent.pth");
    }

    @Test
    void usageErrorsGiveExitTwo() {
        assertThat(CliRunner.run("predict").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRunner.run("dump", "x.png").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRunner.run("bench", "--variant", "swin_huge").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRunner.run("frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void benchRunsAV2VariantAtItsOwnSizeByDefault() {
        var r = CliRunner.run("bench", "--variant", "swin_v2_tiny", "--products", "--runs", "1", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(JsonParser.parseString(r.out()).getAsJsonObject().get("image_size").getAsInt()).isEqualTo(256);
        var v1 = CliRunner.run("bench", "--variant", "swin_tiny", "--products", "--runs", "1", "--json");
        assertThat(JsonParser.parseString(v1.out()).getAsJsonObject().get("image_size").getAsInt()).isEqualTo(224);
        assertThat(CliRunner.run("bench", "--variant", "swin_v2_tiny", "--image-size", "224", "--products").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void predictWarnsWhenTheModelsOutputsAreNotNumbers() throws IOException {
        byte[] file = Files.readAllBytes(Path.of(fixture("m4w4", "official.safetensors")));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) b.getLong(0);
        JsonObject header = JsonParser.parseString(new String(file, 8, headerLength, java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
        JsonArray offsets = header.getAsJsonObject("head.bias").getAsJsonArray("data_offsets");
        for (long at = offsets.get(0).getAsLong(); at < offsets.get(1).getAsLong(); at += 4) b.putFloat((int) (8 + headerLength + at), Float.NaN);
        Path broken = Files.write(dir.resolve("broken.safetensors"), file);
        var r = CliRunner.run("predict", fixture("m4w4", "input.npy"), "--weights", broken.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: input.npy: the model gave outputs that are not numbers (NaN or infinite)");
        var fine = CliRunner.run("predict", fixture("m4w4", "input.npy"), "--weights", fixture("m4w4", "official.safetensors"));
        assertThat(fine.err()).doesNotContain("not numbers");
    }

    @Test
    void dumpingOnlyLogitsOfABackboneSaysItHasNone() {
        Path out = dir.resolve("bb");
        var r = CliRunner.run("dump", fixture("v2a", "run_64x64/input.npy"), "--weights", fixture("v2a", "mmdet_backbone.pth"),
                "--what", "logits", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
        assertThat(r.err()).contains("no logits").contains("no classification head");
        assertThat(out).doesNotExist();
        var both = CliRunner.run("dump", fixture("v2a", "run_64x64/input.npy"), "--weights", fixture("v2a", "mmdet_backbone.pth"),
                "--what", "logits,attention", "--out", out.toString());
        assertThat(both.exitCode()).as(both.err()).isZero();
    }

    @Test
    void aPretrainedWindowOutOfRangeIsAUsageError() {
        for (String bad : new String[]{"1", "2147483647", "6,-1,3"}) {
            var r = CliRunner.run("info", fixture("v2b", "timm_window4.pth"), "--pretrained-window", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("--pretrained-window takes windows from 2 to 128");
        }
        assertThat(CliRunner.run("info", fixture("v2b", "timm_window4.pth"), "--pretrained-window", "6,6,3").exitCode()).isZero();
        var count = CliRunner.run("info", fixture("v2b", "timm_window4.pth"), "--pretrained-window", "6,6");       // 3 stages
        assertThat(count.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(count.err()).contains("gives 2 pretrained window sizes").contains("3 stages");
        assertThat(CliRunner.run("predict", fixture("v2b", "run_32x32/input.npy"), "--weights", fixture("v2b", "timm_window4.pth"),
                "--pretrained-window", "6,6").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aTensorIgnoresImageSizeAndSaysSo() {
        var r = CliRunner.run("predict", fixture("m4w4", "input.npy"), "--weights", fixture("m4w4", "official.pth"), "--image-size", "128", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("input.npy is a tensor and runs at its own size, 64x64; --image-size resizes images only")
                .doesNotContain("running at");
    }

    @Test
    void inputOfTheWrongSizeIsAClearError() throws IOException {
        Path odd = dir.resolve("odd.npy");
        try (var out = Files.newOutputStream(odd)) {
            Npy.write(out, new float[3 * 62 * 62], 1, 3, 62, 62);
        }
        var r = CliRunner.run("predict", odd.toString(), "--weights", fixture("m4w4", "official.safetensors"));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNREADABLE_INPUT);
        assertThat(r.err()).contains("62").contains("patch size 4").doesNotContain("Exception");
    }

    @Test
    void anyMultipleOfThePatchSizeRunsPaddedAndABackboneGivesNoPredictions() throws IOException {
        Path sixty = dir.resolve("sixty.npy");             // 15x15 tokens: no multiple of window 4, padded to 16
        try (var out = Files.newOutputStream(sixty)) {
            Npy.write(out, new float[3 * 60 * 44], 1, 3, 60, 44);
        }
        assertThat(CliRunner.run("predict", sixty.toString(), "--weights", fixture("m4w4", "official.safetensors")).exitCode()).isZero();
        var backbone = CliRunner.run("predict", sixty.toString(), "--weights", fixture("m4w4", "mmdet_backbone.pth"));
        assertThat(backbone.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
        assertThat(backbone.err()).contains("no classification head").doesNotContain("Exception").hasLineCount(1);
        var cam = CliRunner.run("export", sixty.toString(), "--mode", "cam", "--out", dir.resolve("cam").toString(),
                "--weights", fixture("m4w4", "mmdet_backbone.pth"));
        assertThat(cam.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
        assertThat(cam.err()).contains("no classification head");
        var attention = CliRunner.run("export", sixty.toString(), "--out", dir.resolve("att").toString(),
                "--weights", fixture("m4w4", "mmdet_backbone.pth"));
        assertThat(attention.exitCode()).as(attention.err()).isZero();
    }

    @Test
    void dumpWhatBlockWritesEveryStepOfTheQueryTokenWithAManifest() throws IOException {
        Path out = dir.resolve("block");
        var r = CliRunner.run("dump", fixture("m4w4", "input.npy"), "--weights", fixture("m4w4", "official.pth"), "--out", out.toString(),
                "--what", "block,attention", "--stage", "0", "--block", "1", "--query", "62,62");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path d = out.resolve("block_s0b1");
        for (String name : DumpCommand.BLOCK_V1.keySet()) assertThat(d.resolve(name + ".npy")).as(name).exists();
        JsonObject m = JsonParser.parseString(Files.readString(d.resolve("manifest.json"))).getAsJsonObject();
        assertThat(m.get("version").getAsString()).isEqualTo("V1");
        assertThat(m.get("token_row").getAsInt()).isEqualTo(15);
        assertThat(m.get("token_col").getAsInt()).isEqualTo(15);
        assertThat(m.get("shift").getAsInt()).isEqualTo(2);
        int window = m.get("window").getAsInt();
        int query = m.get("query_index").getAsInt();
        var probs = Npy.read(d.resolve("probs.npy"));
        var attention = Npy.read(out.resolve("attention/stage0_block1.npy"));     // (nW, heads, N, N)
        int n = (int) attention.shape()[2];
        int heads = (int) attention.shape()[1];
        assertThat(probs.shape()).containsExactly(heads, n);
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < n; j++) {
                assertThat(probs.data()[h * n + j]).isEqualTo(attention.data()[((window * heads + h) * n + query) * n + j]);
            }
        }
        assertThat(Npy.read(d.resolve("q.npy")).shape()).containsExactly(heads, n, 6 / heads);
        assertThat(Npy.read(d.resolve("fc1.npy")).shape()).containsExactly(24);
        var v2 = CliRunner.run("dump", fixture("v2a", "run_56x40/input.npy"), "--weights", fixture("v2a", "torchvision.pth"),
                "--out", dir.resolve("v2").toString(), "--what", "block", "--stage", "1", "--block", "1");
        assertThat(v2.exitCode()).as(v2.err()).isZero();
        JsonObject m2 = JsonParser.parseString(Files.readString(dir.resolve("v2/block_s1b1/manifest.json"))).getAsJsonObject();
        assertThat(m2.get("order").getAsString()).startsWith("V2 (res-post-norm)");
        var bad = CliRunner.run("dump", fixture("m4w4", "input.npy"), "--weights", fixture("m4w4", "official.pth"), "--out",
                dir.resolve("bad").toString(), "--what", "block", "--stage", "0", "--block", "7");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--block 7 does not exist").hasLineCount(1);
    }

    @Test
    void badV2FilesAndPrefixesAreOneLineAndExitFour() {
        var bad = CliRunner.run("info", fixture("v2a", "bad_shapes.pth"));
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
        assertThat(bad.err()).contains("logit_scale").hasLineCount(1).doesNotContain("Exception");
        var window = CliRunner.run("predict", fixture("v2b", "run_32x32/input.npy"), "--weights", fixture("v2b", "official.pth"),
                "--pretrained-window", "12,12,6");
        assertThat(window.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
        assertThat(window.err()).contains("relative_coords_table was made for 6").hasLineCount(1);
        var v1 = CliRunner.run("info", fixture("m4w4", "official.pth"), "--pretrained-window", "6,6,6,3");
        assertThat(v1.exitCode()).isEqualTo(ExitCodes.UNUSABLE_WEIGHTS);
        assertThat(v1.err()).contains("applies to Swin V2");
    }

    @Test
    void infoNamesTheVersionThePrefixTheWindowRuleAndThePretrainedWindows() {
        var v2 = CliRunner.run("info", fixture("v2b", "official.pth"), "--json");
        assertThat(v2.exitCode()).as(v2.err()).isZero();
        JsonObject o = JsonParser.parseString(v2.out()).getAsJsonObject();
        assertThat(o.get("version").getAsString()).isEqualTo("V2");
        assertThat(o.get("window_rule").getAsString()).isEqualTo("clamp");
        assertThat(o.getAsJsonArray("pretrained_window_sizes").toString()).isEqualTo("[6,6,3]");
        assertThat(o.get("pretrained_window_source").getAsString()).contains("relative_coords_table");
        var det = CliRunner.run("info", fixture("v2a", "mmdet_backbone.pth"));
        assertThat(det.out()).contains("Swin V2 backbone").contains("found under  'backbone.'").contains("neck, roi_head, rpn_head");
        var tv = CliRunner.run("info", fixture("v2a", "torchvision.pth"), "--json");
        assertThat(JsonParser.parseString(tv.out()).getAsJsonObject().get("window_rule").getAsString()).isEqualTo("pad");
    }

    @Test
    void benchPrintsTheJsonContract() {
        var r = CliRunner.run("bench", "--runs", "1", "--warmup", "0", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonObject bench = JsonParser.parseString(r.out()).getAsJsonObject();
        for (String key : new String[]{"variant", "image_size", "threads", "runs", "median_ms", "min_ms", "max_ms"}) {
            assertThat(bench.has(key)).as(key).isTrue();
        }
        assertThat(bench.get("variant").getAsString()).isEqualTo("swin_tiny");
        assertThat(bench.get("runs").getAsInt()).isEqualTo(1);
    }

    @Test
    void benchCountsTheArithmeticAndProfilesEveryKindOfOperation() {
        var r = CliRunner.run("bench", "--runs", "1", "--warmup", "0", "--json", "--profile", "--gemm-size", "256");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonObject bench = JsonParser.parseString(r.out()).getAsJsonObject();
        // Swin-T 224: 4.5 G multiply-adds in the linears and the attention products (the paper's 4.5 GFLOPs), so ~9 GFLOP
        assertThat(bench.get("gflop").getAsDouble()).isBetween(8.8, 9.2);
        assertThat(bench.get("sgemm_n").getAsInt()).isEqualTo(256);
        double floor = bench.get("floor_ms").getAsDouble();
        assertThat(floor).isPositive();
        assertThat(bench.get("median_over_floor").getAsDouble()).isCloseTo(bench.get("median_ms").getAsDouble() / floor, within(0.02));
        JsonObject ops = bench.getAsJsonObject("ops");
        for (String op : new String[]{"patch_embed", "layer_norm", "gather", "qkv", "qk", "softmax", "av", "proj", "fc1",
                "fc2", "merge", "head"}) {
            assertThat(ops.has(op)).as(op).isTrue();
            assertThat(ops.getAsJsonObject(op).get("ms").getAsDouble()).as(op).isPositive();
        }
        // fused blocks have no head split (q, k, v read by strides); GELU is part of fc1 on both paths (a post-op, or the
        // pass after the product), a step of its own only when a block is traced
        boolean fused = bench.get("fused_blocks").getAsBoolean();
        if (fused) assertThat(bench.get("linear_shapes").getAsInt()).as("shapes timed").isGreaterThanOrEqualTo(21);
        else assertThat(bench.get("linear_shapes").getAsInt()).isZero();
        assertThat(ops.has("head_split") && ops.getAsJsonObject("head_split").get("ms").getAsDouble() > 0).as("head_split").isEqualTo(!fused);
        // fused V1 blocks add both residuals in post-ops (fc2's and the projection's); the step-by-step path in passes
        assertThat(ops.has("residual") && ops.getAsJsonObject("residual").get("ms").getAsDouble() > 0).as("residual").isEqualTo(!fused);
        assertThat(ops.has("gelu") && ops.getAsJsonObject("gelu").get("ms").getAsDouble() > 0).as("gelu").isFalse();
        assertThat(ops.has("cosine")).as("V1 has no cosine attention").isFalse();
        assertThat(ops.getAsJsonObject("fc1").get("gflops").getAsDouble()).isPositive();
    }

    @Test
    void benchFirstHeatmapReportsTheWarmUpAndTheRatio() {
        var r = CliRunner.run("bench", "--first-heatmap", "--runs", "1", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonObject first = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(first.get("warm_up_ms").getAsDouble()).isPositive();
        assertThat(first.get("first_heatmap_ms").getAsDouble()).isPositive();
        assertThat(first.get("first_over_warm").getAsDouble())
                .isCloseTo(first.get("first_heatmap_ms").getAsDouble() / first.get("warm_median_ms").getAsDouble(), within(0.02));
    }

    @Test
    void benchFirstHeatmapOpensACheckpointAndTimesTheStartToTheModel() {
        String weights = Fixtures.file("m4w4", "official.safetensors").toString();
        var r = CliRunner.run("bench", "--first-heatmap", "--weights", weights, "--runs", "1", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonObject first = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(first.get("model").getAsString()).isNotBlank();
        assertThat(first.get("start_to_model_ms").getAsDouble()).isPositive();
        assertThat(first.get("first_heatmap_ms").getAsDouble()).isPositive();
        var usage = CliRunner.run("bench", "--weights", weights);
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).contains("--first-heatmap").doesNotContain("\n\tat ");
    }
}
