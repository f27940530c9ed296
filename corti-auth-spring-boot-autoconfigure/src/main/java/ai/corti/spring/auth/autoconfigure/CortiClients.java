package ai.corti.spring.auth.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.corti.spring.auth.CortiTokenProvider;

import org.springframework.beans.factory.DisposableBean;

/**
 * The named Corti clients ({@code corti.clients.<name>}), by name, for choosing one at
 * run time, such as the client of a customer's tenant or region: <pre>{@code
 * clients.get(customer.cortiClient()).getRestClient().get().uri("/interactions/").retrieve()…
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CortiClients implements DisposableBean {

	private final Map<String, CortiClient> clients;

	private final List<CortiTokenServiceFactory> factories;

	CortiClients(Map<String, CortiClient> clients, List<CortiTokenServiceFactory> factories) {
		this.clients = Collections.unmodifiableMap(clients);
		this.factories = List.copyOf(factories);
	}

	static String registrationId(String name) {
		return "corti-" + name;
	}

	/**
	 * The client with this name.
	 * @param name the name, as in {@code corti.clients.<name>}
	 * @return the client
	 * @throws IllegalArgumentException when there is no such client (the message lists
	 * the names there are)
	 */
	public CortiClient get(String name) {
		CortiClient client = this.clients.get(name);
		if (client == null) {
			throw new IllegalArgumentException(
					"No Corti client named '" + name + "'; configured: " + names() + " (corti.clients.<name>)");
		}
		return client;
	}

	/**
	 * The names of the configured clients, in configuration order.
	 * @return the client names, unmodifiable
	 */
	public Set<String> names() {
		return this.clients.keySet();
	}

	/**
	 * Every client's token service and the scoped ones created so far, by registration
	 * id.
	 * @return the token services, by registration id
	 */
	Map<String, CortiTokenProvider> tokenServices() {
		Map<String, CortiTokenProvider> all = new LinkedHashMap<>();
		this.clients.values().forEach((client) -> all.put(client.getRegistrationId(), client.getTokenService()));
		this.factories.forEach((factory) -> all.putAll(factory.scopedServices()));
		return all;
	}

	@Override
	public void destroy() {
		// Each factory closes the token services it made.
		this.factories.forEach(CortiTokenServiceFactory::destroy);
	}

	@Override
	public String toString() {
		return "CortiClients" + names();
	}

}
