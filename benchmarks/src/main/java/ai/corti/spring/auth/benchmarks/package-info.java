/**
 * JMH benchmarks and a token-herd measurement of the Corti clients on the local stand-in over loopback.
 */
@NullMarked
package ai.corti.spring.auth.benchmarks;

import org.jspecify.annotations.NullMarked;
