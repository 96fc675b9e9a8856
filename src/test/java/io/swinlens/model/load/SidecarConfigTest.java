package io.swinlens.model.load;

import io.swinlens.model.weights.WeightsException;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A Hugging Face config.json beside a checkpoint: believed when it is a Swin's, refused when it lies, said when unreadable. */
class SidecarConfigTest {

    @TempDir
    Path dir;

    private Path withConfig(String text) throws Exception {
        Path weights = Files.copy(Fixtures.file("v2b", "hf/model.safetensors"), dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("config.json"), text);
        return weights;
    }

    private static String original() throws Exception {
        return Files.readString(Fixtures.file("v2b", "hf/config.json"));
    }

    @Test
    void theFixturesConfigIsRead() throws Exception {
        LoadedModel m = ModelLoader.load(withConfig(original()));
        assertThat(m.origin().pretrainedSource()).contains("config.json");
        assertThat(m.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {
        "image_size; 1e9",
        "image_size; 0",
        "window_size; 0",
        "window_size; 100000",
        "pretrained_window_sizes; [6, -1, 3]",
        "pretrained_window_sizes; [6, 6, \"x\"]",
        "window_size; 4294967300",
        "window_size; 4.9",
        "window_size; \"four\"",
        "image_size; -4294967264",
    })
    void aValueNoSwinHasIsRefusedNamingTheFile(String key, String value) throws Exception {
        String text = original().replaceFirst("\"" + key + "\": (\\[[^\\]]*\\]|[0-9]+)", "\"" + key + "\": " + value);
        assertThat(text).contains("\"" + key + "\": " + value);
        WeightsException e = catchThrowableOfType(() -> ModelLoader.load(withConfig(text)), WeightsException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("config.json beside model.safetensors").contains(key + " = " + value.replace(" ", ""));
        assertThat(e.getMessage().lines()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"{\"model_type\": \"swinv2\",; not valid JSON", "[1, 2, 3]; not an object"})
    void aConfigThatCannotBeReadIsSaidInAWarning(String text, String why) throws Exception {
        LoadedModel m = ModelLoader.load(withConfig(text));
        assertThat(m.warnings()).anyMatch(w -> w.contains("config.json beside model.safetensors was not read") && w.contains(why));
    }
}
