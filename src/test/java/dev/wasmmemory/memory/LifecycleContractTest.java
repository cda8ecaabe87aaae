package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.MAX_PAGES;
import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Allocation limits, reported sizes, versions, and {@code close}. */
class LifecycleContractTest {

  @ContractTest
  void allocRefusesLimitsNoMemoryCanHave(MemoryFactory memories) {
    long[][] refused = {{-1, -2}, {65537, -2}, {0, -1}, {0, 65537}, {2, 1}, {65537, 65537}};

    for (long[] limits : refused) {
      Long maximum = limits[1] == -2 ? null : limits[1];
      assertThatThrownBy(() -> memories.alloc(limits[0], maximum))
          .as("initial %d maximum %s", limits[0], maximum)
          .isInstanceOfSatisfying(
              InvalidLimitsException.class,
              e -> {
                assertThat(e.initialPages()).isEqualTo(limits[0]);
                assertThat(e.maximumPages()).isEqualTo(maximum);
              })
          .isInstanceOf(MemoryException.class);
    }
  }

  @ContractTest
  void allocAcceptsTheExtremeLimits(MemoryFactory memories) {
    assertThat(memories.alloc(0, 0L).sizeBytes()).isZero();
    assertThat(memories.alloc(0).sizeBytes()).isZero();
    assertThat(memories.alloc(MAX_PAGES, (long) MAX_PAGES).currentPages()).isEqualTo(MAX_PAGES);
    assertThat(memories.alloc(MAX_PAGES).sizeBytes()).isEqualTo(Pages.MAX_BYTES);
    assertThat(memories.alloc(3, 3L).currentPages()).isEqualTo(3);
  }

  @ContractTest
  void memoryReportsItsLimitsAndSize(MemoryFactory memories) {
    LinearMemory bounded = memories.alloc(1, 4L);
    LinearMemory unbounded = memories.alloc(2);

    bounded.grow(2);

    assertThat(bounded.limits().initialPages()).isEqualTo(1);
    assertThat(bounded.limits().ownMaximumOrNull()).isEqualTo(4);
    assertThat(bounded.currentPages()).isEqualTo(3);
    assertThat(bounded.sizeBytes()).isEqualTo(3L * PAGE_SIZE);
    assertThat(unbounded.limits().hasMaximum()).isFalse();
    assertThat(unbounded.limits().initialPages()).isEqualTo(2);
  }

  @ContractTest
  void versionChangesWithEveryMutationAndOnlyThen(MemoryFactory memories) throws Throwable {
    LinearMemory memory = memories.alloc(2);
    LinearMemory other = memories.alloc(1);
    Map<String, ThrowingCallable> mutations = new LinkedHashMap<>();
    mutations.put("set", () -> memory.set(0, new byte[] {1}));
    mutations.put("setBits", () -> memory.setBits(ValueType.I32, 4, 7));
    mutations.put("copy", () -> memory.copy(0, 100, 8));
    mutations.put("copyNonOverlapping", () -> memory.copyNonOverlapping(0, 200, 8));
    mutations.put("transfer", () -> memory.transferFrom(other, 0, 0, 8));
    mutations.put("clear", () -> memory.clear(0, (byte) 3, 8));
    mutations.put("zero", () -> memory.zero(0, 8));
    mutations.put("erase", memory::erase);
    mutations.put("grow", () -> memory.grow(1));
    mutations.put(
        "writeFrom", () -> memory.writeFrom(0, 2, new ByteArrayInputStream(new byte[] {1, 2})));
    mutations.put(
        "withDirectAccessMut", () -> memory.withDirectAccessMut(0, 1, c -> c.put(0, (byte) 1)));

    for (Map.Entry<String, ThrowingCallable> mutation : mutations.entrySet()) {
      long before = memory.version();
      mutation.getValue().call();
      assertThat(memory.version()).as(mutation.getKey()).isNotEqualTo(before);
    }
    long before = memory.version();
    memory.get(0, 10);
    memory.getBits(ValueType.I64, 0);
    memory.readTo(0, 10, new ByteArrayOutputStream());
    memory.view(0, 10).close();
    other.transferFrom(memory, 0, 0, 8);
    assertThatThrownBy(() -> memory.set(memory.sizeBytes(), new byte[1]))
        .isInstanceOf(OutOfBoundsException.class);
    assertThat(memory.version()).isEqualTo(before);
  }

  @ContractTest
  void everyOperationOnAClosedMemoryFails(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    LinearMemory open = memories.alloc(1);
    memory.setBits(ValueType.I32, 0, 5);
    memory.close();
    Map<String, ThrowingCallable> operations = new LinkedHashMap<>();
    operations.put("sizeBytes", memory::sizeBytes);
    operations.put("currentPages", memory::currentPages);
    operations.put("materializedPages", memory::materializedPages);
    operations.put("grow", () -> memory.grow(0));
    operations.put("get", () -> memory.get(0, 1));
    operations.put("getInto", () -> memory.getInto(0, new byte[1]));
    operations.put("set", () -> memory.set(0, new byte[1]));
    operations.put("getBits", () -> memory.getBits(ValueType.I32, 0));
    operations.put("setBits", () -> memory.setBits(ValueType.I32, 0, 1));
    operations.put("copy", () -> memory.copy(0, 1, 1));
    operations.put("copyNonOverlapping", () -> memory.copyNonOverlapping(0, 1, 1));
    operations.put("transfer from", () -> open.transferFrom(memory, 0, 0, 1));
    operations.put("transfer to", () -> memory.transferFrom(open, 0, 0, 1));
    operations.put("clear", () -> memory.clear(0, (byte) 1, 1));
    operations.put("zero", () -> memory.zero(0, 1));
    operations.put("erase", memory::erase);
    operations.put("view", () -> memory.view(0, 1));
    operations.put("readTo", () -> memory.readTo(0, 1, new ByteArrayOutputStream()));
    operations.put(
        "writeFrom", () -> memory.writeFrom(0, 1, new ByteArrayInputStream(new byte[1])));
    operations.put("withDirectAccessMut", () -> memory.withDirectAccessMut(0, 1, c -> {}));

    operations.forEach(
        (name, operation) ->
            assertThatThrownBy(operation)
                .as(name)
                .isInstanceOf(MemoryClosedException.class)
                .isInstanceOf(MemoryException.class));
    assertThat(open.get(0, 1)).containsExactly(0);
  }
}
