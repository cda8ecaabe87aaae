package dev.wasmmemory.api;

import dev.wasmmemory.module.ExportValue;
import dev.wasmmemory.module.InvokeResult;
import dev.wasmmemory.module.ModuleRuntime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Base64;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Instances: call their functions, read their exports, delete them. */
@RestController
@RequestMapping(path = "/instances", produces = "application/json")
@Tag(name = "Instances", description = "Call a module's functions on stored memories")
class InstanceController {
  private final ModuleRuntime runtime;

  InstanceController(ModuleRuntime runtime) {
    this.runtime = runtime;
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getInstance", summary = "An instance's module and memories")
  @ApiProblems({404})
  InstanceInfo get(@PathVariable String id) {
    return InstanceInfo.of(runtime.instance(id));
  }

  @DeleteMapping("/{id}")
  @Operation(operationId = "deleteInstance", summary = "Delete an instance (its memories stay)")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiProblems({404})
  ResponseEntity<Void> delete(@PathVariable String id) {
    runtime.deleteInstance(id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/{id}/invoke", consumes = "application/json")
  @Operation(
      operationId = "invoke",
      summary = "Call an exported function with typed arguments",
      description =
          "One linearizable operation on each memory the instance uses; a trap is 422"
              + " /problems/trap and keeps the stores made before it")
  @ApiProblems({400, 404, 413, 415, 422, 503, 507})
  InvokeResponse invoke(@PathVariable String id, @Valid @RequestBody InvokeRequest request) {
    var signature = runtime.signature(id, request.function());
    long[] args = WasmValues.arguments(signature.params(), request.args());
    InvokeResult result = runtime.invoke(id, request.function(), args);
    var results = WasmValues.results(result.types(), result.values());
    if (result.wasi() == null) {
      return new InvokeResponse(results, null, null, null);
    }
    Base64.Encoder base64 = Base64.getEncoder();
    return new InvokeResponse(
        results,
        result.wasi().exitCode(),
        base64.encodeToString(result.wasi().stdout()),
        base64.encodeToString(result.wasi().stderr()));
  }

  @GetMapping("/{id}/exports/{name}")
  @Operation(
      operationId = "getExport",
      summary = "A global export's current value, or a memory export's id")
  @ApiProblems({404})
  ExportResponse export(@PathVariable String id, @PathVariable String name) {
    ExportValue export = runtime.export(id, name);
    if (export.memoryId() != null) {
      return new ExportResponse("memory", null, null, null, export.memoryId());
    }
    TypedValue value = WasmValues.value(export.globalType(), export.globalBits());
    return new ExportResponse("global", value.type(), value.value(), value.bits(), null);
  }
}
