package ai.corti.spring.auth.standin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order in which scripted answers are used.
 */
class StandInScriptTests {

	private final StandInScript script = new StandInScript();

	@Test
	void withNothingScriptedThereIsNoAnswer() {
		assertThat(this.script.poll()).isNull();
	}

	@Test
	void queuedAnswersAreUsedOnceEachInOrder() {
		StandInAnswer first = StandInAnswer.empty(503);
		StandInAnswer second = StandInAnswer.empty(429);
		this.script.queue(2, first);
		this.script.queue(1, second);
		assertThat(this.script.poll()).isSameAs(first);
		assertThat(this.script.poll()).isSameAs(first);
		assertThat(this.script.poll()).isSameAs(second);
		assertThat(this.script.poll()).isNull();
	}

	@Test
	void theLastingAnswerFollowsTheQueuedOnesUntilCleared() {
		StandInAnswer queued = StandInAnswer.empty(503);
		StandInAnswer lasting = StandInAnswer.empty(502);
		this.script.always(lasting);
		this.script.queue(1, queued);
		assertThat(this.script.poll()).isSameAs(queued);
		assertThat(this.script.poll()).isSameAs(lasting);
		assertThat(this.script.poll()).isSameAs(lasting);
		this.script.queue(1, queued);
		this.script.clear();
		assertThat(this.script.poll()).isNull();
	}

	@Test
	void aLastingAnswerReplacesTheEarlierOne() {
		StandInAnswer replaced = StandInAnswer.empty(503);
		StandInAnswer lasting = StandInAnswer.empty(429);
		this.script.always(replaced);
		this.script.always(lasting);
		assertThat(this.script.poll()).isSameAs(lasting);
	}

	@Test
	void queuingNoAnswersScriptsNothing() {
		this.script.queue(0, StandInAnswer.empty(503));
		assertThat(this.script.poll()).isNull();
	}

}
