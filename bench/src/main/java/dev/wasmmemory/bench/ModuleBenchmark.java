package dev.wasmmemory.bench;

import dev.wasmmemory.module.InstanceRecord.Binding;
import dev.wasmmemory.module.ModuleRuntime;
import dev.wasmmemory.module.ModuleSettings;
import dev.wasmmemory.module.RegistryMemories;
import dev.wasmmemory.module.StoredModuleRepository;
import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.service.events.EventSettings;
import dev.wasmmemory.service.events.MemoryEvents;
import dev.wasmmemory.store.heap.HeapMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.ByteArrayMemory;
import run.endive.runtime.ExportFunction;
import run.endive.runtime.ImportMemory;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.MemoryLimits;

/**
 * One call of a compiled module doing 10^6 i32 load+store pairs ({@code src/test/resources/wasm/
 * loop.wat}): on a stored memory through the module runtime (the memory locked once for the call,
 * the call handed to an execution thread), and on Endive's own {@code ByteArrayMemory} called
 * directly. Target: the stored memory at least half the speed of ByteArrayMemory.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ModuleBenchmark {
  /** loop.wasm, built by src/test/resources/wasm/build.sh. */
  static final byte[] LOOP =
      Base64.getDecoder()
          .decode(
              "AGFzbQEAAAABCAJgAX8AYAAAAg8BA2VudgZtZW1vcnkCAAEDAwIAAQcNAgNydW4AAANub3AAAQozAi4BAn8DQCABQQ"
                  + "J0Qfz/A3EhAiACIAIoAgBBAWo2AgAgAUEBaiEBIAEgAEkNAAsLAgAL");

  static final long PAIRS = 1_000_000;

  private ModuleRuntime runtime;
  private String instance;
  private ExportFunction onByteArray;

  @Setup(Level.Trial)
  public void setUp() {
    MemoryBudget budget = new MemoryBudget(1L << 30);
    HeapMemoryStore store = new HeapMemoryStore(budget, Clock.systemUTC());
    MemoryRegistry registry = new MemoryRegistry(store, budget, 10, Clock.systemUTC());
    runtime =
        new ModuleRuntime(
            new StoredModuleRepository(store.records()),
            new RegistryMemories(registry, new MemoryEvents(EventSettings.defaults(), null)),
            new ModuleSettings(1 << 20, 10, 10, Duration.ofSeconds(30), 1, 4, 64 << 20, true),
            Clock.systemUTC());
    String memory = registry.create(1, null).id();
    String module = runtime.upload(LOOP).id();
    instance = runtime.instantiate(module, Map.of("env.memory", Binding.memory(memory)), null).id();

    WasmModule parsed = Parser.parse(LOOP);
    Instance endive =
        Instance.builder(parsed)
            .withImportValues(
                ImportValues.builder()
                    .addMemory(
                        new ImportMemory("env", "memory", new ByteArrayMemory(new MemoryLimits(1))))
                    .build())
            .withMachineFactory(MachineFactoryCompiler.compile(parsed))
            .build();
    onByteArray = endive.export("run");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    runtime.close();
  }

  @Benchmark
  public Object storedMemory() {
    return runtime.invoke(instance, "run", new long[] {PAIRS});
  }

  @Benchmark
  public Object byteArrayMemory() {
    return onByteArray.apply(PAIRS);
  }
}
