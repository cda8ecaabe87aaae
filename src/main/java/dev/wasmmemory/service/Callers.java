package dev.wasmmemory.service;

import java.util.function.Supplier;

/**
 * The caller of the request being served. The security layer implements it from its own context; in
 * open mode it is {@link #OPEN}, which costs nothing per request.
 */
@FunctionalInterface
public interface Callers {
  Callers OPEN = () -> Caller.ANYONE;

  Caller current();

  /**
   * {@code body}, acting for the current caller on whichever thread runs it: the security layer's
   * caller is the request thread's, and work handed to another thread (a WebAssembly call) must
   * find the same memories. Nothing to carry in open mode.
   */
  default <T> Supplier<T> carry(Supplier<T> body) {
    return body;
  }
}
