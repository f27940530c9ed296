package ai.corti.spring.auth.standin;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;

/**
 * Answers scripted ahead of the real ones: queued answers, each used once in the order
 * they were queued, then a lasting answer until it is cleared. Thread-safe.
 */
final class StandInScript {

	private final Queue<StandInAnswer> queued = new ConcurrentLinkedQueue<>();

	private volatile @Nullable StandInAnswer lasting;

	/**
	 * Queues {@code answer} for the next {@code count} requests, after those already
	 * queued.
	 * @param count how many requests get the answer
	 * @param answer the answer they get
	 */
	void queue(int count, StandInAnswer answer) {
		for (int i = 0; i < count; i++) {
			this.queued.add(answer);
		}
	}

	/**
	 * Gives every request {@code answer} once the queued answers are used, in place of an
	 * earlier lasting answer.
	 * @param answer the answer every request gets
	 */
	void always(StandInAnswer answer) {
		this.lasting = answer;
	}

	/**
	 * Takes the answer for the current request.
	 * @return the next queued answer, else the lasting one, else {@code null} for an
	 * unscripted answer
	 */
	@Nullable StandInAnswer poll() {
		StandInAnswer next = this.queued.poll();
		return (next != null) ? next : this.lasting;
	}

	void clear() {
		this.queued.clear();
		this.lasting = null;
	}

}
