package ai.corti.spring.auth.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import ai.corti.spring.auth.CortiConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The token endpoint and API base URL, derived from {@code corti.environment} and
 * {@code corti.tenant-name} unless overridden. Every value is checked before it is put
 * into a URL, so configuration cannot redirect the secret to another host. The token
 * endpoint is resolved only when asked for: an application with its own
 * {@code CortiTokenProvider} needs only the API's base URL and tenant.
 */
final class CortiEndpoints {

	/** A DNS label: it becomes part of Corti's host names. */
	private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

	/** A Keycloak realm name that stays one path segment (no "." or ".." segments). */
	private static final Pattern TENANT_NAME = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9._-]+");

	private final @Nullable URI tokenUri;

	private final @Nullable String environment;

	private final URI baseUrl;

	private final String tenantName;

	private CortiEndpoints(@Nullable URI tokenUri, @Nullable String environment, URI baseUrl, String tenantName) {
		this.tokenUri = tokenUri;
		this.environment = environment;
		this.baseUrl = baseUrl;
		this.tenantName = tenantName;
	}

	static CortiEndpoints of(CortiProperties properties) {
		String tenantName = CortiPropertyChecks.requireText(properties.getTenantName(), "corti.tenant-name",
				"Set corti.tenant-name to your Corti tenant (the Keycloak realm, most often 'base').");
		if (!TENANT_NAME.matcher(tenantName).matches()) {
			throw new CortiConfigurationException("corti.tenant-name",
					"is '" + tenantName + "', which is not a tenant name (allowed: letters, digits, '.', '_' and '-', "
							+ "but not '.' or '..' alone)",
					"Set corti.tenant-name to the tenant shown in the Corti Console, such as 'base'.");
		}
		String environment = properties.getEnvironment();
		if (StringUtils.hasText(environment) && !ENVIRONMENT.matcher(environment).matches()) {
			throw new CortiConfigurationException("corti.environment", "is '" + environment
					+ "', which is not an environment id (allowed: lower-case letters and digits, and '-', starting "
					+ "and ending with a letter or digit)",
					"Set corti.environment to the environment of your API client, such as 'eu' or 'us'.");
		}
		URI tokenUri = StringUtils.hasText(properties.getTokenUri())
				? resolve(properties.getTokenUri(), "corti.token-uri", environment, "") : null;
		URI baseUrl = resolve(properties.getBaseUrl(), "corti.base-url", environment,
				"https://api." + environment + ".corti.app/v2");
		return new CortiEndpoints(tokenUri, environment, baseUrl, tenantName);
	}

	/**
	 * The token endpoint: {@code corti.token-uri}, else derived from the environment and
	 * tenant.
	 * @return the URI of the token endpoint
	 */
	URI tokenUri() {
		if (this.tokenUri != null) {
			return this.tokenUri;
		}
		return resolve(null, "corti.token-uri", this.environment, "https://auth." + this.environment
				+ ".corti.app/realms/" + this.tenantName + "/protocol/openid-connect/token");
	}

	URI baseUrl() {
		return this.baseUrl;
	}

	String tenantName() {
		return this.tenantName;
	}

	private static URI resolve(@Nullable String override, String property, @Nullable String environment,
			String derived) {
		if (!StringUtils.hasText(override)) {
			if (!StringUtils.hasText(environment)) {
				throw new CortiConfigurationException("corti.environment",
						"is not set, and " + property + " is not set either",
						"Set corti.environment to the environment of your API client, such as 'eu' or 'us' "
								+ "(or set both corti.token-uri and corti.base-url).");
			}
			return URI.create(derived);
		}
		URI uri;
		try {
			uri = new URI(override.trim());
		}
		catch (URISyntaxException ex) {
			throw new CortiConfigurationException(property, "is not a valid URL (" + ex.getReason() + ")",
					"Set " + property + " to an absolute https URL, or remove it to use Corti's default.");
		}
		if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawFragment() != null
				|| uri.getRawUserInfo() != null) {
			throw new CortiConfigurationException(property,
					"is '" + shown(uri) + "', which is not an absolute URL with a host (and no user info or fragment)",
					"Set " + property + " to an absolute https URL, or remove it to use Corti's default.");
		}
		boolean https = "https".equalsIgnoreCase(uri.getScheme());
		boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost());
		if (!https && !loopbackHttp) {
			throw new CortiConfigurationException(property, "is '" + shown(uri) + "', which does not use https",
					"Use an https URL; plain http is accepted only for loopback hosts (localhost, 127.0.0.1, ::1).");
		}
		return uri;
	}

	/**
	 * A URL as a failure may show it: without user info, which could hold a password.
	 * @param uri the URL
	 * @return the URL with any user info replaced by {@code ***}
	 */
	private static String shown(URI uri) {
		String userInfo = uri.getRawUserInfo();
		return (userInfo != null) ? uri.toString().replace(userInfo + "@", "***@") : uri.toString();
	}

	private static boolean isLoopback(String host) {
		if ("localhost".equalsIgnoreCase(host)) {
			return true;
		}
		String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		// Only address literals (dotted IPv4, or IPv6 with a colon), so that no name is
		// ever looked up in DNS here.
		if (!literal.matches("[0-9]+(\\.[0-9]+){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]*")) {
			return false;
		}
		try {
			return InetAddress.getByName(literal).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
