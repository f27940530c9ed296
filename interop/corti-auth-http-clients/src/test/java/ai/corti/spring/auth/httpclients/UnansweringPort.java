package ai.corti.spring.auth.httpclients;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port whose listen queue is full and never accepted from: the kernel drops
 * new connection requests, so connecting times out, as with a host that does not answer,
 * without leaving the machine.
 */
final class UnansweringPort implements AutoCloseable {

	private static final int QUEUE_FILLERS_AT_MOST = 16;

	private final ServerSocket server;

	private final List<Socket> queued = new ArrayList<>();

	private UnansweringPort() throws IOException {
		this.server = new ServerSocket();
		this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
	}

	/**
	 * Opens a port and fills its queue until a connection times out (how many it holds
	 * depends on the kernel).
	 */
	static UnansweringPort open() throws IOException {
		UnansweringPort port = new UnansweringPort();
		for (int i = 0; i < QUEUE_FILLERS_AT_MOST; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(port.server.getLocalSocketAddress(), 200);
				port.queued.add(socket);
			}
			catch (SocketTimeoutException ex) {
				socket.close();
				return port;
			}
		}
		port.close();
		throw new IllegalStateException("Connections to a full listen queue did not time out");
	}

	/** An API base URL on this port, for {@code corti.base-url}. */
	String baseUrl() {
		return "http://" + this.server.getInetAddress().getHostAddress() + ":" + this.server.getLocalPort() + "/v2";
	}

	@Override
	public void close() throws IOException {
		for (Socket socket : this.queued) {
			socket.close();
		}
		this.server.close();
	}

}
