package dev.wasmmemory.api;

import dev.wasmmemory.module.ModuleRuntime;
import dev.wasmmemory.module.ModuleView;
import dev.wasmmemory.module.WasiConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** WebAssembly modules: upload (validated), describe, list, delete, and instantiate. */
@RestController
@RequestMapping(path = "/modules", produces = "application/json")
@Tag(name = "Modules", description = "Upload WebAssembly modules and instantiate them on memories")
class ModuleController {
  private final ModuleRuntime runtime;
  private final ApiSettings settings;
  private final long maxModuleSize;

  ModuleController(ModuleRuntime runtime, ApiSettings settings, ModuleLimits limits) {
    this.runtime = runtime;
    this.settings = settings;
    this.maxModuleSize = limits.maxModuleSize();
  }

  @PostMapping(consumes = {"application/wasm", "application/octet-stream"})
  @Operation(
      operationId = "uploadModule",
      summary = "Upload and validate a module binary",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/wasm",
                      schema = @Schema(type = "string", format = "binary"))))
  @ApiResponse(responseCode = "201", description = "Stored; Location names the module")
  @ApiProblems({400, 413, 415, 507})
  ResponseEntity<ModuleInfo> upload(HttpServletRequest request) throws IOException {
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxModuleSize + 1));
    }
    if (bytes.length > maxModuleSize) {
      throw new PayloadTooLargeException(maxModuleSize);
    }
    ModuleView view = runtime.upload(bytes);
    return ResponseEntity.created(URI.create("/modules/" + view.id())).body(ModuleInfo.of(view));
  }

  @GetMapping
  @Operation(operationId = "listModules", summary = "Every module, oldest first")
  @ApiProblems({404})
  ModuleList list() {
    if (!settings.listEnabled()) {
      throw new ListingDisabledException();
    }
    return new ModuleList(runtime.modules().stream().map(ModuleInfo::of).toList());
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getModule", summary = "A module's imports and exports")
  @ApiProblems({404})
  ModuleInfo get(@PathVariable String id) {
    return ModuleInfo.of(runtime.module(id));
  }

  @DeleteMapping("/{id}")
  @Operation(
      operationId = "deleteModule",
      summary = "Delete a module and its instances (their memories stay)")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiProblems({404})
  ResponseEntity<Void> delete(@PathVariable String id) {
    runtime.deleteModule(id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/{id}/instances", consumes = "application/json")
  @Operation(
      operationId = "instantiateModule",
      summary = "Instantiate: bind imports, write data segments, run the start function")
  @ApiResponse(responseCode = "201", description = "Instantiated; Location names the instance")
  @ApiProblems({400, 404, 413, 415, 422, 503, 507})
  ResponseEntity<InstanceInfo> instantiate(
      @PathVariable String id, @RequestBody(required = false) InstanceRequest request) {
    InstanceRequest body = request == null ? new InstanceRequest(Map.of(), null) : request;
    var view = runtime.instantiate(id, WasmValues.bindings(body.imports()), wasi(body.wasi()));
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
