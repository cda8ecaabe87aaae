package dev.wasmmemory.store.rocksdb;

/** RocksDB refused a read or a write after start-up (a full or failing disk). */
final class RocksStoreException extends RuntimeException {
  RocksStoreException(String what, Exception cause) {
    super("RocksDB " + what + ": " + cause.getMessage(), cause);
  }
}
