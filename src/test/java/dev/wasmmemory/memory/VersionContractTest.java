package dev.wasmmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The version (the base of HTTP entity tags) moves with every successful mutation, on the memory it
 * changed only, and stays put when a mutation fails; {@code ifVersion} applies a mutation only at
 * the version it names.
 */
class VersionContractTest {

  interface Mutation {
    void apply(MemoryInstance target, MemoryInstance other) throws Exception;
  }

  @ContractTest
  void everySuccessfulMutationMovesTheVersionOfTheMemoryItChanged(MemoryFactory memories)
      throws Exception {
    Map<String, Mutation> mutations = new LinkedHashMap<>();
    mutations.put("set", (m, o) -> m.set(10, new byte[] {1, 2}));
    mutations.put("setBits", (m, o) -> m.setBits(ValueType.I32, 3, 7));
    mutations.put("writeFrom", (m, o) -> m.writeFrom(5, 2, new ByteArrayInputStream(new byte[2])));
    mutations.put("grow", (m, o) -> m.grow(1));
    mutations.put("copy", (m, o) -> m.copy(0, 100, 8));
    mutations.put("copyNonOverlapping", (m, o) -> m.copyNonOverlapping(0, 100, 8));
    mutations.put("transfer", (m, o) -> m.transferFrom(o, 0, 0, 8));
    mutations.put("clear", (m, o) -> m.clear(0, (byte) 9, 4));
    mutations.put("zero", (m, o) -> m.zero(0, 4));
    mutations.put("erase", (m, o) -> m.erase());
    mutations.put(
        "directAccess", (m, o) -> m.withDirectAccessMut(0, 4, chunk -> chunk.put(0, (byte) 1)));

    for (Map.Entry<String, Mutation> mutation : mutations.entrySet()) {
      MemoryInstance target = memories.alloc(1);
      MemoryInstance other = memories.alloc(1);
      long before = target.version();
      long otherBefore = other.version();
      mutation.getValue().apply(target, other);
      assertThat(target.version()).as(mutation.getKey()).isGreaterThan(before);
      assertThat(other.version()).as(mutation.getKey() + " (source)").isEqualTo(otherBefore);
    }
  }

  @ContractTest
  void aFailedMutationLeavesTheVersion(MemoryFactory memories) {
    MemoryInstance memory = memories.alloc(1, 1L);
    MemoryInstance other = memories.alloc(1);
    long before = memory.version();

    assertThatThrownBy(() -> memory.set(65535, new byte[2]))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.grow(1)).isInstanceOf(GrowLimitExceededException.class);
    assertThatThrownBy(() -> memory.transferFrom(other, 0, 65530, 8))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.copyNonOverlapping(0, 4, 8))
        .isInstanceOf(RegionsOverlapException.class);

    assertThat(memory.version()).isEqualTo(before);
  }

  @ContractTest
  void ifVersionAppliesOnlyAtTheNamedVersion(MemoryFactory memories) {
    MemoryInstance memory = memories.alloc(1);
    MemoryInstance other = memories.alloc(1);
    long stale = memory.version();
    memory.set(0, new byte[] {1});

    assertThatThrownBy(() -> memory.ifVersion(stale).set(0, new byte[] {2}))
        .isInstanceOf(VersionMismatchException.class);
    assertThatThrownBy(() -> memory.ifVersion(stale).transferFrom(other, 0, 0, 1))
        .isInstanceOf(VersionMismatchException.class);
    assertThat(memory.get(0, 1)).containsExactly(1);

    memory.ifVersion(memory.version()).set(0, new byte[] {3});
    assertThat(memory.get(0, 1)).containsExactly(3);
  }

  /** A conditional delete (HTTP DELETE with If-Match) must not drop a write it never saw. */
  @ContractTest
  void ifVersionClosesOnlyAtTheNamedVersion(MemoryFactory memories) {
    MemoryInstance memory = memories.alloc(1);
    long stale = memory.version();
    memory.set(0, new byte[] {1});

    assertThatThrownBy(() -> memory.ifVersion(stale).close())
        .isInstanceOf(VersionMismatchException.class);
    assertThat(memory.get(0, 1)).containsExactly(1);

    memory.ifVersion(memory.version()).close();
    assertThatThrownBy(() -> memory.get(0, 1)).isInstanceOf(MemoryClosedException.class);
    memory.ifVersion(stale).close(); // closing twice stays harmless
  }
}
