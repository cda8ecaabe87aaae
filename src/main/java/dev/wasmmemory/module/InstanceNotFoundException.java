package dev.wasmmemory.module;

/** No instance has this id (never created, deleted, or its module is gone). */
public final class InstanceNotFoundException extends ModuleException {
  private final String instanceId;

  InstanceNotFoundException(String instanceId) {
    super("no instance with id " + instanceId);
    this.instanceId = instanceId;
  }

  public String instanceId() {
    return instanceId;
  }
}
