package dev.wasmmemory.module;

import dev.wasmmemory.module.ModuleDescription.GlobalType;
import dev.wasmmemory.module.ModuleDescription.Signature;
import java.util.List;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.ExternalType;
import run.endive.wasm.types.FunctionImport;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.GlobalImport;
import run.endive.wasm.types.MutabilityType;
import run.endive.wasm.types.ValType;

/** Value and function types of a module, by index, in WebAssembly's text names. */
final class Types {
  private Types() {}

  static String name(ValType type) {
    switch (type.opcode()) {
      case ValType.ID.I32:
        return "i32";
      case ValType.ID.I64:
        return "i64";
      case ValType.ID.F32:
        return "f32";
      case ValType.ID.F64:
        return "f64";
      case ValType.ID.V128:
        return "v128";
      case ValType.ID.FuncRef:
        return "funcref";
      case ValType.ID.ExternRef:
        return "externref";
      default:
        return "ref";
    }
  }

  static Signature signature(FunctionType type) {
    return new Signature(names(type.params()), names(type.returns()));
  }

  private static List<String> names(List<ValType> types) {
    return types.stream().map(Types::name).toList();
  }

  /** The type of function {@code index}: imported functions first, then the module's own. */
  static FunctionType functionType(WasmModule module, int index) {
    int imported = 0;
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      if (imports.getImport(i) instanceof FunctionImport f) {
        if (imported == index) {
          return module.typeSection().getType(f.typeIndex());
        }
        imported++;
      }
    }
    int typeIndex = module.functionSection().getFunctionType(index - imported);
    return module.typeSection().getType(typeIndex);
  }

  static Signature signature(WasmModule module, int index) {
    return signature(functionType(module, index));
  }

  /** The type of global {@code index}: imported globals first, then the module's own. */
  static GlobalType global(WasmModule module, int index) {
    int imported = 0;
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      if (imports.getImport(i) instanceof GlobalImport g) {
        if (imported == index) {
          return new GlobalType(name(g.type()), g.mutabilityType() == MutabilityType.Var);
        }
        imported++;
      }
    }
    var global = module.globalSection().getGlobal(index - imported);
    return new GlobalType(name(global.valueType()), global.mutabilityType() == MutabilityType.Var);
  }

  static int importCount(WasmModule module, ExternalType type) {
    return module.importSection().count(type);
  }
}
