package dev.wasmmemory.service;

/**
 * The caller of the request being served. The security layer implements it from its own context; in
 * open mode it is {@link #OPEN}, which costs nothing per request.
 */
@FunctionalInterface
public interface Callers {
  Callers OPEN = () -> Caller.ANYONE;

  Caller current();
}
