package ai.corti.spring.auth;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * {@code RestClient} interceptor that adds {@code Authorization: Bearer …} and {@code Tenant-Name} to requests for
 * the Corti API origin, and on a {@code 401} drops the rejected token and sends the request once more with a new one.
 * Requests to any other origin pass through untouched. Registered on {@code cortiRestClient}; add it to your own
 * {@code RestClient.Builder} to authenticate a custom client.
 */
public final class CortiAuthInterceptor implements ClientHttpRequestInterceptor {

	/** Name of the header that selects the tenant on every Corti API call. */
	public static final String TENANT_NAME_HEADER = "Tenant-Name";

	private final CortiTokenService tokens;

	private final String tenantName;

	private final CortiOrigin origin;

	public CortiAuthInterceptor(CortiTokenService tokens, String tenantName, URI baseUrl) {
		this.tokens = tokens;
		this.tenantName = tenantName;
		this.origin = CortiOrigin.of(baseUrl);
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.origin.matches(request.getURI())) {
			return execution.execute(request, body);
		}
		request.getHeaders().set(TENANT_NAME_HEADER, this.tenantName);
		String token = this.tokens.getAccessToken();
		request.getHeaders().setBearerAuth(token);
		ClientHttpResponse response = execution.execute(request, body);
		int status;
		try {
			status = response.getStatusCode().value();
		}
		catch (IOException | RuntimeException ex) {
			response.close();
			throw ex;
		}
		if (status != 401) {
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

}
