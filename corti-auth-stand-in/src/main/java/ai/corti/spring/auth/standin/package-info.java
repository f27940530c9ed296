/**
 * A local stand-in for Corti's token endpoint, REST API and WebSocket endpoints, with a
 * JUnit 5 extension. It needs no Spring; {@code corti-auth-spring-boot-test} points a
 * Spring Boot test's Corti clients at it.
 */
@NullMarked
package ai.corti.spring.auth.standin;

import org.jspecify.annotations.NullMarked;
