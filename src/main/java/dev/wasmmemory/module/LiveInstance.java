package dev.wasmmemory.module;

import dev.wasmmemory.memory.AccessChange;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.module.InvokeResult.WasiOutput;
import dev.wasmmemory.module.ModuleDescription.Export;
import dev.wasmmemory.module.ModuleDescription.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import run.endive.runtime.ExecutionCompletedException;
import run.endive.runtime.GlobalInstance;
import run.endive.runtime.Instance;
import run.endive.wasi.WasiExitException;
import run.endive.wasm.WasmEngineException;
import run.endive.wasm.types.ExternalType;

/**
 * An instantiated module and the stored memories it runs on. Calls are serialised by {@link #lock}
 * (Endive's instances are not thread-safe) and run with every memory held ({@link MemoryLocks}).
 * Under those locks the call first reads the instance's record again and takes the globals it holds
 * (another runtime on the same store, a replica on Redis, may have called the instance since; a
 * deleted instance is not called), and after the call saves the globals and dropped segments it
 * left. So calls through several runtimes on an instance with a memory see one sequence of states.
 */
final class LiveInstance {
  private final LoadedModule module;
  private final Instance instance;
  private final List<LinearMemory> memories;
  private final List<StoredMemoryAdapter> adapters;
  private final WasiSession wasi;
  private final ModuleRepository repository;
  private final Consumer<AccessChange> changed;
  private final ReentrantLock lock = new ReentrantLock();

  /** Guarded by {@link #lock} for writes; read without it by {@link #record()}. */
  private volatile InstanceRecord record;

  LiveInstance(
      InstanceRecord record,
      LoadedModule module,
      Instance instance,
      List<LinearMemory> memories,
      List<StoredMemoryAdapter> adapters,
      WasiSession wasi,
      ModuleRepository repository,
      Consumer<AccessChange> changed) {
    this.record = record;
    this.module = module;
    this.instance = instance;
    this.memories = List.copyOf(memories);
    this.adapters = List.copyOf(adapters);
    this.wasi = wasi;
    this.repository = repository;
    this.changed = changed;
  }

  InstanceRecord record() {
    return record;
  }

  LoadedModule module() {
    return module;
  }

  /**
   * Calls export {@code function} with raw arguments, the caller having checked them against its
   * signature. A trap is thrown as {@link WasmTrapException}; what the call stored before stays. A
   * WASI program's exit ends the call normally with its exit code.
   */
  InvokeResult invoke(String function, List<String> resultTypes, long[] args) {
    lockInterruptibly();
    try {
      if (wasi != null) {
        wasi.beginCall();
      }
      long[] results;
      Integer exitCode = null;
      try {
        results =
            MemoryLocks.holding(
                memories,
                adapters,
                changed,
                () -> {
                  refresh();
                  try {
                    return instance.export(function).apply(args);
                  } finally {
                    saveState();
                  }
                });
        if (wasi != null && Instance.START_FUNCTION_NAME.equals(function)) {
          exitCode = 0;
        }
      } catch (WasiExitException e) {
        results = null;
        exitCode = e.exitCode();
      } catch (ExecutionCompletedException e) {
        results = null;
        exitCode = 0;
      } catch (WasmEngineException e) {
        throw Traps.translate(e);
      }
      long[] values = results == null ? new long[0] : results;
      List<String> types = results == null ? List.of() : resultTypes;
      WasiOutput output =
          wasi == null ? null : new WasiOutput(wasi.stdout(), wasi.stderr(), exitCode);
      return new InvokeResult(values, types, output);
    } finally {
      lock.unlock();
    }
  }

  /** The current value of global export {@code name}, read between calls. */
  ExportValue export(Export export) {
    if (export.kind() == Kind.MEMORY) {
      int index = exportIndex(export.name());
      return new ExportValue(export.name(), memories.get(index).id(), null, 0);
    }
    lockInterruptibly();
    try {
      refresh();
      GlobalInstance global = instance.exports().global(export.name());
      return new ExportValue(export.name(), null, export.global().type(), global.getValueLow());
    } finally {
      lock.unlock();
    }
  }

  private int exportIndex(String name) {
    var exports = module.module().exportSection();
    for (int i = 0; i < exports.exportCount(); i++) {
      var export = exports.getExport(i);
      if (export.name().equals(name) && export.exportType() == ExternalType.MEMORY) {
        return export.index();
      }
    }
    throw new IllegalArgumentException("no memory export " + name);
  }

  /**
   * Takes the globals of the stored record when they differ from this instance's (a call through
   * another runtime); throws {@link InstanceNotFoundException} when the record is gone.
   */
  private void refresh() {
    InstanceRecord stored =
        repository
            .findInstance(record.id())
            .orElseThrow(() -> new InstanceNotFoundException(record.id()));
    if (Arrays.deepEquals(stored.globals(), record.globals())) {
      return;
    }
    int imported = Types.importCount(module.module(), ExternalType.GLOBAL);
    long[][] globals = stored.globals();
    for (int i = 0; i < globals.length; i++) {
      GlobalInstance global = instance.global(imported + i);
      global.setValueLow(globals[i][0]);
      global.setValueHigh(globals[i][1]);
    }
    record = record.withState(globals, record.droppedSegments());
  }

  /** Keeps what a restart needs: the module's own globals and the segments dropped so far. */
  void saveState() {
    int imported = Types.importCount(module.module(), ExternalType.GLOBAL);
    int defined = module.module().globalSection().globalCount();
    long[][] globals = new long[defined][];
    for (int i = 0; i < defined; i++) {
      GlobalInstance global = instance.global(imported + i);
      globals[i] = new long[] {global.getValueLow(), global.getValueHigh()};
    }
    var dropped = adapters.isEmpty() ? record.droppedSegments() : adapters.get(0).dropped();
    record = record.withState(globals, dropped);
    repository.saveInstance(record);
  }

  /**
   * Waits for the instance; the call's deadline interrupts the wait like the call itself, and the
   * waiting counts against the call's time.
   */
  private void lockInterruptibly() {
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WasmTrapException("interrupted while waiting for the instance", e);
    }
  }
}
