/**
 * A local stand-in for Corti's token endpoint and API, with a JUnit 5 extension and a Spring Boot test annotation.
 */
@NullMarked
package ai.corti.spring.auth.test;

import org.jspecify.annotations.NullMarked;
