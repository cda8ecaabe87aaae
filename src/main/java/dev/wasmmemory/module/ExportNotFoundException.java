package dev.wasmmemory.module;

/** The instance exports nothing of that name (or nothing that has a value: a function, a table). */
public final class ExportNotFoundException extends ModuleException {
  private final String name;

  ExportNotFoundException(String instanceId, String name) {
    super("instance " + instanceId + " has no global or memory export named " + name);
    this.name = name;
  }

  public String name() {
    return name;
  }
}
