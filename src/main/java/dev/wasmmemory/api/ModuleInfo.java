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
        "{\"id\":\"8e0b7a13-3f1c-4a9e-9c61-2d5f7b4d4e8a\",\"sizeBytes\":123,\"imports\":[{\"module\":\"env\",\"name\":\"memory\","
            + "\"kind\":\"memory\",\"minimumPages\":1,\"maximumPages\":null}],\"exports\":[{\"name\":"
            + "\"store\",\"kind\":\"function\",\"params\":[\"i32\",\"i32\"],\"results\":[]}]}")
record ModuleInfo(
    @Schema(description = "Random, unguessable id", requiredMode = Schema.RequiredMode.REQUIRED)
        String id,
    @Schema(description = "The binary's size", requiredMode = Schema.RequiredMode.REQUIRED)
        long sizeBytes,
    @Schema(description = "In the module's order", requiredMode = Schema.RequiredMode.REQUIRED)
        List<ImportInfo> imports,
    @Schema(description = "In the module's order", requiredMode = Schema.RequiredMode.REQUIRED)
        List<ExportInfo> exports) {

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
      @Schema(description = "The import's module name", requiredMode = Schema.RequiredMode.REQUIRED)
          String module,
      @Schema(
              description = "Its name within that module",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String name,
      @Schema(
              description = "function, table, memory, global or tag",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String kind,
      @Schema(description = "A memory: the pages it needs at least") Integer minimumPages,
      @Schema(description = "A memory: its maximum, null when none", nullable = true)
          Optional<Integer> maximumPages,
      @Schema(description = "A function: its parameter types") List<String> params,
      @Schema(description = "A function: its result types") List<String> results,
      @Schema(description = "A global: its type") String type,
      @Schema(description = "A global: whether it is mutable") Boolean mutable) {

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
      @Schema(description = "The export's name", requiredMode = Schema.RequiredMode.REQUIRED)
          String name,
      @Schema(
              description = "function, table, memory, global or tag",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String kind,
      @Schema(description = "A function: its parameter types") List<String> params,
      @Schema(description = "A function: its result types") List<String> results,
      @Schema(description = "A global: its type") String type,
      @Schema(description = "A global: whether it is mutable") Boolean mutable) {

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
