package dev.wasmmemory.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.store.StoreFactories.StoreFactory;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The records every store keeps beside its memories ({@link MemoryStore#records()}). */
class RecordStoreContractTest {
  private static final String STORES = "dev.wasmmemory.store.StoreFactories#forMemories";

  /** A space of this test's own: the Redis cluster of the tests is shared by the whole JVM. */
  private final String space = "test-" + UUID.randomUUID();

  private final String other = "test-" + UUID.randomUUID();

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(STORES)
  void putGetReplaceListDeleteAndCountPerSpace(StoreFactory stores) {
    try (MemoryStore store = stores.apply(PageBudget.UNLIMITED)) {
      RecordStore records = store.records();
      assertThat(records.get(space, "a")).isEmpty();
      assertThat(records.count(space)).isZero();

      records.put(space, "a", bytes("one"));
      records.put(space, "b", new byte[0]);
      records.put(other, "a", bytes("elsewhere"));
      records.put(space, "a", bytes("two"));

      assertThat(records.get(space, "a"))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("two")));
      assertThat(records.get(space, "b")).hasValueSatisfying(v -> assertThat(v).isEmpty());
      assertThat(records.all(space))
          .hasSize(2)
          .anySatisfy(v -> assertThat(v).isEqualTo(bytes("two")));
      assertThat(records.count(space)).isEqualTo(2);
      assertThat(records.count(other)).isEqualTo(1);

      assertThat(records.delete(space, "a")).isTrue();
      assertThat(records.delete(space, "a")).isFalse();
      assertThat(records.get(space, "a")).isEmpty();
      assertThat(records.get(other, "a"))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("elsewhere")));
      assertThat(records.count(space)).isEqualTo(1);
      records.delete(space, "b");
      records.delete(other, "a");
    }
  }

  /** A space whose name is another's prefix shares none of its records (RocksDB's key prefixes). */
  @ParameterizedTest(name = "{0}")
  @MethodSource(STORES)
  void aSpaceNamedAsAnothersPrefixIsSeparate(StoreFactory stores) {
    try (MemoryStore store = stores.apply(PageBudget.UNLIMITED)) {
      RecordStore records = store.records();
      records.put(space + "x", "id", bytes("longer"));
      assertThat(records.all(space)).isEmpty();
      assertThat(records.count(space)).isZero();
      records.put(space, "xid", bytes("shorter"));
      assertThat(records.count(space + "x")).isEqualTo(1);
      records.delete(space + "x", "id");
      records.delete(space, "xid");
    }
  }
}
