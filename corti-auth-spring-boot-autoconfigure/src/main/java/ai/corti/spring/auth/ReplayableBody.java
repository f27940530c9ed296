package ai.corti.spring.auth;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.BodyInserter;

/**
 * Records a request body while it is written so that the request can be sent once more. Only a body written as a
 * single buffer (a value, a {@code Mono}, form data) of at most {@value #MAX_RECORDED_BYTES} bytes is kept; a streamed
 * or larger body is never copied and makes the request non-replayable.
 */
final class ReplayableBody {

	static final int MAX_RECORDED_BYTES = 1024 * 1024;

	private final BodyInserter<?, ? super ClientHttpRequest> original;

	private volatile byte @Nullable [] bytes;

	private volatile boolean streamed;

	private volatile @Nullable MediaType contentType;

	ReplayableBody(BodyInserter<?, ? super ClientHttpRequest> original) {
		this.original = original;
	}

	boolean isReplayable() {
		return this.bytes != null && !this.streamed;
	}

	BodyInserter<?, ? super ClientHttpRequest> recording() {
		return (message, context) -> this.original.insert(new Recorder(message), context);
	}

	/** Writes the recorded bytes with the content type the original writer chose. */
	BodyInserter<?, ? super ClientHttpRequest> replay() {
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

		Recorder(ClientHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			if (body instanceof Mono<? extends DataBuffer> single) {
				// Writers set Content-Type on the outgoing message, not on the ClientRequest: keep it for a replay.
				ReplayableBody.this.contentType = getHeaders().getContentType();
				return super.writeWith(single.doOnNext(this::record));
			}
			ReplayableBody.this.streamed = true;
			return super.writeWith(body);
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			ReplayableBody.this.streamed = true;
			return super.writeAndFlushWith(body);
		}

		@Override
		public Mono<Void> setComplete() {
			if (ReplayableBody.this.bytes == null && !ReplayableBody.this.streamed) {
				ReplayableBody.this.bytes = new byte[0];
			}
			return super.setComplete();
		}

		private void record(DataBuffer buffer) {
			if (buffer.readableByteCount() > MAX_RECORDED_BYTES) {
				ReplayableBody.this.streamed = true;
				return;
			}
			ByteBuffer copy = ByteBuffer.allocate(buffer.readableByteCount());
			buffer.toByteBuffer(copy);
			ReplayableBody.this.bytes = copy.array();
		}

	}

}
