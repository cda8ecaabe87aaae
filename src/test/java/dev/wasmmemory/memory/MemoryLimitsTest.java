package dev.wasmmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link MemoryLimits} as values: a memory without a maximum of its own differs from one whose
 * maximum is 65536, in equality, hash, description and what the API shows; impossible limits name
 * the limit at fault.
 */
class MemoryLimitsTest {

  @Test
  void limitsWithoutAMaximumGrowTo65536YetDifferFromAMaximumOf65536() {
    MemoryLimits none = MemoryLimits.unbounded(3);
    MemoryLimits largest = MemoryLimits.of(3, 65536L);

    assertThat(none.initialPages()).isEqualTo(3);
    assertThat(none.maximumPages()).isEqualTo(largest.maximumPages()).isEqualTo(65536);
    assertThat(none.hasMaximum()).isFalse();
    assertThat(largest.hasMaximum()).isTrue();
    assertThat(none.ownMaximumOrNull()).isNull();
    assertThat(largest.ownMaximumOrNull()).isEqualTo(65536);
    assertThat(none).isNotEqualTo(largest);
    assertThat(none.hashCode()).isNotEqualTo(largest.hashCode());
    assertThat(none).hasToString("MemoryLimits[initial 3, maximum null]");
    assertThat(largest).hasToString("MemoryLimits[initial 3, maximum 65536]");
  }

  @Test
  void limitsAreEqualExactlyWhenEveryPartIs() {
    MemoryLimits limits = MemoryLimits.of(2, 5L);

    assertThat(limits).isEqualTo(MemoryLimits.of(2, 5L)).isNotEqualTo(null).isNotEqualTo("2..5");
    assertThat(limits.hashCode()).isEqualTo(MemoryLimits.of(2, 5L).hashCode());
    assertThat(limits).isNotEqualTo(MemoryLimits.of(1, 5L)).isNotEqualTo(MemoryLimits.of(2, 6L));
    assertThat(limits.hashCode())
        .isNotEqualTo(MemoryLimits.of(1, 5L).hashCode())
        .isNotEqualTo(MemoryLimits.of(2, 6L).hashCode())
        .isEqualTo(31 * (31 * 2 + 5) + 1);
  }

  @Test
  void impossibleLimitsNameTheLimitAtFault() {
    assertThatThrownBy(() -> MemoryLimits.of(65537, null))
        .isInstanceOfSatisfying(
            InvalidLimitsException.class,
            e -> {
              assertThat(e.field()).isEqualTo("initialPages");
              assertThat(e.initialPages()).isEqualTo(65537);
              assertThat(e.maximumPages()).isNull();
            });
    assertThatThrownBy(() -> MemoryLimits.of(3, 2L))
        .isInstanceOfSatisfying(
            InvalidLimitsException.class,
            e -> {
              assertThat(e.field()).isEqualTo("maximumPages");
              assertThat(e.maximumPages()).isEqualTo(2L);
              assertThat(e).hasMessageEndingWith("initial exceeds maximum");
            });
  }
}
