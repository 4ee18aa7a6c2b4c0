package io.tcpgateway.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.chat.ChatRoom.Rename;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat room membership, names and relaying, on plain objects.
 */
class ChatRoomTests {

	private final ChatRoom room = new ChatRoom();

	static Rename rename(ChatRoom room, Member member, String nick) {
		return room.rename(member, nick).toCompletableFuture().join();
	}

	@Test
	void givesUniqueGuestNamesToMembersWithoutOne() {
		TestMember a = new TestMember();
		TestMember b = new TestMember();
		this.room.join(a);
		this.room.join(b);
		assertThat(a.nick()).startsWith("guest");
		assertThat(b.nick()).startsWith("guest").isNotEqualTo(a.nick());
	}

	@Test
	void skipsGuestNamesThatSomeoneHasTaken() {
		TestMember taken = new TestMember();
		rename(this.room, taken, "GUEST1");
		TestMember guest = new TestMember();
		this.room.join(guest);
		assertThat(guest.nick()).isEqualTo("guest2");
	}

	@Test
	void keepsNamesUniqueWithoutRegardToCaseUntilTheHolderLeaves() {
		TestMember alice = new TestMember();
		TestMember other = new TestMember();
		assertThat(rename(this.room, alice, "Alice")).isEqualTo(Rename.DONE);
		assertThat(rename(this.room, other, "alice")).isEqualTo(Rename.TAKEN);
		this.room.disconnect(alice);
		assertThat(rename(this.room, other, "alice")).isEqualTo(Rename.DONE);
	}

	@Test
	void freesTheOldNameOnRename() {
		TestMember member = new TestMember();
		rename(this.room, member, "first");
		rename(this.room, member, "second");
		assertThat(rename(this.room, new TestMember(), "first")).isEqualTo(Rename.DONE);
	}

	@Test
	void keepsTheNameAfterACaseOnlyRename() {
		TestMember alice = new TestMember();
		rename(this.room, alice, "alice");
		assertThat(rename(this.room, alice, "Alice")).isEqualTo(Rename.DONE);
		assertThat(alice.nick()).isEqualTo("Alice");
		assertThat(rename(this.room, new TestMember(), "ALICE")).isEqualTo(Rename.TAKEN);
		assertThat(this.room.holder("aLiCe")).isSameAs(alice);
	}

	@Test
	void keepsTheNameWhenAMemberLeavesAndFreesItOnDisconnect() {
		TestMember ann = new TestMember();
		rename(this.room, ann, "ann");
		this.room.join(ann);
		this.room.leave(ann);
		assertThat(this.room.who()).isEmpty();
		assertThat(rename(this.room, new TestMember(), "ANN")).isEqualTo(Rename.TAKEN);
		this.room.disconnect(ann);
		assertThat(rename(this.room, new TestMember(), "ANN")).isEqualTo(Rename.DONE);
	}

	@Test
	void refusesJoinsAndRenamesAfterDisconnect() {
		TestMember gone = new TestMember();
		TestMember watcher = new TestMember();
		this.room.join(watcher);
		this.room.disconnect(gone);
		assertThat(this.room.join(gone)).isFalse();
		assertThat(rename(this.room, gone, "ghost")).isEqualTo(Rename.GONE);
		assertThat(this.room.who()).containsExactly(watcher.nick());
		assertThat(this.room.holder("ghost")).isNull();
		assertThat(watcher.received).isEmpty();
	}

	/**
	 * Random sequences of renames, joins, leaves and disconnects, checked against a model
	 * after every step: names stay unique without regard to case, and every held name
	 * maps to exactly its holder.
	 */
	@Test
	void keepsNamesUniqueWithoutRegardToCaseAcrossRandomSequences() {
		List<String> pool = List.of("alice", "Alice", "ALICE", "bob", "BOB", "guest1", "GUEST2", "Guest3", "carol");
		for (long seed = 0; seed < 300; seed++) {
			Random random = new Random(seed);
			ChatRoom room = new ChatRoom();
			List<TestMember> live = new ArrayList<>();
			Set<TestMember> joined = new HashSet<>();
			for (int i = 0; i < 5; i++) {
				live.add(new TestMember());
			}
			for (int step = 0; step < 200; step++) {
				TestMember member = live.get(random.nextInt(live.size()));
				String history = "seed " + seed + " step " + step;
				switch (random.nextInt(7)) {
					case 0, 1, 2 -> {
						String wanted = pool.get(random.nextInt(pool.size()));
						TestMember holder = holderIn(live, wanted);
						Rename expected = (holder == null || holder == member) ? Rename.DONE : Rename.TAKEN;
						assertThat(rename(room, member, wanted)).as(history).isEqualTo(expected);
					}
					case 3, 4 -> {
						room.join(member);
						joined.add(member);
					}
					case 5 -> {
						room.leave(member);
						joined.remove(member);
					}
					default -> {
						room.disconnect(member);
						joined.remove(member);
						live.set(live.indexOf(member), new TestMember());
					}
				}
				assertInvariant(room, live, joined, pool, history);
			}
		}
	}

