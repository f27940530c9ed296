package ai.corti.spring.auth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.BodyInserter;

/**
 * Lets a {@code WebClient} request be sent again, by keeping a copy of its body while it is written. Whatever wrote
 * the body (a value, a form, multipart parts, a {@code Resource}, a {@code Flux}), the bytes on the wire are copied as
 * they pass, up to {@value #MAX_RECORDED_BYTES} bytes, and a resend writes the copy: the source is never read twice,
 * so one-shot sources (an {@code InputStream}) are safe too. A body is not sent again when it is larger than that
 * (the copy is dropped as soon as it would be), when it was written with flushes (streaming media types such as
 * {@code application/x-ndjson}), or when its writing did not complete. A request whose body was never written (the
 * connection could not be made, and nothing read the body) is sent again with its original body.
 */
final class ReplayableBody {

	static final int MAX_RECORDED_BYTES = 1024 * 1024;

	private final BodyInserter<?, ? super ClientHttpRequest> original;

	private volatile boolean started;

	private volatile boolean unreplayable;

	private volatile byte @Nullable [] bytes;

	private volatile @Nullable MediaType contentType;

	ReplayableBody(BodyInserter<?, ? super ClientHttpRequest> original) {
		this.original = original;
	}

	/** Whether {@link #nextAttempt()} can send the body (again). */
	boolean canSendAgain() {
		return !this.started || (this.bytes != null && !this.unreplayable);
	}

	/** The body for the next attempt: the recorded copy once there is one, else the original, recorded. */
	BodyInserter<?, ? super ClientHttpRequest> nextAttempt() {
		return (this.bytes != null) ? replay() : recording();
	}

	private BodyInserter<?, ? super ClientHttpRequest> recording() {
		return (message, context) -> this.original.insert(new Recorder(message), context);
	}

	/** Writes the recorded bytes with the content type the original writer chose. */
	private BodyInserter<?, ? super ClientHttpRequest> replay() {
		return (message, context) -> {
			byte[] recorded = this.bytes;
			MediaType type = this.contentType;
			if (type != null) {
				message.getHeaders().setContentType(type);
			}
			message.getHeaders().setContentLength(recorded.length);
			return message.writeWith(Mono.fromSupplier(() -> message.bufferFactory().wrap(recorded)));
		};
	}

	private final class Recorder extends ClientHttpRequestDecorator {

		private @Nullable ByteArrayOutputStream copy = new ByteArrayOutputStream();

		Recorder(ClientHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			// Writers set Content-Type on the outgoing message, not on the ClientRequest: keep it for a resend.
			ReplayableBody.this.contentType = getHeaders().getContentType();
			if (getHeaders().getContentLength() > MAX_RECORDED_BYTES) {
				giveUp();
				return super.writeWith(body);
			}
			// Started only once bytes are asked for: some connectors take the body before they connect.
			// Complete once the write succeeded: a connector may cancel the body once it has the declared length.
			return super.writeWith(Flux.from(body)
				.doOnSubscribe((subscription) -> ReplayableBody.this.started = true)
				.doOnNext(this::record)).doOnSuccess((done) -> completed());
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			giveUp();
			return super.writeAndFlushWith(body);
		}

		@Override
		public Mono<Void> setComplete() {
			if (ReplayableBody.this.bytes == null && !ReplayableBody.this.unreplayable && this.copy != null
					&& this.copy.size() == 0) {
				ReplayableBody.this.bytes = new byte[0];
			}
			return super.setComplete();
		}

		private void record(DataBuffer buffer) {
			ByteArrayOutputStream copy = this.copy;
			if (copy == null) {
				return;
			}
			int size = buffer.readableByteCount();
			if (copy.size() + size > MAX_RECORDED_BYTES) {
				giveUp();
				return;
			}
			ByteBuffer bytes = ByteBuffer.allocate(size);
			buffer.toByteBuffer(buffer.readPosition(), bytes, 0, size);
			copy.write(bytes.array(), 0, size);
		}

		private void completed() {
			ByteArrayOutputStream copy = this.copy;
			long declared = getHeaders().getContentLength();
			if (copy != null && declared >= 0 && declared != copy.size()) {
				giveUp();
				return;
			}
			if (copy != null && !ReplayableBody.this.unreplayable) {
				ReplayableBody.this.bytes = copy.toByteArray();
			}
			this.copy = null;
		}

		private void giveUp() {
			ReplayableBody.this.started = true;
			ReplayableBody.this.unreplayable = true;
			this.copy = null;
		}

	}

}
