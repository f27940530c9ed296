package ai.corti.spring.auth;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port of the Corti API. Tokens and the {@code Tenant-Name} header go
 * only to requests with this exact origin, so an absolute URL to another host through a
 * Corti client never receives them.
 */
record CortiOrigin(String scheme, String host, int port) {

	static CortiOrigin of(URI uri) {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		return new CortiOrigin(scheme, uri.getHost().toLowerCase(Locale.ROOT), effectivePort(scheme, uri.getPort()));
	}

	boolean matches(URI uri) {
		String scheme = uri.getScheme();
		String host = uri.getHost();
		return scheme != null && host != null && this.scheme.equalsIgnoreCase(scheme)
				&& this.host.equalsIgnoreCase(host) && this.port == effectivePort(this.scheme, uri.getPort());
	}

	private static int effectivePort(String scheme, int port) {
		if (port != -1) {
			return port;
		}
		return "http".equals(scheme) ? 80 : 443;
	}

}