	@Test
	void leavesNoGhostWhenDisconnectRacesWithJoinAndRename() throws Exception {
		List<String> pool = List.of("ann", "ANN", "bob", "Bob", "cy", "CY", "dee");
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			for (int round = 0; round < 50; round++) {
				ChatRoom room = new ChatRoom();
				List<TestMember> members = new ArrayList<>();
				List<Future<?>> work = new ArrayList<>();
				CountDownLatch start = new CountDownLatch(1);
				for (int i = 0; i < 6; i++) {
					TestMember member = new TestMember();
					members.add(member);
					work.add(threads.submit(() -> churn(room, member, pool, start)));
					work.add(threads.submit(() -> {
						await(start);
						for (int spin = ThreadLocalRandom.current().nextInt(200); spin > 0; spin--) {
							Thread.onSpinWait();
						}
						room.disconnect(member);
					}));
				}
				start.countDown();
				for (Future<?> future : work) {
					future.get(10, TimeUnit.SECONDS);
				}
				assertThat(room.who()).as("round " + round).isEmpty();
				for (String name : pool) {
					assertThat(room.holder(name)).as("round %d, %s", round, name).isNull();
				}
				for (TestMember member : members) {
					assertThat(room.join(member)).isFalse();
				}
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static void churn(ChatRoom room, TestMember member, List<String> pool, CountDownLatch start) {
		await(start);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < 500; i++) {
			switch (random.nextInt(3)) {
				case 0 -> room.join(member);
				case 1 -> rename(room, member, pool.get(random.nextInt(pool.size())));
				default -> room.leave(member);
			}
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static TestMember holderIn(List<TestMember> live, String name) {
		return live.stream().filter((member) -> name.equalsIgnoreCase(member.nick())).findFirst().orElse(null);
	}

	private static void assertInvariant(ChatRoom room, List<TestMember> live, Set<TestMember> joined, List<String> pool,
			String history) {
		Map<String, TestMember> holders = new HashMap<>();
		for (TestMember member : live) {
			if (member.nick() != null) {
				TestMember previous = holders.put(member.nick().toLowerCase(Locale.ROOT), member);
				assertThat(previous).as(history + ": two members named " + member.nick()).isNull();
				assertThat(room.holder(member.nick())).as(history).isSameAs(member);
			}
		}
		for (String name : pool) {
			assertThat(room.holder(name)).as(history + ": holder of " + name)
				.isSameAs(holders.get(name.toLowerCase(Locale.ROOT)));
		}
		assertThat(room.who()).as(history)
			.containsExactlyInAnyOrderElementsOf(joined.stream().map(TestMember::nick).toList());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "has space", "dots.no", "abcdefghijklmnopqrstu", "ümlaut", "semi;colon" })
	void rejectsInvalidNames(String nick) {
		assertThat(rename(this.room, new TestMember(), nick)).isEqualTo(Rename.INVALID);
	}

	@Test
	void announcesJoinsRenamesAndLeavesToTheOthers() {
		TestMember a = new TestMember();
		TestMember b = new TestMember();
		rename(this.room, a, "ann");
		this.room.join(a);
		this.room.join(b);
		rename(this.room, b, "bob");
		this.room.leave(b);
		assertThat(a.received).containsExactly("* " + "guest1" + " joined", "* guest1 is now known as bob",
				"* bob left");
		assertThat(b.received).isEmpty();
	}

	@Test
	void relaysToEveryOtherMemberWithControlCharactersEscaped() {
		TestMember a = new TestMember();
		TestMember b = new TestMember();
		TestMember outsider = new TestMember();
		rename(this.room, a, "ann");
		this.room.join(a);
		this.room.join(b);
		a.received.clear();
		this.room.say(a, "bell\u0007 and \u001b[31mred\u0000");
		assertThat(b.received).containsExactly("<ann> bell\\x07 and \\x1B[31mred\\x00");
		this.room.say(a, "evil\u202Etxt.exe");
		assertThat(b.received).last().isEqualTo("<ann> evil\\u202Etxt.exe");
		assertThat(a.received).isEmpty();
		assertThat(outsider.received).isEmpty();
	}

	@Test
	void listsMembersSorted() {
		TestMember z = new TestMember();
		TestMember a = new TestMember();
		rename(this.room, z, "zed");
		rename(this.room, a, "Amy");
		this.room.join(z);
		this.room.join(a);
		assertThat(this.room.who()).containsExactly("Amy", "zed");
		this.room.disconnect(z);
		assertThat(this.room.who()).containsExactly("Amy");
	}

	static final class TestMember implements Member {

		final List<String> received = Collections.synchronizedList(new ArrayList<>());

		private volatile String nick;

		@Override
		public String nick() {
			return this.nick;
		}

		@Override
		public void nick(String nick) {
			this.nick = nick;
		}

		@Override
		public void deliver(Line line) {
			this.received.add(line.text());
		}

	}

}
