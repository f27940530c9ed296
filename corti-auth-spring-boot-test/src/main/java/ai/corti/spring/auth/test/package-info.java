/**
 * Spring Boot test support: {@link ai.corti.spring.auth.test.AutoConfigureCortiStandIn}
 * runs a {@link ai.corti.spring.auth.standin.CortiStandIn} for a test context and points
 * its Corti client at it.
 */
@NullMarked
package ai.corti.spring.auth.test;

import org.jspecify.annotations.NullMarked;
