/**
 * Public API of the Corti auth starter: the shared token service, client customizers and
 * typed exceptions.
 */
@NullMarked
package ai.corti.spring.auth;

import org.jspecify.annotations.NullMarked;
