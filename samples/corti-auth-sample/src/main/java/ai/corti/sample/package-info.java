/**
 * The quick-start sample: calls Corti through the starter's clients and a named client,
 * and hands its own users front-end tokens.
 */
@NullMarked
package ai.corti.sample;

import org.jspecify.annotations.NullMarked;
