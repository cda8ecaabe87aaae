package dev.wasmmemory.module;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Modules and instances in the heap: lost with the process, like the heap memory store. */
public final class HeapModuleRepository implements ModuleRepository {
  private final Map<String, ModuleRecord> modules = new ConcurrentHashMap<>();
  private final Map<String, InstanceRecord> instances = new ConcurrentHashMap<>();

  @Override
  public void saveModule(ModuleRecord module) {
    modules.put(module.id(), module);
  }

  @Override
  public Optional<ModuleRecord> findModule(String id) {
    return Optional.ofNullable(modules.get(id));
  }

  @Override
  public List<ModuleRecord> listModules() {
    return modules.values().stream()
        .sorted(Comparator.comparing(ModuleRecord::createdAt).thenComparing(ModuleRecord::id))
        .toList();
  }

  @Override
  public boolean deleteModule(String id) {
    return modules.remove(id) != null;
  }

  @Override
  public int moduleCount() {
    return modules.size();
  }

  @Override
  public void saveInstance(InstanceRecord instance) {
    instances.put(instance.id(), instance);
  }

  @Override
  public Optional<InstanceRecord> findInstance(String id) {
    return Optional.ofNullable(instances.get(id));
  }

  @Override
  public List<InstanceRecord> listInstances() {
    return instances.values().stream()
        .sorted(Comparator.comparing(InstanceRecord::createdAt).thenComparing(InstanceRecord::id))
        .toList();
  }

  @Override
  public boolean deleteInstance(String id) {
    return instances.remove(id) != null;
  }

  @Override
  public int instanceCount() {
    return instances.size();
  }
}
