package io.swinlens.analysis;

import io.swinlens.model.load.LoadedModel;
import io.swinlens.model.load.ModelLoader;
import io.swinlens.testutil.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.ArrayList;
import java.util.List;

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

    @Test
    void theFirstPassDoesNotCountAgainstTheBudget() throws Exception {
        LoadedModel model = ModelLoader.load(Fixtures.file("m4w4", "official.pth"));
        // a clock on which the first pass takes 10 s (as Swin-B 384's, which times every linear's ways) and the others 1 ms
        AtomicInteger reads = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        LongSupplier clock = () -> now.addAndGet(reads.incrementAndGet() == 3 ? 10_000_000_000L : 1_000_000L);
        assertThat(WarmUp.passes(model, () -> false, 4000, clock, done -> { })).as("4 s left after the first pass: every pass").isEqualTo(WarmUp.MAX_PASSES);
        // on a clock that moves 0.75 s at every reading (passes of 0.75 s, 1.5 s apart): after the first, the second and
        // the third fit in 4 s, a fourth would end at 4.5 s
        LongSupplier slow = () -> now.addAndGet(750_000_000L);
        List<Double> done = new ArrayList<>();
        assertThat(WarmUp.passes(model, () -> false, 4000, slow, done::add)).isEqualTo(3);
        // what the status bar shows: nothing known after the first pass, then the budget spent, rising, never past 1
        assertThat(done).hasSize(3).isSorted().allSatisfy(f -> assertThat(f).isBetween(0.0, 1.0));
        assertThat(done.get(0)).isZero();
        assertThat(done.get(2)).isGreaterThan(0.5);
    }
}
