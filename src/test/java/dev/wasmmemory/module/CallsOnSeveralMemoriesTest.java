package dev.wasmmemory.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.module.InstanceRecord.Binding;
import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.service.events.EventSettings;
import dev.wasmmemory.service.events.MemoryEvents;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.StoreFactories.StoreFactory;
import dev.wasmmemory.testing.TestModules;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A WebAssembly call that stores in two stored memories, on every store: readers that take no lock
 * see all of a call's stores or none, and calls do not deadlock against transfers between the two
 * memories in both directions. (The preemptive timeout only turns a deadlock into a failure.)
 */
class CallsOnSeveralMemoriesTest {
  private static final Duration DEADLOCK = Duration.ofSeconds(120);

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.wasmmemory.store.StoreFactories#forMemories")
  void aCallOnTwoMemoriesIsOneOperationOnBothAndTransfersDoNotDeadlockIt(StoreFactory stores) {
    MemoryBudget budget = new MemoryBudget(1L << 30);
    try (MemoryStore store = stores.apply(budget)) {
      MemoryRegistry registry = new MemoryRegistry(store, budget, 100, Clock.systemUTC());
      LinearMemory a = registry.create(1, null).memory();
      LinearMemory b = registry.create(1, null).memory();
      try (ModuleRuntime modules = runtime(store, registry)) {
        run(modules, a, b);
      }
    }
  }

  private static void run(ModuleRuntime modules, LinearMemory a, LinearMemory b) {
    String module = modules.upload(TestModules.bytes("two")).id();
    String instance =
        modules
            .instantiate(
                module,
                Map.of("env.a", Binding.memory(a.id()), "env.b", Binding.memory(b.id())),
                null)
            .id();
    int calls = 300;
    AtomicBoolean done = new AtomicBoolean();
    List<Callable<Void>> tasks = new ArrayList<>();
    tasks.add(
        () -> {
          try {
            for (int i = 1; i <= calls; i++) {
              modules.invoke(instance, "store_both", new long[] {0, i});
            }
          } finally {
            done.set(true);
          }
          return null;
        });
    for (LinearMemory[] order : new LinearMemory[][] {{a, b}, {b, a}}) {
      tasks.add(
          () -> {
            int reads = 0;
            while (!done.get() || reads == 0) {
              long first = order[0].getBits(ValueType.I64, 0);
              long second = order[1].getBits(ValueType.I64, 0);
              assertThat(second)
                  .as("%s read after %s", order[1].id(), order[0].id())
                  .isGreaterThanOrEqualTo(first);
              reads++;
            }
            return null;
          });
    }
    tasks.add(
        () -> {
          while (!done.get()) {
            b.transferFrom(a, 1024, 2048, 64);
            a.transferFrom(b, 1024, 2048, 64);
          }
          return null;
        });

    runTogether(tasks);

    assertThat(a.getBits(ValueType.I64, 0)).isEqualTo(calls);
    assertThat(b.getBits(ValueType.I64, 0)).isEqualTo(calls);
    assertThat(modules.invoke(instance, "load_b", new long[] {0}).values()).containsExactly(calls);
  }

  private static ModuleRuntime runtime(MemoryStore store, MemoryRegistry registry) {
    return new ModuleRuntime(
        new StoredModuleRepository(store.records()),
        new RegistryMemories(registry, new MemoryEvents(EventSettings.defaults(), null)),
        new ModuleSettings(1 << 20, 10, 10, Duration.ofSeconds(30), 4, 16, 16 << 20, true),
        Clock.systemUTC());
  }

  private static void runTogether(List<Callable<Void>> tasks) {
    assertTimeoutPreemptively(
        DEADLOCK,
        () -> {
          ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
          try {
            CyclicBarrier start = new CyclicBarrier(tasks.size());
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
              futures.add(
                  pool.submit(
                      () -> {
                        start.await();
                        return task.call();
                      }));
            }
            for (Future<Void> future : futures) {
              future.get();
            }
          } finally {
            pool.shutdownNow();
          }
        });
  }
}
