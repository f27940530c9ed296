package ai.corti.spring.auth;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerExcerptTests {

	private static String excerpt(String body, String secret) {
		return AnswerExcerpt.of(new TokenAnswer(200, new HttpHeaders(), body.getBytes(StandardCharsets.UTF_8)), secret);
	}

	@Test
	void anEmptyBodyIsSaidToBeEmpty() {
		assertThat(excerpt("  \n", "s3cret")).isEqualTo("was empty");
	}

	@Test
	void aShortTextIsQuotedWithWhitespaceCollapsed() {
		assertThat(excerpt("Bad\n\n  Gateway", "s3cret")).isEqualTo("reads \"Bad Gateway\"");
	}

	@Test
	void theSecretIsRedactedWherever() {
		assertThat(excerpt("echo client_secret=s3cret&x", "s3cret"))
			.isEqualTo("reads \"echo client_secret=[redacted]&x\"");
	}

	@Test
	void aSecretAcrossTheLengthLimitDoesNotShowEvenInPart() {
		String secret = "short-secret";
		String body = "word ".repeat((AnswerExcerpt.MAX_LENGTH - 8) / 5) + "secret=" + secret + " and more words";
		assertThat(excerpt(body, secret)).startsWith("starts with \"word word").doesNotContain("short");
	}

	@Test
	void theCutFallsBetweenWords() {
		String excerpt = excerpt("alpha beta gamma ".repeat(20), "s3cret");
		assertThat(excerpt).startsWith("starts with \"alpha beta gamma").endsWith("\"…");
		String quoted = excerpt.substring("starts with \"".length(), excerpt.length() - 2);
		assertThat(quoted.length()).isLessThanOrEqualTo(AnswerExcerpt.MAX_LENGTH);
		assertThat(quoted).matches("(\\w+ )*\\w+").endsWith("a");
	}

	@Test
	void tokenLikeRunsAreMasked() {
		assertThat(excerpt("a eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig b", "s3cret")).isEqualTo("reads \"a […] b\"");
	}

	@Test
	void aJsonObjectIsDescribedByItsFieldNamesOnly() {
		assertThat(excerpt("{\"access_token\":\"abc\",\"token_type\":\"Bearer\"}", "s3cret"))
			.isEqualTo("is a JSON object with the fields [access_token, token_type] and no usable access_token, "
					+ "token_type or expires_in")
			.doesNotContain("abc");
	}

	@Test
	void unparseableJsonIsQuotedAsTextWithTokensMasked() {
		assertThat(excerpt("{\"access_token\":\"eyJhbGciOiJub25lIn0.eyJleHAiOjF9.c2VjcmV0\",", "s3cret"))
			.isEqualTo("reads \"{\"access_token\":\"[…]\",\"");
	}

	@Test
	void anEchoedFormShowsTheSecretNeitherRawNorEncoded() {
		String secret = "Sup3r$ecret!2024";
		assertThat(excerpt("grant_type=client_credentials&client_secret=Sup3r%24ecret%212024&scope=openid", secret))
			.doesNotContain("Sup3r", "24ecret", "212024")
			.contains("client_secret=[redacted]");
		assertThat(excerpt("<p>client_secret: other-value</p>", secret)).contains("client_secret: [redacted]")
			.doesNotContain("other-value");
	}

}
