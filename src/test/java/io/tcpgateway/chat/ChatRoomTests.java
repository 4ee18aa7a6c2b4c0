package io.tcpgateway.chat;

import java.util.ArrayList;
import java.util.List;

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
		this.room.rename(taken, "GUEST1");
		TestMember guest = new TestMember();
		this.room.join(guest);
		assertThat(guest.nick()).isEqualTo("guest2");
	}

	@Test
	void keepsNamesUniqueWithoutRegardToCaseUntilTheHolderLeaves() {
		TestMember alice = new TestMember();
		TestMember other = new TestMember();
		assertThat(this.room.rename(alice, "Alice")).isEqualTo(Rename.DONE);
		assertThat(this.room.rename(other, "alice")).isEqualTo(Rename.TAKEN);
		this.room.disconnect(alice);
		assertThat(this.room.rename(other, "alice")).isEqualTo(Rename.DONE);
	}

	@Test
	void freesTheOldNameOnRename() {
		TestMember member = new TestMember();
		this.room.rename(member, "first");
		this.room.rename(member, "second");
		assertThat(this.room.rename(new TestMember(), "first")).isEqualTo(Rename.DONE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "has space", "dots.no", "abcdefghijklmnopqrstu", "ümlaut", "semi;colon" })
	void rejectsInvalidNames(String nick) {
		assertThat(this.room.rename(new TestMember(), nick)).isEqualTo(Rename.INVALID);
	}

	@Test
	void announcesJoinsRenamesAndLeavesToTheOthers() {
		TestMember a = new TestMember();
		TestMember b = new TestMember();
		this.room.rename(a, "ann");
		this.room.join(a);
		this.room.join(b);
		this.room.rename(b, "bob");
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
		this.room.rename(a, "ann");
		this.room.join(a);
		this.room.join(b);
		a.received.clear();
		this.room.say(a, "bell\u0007 and \u001b[31mred\u0000");
		assertThat(b.received).containsExactly("<ann> bell\\x07 and \\x1B[31mred\\x00");
		assertThat(a.received).isEmpty();
		assertThat(outsider.received).isEmpty();
	}

	@Test
	void listsMembersSorted() {
		TestMember z = new TestMember();
		TestMember a = new TestMember();
		this.room.rename(z, "zed");
		this.room.rename(a, "Amy");
		this.room.join(z);
		this.room.join(a);
		assertThat(this.room.who()).containsExactly("Amy", "zed");
		this.room.disconnect(z);
		assertThat(this.room.who()).containsExactly("Amy");
	}

	static final class TestMember implements Member {

		final List<String> received = new ArrayList<>();

		private String nick;

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
