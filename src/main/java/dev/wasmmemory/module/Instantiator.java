package dev.wasmmemory.module;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.module.ModuleDescription.MemoryType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import run.endive.runtime.Instance;
import run.endive.runtime.Machine;
import run.endive.wasm.WasmEngineException;
import run.endive.wasm.types.MemoryLimits;

/**
 * Builds live instances: fresh ones (imports bound to stored memories and global values, defined
 * memories created as stored memories, data segments written, start run), and ones re-created from
 * their record after a restart, which write no segment and run no start function again (see {@link
 * InstanceRecord}). Runs on an execution thread: a start function is a call like any other.
 */
final class Instantiator {
  private final MemoryDirectory directory;
  private final ModuleRepository repository;

  Instantiator(MemoryDirectory directory, ModuleRepository repository) {
    this.directory = directory;
    this.repository = repository;
  }

  /** A new instance of {@code module}; on failure every memory it created is dropped again. */
  LiveInstance create(LoadedModule module, InstanceRecord request) {
    Linker linker = new Linker(module, request, directory);
    List<LinearMemory> memories = new ArrayList<>(linker.importedMemories());
    List<LinearMemory> created = new ArrayList<>();
    try {
      for (MemoryLimits limits : Linker.definedMemories(module)) {
        MemoryType type = ModuleLoader.memoryType(limits);
        LinearMemory memory = directory.create(type.minimumPages(), type.maximumPages());
        created.add(memory);
        memories.add(memory);
      }
      InstanceRecord record = withMemories(request, memories, created.size());
      return build(module, record, linker, memories, false);
    } catch (RuntimeException e) {
      created.forEach(memory -> directory.delete(memory.id()));
      throw e;
    }
  }

  /** The instance of {@code record} as its last call left it. */
  LiveInstance restore(LoadedModule module, InstanceRecord record) {
    Linker linker = new Linker(module, record, directory);
    List<LinearMemory> memories = new ArrayList<>(linker.importedMemories());
    List<String> ids = record.memories();
    for (String id : ids.subList(ids.size() - record.definedMemories(), ids.size())) {
      memories.add(directory.find(id));
    }
    return build(module, record, linker, memories, true);
  }

  private LiveInstance build(
      LoadedModule module,
      InstanceRecord record,
      Linker linker,
      List<LinearMemory> memories,
      boolean restoring) {
    List<StoredMemoryAdapter> adapters = new ArrayList<>();
    for (LinearMemory memory : memories) {
      StoredMemoryAdapter adapter =
          new StoredMemoryAdapter(memory.id(), memory.limits().initialPages(), dropped(record));
      adapter.restoring(restoring);
      adapters.add(adapter);
    }
    WasiSession wasi = record.wasi() == null ? null : new WasiSession(record.wasi());
    int imported = linker.importedMemories().size();
    List<StoredMemoryAdapter> defined = adapters.subList(imported, adapters.size());
    var builder =
        Instance.builder(module.module())
            .withImportValues(linker.importValues(adapters.subList(0, imported), wasi))
            .withMemoryFactory(new DefinedMemories(defined))
            .withStart(false);
    StartSkippingMachine[] skipper = new StartSkippingMachine[1];
    Function<Instance, Machine> machines = module.machineFactory();
    if (restoring) {
      builder.withGlobalFactory(new RestoredGlobals(record.globals()));
      var start = module.module().startSection();
      if (start.isPresent()) {
        int index = (int) start.get().startIndex();
        machines =
            instance ->
                skipper[0] =
                    new StartSkippingMachine(module.machineFactory().apply(instance), index);
      }
    }
    builder.withMachineFactory(machines);
    Instance instance;
    try {
      instance = MemoryLocks.holding(memories, adapters, directory::changed, builder::build);
    } catch (WasmEngineException e) {
      throw Traps.translate(e);
    }
    adapters.forEach(adapter -> adapter.restoring(false));
    if (skipper[0] != null) {
      skipper[0].restored();
    }
    LiveInstance live =
        new LiveInstance(
            record, module, instance, memories, adapters, wasi, repository, directory::changed);
    live.saveState();
    return live;
  }

  private static BitSet dropped(InstanceRecord record) {
    return record.droppedSegments() == null ? new BitSet() : record.droppedSegments();
  }

  private static InstanceRecord withMemories(
      InstanceRecord request, List<LinearMemory> memories, int defined) {
    return new InstanceRecord(
        request.id(),
        request.moduleId(),
        request.imports(),
        memories.stream().map(LinearMemory::id).toList(),
        defined,
        new long[0][],
        new BitSet(),
        request.wasi(),
        request.createdAt(),
        request.owner());
  }

  /** Hands Endive the adapters of the memories the module defines, in order. */
  private static final class DefinedMemories
      implements Function<MemoryLimits, run.endive.runtime.Memory> {
    private final List<StoredMemoryAdapter> adapters;
    private int next;

    DefinedMemories(List<StoredMemoryAdapter> adapters) {
      this.adapters = adapters;
    }

    @Override
    public run.endive.runtime.Memory apply(MemoryLimits limits) {
      return adapters.get(next++);
    }
  }
}
