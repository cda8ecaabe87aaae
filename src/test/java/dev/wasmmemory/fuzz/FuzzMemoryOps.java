package dev.wasmmemory.fuzz;

import dev.wasmmemory.fuzz.FuzzNumbers.Number;
import dev.wasmmemory.fuzz.FuzzNumbers.Role;
import dev.wasmmemory.testing.MemoryModel;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builders for the operations on whole memories (create, list, get, delete, erase, grow, fill,
 * copy): each adds its path, headers and body to the draft's request, the faults the contract gives
 * the choices made, what success does to the model, and how to check a successful answer.
 */
final class FuzzMemoryOps {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private FuzzMemoryOps() {}

  static void createMemory(FuzzDraft d) {
    FuzzRequest r = d.request;
    r.path.append("/memories");
    d.acceptJson(true);
    OpenApiOperations.Schema schema = d.operation.bodies().get("application/json");
    d.contentType("application/json", false);
    long firstInitial = d.randomUpTo(4);
    Number initial =
        d.numbers.resolve(
            d.nextNumber(),
            new Role(
                firstInitial,
                d.randomUpTo(1),
                0,
                65536,
                65537,
                maximum(schema, "initialPages"),
                true),
            "initialPages",
            false,
            r);
    long base = initial.value() == null ? 1 : initial.value();
    Number maximum =
        d.numbers.resolve(
            d.nextNumber(),
            new Role(
                Math.min(65536, base + d.randomUpTo(4)),
                base,
                0,
                65536,
                base == 0 ? 65537 : base - 1,
                maximum(schema, "maximumPages"),
                false),
            "maximumPages",
            false,
            r);
    if (initial.value() != null && maximum.value() != null && initial.value() > maximum.value()) {
      r.fault(400, "initialPages above maximumPages");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("initialPages", initial.json());
    properties.put("maximumPages", maximum.json());
    body(r, d.bodies.render(d.bodyKind(), properties, schema, r));
    if (d.state.live().size() >= d.state.maxMemories()) {
      r.mayExceedLimits = true;
      r.uncertain("memory.max-memories reached");
    }
    r.successStatus = 201;
    r.check =
        response -> {
          JsonNode info = JSON.readTree(response.body());
          String id = info.path("id").asString("");
          String location = response.headers().firstValue("Location").orElse("");
          boolean ok =
              !id.isEmpty()
                  && location.endsWith("/memories/" + id)
                  && info.path("initialPages").asLong(-1) == base(initial)
                  && info.path("currentPages").asLong(-1) == base(initial)
                  && info.path("sizeBytes").asLong(-1) == base(initial) * MemoryModel.PAGE
                  && Objects.equals(nullableLong(info.path("maximumPages")), maximum.value());
          return ok
              ? null
              : "created memory does not match the request (Location " + location + ")";
        };
    r.effect =
        response -> {
          JsonNode info = JSON.readTree(response.body());
          d.state.created(
              new MemoryModel(
                  info.path("id").asString(),
                  info.path("initialPages").asLong(),
                  nullableLong(info.path("maximumPages"))));
        };
  }

  static void listMemories(FuzzDraft d) {
    d.request.path.append("/memories");
    d.acceptJson(true);
    d.strayBody();
    d.request.check =
        response -> {
          Map<String, Long> listed = new HashMap<>();
          for (JsonNode info : JSON.readTree(response.body()).path("memories")) {
            listed.put(info.path("id").asString(), info.path("currentPages").asLong());
          }
          for (MemoryModel memory : d.state.live()) {
            if (!Objects.equals(listed.get(memory.id), memory.pages())) {
              return "memory "
                  + memory.id
                  + " listed with "
                  + listed.get(memory.id)
                  + " pages, the model has "
                  + memory.pages();
            }
          }
          return d.state.deleted().stream().anyMatch(listed::containsKey)
              ? "a deleted memory is listed"
              : null;
        };
  }

  static void getMemory(FuzzDraft d) {
    memoryPath(d, "");
    d.acceptJson(true);
    d.ifNoneMatch();
    d.strayBody();
    MemoryModel target = d.target;
    d.request.check =
        response -> {
          JsonNode info = JSON.readTree(response.body());
          boolean ok =
              info.path("id").asString("").equals(target.id)
                  && info.path("initialPages").asLong(-1) == target.initialPages
                  && Objects.equals(nullableLong(info.path("maximumPages")), target.maximumPages)
                  && info.path("currentPages").asLong(-1) == target.pages()
                  && info.path("sizeBytes").asLong(-1) == target.sizeBytes();
          return ok ? null : "memory info differs from the model " + describe(target);
        };
  }

  static void deleteMemory(FuzzDraft d) {
    memoryPath(d, "");
    d.acceptJson(false);
    d.ifMatch();
    d.strayBody();
    d.request.successStatus = 204;
    MemoryModel target = d.target;
    d.request.effect = response -> d.state.dropped(target.id);
  }

  static void eraseMemory(FuzzDraft d) {
    memoryPath(d, "/erase");
    d.acceptJson(false);
    d.ifMatch();
    d.strayBody();
    d.request.successStatus = 204;
    MemoryModel target = d.target;
    d.request.effect = response -> target.erase();
  }

  static void growMemory(FuzzDraft d) {
    FuzzRequest r = d.request;
    memoryPath(d, "/grow");
    d.acceptJson(true);
    d.ifMatch();
    OpenApiOperations.Schema schema = d.operation.bodies().get("application/json");
    d.contentType("application/json", false);
    MemoryModel memory = d.sized();
    long room = memory.limitPages() - memory.pages();
    Number pages =
        d.numbers.resolve(
            d.nextNumber(),
            new Role(
                d.randomUpTo(Math.min(2, room)),
                0,
                0,
                room,
                room + 1,
                maximum(schema, "pages"),
                true),
            "pages",
            false,
            r);
    if (pages.value() != null && pages.value() > room) {
      r.fault(422, "grow past the maximum");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("pages", pages.json());
    body(r, d.bodies.render(d.bodyKind(), properties, schema, r));
    long before = memory.pages();
    r.check =
        response -> {
          JsonNode grown = JSON.readTree(response.body());
          long added = pages.value() == null ? -1 : pages.value();
          return grown.path("previousPages").asLong(-1) == before
                  && grown.path("currentPages").asLong(-1) == before + added
              ? null
              : "grow answered " + grown + ", the model had " + before + " pages";
        };
    r.effect = response -> d.target.grow(pages.value());
  }

  static void fillMemory(FuzzDraft d) {
    FuzzRequest r = d.request;
    memoryPath(d, "/fill");
    d.acceptJson(false);
    d.ifMatch();
    OpenApiOperations.Schema schema = d.operation.bodies().get("application/json");
    d.contentType("application/json", false);
    MemoryModel memory = d.sized();
    Number offset = offset(d, "offset", memory, 0, maximum(schema, "offset"));
    Number length = length(d, "length", memory, offset, maximum(schema, "length"));
    Number value =
        d.numbers.resolve(
            d.nextNumber(),
            new Role(
                d.randomUpTo(255), d.randomUpTo(3), 0, 255, 256, maximum(schema, "value"), false),
            "value",
            false,
            r);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("offset", offset.json());
    properties.put("length", length.json());
    properties.put("value", value.json());
    body(r, d.bodies.render(d.bodyKind(), properties, schema, r));
    if (offset.value() != null && length.value() != null) {
      if (!memory.inBounds(offset.value(), length.value())) {
        r.fault(422, "fill out of bounds");
      } else if (value.value() != null && value.value() != 0) {
        budget(d, pagesSpanned(offset.value(), length.value()));
      }
    }
    r.successStatus = 204;
    r.effect =
        response ->
            d.target.fill(
                offset.value(),
                length.value(),
                (byte) (value.value() == null ? 0 : value.value().intValue()));
  }

  static void copyMemory(FuzzDraft d) {
    FuzzRequest r = d.request;
    memoryPath(d, "/copy");
    d.acceptJson(false);
    d.ifMatch();
    OpenApiOperations.Schema schema = d.operation.bodies().get("application/json");
    d.contentType("application/json", false);
    MemoryModel destination = d.sized();
    String sourceText = null;
    MemoryModel source = destination;
    int roll = d.random.nextInt(d.clean() ? 100 : 110);
    if (roll >= 100) {
      sourceText = "\"" + UUID.randomUUID() + "\"";
      r.fault(404, "an unknown sourceMemoryId");
    } else if (roll >= 90) {
      sourceText = "null";
    } else if (roll >= 80) {
      sourceText = "\"" + d.idText + "\"";
    } else if (roll >= 45) {
      source = d.state.live().get(d.random.nextInt(d.state.live().size()));
      sourceText = "\"" + source.id + "\"";
    }
    boolean sameMemory = source == destination;
    Number from = offset(d, "sourceOffset", source, 0, maximum(schema, "sourceOffset"));
    Number to =
        offset(d, "destinationOffset", destination, 0, maximum(schema, "destinationOffset"));
    long fromRoom = from.value() == null ? 0 : Math.max(0, source.sizeBytes() - from.value());
    long toRoom = to.value() == null ? 0 : Math.max(0, destination.sizeBytes() - to.value());
    long room = Math.min(fromRoom, toRoom);
    Number length =
        d.numbers.resolve(
            d.nextNumber(),
            new Role(
                d.randomUpTo(Math.min(room, 8192)),
                d.randomUpTo(Math.min(room, 16)),
                0,
                room,
                room + 1,
                maximum(schema, "length"),
                true),
            "length",
            false,
            r);
    String nonOverlapping =
        switch (d.random.nextInt(3)) {
          case 0 -> null;
          case 1 -> "false";
          default -> "true";
        };
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("sourceOffset", from.json());
    properties.put("destinationOffset", to.json());
    properties.put("length", length.json());
    properties.put("nonOverlapping", nonOverlapping);
    properties.put("sourceMemoryId", sourceText);
    body(r, d.bodies.render(d.bodyKind(), properties, schema, r));
    if (from.value() != null && to.value() != null && length.value() != null) {
      long n = length.value();
      if (!source.inBounds(from.value(), n) || !destination.inBounds(to.value(), n)) {
        r.fault(422, "copy out of bounds");
      } else if (sameMemory
          && "true".equals(nonOverlapping)
          && n > 0
          && Math.abs(from.value() - to.value()) < n) {
        r.fault(422, "overlapping regions with nonOverlapping");
      } else {
        budget(d, pagesSpanned(to.value(), n));
      }
    }
    r.successStatus = 204;
    MemoryModel copiedFrom = source;
    r.effect = response -> d.target.copyFrom(copiedFrom, from.value(), to.value(), length.value());
  }

  // ---- shared by the builders ----

  static void memoryPath(FuzzDraft d, String suffix) {
    d.chooseMemory();
    d.request.memoryId = d.target == null ? null : d.target.id;
    d.request.path.append("/memories/").append(d.idText).append(suffix);
  }

  /** An offset into {@code memory} ({@code width} bytes must fit after a well-chosen one). */
  static Number offset(FuzzDraft d, String field, MemoryModel memory, int width, long schemaMax) {
    return offset(d, field, memory, width, schemaMax, true, false);
  }

  static Number offset(
      FuzzDraft d,
      String field,
      MemoryModel memory,
      int width,
      long schemaMax,
      boolean required,
      boolean inQuery) {
    long end = Math.max(0, memory.sizeBytes() - width);
    long inRange = d.random.nextBoolean() ? d.randomUpTo(end) : Math.min(end, pageEdge(d, end));
    return d.numbers.resolve(
        d.nextNumber(),
        new Role(
            inRange,
            d.randomUpTo(Math.min(end, 64)),
            0,
            end,
            end + 1 + d.randomUpTo(100),
            schemaMax,
            required),
        field,
        inQuery,
        d.request);
  }

  static Number length(
      FuzzDraft d, String field, MemoryModel memory, Number offset, long schemaMax) {
    long room = offset.value() == null ? 0 : Math.max(0, memory.sizeBytes() - offset.value());
    return d.numbers.resolve(
        d.nextNumber(),
        new Role(
            d.randomUpTo(Math.min(room, 8192)),
            d.randomUpTo(Math.min(room, 16)),
            0,
            room,
            room + 1,
            schemaMax,
            true),
        field,
        false,
        d.request);
  }

  /** Just before a page boundary, so that accesses cross it. */
  static long pageEdge(FuzzDraft d, long end) {
    long pages = end / MemoryModel.PAGE;
    return pages == 0
        ? d.randomUpTo(end)
        : d.randomUpTo(pages - 1) * MemoryModel.PAGE + MemoryModel.PAGE - d.randomUpTo(8);
  }

  static long pagesSpanned(long offset, long length) {
    return length == 0
        ? 0
        : (offset + length - 1) / MemoryModel.PAGE - offset / MemoryModel.PAGE + 1;
  }

  /** A request that may allocate this many pages may also meet the budget (507). */
  static void budget(FuzzDraft d, long pages) {
    if (pages > FuzzDraft.BUDGET_SAFE_PAGES || d.state.dataPages() + pages > 400) {
      d.request.mayExceedLimits = true;
      d.request.uncertain("may need " + pages + " pages of the memory budget");
    }
  }

  static long maximum(OpenApiOperations.Schema body, String property) {
    OpenApiOperations.Schema schema = body.properties().get(property);
    return schema == null || schema.maximum() == null
        ? Long.MAX_VALUE
        : schema.maximum().longValue();
  }

  static void body(FuzzRequest r, String json) {
    r.body = json.getBytes(StandardCharsets.UTF_8);
  }

  private static long base(Number initial) {
    return initial.value() == null ? -1 : initial.value();
  }

  static Long nullableLong(JsonNode node) {
    return node.isNumber() ? node.asLong() : null;
  }

  static String describe(MemoryModel memory) {
    return "{pages "
        + memory.pages()
        + ", initial "
        + memory.initialPages
        + ", maximum "
        + memory.maximumPages
        + "}";
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
