package io.swinlens.ui.main;

import io.swinlens.analysis.HeadChoice;
import io.swinlens.model.config.SwinConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ViewControlsTest {

    private final SwinConfig tiny = SwinConfig.swinTiny(224, 1000);   // depths 2,2,6,2; heads 3,6,12,24

    private ViewControls fitted() {
        ViewControls c = new ViewControls();
        c.fit(tiny, 224, 224);
        return c;
    }

    @Test
    void stageStaysInsideTheModel() {
        ViewControls c = fitted();
        c.setStage(9);
        assertThat(c.settings().stage()).isEqualTo(3);
        c.stepStage(-10);
        assertThat(c.settings().stage()).isZero();
    }

    @Test
    void aSmallerStageClampsBlockAndHead() {
        ViewControls c = fitted();
        c.setStage(2);
        c.setBlock(5);
        c.setHead(HeadChoice.one(11));
        c.setStage(3);
        assertThat(c.settings().block()).isEqualTo(1);
        assertThat(c.settings().head()).isEqualTo(HeadChoice.one(11));
        c.setStage(0);
        assertThat(c.settings().head()).isEqualTo(HeadChoice.one(2));
    }

    @Test
    void headStepsWrapAndStartFromMean() {
        ViewControls c = fitted();
        c.setHead(HeadChoice.mean());
        c.stepHead(1);
        assertThat(c.settings().head()).isEqualTo(HeadChoice.one(0));
        c.stepHead(-1);
        assertThat(c.settings().head()).isEqualTo(HeadChoice.one(2));
    }

    @Test
    void scaleAimsAtTheTargetSize() {
        ViewControls c = new ViewControls();
        c.fit(tiny, 64, 64);
        assertThat(c.settings().scale()).isEqualTo(9);
        c.fit(tiny, 224, 224);
        assertThat(c.settings().scale()).isEqualTo(3);
    }

    @Test
    void theQueryStaysOnTheSameImagePointWhenTheResolutionChanges() {
        ViewControls c = fitted();
        c.setQuery(200, 10);                   // near the top right of a 224 x 224 input
        c.fit(tiny, 64, 64);
        assertThat(c.settings().queryX()).isEqualTo(57);
        assertThat(c.settings().queryY()).isEqualTo(3);
        c.setQuery(32, 40);
        c.fit(tiny, 224, 224);
        assertThat(c.settings().queryX()).isEqualTo(113);
        assertThat(c.settings().queryY()).isEqualTo(141);
        c.fit(tiny, 224, 224);                 // the same size again: the same pixel
        assertThat(c.settings().queryX()).isEqualTo(113);
    }

    @Test
    void theCentreStaysTheCentre() {
        ViewControls c = fitted();
        c.setQuery(-1, -1);
        c.fit(tiny, 64, 64);
        assertThat(c.settings().queryX()).isEqualTo(-1);
    }

    @Test
    void mousePositionsMapToModelInputPixels() {
        assertThat(ImageLayersView.modelPixel(0, 0, 448, 448, 224, 224)).containsExactly(0, 0);
        assertThat(ImageLayersView.modelPixel(447.9, 224, 448, 448, 224, 224)).containsExactly(223, 112);
        assertThat(ImageLayersView.modelPixel(500, -3, 448, 448, 224, 224)).containsExactly(223, 0);
    }
}
