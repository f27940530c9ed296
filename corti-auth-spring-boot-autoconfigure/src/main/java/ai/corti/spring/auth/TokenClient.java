package ai.corti.spring.auth;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.DefaultOAuth2TokenRequestHeadersConverter;
import org.springframework.security.oauth2.client.endpoint.DefaultOAuth2TokenRequestParametersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Makes one client-credentials token request, built and read with Spring Security's
 * converters (request parameters and headers from the registration, token and error
 * responses), and turns every outcome into either a scheduled {@link IssuedToken} or a
 * {@link CortiTokenException}. The client secret is held only in a private copy of the
 * registration; the registration users see carries none.
 */
final class TokenClient {

	static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	private final ClientRegistration registration;

	private final SingletonSupplier<RestClient> restClient;

	private final DefaultOAuth2TokenRequestParametersConverter<OAuth2ClientCredentialsGrantRequest> parameters = new DefaultOAuth2TokenRequestParametersConverter<>();

	private final DefaultOAuth2TokenRequestHeadersConverter<OAuth2ClientCredentialsGrantRequest> headers = new DefaultOAuth2TokenRequestHeadersConverter<>();

	private final TokenTiming timing;

	private final Duration defaultLifetime;

	private final Clock clock;

	private final String secret;

	private final Duration maxRetryAfter;

	private final SingletonSupplier<OAuth2AccessTokenResponseHttpMessageConverter> responseConverter = SingletonSupplier
		.of(this::responseConverter);

