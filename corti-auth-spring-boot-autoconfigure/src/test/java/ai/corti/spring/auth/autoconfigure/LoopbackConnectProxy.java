package ai.corti.spring.auth.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

/**
 * A minimal HTTP proxy on loopback. It tunnels {@code CONNECT host:port} (what Reactor
 * Netty sends through an HTTP proxy), and forwards requests in absolute form,
 * {@code GET http://host:port/path} (what the JDK HttpClient sends for {@code http://}
 * targets), one request per connection. Requests in absolute form without
 * {@code Proxy-Authorization} get a {@code 407} Basic challenge, since the JDK sends
 * credentials only when challenged. Records the target ({@code host:port}) and
 * {@code Proxy-Authorization} header of each tunnel and forwarded request.
 */
final class LoopbackConnectProxy implements AutoCloseable {

	/**
	 * Headers for this hop only, not forwarded; the forwarded request gets
	 * {@code Connection: close} instead.
	 */
	private static final Set<String> HOP_BY_HOP = Set.of("connection", "proxy-connection", "keep-alive",
			"proxy-authorization", "upgrade", "http2-settings");

	private final ServerSocket server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<String> targets = new CopyOnWriteArrayList<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	LoopbackConnectProxy() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.execute(this::acceptLoop);
	}

	int port() {
		return this.server.getLocalPort();
	}

	List<String> targets() {
		return List.copyOf(this.targets);
	}

	List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.threads.execute(() -> handle(client));
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private void handle(Socket client) {
		try (client) {
			String[] head = readHead(client.getInputStream()).split("\r\n");
			String[] requestLine = head[0].split(" ");
			if ("CONNECT".equals(requestLine[0])) {
				tunnel(client, requestLine[1], head);
			}
			else if (requestLine[1].startsWith("http://")) {
				forward(client, requestLine, head);
			}
			else {
				client.getOutputStream()
					.write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			}
		}
		catch (IOException ex) {
			// A closed connection ends the exchange.
		}
	}

	private void tunnel(Socket client, String target, String[] head) throws IOException {
		this.targets.add(target);
		String authorization = header(head, "proxy-authorization");
		if (authorization != null) {
			this.authorizations.add(authorization);
		}
		String[] hostPort = target.split(":");
		try (Socket upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
			client.getOutputStream()
				.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			this.threads.execute(() -> pipe(upstream, client));
			pipe(client, upstream);
		}
	}

	/**
	 * Sends one request in absolute form on to its target in origin form, and relays the
	 * answer. Both sides are told {@code Connection: close} and both sockets are closed
	 * after, so the client never reuses a connection the proxy is done with. Bodies are
	 * read by {@code Content-Length}.
	 */
	private void forward(Socket client, String[] requestLine, String[] head) throws IOException {
		byte[] body = client.getInputStream().readNBytes(contentLength(head));
		String authorization = header(head, "proxy-authorization");
		if (authorization == null) {
			client.getOutputStream()
				.write(("HTTP/1.1 407 Proxy Authentication Required\r\n"
						+ "Proxy-Authenticate: Basic realm=\"corti-test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return;
		}
		URI target = URI.create(requestLine[1]);
		this.targets.add(target.getHost() + ":" + target.getPort());
		this.authorizations.add(authorization);
		String originForm = target.getRawPath() + ((target.getRawQuery() != null) ? "?" + target.getRawQuery() : "");
		StringBuilder forwarded = new StringBuilder(requestLine[0] + " " + originForm + " " + requestLine[2] + "\r\n");
		for (int i = 1; i < head.length; i++) {
			if (!HOP_BY_HOP.contains(name(head[i]))) {
				forwarded.append(head[i]).append("\r\n");
			}
		}
		forwarded.append("Connection: close\r\n\r\n");
		try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
			OutputStream toUpstream = upstream.getOutputStream();
			toUpstream.write(forwarded.toString().getBytes(StandardCharsets.US_ASCII));
			toUpstream.write(body);
			toUpstream.flush();
			InputStream fromUpstream = upstream.getInputStream();
			String[] answer = readHead(fromUpstream).split("\r\n");
			StringBuilder relayed = new StringBuilder();
			for (String line : answer) {
				if (!"connection".equals(name(line))) {
					relayed.append(line).append("\r\n");
				}
			}
			relayed.append("Connection: close\r\n\r\n");
			OutputStream toClient = client.getOutputStream();
			toClient.write(relayed.toString().getBytes(StandardCharsets.US_ASCII));
			fromUpstream.transferTo(toClient);
			toClient.flush();
		}
	}

	private static int contentLength(String[] head) {
		String value = header(head, "content-length");
		return (value != null) ? Integer.parseInt(value) : 0;
	}

	private static @Nullable String header(String[] head, String name) {
		for (int i = 1; i < head.length; i++) {
			if (name.equals(name(head[i]))) {
				return head[i].substring(head[i].indexOf(':') + 1).trim();
			}
		}
		return null;
	}

	/**
	 * The lower-case name of a header line; the request or status line has none that
	 * matches.
	 */
	private static String name(String line) {
		int colon = line.indexOf(':');
		return (colon < 0) ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("connection closed before the request head ended");
			}
			head.write(next);
			matched = (next == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	private static void pipe(Socket from, Socket to) {
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			in.transferTo(out);
			to.shutdownOutput();
		}
		catch (IOException ex) {
			// Either side went away.
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.threads.shutdownNow();
	}

}
