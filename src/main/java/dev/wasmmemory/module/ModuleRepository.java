package dev.wasmmemory.module;

import java.util.List;
import java.util.Optional;

/**
 * Where modules and instances are kept: by the memory store ({@link StoredModuleRepository}), so in
 * the heap, in RocksDB or in Redis as the memories are. A module is its bytes, an instance its
 * {@link InstanceRecord}; everything live (parsed modules, compiled code, Endive instances) is
 * derived from them and cached by {@link ModuleRuntime}.
 */
public interface ModuleRepository {
  void saveModule(ModuleRecord module);

  Optional<ModuleRecord> findModule(String id);

  /** Every module, oldest first. */
  List<ModuleRecord> listModules();

  /** False when there was no such module. */
  boolean deleteModule(String id);

  int moduleCount();

  /** Creates or replaces the instance's record (after every call, with its new state). */
  void saveInstance(InstanceRecord instance);

  Optional<InstanceRecord> findInstance(String id);

  /** Every instance, oldest first. */
  List<InstanceRecord> listInstances();

  boolean deleteInstance(String id);

  int instanceCount();
}
