package ai.corti.spring.auth.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.corti.spring.auth.CortiApiRetries;
import ai.corti.spring.auth.CortiTokenService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated configuration metadata is complete, and the README's properties table
 * says the same thing.
 */
class ConfigurationMetadataTests {

	@Test
	void everyCortiPropertyHasADescription() throws IOException {
		List<String> undocumented = new ArrayList<>();
		for (JsonNode property : metadata().get("properties")) {
			String name = property.get("name").asString();
			JsonNode description = property.get("description");
			if (name.startsWith("corti.") && (description == null || description.asString().isBlank())) {
				undocumented.add(name);
			}
		}
		assertThat(undocumented).as("corti.* properties without a description").isEmpty();
		assertThat(cortiProperties()).hasSizeGreaterThan(20);
	}

	@Test
	void environmentHintsListEuAndUs() throws IOException {
		List<String> values = new ArrayList<>();
		for (JsonNode hint : metadata().get("hints")) {
			if (hint.get("name").asString().equals("corti.environment")) {
				hint.get("values").forEach((value) -> values.add(value.get("value").asString()));
			}
		}
		assertThat(values).containsExactly("eu", "us");
	}

	@Test
	void documentedDefaultsAreTheDefaultsOfThePropertiesAndOfTheBuilders() throws IOException {
		BeanWrapper defaults = new BeanWrapperImpl(new CortiProperties());
		int checked = 0;
		for (Map.Entry<String, JsonNode> entry : cortiProperties().entrySet()) {
			JsonNode documented = entry.getValue().get("defaultValue");
			if (documented == null || documented.isArray() || entry.getKey().startsWith("corti.clients")) {
				continue;
			}
			String path = toCamelCase(entry.getKey().substring("corti.".length()));
			Class<?> type = defaults.getPropertyType(path);
			Object documentedValue = new Binder(
					new MapConfigurationPropertySource(Map.of(entry.getKey(), documented.asString())))
				.bind(entry.getKey(), Bindable.of(ClassUtils.resolvePrimitiveIfNecessary(type)))
				.get();
			assertThat(documentedValue).as("documented default of " + entry.getKey())
				.isEqualTo(defaults.getPropertyValue(path));
			checked++;
		}
		assertThat(checked).isGreaterThanOrEqualTo(28);
		assertThat(new CortiProperties().getToken().getRenewBeforeExpiry())
			.isSameAs(CortiTokenService.DEFAULT_RENEW_BEFORE_EXPIRY);
		assertThat(new CortiProperties().getHttp().getRetry().getBudget().getWindow())
			.isSameAs(CortiApiRetries.DEFAULT_BUDGET_WINDOW);
	}

	private static String toCamelCase(String dashed) {
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : dashed.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

	@Test
	void readmePropertiesTableMatchesTheMetadata() throws IOException {
		Path readme = Path.of("..", "README.md");
		Map<String, String[]> table = new LinkedHashMap<>();
		String text = Files.readString(readme);
		int start = text.indexOf("## Configuration properties");
		String section = text.substring(start, text.indexOf("\n## ", start + 1));
		Matcher row = Pattern.compile("^\\| `(corti\\.[^`]+)` \\| (.*?) \\| (.*) \\|$", Pattern.MULTILINE)
			.matcher(section);
		while (row.find()) {
			table.put(row.group(1), new String[] { row.group(2).replace("`", ""), row.group(3) });
		}
		Map<String, JsonNode> metadata = cortiProperties();
		assertThat(table.keySet()).as("README properties").containsExactlyInAnyOrderElementsOf(metadata.keySet());
		metadata.forEach((name, property) -> {
			JsonNode defaultValue = property.get("defaultValue");
			String expectedDefault = (defaultValue != null && !defaultValue.isArray()) ? defaultValue.asString() : "";
			assertThat(table.get(name)[0]).as("README default of " + name).isEqualTo(expectedDefault);
			assertThat(table.get(name)[1].replace("\\|", "|")).as("README description of " + name)
				.isEqualTo(property.get("description").asString());
		});
	}

	private static Map<String, JsonNode> cortiProperties() throws IOException {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		for (JsonNode property : metadata().get("properties")) {
			if (property.get("name").asString().startsWith("corti.")) {
				properties.put(property.get("name").asString(), property);
			}
		}
		return properties;
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return new ObjectMapper().readTree(in);
		}
	}

}
