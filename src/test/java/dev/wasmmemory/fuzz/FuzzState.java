package dev.wasmmemory.fuzz;

import static dev.wasmmemory.fuzz.FuzzMemoryOps.JSON;

import dev.wasmmemory.testing.MemoryModel;
import dev.wasmmemory.testing.ServiceHttp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/**
 * The fuzzer's knowledge of the service: a model of every memory it holds, the ids it deleted, the
 * limits it started the service with; and the comparison of the models with the service's bytes.
 */
final class FuzzState implements FuzzDraft.State {
  /** Memories up to this size are compared whole; larger ones page by page. */
  private static final long WHOLE_COMPARISON = 1 << 20;

  private final ServiceHttp http;
  private final int maxMemories;
  private final long maxEncodedRegion;
  private final long maxBodySize;
  private final Map<String, MemoryModel> live = new LinkedHashMap<>();
  private final List<String> deleted = new ArrayList<>();
  private final Map<String, List<String>> shares = new HashMap<>();
  private final Map<String, Map<String, MemoryModel>> snapshots = new HashMap<>();
  private final Random random = new Random(42);
  private final boolean sharesEnabled;

  FuzzState(
      ServiceHttp http,
      int maxMemories,
      long maxEncodedRegion,
      long maxBodySize,
      boolean sharesEnabled) {
    this.http = http;
    this.sharesEnabled = sharesEnabled;
    this.maxMemories = maxMemories;
    this.maxEncodedRegion = maxEncodedRegion;
    this.maxBodySize = maxBodySize;
  }

  @Override
  public List<MemoryModel> live() {
    return List.copyOf(live.values());
  }

  @Override
  public List<String> deleted() {
    return Collections.unmodifiableList(deleted);
  }

  @Override
  public int maxMemories() {
    return maxMemories;
  }

  @Override
  public long maxEncodedRegion() {
    return maxEncodedRegion;
  }

  @Override
  public long maxBodySize() {
    return maxBodySize;
  }

  @Override
  public int dataPages() {
    int snapshotPages =
        snapshots.values().stream()
            .flatMap(of -> of.values().stream())
            .mapToInt(MemoryModel::dataPages)
            .sum();
    return live.values().stream().mapToInt(MemoryModel::dataPages).sum() + snapshotPages;
  }

  @Override
  public String currentTag(String id) {
    try {
      HttpResponse<byte[]> info = http.get("/memories/" + id);
      return info.headers().firstValue("ETag").orElse("\"none\"");
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void created(MemoryModel memory) {
    live.put(memory.id, memory);
  }

  @Override
  public void dropped(String id) {
    live.remove(id);
    deleted.add(id);
    shares.remove(id);
    snapshots.remove(id);
  }

  @Override
  public Map<String, MemoryModel> snapshots(String memoryId) {
    return snapshots.computeIfAbsent(memoryId, id -> new java.util.LinkedHashMap<>());
  }

  @Override
  public boolean sharesEnabled() {
    return sharesEnabled;
  }

  @Override
  public List<String> shares(String memoryId) {
    return List.copyOf(shares.getOrDefault(memoryId, List.of()));
  }

  @Override
  public void shared(String memoryId, String shareId) {
    shares.computeIfAbsent(memoryId, id -> new ArrayList<>()).add(shareId);
  }

  @Override
  public void revoked(String memoryId, String shareId) {
    shares.getOrDefault(memoryId, new ArrayList<>()).remove(shareId);
  }

  /** Creates memories (outside the fuzzed requests) until at least {@code count} exist. */
  void ensureMemories(int count) throws IOException, InterruptedException {
    long[][] shapes = {{1, 4}, {0, 2}, {2, -1}, {3, 8}};
    while (live.size() < count) {
      long[] shape = shapes[live.size() % shapes.length];
      String body =
          "{\"initialPages\":"
              + shape[0]
              + ",\"maximumPages\":"
              + (shape[1] < 0 ? "null" : shape[1])
              + "}";
      HttpResponse<byte[]> created = http.json("POST", "/memories", body);
      if (created.statusCode() != 201) {
        throw new IllegalStateException("cannot create a memory: " + ServiceHttp.describe(created));
      }
      JsonNode info = JSON.readTree(created.body());
      created(
          new MemoryModel(info.path("id").asString(), shape[0], shape[1] < 0 ? null : shape[1]));
    }
  }

  /** Differences between the models and the service, one line each. */
  List<String> compareAll() throws IOException, InterruptedException {
    List<String> differences = new ArrayList<>();
    for (MemoryModel memory : live.values()) {
      String difference = compare(memory);
      if (difference != null) {
        differences.add(difference);
      }
    }
    return differences;
  }

  private String compare(MemoryModel memory) throws IOException, InterruptedException {
    HttpResponse<byte[]> info = http.get("/memories/" + memory.id);
    if (info.statusCode() != 200) {
      return "memory " + memory.id + " is gone: " + ServiceHttp.describe(info);
    }
    long pages = JSON.readTree(info.body()).path("currentPages").asLong(-1);
    if (pages != memory.pages()) {
      return "memory " + memory.id + " has " + pages + " pages, the model " + memory.pages();
    }
    if (memory.sizeBytes() <= WHOLE_COMPARISON) {
      return compareRegion(memory, 0, (int) memory.sizeBytes());
    }
    List<Integer> sampled = new ArrayList<>(memory.dataPageIndexes());
    Collections.shuffle(sampled, random);
    sampled = new ArrayList<>(sampled.subList(0, Math.min(8, sampled.size())));
    sampled.addAll(List.of(0, (int) memory.pages() - 1, random.nextInt((int) memory.pages())));
    for (int page : sampled) {
      String difference = compareRegion(memory, (long) page * MemoryModel.PAGE, MemoryModel.PAGE);
      if (difference != null) {
        return difference;
      }
    }
    return null;
  }

  private String compareRegion(MemoryModel memory, long offset, int length)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> bytes =
        http.get("/memories/" + memory.id + "/bytes?offset=" + offset + "&length=" + length);
    if (bytes.statusCode() != 200) {
      return "cannot read memory " + memory.id + ": " + ServiceHttp.describe(bytes);
    }
    int mismatch = Arrays.mismatch(memory.read(offset, length), bytes.body());
    return mismatch < 0
        ? null
        : "memory "
            + memory.id
            + " differs from the model at byte "
            + (offset + mismatch)
            + " (model "
            + FuzzMemoryOps.describe(memory)
            + ")";
  }

  /**
   * After a violation (when collecting them): stops tracking {@code suspect} and drops every memory
   * of the service the models do not describe, so that later checks start clean.
   */
  void resync(String suspect) throws IOException, InterruptedException {
    if (suspect != null) {
      live.remove(suspect);
    }
    HttpResponse<byte[]> list = http.get("/memories");
    for (JsonNode info : JSON.readTree(list.body()).path("memories")) {
      String id = info.path("id").asString();
      if (!live.containsKey(id)) {
        http.send("DELETE", "/memories/" + id, Map.of(), null);
        deleted.add(id);
      }
    }
  }
}
