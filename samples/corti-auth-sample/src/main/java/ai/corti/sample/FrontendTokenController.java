package ai.corti.sample;

import ai.corti.spring.auth.CortiAccessToken;
import ai.corti.spring.auth.CortiFrontendTokens;
import ai.corti.spring.auth.CortiTokenException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Hands a signed-in user's browser a Corti token for one real-time socket, never the
 * application's own token: {@code GET /corti/frontend-token?scope=streams} or
 * {@code ?scope=transcribe}. Only users of the application get here (see
 * {@link WebSecurityConfiguration}). The token is in the answer only: it is never logged.
 * The tokens come from the top-level client; a named client's come from
 * {@code cortiClients.get(name).getFrontendTokens()}.
 */
@RestController
class FrontendTokenController {

	private final CortiFrontendTokens tokens;

	FrontendTokenController(CortiFrontendTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/corti/frontend-token")
	FrontendToken token(@RequestParam String scope) {
		CortiAccessToken token = switch (scope) {
			case "streams" -> this.tokens.getStreamsToken();
			case "transcribe" -> this.tokens.getTranscribeToken();
			default ->
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "scope must be 'streams' or 'transcribe'");
		};
		return new FrontendToken(token.value(), token.expiresAt(), scope);
	}

	/**
	 * Corti's token endpoint failed: the browser may ask again later; the starter has
	 * logged why.
	 * @param ex the failure to obtain a token
	 * @return a {@code 503} problem when asking again may succeed, a {@code 502} one
	 * otherwise
	 */
	@ExceptionHandler
	ProblemDetail tokenUnavailable(CortiTokenException ex) {
		HttpStatus status = ex.isRetryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
		return ProblemDetail.forStatusAndDetail(status, "No Corti token could be obtained");
	}

}
