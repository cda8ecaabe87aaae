package dev.wasmmemory.module;

import dev.wasmmemory.module.InstanceRecord.Binding;
import dev.wasmmemory.module.ModuleDescription.Export;
import dev.wasmmemory.module.ModuleDescription.Import;
import dev.wasmmemory.module.ModuleDescription.Kind;
import dev.wasmmemory.module.ModuleDescription.Signature;
import dev.wasmmemory.service.Caller;
import dev.wasmmemory.service.Callers;
import java.time.Clock;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Modules and their instances: upload, describe, instantiate on stored memories, invoke. The
 * records live in a {@link ModuleRepository}; parsed modules and live Endive instances are caches
 * of them, re-created on demand (after a restart, without re-running data segments or start). Every
 * piece of WebAssembly code runs on the {@link CallExecutor}, bounded in time and threads.
 */
public final class ModuleRuntime implements AutoCloseable {
  private final ModuleRepository repository;
  private final ModuleSettings settings;
  private final ModuleLoader loader;
  private final Instantiator instantiator;
  private final CallExecutor executor;
  private final Clock clock;
  private final Callers callers;
  private final Map<String, LoadedModule> loaded = new ConcurrentHashMap<>();
  private final Map<String, LiveInstance> live = new ConcurrentHashMap<>();

  public ModuleRuntime(
      ModuleRepository repository, MemoryDirectory memories, ModuleSettings settings, Clock clock) {
    this(repository, memories, settings, clock, Callers.OPEN);
  }

  /**
   * @param callers the caller of the request, carried to the execution thread that runs its
   *     instantiation or call (so that it finds the caller's memories there)
   */
  public ModuleRuntime(
      ModuleRepository repository,
      MemoryDirectory memories,
      ModuleSettings settings,
      Clock clock,
      Callers callers) {
    this.repository = repository;
    this.settings = settings;
    this.clock = clock;
    this.callers = callers;
    this.loader = new ModuleLoader(settings.compile());
    this.instantiator = new Instantiator(memories, repository);
    this.executor =
        new CallExecutor(
            settings.threads(),
            settings.queue(),
            settings.executionTimeout(),
            settings.stackBytes(),
            callers);
  }

  /** The largest module binary {@link #upload} takes, in bytes. */
  public long maxModuleSize() {
    return settings.maxModuleSize();
  }

  // ---- modules ----

  /** Validates and stores a module binary; nothing is stored when it is refused. */
  public synchronized ModuleView upload(byte[] bytes) {
    if (bytes.length > settings.maxModuleSize()) {
      throw new ModuleTooLargeException(bytes.length, settings.maxModuleSize());
    }
    if (repository.moduleCount() >= settings.maxModules()) {
      throw new ModuleLimitExceededException("modules", settings.maxModules());
    }
    ModuleRecord record =
        new ModuleRecord(
            UUID.randomUUID().toString(),
            bytes.clone(),
            clock.instant(),
            callers.current().owner());
    LoadedModule module = loader.load(record);
    repository.saveModule(record);
    loaded.put(record.id(), module);
    return view(module);
  }

  public ModuleView module(String id) {
    return view(loaded(id));
  }

  public List<ModuleView> modules() {
    Caller caller = callers.current();
    return repository.listModules().stream()
        .filter(record -> caller.owns(record.owner()))
        .map(record -> view(loaded(record.id())))
        .toList();
  }

  /** Deletes the module and its instances; the memories they used stay. */
  public synchronized void deleteModule(String id) {
    if (repository.findModule(id).filter(m -> callers.current().owns(m.owner())).isEmpty()
        || !repository.deleteModule(id)) {
      throw new ModuleNotFoundException(id);
    }
    loaded.remove(id);
    for (InstanceRecord instance : repository.listInstances()) {
      if (instance.moduleId().equals(id)) {
        repository.deleteInstance(instance.id());
        live.remove(instance.id());
      }
    }
  }

  // ---- instances ----

  /**
   * Instantiates the module: each import bound as {@code imports} names it, data segments written,
   * the start function run (on an execution thread, within the timeout).
   */
  public InstanceView instantiate(String moduleId, Map<String, Binding> imports, WasiConfig wasi) {
    LoadedModule module = loaded(moduleId);
    InstanceRecord request;
    synchronized (this) {
      if (repository.instanceCount() + pendingCount >= settings.maxInstances()) {
        throw new ModuleLimitExceededException("instances", settings.maxInstances());
      }
      pendingCount++;
    }
    try {
      request =
          new InstanceRecord(
              UUID.randomUUID().toString(),
              moduleId,
              Map.copyOf(imports),
              List.of(),
              0,
              new long[0][],
              new BitSet(),
              wasi,
              clock.instant(),
              callers.current().owner());
      LiveInstance instance = executor.run(() -> instantiator.create(module, request));
      live.put(request.id(), instance);
      return view(instance);
    } finally {
      synchronized (this) {
        pendingCount--;
      }
    }
  }

  /** Instantiations under way, counted against {@code maxInstances} with the stored ones. */
  private int pendingCount;

