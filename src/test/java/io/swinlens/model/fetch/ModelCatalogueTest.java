package io.swinlens.model.fetch;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCatalogueTest {

    private static final String OFFICIAL = "https://github.com/SwinTransformer/storage/releases/download/v1.0.0/";

    @Test
    void bundledCatalogueListsTheOfficialImageNet1kReleases() {
        ModelCatalogue catalogue = ModelCatalogue.bundled();
        assertThat(catalogue.names()).containsExactly("swin_tiny", "swin_small", "swin_base", "swin_base_384");
        assertThat(catalogue.find("swin_base_384").orElseThrow().file()).isEqualTo("swin_base_patch4_window12_384.pth");
        for (ModelCatalogue.Entry e : catalogue.entries()) {
            assertThat(e.url().toString()).as(e.name()).isEqualTo(OFFICIAL + e.file());
            assertThat(e.preprocess()).as(e.name()).isEqualTo("official");
            assertThat(e.source()).as(e.name()).isNotBlank();
            assertThat(e.description()).as(e.name()).isNotBlank();
        }
    }

    @Test
    void unknownNamesAreNotFound() {
        assertThat(ModelCatalogue.bundled().find("swin_huge")).isEmpty();
    }

    @Test
    void rejectsAChecksumThatIsNotSha256() {
        String json = "{\"models\":[{\"name\":\"x\",\"url\":\"https://example.org/x.pth\",\"file\":\"x.pth\",\"sha256\":\"abc\"}]}";
        assertThatThrownBy(() -> ModelCatalogue.parse(new StringReader(json)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'").hasMessageContaining("sha256");
    }

    @Test
    void rejectsAFileNameThatLeavesTheCacheFolder() {
        String json = "{\"models\":[{\"name\":\"x\",\"url\":\"https://example.org/x.pth\",\"file\":\"../x.pth\"}]}";
        assertThatThrownBy(() -> ModelCatalogue.parse(new StringReader(json))).hasMessageContaining("bad file name");
    }
}
