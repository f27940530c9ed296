package ai.corti.spring.auth.autoconfigure;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the Corti client secret and proxy password in Actuator's {@code /configprops} and
 * {@code /env}, in any spelling ({@code corti.client-secret}, {@code corti.clientSecret},
 * {@code CORTI_CLIENT_SECRET}), even when values are shown.
 */
class CortiCredentialsSanitizingFunction implements SanitizingFunction {

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = data.getKey().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		boolean credential = key.startsWith("corti") && (key.endsWith("clientsecret") || key.endsWith("proxypassword"));
		return credential ? data.withSanitizedValue() : data;
	}

}
