package ai.corti.spring.auth.autoconfigure;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import ai.corti.spring.auth.CortiTokenProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The {@code corti} health component: one {@link CortiHealthIndicator} per token service,
 * keyed by registration id ({@code corti}, {@code corti-<name>}, and the scoped
 * {@code …-streams} and {@code …-transcribe} once they were first used). Read at each
 * probe, so scoped services show up when they are created.
 */
final class CortiHealthContributor implements CompositeHealthContributor {

	private final Supplier<Map<String, CortiTokenProvider>> tokenServices;

	private final Clock clock;

	CortiHealthContributor(Supplier<Map<String, CortiTokenProvider>> tokenServices, Clock clock) {
		this.tokenServices = tokenServices;
		this.clock = clock;
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		CortiTokenProvider tokens = this.tokenServices.get().get(name);
		return (tokens != null) ? new CortiHealthIndicator(tokens, this.clock) : null;
	}

	@Override
	public Stream<Entry> stream() {
		return this.tokenServices.get()
			.entrySet()
			.stream()
			.map((entry) -> new Entry(entry.getKey(), new CortiHealthIndicator(entry.getValue(), this.clock)));
	}

}
