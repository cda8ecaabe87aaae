package dev.wasmmemory.api;

/** Numeric limits of the API's parameters. */
final class Limits {
  /** The largest unsigned 32-bit value: offsets and lengths are 0..2^32-1. */
  static final long MAX_U32 = 4_294_967_295L;

  private Limits() {}
}
