package ai.corti.spring.auth.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A non-web application with nothing but auto-configuration, as a user of the starter
 * would have: it supplies {@code cortiWebClient}, {@code cortiRestClient} and Boot's
 * client builders.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class BenchmarkApplication {

}
