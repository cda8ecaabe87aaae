package dev.wasmmemory.module;

import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.endive.compiler.InterpreterFallback;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.Instance;
import run.endive.runtime.InterpreterMachine;
import run.endive.runtime.Machine;
import run.endive.wasm.WasmModule;

/**
 * A validated module, parsed once, with its description and its machine: compiled to JVM bytecode
 * by Endive's compiler on first instantiation (functions it cannot compile run in the interpreter),
 * or the interpreter as a whole when the compiler refuses the module.
 */
final class LoadedModule {
  private static final Logger log = LoggerFactory.getLogger(LoadedModule.class);

  private final ModuleRecord record;
  private final WasmModule module;
  private final ModuleDescription description;
  private final boolean compile;

  /** Set once by {@link #machineFactory}; shared by every instance of the module. */
  private Function<Instance, Machine> machines;

  LoadedModule(
      ModuleRecord record, WasmModule module, ModuleDescription description, boolean compile) {
    this.record = record;
    this.module = module;
    this.description = description;
    this.compile = compile;
  }

  String id() {
    return record.id();
  }

  ModuleRecord record() {
    return record;
  }

  WasmModule module() {
    return module;
  }

  ModuleDescription description() {
    return description;
  }

  synchronized Function<Instance, Machine> machineFactory() {
    if (machines == null) {
      machines = compile ? compiled() : InterpreterMachine::new;
    }
    return machines;
  }

  /**
   * The compiler's machine. The compiler is a bytecode generator over any valid module: what it
   * throws for one is a limit of the compiler, not of the module, so the interpreter takes over.
   */
  private Function<Instance, Machine> compiled() {
    try {
      return MachineFactoryCompiler.builder(module)
          .withInterpreterFallback(InterpreterFallback.SILENT)
          .compile();
    } catch (RuntimeException | LinkageError e) {
      log.warn(
          "module {} runs in the interpreter: the compiler refused it ({})", id(), e.toString());
      return InterpreterMachine::new;
    }
  }
}
