package ai.corti.spring.auth;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TransportFailures}: which failures are I/O errors, and which prove that the
 * request never reached the server, as each HTTP client reports them.
 */
class TransportFailuresTests {

	private static WebClientRequestException webClient(Throwable cause) {
		return new WebClientRequestException(cause, HttpMethod.POST, URI.create("https://api.eu.corti.app/v2/x"),
				new HttpHeaders());
	}

	private static ResourceAccessException restClient(IOException cause) {
		return new ResourceAccessException("I/O error on POST request", cause);
	}

	@Test
	void refusedConnectionsNeverReachedTheServer() {
		assertThat(TransportFailures.neverReachedServer(new ConnectException("Connection refused"))).isTrue();
	}

	@Test
	void unknownHostsAndMissingRoutesNeverReachedTheServer() {
		assertThat(TransportFailures.neverReachedServer(new UnknownHostException("api.eu.corti.app"))).isTrue();
		assertThat(TransportFailures.neverReachedServer(new NoRouteToHostException("No route to host"))).isTrue();
	}

	@Test
	void connectTimeoutsOfEveryClientNeverReachedTheServer() {
		// Reactor Netty
		assertThat(TransportFailures.neverReachedServer(new io.netty.channel.ConnectTimeoutException("timed out")))
			.isTrue();
		// JDK HttpClient
		assertThat(TransportFailures.neverReachedServer(new HttpConnectTimeoutException("HTTP connect timed out")))
			.isTrue();
		// Apache HttpClient (kept off this class path): recognised by its name
		assertThat(TransportFailures.neverReachedServer(new ConnectTimeoutException("Connect to auth failed")))
			.isTrue();
		// HttpURLConnection, then Jetty
		assertThat(TransportFailures.neverReachedServer(new SocketTimeoutException("Connect timed out"))).isTrue();
		assertThat(TransportFailures.neverReachedServer(new SocketTimeoutException("Connect Timeout"))).isTrue();
	}

	@Test
	void readTimeoutsMayHaveReachedTheServer() {
		assertThat(TransportFailures.neverReachedServer(new SocketTimeoutException("Read timed out"))).isFalse();
		assertThat(TransportFailures.neverReachedServer(new SocketTimeoutException())).isFalse();
		assertThat(TransportFailures.neverReachedServer(new HttpTimeoutException("request timed out"))).isFalse();
		assertThat(TransportFailures.neverReachedServer(ReadTimeoutException.INSTANCE)).isFalse();
		assertThat(TransportFailures.neverReachedServer(new TimeoutException("Did not observe any item"))).isFalse();
	}

	@Test
	void aConnectTimeoutMessageCountsOnlyOnASocketTimeout() {
		assertThat(TransportFailures.neverReachedServer(new IOException("Connect timed out"))).isFalse();
		assertThat(TransportFailures.neverReachedServer(new InterruptedIOException("connect timeout"))).isFalse();
	}

	@Test
	void failuresAfterTheConnectionMayHaveReachedTheServer() {
		assertThat(TransportFailures.neverReachedServer(PrematureCloseException.TEST_EXCEPTION)).isFalse();
		assertThat(TransportFailures.neverReachedServer(new SocketException("Connection reset"))).isFalse();
		assertThat(TransportFailures.neverReachedServer(new IOException("Broken pipe"))).isFalse();
		assertThat(TransportFailures.neverReachedServer(new IllegalStateException("no"))).isFalse();
	}

	@Test
	void wrappedCausesAreFoundAtAnyDepth() {
		assertThat(TransportFailures.neverReachedServer(webClient(new ConnectException("Connection refused"))))
			.isTrue();
		assertThat(TransportFailures.neverReachedServer(restClient(new UnknownHostException("api.eu.corti.app"))))
			.isTrue();
		assertThat(TransportFailures.neverReachedServer(
				new CompletionException(new UncheckedIOException(new SocketTimeoutException("Connect timed out")))))
			.isTrue();
		assertThat(TransportFailures.neverReachedServer(webClient(PrematureCloseException.TEST_EXCEPTION))).isFalse();
	}

	@Test
	void ioErrorsAndTimeoutsAreIoFailures() {
		assertThat(TransportFailures.isIoFailure(new IOException("Broken pipe"))).isTrue();
		assertThat(TransportFailures.isIoFailure(new ConnectException("Connection refused"))).isTrue();
		assertThat(TransportFailures.isIoFailure(PrematureCloseException.TEST_EXCEPTION)).isTrue();
		assertThat(TransportFailures.isIoFailure(new HttpTimeoutException("request timed out"))).isTrue();
		assertThat(TransportFailures.isIoFailure(new TimeoutException("Did not observe any item"))).isTrue();
	}

	@Test
	void nettyExceptionsAreIoFailuresAlthoughUnchecked() {
		assertThat(TransportFailures.isIoFailure(ReadTimeoutException.INSTANCE)).isTrue();
		assertThat(TransportFailures.isIoFailure(new ChannelException("channel closed"))).isTrue();
	}

	@Test
	void wrappedIoErrorsAreIoFailures() {
		assertThat(TransportFailures.isIoFailure(webClient(new IOException("Connection reset")))).isTrue();
		assertThat(TransportFailures.isIoFailure(restClient(new SocketTimeoutException("Read timed out")))).isTrue();
		assertThat(TransportFailures
			.isIoFailure(new IllegalStateException(new RuntimeException(new ChannelException("closed"))))).isTrue();
	}

	@Test
	void otherFailuresAreNotIoFailures() {
		assertThat(TransportFailures.isIoFailure(new IllegalStateException("no body"))).isFalse();
		assertThat(TransportFailures.isIoFailure(new RuntimeException(new IllegalArgumentException("bad")))).isFalse();
		assertThat(TransportFailures.isIoFailure(new UnsupportedOperationException("no"))).isFalse();
	}

	@Test
	void aCauseChainWithACycleEnds() {
		RuntimeException first = new RuntimeException("first");
		RuntimeException second = new RuntimeException("second", first);
		first.initCause(second);
		assertThat(CompletableFuture.supplyAsync(() -> TransportFailures.isIoFailure(first)))
			.succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(false);
		assertThat(CompletableFuture.supplyAsync(() -> TransportFailures.neverReachedServer(first)))
			.succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(false);
	}

	/**
	 * Named and typed like Apache HttpClient's, which this module's tests keep off their
	 * class path.
	 */
	private static final class ConnectTimeoutException extends SocketTimeoutException {

		ConnectTimeoutException(String message) {
			super(message);
		}

	}

}
