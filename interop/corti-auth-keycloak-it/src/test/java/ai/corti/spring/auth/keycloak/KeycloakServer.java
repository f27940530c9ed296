package ai.corti.spring.auth.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import static org.awaitility.Awaitility.await;

/**
 * A Keycloak server from the distribution that the build unpacks (system property
 * {@code keycloak.home}), started in development mode on {@code 127.0.0.1} and a free
 * port with an in-memory database and the {@code base} realm imported. Its output goes to
 * {@code keycloak.log} in the build directory.
 */
final class KeycloakServer implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	private final Process process;

	private final Path log;

	private final int port;

	private final Thread shutdownHook;

	private KeycloakServer(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
		// Failsafe may end the test JVM without closing the JUnit store (a timeout,
		// Ctrl-C): Keycloak must die with it.
		this.shutdownHook = new Thread(this::stop, "keycloak-stop");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	static KeycloakServer start() {
		String configuredHome = System.getProperty("keycloak.home");
		if (configuredHome == null || !Files.isExecutable(Path.of(configuredHome, "bin", "kc.sh"))) {
			throw new IllegalStateException("No Keycloak distribution at " + configuredHome
					+ ": run these tests with 'mvn verify -Pkeycloak', which unpacks one and sets keycloak.home");
		}
		Path home = Path.of(configuredHome).toAbsolutePath();
		int port = freePort();
		Path log = home.getParent().resolve("keycloak.log");
		long startedAt = System.nanoTime();
		KeycloakServer server = new KeycloakServer(launch(home, port, log), log, port);
		try {
			server.awaitRealm();
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
		System.out.printf("Keycloak ready on %s after %d s (log: %s)%n", server.baseUrl(),
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt), log);
		return server;
	}

	private static Process launch(Path home, int port, Path log) {
		try {
			Path imports = Files.createDirectories(home.resolve("data/import"));
			try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/base-realm.json")) {
				Files.copy(realm, imports.resolve("base-realm.json"), StandardCopyOption.REPLACE_EXISTING);
			}
			ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
					"--db=dev-mem", "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm")
				.directory(home.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			// kc.sh takes every KC_* variable as an option: a developer's own settings
			// must not leak in.
			builder.environment().keySet().removeIf((name) -> name.startsWith("KC_"));
			// Run Keycloak on the JDK of the build, whatever java is first on the PATH.
			builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start Keycloak from " + home, ex);
		}
	}

	private void awaitRealm() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			await("Keycloak realm '" + CortiRealm.TENANT + "' at " + baseUrl()).atMost(STARTUP_TIMEOUT)
				.pollInterval(Duration.ofMillis(500))
				.failFast("Keycloak exited", () -> !this.process.isAlive())
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
		}
		catch (ConditionTimeoutException | TerminalFailureException ex) {
			throw new IllegalStateException(ex.getMessage() + ". Last lines of " + this.log + ":\n" + logTail(60), ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Issuer of the {@code base} realm, as it appears in the {@code iss} claim of its
	 * tokens.
	 */
	String issuer() {
		return baseUrl() + "/realms/" + CortiRealm.TENANT;
	}

	/** Token endpoint of the {@code base} realm, at the path Corti's token URL has. */
	String tokenUri() {
		return issuer() + "/protocol/openid-connect/token";
	}

	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException shuttingDown) {
			// The hook is running or has run already.
		}
	}

	/** Stops kc.sh and the JVM it started, forcibly if they do not end in time. */
	private void stop() {
		List<ProcessHandle> tree = Stream.concat(this.process.descendants(), Stream.of(this.process.toHandle()))
			.toList();
		tree.forEach(ProcessHandle::destroy);
		for (ProcessHandle handle : tree) {
			try {
				handle.onExit().get(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				handle.destroyForcibly();
			}
			catch (ExecutionException | TimeoutException ex) {
				handle.destroyForcibly();
			}
		}
	}

	private String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(unreadable: " + ex + ")";
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
