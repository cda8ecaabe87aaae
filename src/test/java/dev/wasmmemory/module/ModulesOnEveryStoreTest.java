package dev.wasmmemory.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.PageCache;
import dev.wasmmemory.module.InstanceRecord.Binding;
import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.service.events.EventSettings;
import dev.wasmmemory.service.events.MemoryEvents;
import dev.wasmmemory.store.Durability;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.StoreFactories.StoreFactory;
import dev.wasmmemory.store.rocksdb.RocksMemoryStore;
import dev.wasmmemory.testing.TestModules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Modules and instances kept by every store ({@link StoredModuleRepository}): a second runtime on
 * the same store (another replica, or the service after a restart) finds them and re-links the
 * instance from its record, without running its data segments or start function again.
 */
class ModulesOnEveryStoreTest {
  private final MemoryBudget budget = new MemoryBudget(1L << 30);

  private static ModuleRuntime runtime(MemoryStore store, MemoryRegistry registry) {
    return new ModuleRuntime(
        new StoredModuleRepository(store.records()),
        new RegistryMemories(registry, new MemoryEvents(EventSettings.defaults(), null)),
        new ModuleSettings(1 << 20, 1000, 1000, Duration.ofSeconds(5), 2, 4, 16 << 20, true),
        Clock.systemUTC());
  }

  private MemoryRegistry registry(MemoryStore store) {
    return new MemoryRegistry(store, budget, 100, Clock.systemUTC());
  }

  /**
   * Instantiates {@code defines}, bumps its global, drops its passive segment, edits its memory.
   */
  private static String prepared(ModuleRuntime runtime, MemoryRegistry registry) {
    String moduleId = runtime.upload(TestModules.bytes("defines")).id();
    InstanceView view = runtime.instantiate(moduleId, Map.of(), null);
    runtime.invoke(view.id(), "bump", new long[0]);
    runtime.invoke(view.id(), "drop", new long[0]);
    registry
        .get(view.memories().get("mem"))
        .memory()
        .set(16, "HELLO".getBytes(StandardCharsets.US_ASCII));
    return view.id();
  }

  /** What {@link #prepared} left, seen through {@code runtime}, which did not create it. */
  private static void assertRestored(ModuleRuntime runtime, MemoryRegistry registry, String id) {
    InstanceView view = runtime.instance(id);
    LinearMemory memory = registry.get(view.memories().get("mem")).memory();
    assertThat(runtime.export(id, "starts").globalBits()).as("start not run again").isEqualTo(11);
    assertThat(memory.get(16, 5))
        .as("data segment not applied again")
        .isEqualTo("HELLO".getBytes(StandardCharsets.US_ASCII));
    assertThat(memory.get(0, 1)).containsExactly(1);
    assertThatThrownBy(() -> runtime.invoke(id, "init", new long[] {32}))
        .as("the dropped segment stays dropped")
        .hasMessage("out of bounds memory access");
    runtime.invoke(id, "bump", new long[0]);
    assertThat(runtime.export(id, "starts").globalBits()).isEqualTo(21);
    assertThat(runtime.modules()).extracting(ModuleView::id).contains(view.moduleId());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.wasmmemory.store.StoreFactories#forMemories")
  void anotherRuntimeOnTheStoreFindsModulesAndInstancesAndReLinksThemAsTheyWere(
      StoreFactory stores) {
    try (MemoryStore store = stores.apply(budget)) {
      MemoryRegistry registry = registry(store);
      String id;
      try (ModuleRuntime first = runtime(store, registry)) {
        id = prepared(first, registry);
      }
      try (ModuleRuntime second = runtime(store, registry)) {
        assertRestored(second, registry, id);
        second.deleteInstance(id);
      }
      try (ModuleRuntime third = runtime(store, registry)) {
        assertThatThrownBy(() -> third.instance(id)).isInstanceOf(InstanceNotFoundException.class);
      }
    }
  }

  @Test
  void onRocksDbModulesAndInstancesSurviveARestart(@TempDir Path dir) {
    String id;
    try (MemoryStore store = rocks(dir);
        ModuleRuntime runtime = runtime(store, registry(store))) {
      id = prepared(runtime, registry(store));
    }
    try (MemoryStore store = rocks(dir);
        ModuleRuntime runtime = runtime(store, registry(store))) {
      assertRestored(runtime, registry(store), id);
    }
  }

  private MemoryStore rocks(Path dir) {
    return RocksMemoryStore.open(dir, Durability.PROCESS, budget, new PageCache(4L << 16));
  }

  /**
   * Two runtimes on one store (replicas on Redis), both with the instance live: a call through one
   * is seen by the next call through the other (the record is read again under the memories'
   * locks), and so is a delete.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.wasmmemory.store.StoreFactories#forMemories")
  void replicasSeeEachOthersCallsAndDeletes(StoreFactory stores) {
    try (MemoryStore store = stores.apply(budget)) {
      MemoryRegistry registry = registry(store);
      try (ModuleRuntime one = runtime(store, registry);
          ModuleRuntime two = runtime(store, registry)) {
        String module = one.upload(TestModules.bytes("store")).id();
        String memoryId = registry.create(1, null).id();
        String id =
            one.instantiate(module, Map.of("env.memory", Binding.memory(memoryId)), null).id();
        assertThat(two.export(id, "calls").globalBits()).isZero();
        one.invoke(id, "store", new long[] {0, 5});
        two.invoke(id, "store", new long[] {4, 6});
        one.invoke(id, "store", new long[] {8, 7});
        assertThat(two.export(id, "calls").globalBits()).isEqualTo(3);
        assertThat(one.export(id, "calls").globalBits()).isEqualTo(3);
        one.deleteInstance(id);
        assertThatThrownBy(() -> two.invoke(id, "store", new long[] {0, 1}))
            .isInstanceOf(InstanceNotFoundException.class);
      }
    }
  }
}
