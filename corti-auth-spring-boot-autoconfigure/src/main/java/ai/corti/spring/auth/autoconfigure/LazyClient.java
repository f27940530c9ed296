package ai.corti.spring.auth.autoconfigure;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.TargetSource;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * A client bean that is built on its first use: a JDK proxy (Spring AOP's
 * {@link ProxyFactory}) whose target source builds the client once. Injecting
 * {@code cortiRestClient} or {@code cortiWebClient} then costs an application's start
 * almost nothing; the first call (or the background warm-up after the first token
 * prefetch) builds the client with Boot's builder. A failure to build it is thrown to
 * that call, and the next call tries again.
 */
final class LazyClient {

	private LazyClient() {
	}

	/**
	 * A client of the given interface that is built by {@code factory} on first use.
	 * @param <T> the client's type
	 * @param type the client's interface, such as {@code RestClient}
	 * @param factory builds the client; called once, or again after it failed
	 * @return the client
	 */
	@SuppressWarnings("unchecked")
	static <T> T of(Class<T> type, Supplier<T> factory) {
		ProxyFactory proxyFactory = new ProxyFactory();
		proxyFactory.addInterface(type);
		proxyFactory.setTargetSource(new Target(type, factory));
		return (T) proxyFactory.getProxy(LazyClient.class.getClassLoader());
	}

	/**
	 * Builds the client now if it is a lazy client not built yet; anything else is left
	 * alone.
	 * @param client a bean that may be a lazy client
	 */
	static void build(@Nullable Object client) {
		if (client instanceof Advised advised && advised.getTargetSource() instanceof Target target) {
			target.getTarget();
		}
	}

	/**
	 * Whether the client is a lazy client that is not built yet.
	 * @param client a bean that may be a lazy client
	 * @return {@code true} for a lazy client not yet built
	 */
	static boolean isPending(@Nullable Object client) {
		return client instanceof Advised advised && advised.getTargetSource() instanceof Target target && !target.built;
	}

	/**
	 * Builds its target once (lock-free afterwards) and hands it to every call.
	 */
	private static final class Target implements TargetSource {

		private final Class<?> type;

		private final SingletonSupplier<Object> target;

		private volatile boolean built;

		private Target(Class<?> type, Supplier<?> factory) {
			this.type = type;
			this.target = SingletonSupplier.of(() -> {
				Object client = factory.get();
				this.built = true;
				return client;
			});
		}

		@Override
		public Class<?> getTargetClass() {
			return this.type;
		}

		@Override
		public Object getTarget() {
			return this.target.obtain();
		}

	}

}
