package ai.corti.spring.auth.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link CortiStandIn} for a Spring test context and points the Corti client at it: sets
 * {@code corti.token-uri} and {@code corti.base-url}, fills in {@code corti.tenant-name}, {@code corti.client-id} and
 * {@code corti.client-secret} when the test does not set them (and makes the stand-in accept the ones it does set),
 * and registers the stand-in as a bean so the test can script it and assert on its recordings.
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureCortiStandIn
 * class InteractionsTests {
 *     @Autowired CortiStandIn corti;
 * }
 * }</pre>
 * The stand-in lives as long as the cached context; call {@link CortiStandIn#reset()} in {@code @BeforeEach} when
 * tests share it. Token prefetch ({@code corti.token.prefetch}) is off unless the test sets it, so that no background
 * token request races with what a test scripts or counts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureCortiStandIn {

}