  /** The instance as stored now (another runtime on the store may have deleted it). */
  public InstanceView instance(String id) {
    LiveInstance instance = live(id);
    if (repository.findInstance(id).isEmpty()) {
      live.remove(id);
      throw new InstanceNotFoundException(id);
    }
    return view(instance);
  }

  /** The signature of exported function {@code function}, to check and convert arguments by. */
  public Signature signature(String instanceId, String function) {
    LiveInstance instance = live(instanceId);
    return functionExport(instance, function).function();
  }

  /** Calls exported function {@code function}; {@code args} are raw bits, checked by count. */
  public InvokeResult invoke(String instanceId, String function, long[] args) {
    LiveInstance instance = live(instanceId);
    Signature signature = functionExport(instance, function).function();
    if (args.length != signature.params().size()) {
      throw new InvalidArgumentsException(
          function + " takes " + signature.params().size() + " arguments, not " + args.length,
          "args");
    }
    try {
      return executor.run(() -> instance.invoke(function, signature.results(), args.clone()));
    } catch (InstanceNotFoundException e) {
      live.remove(instanceId); // deleted through another runtime on the store
      throw e;
    }
  }

  public ExportValue export(String instanceId, String name) {
    LiveInstance instance = live(instanceId);
    for (Export export : instance.module().description().exports()) {
      if (export.name().equals(name)
          && (export.kind() == Kind.GLOBAL || export.kind() == Kind.MEMORY)) {
        try {
          return instance.export(export);
        } catch (InstanceNotFoundException e) {
          live.remove(instanceId);
          throw e;
        }
      }
    }
    throw new ExportNotFoundException(instanceId, name);
  }

  /** Forgets the instance; its memories, imported or defined, stay stored memories. */
  public void deleteInstance(String id) {
    if (repository.findInstance(id).filter(i -> callers.current().owns(i.owner())).isEmpty()
        || !repository.deleteInstance(id)) {
      throw new InstanceNotFoundException(id);
    }
    live.remove(id);
  }

  /**
   * Drops the live caches, as a restart does: later requests re-create modules and instances from
   * the repository. For tests of the persistence seam and for stores that outlive the process.
   */
  public void evictLive() {
    live.clear();
    loaded.clear();
  }

  @Override
  public void close() {
    executor.close();
  }

  // ---- lookups ----

  /** The module {@code id} as the caller may see it: another owner's is not found. */
  private LoadedModule loaded(String id) {
    LoadedModule module = loadedAnyOwner(id);
    if (!callers.current().owns(module.record().owner())) {
      throw new ModuleNotFoundException(id);
    }
    return module;
  }

  private LoadedModule loadedAnyOwner(String id) {
    LoadedModule module = loaded.get(id);
    if (module != null) {
      return module;
    }
    ModuleRecord record =
        repository.findModule(id).orElseThrow(() -> new ModuleNotFoundException(id));
    return loaded.computeIfAbsent(id, key -> loader.load(record));
  }

  /** The instance {@code id} as the caller may see it: another owner's is not found. */
  private LiveInstance live(String id) {
    LiveInstance instance = liveAnyOwner(id);
    if (!callers.current().owns(instance.record().owner())) {
      throw new InstanceNotFoundException(id);
    }
    return instance;
  }

  private LiveInstance liveAnyOwner(String id) {
    LiveInstance instance = live.get(id);
    if (instance != null) {
      return instance;
    }
    InstanceRecord record =
        repository.findInstance(id).orElseThrow(() -> new InstanceNotFoundException(id));
    synchronized (live) {
      instance = live.get(id);
      if (instance == null) {
        LoadedModule module;
        try {
          module = loadedAnyOwner(record.moduleId());
        } catch (ModuleNotFoundException e) {
          throw new InstanceNotFoundException(id);
        }
        instance = executor.run(() -> instantiator.restore(module, record));
        live.put(id, instance);
      }
      return instance;
    }
  }

  private static Export functionExport(LiveInstance instance, String function) {
    for (Export export : instance.module().description().exports()) {
      if (export.name().equals(function) && export.kind() == Kind.FUNCTION) {
        return export;
      }
    }
    throw new InvalidArgumentsException(
        "the instance exports no function named " + function, "function");
  }

  private static ModuleView view(LoadedModule module) {
    return new ModuleView(
        module.id(),
        module.record().bytes().length,
        module.description(),
        module.record().createdAt());
  }

  private static InstanceView view(LiveInstance instance) {
    InstanceRecord record = instance.record();
    Map<String, String> memories = new LinkedHashMap<>();
    List<Import> imports = instance.module().description().imports();
    int index = 0;
    for (Import imported : imports) {
      if (imported.kind() == Kind.MEMORY) {
        memories.put(imported.qualifiedName(), record.memories().get(index++));
      }
    }
    for (Export export : instance.module().description().exports()) {
      if (export.kind() == Kind.MEMORY) {
        memories.put(export.name(), instance.export(export).memoryId());
      }
    }
    return new InstanceView(record.id(), record.moduleId(), memories, record.wasi() != null);
  }
}
