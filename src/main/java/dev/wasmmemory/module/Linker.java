package dev.wasmmemory.module;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.module.InstanceRecord.Binding;
import dev.wasmmemory.module.ModuleDescription.Import;
import dev.wasmmemory.module.ModuleDescription.Kind;
import dev.wasmmemory.module.ModuleDescription.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import run.endive.runtime.GlobalInstance;
import run.endive.runtime.ImportGlobal;
import run.endive.runtime.ImportMemory;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Memory;
import run.endive.wasm.types.MemoryLimits;
import run.endive.wasm.types.MutabilityType;
import run.endive.wasm.types.ValType;

/**
 * Resolves a module's imports against what an instantiation names: memories by stored id (their
 * limits checked as the spec's import matching says), immutable globals by value, WASI functions
 * when WASI is asked for. Anything else is a {@link LinkException}; a binding that names no import
 * is refused too, so a typo never silently leaves a memory unbound.
 */
final class Linker {
  static final String WASI_MODULE = "wasi_snapshot_preview1";

  private final List<Import> imports;
  private final Map<String, Binding> bindings;
  private final List<LinearMemory> memories = new ArrayList<>();

  Linker(LoadedModule module, InstanceRecord request, MemoryDirectory directory) {
    this.imports = module.description().imports();
    this.bindings = request.imports();
    Set<String> names = imports.stream().map(Import::qualifiedName).collect(Collectors.toSet());
    for (String name : bindings.keySet()) {
      if (!names.contains(name)) {
        throw new InvalidArgumentsException(
            "the module has no import named " + name, "imports." + name);
      }
    }
    for (Import imported : imports) {
      resolve(imported, request.wasi() != null, directory);
    }
  }

  private void resolve(Import imported, boolean wasi, MemoryDirectory directory) {
    String name = imported.qualifiedName();
    Binding binding = bindings.get(name);
    switch (imported.kind()) {
      case MEMORY:
        if (binding == null || binding.memoryId() == null) {
          throw new LinkException("import " + name + " needs a memory: name its id", name);
        }
        LinearMemory memory = directory.find(binding.memoryId());
        checkLimits(name, imported.memory(), memory);
        memories.add(memory);
        break;
      case GLOBAL:
        if (binding == null || binding.globalType() == null) {
          throw new LinkException("import " + name + " needs a global value", name);
        }
        if (imported.global().mutable()) {
          throw new LinkException("mutable global imports are not supported: " + name, name);
        }
        if (!imported.global().type().equals(binding.globalType())) {
          throw new LinkException(
              "import "
                  + name
                  + " is a global of type "
                  + imported.global().type()
                  + ", not "
                  + binding.globalType(),
              name);
        }
        break;
      case FUNCTION:
        if (!(wasi && WASI_MODULE.equals(imported.module()))) {
          throw new LinkException(
              "unknown import " + name + ": only WASI functions can be imported", name);
        }
        break;
      default:
        throw new LinkException(
            "unknown import "
                + name
                + ": "
                + imported.kind().name().toLowerCase()
                + " imports are not supported",
            name);
    }
  }

  /** A memory matches an import when it is at least its minimum and within its maximum. */
  private static void checkLimits(String name, MemoryType wanted, LinearMemory memory) {
    String prefix = "incompatible import type: " + name + " wants ";
    if (wanted.shared()) {
      throw new LinkException(prefix + "a shared memory; stored memories are unshared", name);
    }
    int current = memory.currentPages();
    if (current < wanted.minimumPages()) {
      throw new LinkException(
          prefix
              + "at least "
              + wanted.minimumPages()
              + " pages; memory "
              + memory.id()
              + " has "
              + current,
          name);
    }
    Integer maximum = wanted.maximumPages();
    if (maximum != null
        && (!memory.limits().hasMaximum() || memory.limits().maximumPages() > maximum)) {
      throw new LinkException(
          prefix
              + "a maximum of at most "
              + maximum
              + " pages; memory "
              + memory.id()
              + (memory.limits().hasMaximum()
                  ? " may grow to " + memory.limits().maximumPages()
                  : " has no maximum"),
          name);
    }
  }

  /** The stored memories the imports name, in import order. */
  List<LinearMemory> importedMemories() {
    return memories;
  }

  ImportValues importValues(List<StoredMemoryAdapter> adapters, WasiSession wasi) {
    ImportValues.Builder values = ImportValues.builder();
    int memory = 0;
    for (Import imported : imports) {
      if (imported.kind() == Kind.MEMORY) {
        values.addMemory(
            new ImportMemory(imported.module(), imported.name(), adapters.get(memory++)));
      } else if (imported.kind() == Kind.GLOBAL) {
        Binding binding = bindings.get(imported.qualifiedName());
        GlobalInstance global =
            GlobalInstance.builder()
                .valueLow(binding.globalBits())
                .valType(valType(binding.globalType()))
                .mutabilityType(MutabilityType.Const)
                .build();
        values.addGlobal(new ImportGlobal(imported.module(), imported.name(), global));
      }
    }
    if (wasi != null) {
      values.addFunction(wasi.functions());
    }
    return values.build();
  }

  private static ValType valType(String name) {
    switch (name) {
      case "i32":
        return ValType.I32;
      case "i64":
        return ValType.I64;
      case "f32":
        return ValType.F32;
      case "f64":
        return ValType.F64;
      default:
        throw new InvalidArgumentsException(
            "globals of type " + name + " cannot be imported", "imports");
    }
  }

  /**
   * The limits of the memories the module defines. Shared memories are refused (ours are never
   * shared), and so is one larger than Endive can address, before any memory is created.
   */
  static List<MemoryLimits> definedMemories(LoadedModule module) {
    var section = module.module().memorySection();
    List<MemoryLimits> limits = new ArrayList<>();
    for (int i = 0; section.isPresent() && i < section.get().memoryCount(); i++) {
      MemoryLimits memory = section.get().getMemory(i).limits();
      if (memory.shared()) {
        throw new LinkException("shared memories are not supported", null);
      }
      if (memory.initialPages() > Memory.RUNTIME_MAX_PAGES) {
        throw new MemoryTooLargeException(
            "(defined)", memory.initialPages(), Memory.RUNTIME_MAX_PAGES);
      }
      limits.add(memory);
    }
    return limits;
  }
}
