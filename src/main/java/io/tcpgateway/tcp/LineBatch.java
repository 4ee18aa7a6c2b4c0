package io.tcpgateway.tcp;

import java.util.List;

/**
 * The payload of one inbound message: the complete lines one read brought in, in order.
 *
 * @param lines the lines, without their endings
 * @param bytes their size on the wire, endings included
 */
record LineBatch(List<String> lines, int bytes) {

}
