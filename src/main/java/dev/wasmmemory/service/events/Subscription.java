package dev.wasmmemory.service.events;

/** A subscriber's handle: {@link #close} ends its stream and frees its place. */
public final class Subscription implements AutoCloseable {
  private final Subscriber subscriber;

  Subscription(Subscriber subscriber) {
    this.subscriber = subscriber;
  }

  @Override
  public void close() {
    subscriber.close();
  }
}
