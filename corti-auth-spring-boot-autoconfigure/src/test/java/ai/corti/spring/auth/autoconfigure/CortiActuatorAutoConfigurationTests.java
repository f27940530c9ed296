package ai.corti.spring.auth.autoconfigure;

import java.util.Map;

import ai.corti.spring.auth.CortiFrontendTokens;
import ai.corti.spring.auth.CortiTokenService;
import ai.corti.spring.auth.standin.CortiStandIn;
import ai.corti.spring.auth.standin.CortiStandInExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class CortiActuatorAutoConfigurationTests {

	@RegisterExtension
	static CortiStandInExtension corti = new CortiStandInExtension();

	private ApplicationContextRunner contextRunner(CortiStandIn standIn) {
		return StandInContextRunner.of(standIn);
	}

	@Test
	void healthIsUnknownBeforeTheFirstTokenAndProbesNeverCallTheTokenEndpoint(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			HealthIndicator indicator = member(context, "corti");
			assertThat(context.getBean("cortiHealthContributor", CompositeHealthContributor.class)
				.stream()
				.map(HealthContributors.Entry::name)).containsExactly("corti");
			for (int i = 0; i < 10; i++) {
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
			}
			assertThat(standIn.tokenRequestCount()).isZero();
		});
	}

	@Test
	void healthIsUpWithDetailsAndNoTokenOnceATokenIsHeld(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			String token = context.getBean(CortiTokenService.class).getAccessToken();
			Health health = member(context, "corti").health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			Map<String, Object> details = health.getDetails();
			assertThat(details).containsEntry("tokenPresent", true)
				.containsEntry("tokensObtained", 1L)
				.containsKeys("secondsUntilExpiry", "lastRenewal")
				.doesNotContainKey("lastError");
			assertThat((Long) details.get("secondsUntilExpiry")).isBetween(290L, 300L);
			assertThat(details.toString()).doesNotContain(token).doesNotContain(standIn.clientSecret());
			assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void healthIsDownWithTheErrorCodeWhenNoTokenCanBeHad(CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues("corti.client-secret=wrong-secret-for-health").run((context) -> {
			catchThrowable(() -> context.getBean(CortiTokenService.class).getAccessToken());
			Health health = member(context, "corti").health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("lastError", "unauthorized_client")
				.containsEntry("lastErrorRetryable", false)
				.containsEntry("tokenPresent", false);
			assertThat(health.getDetails().toString()).doesNotContain("wrong-secret-for-health");
		});
	}

	@Test
	void scopedTokenServicesJoinTheComponentOnceUsed(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			CompositeHealthContributor corti = context.getBean("cortiHealthContributor",
					CompositeHealthContributor.class);
			assertThat(corti.getContributor("corti-streams")).isNull();
			context.getBean(CortiFrontendTokens.class).getStreamsToken();
			assertThat(corti.stream().map(HealthContributors.Entry::name)).containsExactly("corti", "corti-streams");
			assertThat(member(context, "corti-streams").health().getStatus()).isEqualTo(Status.UP);
			assertThat(member(context, "corti").health().getStatus()).isEqualTo(Status.UNKNOWN);
		});
	}

	@Test
	void aScopedServiceThatCannotGetATokenIsDown(CortiStandIn standIn) {
		standIn.allowedScopes("openid", "streams");
		contextRunner(standIn).run((context) -> {
			catchThrowable(() -> context.getBean(CortiFrontendTokens.class).getTranscribeToken());
			assertThat(member(context, "corti-transcribe").health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(member(context, "corti-transcribe").health().getDetails()).containsEntry("lastError",
					"invalid_scope");
		});
	}

	@Test
	void healthIndicatorCanBeDisabledTheBootWay(CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues("management.health.corti.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("cortiHealthContributor"));
	}

	@Test
	void healthIndicatorBacksOffForAUserBean(CortiStandIn standIn) {
		contextRunner(standIn).withUserConfiguration(OwnHealth.class).run((context) -> {
			assertThat(context).doesNotHaveBean("cortiHealthContributor");
			assertThat(context.getBean("cortiHealthIndicator", HealthIndicator.class).health().getStatus())
				.isEqualTo(Status.OUT_OF_SERVICE);
		});
	}

	@Test
	void healthIndicatorIsAbsentWithoutBootsHealthModule(CortiStandIn standIn) {
		contextRunner(standIn).withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean("cortiHealthContributor");
			assertThat(context).hasSingleBean(CortiTokenService.class);
		});
	}

	@Test
	void applicationsWithoutActuatorStillStart(CortiStandIn standIn) {
		contextRunner(standIn).withClassLoader(new FilteredClassLoader(HealthIndicator.class, SanitizingFunction.class))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean("cortiHealthContributor")
					.doesNotHaveBean("cortiSanitizingFunction");
				assertThat(context).hasSingleBean(CortiTokenService.class);
			});
	}

	@Test
	void nothingIsAddedWhenTheStarterIsDisabled(CortiStandIn standIn) {
		contextRunner(standIn).withPropertyValues("corti.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("cortiHealthContributor")
				.doesNotHaveBean("cortiSanitizingFunction"));
	}

	@Test
	void sanitizingFunctionMasksEverySpellingOfTheCredentials(CortiStandIn standIn) {
		contextRunner(standIn).run((context) -> {
			SanitizingFunction function = context.getBean("cortiSanitizingFunction", SanitizingFunction.class);
			for (String key : new String[] { "corti.client-secret", "corti.clientSecret", "CORTI_CLIENT_SECRET",
					"corti.http.proxy.password", "CORTI_HTTP_PROXY_PASSWORD" }) {
				assertThat(function.apply(new SanitizableData(null, key, "value")).getValue()).as(key)
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			for (String key : new String[] { "corti.client-id", "corti.tenant-name", "other.client-secret" }) {
				assertThat(function.apply(new SanitizableData(null, key, "value")).getValue()).as(key)
					.isEqualTo("value");
			}
		});
	}

	private static HealthIndicator member(AssertableApplicationContext context, String name) {
		HealthContributor member = context.getBean("cortiHealthContributor", CompositeHealthContributor.class)
			.getContributor(name);
		assertThat(member).as(name).isInstanceOf(HealthIndicator.class);
		return (HealthIndicator) member;
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnHealth {

		@Bean
		HealthIndicator cortiHealthIndicator() {
			return () -> Health.outOfService().build();
		}

	}

}
