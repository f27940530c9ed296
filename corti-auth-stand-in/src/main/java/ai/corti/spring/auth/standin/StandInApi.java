package ai.corti.spring.auth.standin;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The REST API under {@code /v2}, in the order it answers: scripted gateway failures
 * (before any check), the bearer token and {@code Tenant-Name} checks, the next scripted
 * answer, canned answers and redirects by method and path, and last the interactions.
 * Thread-safe.
 */
final class StandInApi {

	private final IssuedTokens tokens;

	private final StandInInteractions interactions;

	private final StandInScript failures = new StandInScript();

	private final StandInScript nextAnswers = new StandInScript();

	private final Map<String, StandInAnswer> cannedAnswers = new ConcurrentHashMap<>();

	/**
	 * Creates the API of a stand-in.
	 * @param tokens the issued tokens, which tell whether a bearer token is accepted
	 * @param interactions what authorized requests reach when nothing is scripted
	 */
	StandInApi(IssuedTokens tokens, StandInInteractions interactions) {
		this.tokens = tokens;
		this.interactions = interactions;
	}

	/**
	 * Queues a gateway failure for the next {@code count} API requests, authorized or
	 * not.
	 * @param count how many API requests fail
	 * @param status the HTTP status they get, or {@code 0} to close the connection
	 * @param retryAfter the wait sent as {@code Retry-After}, or {@code null} for none
	 */
	void failNext(int count, int status, @Nullable Duration retryAfter) {
		this.failures.queue(count, gatewayFailure(status, retryAfter));
	}

	/**
	 * Fails every API request once the queued failures are used, until
	 * {@link #clearFailures()}.
	 * @param status the HTTP status they get, or {@code 0} to close the connection
	 * @param retryAfter the wait sent as {@code Retry-After}, or {@code null} for none
	 */
	void failEvery(int status, @Nullable Duration retryAfter) {
		this.failures.always(gatewayFailure(status, retryAfter));
	}

	void clearFailures() {
		this.failures.clear();
	}

	void answerNext(StandInAnswer answer) {
		this.nextAnswers.queue(1, answer);
	}

	/**
	 * Gives every authorized request with this method and path {@code answer}, in place
	 * of an earlier one for them.
	 * @param method the HTTP method in upper case
	 * @param path the path without the query, {@code /v2} prefix included
	 * @param answer the answer they get
	 */
	void answerEvery(String method, String path, StandInAnswer answer) {
		this.cannedAnswers.put(method + " " + path, answer);
	}

	/** Forgets failures, scripted and canned answers, and interactions. */
	void reset() {
		this.failures.clear();
		this.nextAnswers.clear();
		this.cannedAnswers.clear();
		this.interactions.clear();
	}

	/**
	 * Answers an API request.
	 * @param request the API request
	 * @param path its path, without the query
	 * @return the answer
	 */
	StandInAnswer answer(RecordedRequest request, String path) {
		StandInAnswer failure = this.failures.poll();
		if (failure != null) {
			return failure;
		}
		String authorization = request.header("Authorization");
		String token = (authorization != null && authorization.startsWith("Bearer ")) ? authorization.substring(7)
				: null;
		String tenant = this.tokens.acceptedTenant(token);
		if (tenant == null) {
			return StandInAnswer.empty(401);
		}
		if (!tenant.equals(request.header("Tenant-Name"))) {
			return StandInAnswer.json(403,
					"{\"title\":\"Forbidden\",\"detail\":\"missing or wrong Tenant-Name header\"}");
		}
		StandInAnswer next = this.nextAnswers.poll();
		if (next != null) {
			return next;
		}
		StandInAnswer canned = this.cannedAnswers.get(request.method() + " " + path);
		return (canned != null) ? canned : this.interactions.answer(request, path);
	}

	private static StandInAnswer gatewayFailure(int status, @Nullable Duration retryAfter) {
		Map<String, String> headers = (retryAfter != null)
				? Map.of("Retry-After", String.valueOf(retryAfter.toSeconds())) : Map.of();
		return new StandInAnswer(status, "application/json",
				"{\"title\":\"scripted failure\",\"status\":" + status + "}", headers);
	}

}
