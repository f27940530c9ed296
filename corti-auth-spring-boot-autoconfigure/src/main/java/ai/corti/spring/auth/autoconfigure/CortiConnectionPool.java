package ai.corti.spring.auth.autoconfigure;

import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;

/**
 * The Reactor Netty connection pool shared by {@code cortiWebClient} and
 * {@code cortiRestClient}, sized by {@code corti.http.*} rather than Reactor Netty's
 * defaults (16 connections, 32 waiting requests), and disposed with the application
 * context.
 */
final class CortiConnectionPool implements DisposableBean {

	private final ConnectionProvider connectionProvider;

	CortiConnectionPool(ConnectionProvider connectionProvider) {
		this.connectionProvider = connectionProvider;
	}

	ConnectionProvider connectionProvider() {
		return this.connectionProvider;
	}

	@Override
	public void destroy() {
		this.connectionProvider.dispose();
	}

}
