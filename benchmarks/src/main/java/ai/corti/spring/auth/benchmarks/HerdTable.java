package ai.corti.spring.auth.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The token herd results as a Markdown table. */
final class HerdTable {

	private HerdTable() {
	}

	static List<String> render(List<TokenHerd.Result> herds) {
		List<String> lines = new ArrayList<>();
		lines.add("Token herd: " + TokenHerd.CALLERS + " concurrent callers at cold start, token endpoint delayed "
				+ TokenHerd.TOKEN_DELAY.toMillis() + " ms");
		lines.add("");
		lines.add("| variant | client | token requests | callers ok | other outcomes | herd time |");
		lines.add("|---|---|---:|---:|---|---:|");
		for (TokenHerd.Result herd : herds) {
			String others = herd.outcomes()
				.entrySet()
				.stream()
				.filter((outcome) -> !"ok".equals(outcome.getKey()))
				.map((outcome) -> outcome.getValue() + " × " + outcome.getKey())
				.collect(Collectors.joining("; "));
			String requests = herd.tokenRequests() + ((herd.tokenRequestsBefore() != 0)
					? " (" + herd.tokenRequestsBefore() + " before the herd!)" : "");
			lines.add("| " + herd.variant().parameterName() + " | " + herd.client() + " | " + requests + " | "
					+ herd.succeeded() + " / " + TokenHerd.CALLERS + " | " + (others.isEmpty() ? "none" : others)
					+ " | " + herd.elapsed().toMillis() + " ms |");
		}
		return lines;
	}

}
