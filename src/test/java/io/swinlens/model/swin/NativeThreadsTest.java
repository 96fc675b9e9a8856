package io.swinlens.model.swin;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenBLAS kernel-family rule of openblas-coretypes.tsv (docs/performance.md), on made-up flag sets. */
class NativeThreadsTest {

    @Test
    void anAvx512CpuGetsTheSkylakeXKernels() {
        assertThat(NativeThreads.coreTypeFor(Set.of("sse2", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq")))
                .isEqualTo("SkylakeX");
    }

    @Test
    void anAvx2CpuWithoutTheFullAvx512SetGetsTheHaswellKernels() {
        assertThat(NativeThreads.coreTypeFor(Set.of("avx2", "fma", "avx512f", "avx512bw"))).isEqualTo("Haswell");
        assertThat(NativeThreads.coreTypeFor(Set.of("avx", "avx2", "fma"))).isEqualTo("Haswell");
    }

    @Test
    void aCpuWithoutAvx2AndFmaIsLeftToOpenBlas() {
        assertThat(NativeThreads.coreTypeFor(Set.of("sse2", "avx"))).isNull();
        assertThat(NativeThreads.coreTypeFor(Set.of("avx2"))).isNull();
    }

    @Test
    void theTableIsReadInItsOrder() {
        assertThat(NativeThreads.coreTypeTable().keySet()).containsExactly("SkylakeX", "Haswell");
    }
}
