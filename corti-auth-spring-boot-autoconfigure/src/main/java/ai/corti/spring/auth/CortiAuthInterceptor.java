package ai.corti.spring.auth;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * {@code RestClient} interceptor that adds {@code Authorization: Bearer …} and
 * {@code Tenant-Name} to requests for the Corti API origin, and on a {@code 401} drops
 * the rejected token and sends the request once more with a new one (Spring buffers a
 * {@code RestClient} body in memory before interceptors run, so every body can be sent
 * again). Transient failures are retried as {@link CortiApiRetries} decides. Requests to
 * any other origin pass through untouched. Registered on {@code cortiRestClient}; add it
 * to your own {@code RestClient.Builder} to authenticate a custom client.
 *
 * @since 0.1.0
 */
public final class CortiAuthInterceptor implements ClientHttpRequestInterceptor {

	/** Name of the header that selects the tenant on every Corti API call. */
	public static final String TENANT_NAME_HEADER = "Tenant-Name";

	private final CortiTokenProvider tokens;

	private final String tenantName;

	private final CortiOrigin origin;

	private final CortiApiRetries retries;

	/**
	 * Creates an interceptor that does not retry transient failures
	 * ({@link CortiApiRetries#none()}).
	 * @param tokens the source of the access tokens
	 * @param tenantName the tenant name, sent as the {@code Tenant-Name} header
	 * @param baseUrl the absolute base URL of the Corti API; only requests to its scheme,
	 * host and port are authenticated
	 */
	public CortiAuthInterceptor(CortiTokenProvider tokens, String tenantName, URI baseUrl) {
		this(tokens, tenantName, baseUrl, CortiApiRetries.none());
	}

	/**
	 * Creates an interceptor that also retries transient failures.
	 * @param tokens the source of the access tokens
	 * @param tenantName the tenant name, sent as the {@code Tenant-Name} header
	 * @param baseUrl the absolute base URL of the Corti API; only requests to its scheme,
	 * host and port are authenticated
	 * @param retries when failed requests are sent again, such as
	 * {@link CortiApiRetries#none()}
	 * @since 0.1.0
	 */
	public CortiAuthInterceptor(CortiTokenProvider tokens, String tenantName, URI baseUrl, CortiApiRetries retries) {
		this.tokens = tokens;
		this.tenantName = tenantName;
		this.origin = CortiOrigin.of(baseUrl);
		this.retries = retries;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.origin.matches(request.getURI())) {
			return execution.execute(request, body);
		}
		request.getHeaders().set(TENANT_NAME_HEADER, this.tenantName);
		this.retries.recordCall();
		for (int retries = 0;; retries++) {
			ClientHttpResponse response;
			try {
				response = authorizedExecute(request, body, execution);
			}
			catch (IOException ex) {
				Duration wait = this.retries.afterFailure(request.getMethod(), retries, ex);
				if (wait == null) {
					throw ex;
				}
				pause(request, retries + 1, CortiApiRetries.reasonFor(ex), wait, ex);
				continue;
			}
			int status = statusOf(response);
			Duration wait = this.retries.afterAnswer(request.getMethod(), retries, status, response.getHeaders());
			if (wait == null) {
				return response;
			}
			response.close();
			pause(request, retries + 1, "status " + status, wait, null);
		}
	}

	/**
	 * One attempt: the current token, and on a {@code 401} a new token and one more send
	 * when it differs.
	 * @param request the request to send
	 * @param body the body of the request
	 * @param execution the execution that sends the request
	 * @return the response of the last send
	 */
	private ClientHttpResponse authorizedExecute(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String token = this.tokens.getAccessToken();
		request.getHeaders().setBearerAuth(token);
		ClientHttpResponse response = execution.execute(request, body);
		if (statusOf(response) != 401) {
			return response;
		}
		String fresh;
		try {
			fresh = this.tokens.renewAfterRejection(token);
		}
		catch (CortiTokenException ex) {
			response.close();
			throw ex;
		}
		if (fresh == null) {
			return response;
		}
		response.close();
		request.getHeaders().setBearerAuth(fresh);
		return execution.execute(request, body);
	}

	private void pause(HttpRequest request, int retry, String reason, Duration wait, @Nullable IOException failure)
			throws IOException {
		Observation observation = this.retries.retrying(request.getMethod(), request.getURI(), retry, reason, wait);
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
			if (failure != null) {
				interrupted.addSuppressed(failure);
			}
			throw interrupted;
		}
		finally {
			observation.stop();
		}
	}

	private static int statusOf(ClientHttpResponse response) throws IOException {
		try {
			return response.getStatusCode().value();
		}
		catch (IOException | RuntimeException ex) {
			response.close();
			throw ex;
		}
	}

}
