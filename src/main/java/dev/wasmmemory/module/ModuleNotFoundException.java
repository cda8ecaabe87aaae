package dev.wasmmemory.module;

/** No module has this id (never uploaded, or deleted). */
public final class ModuleNotFoundException extends ModuleException {
  private final String moduleId;

  ModuleNotFoundException(String moduleId) {
    super("no module with id " + moduleId);
    this.moduleId = moduleId;
  }

  public String moduleId() {
    return moduleId;
  }
}
