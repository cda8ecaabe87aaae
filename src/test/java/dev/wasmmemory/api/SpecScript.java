package dev.wasmmemory.api;

import dev.wasmmemory.testing.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the commands of one converted spec script (wabt's JSON) through the HTTP API: modules are
 * uploaded and instantiated, actions invoked, traps and invalid modules checked against the problem
 * the service answers. The host module {@code spectest} is a stored memory of 1..2 pages and the
 * spec's globals (666) passed as typed values.
 */
final class SpecScript {
  private final HttpClient client;
  private final String base;
  private final Path dir;
  private final Map<String, String> named = new HashMap<>();
  private final Map<String, String> registered = new HashMap<>();
  private String current;
  private String spectestMemory;
  final List<String> failures = new ArrayList<>();
  final Map<String, Integer> skipped = new HashMap<>();
  int passed;

  SpecScript(HttpClient client, int port, Path dir) {
    this.client = client;
    this.base = "http://127.0.0.1:" + port;
    this.dir = dir;
  }

  void run(JsonNode script) throws IOException, InterruptedException {
    for (JsonNode command : script.get("commands")) {
      String where = command.get("type").asString() + " at line " + command.get("line").asInt();
      try {
        String failure = execute(command);
        if (failure == null) {
          passed++;
        } else if (failure.startsWith("skip: ")) {
          skipped.merge(failure.substring(6), 1, Integer::sum);
        } else {
          failures.add(where + ": " + failure);
        }
      } catch (RuntimeException e) {
        failures.add(where + ": " + e);
      }
    }
  }

  private String execute(JsonNode command) throws IOException, InterruptedException {
    switch (command.get("type").asString()) {
      case "module":
        return module(command);
      case "register":
        String instance = command.has("name") ? named.get(command.get("name").asString()) : current;
        registered.put(command.get("as").asString(), instance);
        return null;
      case "action":
        return expectSuccess(action(command.get("action")));
      case "assert_return":
        return assertReturn(command);
      case "assert_trap":
      case "assert_exhaustion":
        return expectProblem(action(command.get("action")), 422, "trap", command.get("text"));
      case "assert_invalid":
      case "assert_malformed":
        return assertInvalid(command);
      case "assert_uninstantiable":
        return assertInstantiation(command, "trap");
      case "assert_unlinkable":
        return assertInstantiation(command, "link-error");
      default:
        return "unknown command type " + command.get("type");
    }
  }

  // ---- modules ----

  private String module(JsonNode command) throws IOException, InterruptedException {
    HttpResponse<String> uploaded = upload(command.get("filename").asString());
    if (uploaded.statusCode() != 201) {
      return "upload answered " + uploaded.statusCode() + " " + uploaded.body();
    }
    HttpResponse<String> instance = instantiate(Json.read(uploaded.body()));
    if (instance.statusCode() != 201) {
      return "instantiation answered " + instance.statusCode() + " " + instance.body();
    }
    current = Json.read(instance.body()).get("id").asString();
    if (command.has("name")) {
      named.put(command.get("name").asString(), current);
    }
    return null;
  }

  private HttpResponse<String> upload(String filename) throws IOException, InterruptedException {
    byte[] bytes = Files.readAllBytes(dir.resolve(filename));
    return send("POST", "/modules", "application/wasm", bytes);
  }

  /** Binds each import: spectest's memory and globals, or a registered instance's export. */
  private HttpResponse<String> instantiate(JsonNode module)
      throws IOException, InterruptedException {
    ObjectNode imports = Json.MAPPER.createObjectNode();
    for (JsonNode imported : module.get("imports")) {
      String from = imported.get("module").asString();
      String name = imported.get("name").asString();
      String kind = imported.get("kind").asString();
      String key = from + "." + name;
      if (kind.equals("memory")) {
        String id = from.equals("spectest") ? spectestMemory() : exportedMemory(from, name);
        if (id != null) {
          imports.put(key, id);
        }
      } else if (kind.equals("global") && from.equals("spectest")) {
        String type = imported.get("type").asString();
        ObjectNode value = imports.putObject(key);
        value.put("type", type);
        value.put("value", type.startsWith("f") ? 666.6 : 666);
      }
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("imports", imports);
    String id = module.get("id").asString();
    return send("POST", "/modules/" + id + "/instances", "application/json", json(body));
  }

  private String spectestMemory() throws IOException, InterruptedException {
    if (spectestMemory == null) {
      byte[] body = "{\"initialPages\":1,\"maximumPages\":2}".getBytes();
      var created = send("POST", "/memories", "application/json", body);
      spectestMemory = Json.read(created.body()).get("id").asString();
    }
    return spectestMemory;
  }

  private String exportedMemory(String registeredAs, String name)
      throws IOException, InterruptedException {
    String instance = registered.get(registeredAs);
    if (instance == null) {
      return null;
    }
    var export = send("GET", "/instances/" + instance + "/exports/" + name, null, null);
    return export.statusCode() == 200 ? Json.read(export.body()).get("memoryId").asString() : null;
  }

  private String assertInvalid(JsonNode command) throws IOException, InterruptedException {
    if (!"binary".equals(command.path("module_type").asString("binary"))) {
      return "skip: text-format module (the API takes binaries)";
    }
    return expectProblem(
        upload(command.get("filename").asString()), 400, "invalid-module", command.get("text"));
  }

  private String assertInstantiation(JsonNode command, String type)
      throws IOException, InterruptedException {
    HttpResponse<String> uploaded = upload(command.get("filename").asString());
    if (uploaded.statusCode() != 201) {
      return "upload answered " + uploaded.statusCode() + " " + uploaded.body();
    }
    return expectProblem(instantiate(Json.read(uploaded.body())), 422, type, null);
  }

  // ---- actions ----

  private HttpResponse<String> action(JsonNode action) throws IOException, InterruptedException {
    String instance = action.has("module") ? named.get(action.get("module").asString()) : current;
    if (instance == null) {
      throw new IllegalStateException("no module to act on");
    }
    String field = action.get("field").asString();
    if (action.get("type").asString().equals("get")) {
      return send("GET", "/instances/" + instance + "/exports/" + encode(field), null, null);
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("function", field);
    ArrayNode args = body.putArray("args");
    for (JsonNode arg : action.get("args")) {
      args.addObject().put("bits", arg.get("value").asString());
    }
    return send("POST", "/instances/" + instance + "/invoke", "application/json", json(body));
  }

  private String assertReturn(JsonNode command) throws IOException, InterruptedException {
    HttpResponse<String> response = action(command.get("action"));
    String failure = expectSuccess(response);
    if (failure != null) {
      return failure;
    }
    JsonNode answer = Json.read(response.body());
    List<JsonNode> actual = new ArrayList<>();
    if (answer.has("results")) {
      answer.get("results").forEach(actual::add);
    } else {
      actual.add(answer);
    }
    JsonNode expected = command.get("expected");
    if (expected.size() != actual.size()) {
      return "expected " + expected + ", got " + answer;
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!SpecValues.matches(expected.get(i), actual.get(i))) {
        return "expected " + expected + ", got " + answer;
      }
    }
    return null;
  }

  private static String expectSuccess(HttpResponse<String> response) {
    return response.statusCode() == 200
        ? null
        : "answered " + response.statusCode() + " " + response.body();
  }

  /** The problem's status and type; its detail contains the spec's text where one is given. */
  private static String expectProblem(
      HttpResponse<String> response, int status, String type, JsonNode text) {
    if (response.statusCode() != status) {
      return "expected "
          + status
          + " "
          + type
          + ", got "
          + response.statusCode()
          + " "
          + response.body();
    }
    JsonNode problem = Json.read(response.body());
    if (!problem.get("type").asString().endsWith("/" + type)) {
      return "expected problem type " + type + ", got " + response.body();
    }
    if (type.equals("trap")
        && text != null
        && !problem.get("detail").asString().contains(text.asString())) {
      return "expected trap '" + text.asString() + "', got " + problem.get("detail");
    }
    return null;
  }

  // ---- HTTP ----

  private static byte[] json(JsonNode node) {
    return Json.MAPPER.writeValueAsBytes(node);
  }

  private static String encode(String segment) {
    return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  private HttpResponse<String> send(String method, String path, String type, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    if (type != null) {
      request.header("Content-Type", type);
    }
    return client.send(request.build(), BodyHandlers.ofString());
  }
}
