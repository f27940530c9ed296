package ai.corti.spring.auth.standin;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs one {@link CortiStandIn} for a test class, resets it before
 * each test and injects it into test and lifecycle method parameters. No Spring needed:
 * <pre>{@code
 * &#64;RegisterExtension
 * static CortiStandInExtension corti = new CortiStandInExtension();
 *
 *

&#64;Test
 * void test(CortiStandIn standIn) { … standIn.tokenUri() … }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CortiStandInExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

	private @Nullable CortiStandIn standIn;

	/**
	 * The running stand-in; available from {@code @BeforeAll} on. Starts one when none is
	 * running, such as before the extension's {@code beforeAll} or after its
	 * {@code afterAll}.
	 * @return the running stand-in
	 */
	public CortiStandIn standIn() {
		CortiStandIn running = this.standIn;
		if (running == null) {
			running = CortiStandIn.start();
			this.standIn = running;
		}
		return running;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		standIn();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		standIn().reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		CortiStandIn running = this.standIn;
		if (running != null) {
			running.close();
			this.standIn = null;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == CortiStandIn.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return standIn();
	}

}
