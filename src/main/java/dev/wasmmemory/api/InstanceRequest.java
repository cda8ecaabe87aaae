package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /modules/{id}/instances}: what each import is bound to, by {@code module.name} — a
 * memory import the id of a stored memory, a global import a typed value — and WASI, if wanted.
 */
@Schema(
    example = "{\"imports\":{\"env.memory\":\"3f1c2a9e-7b4d-4e8a-9c61-2d5f8e0b7a13\"}}",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record InstanceRequest(
    @Schema(description = "Import name (module.name) → memory id, or typed value for a global")
        Map<String, WasmArgument> imports,
    @Schema(description = "WASI preview 1, without file system or network") Wasi wasi) {

  /** WASI's arguments, environment and stdin (base64). */
  @Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record Wasi(
      @Schema(description = "argv, the program's name first") List<String> args,
      @Schema(description = "The environment") Map<String, String> env,
      @Schema(description = "What the program reads from stdin, base64", format = "byte")
          String stdin) {}
}
