package ai.corti.sample;

import java.time.Duration;

import ai.corti.spring.auth.standin.CortiStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the quick-start tour against the stand-in, faster than the README run (2 s tokens, 250 ms between calls).
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	@Test
	void tourCallsThroughBothClientsAcrossRenewalsAndA401WithoutFailures(CapturedOutput output) {
		try (CortiStandIn standIn = CortiStandIn.start().tokenLifetime(Duration.ofSeconds(2))) {
			SpringApplication application = new SpringApplication(SampleApplication.class);
			application.addInitializers((context) -> context.getBeanFactory().registerSingleton("cortiStandIn", standIn));
			String[] args = SampleApplication.standInArgs(standIn, new String[] { "--sample.pause=250ms" });
			try (ConfigurableApplicationContext context = application.run(args)) {
				assertThat(output).contains("Summary: 15 calls, 0 failed")
					.contains("call  1 via RestClient")
					.contains("call  2 via WebClient     ")
					.contains("API said 401: token dropped, a new one fetched, call retried once")
					.contains("token was renewed in the background")
					.contains("call 15 via HTTP interface -> GET /interactions/?pageSize=1: OK")
					.doesNotContain(standIn.clientSecret());
				assertThat(standIn.tokenRequestCount()).isGreaterThanOrEqualTo(3);
				assertThat(standIn.apiRequests()).allSatisfy((call) -> {
					assertThat(call.header("Authorization")).startsWith("Bearer ");
					assertThat(call.header("Tenant-Name")).isEqualTo("base");
				});
				standIn.validTokens().forEach((token) -> assertThat(output).doesNotContain(token));
			}
		}
	}

}
