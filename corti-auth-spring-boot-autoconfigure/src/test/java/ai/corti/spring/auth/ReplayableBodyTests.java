package ai.corti.spring.auth;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ExchangeStrategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@link ReplayableBody}: a copy of a {@code WebClient} body taken while a real
 * {@link BodyInserter} writes it, resent in place of the original when it is complete and
 * small enough.
 */
class ReplayableBodyTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final BodyInserter.Context CONTEXT = new WriterContext();

	private final AtomicInteger inserts = new AtomicInteger();

	private static MockClientHttpRequest request() {
		return new MockClientHttpRequest(HttpMethod.POST, URI.create("https://api.eu.corti.app/v2/interactions/"));
	}

	private static MockClientHttpRequest write(BodyInserter<?, ? super ClientHttpRequest> inserter) {
		MockClientHttpRequest request = request();
		write(inserter, request);
		return request;
	}

	private static void write(BodyInserter<?, ? super ClientHttpRequest> inserter, MockClientHttpRequest request) {
		inserter.insert(request, CONTEXT).block(TIMEOUT);
	}

	private static byte[] bytesOf(MockClientHttpRequest request) {
		DataBuffer joined = DataBufferUtils.join(request.getBody()).block(TIMEOUT);
		assertThat(joined).isNotNull();
		byte[] bytes = new byte[joined.readableByteCount()];
		joined.read(bytes);
		return bytes;
	}

	private static String textOf(MockClientHttpRequest request) {
		return new String(bytesOf(request), StandardCharsets.UTF_8);
	}

	private static DataBuffer buffer(byte[] bytes) {
		return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
	}

	private static DataBuffer buffer(String text) {
		return buffer(text.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] bytes(int size, int seed) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31 + seed);
		}
		return bytes;
	}

	private static Flux<DataBuffer> chunks(byte[] whole, int chunkSize) {
		return Flux.range(0, (whole.length + chunkSize - 1) / chunkSize)
			.map((i) -> buffer(Arrays.copyOfRange(whole, i * chunkSize, Math.min(whole.length, (i + 1) * chunkSize))));
	}

	/**
	 * A body that counts how often the original writer is asked to write.
	 * @param original the body inserter to wrap
	 * @return the replayable body
	 */
	private ReplayableBody counted(BodyInserter<?, ? super ClientHttpRequest> original) {
		return new ReplayableBody((message, context) -> {
			this.inserts.incrementAndGet();
			return original.insert(message, context);
		});
	}

	/**
	 * A body written by the given function, as a {@code BodyInserter} would.
	 * @param writer what writes to the request
	 * @return the replayable body
	 */
	private ReplayableBody writtenBy(Writer writer) {
		return counted((message, context) -> writer.write(message));
	}

	@Test
	void aBodyNotWrittenYetCanBeSent() {
		ReplayableBody body = counted(BodyInserters.fromValue("hello"));
		assertThat(body.canSendAgain()).isTrue();
		assertThat(this.inserts).hasValue(0);
	}

	@Test
	void theFirstAttemptWritesTheOriginalBody() {
		ReplayableBody body = counted(BodyInserters.fromValue("hello"));
		MockClientHttpRequest first = write(body.nextAttempt());
		assertThat(textOf(first)).isEqualTo("hello");
		assertThat(first.getHeaders().getContentType())
			.isEqualTo(new MediaType("text", "plain", StandardCharsets.UTF_8));
		assertThat(this.inserts).hasValue(1);
	}

	@Test
	void aWrittenValueIsResentFromTheCopyWithTheWritersHeaders() {
		ReplayableBody body = counted(BodyInserters.fromValue("{\"reason\":\"hello\"}"));
		write(body.nextAttempt());
		assertThat(body.canSendAgain()).isTrue();
		MockClientHttpRequest second = write(body.nextAttempt());
		MockClientHttpRequest third = write(body.nextAttempt());
		assertThat(this.inserts).hasValue(1);
		for (MockClientHttpRequest resent : List.of(second, third)) {
			assertThat(textOf(resent)).isEqualTo("{\"reason\":\"hello\"}");
			assertThat(resent.getHeaders().getContentType())
				.isEqualTo(new MediaType("text", "plain", StandardCharsets.UTF_8));
			assertThat(resent.getHeaders().getContentLength()).isEqualTo(18);
		}
		assertThat(body.canSendAgain()).isTrue();
	}

	@Test
	void aOneShotSourceIsReadOnce() {
		Flux<DataBuffer> once = Flux.just(buffer("part one, "), buffer("part two")).publish().autoConnect();
		ReplayableBody body = counted(BodyInserters.fromDataBuffers(once));
		assertThat(textOf(write(body.nextAttempt()))).isEqualTo("part one, part two");
		MockClientHttpRequest resent = write(body.nextAttempt());
		assertThat(textOf(resent)).isEqualTo("part one, part two");
		assertThat(resent.getHeaders().getContentLength()).isEqualTo(18);
		assertThat(this.inserts).hasValue(1);
	}

	@Test
	void aFormIsResentWithItsContentType() {
		ReplayableBody body = counted(BodyInserters.fromFormData("grant", "x y").with("scope", "openid"));
		MockClientHttpRequest first = write(body.nextAttempt());
		MockClientHttpRequest resent = write(body.nextAttempt());
		assertThat(textOf(resent)).isEqualTo(textOf(first)).isEqualTo("grant=x+y&scope=openid");
		assertThat(resent.getHeaders().getContentType()).isEqualTo(first.getHeaders().getContentType());
		assertThat(resent.getHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)).isTrue());
	}

	@Test
	void multipartIsResentWithTheBoundaryOfItsBytes() {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("name", "recording");
		parts.add("notes", "first visit");
		ReplayableBody body = counted(BodyInserters.fromMultipartData(parts));
		MockClientHttpRequest first = write(body.nextAttempt());
		MockClientHttpRequest resent = write(body.nextAttempt());
		MediaType type = first.getHeaders().getContentType();
		assertThat(type).isNotNull();
		assertThat(type.getParameter("boundary")).isNotBlank();
		assertThat(resent.getHeaders().getContentType()).isEqualTo(type);
		assertThat(bytesOf(resent)).isEqualTo(bytesOf(first));
		assertThat(textOf(resent)).contains("--" + type.getParameter("boundary"), "first visit");
		assertThat(this.inserts).hasValue(1);
	}

	@Test
	void anEmptyBodyIsResentEmpty() {
		ReplayableBody body = writtenBy(ClientHttpRequest::setComplete);
		write(body.nextAttempt());
		assertThat(body.canSendAgain()).isTrue();
		MockClientHttpRequest resent = write(body.nextAttempt());
		assertThat(bytesOf(resent)).isEmpty();
		assertThat(resent.getHeaders().getContentLength()).isZero();
		assertThat(this.inserts).hasValue(1);
	}

	@Test
	void aBodyOfExactlyTheLimitWithoutALengthIsKept() {
		byte[] whole = bytes(ReplayableBody.MAX_RECORDED_BYTES, 7);
		ReplayableBody body = counted(BodyInserters.fromDataBuffers(chunks(whole, 1000)));
		write(body.nextAttempt());
		assertThat(body.canSendAgain()).isTrue();
		MockClientHttpRequest resent = write(body.nextAttempt());
		assertThat(bytesOf(resent)).isEqualTo(whole);
		assertThat(resent.getHeaders().getContentLength()).isEqualTo(ReplayableBody.MAX_RECORDED_BYTES);
		assertThat(this.inserts).hasValue(1);
	}

	@Test
	void aBodyOfExactlyTheLimitWithItsLengthIsKept() {
		byte[] whole = bytes(ReplayableBody.MAX_RECORDED_BYTES, 3);
		ReplayableBody body = counted(BodyInserters.fromValue(whole));
		write(body.nextAttempt());
		assertThat(body.canSendAgain()).isTrue();
		assertThat(bytesOf(write(body.nextAttempt()))).isEqualTo(whole);
		assertThat(this.inserts).hasValue(1);
	}

	@Test
	void aLargerBodyWithItsLengthIsSentButNotKept() {
		byte[] whole = bytes(ReplayableBody.MAX_RECORDED_BYTES + 1, 5);
		ReplayableBody body = counted(BodyInserters.fromValue(whole));
		MockClientHttpRequest first = write(body.nextAttempt());
		assertThat(bytesOf(first)).isEqualTo(whole);
		assertThat(body.canSendAgain()).isFalse();
	}

	@Test
	void aLargerBodyWithoutALengthIsSentButNotKept() {
		byte[] whole = bytes(ReplayableBody.MAX_RECORDED_BYTES + 1, 9);
		ReplayableBody body = counted(BodyInserters.fromDataBuffers(chunks(whole, 64 * 1024)));
		MockClientHttpRequest first = write(body.nextAttempt());
		assertThat(bytesOf(first)).isEqualTo(whole);
		assertThat(body.canSendAgain()).isFalse();
	}

	@Test
	void aLengthAboveTheLimitGivesUpBeforeTheFirstByte() {
		ReplayableBody body = writtenBy((message) -> {
			message.getHeaders().setContentLength(ReplayableBody.MAX_RECORDED_BYTES + 1L);
			return message.writeWith(Flux.never());
		});
		MockClientHttpRequest request = request();
		request.setWriteHandler((written) -> Mono.empty());
		write(body.nextAttempt(), request);
		assertThat(body.canSendAgain()).isFalse();
	}

	@Test
	void aBodyOfAStreamingMediaTypeIsSentButNotKept() {
		ReplayableBody body = counted(
				BodyInserters.fromPublisher(Flux.just(new Reading(1), new Reading(2)), Reading.class));
		MockClientHttpRequest first = request();
		first.getHeaders().setContentType(MediaType.APPLICATION_NDJSON);
		write(body.nextAttempt(), first);
		assertThat(textOf(first)).isEqualTo("{\"value\":1}\n{\"value\":2}\n");
		assertThat(body.canSendAgain()).isFalse();
	}

	@Test
	void theSameValuesAsJsonAreKept() {
		ReplayableBody body = counted(
				BodyInserters.fromPublisher(Flux.just(new Reading(1), new Reading(2)), Reading.class));
		MockClientHttpRequest first = request();
		first.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		write(body.nextAttempt(), first);
		assertThat(body.canSendAgain()).isTrue();
		MockClientHttpRequest resent = write(body.nextAttempt());
		assertThat(textOf(resent)).isEqualTo(textOf(first)).isEqualTo("[{\"value\":1},{\"value\":2}]");
		assertThat(resent.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
	}

	@Test
	void aBodyWrittenWithFlushesIsNotKept() {
		ReplayableBody body = writtenBy((message) -> message.writeAndFlushWith(Flux.just(Mono.just(buffer("a")))));
		assertThat(textOf(write(body.nextAttempt()))).isEqualTo("a");
		assertThat(body.canSendAgain()).isFalse();
	}

	@Test
	void aBodyShorterThanItsLengthIsNotKept() {
		ReplayableBody body = writtenBy((message) -> {
			message.getHeaders().setContentLength(10);
			return message.writeWith(Mono.just(buffer("abcd")));
		});
		write(body.nextAttempt());
		assertThat(body.canSendAgain()).isFalse();
	}

	@Test
	void aBodyWhoseWritingFailedIsNotKept() {
		ReplayableBody body = writtenBy((message) -> message
			.writeWith(Flux.concat(Mono.just(buffer("abc")), Mono.error(new IOException("gone")))));
		assertThatException().isThrownBy(() -> write(body.nextAttempt())).withRootCauseInstanceOf(IOException.class);
		assertThat(body.canSendAgain()).isFalse();
	}

	@Test
	void aBodyCancelledAfterItsFirstBytesIsNotKept() {
		ReplayableBody body = writtenBy((message) -> message.writeWith(Flux.just(buffer("first "), buffer("second"))));
		MockClientHttpRequest request = request();
		request.setWriteHandler((written) -> written.next().then());
		write(body.nextAttempt(), request);
		assertThat(body.canSendAgain()).isFalse();
	}

	@Test
	void theCopyIsCompleteOnceTheDeclaredLengthHasPassed() {
		ReplayableBody body = writtenBy((message) -> {
			message.getHeaders().setContentLength(5);
			return message.writeWith(Flux.concat(Mono.just(buffer("hello")), Flux.never()));
		});
		MockClientHttpRequest request = request();
		request.setWriteHandler((written) -> written.next().then());
		write(body.nextAttempt(), request);
		assertThat(body.canSendAgain()).isTrue();
		assertThat(textOf(write(body.nextAttempt()))).isEqualTo("hello");
		assertThat(this.inserts).hasValue(1);
	}

	@Test
	void aBodyTheConnectorNeverReadIsSentAgainFromTheOriginal() {
		ReplayableBody body = counted(BodyInserters.fromValue("unread"));
		MockClientHttpRequest failed = request();
		failed.setWriteHandler((written) -> Mono.empty());
		write(body.nextAttempt(), failed);
		assertThat(body.canSendAgain()).isTrue();
		MockClientHttpRequest resent = write(body.nextAttempt());
		assertThat(textOf(resent)).isEqualTo("unread");
		assertThat(this.inserts).hasValue(2);
		assertThat(textOf(write(body.nextAttempt()))).isEqualTo("unread");
		assertThat(this.inserts).hasValue(2);
	}

	@Test
	void theConnectorSeesAnUnfusedBody() {
		AtomicReference<Publisher<? extends DataBuffer>> seen = new AtomicReference<>();
		ReplayableBody body = counted(BodyInserters.fromValue("fused?"));
		MockClientHttpRequest request = request();
		request.setWriteHandler((written) -> {
			seen.set(written);
			return written.then();
		});
		write(body.nextAttempt(), request);
		assertThat(seen.get()).isNotNull().isNotInstanceOf(Fuseable.class);
		assertThat(body.canSendAgain()).isTrue();
	}

	/**
	 * A value that Jackson writes.
	 *
	 * @param value the value
	 */
	record Reading(int value) {

	}

	/** Writes a body to a request. */
	@FunctionalInterface
	private interface Writer {

		Mono<Void> write(ClientHttpRequest message);

	}

	/** The message writers {@code WebClient} uses by default. */
	private static final class WriterContext implements BodyInserter.Context {

		private final List<HttpMessageWriter<?>> writers = ExchangeStrategies.withDefaults().messageWriters();

		@Override
		public List<HttpMessageWriter<?>> messageWriters() {
			return this.writers;
		}

		@Override
		public Optional<ServerHttpRequest> serverRequest() {
			return Optional.empty();
		}

		@Override
		public Map<String, Object> hints() {
			return Map.of();
		}

	}

}
