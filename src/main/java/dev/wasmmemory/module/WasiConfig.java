package dev.wasmmemory.module;

import java.util.List;
import java.util.Map;

/**
 * WASI preview 1 for an instance: its arguments, environment and stdin. There is no file system and
 * no network: no directory is pre-opened, sockets are refused.
 */
public record WasiConfig(List<String> args, Map<String, String> env, byte[] stdin) {
  public WasiConfig {
    args = List.copyOf(args);
    env = Map.copyOf(env);
    stdin = stdin.clone();
  }
}
