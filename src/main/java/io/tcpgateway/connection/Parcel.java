package io.tcpgateway.connection;

import java.util.function.Consumer;
import java.util.function.Function;

import io.tcpgateway.chat.Line;
import org.jspecify.annotations.Nullable;

/**
 * One line on its way to many connections, encoded once into a door's wire format and
 * shared by every lane of that door; used by one thread, and closed once handed over.
 */
public final class Parcel {

	private final Line line;

	private @Nullable Object encoded;

	private @Nullable Consumer<Object> release;

	public Parcel(Line line) {
		this.line = line;
	}

	public Line line() {
		return this.line;
	}

	/**
	 * The line in a wire format, encoded on the first call.
	 * @param <T> the encoded type
	 * @param encoder encodes the line
	 * @param release frees the encoding when the parcel closes, such as a buffer's
	 * release
	 * @return the encoding, shared: every lane that keeps it takes its own reference
	 */
	@SuppressWarnings("unchecked")
	public <T> T encoded(Function<Line, T> encoder, Consumer<T> release) {
		if (this.encoded == null) {
			this.encoded = encoder.apply(this.line);
			this.release = (Consumer<Object>) release;
		}
		return (T) this.encoded;
	}

	/**
	 * Frees the encoding, once every lane has taken what it keeps.
	 */
	public void close() {
		if (this.encoded != null && this.release != null) {
			this.release.accept(this.encoded);
		}
		this.encoded = null;
	}

}
