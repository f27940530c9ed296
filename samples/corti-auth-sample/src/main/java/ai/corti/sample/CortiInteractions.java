package ai.corti.sample;

import java.util.Map;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * A typed Corti client: imported into the {@code corti} HTTP service group, so the
 * starter wires base URL, tenant and token handling.
 */
@HttpExchange("/interactions/")
interface CortiInteractions {

	@GetExchange
	Map<String, Object> list(@RequestParam int pageSize);

}
