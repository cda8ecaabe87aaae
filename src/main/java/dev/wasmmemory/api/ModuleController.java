package dev.wasmmemory.api;

import static dev.wasmmemory.api.problem.ProblemType.EXECUTION_BUSY;
import static dev.wasmmemory.api.problem.ProblemType.EXECUTION_TIMEOUT;
import static dev.wasmmemory.api.problem.ProblemType.INVALID_MODULE;
import static dev.wasmmemory.api.problem.ProblemType.LINK_ERROR;
import static dev.wasmmemory.api.problem.ProblemType.MEMORY_BUDGET_EXCEEDED;
import static dev.wasmmemory.api.problem.ProblemType.MEMORY_LIMIT_EXCEEDED;
import static dev.wasmmemory.api.problem.ProblemType.MEMORY_NOT_FOUND;
import static dev.wasmmemory.api.problem.ProblemType.MEMORY_TOO_LARGE;
import static dev.wasmmemory.api.problem.ProblemType.MODULE_LIMIT_EXCEEDED;
import static dev.wasmmemory.api.problem.ProblemType.NOT_FOUND;
import static dev.wasmmemory.api.problem.ProblemType.TRAP;

import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.module.ModuleRuntime;
import dev.wasmmemory.module.ModuleView;
import dev.wasmmemory.module.WasiConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * WebAssembly modules: upload (validated), describe, list, delete, and instantiate. As for
 * memories, only operations with a body declare what they produce, so that no {@code Accept} makes
 * a 204 a 406.
 */
@RestController
@RequestMapping("/modules")
@Tag(name = "Modules", description = "Upload WebAssembly modules and instantiate them on memories")
class ModuleController {
  private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

  private final ModuleRuntime runtime;
  private final ApiSettings settings;

  ModuleController(ModuleRuntime runtime, ApiSettings settings) {
    this.runtime = runtime;
    this.settings = settings;
  }

  @PostMapping(
      consumes = {"application/wasm", MediaType.APPLICATION_OCTET_STREAM_VALUE},
      produces = JSON)
  @Operation(
      operationId = "uploadModule",
      summary = "Upload and validate a module binary",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = {
                @Content(
                    mediaType = "application/wasm",
                    schema = @Schema(type = "string", format = "binary")),
                @Content(
                    mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                    schema = @Schema(type = "string", format = "binary"))
              }))
  @ApiResponse(responseCode = "201", description = "Stored; Location names the module")
  @ApiProblems({INVALID_MODULE, MODULE_LIMIT_EXCEEDED})
  ResponseEntity<ModuleInfo> upload(HttpServletRequest request) throws IOException {
    long limit = runtime.maxModuleSize();
    if (request.getContentLengthLong() > limit) {
      throw new PayloadTooLargeException(limit);
    }
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    }
    if (bytes.length > limit) {
      throw new PayloadTooLargeException(limit);
    }
    ModuleView view = runtime.upload(bytes);
    return ResponseEntity.created(URI.create("/modules/" + view.id())).body(ModuleInfo.of(view));
  }

  @GetMapping(produces = JSON)
  @Operation(
      operationId = "listModules",
      summary = "Every module, oldest first",
      description = "404 /problems/not-found when memory.list-enabled is false")
  @ApiResponse(responseCode = "200", description = "Every module, oldest first")
  @ApiProblems({NOT_FOUND})
  ModuleList list() {
    if (!settings.listEnabled()) {
      throw new ListingDisabledException("modules");
    }
    return new ModuleList(runtime.modules().stream().map(ModuleInfo::of).toList());
  }

  @GetMapping(path = "/{moduleId}", produces = JSON)
  @Operation(operationId = "getModule", summary = "A module's imports and exports")
  @ApiResponse(responseCode = "200", description = "The module")
  ModuleInfo get(@PathVariable String moduleId) {
    return ModuleInfo.of(runtime.module(moduleId));
  }

  @DeleteMapping("/{moduleId}")
  @Operation(
      operationId = "deleteModule",
      summary = "Delete a module and its instances (their memories stay)")
  @ApiResponse(responseCode = "204", description = "Deleted")
  ResponseEntity<Void> delete(@PathVariable String moduleId) {
    runtime.deleteModule(moduleId);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/{moduleId}/instances", consumes = JSON, produces = JSON)
  @Operation(
      operationId = "instantiateModule",
      summary = "Instantiate: bind imports, write data segments, run the start function")
  @ApiResponse(responseCode = "201", description = "Instantiated; Location names the instance")
  @ApiProblems({
    MEMORY_NOT_FOUND,
    LINK_ERROR,
    TRAP,
    EXECUTION_TIMEOUT,
    MEMORY_TOO_LARGE,
    MEMORY_LIMIT_EXCEEDED,
    MEMORY_BUDGET_EXCEEDED,
    MODULE_LIMIT_EXCEEDED,
    EXECUTION_BUSY
  })
  ResponseEntity<InstanceInfo> instantiate(
      @PathVariable String moduleId, @Valid @RequestBody InstanceRequest request) {
    var view =
        runtime.instantiate(moduleId, WasmValues.bindings(request.imports()), wasi(request.wasi()));
    return ResponseEntity.created(URI.create("/instances/" + view.id()))
        .body(InstanceInfo.of(view));
  }

  private static WasiConfig wasi(InstanceRequest.Wasi wasi) {
    if (wasi == null) {
      return null;
    }
    byte[] stdin;
    try {
      stdin = wasi.stdin() == null ? new byte[0] : Base64.getDecoder().decode(wasi.stdin());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "'wasi.stdin' is not base64: " + e.getMessage(), "wasi.stdin");
    }
    return new WasiConfig(
        wasi.args() == null ? List.of() : wasi.args(),
        wasi.env() == null ? Map.of() : wasi.env(),
        stdin);
  }
}
