package ai.corti.spring.auth.autoconfigure;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.Assert;

/**
 * The Reactor Netty connection pool shared by {@code cortiWebClient} and
 * {@code cortiRestClient}, sized by {@code corti.http.*} rather than Reactor Netty's
 * defaults (16 connections, 32 waiting requests), and disposed with the application
 * context. Made on first use, so that an application that has not called Corti yet holds
 * no pool.
 */
final class CortiConnectionPool implements DisposableBean {

	private final Supplier<ConnectionProvider> factory;

	private @Nullable ConnectionProvider connectionProvider;

	private boolean destroyed;

	CortiConnectionPool(Supplier<ConnectionProvider> factory) {
		this.factory = factory;
	}

	/**
	 * The pool, made on first use: when the first Corti HTTP client is built.
	 * @return the connection provider
	 */
	synchronized ConnectionProvider connectionProvider() {
		ConnectionProvider provider = this.connectionProvider;
		if (provider == null) {
			Assert.state(!this.destroyed, "The Corti connection pool is disposed");
			provider = this.factory.get();
			this.connectionProvider = provider;
		}
		return provider;
	}

	/**
	 * Whether the pool was made.
	 * @return {@code true} once a Corti HTTP client was built
	 */
	synchronized boolean isMade() {
		return this.connectionProvider != null;
	}

	@Override
	public synchronized void destroy() {
		this.destroyed = true;
		ConnectionProvider provider = this.connectionProvider;
		if (provider != null) {
			provider.dispose();
		}
	}

}
