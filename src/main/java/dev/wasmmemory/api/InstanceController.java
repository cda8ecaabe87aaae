package dev.wasmmemory.api;

import static dev.wasmmemory.api.problem.ProblemType.EXECUTION_BUSY;
import static dev.wasmmemory.api.problem.ProblemType.EXECUTION_TIMEOUT;
import static dev.wasmmemory.api.problem.ProblemType.MEMORY_BUDGET_EXCEEDED;
import static dev.wasmmemory.api.problem.ProblemType.MEMORY_NOT_FOUND;
import static dev.wasmmemory.api.problem.ProblemType.MEMORY_TOO_LARGE;
import static dev.wasmmemory.api.problem.ProblemType.NOT_FOUND;
import static dev.wasmmemory.api.problem.ProblemType.TRAP;

import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.module.ExportValue;
import dev.wasmmemory.module.InvokeResult;
import dev.wasmmemory.module.ModuleRuntime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Base64;
import org.springframework.http.MediaType;
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
@RequestMapping("/instances")
@Tag(name = "Instances", description = "Call a module's functions on stored memories")
class InstanceController {
  private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

  private final ModuleRuntime runtime;

  InstanceController(ModuleRuntime runtime) {
    this.runtime = runtime;
  }

  @GetMapping(path = "/{instanceId}", produces = JSON)
  @Operation(operationId = "getInstance", summary = "An instance's module and memories")
  @ApiResponse(responseCode = "200", description = "The instance")
  InstanceInfo get(@PathVariable String instanceId) {
    return InstanceInfo.of(runtime.instance(instanceId));
  }

  @DeleteMapping("/{instanceId}")
  @Operation(operationId = "deleteInstance", summary = "Delete an instance (its memories stay)")
  @ApiResponse(responseCode = "204", description = "Deleted")
  ResponseEntity<Void> delete(@PathVariable String instanceId) {
    runtime.deleteInstance(instanceId);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/{instanceId}/invoke", consumes = JSON, produces = JSON)
  @Operation(
      operationId = "invoke",
      summary = "Call an exported function with typed arguments",
      description =
          "One linearizable operation on each memory the instance uses; a trap is 422"
              + " /problems/trap and keeps the stores made before it")
  @ApiResponse(responseCode = "200", description = "What the call returned (and printed)")
  @ApiProblems({
    MEMORY_NOT_FOUND,
    TRAP,
    EXECUTION_TIMEOUT,
    MEMORY_TOO_LARGE,
    MEMORY_BUDGET_EXCEEDED,
    EXECUTION_BUSY
  })
  InvokeResponse invoke(
      @PathVariable String instanceId, @Valid @RequestBody InvokeRequest request) {
    var signature = runtime.signature(instanceId, request.function());
    long[] args = WasmValues.arguments(signature.params(), request.args());
    InvokeResult result = runtime.invoke(instanceId, request.function(), args);
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

  @GetMapping(path = "/{instanceId}/exports/{name}", produces = JSON)
  @Operation(
      operationId = "getExport",
      summary = "A global export's current value, or a memory export's id")
  @ApiResponse(responseCode = "200", description = "The export")
  @ApiProblems({NOT_FOUND})
  ExportResponse export(@PathVariable String instanceId, @PathVariable String name) {
    ExportValue export = runtime.export(instanceId, name);
    if (export.memoryId() != null) {
      return new ExportResponse("memory", null, null, null, export.memoryId());
    }
    TypedValue value = WasmValues.value(export.globalType(), export.globalBits());
    return new ExportResponse("global", value.type(), value.value(), value.bits(), null);
  }
}
