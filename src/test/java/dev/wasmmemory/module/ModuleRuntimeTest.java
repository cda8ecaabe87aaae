package dev.wasmmemory.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.module.InstanceRecord.Binding;
import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.service.MemoryNotFoundException;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.service.events.EventSettings;
import dev.wasmmemory.service.events.MemoryEvents;
import dev.wasmmemory.store.heap.HeapMemoryStore;
import dev.wasmmemory.testing.TestModules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModuleRuntimeTest {
  private final MemoryBudget budget = new MemoryBudget(1L << 30);
  private final HeapMemoryStore store = new HeapMemoryStore(budget, Clock.systemUTC());
  private final MemoryRegistry registry = new MemoryRegistry(store, budget, 100, Clock.systemUTC());
  private final ModuleRepository repository = new StoredModuleRepository(store.records());
  private final ModuleRuntime runtime = runtime(true);

  private ModuleRuntime runtime(boolean compile) {
    return new ModuleRuntime(
        repository,
        new RegistryMemories(registry, new MemoryEvents(EventSettings.defaults(), null)),
        new ModuleSettings(1 << 20, 10, 10, Duration.ofMillis(500), 2, 4, 16 << 20, compile),
        Clock.systemUTC());
  }

  @AfterEach
  void close() {
    runtime.close();
  }

  private String memory(int pages, Integer maximum) {
    return registry.create(pages, maximum == null ? null : (long) maximum).id();
  }

  private String instance(String module, String memoryId) {
    String moduleId = runtime.upload(TestModules.bytes(module)).id();
    return runtime.instantiate(moduleId, Map.of("env.memory", Binding.memory(memoryId)), null).id();
  }

  @Test
  void describesImportsAndExports() {
    ModuleView view = runtime.upload(TestModules.bytes("store"));
    assertThat(view.description().imports())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.qualifiedName()).isEqualTo("env.memory");
              assertThat(i.memory().minimumPages()).isEqualTo(1);
              assertThat(i.memory().maximumPages()).isNull();
            });
    assertThat(view.description().exports())
        .anySatisfy(
            e -> {
              assertThat(e.name()).isEqualTo("store");
              assertThat(e.function().params()).containsExactly("i32", "i32");
              assertThat(e.function().results()).isEmpty();
            });
    assertThat(runtime.modules()).extracting(ModuleView::id).containsExactly(view.id());
  }

  @Test
  void refusesInvalidBinariesWithTheDecodersReason() {
    assertThatThrownBy(() -> runtime.upload(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> runtime.upload("junk".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidModuleException.class);
    assertThat(repository.moduleCount()).isZero();
  }

  @Test
  void storesLandInTheStoredMemoryAndMoveItsVersionOncePerCall() {
    String memoryId = memory(1, null);
    LinearMemory memory = registry.get(memoryId).memory();
    long before = memory.version();
    String instance = instance("store", memoryId);
    runtime.invoke(instance, "store", new long[] {100, 42});
    assertThat(memory.get(100, 4)).containsExactly(42, 0, 0, 0);
    assertThat(memory.version()).isEqualTo(before + 1);
    InvokeResult loaded = runtime.invoke(instance, "load", new long[] {100});
    assertThat(loaded.values()).containsExactly(42);
    assertThat(loaded.types()).containsExactly("i32");
    assertThat(memory.version()).isEqualTo(before + 1);
  }

  @Test
  void aTrapKeepsTheStoresBeforeIt() {
    String memoryId = memory(1, null);
    String instance = instance("store", memoryId);
    assertThatThrownBy(() -> runtime.invoke(instance, "store_then_trap", new long[] {8, 7}))
        .isInstanceOf(WasmTrapException.class)
        .hasMessage("unreachable");
    assertThat(registry.get(memoryId).memory().get(8, 1)).containsExactly(7);
    assertThatThrownBy(() -> runtime.invoke(instance, "div", new long[] {1, 0}))
        .hasMessage("integer divide by zero");
    assertThatThrownBy(() -> runtime.invoke(instance, "store", new long[] {65533, 1}))
        .hasMessage("out of bounds memory access");
    assertThatThrownBy(() -> runtime.invoke(instance, "store", new long[] {-1, 1}))
        .hasMessage("out of bounds memory access");
  }

  @Test
  void growAnswersThePreviousSizeOrMinusOne() {
    String memoryId = memory(1, 3);
    String instance = instance("store", memoryId);
    assertThat(runtime.invoke(instance, "grow", new long[] {2}).values()).containsExactly(1);
    assertThat(runtime.invoke(instance, "grow", new long[] {1}).values()).containsExactly(-1);
    assertThat(registry.get(memoryId).memory().currentPages()).isEqualTo(3);
  }

  @Test
  void typedResultsKeepTheirBits() {
    String instance = instance("store", memory(1, null));
    assertThat(runtime.invoke(instance, "add64", new long[] {-2, 1}).values()).containsExactly(-1);
    long nanWithPayload = 0x7fa00001L;
    assertThat(runtime.invoke(instance, "f32id", new long[] {nanWithPayload}).values())
        .containsExactly(nanWithPayload);
    InvokeResult pair = runtime.invoke(instance, "pair", new long[0]);
    assertThat(pair.values()).containsExactly(7, 8);
    assertThat(pair.types()).containsExactly("i32", "i64");
    assertThat(runtime.invoke(instance, "atomic_add", new long[] {0, 5}).values())
        .containsExactly(0);
    assertThat(runtime.invoke(instance, "atomic_add", new long[] {0, 5}).values())
        .containsExactly(5);
  }

  @Test
  void wrongFunctionOrArgumentCountIsRefused() {
    String instance = instance("store", memory(1, null));
    assertThatThrownBy(() -> runtime.invoke(instance, "nope", new long[0]))
        .isInstanceOf(InvalidArgumentsException.class);
    assertThatThrownBy(() -> runtime.invoke(instance, "store", new long[] {1}))
        .isInstanceOf(InvalidArgumentsException.class);
  }

  @Test
  void importsThatDoNotMatchAreLinkErrors() {
    String moduleId = runtime.upload(TestModules.bytes("store")).id();
    assertThatThrownBy(() -> runtime.instantiate(moduleId, Map.of(), null))
        .isInstanceOf(LinkException.class);
    assertThatThrownBy(
            () ->
                runtime.instantiate(
                    moduleId, Map.of("env.memory", Binding.memory(memory(0, null))), null))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("at least 1 pages");
    assertThatThrownBy(
            () -> runtime.instantiate(moduleId, Map.of("env.memory", Binding.memory("nope")), null))
        .isInstanceOf(MemoryNotFoundException.class);
    assertThatThrownBy(
            () ->
                runtime.instantiate(
                    moduleId,
                    Map.of(
                        "env.memory",
                        Binding.memory(memory(1, null)),
                        "env.other",
                        Binding.memory(memory(1, null))),
                    null))
        .isInstanceOf(InvalidArgumentsException.class);
    assertThat(repository.instanceCount()).isZero();
  }

  @Test
  void aDefinedMemoryBecomesAStoredMemoryWithItsDataAndStart() {
    String moduleId = runtime.upload(TestModules.bytes("defines")).id();
    InstanceView view = runtime.instantiate(moduleId, Map.of(), null);
    String memoryId = view.memories().get("mem");
    LinearMemory memory = registry.get(memoryId).memory();
    assertThat(memory.get(16, 5)).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
    assertThat(memory.get(0, 1)).containsExactly(1);
    assertThat(runtime.export(view.id(), "starts").globalBits()).isEqualTo(1);
    assertThat(runtime.export(view.id(), "mem").memoryId()).isEqualTo(memoryId);
    assertThat(memory.limits().maximumPages()).isEqualTo(4);
  }

  @Test
  void aRestoredInstanceKeepsItsStateAndRunsNoSegmentOrStartAgain() {
    String moduleId = runtime.upload(TestModules.bytes("defines")).id();
    InstanceView view = runtime.instantiate(moduleId, Map.of(), null);
    LinearMemory memory = registry.get(view.memories().get("mem")).memory();
    runtime.invoke(view.id(), "bump", new long[0]);
    runtime.invoke(view.id(), "drop", new long[0]);
    memory.set(16, "HELLO".getBytes(StandardCharsets.US_ASCII));

    runtime.evictLive();
    try (ModuleRuntime restarted = runtime(true)) {
      assertThat(restarted.export(view.id(), "starts").globalBits()).isEqualTo(11);
      assertThat(memory.get(16, 5)).isEqualTo("HELLO".getBytes(StandardCharsets.US_ASCII));
      assertThat(memory.get(0, 1)).containsExactly(1);
      assertThatThrownBy(() -> restarted.invoke(view.id(), "init", new long[] {32}))
          .hasMessage("out of bounds memory access");
    }
  }

  @Test
  void passiveSegmentsInitAndDrop() {
    InstanceView view =
        runtime.instantiate(runtime.upload(TestModules.bytes("defines")).id(), Map.of(), null);
    runtime.invoke(view.id(), "init", new long[] {32});
    LinearMemory memory = registry.get(view.memories().get("mem")).memory();
    assertThat(memory.get(32, 7)).isEqualTo("passive".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> runtime.invoke(view.id(), "init", new long[] {65535}))
        .hasMessage("out of bounds memory access");
  }

  @Test
  void aRunawayLoopIsStoppedAtTheTimeoutAndOtherCallsGoOn() throws Exception {
    String looping = instance("store", memory(1, null));
    String other = instance("store", memory(1, null));
    CompletableFuture<Throwable> spin =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                runtime.invoke(looping, "spin", new long[0]);
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            });
    long start = System.nanoTime();
    runtime.invoke(other, "store", new long[] {0, 1});
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(400));
    assertThat(spin.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionTimeoutException.class);
    assertThat(runtime.invoke(looping, "load", new long[] {0}).values()).containsExactly(0);
  }

  @Test
  void deepRecursionIsATrapNotACrash() {
    String instance = instance("store", memory(1, null));
    assertThat(runtime.invoke(instance, "recurse", new long[] {1000}).values())
        .containsExactly(1000);
    assertThatThrownBy(() -> runtime.invoke(instance, "recurse", new long[] {100_000_000}))
        .isInstanceOfAny(WasmTrapException.class, ExecutionTimeoutException.class);
  }

  @Test
  void theInterpreterRunsTheSameCode() {
    try (ModuleRuntime interpreted = runtime(false)) {
      String memoryId = memory(1, null);
      String moduleId = interpreted.upload(TestModules.bytes("store")).id();
      String instance =
          interpreted
              .instantiate(moduleId, Map.of("env.memory", Binding.memory(memoryId)), null)
              .id();
      interpreted.invoke(instance, "store", new long[] {4, 9});
      assertThat(interpreted.invoke(instance, "load", new long[] {4}).values()).containsExactly(9);
      assertThatThrownBy(() -> interpreted.invoke(instance, "store", new long[] {-4, 1}))
          .hasMessage("out of bounds memory access");
    }
  }

  @Test
  void wasiOutputComesBackWithTheCall() {
    String moduleId = runtime.upload(TestModules.bytes("hello")).id();
    String instance =
        runtime
            .instantiate(
                moduleId,
                Map.of(),
                new WasiConfig(List.of("hello"), Map.of(), "echo".getBytes(StandardCharsets.UTF_8)))
            .id();
    InvokeResult result = runtime.invoke(instance, "_start", new long[0]);
    assertThat(new String(result.wasi().stdout(), StandardCharsets.UTF_8))
        .isEqualTo("hello, world\necho");
    assertThat(new String(result.wasi().stderr(), StandardCharsets.UTF_8)).isEqualTo("oops\n");
    assertThat(result.wasi().exitCode()).isZero();

    String exiting =
        runtime
            .instantiate(
                moduleId,
                Map.of(),
                new WasiConfig(List.of(), Map.of(), "exit".getBytes(StandardCharsets.UTF_8)))
            .id();
    assertThat(runtime.invoke(exiting, "_start", new long[0]).wasi().exitCode()).isEqualTo(3);
  }

  @Test
  void wasiImportsWithoutWasiAreLinkErrors() {
    String moduleId = runtime.upload(TestModules.bytes("hello")).id();
    assertThatThrownBy(() -> runtime.instantiate(moduleId, Map.of(), null))
        .isInstanceOf(LinkException.class);
  }

  @Test
  void limitsOnSizeAndCounts() {
    ModuleRuntime small =
        new ModuleRuntime(
            new StoredModuleRepository(new HeapMemoryStore(budget, Clock.systemUTC()).records()),
            new RegistryMemories(registry, new MemoryEvents(EventSettings.defaults(), null)),
            new ModuleSettings(200, 1, 1, Duration.ofSeconds(1), 1, 1, 1 << 20, true),
            Clock.systemUTC());
    try (small) {
      assertThatThrownBy(() -> small.upload(TestModules.bytes("store")))
          .isInstanceOf(ModuleTooLargeException.class);
      String moduleId = small.upload(TestModules.bytes("loop")).id();
      assertThatThrownBy(() -> small.upload(TestModules.bytes("loop")))
          .isInstanceOf(ModuleLimitExceededException.class);
      small.instantiate(moduleId, Map.of("env.memory", Binding.memory(memory(1, null))), null);
      assertThatThrownBy(
              () ->
                  small.instantiate(
                      moduleId, Map.of("env.memory", Binding.memory(memory(1, null))), null))
          .isInstanceOf(ModuleLimitExceededException.class);
    }
  }

  @Test
  void deletingAModuleDeletesItsInstancesButNotTheirMemories() {
    String memoryId = memory(1, null);
    String moduleId = runtime.upload(TestModules.bytes("store")).id();
    String instance =
        runtime.instantiate(moduleId, Map.of("env.memory", Binding.memory(memoryId)), null).id();
    runtime.deleteModule(moduleId);
    assertThatThrownBy(() -> runtime.instance(instance))
        .isInstanceOf(InstanceNotFoundException.class);
    assertThatThrownBy(() -> runtime.module(moduleId)).isInstanceOf(ModuleNotFoundException.class);
    assertThat(registry.get(memoryId)).isNotNull();
  }
}
