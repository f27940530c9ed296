package ai.corti.spring.auth.standin;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One request the stand-in received. Header names are compared case-insensitively, as
 * HTTP requires.
 *
 * @param method the HTTP method
 * @param path the path with its query string, as sent
 * @param headers every header, keyed case-insensitively
 * @param form the form fields of an {@code application/x-www-form-urlencoded} body (first
 * value of each)
 * @param body the raw body, empty when there was none
 * @since 0.1.0
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, Map<String, String> form,
		String body) {

	/**
	 * Creates a recorded request with case-insensitive header names and unmodifiable
	 * maps.
	 * @param method the HTTP method
	 * @param path the path with its query string, as sent
	 * @param headers every header, copied into a map keyed case-insensitively
	 * @param form the form fields of an {@code application/x-www-form-urlencoded} body
	 * (first value of each), copied
	 * @param body the raw body, empty when there was none
	 */
	public RecordedRequest {
		TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		caseInsensitive.putAll(headers);
		headers = Collections.unmodifiableMap(caseInsensitive);
		form = Map.copyOf(form);
	}

	/**
	 * First value of the named header.
	 * @param name the header name, in any case
	 * @return the first value, or {@code null} when the header was not sent
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * Whether the named header was sent at all.
	 * @param name the header name, in any case
	 * @return whether the request carried the header
	 */
	public boolean hasHeader(String name) {
		return this.headers.containsKey(name);
	}

	@Override
	public String toString() {
		return "RecordedRequest[" + this.method + " " + this.path + "]";
	}

}
