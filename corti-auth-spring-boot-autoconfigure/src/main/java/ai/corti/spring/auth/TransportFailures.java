package ai.corti.spring.auth;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Classifies what went wrong below HTTP, across the HTTP clients Spring Boot can pick
 * (Reactor Netty, JDK {@code HttpClient}, {@code HttpURLConnection}, Jetty, Apache
 * HttpClient): whether a request failed with an I/O error at all, and whether it provably
 * never reached the server (the connection was never made), which is what makes resending
 * a {@code POST} safe.
 */
final class TransportFailures {

	private TransportFailures() {
	}

	/**
	 * An I/O error or timeout anywhere in the cause chain (Spring wraps them).
	 * @param failure the failure of a request
	 * @return whether an I/O error, a timeout or a Netty exception is in its cause chain
	 */
	static boolean isIoFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(failure, cause)) {
			if (cause instanceof IOException || cause instanceof TimeoutException
					|| cause.getClass().getName().startsWith("io.netty.")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the connection could not be established (refused, unknown host, no route,
	 * connect timeout), so the server never saw the request.
	 * @param failure the failure of a request
	 * @return whether the connection could not be established
	 */
	static boolean neverReachedServer(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(failure, cause)) {
			// ConnectException covers Netty's AnnotatedConnectException and
			// ConnectTimeoutException and Apache's
			// HttpHostConnectException.
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException || cause instanceof HttpConnectTimeoutException) {
				return true;
			}
			String type = cause.getClass().getSimpleName();
			if ("ConnectTimeoutException".equals(type)) {
				return true;
			}
			if (cause instanceof SocketTimeoutException && isConnectTimeoutMessage(cause.getMessage())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * {@code HttpURLConnection} says "Connect timed out"; Jetty says "Connect Timeout".
	 * @param message the message of a {@code SocketTimeoutException}, if any
	 * @return whether it says that the connect timed out
	 */
	private static boolean isConnectTimeoutMessage(@Nullable String message) {
		if (message == null) {
			return false;
		}
		String text = message.toLowerCase(Locale.ROOT);
		return text.contains("connect timed out") || text.contains("connect timeout");
	}

	/**
	 * The next cause in the chain, or {@code null} at its end or when the chain comes
	 * back to a cause already seen (a cycle, which {@code initCause} allows).
	 * @param failure the first exception of the chain
	 * @param cause the current cause
	 * @return the next cause, or {@code null}
	 */
	private static @Nullable Throwable next(Throwable failure, Throwable cause) {
		Throwable next = cause.getCause();
		if (next == null || next == cause) {
			return null;
		}
		for (Throwable seen = failure; seen != null && seen != next; seen = seen.getCause()) {
			if (seen == cause) {
				return next;
			}
		}
		return null;
	}

}
