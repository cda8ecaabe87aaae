package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.StorageException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Calls the library's functions with FCALL, each with one key (which routes it to the primary that
 * holds it) and its arguments as bytes. A primary that lost the library (a new node, a flushed one)
 * gets it loaded again and the call is retried once.
 */
final class Scripts {
  private final RedisConnection redis;
  private final FunctionLibrary library;

  Scripts(RedisConnection redis, FunctionLibrary library) {
    this.redis = redis;
    this.library = library;
  }

  RedisConnection redis() {
    return redis;
  }

  /** Calls {@code operation} (e.g. {@code set}) on {@code key} and waits for its reply. */
  Reply call(String operation, byte[] key, Object... args) {
    byte[][] encoded = encode(args);
    try {
      try {
        return new Reply(redis.await(fcall(operation, key, encoded)));
      } catch (RedisCommandExecutionException e) {
        if (!isMissingFunction(e)) {
          throw e;
        }
        library.load(redis);
        return new Reply(redis.await(fcall(operation, key, encoded)));
      }
    } catch (RedisException e) {
      throw failed(key, operation, e);
    }
  }

  /**
   * Redis failed or did not answer. An error reply or a refused connection changed nothing; after a
   * timeout a write may still have been applied (once: a retry is not sent).
   */
  static StorageException failed(byte[] key, String operation, RedisException e) {
    String id = Keys.memoryId(key);
    return new StorageException(id, "Redis failed during " + operation + ": " + e.getMessage(), e);
  }

  /** Sends {@code operation} without waiting: pipelined calls, or fire-and-forget ones. */
  RedisFuture<List<Object>> send(String operation, byte[] key, Object... args) {
    return fcall(operation, key, encode(args));
  }

  private RedisFuture<List<Object>> fcall(String operation, byte[] key, byte[][] args) {
    return redis
        .commands()
        .fcall(library.function(operation), ScriptOutputType.MULTI, new byte[][] {key}, args);
  }

  private static boolean isMissingFunction(RedisCommandExecutionException e) {
    return e.getMessage() != null && e.getMessage().contains("Function not found");
  }

  private static byte[][] encode(Object[] args) {
    byte[][] encoded = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (arg instanceof byte[] bytes) {
        encoded[i] = bytes;
      } else if (arg instanceof Long || arg instanceof Integer) {
        encoded[i] = arg.toString().getBytes(StandardCharsets.US_ASCII);
      } else if (arg instanceof Boolean flag) {
        encoded[i] = new byte[] {(byte) (flag ? '1' : '0')};
      } else if (arg instanceof String text) {
        encoded[i] = text.getBytes(StandardCharsets.UTF_8);
      } else {
        throw new IllegalArgumentException("argument " + arg);
      }
    }
    return encoded;
  }
}
