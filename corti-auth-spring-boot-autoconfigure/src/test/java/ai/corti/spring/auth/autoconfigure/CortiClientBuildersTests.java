package ai.corti.spring.auth.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * More Corti clients from the {@code cortiWebClientBuilder} /
 * {@code cortiRestClientBuilder} beans and from the builder configurers, for example with
 * a longer or shorter read timeout.
 */
class CortiClientBuildersTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	@Test
	void eachInjectionGetsANewCortiBuilderWhileByTypeInjectionKeepsBoots(CortiStandIn standIn) {
		StandInContextRunner.of(standIn).withUserConfiguration(MoreClients.class).run((context) -> {
			MoreClients clients = context.getBean(MoreClients.class);
			assertThat(clients.cortiWebClientBuilders).hasSize(2).doesNotHaveDuplicates();
			assertThat(clients.cortiRestClientBuilders).hasSize(2).doesNotHaveDuplicates();
			for (WebClient.Builder builder : clients.cortiWebClientBuilders) {
				builder.build().get().uri("/interactions/").retrieve().toBodilessEntity().block();
			}
			for (RestClient.Builder builder : clients.cortiRestClientBuilders) {
				builder.build().get().uri("/interactions/").retrieve().toBodilessEntity();
			}
			assertThat(standIn.apiRequests()).hasSize(4).allSatisfy((call) -> {
				assertThat(call.path()).isEqualTo("/v2/interactions/");
				assertThat(call.header("Authorization")).startsWith("Bearer ey");
				assertThat(call.header("Tenant-Name")).isEqualTo(standIn.tenant());
			});
			clients.plainWebClientBuilder.build()
				.get()
				.uri(standIn.baseUrl() + "/interactions/")
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.block();
			clients.plainRestClientBuilder.build()
				.get()
				.uri(standIn.baseUrl() + "/interactions/")
				.exchange((request, response) -> response.getStatusCode().value());
			assertThat(standIn.apiRequests()).hasSize(6);
			assertThat(standIn.apiRequests().subList(4, 6))
				.allSatisfy((call) -> assertThat(call.hasHeader("Authorization")).isFalse());
		});
	}

	@Test
	void httpClientsAndTheirPoolAreBuiltOnTheFirstCallNotAtStartup(CortiStandIn standIn) {
		StandInContextRunner.of(standIn).run((context) -> {
			CortiConnectionPool pool = context.getBean(CortiConnectionPool.class);
			assertThat(context.getBean("cortiWebClient", WebClient.class)).isNotNull();
			assertThat(context.getBean("cortiRestClient", RestClient.class)).isNotNull();
			assertThat(pool.isMade()).as("pool made at startup").isFalse();
			assertThat(standIn.tokenRequestCount()).isZero();
			context.getBean("cortiRestClient", RestClient.class)
				.get()
				.uri("/interactions/")
				.retrieve()
				.toBodilessEntity();
			assertThat(pool.isMade()).isTrue();
			assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void aConfigurerMakesACortiClientWithItsOwnReadTimeout(CortiStandIn standIn) throws IOException {
		try (SilentServer silent = new SilentServer()) {
			StandInContextRunner.of(standIn).withPropertyValues("corti.base-url=" + silent.baseUrl()).run((context) -> {
				WebClient webClient = context.getBean(CortiWebClientBuilderConfigurer.class)
					.configure(WebClient.builder(), Duration.ofMillis(300))
					.build();
				assertThatExceptionOfType(WebClientRequestException.class)
					.isThrownBy(() -> webClient.get()
						.uri("/interactions/")
						.retrieve()
						.toBodilessEntity()
						.block(Duration.ofSeconds(20)))
					.withStackTraceContaining("Timeout");
				RestClient restClient = context.getBean(CortiRestClientBuilderConfigurer.class)
					.configure(RestClient.builder(), Duration.ofMillis(300))
					.build();
				assertThatExceptionOfType(ResourceAccessException.class)
					.isThrownBy(() -> restClient.get().uri("/interactions/").retrieve().toBodilessEntity())
					.withStackTraceContaining("imeout");
				assertThat(silent.requestHeads()).hasSizeGreaterThanOrEqualTo(2).allSatisfy((head) -> {
					assertThat(head).containsIgnoringCase("authorization: Bearer ey");
					assertThat(head).containsIgnoringCase("tenant-name: " + standIn.tenant());
				});
			});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class MoreClients {

		final List<WebClient.Builder> cortiWebClientBuilders = new CopyOnWriteArrayList<>();

		final List<RestClient.Builder> cortiRestClientBuilders = new CopyOnWriteArrayList<>();

		WebClient.Builder plainWebClientBuilder;

		RestClient.Builder plainRestClientBuilder;

		@Bean
		String uploads(@Qualifier("cortiWebClientBuilder") WebClient.Builder first,
				@Qualifier("cortiWebClientBuilder") WebClient.Builder second,
				@Qualifier("cortiRestClientBuilder") RestClient.Builder third,
				@Qualifier("cortiRestClientBuilder") RestClient.Builder fourth, WebClient.Builder plainWeb,
				RestClient.Builder plainRest) {
			this.cortiWebClientBuilders.addAll(List.of(first, second));
			this.cortiRestClientBuilders.addAll(List.of(third, fourth));
			this.plainWebClientBuilder = plainWeb;
			this.plainRestClientBuilder = plainRest;
			return "clients";
		}

	}

	/**
	 * Accepts connections and reads requests, never answers: every call ends in a read
	 * timeout.
	 */
	static final class SilentServer implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final List<String> heads = new CopyOnWriteArrayList<>();

		private final List<Socket> open = new CopyOnWriteArrayList<>();

		private final Thread acceptor;

		SilentServer() throws IOException {
			this.acceptor = new Thread(this::accept, "silent-server");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.server.getLocalPort() + "/v2";
		}

		List<String> requestHeads() {
			return List.copyOf(this.heads);
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					Socket socket = this.server.accept();
					this.open.add(socket);
					Thread reader = new Thread(() -> read(socket), "silent-reader");
					reader.setDaemon(true);
					reader.start();
				}
				catch (IOException closed) {
					return;
				}
			}
		}

		private void read(Socket socket) {
			StringBuilder head = new StringBuilder();
			try {
				int next;
				while ((next = socket.getInputStream().read()) >= 0) {
					head.append((char) next);
					if (head.toString().endsWith("\r\n\r\n")) {
						this.heads.add(head.toString());
						head.setLength(0);
					}
				}
			}
			catch (IOException closed) {
				// The client gave up.
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket socket : this.open) {
				socket.close();
			}
		}

	}

}
