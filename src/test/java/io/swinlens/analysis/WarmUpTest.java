package io.swinlens.analysis;

import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up runs several passes of the image path within its budget and stops between passes when cancelled. */
class WarmUpTest {

    @Test
    void runsUpToItsPassesAndStopsWhenCancelled() throws Exception {
        LoadedModel model = ModelLoader.load(Fixtures.file("m4w4", "official.pth"));   // a 64x64 model: passes take milliseconds
        assertThat(WarmUp.passes(model, () -> false, 600_000)).as("every pass within a budget it cannot exceed").isEqualTo(WarmUp.MAX_PASSES);
        assertThat(WarmUp.passes(model, () -> false, 0)).as("no budget: the two passes it always runs").isEqualTo(2);
        assertThat(WarmUp.passes(model, () -> true, 600_000)).isZero();
        AtomicInteger asked = new AtomicInteger();
        assertThat(WarmUp.passes(model, () -> asked.incrementAndGet() > 1, 600_000)).as("cancelled after the first pass").isEqualTo(1);
        assertThat(WarmUp.run(model, () -> true)).isGreaterThanOrEqualTo(0);
    }
}