	TokenClient(ClientRegistration registration, String secret, Supplier<RestClient.Builder> restClientBuilder,
			TokenTiming timing, Duration defaultLifetime, Duration maxRetryAfter, Clock clock) {
		// Spring's copy turns the scopes into a HashSet; keep the caller's order
		// ('openid' first, as Corti's SDKs send).
		this.registration = ClientRegistration.withClientRegistration(registration)
			.clientSecret(secret)
			.scope(registration.getScopes())
			.build();
		this.secret = secret;
		this.timing = timing;
		this.defaultLifetime = defaultLifetime;
		this.clock = clock;
		this.maxRetryAfter = maxRetryAfter;
		// Built on the first token request: neither the builder nor its message
		// converters need load at startup.
		this.restClient = SingletonSupplier.of(() -> restClientBuilder.get()
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter()))
			.build());
	}

	/**
	 * The converter of token responses, made on the first token request (it looks up a
	 * JSON library, which need not load at startup).
	 * @return a converter that completes a missing lifetime
	 */
	private OAuth2AccessTokenResponseHttpMessageConverter responseConverter() {
		OAuth2AccessTokenResponseHttpMessageConverter converter = new OAuth2AccessTokenResponseHttpMessageConverter();
		converter.setAccessTokenResponseConverter(new LifetimeCompletingConverter());
		return converter;
	}

	String registrationId() {
		return this.registration.getRegistrationId();
	}

	URI tokenUri() {
		return URI.create(this.registration.getProviderDetails().getTokenUri());
	}

	IssuedToken fetch() {
		Instant requestedAt = this.clock.instant();
		OAuth2ClientCredentialsGrantRequest grant = new OAuth2ClientCredentialsGrantRequest(this.registration);
		TokenAnswer answer;
		try {
			answer = this.restClient.obtain()
				.post()
				.uri(this.registration.getProviderDetails().getTokenUri())
				.headers((headers) -> headers.addAll(this.headers.convert(grant)))
				.body(new RedactedForm(this.parameters.convert(grant)))
				.exchange((request, response) -> TokenAnswer.read(response));
		}
		catch (ResourceAccessException ex) {
			throw failure(null, null, null, true, ex);
		}
		catch (RestClientException ex) {
			// The exception may quote the unreadable body, which can hold a token: keep
			// only its type.
			throw failure(null, INVALID_TOKEN_RESPONSE,
					"the request could not be completed: " + ex.getClass().getSimpleName(), true, null);
		}
		if (!answer.isSuccess()) {
			throw failureFor(answer);
		}
		OAuth2AccessToken token = tokenResponse(answer).getAccessToken();
		return this.timing.schedule(token.getTokenValue(), requestedAt,
				Duration.between(token.getIssuedAt(), token.getExpiresAt()));
	}

	private OAuth2AccessTokenResponse tokenResponse(TokenAnswer answer) {
		if (!answer.isJson()) {
			throw notATokenResponse(answer);
		}
		try {
			return this.responseConverter.obtain().read(OAuth2AccessTokenResponse.class, answer.asMessage());
		}
		catch (RuntimeException | IOException ex) {
			// Spring's message may quote the body, which can hold a token: describe the
			// answer ourselves.
			throw notATokenResponse(answer);
		}
	}

	private CortiTokenException notATokenResponse(TokenAnswer answer) {
		return failure(answer.status, INVALID_TOKEN_RESPONSE,
				answer.describe() + ", not an OAuth 2.0 token response; it " + AnswerExcerpt.of(answer, this.secret),
				true, null);
	}

	private CortiTokenException failureFor(TokenAnswer answer) {
		int status = answer.status;
		if (status >= 300 && status < 400) {
			return failure(status, null, "a redirect to " + answer.redirectOrigin()
					+ ", not followed because the token request carries the client secret", false, null);
		}
		boolean retryable = status >= 500 || status == 429 || status == 408;
		OAuth2Error error = readError(answer);
		Instant retryAt = null;
		if (status == 429 || status == 503) {
			Duration wait = RetryAfter.of(answer.headers, this.clock);
			if (wait != null) {
				retryAt = this.clock.instant().plus(min(wait, this.maxRetryAfter));
			}
		}
		return failure(status, (error != null) ? error.getErrorCode() : null,
				(error != null) ? error.getDescription() : null, retryable, null, retryAt);
	}

	private CortiTokenException failure(@Nullable Integer status, @Nullable String code, @Nullable String description,
			boolean retryable, @Nullable Throwable cause) {
		return failure(status, code, description, retryable, cause, null);
	}

	private CortiTokenException failure(@Nullable Integer status, @Nullable String code, @Nullable String description,
			boolean retryable, @Nullable Throwable cause, @Nullable Instant retryAt) {
		String safeDescription = (description != null && !this.secret.isEmpty())
				? description.replace(this.secret, "[redacted]") : description;
		return new CortiTokenException(registrationId(), tokenUri(), status, code, safeDescription, retryable, cause,
				retryAt);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static @Nullable OAuth2Error readError(TokenAnswer answer) {
		if (!answer.isJson()) {
			return null;
		}
		try {
			return new OAuth2ErrorHttpMessageConverter().read(OAuth2Error.class, answer.asMessage());
		}
		catch (Exception notAnOAuthError) {
			return null;
		}
	}

	/**
	 * Fills in {@code expires_in} when the token endpoint leaves it out (or sends zero):
	 * from the JWT's {@code exp} claim, else the configured default lifetime. Spring
	 * Security would otherwise treat the token as valid for one second, which would mean
	 * a token request every few hundred milliseconds.
	 */
	private final class LifetimeCompletingConverter
			implements Converter<Map<String, Object>, OAuth2AccessTokenResponse> {

		private final DefaultMapOAuth2AccessTokenResponseConverter delegate = new DefaultMapOAuth2AccessTokenResponseConverter();

		@Override
		public OAuth2AccessTokenResponse convert(Map<String, Object> source) {
			if (isPositive(source.get(OAuth2ParameterNames.EXPIRES_IN))) {
				return this.delegate.convert(source);
			}
			Map<String, Object> completed = new LinkedHashMap<>(source);
			completed.put(OAuth2ParameterNames.EXPIRES_IN, lifetimeWithoutExpiresIn(source).toSeconds());
			return this.delegate.convert(completed);
		}

		/**
		 * A missing, zero, negative or unreadable expires_in is treated as absent.
		 * @param expiresIn the {@code expires_in} of the token response, if any
		 * @return whether it is a positive number of seconds
		 */
		private boolean isPositive(@Nullable Object expiresIn) {
			try {
				return expiresIn != null && Long.parseLong(String.valueOf(expiresIn).trim()) > 0;
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}

		private Duration lifetimeWithoutExpiresIn(Map<String, Object> source) {
			Instant expiry = jwtExpiry(source.get(OAuth2ParameterNames.ACCESS_TOKEN));
			if (expiry != null) {
				Duration remaining = Duration.between(TokenClient.this.clock.instant(), expiry);
				if (remaining.toSeconds() > 0) {
					return remaining;
				}
			}
			return TokenClient.this.defaultLifetime;
		}

		private @Nullable Instant jwtExpiry(@Nullable Object token) {
			if (!(token instanceof String value)) {
				return null;
			}
			String[] parts = value.split("\\.");
			if (parts.length < 2) {
				return null;
			}
			try {
				String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
				Object exp = JsonParserFactory.getJsonParser().parseMap(payload).get("exp");
				return (exp instanceof Number seconds) ? Instant.ofEpochSecond(seconds.longValue()) : null;
			}
			catch (RuntimeException notAJwt) {
				return null;
			}
		}

	}

	/**
	 * The form of a token request. Spring's {@code RestClient} logs request bodies at
	 * DEBUG; this form's {@code toString()} leaves the client secret out.
	 */
	private static final class RedactedForm extends LinkedMultiValueMap<String, String> {

		RedactedForm(MultiValueMap<String, String> fields) {
			super(fields);
		}

		@Override
		public String toString() {
			return keySet().stream()
				.map((name) -> name + "="
						+ (OAuth2ParameterNames.CLIENT_SECRET.equals(name) ? "[redacted]" : get(name)))
				.collect(Collectors.joining(", ", "{", "}"));
		}

	}

}
