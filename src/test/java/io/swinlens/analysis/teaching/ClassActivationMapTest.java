package io.swinlens.analysis.teaching;

import io.swinlens.analysis.TokenMap;
import io.swinlens.model.capture.CaptureRequest;
import io.swinlens.model.capture.Inference;
import io.swinlens.model.load.LoadedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClassActivationMapTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"m4w4, official.safetensors", "m4w4, hf.safetensors", "m7, timm.safetensors", "m3w6, torchvision.safetensors"})
    void meanOfTheMapPlusTheBiasIsTheLogitOfEveryClass(String model, String file) {
        LoadedModel loaded = TeachingFixtures.load(model, file);
        Inference result = TeachingFixtures.run(model, file, new CaptureRequest(false, true, null));
        ClassifierHead head = ClassifierHead.of(loaded.model());
        ClassActivationMap cams = ClassActivationMap.of(head, result);
        var last = result.stageOutputs().get(result.stageOutputs().size() - 1);
        assertThat(cams.classes()).isEqualTo(result.logits().length);
        for (int c = 0; c < cams.classes(); c++) {
            TokenMap cam = cams.forClass(c);
            assertThat(cam.height()).isEqualTo(last.height());
            assertThat(cam.width()).isEqualTo(last.width());
            assertThat(cam.sum() / cam.values().length + head.bias()[c]).as("class %d", c).isCloseTo(result.logits()[c], within(1e-4));
        }
    }
}
