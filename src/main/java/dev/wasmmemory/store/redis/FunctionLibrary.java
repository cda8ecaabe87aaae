package dev.wasmmemory.store.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lua library of the store ({@code wasmmemory.lua}, a resource beside this class), loaded with
 * {@code FUNCTION LOAD REPLACE} on every primary. Its name carries a version ({@code
 * wasmmemory_v4}) and its functions a matching prefix ({@code wm4_}), so builds with different
 * scripts can run against one cluster at once, each calling its own.
 */
final class FunctionLibrary {
  private static final String RESOURCE = "wasmmemory.lua";
  private static final Pattern NAME = Pattern.compile("^#!lua name=wasmmemory_v(\\d+)\\n");

  private final String source;
  private final String prefix;

  private FunctionLibrary(String source, String prefix) {
    this.source = source;
    this.prefix = prefix;
  }

  /** The library shipped with this build. */
  static FunctionLibrary bundled() {
    try (InputStream in = FunctionLibrary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Matcher name = NAME.matcher(source);
      if (!name.find()) {
        throw new IllegalStateException(RESOURCE + " does not start with #!lua name=wasmmemory_vN");
      }
      return new FunctionLibrary(source, "wm" + name.group(1) + "_");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The full name of the library's function {@code operation} ({@code set} → {@code wm4_set}). */
  String function(String operation) {
    return prefix + operation;
  }

  /** Loads (or replaces) the library on every primary; a node that cannot load it fails here. */
  void load(RedisConnection redis) {
    List<RedisFuture<String>> loads = new ArrayList<>();
    for (RedisClusterAsyncCommands<byte[], byte[]> primary : redis.primaries()) {
      loads.add(primary.functionLoad(source, true));
    }
    for (RedisFuture<String> load : loads) {
      redis.await(load);
    }
  }
}
