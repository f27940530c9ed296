package ai.corti.sample;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import ai.corti.spring.auth.CortiTokenService;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Asks the application's own front-end token endpoint ({@link FrontendTokenController})
 * for a {@code streams} token over HTTP, as a browser would: once without credentials,
 * once as the application's user. It prints the scope and expiry, never the token, and a
 * {@code curl} line to try it.
 */
@Component
@Order(3)
class FrontendTokenTour implements ApplicationRunner {

	private static final String PATH = "/corti/frontend-token?scope=streams";

	private static final String LINE = "  %-19s -> %s%n";

	private final RestClient.Builder http;

	private final Environment environment;

	private final SecurityProperties.User user;

	private final CortiTokenService tokens;

	FrontendTokenTour(RestClient.Builder http, Environment environment, SecurityProperties security,
			CortiTokenService tokens) {
		this.http = http;
		this.environment = environment;
		this.user = security.getUser();
		this.tokens = tokens;
	}

	@Override
	public void run(ApplicationArguments args) {
		String origin = "http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port");
		RestClient client = this.http.baseUrl(origin).build();
		System.out.println();
		System.out.println(
				"Front-end tokens: GET " + origin + PATH + ", for users of the application only " + "(HTTP Basic):");
		askAnonymously(client);
		askAsUser(client);
		if (this.environment.getProperty("sample.serve", Boolean.class, false)) {
			String password = this.user.isPasswordGenerated() ? this.user.getPassword() : "<password>";
			System.out.println("Serving on " + origin + " until Ctrl-C; try it:");
			System.out.println("  curl -u '" + this.user.getName() + ":" + password + "' '" + origin + PATH + "'");
		}
		else {
			System.out.println("Try it: keep the sample serving, then ask as a browser would:");
			System.out.println("  ./mvnw -q -pl samples/corti-auth-sample -am spring-boot:test-run "
					+ "-Dspring-boot.run.arguments=\"--sample.serve=true --server.port=8080\"");
			System.out.println(
					"  curl -u '" + this.user.getName() + ":<password it prints>' 'http://127.0.0.1:8080" + PATH + "'");
		}
	}

	private void askAnonymously(RestClient client) {
		HttpStatusCode status = client.get()
			.uri(PATH)
			.retrieve()
			.onStatus(HttpStatus.UNAUTHORIZED::equals, (request, response) -> {
			})
			.toBodilessEntity()
			.getStatusCode();
		System.out.printf(LINE, "without credentials", describe(status));
		if (!status.equals(HttpStatus.UNAUTHORIZED)) {
			throw new IllegalStateException(
					"The front-end token endpoint answered " + describe(status) + " without credentials");
		}
	}

	private void askAsUser(RestClient client) {
		String who = "as user '" + this.user.getName() + "'";
		FrontendToken token;
		try {
			token = client.get()
				.uri(PATH)
				.headers((headers) -> headers.setBasicAuth(this.user.getName(), this.user.getPassword()))
				.retrieve()
				.body(FrontendToken.class);
		}
		catch (RestClientResponseException ex) {
			System.out.printf(LINE, who, "FAILED: " + describe(ex.getStatusCode()));
			throw ex;
		}
		if (token == null || token.token().equals(this.tokens.getAccessToken())) {
			throw new IllegalStateException(
					"The front-end token endpoint answered without a token, or with the " + "application's own");
		}
		System.out.printf(LINE, who,
				"200 OK: scope " + token.scope() + ", expires at " + token.expiresAt().truncatedTo(ChronoUnit.SECONDS)
						+ " (in " + Duration.between(Instant.now(), token.expiresAt()).toSeconds()
						+ " s); the token is not shown, " + "and it is not the application's own");
	}

	private static String describe(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return status.value() + ((known != null) ? " " + known.getReasonPhrase() : "");
	}

}
