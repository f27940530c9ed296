package ai.corti.spring.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;

/**
 * What the token endpoint answered, read in full (up to {@value #MAX_BODY_BYTES} bytes)
 * before anything interprets it, so that every outcome (a token, an OAuth error, a
 * redirect, a proxy's login page) can be described precisely.
 */
final class TokenAnswer {

	static final int MAX_BODY_BYTES = 64 * 1024;

	final int status;

	final HttpHeaders headers;

	final byte[] body;

	TokenAnswer(int status, HttpHeaders headers, byte[] body) {
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	static TokenAnswer read(ClientHttpResponse response) throws IOException {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(response.getHeaders());
		try (InputStream in = response.getBody()) {
			return new TokenAnswer(response.getStatusCode().value(), headers, in.readNBytes(MAX_BODY_BYTES));
		}
	}

	boolean isSuccess() {
		return this.status >= 200 && this.status < 300;
	}

	boolean isJson() {
		MediaType type = contentType();
		return type != null
				&& (MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"));
	}

	/**
	 * The content type, such as {@code Content-Type text/html}.
	 * @return the description of the content type
	 */
	String describe() {
		MediaType type = contentType();
		if (type != null) {
			return "Content-Type " + type.getType() + "/" + type.getSubtype();
		}
		return (this.headers.getFirst(HttpHeaders.CONTENT_TYPE) != null) ? "an unreadable Content-Type"
				: "no Content-Type";
	}

	/**
	 * Scheme, host and port of the {@code Location} of a redirect; never its path or
	 * query.
	 * @return the origin of the location, or a phrase such as {@code no location} when
	 * there is none to show
	 */
	String redirectOrigin() {
		URI location;
		try {
			location = this.headers.getLocation();
		}
		catch (IllegalArgumentException unreadable) {
			return "an unreadable location";
		}
		if (location == null || location.getHost() == null) {
			return (location != null) ? "a relative location" : "no location";
		}
		return location.getScheme() + "://" + location.getHost()
				+ ((location.getPort() != -1) ? ":" + location.getPort() : "");
	}

	private @Nullable MediaType contentType() {
		try {
			return this.headers.getContentType();
		}
		catch (InvalidMediaTypeException unreadable) {
			return null;
		}
	}

	HttpInputMessage asMessage() {
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(TokenAnswer.this.body);
			}

			@Override
			public HttpHeaders getHeaders() {
				return TokenAnswer.this.headers;
			}

		};
	}

}
