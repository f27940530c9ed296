package ai.corti.spring.auth.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanRegistrationExcludeFilter;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.InputStreamSource;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CortiClientBeansAotExcludeFilter}: an application with a named client
 * can be processed ahead of time.
 */
class CortiClientBeansAotExcludeFilterTests {

	private final ApplicationContextRunner contextRunner = StandInContextRunner.withoutProperties()
		.withPropertyValues("corti.clients.us.environment=us", "corti.clients.us.tenant-name=base",
				"corti.clients.us.client-id=id", "corti.clients.us.client-secret=secret");

	@Test
	void applicationWithANamedClientIsProcessedAheadOfTimeWithoutItsClientBeans() {
		this.contextRunner.prepare((context) -> {
			InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
			DefaultGenerationContext generation = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get("com.example", "Sample")), files);
			new ApplicationContextAotGenerator()
				.processAheadOfTime((GenericApplicationContext) context.getSourceApplicationContext(), generation);
			generation.writeGeneratedContent();
			assertThat(context.getBeanFactory().containsBeanDefinition("corti-us-restClient")).isTrue();
			assertThat(sources(files)).contains("\"cortiClientBeans\"", "\"cortiClients\"")
				.doesNotContain("corti-us-restClient", "corti-us-webClient");
		});
	}

	@Test
	void excludesOnlyTheNamedClientsRestClientAndWebClient() {
		this.contextRunner.prepare((context) -> {
			GenericApplicationContext application = (GenericApplicationContext) context.getSourceApplicationContext();
			application.refreshForAotProcessing(new RuntimeHints());
			CortiClientBeansAotExcludeFilter filter = new CortiClientBeansAotExcludeFilter();
			assertThat(Arrays.stream(application.getBeanDefinitionNames())
				.filter((name) -> filter
					.isExcludedFromAotProcessing(RegisteredBean.of(application.getBeanFactory(), name))))
				.containsExactlyInAnyOrder("corti-us-restClient", "corti-us-webClient");
		});
	}

	@Test
	void isRegisteredForAheadOfTimeProcessing() {
		assertThat(AotServices.factories().load(BeanRegistrationExcludeFilter.class))
			.anyMatch(CortiClientBeansAotExcludeFilter.class::isInstance);
	}

	private static String sources(InMemoryGeneratedFiles files) {
		StringBuilder all = new StringBuilder();
		for (InputStreamSource file : files.getGeneratedFiles(Kind.SOURCE).values()) {
			try (InputStream source = file.getInputStream()) {
				all.append(new String(source.readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return all.toString();
	}

}
