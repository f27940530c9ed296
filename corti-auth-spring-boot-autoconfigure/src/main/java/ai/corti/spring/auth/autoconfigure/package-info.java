/**
 * Auto-configuration of the Corti auth starter: properties, the token service and the
 * authenticated clients.
 */
@NullMarked
package ai.corti.spring.auth.autoconfigure;

import org.jspecify.annotations.NullMarked;
