package dev.wasmmemory.module;

import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * What re-creates an instance after a restart without running its data segments or start function
 * again: its module, the stored memories it uses, the values its globals had after its last call,
 * the data segments it had dropped, and its WASI configuration.
 *
 * <p>Not kept (and so back at the module's initial state after a restart): tables (their elements
 * are re-applied from the module), the stdin a WASI program had already consumed (it starts over).
 *
 * @param imports each import's qualified name ({@code env.memory}) and what it was bound to: a
 *     memory id, or for a global the raw bits of its value
 * @param memories every memory of the instance in index order: imported ones, then defined ones
 * @param definedMemories how many of {@code memories}, at the end, the module defines (owned by the
 *     instance: deleting the instance does not delete them, they are stored memories)
 * @param globals the raw bits (low, high) of each global the module defines, in index order; empty
 *     before the first record is written
 * @param droppedSegments data segments dropped (explicitly, or active ones once applied)
 * @param wasi the WASI configuration, or null for an instance without WASI
 * @param owner who created it; null until access control names owners
 */
public record InstanceRecord(
    String id,
    String moduleId,
    Map<String, Binding> imports,
    List<String> memories,
    int definedMemories,
    long[][] globals,
    BitSet droppedSegments,
    WasiConfig wasi,
    Instant createdAt,
    String owner) {

  /** What one import was bound to: a stored memory, or a global's value. */
  public record Binding(String memoryId, String globalType, long globalBits) {
    public static Binding memory(String memoryId) {
      return new Binding(memoryId, null, 0);
    }

    public static Binding global(String type, long bits) {
      return new Binding(null, type, bits);
    }
  }

  /** The same instance with the state its last call left. */
  InstanceRecord withState(long[][] globals, BitSet droppedSegments) {
    return new InstanceRecord(
        id,
        moduleId,
        imports,
        memories,
        definedMemories,
        globals,
        droppedSegments,
        wasi,
        createdAt,
        owner);
  }
}
