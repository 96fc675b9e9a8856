package io.swinlens.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreprocessorPerformanceTest {

    @Test
    void preparesATwelveMegapixelPhotoWellUnderASecond() {
        BufferedImage photo = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) photo.getRaster().getDataBuffer()).getData();
        Random random = new Random(7);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        Preprocessor.prepare(photo, 224, Preprocess.OFFICIAL, null);  // warm-up

        long start = System.nanoTime();
        ModelInput input = Preprocessor.prepare(photo, 224, Preprocess.OFFICIAL, null);
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("prepare 4000x3000 -> 224: " + millis + " ms");
        assertThat(input.chw()).hasSize(3 * 224 * 224);
        assertThat(millis).isLessThan(1000);
    }
}
