package ai.corti.spring.auth.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import ai.corti.spring.auth.standin.CortiStandIn;

/**
 * Runs a {@link CortiStandIn} for a Spring test context and points the Corti clients at
 * it:
 * <ul>
 * <li>the top-level client gets the stand-in's {@code CortiConnectionDetails} bean (token
 * endpoint, API, tenant and credentials), so no {@code corti.*} property is needed; a
 * {@code corti.tenant-name}, {@code corti.client-id} or {@code corti.client-secret} the
 * test sets is what the stand-in accepts;</li>
 * <li>each named client ({@code corti.clients.<name>}) gets the stand-in's token endpoint
 * and API through its {@code token-uri} and {@code base-url}, and the stand-in serves its
 * tenant (by default {@code <name>}) with its credentials;</li>
 * <li>the stand-in is a bean, so the test can script it and assert on its
 * recordings.</li>
 * </ul>
 * <pre>{@code
 * &#64;SpringBootTest

 * &#64;AutoConfigureCortiStandIn
 * class InteractionsTests {
 *
&#64;Autowired CortiStandIn corti;
 * }
 * }</pre> The stand-in lives as long as the cached context; call
 * {@link CortiStandIn#reset()} in {@code @BeforeEach} when tests share it. Token prefetch
 * ({@code corti.token.prefetch}) is off unless the test sets it, so that no background
 * token request races with what a test scripts or counts.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureCortiStandIn {

}
