package dev.wasmmemory.module;

import dev.wasmmemory.store.RecordStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Modules and instances kept by the memory store ({@link RecordStore}), as durably and as widely
 * shared as the memories they run on: a RocksDB deployment finds them again after a restart, every
 * replica on Redis sees them. Records are encoded by {@link RecordCodec}.
 */
public final class StoredModuleRepository implements ModuleRepository {
  static final String MODULES = "modules";
  static final String INSTANCES = "instances";

  private final RecordStore records;

  public StoredModuleRepository(RecordStore records) {
    this.records = records;
  }

  @Override
  public void saveModule(ModuleRecord module) {
    records.put(MODULES, module.id(), RecordCodec.encode(module));
  }

  @Override
  public Optional<ModuleRecord> findModule(String id) {
    return records.get(MODULES, id).map(RecordCodec::decodeModule);
  }

  @Override
  public List<ModuleRecord> listModules() {
    return records.all(MODULES).stream()
        .map(RecordCodec::decodeModule)
        .sorted(Comparator.comparing(ModuleRecord::createdAt).thenComparing(ModuleRecord::id))
        .toList();
  }

  @Override
  public boolean deleteModule(String id) {
    return records.delete(MODULES, id);
  }

  @Override
  public int moduleCount() {
    return records.count(MODULES);
  }

  @Override
  public void saveInstance(InstanceRecord instance) {
    records.put(INSTANCES, instance.id(), RecordCodec.encode(instance));
  }

  @Override
  public Optional<InstanceRecord> findInstance(String id) {
    return records.get(INSTANCES, id).map(RecordCodec::decodeInstance);
  }

  @Override
  public List<InstanceRecord> listInstances() {
    return records.all(INSTANCES).stream()
        .map(RecordCodec::decodeInstance)
        .sorted(Comparator.comparing(InstanceRecord::createdAt).thenComparing(InstanceRecord::id))
        .toList();
  }

  @Override
  public boolean deleteInstance(String id) {
    return records.delete(INSTANCES, id);
  }

  @Override
  public int instanceCount() {
    return records.count(INSTANCES);
  }
}
