package ai.corti.spring.auth.autoconfigure;

import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.aot.BeanRegistrationExcludeFilter;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Leaves the {@code RestClient} and {@code WebClient} beans of the named clients
 * ({@code corti-<name>-restClient}, {@code corti-<name>-webClient}) out of ahead-of-time
 * processing. They are built by an instance supplier, for which AOT cannot generate code;
 * the post-processor that registers them ({@code cortiClientBeans}) is processed like any
 * other bean and registers them again when the processed application starts.
 */
final class CortiClientBeansAotExcludeFilter implements BeanRegistrationExcludeFilter {

	private static final Pattern BEAN_NAME = Pattern.compile("corti-[a-z0-9-]+-(restClient|webClient)");

	@Override
	public boolean isExcludedFromAotProcessing(RegisteredBean registeredBean) {
		RootBeanDefinition definition = registeredBean.getMergedBeanDefinition();
		return BEAN_NAME.matcher(registeredBean.getBeanName()).matches() && definition.getInstanceSupplier() != null
				&& definition.getQualifier(Qualifier.class.getName()) != null;
	}

}
