package io.procsweep.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opentest4j.AssertionFailedError;

/**
 * Runs one property try on a worker thread and fails it as a hang when it outlives a bound
 * (jqwik has no per-try timeout of its own). The bound is far above a normal try, so it only
 * fires on a real hang, never on a slow machine: it is a guard, not a timing assertion.
 */
public final class Bounded {
  private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "bounded-try");
    t.setDaemon(true); // a hung try must not keep the test JVM alive
    return t;
  });

  private Bounded() {}

  /** The value {@code body} returns; what it throws is rethrown as is. */
  public static <T> T within(Duration bound, String what, Callable<T> body) {
    Future<T> f = WORKERS.submit(body);
    try {
      return f.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new AssertionFailedError("hang: no result within " + bound.toSeconds() + " s for "
          + what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while waiting for " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new AssertionFailedError("unexpected checked exception for " + what, cause);
    }
  }
}
