package dev.promptops.providers;

import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.promptops.providers.Exchange.Failure;
import dev.promptops.providers.Exchange.Kind;

/**
 * Stands between a stream parser and LangChain4j's listener. LangChain4j's parsers log and ignore
 * an exception thrown while handling an event (an unreadable chunk), which would leave the call
 * waiting for an end that never comes; here the first such exception ends the stream as {@link
 * Kind#MALFORMED}.
 */
final class GuardedListener implements ServerSentEventListener {
  private final ServerSentEventListener delegate;
  private final Exchange exchange;
  private volatile boolean failed;

  GuardedListener(ServerSentEventListener delegate, Exchange exchange) {
    this.delegate = delegate;
    this.exchange = exchange;
  }

  boolean failed() {
    return failed;
  }

  @Override
  public void onOpen(SuccessfulHttpResponse response) {
    delegate.onOpen(response);
  }

  @Override
  public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
    if (failed) {
      return;
    }
    try {
      delegate.onEvent(event, context);
    } catch (RuntimeException e) {
      context.parsingHandle().cancel();
      fail(new Failure(Kind.MALFORMED, 0, null, Transport.describe(e), e));
    }
  }

  @Override
  public void onEvent(ServerSentEvent event) {
    if (failed) {
      return;
    }
    try {
      delegate.onEvent(event);
    } catch (RuntimeException e) {
      fail(new Failure(Kind.MALFORMED, 0, null, Transport.describe(e), e));
    }
  }

  @Override
  public void onError(Throwable error) {
    if (failed || exchange.cancelled()) {
      return;
    }
    fail(new Failure(Kind.BROKEN, 0, null, Transport.describe(error), error));
  }

  @Override
  public void onClose() {
    // the transport closes the stream once parsing ends
  }

  private void fail(Failure failure) {
    failed = true;
    try {
      delegate.onError(exchange.fail(failure));
    } catch (RuntimeException ignored) {
      // the adapter's handler does not throw
    }
  }
}
