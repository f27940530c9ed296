/**
 * JMH benchmarks of the Corti clients on the local stand-in over loopback, and
 * measurements of a token herd, the first call and application start time.
 */
@NullMarked
package ai.corti.spring.auth.benchmarks;

import org.jspecify.annotations.NullMarked;
