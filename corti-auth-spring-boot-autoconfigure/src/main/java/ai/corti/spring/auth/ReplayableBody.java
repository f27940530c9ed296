package ai.corti.spring.auth;

import java.nio.ByteBuffer;
import java.util.Arrays;

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
 * Lets a {@code WebClient} request be sent again, by keeping a copy of its body while it
 * is written. Whatever wrote the body (a value, a form, multipart parts, a
 * {@code Resource}, a {@code Flux}), the bytes on the wire are copied as they pass, up to
 * {@value #MAX_RECORDED_BYTES} bytes, and a resend writes the copy: the source is never
 * read twice, so one-shot sources (an {@code InputStream}) are safe too. A body is not
 * sent again when it is larger than that (the copy is dropped as soon as it would be),
 * when it was written with flushes (streaming media types such as
 * {@code application/x-ndjson}), or when its writing did not complete. A request whose
 * body was never written (the connection could not be made, and nothing read the body) is
 * sent again with its original body.
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

	/**
	 * Whether {@link #nextAttempt()} can send the body (again).
	 * @return whether the body can be sent (again)
	 */
	boolean canSendAgain() {
		return !this.started || (this.bytes != null && !this.unreplayable);
	}

	/**
	 * The body for the next attempt: the recorded copy once there is one, else the
	 * original, recorded.
	 * @return the body inserter for the next attempt
	 */
	BodyInserter<?, ? super ClientHttpRequest> nextAttempt() {
		return (this.bytes != null) ? replay() : recording();
	}

	private BodyInserter<?, ? super ClientHttpRequest> recording() {
		return (message, context) -> this.original.insert(new Recorder(message), context);
	}

	/**
	 * Writes the recorded bytes with the content type the original writer chose.
	 * @return the body inserter that writes the recorded bytes
	 */
	private BodyInserter<?, ? super ClientHttpRequest> replay() {
		return (message, context) -> {
			byte[] recorded = this.bytes;
			if (recorded == null) {
				return Mono.error(new IllegalStateException("No complete copy of the body to send again"));
			}
			MediaType type = this.contentType;
			if (type != null) {
				message.getHeaders().setContentType(type);
			}
			message.getHeaders().setContentLength(recorded.length);
			return message.writeWith(Mono.fromSupplier(() -> message.bufferFactory().wrap(recorded)));
		};
	}

	private final class Recorder extends ClientHttpRequestDecorator {

		private byte @Nullable [] copy = new byte[1024];

		private int size;

		private long declared = -1;

		Recorder(ClientHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			// Writers set Content-Type on the outgoing message, not on the ClientRequest:
			// keep it for a resend.
			ReplayableBody.this.contentType = getHeaders().getContentType();
			this.declared = getHeaders().getContentLength();
			if (this.declared > MAX_RECORDED_BYTES) {
				giveUp();
				return super.writeWith(body);
			}
			// Complete when the body's last byte passes, before the connector writes it
			// (so before any answer): at
			// the declared length, else when the body completes. Connectors differ in
			// when their own write completes
			// (the JDK client's at once, before it reads the body; Reactor Netty's once
			// the bytes are flushed).
			// Started at the first byte: Jetty takes the body before it connects and
			// cancels it unread when the
			// connection fails. Not fused (hide), so that the completion is seen
			// whichever way a connector drains it.
			return super.writeWith(Flux.from(body).doOnNext(this::record).doOnComplete(this::completed).hide());
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			giveUp();
			return super.writeAndFlushWith(body);
		}

		@Override
		public Mono<Void> setComplete() {
			if (ReplayableBody.this.bytes == null && !ReplayableBody.this.unreplayable && this.size == 0) {
				ReplayableBody.this.bytes = new byte[0];
			}
			return super.setComplete();
		}

		private void record(DataBuffer buffer) {
			ReplayableBody.this.started = true;
			byte[] copy = this.copy;
			if (copy == null) {
				return;
			}
			int length = buffer.readableByteCount();
			if (this.size + length > MAX_RECORDED_BYTES) {
				giveUp();
				return;
			}
			if (this.size + length > copy.length) {
				copy = Arrays.copyOf(copy, Math.min(MAX_RECORDED_BYTES, Math.max(copy.length * 2, this.size + length)));
				this.copy = copy;
			}
			buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(copy), this.size, length);
			this.size += length;
			if (this.size == this.declared) {
				completed();
			}
		}

		private void completed() {
			byte[] copy = this.copy;
			if (copy == null || ReplayableBody.this.unreplayable) {
				return;
			}
			if (this.declared >= 0 && this.declared != this.size) {
				giveUp();
				return;
			}
			ReplayableBody.this.bytes = (copy.length == this.size) ? copy : Arrays.copyOf(copy, this.size);
			this.copy = null;
		}

		private void giveUp() {
			ReplayableBody.this.started = true;
			ReplayableBody.this.unreplayable = true;
			this.copy = null;
		}

	}

}
