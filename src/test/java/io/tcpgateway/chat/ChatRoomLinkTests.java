package io.tcpgateway.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.tcpgateway.chat.ChatRoom.Rename;
import io.tcpgateway.chat.ChatRoomTests.TestMember;

import static io.tcpgateway.chat.ChatRoomTests.rename;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat room over a link to other nodes: what it claims, publishes and hands on.
 */
class ChatRoomLinkTests {

	private final FakeLink link = new FakeLink();

	private final ChatRoom room = new ChatRoom(this.link, Fanout.DIRECT);

	@Test
	void publishesJoinsRenamesLinesAndLeavesInOrder() {
		TestMember ann = new TestMember();
		rename(this.room, ann, "ann");
		this.room.join(ann);
		this.room.say(ann, "hi\u001b");
		rename(this.room, ann, "anna");
		this.room.leave(ann);
		assertThat(this.link.published).containsExactly(RoomEvent.joined("ann"), RoomEvent.said("ann", "hi\u001b"),
				RoomEvent.renamed("ann", "anna"), RoomEvent.left("anna"));
	}

	@Test
	void aNameAnotherNodeHoldsIsTaken() {
		this.link.heldElsewhere.add("bob");
		TestMember member = new TestMember();
		assertThat(rename(this.room, member, "bob")).isEqualTo(Rename.TAKEN);
		assertThat(rename(this.room, member, "bobby")).isEqualTo(Rename.DONE);
		assertThat(this.link.claimed).containsExactly("bob", "bobby");
	}

	@Test
	void guestNamesSkipNamesHeldElsewhere() {
		this.link.heldElsewhere.add("guest1");
		TestMember guest = new TestMember();
		this.room.join(guest);
		assertThat(guest.nick()).isEqualTo("guest2");
	}

	@Test
	void renamingToTheSameNameInAnotherCaseClaimsNothing() {
		TestMember member = new TestMember();
		rename(this.room, member, "cid");
		rename(this.room, member, "CID");
		assertThat(this.link.claimed).containsExactly("cid");
		assertThat(this.link.released).isEmpty();
	}

	@Test
	void releasesTheOldNameOnRenameAndTheNameOnDisconnect() {
		TestMember member = new TestMember();
		rename(this.room, member, "dan");
		rename(this.room, member, "dave");
		this.room.disconnect(member);
		assertThat(this.link.released).containsExactly("dan", "dave");
	}

	@Test
	void aRenameIsDoneOnlyOnceTheOldNameIsGivenBack() {
		TestMember member = new TestMember();
		rename(this.room, member, "eli");
		CompletableFuture<Void> givenBack = new CompletableFuture<>();
		this.link.releaseAnswer = givenBack;
		CompletableFuture<Rename> renaming = this.room.rename(member, "elle").toCompletableFuture();
		assertThat(this.link.released).containsExactly("eli");
		assertThat(renaming).isNotDone();
		givenBack.complete(null);
		assertThat(renaming).isCompletedWithValue(Rename.DONE);
	}

	@Test
	void handsRemoteEventsToEveryLocalMemberEscaped() {
		TestMember ann = new TestMember();
		TestMember bob = new TestMember();
		this.room.join(ann);
		this.room.join(bob);
		ann.received.clear();
		this.room.remote(RoomEvent.said("eve", "\u202Eevil"));
		this.room.remote(RoomEvent.left("eve"));
		assertThat(ann.received).containsExactly("<eve> \\u202Eevil", "* eve left");
		assertThat(bob.received).containsExactly("<eve> \\u202Eevil", "* eve left");
	}

	@Test
	void whoListsLocalAndRemoteMembersSortedWithoutRegardToCase() {
		this.link.remote.addAll(List.of("Zed", "bob"));
		TestMember ann = new TestMember();
		rename(this.room, ann, "Ann");
		this.room.join(ann);
		assertThat(this.room.who()).containsExactly("Ann", "bob", "Zed");
	}

	@Test
	void presentsTheLocalMembers() {
		TestMember ann = new TestMember();
		rename(this.room, ann, "ann");
		this.room.join(ann);
		TestMember outside = new TestMember();
		rename(this.room, outside, "out");
		this.room.present();
		assertThat(this.link.presented).containsExactly(List.of("ann"));
		assertThat(this.room.names()).containsExactlyInAnyOrder("ann", "out");
	}

	private static final class FakeLink implements RemoteRooms {

		final Set<String> heldElsewhere = new HashSet<>();

		final List<String> claimed = new ArrayList<>();

		final List<String> released = new ArrayList<>();

		final List<RoomEvent> published = new ArrayList<>();

		final List<List<String>> presented = new ArrayList<>();

		final List<String> remote = new ArrayList<>();

		CompletableFuture<Void> releaseAnswer = CompletableFuture.completedFuture(null);

		@Override
		public CompletableFuture<Boolean> claim(String name) {
			this.claimed.add(name);
			return CompletableFuture.completedFuture(!this.heldElsewhere.contains(name));
		}

		@Override
		public CompletableFuture<Void> release(String name) {
			this.released.add(name);
			return this.releaseAnswer;
		}

		@Override
		public void publish(RoomEvent event) {
			this.published.add(event);
		}

		@Override
		public void present(List<String> members) {
			this.presented.add(members);
		}

		@Override
		public List<String> remoteMembers() {
			return this.remote;
		}

	}

}
