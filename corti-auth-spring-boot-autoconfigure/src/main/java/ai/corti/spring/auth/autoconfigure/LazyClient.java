package ai.corti.spring.auth.autoconfigure;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * A client bean that is built on its first use. Injecting {@code cortiRestClient} or
 * {@code cortiWebClient} then costs an application's start almost nothing; the first call
 * (or the background warm-up after the first token prefetch) builds the client with
 * Boot's builder, once, through Spring's {@link SingletonSupplier} (lock-free once
 * built). A failure to build it is thrown to that call, and the next call tries again.
 * <p>
 * Each client interface gets a plain delegating subclass rather than a proxy: no proxy
 * class is generated at startup, no reflection runs per call, and a native image needs no
 * hints for it. {@code LazyClientTests} checks that the delegates implement every method
 * of the interfaces of the Spring version they run with.
 *
 * @param <T> the client's type
 */
abstract class LazyClient<T> {

	private final SingletonSupplier<T> client;

	private volatile boolean built;

	LazyClient(Supplier<T> factory) {
		this.client = SingletonSupplier.of(() -> {
			T client = factory.get();
			this.built = true;
			return client;
		});
	}

	/**
	 * Builds the client now if it is a lazy client not built yet; anything else is left
	 * alone.
	 * @param client a bean that may be a lazy client
	 */
	static void build(@Nullable Object client) {
		if (client instanceof LazyClient<?> lazy) {
			lazy.client();
		}
	}

	/**
	 * Whether the client is a lazy client that is not built yet.
	 * @param client a bean that may be a lazy client
	 * @return {@code true} for a lazy client not yet built
	 */
	static boolean isPending(@Nullable Object client) {
		return client instanceof LazyClient<?> lazy && !lazy.built;
	}

	/**
	 * The client, built on the first call.
	 * @return the client
	 */
	final T client() {
		return this.client.obtain();
	}

	@Override
	public String toString() {
		return (this.built ? this.client.obtain().toString() : "not built yet") + " (built on first use)";
	}

}
