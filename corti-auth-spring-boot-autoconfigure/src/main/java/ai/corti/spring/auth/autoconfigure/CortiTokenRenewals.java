package ai.corti.spring.auth.autoconfigure;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The one thread that times the renewals and retries of every Corti token service in the
 * context: the top-level client's, the named clients' and the scoped ones. It only hands
 * work over; each token service runs its token requests on a thread of its own, so a
 * token endpoint that hangs delays no other client. The thread starts with the first
 * scheduled renewal.
 */
final class CortiTokenRenewals implements DisposableBean {

	private final ScheduledThreadPoolExecutor scheduler;

	CortiTokenRenewals() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("corti-token-renewal-");
		threads.setDaemon(true);
		this.scheduler = new ScheduledThreadPoolExecutor(1, threads);
		this.scheduler.setRemoveOnCancelPolicy(true);
	}

	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
