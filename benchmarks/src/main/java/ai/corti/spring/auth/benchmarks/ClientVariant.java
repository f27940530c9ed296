package ai.corti.spring.auth.benchmarks;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The ways of authenticating calls that the benchmarks compare, by the name used for the
 * JMH parameter {@code variant}.
 */
enum ClientVariant {

	/**
	 * A static {@code Authorization: Bearer} and {@code Tenant-Name} header: no token
	 * logic at all.
	 */
	FLOOR("floor", StaticBearerClients::connect),

	/** Our {@code cortiWebClient} and {@code cortiRestClient}, as auto-configured. */
	CORTI("corti", (loopback) -> new AuthenticatedClients(loopback.cortiWebClient(), loopback.cortiRestClient())),

	/** Spring Security 7's own client-credentials interceptor and exchange filter. */
	SPRING_SECURITY("springSecurity", SpringSecurityClients::connect);

	private final String parameterName;

	private final Function<CortiLoopback, AuthenticatedClients> connector;

	ClientVariant(String parameterName, Function<CortiLoopback, AuthenticatedClients> connector) {
		this.parameterName = parameterName;
		this.connector = connector;
	}

	static ClientVariant named(String parameterName) {
		return Arrays.stream(values())
			.filter((variant) -> variant.parameterName.equals(parameterName))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown client variant '" + parameterName + "'"));
	}

	String parameterName() {
		return this.parameterName;
	}

	/**
	 * Clients of this variant on the Boot-built HTTP clients of {@code loopback}. Only
	 * the floor asks for a token here; the others hold none until their first call.
	 * @param loopback the stand-in and application to connect to
	 * @return the variant's {@code WebClient} and {@code RestClient}
	 */
	AuthenticatedClients connect(CortiLoopback loopback) {
		return this.connector.apply(loopback);
	}

}
