package dev.wasmmemory.store;

import java.util.List;
import java.util.Optional;

/**
 * Small records a store keeps beside its memories, as durably and as widely shared as they are:
 * what runs on the memories (modules and instances) then outlives a restart on RocksDB and is seen
 * by every replica on Redis, like the memories it runs on. Values are opaque bytes under an id in a
 * named space; each put replaces the record whole, at one instant.
 */
public interface RecordStore {
  void put(String space, String id, byte[] value);

  Optional<byte[]> get(String space, String id);

  /** Every record of {@code space}, in no particular order. */
  List<byte[]> all(String space);

  /** False when there was no such record. */
  boolean delete(String space, String id);

  int count(String space);
}
