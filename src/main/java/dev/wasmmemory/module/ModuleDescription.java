package dev.wasmmemory.module;

import java.util.List;

/**
 * What a module imports and exports, in WebAssembly's terms (value types by their text names:
 * {@code i32}, {@code f64}, {@code v128}, {@code funcref} …): what a client needs to instantiate it
 * and call it.
 */
public record ModuleDescription(List<Import> imports, List<Export> exports) {

  public enum Kind {
    FUNCTION,
    TABLE,
    MEMORY,
    GLOBAL,
    TAG
  }

  /**
   * One import; {@code memory} is set for memories, {@code function} for functions, {@code global}
   * for globals.
   */
  public record Import(
      String module,
      String name,
      Kind kind,
      MemoryType memory,
      Signature function,
      GlobalType global) {

    /** The name the instantiation request binds it by: {@code module.name}. */
    public String qualifiedName() {
      return module + "." + name;
    }
  }

  /** One export; {@code function} is set for functions, {@code global} for globals. */
  public record Export(String name, Kind kind, Signature function, GlobalType global) {}

  /** A memory's limits in pages; {@code maximumPages} is null when it has none. */
  public record MemoryType(int minimumPages, Integer maximumPages, boolean shared) {}

  public record Signature(List<String> params, List<String> results) {}

  public record GlobalType(String type, boolean mutable) {}
}
