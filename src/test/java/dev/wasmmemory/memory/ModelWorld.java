package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.TestBytes.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Two engine memories and their two reference models, driven in lockstep by {@link ModelAction}s.
 * Every operation runs on both sides and must give the same result or the same exception class;
 * afterwards sizes, every byte, and the budget's count must agree.
 *
 * <p>With a limited budget the engine may refuse where the model cannot; such a refusal must leave
 * the engine exactly as it was, and the model then skips the operation.
 */
final class ModelWorld {
  private final LinearMemory[] engine = new LinearMemory[2];
  private final ReferenceMemory[] model = new ReferenceMemory[2];
  private final CountingPageBudget budget;
  private final MemoryFactory memories;

  ModelWorld(
      MemoryFactory memories,
      ModelScenario.Limits first,
      ModelScenario.Limits second,
      CountingPageBudget budget) {
    this.budget = budget;
    this.memories = memories;
    ModelScenario.Limits[] limits = {first, second};
    for (int i = 0; i < 2; i++) {
      engine[i] = memories.alloc(limits[i].initial(), limits[i].maximum(), budget);
      model[i] = new ReferenceMemory(limits[i].initial(), limits[i].maximum());
    }
  }

  LinearMemory engine(int memory) {
    return engine[memory];
  }

  ReferenceMemory model(int memory) {
    return model[memory];
  }

  /** Runs {@code onEngine} and {@code onModel} and checks that they agree. */
  <T> void compare(String what, Callable<T> onEngine, Callable<T> onModel) {
    byte[][] before = {model[0].bytes(), model[1].bytes()};
    Outcome engineOutcome = Outcome.of(onEngine);
    if (engineOutcome.error() == MemoryBudgetExceededException.class) {
      for (int i = 0; i < 2; i++) {
        assertSameBytes(TestBytes.snapshot(engine[i]), before[i]);
      }
      return;
    }
    Outcome modelOutcome = Outcome.of(onModel);
    assertThat(engineOutcome.error()).as("%s: exception", what).isEqualTo(modelOutcome.error());
    if (engineOutcome.value() instanceof byte[] bytes) {
      assertSameBytes(bytes, (byte[]) modelOutcome.value());
    } else {
      assertThat(engineOutcome.value()).as("%s: result", what).isEqualTo(modelOutcome.value());
    }
  }

  /** Sizes, every byte, and the pages the budget holds agree with the model. */
  void checkInvariants(String after) {
    for (int i = 0; i < 2; i++) {
      assertThat(engine[i].sizeBytes())
          .as("size of %d after %s", i, after)
          .isEqualTo(model[i].sizeBytes());
      byte[] actual = TestBytes.snapshot(engine[i]);
      int at = Arrays.mismatch(actual, model[i].bytes());
      assertThat(at).as("first differing byte of memory %d after %s", i, after).isEqualTo(-1);
      LinearMemory reopened = memories.reopen(engine[i]);
      if (reopened != null) {
        assertThat(reopened.version())
            .as("stored version after %s", after)
            .isEqualTo(engine[i].version());
        assertThat(reopened.materializedPages())
            .as("stored pages after %s", after)
            .isEqualTo(engine[i].materializedPages());
        int stored = Arrays.mismatch(TestBytes.snapshot(reopened), actual);
        assertThat(stored).as("first byte stored wrong of %d after %s", i, after).isEqualTo(-1);
      }
    }
    assertThat(budget.held())
        .as("pages held after %s", after)
        .isEqualTo((long) engine[0].materializedPages() + engine[1].materializedPages());
    assertThat(budget.overReleased()).isFalse();
  }

  /** Closes both memories: every page must be back in the budget. */
  void closeAndCheckReleased() {
    engine[0].close();
    engine[1].close();
    assertThat(budget.held()).as("pages held after close").isZero();
    assertThat(budget.overReleased()).isFalse();
  }

  record Outcome(Object value, Class<?> error) {
    static Outcome of(Callable<?> call) {
      try {
        return new Outcome(call.call(), null);
      } catch (Exception e) {
        return new Outcome(null, e.getClass());
      }
    }
  }
}
