package io.tcpgateway.tcp;

import java.util.List;

import io.tcpgateway.connection.Connection;

/**
 * The payload of one inbound message: the complete lines one read brought in, in order.
 *
 * @param lines the lines, without their endings
 * @param bytes their size on the wire, endings included
 * @param connection the gateway's connection they came from, so that no lookup by id is
 * needed
 */
record LineBatch(List<String> lines, int bytes, Connection connection) {

}
