package dev.wasmmemory.module;

import dev.wasmmemory.module.ModuleDescription.Export;
import dev.wasmmemory.module.ModuleDescription.GlobalType;
import dev.wasmmemory.module.ModuleDescription.Import;
import dev.wasmmemory.module.ModuleDescription.Kind;
import dev.wasmmemory.module.ModuleDescription.MemoryType;
import dev.wasmmemory.module.ModuleDescription.Signature;
import java.util.ArrayList;
import java.util.List;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmEngineException;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.ExternalType;
import run.endive.wasm.types.FunctionImport;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.GlobalImport;
import run.endive.wasm.types.MemoryImport;
import run.endive.wasm.types.MemoryLimits;
import run.endive.wasm.types.MutabilityType;

/** Decodes and validates a binary with Endive's parser and describes its imports and exports. */
final class ModuleLoader {
  private final boolean compile;

  ModuleLoader(boolean compile) {
    this.compile = compile;
  }

  /**
   * The module of {@code record}, or {@link InvalidModuleException} with the decoder's or the
   * validator's reason. The parser reads untrusted bytes: besides its own exceptions, anything it
   * throws on them (an index past an array, a negative size) means a malformed binary.
   */
  LoadedModule load(ModuleRecord record) {
    WasmModule module;
    try {
      module = Parser.parse(record.bytes());
    } catch (WasmEngineException e) {
      throw new InvalidModuleException(reason(e), e);
    } catch (RuntimeException e) {
      throw new InvalidModuleException("malformed module: " + e, e);
    }
    return new LoadedModule(record, module, describe(module), compile);
  }

  private static String reason(WasmEngineException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static ModuleDescription describe(WasmModule module) {
    List<Import> imports = new ArrayList<>();
    var section = module.importSection();
    for (int i = 0; i < section.importCount(); i++) {
      var imported = section.getImport(i);
      imports.add(describeImport(module, imported));
    }
    List<Export> exports = new ArrayList<>();
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      var export = module.exportSection().getExport(i);
      Kind kind = kind(export.exportType());
      exports.add(
          new Export(
              export.name(),
              kind,
              kind == Kind.FUNCTION ? Types.signature(module, export.index()) : null,
              kind == Kind.GLOBAL ? Types.global(module, export.index()) : null));
    }
    return new ModuleDescription(List.copyOf(imports), List.copyOf(exports));
  }

  private static Import describeImport(WasmModule module, run.endive.wasm.types.Import imported) {
    Kind kind = kind(imported.importType());
    MemoryType memory = null;
    Signature function = null;
    GlobalType global = null;
    if (imported instanceof MemoryImport m) {
      memory = memoryType(m.limits());
    } else if (imported instanceof FunctionImport f) {
      FunctionType type = module.typeSection().getType(f.typeIndex());
      function = Types.signature(type);
    } else if (imported instanceof GlobalImport g) {
      global = new GlobalType(Types.name(g.type()), g.mutabilityType() == MutabilityType.Var);
    }
    return new Import(imported.module(), imported.name(), kind, memory, function, global);
  }

  /** Endive writes "no maximum" as 65536: both read as none here. */
  static MemoryType memoryType(MemoryLimits limits) {
    Integer maximum =
        limits.maximumPages() == MemoryLimits.MAX_PAGES ? null : limits.maximumPages();
    return new MemoryType(limits.initialPages(), maximum, limits.shared());
  }

  private static Kind kind(ExternalType type) {
    return Kind.valueOf(type.name());
  }
}
