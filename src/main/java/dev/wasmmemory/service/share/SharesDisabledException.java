package dev.wasmmemory.service.share;

/** Share links exist only with {@code memory.security=jwt}. */
public final class SharesDisabledException extends RuntimeException {
  public SharesDisabledException() {
    super("share links exist only with memory.security=jwt: in open mode anyone may read a memory");
  }
}
