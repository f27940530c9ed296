package ai.corti.spring.auth.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal HTTP proxy on loopback that understands {@code CONNECT host:port} (what Reactor Netty sends through an
 * HTTP proxy) and tunnels the bytes. Records each CONNECT target and its {@code Proxy-Authorization} header.
 */
final class LoopbackConnectProxy implements AutoCloseable {

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
				this.threads.execute(() -> tunnel(client));
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private void tunnel(Socket client) {
		try (client) {
			InputStream in = client.getInputStream();
			String head = readHead(in);
			String[] requestLine = head.split("\r\n")[0].split(" ");
			if (!"CONNECT".equals(requestLine[0])) {
				client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				return;
			}
			this.targets.add(requestLine[1]);
			for (String line : head.split("\r\n")) {
				if (line.toLowerCase().startsWith("proxy-authorization:")) {
					this.authorizations.add(line.substring(line.indexOf(':') + 1).trim());
				}
			}
			String[] hostPort = requestLine[1].split(":");
			try (Socket upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
				client.getOutputStream()
					.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				this.threads.execute(() -> pipe(upstream, client));
				pipe(client, upstream);
			}
		}
		catch (IOException ex) {
			// A closed connection ends the tunnel.
		}
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
