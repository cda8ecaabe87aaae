package dev.wasmmemory.store.heap;

import dev.wasmmemory.store.RecordStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Records in the heap: lost with the process, like the heap's memories. */
final class HeapRecordStore implements RecordStore {
  private final Map<String, Map<String, byte[]>> spaces = new ConcurrentHashMap<>();

  private Map<String, byte[]> space(String name) {
    return spaces.computeIfAbsent(name, key -> new ConcurrentHashMap<>());
  }

  @Override
  public void put(String space, String id, byte[] value) {
    space(space).put(id, value.clone());
  }

  @Override
  public Optional<byte[]> get(String space, String id) {
    return Optional.ofNullable(space(space).get(id)).map(byte[]::clone);
  }

  @Override
  public List<byte[]> all(String space) {
    return space(space).values().stream().map(byte[]::clone).toList();
  }

  @Override
  public boolean delete(String space, String id) {
    return space(space).remove(id) != null;
  }

  @Override
  public int count(String space) {
    return space(space).size();
  }
}
