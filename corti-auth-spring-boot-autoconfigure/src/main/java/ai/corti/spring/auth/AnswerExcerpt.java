package ai.corti.spring.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.json.JsonParserFactory;

/**
 * A short description of a token endpoint answer that was not a token response, for an
 * exception message. It can contain neither the client secret nor a token: a JSON object
 * is described by its field names only; any other body by its first words, with the
 * secret and every token-like run of {@value #TOKEN_LIKE_LENGTH}+ characters masked.
 */
final class AnswerExcerpt {

	static final int MAX_LENGTH = 120;

	static final int TOKEN_LIKE_LENGTH = 20;

	private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9._~+/=-]{" + TOKEN_LIKE_LENGTH + ",}");

	/**
	 * The value of a {@code client_secret} field, as a form, JSON or a query string would
	 * carry it.
	 */
	private static final Pattern SECRET_FIELD = Pattern
		.compile("(?i)(client_secret[\"']?\\s*[=:]\\s*[\"']?)[^&\\s\"'<>,;}]+");

	private AnswerExcerpt() {
	}

	/**
	 * A phrase that follows "it", such as {@code starts with "<html><title>Sign in"…}.
	 * @param answer the answer of the token endpoint
	 * @param secret the client secret, masked wherever it appears
	 * @return the phrase
	 */
	static String of(TokenAnswer answer, String secret) {
		String text = new String(answer.body, StandardCharsets.UTF_8).strip();
		if (text.isEmpty()) {
			return "was empty";
		}
		if (text.startsWith("{")) {
			try {
				Map<String, Object> fields = JsonParserFactory.getJsonParser().parseMap(text);
				List<String> names = new ArrayList<>(fields.keySet());
				return "is a JSON object with the fields "
						+ mask(names.subList(0, Math.min(names.size(), 10)).toString(), secret)
						+ " and no usable access_token, token_type or expires_in";
			}
			catch (IllegalArgumentException notJson) {
				// Described as text below.
			}
		}
		String masked = mask(text.replaceAll("\\s+", " "), secret);
		if (masked.length() <= MAX_LENGTH) {
			return "reads \"" + masked + "\"";
		}
		// Cut at a space, so that the start of a secret split by the cut cannot show
		// either.
		String cut = masked.substring(0, MAX_LENGTH);
		int space = cut.lastIndexOf(' ');
		return "starts with \"" + ((space > 0) ? cut.substring(0, space) : "") + "\"…";
	}

	private static String mask(String text, String secret) {
		String masked = text;
		if (!secret.isEmpty()) {
			// As sent in the form, and as the form encodes it (an echoing proxy shows it
			// encoded).
			masked = masked.replace(secret, "[redacted]")
				.replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), "[redacted]");
		}
		masked = SECRET_FIELD.matcher(masked).replaceAll("$1[redacted]");
		return TOKEN_LIKE.matcher(masked).replaceAll("[…]");
	}

}
