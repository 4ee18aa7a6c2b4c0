package io.tcpgateway.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.TcpDeserializationExceptionEvent;
import org.springframework.util.Assert;

/**
 * Spring Integration's deserializer for our connections: reads the lines that one read
 * brought in (at least one) through the connection's {@link LineReader}, and publishes a
 * deserialization event for a line that is too long.
 *
 * <p>
 * A batch per read, rather than a message per line, is what lets a client that pipelines
 * pay Spring Integration's per-message cost once per read.
 */
final class LineDeserializer implements Deserializer<List<byte[]>>, ApplicationEventPublisherAware {

	private ApplicationEventPublisher publisher = (event) -> {
	};

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public List<byte[]> deserialize(InputStream inputStream) throws IOException {
		Assert.isInstanceOf(LineReader.class, inputStream, "Connections must come from LineConnectionSupport");
		try {
			return ((LineReader) inputStream).readLines();
		}
		catch (LineTooLongException ex) {
			this.publisher.publishEvent(new TcpDeserializationExceptionEvent(this, ex, new byte[0], 0));
			throw ex;
		}
	}

}
