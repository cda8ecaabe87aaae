package dev.wasmmemory.store.redis;

import java.nio.charset.StandardCharsets;

/**
 * The key layout, Java side ({@code wasmmemory.lua} documents all of it). Every key of a memory
 * carries the hash tag {@code {<id>}}, so they share one slot; the functions take the meta key and
 * derive the others. The index and the budget have hash tags of their own.
 */
final class Keys {
  /** The zset of every memory's id in creation order. */
  static final byte[] INDEX = bytes("wms:{index}");

  /** The global budget's hash (and, with suffixes, its pools, heartbeats and reconciliation). */
  static final byte[] BUDGET = bytes("wms:{budget}");

  private Keys() {}

  /** The meta hash of memory {@code id}: the key every function of the memory is called with. */
  static byte[] meta(String id) {
    return bytes(prefix(id) + "m");
  }

  /** Page {@code index} of memory {@code id}: 64 KiB, or absent for a page of zeros. */
  static byte[] page(String id, int index) {
    return bytes(prefix(id) + "p" + index);
  }

  /** Staged bytes for page {@code index} of the streamed write {@code token}. */
  static byte[] staging(String id, String token, int index) {
    return bytes(prefix(id) + "s:" + token + ":" + index);
  }

  /** The memory a key belongs to, or null for a key of no memory (the index, the budget). */
  static String memoryId(byte[] key) {
    String text = new String(key, StandardCharsets.UTF_8);
    int open = text.indexOf('{');
    int close = text.indexOf('}', open + 1);
    return text.startsWith("mem:{") && close > open ? text.substring(open + 1, close) : null;
  }

  private static String prefix(String id) {
    return "mem:{" + id + "}:";
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
