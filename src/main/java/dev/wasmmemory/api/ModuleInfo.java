package dev.wasmmemory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wasmmemory.module.ModuleDescription;
import dev.wasmmemory.module.ModuleView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;

/** A stored module: its size and what it imports and exports. */
@Schema(
    example =
        "{\"id\":\"8e0b…\",\"sizeBytes\":123,\"imports\":[{\"module\":\"env\",\"name\":\"memory\","
            + "\"kind\":\"memory\",\"minimumPages\":1,\"maximumPages\":null}],\"exports\":[{\"name\":"
            + "\"store\",\"kind\":\"function\",\"params\":[\"i32\",\"i32\"],\"results\":[]}]}")
record ModuleInfo(String id, long sizeBytes, List<ImportInfo> imports, List<ExportInfo> exports) {

  static ModuleInfo of(ModuleView view) {
    ModuleDescription description = view.description();
    return new ModuleInfo(
        view.id(),
        view.sizeBytes(),
        description.imports().stream().map(ImportInfo::of).toList(),
        description.exports().stream().map(ExportInfo::of).toList());
  }

  /**
   * One import: memories carry their limits ({@code maximumPages} null when none), functions their
   * signature, globals their type.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ImportInfo(
      String module,
      String name,
      @Schema(description = "function, table, memory, global or tag") String kind,
      Integer minimumPages,
      @Schema(nullable = true) Optional<Integer> maximumPages,
      List<String> params,
      List<String> results,
      String type,
      Boolean mutable) {

    static ImportInfo of(ModuleDescription.Import i) {
      var memory = i.memory();
      var function = i.function();
      var global = i.global();
      return new ImportInfo(
          i.module(),
          i.name(),
          i.kind().name().toLowerCase(),
          memory == null ? null : memory.minimumPages(),
          memory == null ? null : Optional.ofNullable(memory.maximumPages()),
          function == null ? null : function.params(),
          function == null ? null : function.results(),
          global == null ? null : global.type(),
          global == null ? null : global.mutable());
    }
  }

  /** One export: functions carry their signature, globals their type. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ExportInfo(
      String name,
      @Schema(description = "function, table, memory, global or tag") String kind,
      List<String> params,
      List<String> results,
      String type,
      Boolean mutable) {

    static ExportInfo of(ModuleDescription.Export e) {
      var function = e.function();
      var global = e.global();
      return new ExportInfo(
          e.name(),
          e.kind().name().toLowerCase(),
          function == null ? null : function.params(),
          function == null ? null : function.results(),
          global == null ? null : global.type(),
          global == null ? null : global.mutable());
    }
  }
}
