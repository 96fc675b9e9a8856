package io.swinlens.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColormapTest {

    @Test
    void endpointsMatchThePublishedTables() {
        assertThat(Colormap.VIRIDIS.argb(0)).isEqualTo(0xFF440154);
        assertThat(Colormap.VIRIDIS.argb(1)).isEqualTo(0xFFFDE725);
        assertThat(Colormap.MAGMA.argb(0)).isEqualTo(0xFF000004);
        assertThat(Colormap.MAGMA.argb(1)).isEqualTo(0xFFFCFDBF);
        assertThat(Colormap.INFERNO.argb(0)).isEqualTo(0xFF000004);
        assertThat(Colormap.INFERNO.argb(1)).isEqualTo(0xFFFCFFA4);
        assertThat(Colormap.TURBO.argb(0)).isEqualTo(0xFF30123B);
        assertThat(Colormap.TURBO.argb(1)).isEqualTo(0xFF7A0403);
        assertThat(Colormap.GRAYSCALE.argb(0)).isEqualTo(0xFF000000);
        assertThat(Colormap.GRAYSCALE.argb(1)).isEqualTo(0xFFFFFFFF);
    }

    @Test
    void viridisMidpointMatchesMatplotlib() {
        // matplotlib viridis entry 128: (0.127568, 0.566949, 0.550556) -> #21918C
        assertThat(Colormap.VIRIDIS.argb(128 / 256.0)).isEqualTo(0xFF21918C);
    }

    @Test
    void valuesOutsideTheRangeAreClamped() {
        assertThat(Colormap.MAGMA.argb(-3)).isEqualTo(Colormap.MAGMA.argb(0));
        assertThat(Colormap.MAGMA.argb(7)).isEqualTo(Colormap.MAGMA.argb(1));
        assertThat(Colormap.MAGMA.argb(Double.NaN)).isEqualTo(Colormap.MAGMA.argb(0));
    }

    @Test
    void everyTableHas256OpaqueEntries() {
        for (Colormap c : Colormap.values()) {
            assertThat(c.entries()).hasSize(256);
            assertThat(java.util.Arrays.stream(c.entries()).allMatch(argb -> argb >>> 24 == 0xFF)).isTrue();
        }
    }

    @Test
    void parsesIdsAndRejectsUnknownNames() {
        assertThat(Colormap.parse("Turbo")).isEqualTo(Colormap.TURBO);
        assertThat(Colormap.parse(Colormap.GRAYSCALE.id())).isEqualTo(Colormap.GRAYSCALE);
        assertThatThrownBy(() -> Colormap.parse("jet")).hasMessageContaining("viridis");
        assertThat(HeadChoice.parse("3")).isEqualTo(HeadChoice.one(3));
        assertThat(HeadChoice.parse("all").kind()).isEqualTo(HeadChoice.Kind.ALL);
        assertThat(Normalisation.parse("global")).isEqualTo(Normalisation.GLOBAL);
        assertThat(HeatmapMode.parse("received")).isEqualTo(HeatmapMode.RECEIVED);
    }
}
